## динамика по неделям: /trend и недельный дайджест

trend_title = { $subject }: по неделям
trend_span = { $weeks ->
        [one] { $weeks } неделя
        [few] { $weeks } недели
        [many] { $weeks } недель
       *[other] { $weeks } недели
    }: { $span }
trend_legend_week = неделя целиком
trend_legend_so_far = эта неделя по сегодня
trend_legend_so_far_planned = эта неделя и план по сегодня
trend_legend_band = план: от нижней границы до цели
trend_legend_goal = цель плана
trend_cohort_note = из встреч, назначенных за неделю, к сегодняшнему дню
trend_caption_header = 📈 <b>{ $subject }</b> · { $span }
trend_plan = {" "}({ $mark } план { $plan })
trend_line = { $metric }: { $value } за неделю с { $week }{ $plan }; в среднем { $average } за { $weeks ->
        [one] { $weeks } неделю
        [few] { $weeks } недели
        [many] { $weeks } недель
       *[other] { $weeks } недели
    } до неё
trend_line_new = { $metric }: { $value } за неделю с { $week }{ $plan }
trend_line_so_far = { $metric }: { $value } на этой неделе по сегодня
trend_caption_cohort = Конверсии — из встреч, назначенных за каждую неделю, к сегодняшнему дню: у последних недель они ещё растут.
trend_unknown = «{ $value }» — не показатель, не сотрудник и не источник.
trend_unbounded_ratio = У показателя «{ $metric }» нет честной динамики по неделям: он бывает больше 100 % даже для встреч одной недели. Его составляющие можно посмотреть отдельно, например /trend назначенные проведённые.
trend_not_per_source = «{ $metric }» по источникам не считается; у источника есть лиды, встречи, оплаты и выручка.
trend_too_many = На одном графике — не больше трёх показателей.
usage_trend = Примеры: /trend, /trend звонки, /trend выручка @ivan, /trend встречи google, /trend назначена → проведена
cmd_trend = динамика по неделям против плана: /trend, /trend звонки @ivan
