## team races (/race) and opting out of rankings (/optout, /optin)

cmd_race = a team race toward one total: /race meetings_held 60
cmd_optout = hide yourself from the rankings
cmd_optin = come back to the rankings
help_race = <code>/race meetings_held 60</code> — a team race until the end of the month; /race — how it goes
help_optout = <code>/optout</code> — hide yourself from the rankings (your numbers still count in the team's totals)
help_optin = <code>/optin</code> — come back to the rankings

race_usage = Examples: /race meetings_held 60, /race revenue 1000000 until 2026-12-31, /race stop meetings_held
race_managers_only = A manager starts and stops races. How the races go: /race
race_err_metric = I don't know the metric “{ $value }”.
race_err_one_metric = One race, one metric.
race_err_extra = Words I have no place for: “{ $value }”.
race_err_not_additive = “{ $metric }” is a ratio or an average: it does not add up to a team total. Race a count or an amount, e.g. /race meetings_held 60
race_err_no_target = Give the race a target, a number, e.g. { $example }
race_err_target = The target “{ $value }” won't do: it takes a whole number above zero (an amount for money), e.g. { $example }
race_err_date = I did not understand the end date “{ $value }”. Write it as 2026-12-31 or 31.12.2026, e.g. /race meetings_held 60 until 2026-12-31
race_err_past = “{ $value }” has passed: a race can end today or later, e.g. /race meetings_held 60 until 2026-12-31
race_err_long = A race lasts at most a year: pick an earlier end date, e.g. /race meetings_held 60 until 2026-12-31
race_err_stop_metric = Which race should stop? Name its metric, e.g. /race stop meetings_held

race_title = 🏁 <b>Race: { $metric }</b> · { $start }–{ $end }
race_progress = Team: <b>{ $total }</b> of { $target } ({ $share })
race_days_left = { $days ->
        [one] { $days } day left
       *[other] { $days } days left
    }
race_last_day = Today is the race's last day.
race_over = The race is over.
race_contributions = Contributions:
race_no_contributions = Nobody on the race's ranking yet.
race_place = { $place }. { $name }: { $value }
race_none = No race is on. A manager can start one, e.g. /race meetings_held 60: the team works toward one total, and the team chat hears when it is half-way, at the target and at one and a half times the target.
race_started = The race is on! Records count from the beginning of today.
race_started_chat = The team chat gets a message when the team passes { $half }, { $full } and { $beyond } of the target, and the result when the race ends.
race_started_no_chat = The team has no chat yet: send /setchat in the team's group, and the race's news will go there.
race_stopped = The race was stopped early.
race_running = A race on “{ $metric }” is already on (until { $end }): { $total } of { $target } so far ({ $share }). One race per metric at a time; to start a new one, stop this one first: /race stop { $metric_key }
race_not_running = No race on “{ $metric }” is on. The races on: /race

race_milestone_50 = 🏁 Half-way! The team has passed { $mark } of the “{ $metric }” race's target.
race_milestone_100 = 🎯 Target reached! The team has passed { $mark } of the “{ $metric }” race's target.
race_milestone_150 = 🚀 One and a half times the target! The team has passed { $mark } of the “{ $metric }” race's target.
race_leaders = In the lead:
race_top = Top contributors:
race_result_reached = 🏆 The “{ $metric }” race is over: target reached!
race_result_missed = 🏁 The “{ $metric }” race is over. The target was not reached this time.
race_result_stopped = 🏁 The “{ $metric }” race was stopped early.

optout_done = Done: you are no longer shown in the rankings — /top, the races (/race) and the live wallboard, the office TV included. Your records still count in the team's totals, and managers still see your numbers in their reports. To come back: /optin
optout_already = You are already hidden from the rankings. To come back: /optin
optin_done = Done: you are back in the rankings — /top, the races and the live wallboard. To hide: /optout
optin_already = You are already shown in the rankings. To hide: /optout
