## week by week: /trend and the weekly digest

trend_title = { $subject }: week by week
trend_span = { $weeks ->
        [one] { $weeks } week
       *[other] { $weeks } weeks
    }: { $span }
trend_legend_week = full week
trend_legend_so_far = this week so far
trend_legend_so_far_planned = this week and its plan so far
trend_legend_band = plan: lower bound to goal
trend_legend_goal = plan goal
trend_cohort_note = of the meetings set each week, as of today
trend_caption_header = 📈 <b>{ $subject }</b> · { $span }
trend_plan = {" "}({ $mark } plan { $plan })
trend_line = { $metric }: { $value } in the week of { $week }{ $plan }; average { $average } over the { $weeks ->
        [one] week
       *[other] { $weeks } weeks
    } before
trend_line_new = { $metric }: { $value } in the week of { $week }{ $plan }
trend_line_so_far = { $metric }: { $value } this week so far
trend_caption_cohort = Conversions are of the meetings set each week, as of today: the last weeks' can still grow.
trend_unknown = «{ $value }» is not a metric, a member or a source.
trend_unbounded_ratio = «{ $metric }» has no honest week-by-week trend: it can pass 100% even for the meetings of one week. Look at its parts instead, e.g. /trend set held.
trend_not_per_source = «{ $metric }» is not counted per source; a source has leads, meetings, payments and revenue.
trend_too_many = At most three metrics on one chart.
usage_trend = Examples: /trend, /trend calls, /trend revenue @ivan, /trend meetings google, /trend set → held
cmd_trend = week-by-week trend against the plan: /trend, /trend calls @ivan
