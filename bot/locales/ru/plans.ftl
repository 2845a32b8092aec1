## планы

plan_header = <b>Дневной план: { $subject }</b> (рабочие дни: { $workdays }):
plan_header_team = <b>Дневной план «{ $team }»</b> (рабочие дни: { $workdays }):
plan_role = <b>{ $role }</b>
plan_line = { $metric }: { $target }{ $weekdays }
plan_weekday = { $weekday }: { $target }
plan_override = {" "}(личный)
plan_empty = План не задан. Руководитель задаёт его: /setplan sdr calls_60 80-100
plan_days_off = Выходные: { $ranges }
usage_setplan = Примеры: /setplan sdr calls_60 80-100, /setplan @ivan meetings_set 4, /setplan sdr calls_60 60 пт, /setplan @ivan reset, /setplan @ivan calls_60 suggest (предложить план по истории)
setplan_done = План задан: { $subject } · { $metric } { $target } в день{ $weekday }.
setplan_reset = { $subject }: личный план снят, действует план роли.
setplan_bad_metric = { $subject }: план по «{ $metric }» задать нельзя. Можно: { $metrics }.
plan_err_bad_target = «{ $value }» — не план: пишите 80-100 или 4.
plan_err_lower_above_goal = В «{ $value }» нижняя граница выше цели.
plan_err_negative = «{ $value }»: план не может быть отрицательным.
plan_err_bad_weekdays = «{ $value }» — не дни недели: пишите пн-пт или mon-fri.
usage_workdays = Пример: /workdays пн-пт, /workdays mon-sat
workdays_set = Рабочие дни «{ $team }»: { $workdays }.
usage_dayoff = Пример: /dayoff @ivan 2026-12-01..2026-12-03 (больничный, отпуск)
dayoff_set =
    { $name }: не работает { $first }–{ $last } ({ $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }), плана в эти дни нет.
today_header = <b>{ $subject }</b> · { $period }: план и факт на сейчас
today_line = { $mark } { $metric }: <b>{ $fact }</b> из { $target }{ $left }{ $forecast }
today_left = {" "}· сегодня ещё { $left }
today_forecast = {" "}· прогноз на период { $forecast }
today_day_off = { $subject }: сегодня нерабочий день, плана нет.
today_no_plan = { $subject }: плана на этот период нет.
status_legend = 🔴 отстаёт · 🟡 в пределах плана · 🟢 выполнено
cmd_plan = действующий план; руководителю — план сотрудника: /plan @ivan
cmd_today = план и факт за сегодня; руководителю — по сотруднику: /today @ivan
cmd_week = план и факт за неделю; руководителю — по сотруднику: /week @ivan
cmd_month = план и факт за месяц; руководителю — по сотруднику: /month @ivan
cmd_setplan = задать дневной план: /setplan sdr calls_60 80-100
cmd_workdays = рабочие дни: /workdays пн-пт
cmd_dayoff = нерабочие дни сотрудника (отпуск, больничный): /dayoff @ivan 2026-12-01..2026-12-03
