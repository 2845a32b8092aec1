## plans

plan_header = <b>Daily plan of { $subject }</b> (working days: { $workdays }):
plan_header_team = <b>Daily plan of «{ $team }»</b> (working days: { $workdays }):
plan_role = <b>{ $role }</b>
plan_line = { $metric }: { $target }{ $weekdays }
plan_weekday = { $weekday }: { $target }
plan_override = {" "}(personal)
plan_empty = No plan is set. A manager sets one: /setplan sdr calls_60 80-100
plan_days_off = Days off: { $ranges }
usage_setplan = Examples: /setplan sdr calls_60 80-100, /setplan @ivan meetings_set 4, /setplan sdr calls_60 60 fri, /setplan @ivan reset, /setplan @ivan calls_60 suggest (a plan suggested from the history)
setplan_done = Plan set: { $subject } · { $metric } { $target } a day{ $weekday }.
setplan_reset = Personal plan of { $subject } removed: the role plan applies again.
setplan_bad_metric = «{ $metric }» cannot be planned for { $subject }. Plannable: { $metrics }.
plan_err_bad_target = «{ $value }» is not a target: use 80-100 or 4.
plan_err_lower_above_goal = In «{ $value }» the lower bound is above the goal.
plan_err_negative = «{ $value }»: a plan cannot be negative.
plan_err_bad_weekdays = «{ $value }» are not weekdays: use mon-fri or пн-пт.
usage_workdays = Example: /workdays mon-fri, /workdays пн-сб
workdays_set = Working days of «{ $team }»: { $workdays }.
usage_dayoff = Example: /dayoff @ivan 2026-12-01..2026-12-03 (sick leave, vacation)
dayoff_set =
    { $name } is off { $first }–{ $last } ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    }): no plan on those days.
today_header = <b>{ $subject }</b> · { $period }: plan vs fact so far
today_line = { $mark } { $metric }: <b>{ $fact }</b> of { $target }{ $left }{ $forecast }
today_left = {" "}· { $left } to go today
today_forecast = {" "}· forecast for the period { $forecast }
today_day_off = Today is not a working day for { $subject }: no plan.
today_no_plan = { $subject } has no plan for this period.
status_legend = 🔴 behind · 🟡 on track · 🟢 done
cmd_plan = the plan in force; managers, a member's plan: /plan @ivan
cmd_today = plan vs fact today; managers, for a member: /today @ivan
cmd_week = plan vs fact this week; managers, for a member: /week @ivan
cmd_month = plan vs fact this month; managers, for a member: /month @ivan
cmd_setplan = set a daily plan: /setplan sdr calls_60 80-100
cmd_workdays = working days: /workdays mon-fri
cmd_dayoff = a member's days off (vacation, sick leave): /dayoff @ivan 2026-12-01..2026-12-03
