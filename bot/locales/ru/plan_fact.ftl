## план и факт в дайджесте: подписи графика и альбома

plan_fact_subtitle = { $team } · факт в процентах от цели
plan_fact_legend_behind = ниже минимума
plan_fact_legend_on_track = от минимума до цели
plan_fact_legend_done = цель выполнена
plan_fact_legend_band = план: минимум–цель
plan_fact_legend_goal = цель
plan_fact_legend_off = выходной
plan_fact_legend_beyond = дальше края шкалы
plan_fact_day_off = выходной
plan_fact_no_plan = нет плана
digest_album = { $team } · { $period }: { $charts }
digest_album_funnel = воронка
digest_album_trend = тренд за 12 недель
digest_album_plan_fact = план/факт
