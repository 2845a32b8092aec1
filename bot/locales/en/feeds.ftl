## telephony and CRM

calls_from_telephony = Calls are counted automatically from the telephony system: no need to log them by hand. Your calls today: /today
usage_link = Examples: /link 101 (my extension), /link +7 916 123-45-67 (my number); managers: /link @ivan 101
link_who = No team member «{ $value }».
link_only_own = You can link your own extension or number; only a manager can link someone else's.
link_done = Done: { $agent } is { $name }. Calls and deals of this number are recorded for { $name }.
link_moved = It was linked to { $name } before.
link_attributed =
    { $count ->
        [one] { $count } event that was waiting for this number is recorded.
       *[other] { $count } events that were waiting for this number are recorded.
    }
links_none = No linked numbers. Example: /link 101
links_title = <b>Linked numbers</b>:
links_line = { $agent } — { $name }
usage_unlink = Example: /unlink 101
unlink_done = Done: { $agent } is not linked to anyone any more.
unlink_none = { $agent } is not linked to anyone.
unmatched_none = No unmatched events: every number is linked.
unmatched_title = <b>Events without a team member</b> (kept, nothing is lost):
unmatched_line_call =
    { $agent } · { $provider }: { $count ->
        [one] { $count } call
       *[other] { $count } calls
    } ({ $days })
unmatched_line_crm =
    { $agent } · { $provider }: { $count ->
        [one] { $count } CRM event
       *[other] { $count } CRM events
    } ({ $days })
unmatched_hint = Link the number to a rep and they are recorded for them: /link @name { $agent }
usage_setting = Example: /setting calls telephony (calls only from telephony) or /setting calls manual. Now: { $mode }.
calls_mode_manual = reps log their calls
calls_mode_telephony = calls only from telephony
setting_calls_telephony = Done: calls are now counted only from telephony; /call and /calls explain this to reps.
setting_calls_manual = Done: reps log their calls again (/call, /calls, /log).
digest_verified = Calls of 60 s+ from telephony: { $share }
run_kind_unmatched = unmatched events
cmd_link = link an extension or number: /link 101
cmd_unlink = unlink a number: /unlink 101
cmd_unmatched = telephony and CRM events without a rep
cmd_setting = calls from telephony: /setting calls telephony
