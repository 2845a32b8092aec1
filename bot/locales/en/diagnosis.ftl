## diagnosis

usage_diagnose = Examples: /diagnose (this week), /diagnose last week, /diagnose month @ivan, /diagnose week google
cmd_diagnose = what broke in the funnel: /diagnose week
diag_header =
    🩺 <b>Diagnosis · { $subject }</b> · { $period }
    Compared with the average of { $baseline ->
        [one] { $baseline } equivalent period
       *[other] { $baseline } equivalent periods
    } ({ $first } … { $last }).
diag_future = The period { $period } has not started: nothing to diagnose.
diag_subject_all = the whole department
diag_subject_team = the whole team
diag_subject_source = source { $source }
diag_subject_no_source = records without a source
diag_vs_own = baseline
diag_vs_team = team baseline
diag_compared = { $metric } { $now } ({ $base } { $baseline }{ $change }){ $low }
diag_finding = <b>{ $number }. { $situation }</b> — { $subject }
diag_situation_1 = Many meetings, but few or no payments
diag_situation_2 = Many meetings set, but few held
diag_situation_3 = Few meetings set
diag_fell = Fell: { $what }
diag_behind_plan =
    { $now ->
        [one] { $now } meeting
       *[other] { $now } meetings
    } set against a plan of at least { $plan }
diag_normal = Normal: { $what }
diag_checks = Check:
diag_check = { $n }) { $name }: { $what }{ $verdict }
diag_low = {" "}— low
diag_check_listen = { $n }) Listen to the SDR's calls: how the meeting was booked — the client may have been given the wrong expectations.
diag_check_sources = { $n }) Old source or new: { $sources }
diag_source_part = { $source } { $now } (baseline { $baseline }){ $low }
diag_no_sources = no meetings with a source in this period
diag_checkname_targeted_share = were the meetings set with targeted leads (targeted share)
diag_checkname_confirmation = conversion from set to confirmed and to held
diag_checkname_calls_60 = does the SDR make enough calls
diag_checkname_minutes_on_line = enough minutes on the line
diag_checkname_leads_new = does the SDR have enough new leads
diag_step = ➡ <b>What broke:</b> { $step }
diag_step_non_targeted_leads = meetings are set with non-targeted leads
diag_step_weak_source = a source brings the wrong clients
diag_step_not_confirmed = clients do not confirm: find out why
diag_step_confirmed_not_come = confirmed clients do not come
diag_step_low_calls = too few calls
diag_step_low_minutes = too few minutes on the line
diag_step_few_leads = too few new leads
diag_thin = { $subject }: not enough data to draw conclusions yet. Wait until more meetings come in.
diag_fine =
    { $subject }: the main indicators are normal.
    { $numbers }
diag_all_fine = The main indicators are normal: nothing fell.
diag_all_thin = Not enough data to draw conclusions: a few weeks of records are needed.
diag_button_reps = By rep
diag_button_sources = By source
diag_chart_now = now
diag_chart_title = { $situation } · { $subject }
diag_drill_reps = <b>By rep</b> · { $period } (baseline in brackets)
diag_drill_sources = <b>By source</b> · { $period } (baseline in brackets)
diag_drill_number = { $metric } { $now } ({ $baseline }){ $low }
diag_drill_line = { $mark } <b>{ $subject }</b>: { $numbers }
diag_drill_thin = ⚪ { $subject }: not enough data
diag_drill_empty = Nobody to show yet.
diag_digest_title = <b>What to check</b>:
diag_digest_line = 🩺 { $subject }: { $situation } — { $numbers }
diag_line_plan =
    { $now ->
        [one] { $now } meeting
       *[other] { $now } meetings
    } set against a plan of at least { $plan }
diag_digest_more = { $more } more in /diagnose
diag_digest_see = Details: /diagnose
settime_pace_done = Done: at { $time } ({ $zone }) on working days, managers get a private list of reps behind the day's pace. Next: { $next }. To switch off: /settime pace off
settime_pace_off = Done: the pace alert is off.
schedule_pace = Pace alert to managers: { $time }
schedule_pace_off = Pace alert to managers: off (/settime pace 13:00)
run_kind_pace = pace alert
pace_title =
    ⏱ <b>Pace at { $time }</b> · { $team }
    By now { $share } of the day's plan (lower bound) should be done. Behind:
pace_line = 🔴 { $name }: { $items }
pace_item = { $metric } { $fact } of ~{ $expected }
pace_footer = Anyone's plan vs fact: /today @name
