## /start: in short, who you are and where to begin

start_about =
    I keep a sales department's numbers, as the article "Iron analytics" defines them: reps log calls, leads, meetings and payments in seconds.
    I draw the funnel, check the numbers against the plan and every evening send a digest to the team's chat.
start_setup = Let's set the team up first: time zone, working days, the plan, lead sources and invites for your reps. A couple of minutes, one question at a time; any step can be skipped.
start_setup_button = Set up the team
start_manager_ready = Where to look first: /today — plan vs fact today, /funnel — the funnel, /board — the live board. Every command: /help.
start_rep_log = Log your work as you go: /log gives one-tap buttons, or type it, e.g. <code>/call 75s</code> — a 75-second call.
start_rep_plan = <b>The plan for today</b>:
start_rep_no_plan = No plan for today yet: your manager has not set one.
start_rep_day_off = Today is your day off: no plan.
start_rep_more = Your numbers: /today and /stats. Every command: /help.

## /help: by task, in collapsed quotes

help_group_log = 📝 <b>Log the work</b>
help_group_numbers = 📊 <b>The numbers</b>
help_group_plans = 🎯 <b>Plans and digests</b>
help_group_team = 👥 <b>Team and settings</b>
help_group_integrations = 🔌 <b>Telephony, CRM and files</b>

help_log = /log — one-tap buttons: calls, leads, meetings
help_call = <code>/call 75s</code> — a 75-second call
help_calls = <code>/calls 85 260m</code> — the day's calls at once: 85 calls of 60 s+, 260 minutes on the line
help_lead = <code>/lead google targeted</code> — a targeted lead from google
help_meeting = <code>/meeting set Acme google @anna tomorrow 15:00</code> — a meeting set; then the buttons on its card
help_meetings = /meetings — my open meetings, with buttons
help_paid = <code>/paid 150000 #42</code> — a payment for meeting #42
help_proposal = <code>/proposal #42</code> — a commercial offer sent for meeting #42
help_undo = /undo — undo my last entry (within 24 hours)
help_history = /history — my last 10 entries, with Void buttons
help_sources = <code>/sources week</code> — the numbers of each lead source this week
help_funnel = <code>/funnel week</code> — this week's sales funnel, with a chart
help_stats = <code>/stats month</code> — all the numbers of this month
help_trend = /trend — week-by-week trend against the plan
help_top = <code>/top week</code> — this week's ranking by the main indicator
help_today = /today — plan vs fact today
help_week = /week — plan vs fact this week
help_month = /month — plan vs fact this month
help_diagnose = <code>/diagnose week</code> — what broke in the funnel this week
help_board = /board — the team's live board
help_report = <code>/report month</code> — this month's report as CSV and XLSX
help_tv = /tv — the board's link for the office TV
help_plan = /plan — the plan in force
help_setplan = <code>/setplan sdr calls_60 80-100</code> — an SDR's daily plan: 80-100 calls of 60 s+
help_workdays = <code>/workdays mon-fri</code> — the team's working days
help_dayoff = <code>/dayoff @ivan 2026-12-01..2026-12-03</code> — a member's days off (vacation, sick leave)
help_digest = <code>/digest week</code> — the week's digest, right now
help_schedule = /schedule — when digests and reminders go out
help_settime = <code>/settime digest 19:00</code> — the evening digest's time
help_start = /start — who you are in the team, and where to begin
help_help = /help — this help
help_lang = <code>/lang ru</code> — I will answer you in Russian
help_team = /team — the members and their roles
help_invite = <code>/invite sdr</code> — an invite link for an SDR (also hunter, farmer, manager)
help_invites = /invites — active invite links, to revoke them
help_role = <code>/role @ivan sdr hunter</code> — change a member's roles
help_remove = <code>/remove @ivan</code> — switch a member's access off
help_setchat = /setchat — send it in the team's group: digests go there
help_source = <code>/source add google</code> — add a lead source
help_settop = <code>/settop on</code> — let reps see the ranking
help_timezone = <code>/timezone Europe/Moscow</code> — the team's time zone
help_setup = /setup — set the team up step by step: time zone, days, plan, sources, invites
help_link = <code>/link 101</code> — link telephony extension 101 to yourself
help_unlink = <code>/unlink 101</code> — unlink a number
help_unmatched = /unmatched — telephony and CRM events without a rep
help_setting = <code>/setting calls telephony</code> — count calls from telephony only
help_import = /import — the caption of a CSV or Excel (.xlsx) file: import records
help_export = <code>/export 2026-11-01..2026-11-30</code> — a period's records as CSV; <code>/export excel</code> — for Russian Excel

## empty states: what to do to see numbers

empty_own =
    { $period }: you have logged nothing, so there are no numbers.
    To see them, log your work: /log gives one-tap buttons, or type <code>/call 75s</code> for a 75-second call.
empty_team_no_reps =
    { $period }: nothing logged yet — the team has no reps yet.
    Invite them: <code>/invite sdr</code> gives a link for an SDR, <code>/invite hunter</code> for a hunter, <code>/invite farmer</code> for a farmer.
    To see what the numbers look like, try the demo data: <code>python -m bot demo</code> with a separate test database (README, "Demo data").
empty_team =
    { $period }: nobody in the team has logged anything.
    Reps log their work with /log and <code>/call 75s</code>; who is in the team: /team; invite more: <code>/invite sdr</code>.
empty_setup = The team is not set up yet: /setup — time zone, working days, the plan and sources in a couple of minutes.
empty_member =
    { $name } · { $period }: nothing logged.
    Reps log their work with /log; the whole team's numbers: /stats.
empty_source =
    Source «{ $source }» · { $period }: nothing logged.
    A record names its source, e.g. <code>/lead google</code>; every source: /sources.
today_no_plan_yet = No plan yet: the manager has not set one.
today_plan_so_far = <b>The plan so far</b>:
today_plan_line = { $metric }: { $target }
today_manager =
    /today shows a rep's plan vs fact: <code>/today @ivan</code>.
    The whole team: /stats, /funnel and /board.
