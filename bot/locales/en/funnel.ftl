## /funnel and the digest's team funnel: the period's counts and the cohort of meetings set in the period

funnel_title = { $subject }: sales funnel
funnel_counts_heading = Done in the period
funnel_cohort_heading = Meetings set in the period: what happened to them
funnel_cohort_note = Of the meetings set: { $outcomes }
funnel_cohort_cancelled =
    { $count ->
        [one] { $count } cancellation
       *[other] { $count } cancellations
    }
funnel_cohort_no_show =
    { $count ->
        [one] { $count } no-show
       *[other] { $count } no-shows
    }
funnel_cohort_open = { $count } still open
funnel_caption =
    <b>{ $subject }</b> · { $period }
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
    🤝 meetings: set { $set } · held { $held }
    💰 { $payments ->
        [one] { $payments } payment
       *[other] { $payments } payments
    } · revenue { $revenue }

    <b>{ $cohort_heading }</b>
    🤝 set { $cohort_set }
    ✅ confirmed { $cohort_confirmed } · { $set_to_confirmed }
    🏁 held { $cohort_held } · { $set_to_held }
    💰 paid { $cohort_paid } · { $held_to_paid }{ $note }
funnel_caption_hunter =
    <b>{ $subject }</b> · { $period }
    🏁 { $held ->
        [one] { $held } meeting held
       *[other] { $held } meetings held
    } · 📄 proposals: { $proposals }
    💰 { $payments ->
        [one] { $payments } payment
       *[other] { $payments } payments
    } · revenue { $revenue } · average check { $avg_check } · sales cycle { $cycle }

    <b>{ $cohort_heading }</b>
    🏁 held { $cohort_held }
    💰 paid { $cohort_paid } · { $held_to_paid }
funnel_caption_farmer =
    <b>{ $subject }</b> · { $period }
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
