## диагностика

usage_diagnose = Примеры: /diagnose (эта неделя), /diagnose прошлая неделя, /diagnose месяц @ivan, /diagnose неделя google
cmd_diagnose = что сломалось в воронке: /diagnose неделя
diag_header =
    🩺 <b>Диагностика · { $subject }</b> · { $period }
    Сравнение со средним за { $baseline ->
        [one] { $baseline } такой же период
        [few] { $baseline } таких же периода
        [many] { $baseline } таких же периодов
       *[other] { $baseline } таких же периода
    } ({ $first } … { $last }).
diag_future = Период { $period } ещё не начался: диагностировать нечего.
diag_subject_all = весь отдел
diag_subject_team = отдел целиком
diag_subject_source = источник { $source }
diag_subject_no_source = записи без источника
diag_vs_own = база
diag_vs_team = база отдела
diag_compared = { $metric } { $now } ({ $base } { $baseline }{ $change }){ $low }
diag_finding = <b>{ $number }. { $situation }</b> — { $subject }
diag_situation_1 = Много встреч, но мало оплат или их нет
diag_situation_2 = Много назначенных встреч, но мало проведённых
diag_situation_3 = Мало назначенных встреч
diag_fell = Упало: { $what }
diag_behind_plan =
    { $now ->
        [one] Назначена { $now } встреча
        [few] Назначены { $now } встречи
        [many] Назначено { $now } встреч
       *[other] Назначено { $now } встречи
    } при плане от { $plan }
diag_normal = В норме: { $what }
diag_checks = Проверьте:
diag_check = { $n }) { $name }: { $what }{ $verdict }
diag_low = {" "}— низко
diag_check_listen = { $n }) Прослушайте звонки лидоруба: как назначалась встреча — возможно, у клиента сложились неправильные ожидания.
diag_check_sources = { $n }) Старый это источник или новый: { $sources }
diag_source_part = { $source } { $now } (база { $baseline }){ $low }
diag_no_sources = встреч с источником в этом периоде нет
diag_checkname_targeted_share = назначены ли встречи целевым лидам (доля целевых)
diag_checkname_confirmation = конверсия из назначенной в подтверждённую и в проведённую
diag_checkname_calls_60 = достаточно ли звонков у лидоруба
diag_checkname_minutes_on_line = достаточно ли минут на линии
diag_checkname_leads_new = хватает ли лидорубу новых лидов
diag_step = ➡ <b>Где сломалось:</b> { $step }
diag_step_non_targeted_leads = встречи назначают нецелевым лидам
diag_step_weak_source = источник приводит не тех клиентов
diag_step_not_confirmed = клиенты не подтверждают встречи — выясните, почему
diag_step_confirmed_not_come = подтверждённые клиенты не приходят на встречу
diag_step_low_calls = мало звонков
diag_step_low_minutes = мало минут на линии
diag_step_few_leads = мало новых лидов
diag_thin = { $subject }: мало данных, чтобы делать выводы. Подождите, пока накопятся встречи.
diag_fine =
    { $subject }: основные показатели в норме.
    { $numbers }
diag_all_fine = Основные показатели в норме: ничего не упало.
diag_all_thin = Мало данных, чтобы делать выводы: нужно хотя бы несколько недель записей.
diag_button_reps = По сотрудникам
diag_button_sources = По источникам
diag_chart_now = сейчас
diag_chart_title = { $situation } · { $subject }
diag_drill_reps = <b>По сотрудникам</b> · { $period } (в скобках — база)
diag_drill_sources = <b>По источникам</b> · { $period } (в скобках — база)
diag_drill_number = { $metric } { $now } ({ $baseline }){ $low }
diag_drill_line = { $mark } <b>{ $subject }</b>: { $numbers }
diag_drill_thin = ⚪ { $subject }: мало данных
diag_drill_empty = Пока некого показать.
diag_digest_title = <b>Что проверить</b>:
diag_digest_line = 🩺 { $subject }: { $situation } — { $numbers }
diag_line_plan =
    { $now ->
        [one] назначена { $now } встреча
        [few] назначены { $now } встречи
        [many] назначено { $now } встреч
       *[other] назначено { $now } встречи
    } при плане от { $plan }
diag_digest_more = Ещё { $more } — в /diagnose
diag_digest_see = Подробнее: /diagnose
settime_pace_done = Готово: в { $time } ({ $zone }) по рабочим дням руководители получат лично список тех, кто отстаёт от дневного темпа. Следующий раз: { $next }. Отключить: /settime pace off
settime_pace_off = Готово: проверка темпа выключена.
schedule_pace = Проверка темпа руководителям: { $time }
schedule_pace_off = Проверка темпа руководителям: выключена (/settime pace 13:00)
run_kind_pace = проверка темпа
pace_title =
    ⏱ <b>Темп на { $time }</b> · { $team }
    К этому часу должно быть сделано { $share } дневного плана (нижней границы). Отстают:
pace_line = 🔴 { $name }: { $items }
pace_item = { $metric } { $fact } из ~{ $expected }
pace_footer = План и факт каждого: /today @имя
