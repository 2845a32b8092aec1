## metrics

main_indicator = main indicator
funnel_title = { $subject }: sales funnel
funnel_caption =
    <b>{ $subject }</b> · { $period }{ $mode }
    📞 { $calls_60 ->
        [one] { $calls_60 } call
       *[other] { $calls_60 } calls
    } of 60 s+ · ⏱ { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } on the line
    🧲 { $leads ->
        [one] { $leads } lead
       *[other] { $leads } leads
    } (targeted { $targeted_share })
    🤝 set { $set } → confirmed { $confirmed } ({ $c1 }) → held { $held } ({ $c2 }) → paid { $paid } ({ $c3 })
    set → held: { $set_to_held } · call → set: { $call_to_set }
    💰 { $payments ->
        [one] { $payments } payment
       *[other] { $payments } payments
    } · revenue { $revenue }
funnel_caption_hunter =
    <b>{ $subject }</b> · { $period }{ $mode }
    🏁 { $held ->
        [one] { $held } meeting held
       *[other] { $held } meetings held
    } · 📄 proposals: { $proposals }
    💰 { $paid ->
        [one] { $paid } paid meeting
       *[other] { $paid } paid meetings
    } ({ $conv }) · { $payments ->
        [one] { $payments } payment
       *[other] { $payments } payments
    } · revenue { $revenue }
    average check { $avg_check } · sales cycle { $cycle }
funnel_caption_farmer =
    <b>{ $subject }</b> · { $period }{ $mode }
    📞 { $calls_total ->
        [one] { $calls_total } call
       *[other] { $calls_total } calls
    } (of 60 s+: { $calls_60 })
    💰 { $payments ->
        [one] { $payments } repeat sale
       *[other] { $payments } repeat sales
    } · revenue { $revenue } · average check { $avg_check }
    { $clients ->
        [one] { $clients } active client
       *[other] { $clients } active clients
    }
mode_cohort = {" "}· cohort
team_subject = Team «{ $team }»
source_subject = Source { $source }
no_source = no source
funnel_footer =
    { $leads ->
        [one] { $leads } lead
       *[other] { $leads } leads
    } (targeted { $share }) · { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } on the line · revenue { $revenue }
usage_funnel = Examples: /funnel, /funnel week, /funnel last month cohort, /funnel month @ivan, /funnel week google
usage_stats = Examples: /stats, /stats week, /stats last month @ivan
usage_report = Examples: /report month, /report last month cohort
usage_top = Examples: /top, /top week, /top last month
period_unknown = I don't understand the period «{ $value }».
subject_unknown = «{ $value }» is neither a team member nor a source.
only_own_numbers = You can see your own numbers; managers see everyone's.
stats_header = <b>{ $subject }</b> · { $period }{ $mode }
stats_section_sdr = SDR
stats_section_hunter = Hunter
stats_section_farmer = Farmer
top_header = <b>Top</b> · { $period }
top_role = <b>{ $role }</b> — by { $metric }:
top_line = { $place }. { $name }: { $value }
top_nobody = no one with this role
top_hidden = The ranking is for managers. A manager can open it to everyone: /settop on
top_visibility_on = Done: reps can see /top now.
top_visibility_off = Done: /top is for managers only.
usage_settop = Example: /settop on or /settop off
report_caption = 📊 «{ $team }» · { $period }{ $mode }: one row per person and a total row.
cmd_funnel = the sales funnel chart: /funnel week, /funnel month @ivan
cmd_stats = all the numbers: /stats month; managers: /stats month @ivan
cmd_top = ranking by the main indicator: /top week
cmd_report = the report as CSV and XLSX: /report month
cmd_settop = let reps see /top: /settop on
