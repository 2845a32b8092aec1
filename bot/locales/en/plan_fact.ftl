## plan vs fact in the digest: the chart's and the album's labels

plan_fact_subtitle = { $team } · fact as a share of the goal
plan_fact_legend_behind = below the minimum
plan_fact_legend_on_track = minimum to goal
plan_fact_legend_done = goal reached
plan_fact_legend_band = plan: minimum–goal
plan_fact_legend_goal = goal
plan_fact_legend_off = day off
plan_fact_legend_beyond = beyond the scale
plan_fact_day_off = day off
plan_fact_no_plan = no plan
digest_album = { $team } · { $period }: { $charts }
digest_album_funnel = funnel
digest_album_trend = 12-week trend
digest_album_plan_fact = plan vs fact
