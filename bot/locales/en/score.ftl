## the score: plan attainment as one number (/score, /setweight; a line in /today, the digest and the wallboard)

score_header = <b>{ $subject }</b> · { $period }: score <b>{ $score }</b>
score_part = { $metric }: { $share } of the goal ({ $fact } of { $goal }{ $capped }) · weight { $weight }
score_capped = ; counts at most { $cap }
score_explained = The score is the weighted mean of plan attainment so far: no metric counts for more than 150%. A manager sets the weights: /setweight.
score_no_plan = { $subject } · { $period }: no plan, so no score. A manager sets the plan: /setplan sdr calls_60 80-100
score_no_score = { $subject } · { $period }: no score yet — no metric has a goal so far (no working day with a plan has come yet, or every metric weighs 0).
score_day_off = { $subject }: today is a day off, no score.
score_team_header = <b>Reps' scores</b> · { $period }, best first:
score_team_line = { $place }. { $name } — <b>{ $score }</b>
score_team_unscored = { $name } — { $why }
score_why_off = day off
score_team_empty = { $period }: no rep has a plan, so there are no scores. A manager sets the plan: /setplan sdr calls_60 80-100
score_team_footer = What a score is made of: /score @ivan. The metrics' weights: /setweight.
usage_score = Examples: /score, /score week, /score month @ivan
score_progress = Score: <b>{ $score }</b> · details: { $kind ->
        [week] /score week
        [month] /score month
       *[day] /score
    }
score_progress_none = No score yet: no goal so far.
score_item = score { $score }
score_item_no_plan = no plan
score_item_none = no score yet
wall_score = score

weights_header = <b>The metrics' weights in the score</b> (by default 3 for a role's main indicator and 1 for the others; 0 leaves a metric out):
weights_role = <b>{ $role }</b>
weights_line = { $metric }: { $weight }{ $set }
weights_set_mark = {" "}(set by a manager)
weights_footer = To change one: /setweight sdr calls_60 2
setweight_done = Weight set: { $role } · { $metric } — { $weight } (was { $before }).
setweight_zero = Weight set: { $role } · { $metric } — 0 (was { $before }); the score leaves this metric out.
usage_setweight = Examples: /setweight sdr calls_60 2, /setweight hunter proposals 0.5, /setweight sdr (a role's weights)
setweight_bad_role = "{ $value }" is not a sales role. Roles: sdr, hunter, farmer.
setweight_bad_metric = { $role }: "{ $metric }" has no plan for this role, so no weight. You can use: { $metrics }.
score_err_bad_weight = "{ $value }" is not a weight: write a number from 0 to 10, like 2 or 1.5.
score_err_weight_range = The weight "{ $value }" is out of range: from 0 to 10.

cmd_score = the score: plan attainment as one number; managers see everyone: /score week
cmd_setweight = the metrics' weights in the score: /setweight sdr calls_60 2
help_score = <code>/score week</code> — this week's score: plan attainment as one number
help_setweight = <code>/setweight sdr calls_60 2</code> — a metric's weight in a role's score (0 leaves it out)
