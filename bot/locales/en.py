"""English texts. Placeholders are str.format fields; values are HTML-escaped."""

MESSAGES: dict[str, str] = {
    # access
    "private_bot": (
        "Hi! This bot is private: it keeps the numbers of one sales team.\n"
        "Ask your manager for an invite link."
    ),
    "deactivated": (
        "Your access to «{team}» is switched off. If that is a mistake, "
        "ask your manager for a new invite link."
    ),
    "managers_only": "Only managers can do that. Your roles: {roles}.",
    "error_generic": "Something went wrong, nothing was saved. Please try again in a minute.",
    "unknown_command": "I don't know that command. /help shows what you can do.",
    # roles
    "role_sdr": "SDR (lead generator)",
    "role_hunter": "hunter (closer)",
    "role_farmer": "farmer (account manager)",
    "role_manager": "manager",
    "roles_none": "no roles yet",
    # start / help
    "welcome": "Hi, {name}! You are in «{team}» as {roles}.",
    "help_header": "What you can do:",
    "help_manager_header": "Manager commands:",
    "help_footer": "Replies come in your language; change it with /lang.",
    "cmd_log": "one-tap buttons: calls, leads, meetings",
    "cmd_call": "a call: /call 75s, /call 4m in google",
    "cmd_calls": "the day's calls in bulk: /calls 85 260m",
    "cmd_lead": "a lead: /lead google targeted",
    "cmd_meeting": "a meeting: /meeting set Acme google @anna tomorrow 15:00",
    "cmd_meetings": "my open meetings, with buttons",
    "cmd_paid": "a payment: /paid 150000 #42 or /paid 150k Acme",
    "cmd_proposal": "a commercial offer sent: /proposal #42",
    "cmd_undo": "undo my last entry (24 h)",
    "cmd_history": "my last 10 entries, with Void buttons",
    "cmd_sources": "the team's lead sources",
    "cmd_source": "manage sources: /source add google",
    "cmd_import": "send a CSV with the caption /import",
    "cmd_export": "all records as CSV: /export",
    "cmd_start": "start and see your roles",
    "cmd_help": "what this bot can do",
    "cmd_lang": "language: /lang en or /lang ru",
    "cmd_team": "team members and their roles",
    "cmd_invite": "invite link for a role: /invite sdr",
    "cmd_invites": "active invite links, revoke",
    "cmd_role": "change roles: /role @ivan sdr hunter",
    "cmd_remove": "switch a member off: /remove @ivan",
    "cmd_setchat": "send in the team group: digests go there",
    # language
    "lang_current": "Your language: English. To switch: /lang ru or /lang en.",
    "lang_set": "Done: I will speak English with you.",
    "lang_usage": "Which language? Example: /lang ru or /lang en.",
    # invites
    "invite_usage": (
        "Which role is the invite for? Roles: sdr, hunter, farmer, manager.\nExample: /invite sdr"
    ),
    "invite_unknown_role": (
        "I don't know the role «{role}». Roles: sdr, hunter, farmer, manager.\n"
        "Example: /invite hunter"
    ),
    "invite_created": (
        "Invite link for {role}, valid until {expires}:\n{link}\n\n"
        "Anyone who opens it joins «{team}» as {role}. "
        "Send it to your reps privately; revoke it any time with /invites."
    ),
    "invites_header": "Active invite links of «{team}»:",
    "invites_item": "{n}. {role}, until {expires}\n{link}",
    "invites_empty": "There are no active invite links. Create one: /invite sdr",
    "invite_revoke_button": "Revoke #{n} ({role})",
    "invite_revoked": "Invite link revoked.",
    "invite_already_revoked": "That link was already revoked or has expired.",
    "invite_invalid": (
        "This invite link has expired or was revoked. Ask your manager for a new one."
    ),
    "joined": "Welcome to «{team}», {name}! Your roles: {roles}.",
    "joined_role_added": "You are already in «{team}»; role added. Your roles: {roles}.",
    "joined_already": "You are already in «{team}» with that role. Your roles: {roles}.",
    "joined_notify_managers": "{name} joined «{team}» as {role}.",
    # team
    "team_header": "«{team}», {count} members:",
    "team_line": "{n}. {name}{username}: {roles}",
    "team_inactive": " (switched off)",
    "team_footer": "Managers: /role {n} sdr hunter, /remove {n}.",
    "member_usage_role": (
        "Whom and which roles? Name the member as in /team: by number, @username or name.\n"
        "Example: /role @ivan sdr hunter"
    ),
    "member_usage_remove": (
        "Whom to switch off? Name the member as in /team: by number, @username or name.\n"
        "Example: /remove @ivan"
    ),
    "member_not_found": "I can't find «{query}» in the team. /team shows the list.",
    "member_ambiguous": "«{query}» matches several people: {names}. Use the number from /team.",
    "role_unknown": "I don't know the role «{role}». Roles: sdr, hunter, farmer, manager.",
    "roles_updated": "{name}: roles are now {roles}.",
    "last_manager": "The team must keep at least one active manager; nothing changed.",
    "admin_keeps_manager": (
        "{name} is a bootstrap admin (ADMIN_IDS) and stays a manager; nothing changed."
    ),
    "member_removed": "{name} is switched off. Their history stays and counts in past reports.",
    "member_already_removed": "{name} is already switched off.",
    "member_reactivated": "{name} is back in the team.",
    # groups
    "setchat_done": "Done: digests of «{team}» will come to this chat.",
    "setchat_private": "Send /setchat in the team's group chat, where digests should go.",
    "group_hello_manager": (
        "Hi! I am the team's sales numbers bot. "
        "Send /setchat here to get the evening digests in this chat."
    ),
    "group_not_allowed": (
        "Only a manager of the team can add me to a group, so I am leaving. "
        "Ask your manager to add me."
    ),
    # --- logging (issue: calls, leads, meetings, payments, proposals) ---
    "saved": "✔️ Saved for {name}: {entry}",
    "undo_button": "↩️ Undo",
    "void_button": "✖️ Void #{n}",
    "voided": "↩️ Voided: {entry}",
    "entry_call": "📞 call {duration}, {direction}{source}{client}, {day}",
    "entry_calls": "📞 {count} calls of 1 min+, {minutes} min on the line, {day}",
    "entry_lead": "🧲 lead #{lead_id}{source}{qualification}{client}, {day}",
    "entry_lead_qualified": "🧲 lead #{lead_id} is now {qualification}",
    "entry_meeting_set": "🤝 meeting #{meeting_id} set: {client}{source}{hunter}{when}, {day}",
    "entry_meeting_confirmed": "✅ meeting #{meeting_id} confirmed{client}, {day}",
    "entry_meeting_held": "🏁 meeting #{meeting_id} held{client}, {day}",
    "entry_meeting_cancelled": "✖️ meeting #{meeting_id} cancelled{client}, {day}",
    "entry_meeting_no_show": "🚫 meeting #{meeting_id}: client did not come{client}, {day}",
    "entry_payment_new": "💰 payment {amount} for meeting #{meeting_id}{client}, {day}",
    "entry_payment_repeat": "💰 repeat sale {amount}: {client}, {day}",
    "entry_proposal": "📄 proposal sent{meeting}, {day}",
    "entry_import": "📥 import of {rows} rows",
    "entry_void_mark": " (void)",
    "dir_in": "incoming",
    "dir_out": "outgoing",
    "qual_targeted": "targeted",
    "qual_non_targeted": "non-targeted",
    "with_source": ", source {source}",
    "with_client": ", {client}",
    "with_hunter": ", hunter {hunter}",
    "with_when": ", on {when}",
    "with_meeting": " for meeting #{meeting_id}",
    "no_client": "no client name",
    "usage_call": (
        "How long was the call? Examples: /call 75s, /call 2m30s, /call 1:15, "
        "/call 4m in google, /call 3m yesterday"
    ),
    "usage_calls": (
        "How many calls of 1 min+ and how many minutes on the line? Example: /calls 85 260m "
        "(85 calls, 260 minutes), /calls 85 260m yesterday"
    ),
    "usage_lead": (
        "Examples: /lead google, /lead google targeted, /lead yandex non, "
        "/lead 17 targeted (qualify lead #17)"
    ),
    "usage_meeting": (
        "Examples: /meeting set Acme LLC google @anna tomorrow 15:00, /meeting confirm 42, "
        "/meeting held 42, /meeting noshow 42, /meeting cancel 42"
    ),
    "usage_paid": (
        "Examples: /paid 150000 #42 (payment for meeting 42), /paid 150k Acme LLC "
        "(repeat sale to an existing client)"
    ),
    "usage_proposal": "Examples: /proposal, /proposal #42",
    "err_bad_duration": "«{value}» is not a duration: use 75s, 2m30s or 1:15.",
    "err_duration_ambiguous": "«{value}»: seconds or minutes? Write 75s or 2m.",
    "err_duration_negative": "A call cannot last «{value}».",
    "err_duration_too_long": "«{value}» is over 4 hours: that cannot be one call.",
    "err_amount_not_positive": "The amount must be more than zero, got «{value}».",
    "err_amount_too_large": "«{value}» is too large for one payment.",
    "err_day_in_future": "«{value}» is in the future: entries can only be backdated.",
    "err_day_too_old": "«{value}» is too long ago: the earliest day you can log is {limit}.",
    "err_bad_day": "«{value}» is not a day I understand: use yesterday or 2026-11-26.",
    "err_bad_time": "«{value}» is not a time: use 15:00.",
    "err_meeting_time_out_of_range": "«{value}» is too far from today for a meeting.",
    "err_count_out_of_range": "«{value}» is not a sensible number of calls.",
    "err_bad_amount": "«{value}» is not an amount: use 150000, 150 000, 150k or 1.5m.",
    "err_extra_words": "I did not understand «{value}».",
    "calls_minutes_too_few": (
        "{count} calls of at least a minute take at least {count} minutes on the line, "
        "not {minutes}."
    ),
    "refused_meeting_not_found": "There is no meeting #{meeting_id}. /meetings lists yours.",
    "refused_meeting_not_yours": (
        "Meeting #{meeting_id} is not yours: only its setter, its hunter or a manager can change it."
    ),
    "refused_meeting_lifecycle": "Meeting #{meeting_id} is already {current}: it cannot be {event} now.",
    "refused_meeting_step_too_early": "Meeting #{meeting_id} already has a step on {last_day}: the next step cannot be dated earlier.",
    "refused_payment_before_held": "Meeting #{meeting_id} was held on {held_day}: its payment cannot be dated earlier.",
    "refused_meeting_not_held": (
        "Meeting #{meeting_id} is {current}, not held: record the payment after it is held "
        "(/meeting held {meeting_id})."
    ),
    "refused_lead_not_found": "There is no lead #{lead_id}.",
    "refused_lead_not_yours": "Lead #{lead_id} is someone else's: only they or a manager can qualify it.",
    "refused_entry_not_found": "There is no entry #{entry_id}.",
    "refused_entry_already_void": "That entry is already void.",
    "refused_entry_not_yours": "That entry is someone else's: only they or a manager can void it.",
    "refused_void_later_first": (
        "Meeting #{meeting_id} has later steps or payments: undo those first (/history)."
    ),
    "nothing_to_undo": "Nothing to undo: you have no entries from the last 24 hours.",
    "hunter_unknown": "There is no hunter «{name}» in the team. Hunters: {hunters}.",
    "meeting_client_missing": "Who is the meeting with? Example: /meeting set Acme LLC google @anna",
    "status_set": "set",
    "status_confirmed": "confirmed",
    "status_held": "held",
    "status_cancelled": "cancelled",
    "status_no_show": "no-show",
    "status_void": "void",
    "event_confirmed": "confirmed",
    "event_held": "held",
    "event_cancelled": "cancelled",
    "event_no_show": "marked as no-show",
    "btn_confirm": "✅ Confirmed",
    "btn_held": "🏁 Held",
    "btn_noshow": "🚫 No-show",
    "btn_cancel": "✖️ Cancel",
    "meeting_card": (
        "🤝 Meeting #{meeting_id}: {client}\nStatus: {status}\nSource: {source}\n"
        "Set by: {setter}\nHunter: {hunter}\nWhen: {when}{paid}"
    ),
    "meeting_card_paid": "\nPaid: {amount}",
    "not_given": "—",
    "meeting_for_hunter": "You have a new meeting from {setter}:",
    "meetings_line": "#{meeting_id} {client} · {when} · {status}{hunter}",
    "meeting_unknown_action": "What should happen to the meeting? set, confirm, held, noshow or cancel.",
    "meeting_number_missing": "Which meeting? Give its number, e.g. 42 or #42.",
    "meetings_header": "Your open meetings:",
    "meetings_empty": "You have no open meetings.",
    "meetings_more": "…and {count} more.",
    "history_header": "Your last entries:",
    "history_header_of": "Last entries of {name}:",
    "history_empty": "No entries yet.",
    "history_line": "#{n} {entry}",
    "usage_history": "Example: /history, or for a manager: /history @ivan",
    "log_header": "One tap logs an entry for today. Logged today: {summary}",
    "log_summary": "📞 {calls} · ⏱ {minutes} min · 🧲 {leads} · 🤝 {set} · 🏁 {held}",
    "log_last": "Last: {entry}",
    "log_call_1": "📞 call 1 min",
    "log_call_3": "📞 call 3 min",
    "log_call_5": "📞 call 5 min",
    "log_call_short": "📞 no answer (0 s)",
    "log_lead": "🧲 lead",
    "log_lead_targeted": "🎯 targeted lead",
    "log_meeting_set": "🤝 meeting set",
    "log_proposal": "📄 proposal",
    "log_meetings": "🏁 my meetings",
    "log_undo": "↩️ undo last",
    "log_saved_toast": "Saved: {entry}",
    # sources
    "sources_header": "Lead sources of «{team}»:",
    "sources_line": "• {name}{aliases}",
    "sources_aliases": " (also: {aliases})",
    "sources_empty": "No sources yet. A manager adds them: /source add google",
    "sources_free_on": "Reps may name new sources; they are added as they come.",
    "sources_footer": "Managers: /source add NAME, /source rename OLD NEW, /source merge OLD INTO, /source alias NAME ALIAS, /source free on|off",
    "source_unknown": "I don't know the source «{name}». Sources: {sources}.",
    "source_suggest": " Did you mean «{suggestion}»?",
    "source_added": "Source «{name}» added.",
    "source_renamed": "Source «{old}» is now «{name}»; the old name still works.",
    "source_merged": "«{old}» is merged into «{name}»: its records count there now.",
    "source_aliased": "«{alias}» now means «{name}».",
    "source_exists": "There is already a source «{name}».",
    "source_same": "That is the same source: «{name}».",
    "source_name_empty": "The source needs a name.",
    "source_free_set_on": "Done: reps may name new sources.",
    "source_free_set_off": "Done: only sources on the list are accepted.",
    "usage_source": (
        "Examples: /source add google, /source rename google Google Ads, "
        "/source merge yandex.direct yandex, /source alias google гугл, /source free on"
    ),
    # import / export
    "import_usage": "Send the CSV file with the caption /import (add --dry-run to only check it).",
    "import_ok": "📥 Imported {count} rows ({details}). Skipped as already imported: {skipped}.",
    "import_dry_ok": "📥 The file is valid: {count} rows would be imported ({details}); nothing was written.",
    "import_failed": "📥 Nothing was imported: {count} bad rows.\n{errors}",
    "import_not_csv": "That is not a CSV file I can read (UTF-8, comma-separated).",
    "import_too_big": "The file is too large for Telegram import (over {limit} MB): use python -m bot import.",
    "export_caption": "📤 Records of «{team}»{period}: {count} rows.",
    "usage_export": "Examples: /export, /export 2026-11-01..2026-11-30",
    # --- metrics ---
    "m_calls_60": "calls of 1 min+",
    "m_minutes_on_line": "minutes on the line",
    "m_leads_new": "new leads",
    "m_leads_targeted": "targeted leads",
    "m_leads_non_targeted": "non-targeted leads",
    "m_meetings_set": "meetings set",
    "m_meetings_confirmed": "meetings confirmed",
    "m_meetings_held": "meetings held",
    "m_conv_call_to_set": "call → set",
    "m_conv_set_to_confirmed": "set → confirmed",
    "m_conv_confirmed_to_held": "confirmed → held",
    "m_conv_set_to_held": "set → held",
    "m_conv_held_to_paid": "held → paid",
    "m_calls_total": "all calls",
    "m_meetings_cancelled": "meetings cancelled",
    "m_meetings_no_show": "no-shows",
    "m_meetings_paid": "meetings paid",
    "m_payments": "payments",
    "m_revenue": "revenue",
    "m_avg_check": "average check",
    "m_targeted_share": "targeted share",
    "m_meetings_held_as_hunter": "meetings held (as hunter)",
    "m_meetings_paid_as_hunter": "meetings paid (as hunter)",
    "m_payments_as_hunter": "payments (as hunter)",
    "m_revenue_as_hunter": "revenue (as hunter)",
    "m_avg_check_as_hunter": "average check (as hunter)",
    "m_conv_held_to_paid_as_hunter": "held → paid (as hunter)",
    "m_sales_cycle_days_as_hunter": "sales cycle, days (median)",
    "m_proposals": "proposals sent",
    "m_repeat_payments": "repeat sales",
    "m_repeat_revenue": "repeat revenue",
    "m_repeat_avg_check": "repeat average check",
    "m_active_clients": "active clients",
    "main_indicator": "main indicator",
    "funnel_title": "{subject}: sales funnel",
    "funnel_caption": (
        "<b>{subject}</b> · {period}{mode}\n"
        "📞 calls of 1 min+: {calls_60} · ⏱ {minutes} min on the line\n"
        "🧲 leads: {leads} (targeted {targeted_share})\n"
        "🤝 set {set} → confirmed {confirmed} ({c1}) → held {held} ({c2}) → paid {paid} ({c3})\n"
        "set → held: {set_to_held} · call → set: {call_to_set}\n"
        "💰 payments: {payments} · revenue {revenue}"
    ),
    "funnel_caption_hunter": (
        "<b>{subject}</b> · {period}{mode}\n"
        "🏁 meetings held: {held} · 📄 proposals: {proposals}\n"
        "💰 paid meetings: {paid} ({conv}) · payments {payments} · revenue {revenue}\n"
        "average check {avg_check} · sales cycle {cycle} days"
    ),
    "funnel_caption_farmer": (
        "<b>{subject}</b> · {period}{mode}\n"
        "📞 calls: {calls_total} (of 1 min+: {calls_60})\n"
        "💰 repeat sales: {payments} · revenue {revenue} · average check {avg_check}\n"
        "active clients: {clients}"
    ),
    "mode_cohort": " · cohort",
    "team_subject": "Team «{team}»",
    "source_subject": "Source {source}",
    "no_source": "no source",
    "stage_calls_60": "Calls 1 min+",
    "stage_calls_total": "All calls",
    "stage_meetings_set": "Set",
    "stage_meetings_confirmed": "Confirmed",
    "stage_meetings_held": "Held",
    "stage_meetings_paid": "Paid",
    "stage_meetings_held_as_hunter": "Held",
    "stage_proposals": "Proposals",
    "stage_meetings_paid_as_hunter": "Paid",
    "stage_repeat_payments": "Repeat sales",
    "funnel_footer": "Leads {leads} (targeted {share}) · minutes on line {minutes} · revenue {revenue}",
    "usage_funnel": "Examples: /funnel, /funnel week, /funnel last month cohort, /funnel month @ivan, /funnel week google",
    "usage_stats": "Examples: /stats, /stats week, /stats last month @ivan",
    "usage_report": "Examples: /report month, /report last month cohort",
    "usage_top": "Examples: /top, /top week, /top last month",
    "period_unknown": "I don't understand the period «{value}».",
    "subject_unknown": "«{value}» is neither a team member nor a source.",
    "only_own_numbers": "You can see your own numbers; managers see everyone's.",
    "stats_header": "<b>{subject}</b> · {period}{mode}",
    "stats_section_sdr": "SDR",
    "stats_section_hunter": "Hunter",
    "stats_section_farmer": "Farmer",
    "sources_report_header": "<b>Sources</b> · {period}",
    "sources_report_line": "<b>{source}</b>: leads {leads} (targeted {share}) · set {set} · held {held} · paid {paid} · held → paid {conv}",
    "sources_report_empty": "No leads or meetings in this period.",
    "sources_hint": "Per-source numbers: /sources week, /sources month",
    "chart_sources_title": "Sources · {period}",
    "series_leads_new": "Leads",
    "series_targeted_share": "Targeted share",
    "series_meetings_set": "Set",
    "series_meetings_held": "Held",
    "series_meetings_paid": "Paid",
    "series_conv_held_to_paid": "Held → paid",
    "top_header": "<b>Top</b> · {period}",
    "top_role": "<b>{role}</b> — by {metric}:",
    "top_line": "{place}. {name}: {value}",
    "top_nobody": "no one with this role",
    "top_hidden": "The ranking is for managers. A manager can open it to everyone: /settop on",
    "top_visibility_on": "Done: reps can see /top now.",
    "top_visibility_off": "Done: /top is for managers only.",
    "usage_settop": "Example: /settop on or /settop off",
    "report_caption": "📊 «{team}» · {period}{mode}: one row per person and a total row.",
    "cmd_funnel": "the funnel chart: /funnel week",
    "cmd_stats": "all my numbers: /stats month",
    "cmd_top": "ranking by the main indicator",
    "cmd_report": "the report as CSV and XLSX: /report month",
    "cmd_settop": "let reps see /top: /settop on",
    # --- plans ---
    "plan_header": "<b>Daily plan of {subject}</b> (working days: {workdays}):",
    "plan_header_team": "<b>Daily plan of «{team}»</b> (working days: {workdays}):",
    "plan_role": "<b>{role}</b>",
    "plan_line": "{metric}: {target}{weekdays}",
    "plan_weekday": "{weekday}: {target}",
    "plan_override": " (personal)",
    "plan_empty": "No plan is set. A manager sets one: /setplan sdr calls_60 80-100",
    "plan_days_off": "Days off: {ranges}",
    "usage_setplan": "Examples: /setplan sdr calls_60 80-100, /setplan @ivan meetings_set 4, /setplan sdr calls_60 60 fri, /setplan @ivan reset",
    "setplan_done": "Plan set: {subject} · {metric} {target} a day{weekday}.",
    "setplan_reset": "Personal plan of {subject} removed: the role plan applies again.",
    "setplan_bad_metric": "«{metric}» cannot be planned for {subject}. Plannable: {metrics}.",
    "plan_err_bad_target": "«{value}» is not a target: use 80-100 or 4.",
    "plan_err_lower_above_goal": "In «{value}» the lower bound is above the goal.",
    "plan_err_negative": "«{value}»: a plan cannot be negative.",
    "plan_err_bad_weekdays": "«{value}» are not weekdays: use mon-fri or пн-пт.",
    "usage_workdays": "Example: /workdays mon-fri, /workdays пн-сб",
    "workdays_set": "Working days of «{team}»: {workdays}.",
    "usage_dayoff": "Example: /dayoff @ivan 2026-12-01..2026-12-03 (sick leave, vacation)",
    "dayoff_set": "{name} is off {first}–{last}: no plan on those days.",
    "today_header": "<b>{subject}</b> · {period}: plan vs fact so far",
    "today_line": "{mark} {metric}: <b>{fact}</b> of {target}{left}{forecast}",
    "today_left": " · left today {left}",
    "today_forecast": " · forecast for the period {forecast}",
    "today_day_off": "Today is not a working day for {subject}: no plan.",
    "today_no_plan": "{subject} has no plan for this period.",
    "status_legend": "🔴 behind · 🟡 on track · 🟢 done",
    "cmd_plan": "the plan in force: /plan, /plan @ivan",
    "cmd_today": "plan vs fact today",
    "cmd_week": "plan vs fact this week",
    "cmd_month": "plan vs fact this month",
    "cmd_setplan": "set a daily plan: /setplan sdr calls_60 80-100",
    "cmd_workdays": "working days: /workdays mon-fri",
    "cmd_dayoff": "a day off: /dayoff @ivan 2026-12-01..2026-12-03",
    # --- digests ---
    "digest_title_day": "📊 <b>Evening digest · {team}</b> · {period}",
    "digest_title_week": "📊 <b>Weekly digest · {team}</b> · {period}",
    "digest_title_month": "📊 <b>Monthly digest · {team}</b> · {period}",
    "digest_team": "<b>Team</b>: meetings held {held}{held_plan} · payments {payments} · revenue {revenue}",
    "digest_vs_plan": " of {target}",
    "digest_reps": "<b>Reps</b>:",
    "digest_rep": "{mark} {name}: {numbers}",
    "digest_rep_off": "⚪ {name}: day off",
    "digest_number": "{metric} {fact}{target}",
    "digest_compare": "<b>Compared with {previous}</b>: meetings held {held} ({held_delta}) · payments {payments} ({payments_delta}) · revenue {revenue} ({revenue_delta})",
    "digest_no_reps": "No reps in the team yet: /invite sdr",
    "digest_chart_title": "Plan vs fact · {period}",
    "usage_digest": "Examples: /digest (today), /digest week, /digest month, /digest me (private copies)",
    "cmd_digest": "preview the digest: /digest, /digest week; private copies: /digest me",
    "usage_digest_me": "Examples: /digest me (get every digest privately too), /digest me off",
    "digest_me_on": "Done: you will also get every digest here, privately. To stop: /digest me off",
    "digest_me_off": "Done: no more private copies of the digests.",
    # --- schedule ---
    "nudge": "👋 {name}, nothing has been logged in the bot today yet. If you made calls or meetings, log them now: /call 75s, /calls 40 120m, or /log for one-tap buttons.",
    "usage_settime": "Examples: /settime digest 19:00 (the evening digest), /settime nudge 18:30 (a private reminder to reps who logged nothing), /settime nudge off",
    "settime_bad_time": "«{value}» is not a time of day. Use HH:MM, for example: /settime digest 19:00",
    "settime_digest_done": "Done: the evening digest of «{team}» comes at {time} ({zone}) on working days ({workdays}). Next: {next}.",
    "settime_nudge_done": "Done: at {time} ({zone}) on working days, reps who have logged nothing that day get a private reminder. Next: {next}. To switch off: /settime nudge off",
    "settime_nudge_off": "Done: the reminder is off.",
    "usage_timezone": "Example: /timezone Europe/Moscow (or Asia/Vladivostok, Asia/Yekaterinburg). Now: {zone}.",
    "timezone_unknown": "I do not know the time zone «{zone}». Use an IANA name, for example: /timezone Europe/Moscow",
    "timezone_done": "Done: «{team}» is on {zone} time (it is {local} there now). The digest comes at {time} local time; next: {next}. Days already logged keep their dates.",
    "schedule_title": "<b>Schedule of «{team}»</b> · {zone}, now {local}",
    "schedule_day": "Evening digest: {time} on {workdays} · next {next}",
    "schedule_week_month": "Weekly digest: Mondays 09:00 · next {week}\nMonthly digest: the 1st, 09:00 · next {month}",
    "schedule_chat_set": "Digests go to the team chat.",
    "schedule_chat_unset": "No team chat yet: digests go to the managers privately. Send /setchat in the team's group.",
    "schedule_private": "Private copies: {names}",
    "schedule_private_none": "Private copies: nobody (/digest me)",
    "schedule_nudge": "Reminder to reps who logged nothing: {time}",
    "schedule_nudge_off": "Reminder to reps who logged nothing: off (/settime nudge 18:30)",
    "schedule_never": "never",
    "schedule_runs": "<b>Recent</b>:",
    "schedule_run": "{mark} {kind} {period}: {status}, {when}",
    "run_kind_day": "evening digest",
    "run_kind_week": "weekly digest",
    "run_kind_month": "monthly digest",
    "run_kind_nudge": "reminder",
    "run_status_sent": "sent",
    "run_status_sending": "being sent",
    "run_status_failed": "failed",
    "run_status_missed": "missed (the bot was down)",
    "run_status_interrupted": "interrupted by a restart",
    "cmd_schedule": "when digests and reminders go out",
    "cmd_settime": "digest time: /settime digest 19:00",
    "cmd_timezone": "team time zone: /timezone Europe/Moscow",
}
