## digests

digest_title_day = 📊 <b>Evening digest · { $team }</b> · { $period }
digest_title_week = 📊 <b>Weekly digest · { $team }</b> · { $period }
digest_title_month = 📊 <b>Monthly digest · { $team }</b> · { $period }
digest_team =
    <b>Team</b>: { $held ->
        [one] { $held } meeting held
       *[other] { $held } meetings held
    }{ $held_plan } · { $payments ->
        [one] { $payments } payment
       *[other] { $payments } payments
    } · revenue { $revenue }
digest_vs_plan = {" "}of { $target }
digest_reps = <b>Reps</b>:
digest_rep = { $mark } { $name }: { $numbers }
digest_rep_off = ⚪ { $name }: day off
digest_number = { $metric } { $fact }{ $target }
digest_compare =
    <b>For comparison, { $previous }</b>: { $held ->
        [one] { $held } meeting held
       *[other] { $held } meetings held
    } ({ $held_delta }) · { $payments ->
        [one] { $payments } payment
       *[other] { $payments } payments
    } ({ $payments_delta }) · revenue { $revenue } ({ $revenue_delta })
digest_no_reps = No reps in the team yet: /invite sdr
digest_chart_title = Plan vs fact · { $period }
usage_digest = Examples: /digest (today), /digest week, /digest month, /digest me (private copies)
cmd_digest = preview a digest: /digest week; private copies: /digest me
usage_digest_me = Examples: /digest me (get every digest privately too), /digest me off
digest_me_on = Done: you will also get every digest here, privately. To stop: /digest me off
digest_me_off = Done: no more private copies of the digests.
