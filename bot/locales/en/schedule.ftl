## schedule

nudge = 👋 { $name }, nothing has been logged in the bot today yet. If you made calls or meetings, log them now: /call 75s, /calls 40 120m, or /log for one-tap buttons.
usage_settime = Examples: /settime digest 19:00 (the evening digest), /settime nudge 18:30 (a private reminder to reps who logged nothing), /settime pace 13:00 (managers: who is behind the day's pace), /settime nudge off
settime_bad_time = «{ $value }» is not a time of day. Use HH:MM, for example: /settime digest 19:00
settime_digest_done = Done: the evening digest of «{ $team }» comes at { $time } ({ $zone }) on working days ({ $workdays }). Next: { $next }.
settime_nudge_done = Done: at { $time } ({ $zone }) on working days, reps who have logged nothing that day get a private reminder. Next: { $next }. To switch off: /settime nudge off
settime_nudge_off = Done: the reminder is off.
usage_timezone = Example: /timezone Europe/Moscow (or Asia/Vladivostok, Asia/Yekaterinburg). Now: { $zone }.
timezone_unknown = I do not know the time zone «{ $zone }». Use an IANA name, for example: /timezone Europe/Moscow
timezone_done = Done: «{ $team }» is on { $zone } time (it is { $local } there now). The digest comes at { $time } local time; next: { $next }. Days already logged keep their dates.
schedule_title = <b>Schedule of «{ $team }»</b> · { $zone }, now { $local }
schedule_day = Evening digest: { $time } on { $workdays } · next { $next }
schedule_week_month =
    Weekly digest: Mondays 09:00 · next { $week }
    Monthly digest: the 1st, 09:00 · next { $month }
schedule_chat_set = Digests go to the team chat.
schedule_chat_unset = No team chat yet: digests go to the managers privately. Send /setchat in the team's group.
schedule_private = Private copies: { $names }
schedule_private_none = Private copies: nobody (/digest me)
schedule_nudge = Reminder to reps who logged nothing: { $time }
schedule_nudge_off = Reminder to reps who logged nothing: off (/settime nudge 18:30)
schedule_never = never
schedule_runs = <b>Recent</b>:
schedule_run = { $mark } { $kind } { $period }: { $status }, { $when }
run_kind_day = evening digest
run_kind_week = weekly digest
run_kind_month = monthly digest
run_kind_nudge = reminder
run_status_sent = sent
run_status_sending = being sent
run_status_failed = failed
run_status_missed = missed (the bot was down)
run_status_interrupted = interrupted by a restart
cmd_schedule = when digests and reminders go out
cmd_settime = digest time: /settime digest 19:00
cmd_timezone = team time zone: /timezone Europe/Moscow
