## suggested plans (/setplan ... suggest) and new members' ramps (/ramp)

usage_suggest = Example: /setplan sdr calls_60 suggest, /setplan @ivan meetings_set suggest
suggest_reply =
    <b>Suggested plan</b>: { $subject } · { $metric } <b>{ $target }</b> a day.
    The lower bound is the median and the goal the 80th percentile of the daily values over { $weeks ->
        [one] { $weeks } full week
       *[other] { $weeks } full weeks
    } ({ $first } – { $last }); the sample is { $days ->
        [one] { $days } working day
       *[other] { $days } working days
    }.
suggest_too_little =
    { $subject } · { $metric }: too little history to suggest a plan. The { $weeks ->
        [one] { $weeks } full week
       *[other] { $weeks } full weeks
    } ({ $first } – { $last }) hold { $days ->
        [one] { $days } working day
       *[other] { $days } working days
    } of history; at least { $needed } are needed.
suggest_apply_button = ✅ Apply
suggest_cancel_button = ✖️ Cancel
suggest_cancelled = Suggested plan dismissed: the plan is unchanged.
suggest_already_applied = This plan was already applied: nothing changed.
suggest_already_cancelled = This suggestion was already dismissed: nothing changed.
suggest_missing = This suggestion no longer exists: nothing changed.
suggest_managers_only = Only a manager can apply or dismiss a suggested plan: nothing changed.

usage_ramp = Example: /ramp @ivan 4 (the plan rises from 50% to 100% over 4 weeks from the day they joined), /ramp @ivan off
ramp_bad_weeks = «{ $value }» is not a number of weeks: use a whole number from 1 to { $max }.
ramp_no_plan_role = { $name } has no role with a plan (SDR, hunter, farmer): no ramp needed.
ramp_set =
    Ramp for { $name }: the plan rises from { $first } ({ $start }) to { $full } ({ $until }) over { $weeks ->
        [one] { $weeks } week
       *[other] { $weeks } weeks
    }. Today: { $factor } of the plan.
ramp_off = Ramp for { $name } ended: the full plan applies.
ramp_none = { $name } has no ramp: the full plan applies.
ramp_line =
    Ramp: { $weeks ->
        [one] { $weeks } week
       *[other] { $weeks } weeks
    } from { $start }, today { $factor } of the plan, the full plan from { $until }.
ramp_line_over = Ramp: ended on { $until }, the full plan applies.
cmd_ramp = a new member's ramp: the plan from 50% to 100% over N weeks: /ramp @ivan 4
help_ramp = <code>/ramp @ivan 4</code> — a ramp: a new member's plan rises from 50% to 100% over 4 weeks
