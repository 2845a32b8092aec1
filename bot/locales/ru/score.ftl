## оценка: выполнение плана одним числом (/score, /setweight; строка в /today, дайджесте и на табло)

score_header = <b>{ $subject }</b> · { $period }: оценка <b>{ $score }</b>
score_part = { $metric }: { $share } цели ({ $fact } из { $goal }{ $capped }) · вес { $weight }
score_capped = ; засчитывается не больше { $cap }
score_explained = Оценка — средневзвешенное выполнение плана на сейчас: каждый показатель засчитывается не больше чем на 150 %. Веса задаёт руководитель: /setweight.
score_no_plan = { $subject } · { $period }: плана нет, поэтому нет и оценки. Руководитель задаёт план: /setplan sdr calls_60 80-100
score_no_score = { $subject } · { $period }: оценки пока нет — ни у одного показателя нет цели на сейчас (рабочие дни с планом ещё не начались или у всех показателей вес 0).
score_day_off = { $subject }: сегодня нерабочий день, оценки нет.
score_team_header = <b>Оценки сотрудников</b> · { $period }, лучшие сверху:
score_team_line = { $place }. { $name } — <b>{ $score }</b>
score_team_unscored = { $name } — { $why }
score_why_off = выходной
score_team_empty = { $period }: ни у кого из сотрудников нет плана, поэтому нет и оценок. Руководитель задаёт план: /setplan sdr calls_60 80-100
score_team_footer = Из чего сложилась оценка: /score @ivan. Веса показателей: /setweight.
usage_score = Примеры: /score, /score неделя, /score месяц @ivan
score_progress = Оценка: <b>{ $score }</b> · подробно: { $kind ->
        [week] /score неделя
        [month] /score месяц
       *[day] /score
    }
score_progress_none = Оценки пока нет: цели на сейчас нет.
score_item = оценка { $score }
score_item_no_plan = без плана
score_item_none = оценки пока нет
wall_score = оценка

weights_header = <b>Веса показателей в оценке</b> (по умолчанию 3 у основного показателя роли и 1 у остальных; 0 — показатель не учитывается):
weights_role = <b>{ $role }</b>
weights_line = { $metric }: { $weight }{ $set }
weights_set_mark = {" "}(задан руководителем)
weights_footer = Изменить: /setweight sdr calls_60 2
setweight_done = Вес задан: { $role } · { $metric } — { $weight } (был { $before }).
setweight_zero = Вес задан: { $role } · { $metric } — 0 (был { $before }), в оценке этот показатель не учитывается.
usage_setweight = Примеры: /setweight sdr calls_60 2, /setweight hunter proposals 0,5, /setweight sdr (веса роли)
setweight_bad_role = «{ $value }» — не роль продавца. Роли: sdr (лидоруб), hunter (хантер), farmer (фермер).
setweight_bad_metric = { $role }: у «{ $metric }» нет плана для этой роли, поэтому и веса нет. Можно: { $metrics }.
score_err_bad_weight = «{ $value }» — не вес: пишите число от 0 до 10, например 2 или 1,5.
score_err_weight_range = Вес «{ $value }» вне пределов: можно от 0 до 10.

cmd_score = оценка — выполнение плана одним числом; руководителю — по всем: /score неделя
cmd_setweight = веса показателей в оценке: /setweight sdr calls_60 2
help_score = <code>/score неделя</code> — оценка за неделю: выполнение плана одним числом
help_setweight = <code>/setweight sdr calls_60 2</code> — вес показателя в оценке роли (0 — не учитывать)
