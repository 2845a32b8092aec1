## метрики

main_indicator = основной показатель
funnel_title = { $subject }: воронка продаж
funnel_caption =
    <b>{ $subject }</b> · { $period }{ $mode }
    📞 { $calls_60 ->
        [one] { $calls_60 } звонок
        [few] { $calls_60 } звонка
        [many] { $calls_60 } звонков
       *[other] { $calls_60 } звонка
    } от 60 с · ⏱ { $minutes ->
        [one] { $minutes } минута
        [few] { $minutes } минуты
        [many] { $minutes } минут
       *[other] { $minutes } минуты
    } на линии
    🧲 { $leads ->
        [one] { $leads } лид
        [few] { $leads } лида
        [many] { $leads } лидов
       *[other] { $leads } лида
    } (целевых { $targeted_share })
    🤝 назначено { $set } → подтверждено { $confirmed } ({ $c1 }) → проведено { $held } ({ $c2 }) → оплачено { $paid } ({ $c3 })
    назначенная → проведённая: { $set_to_held } · звонок → встреча: { $call_to_set }
    💰 { $payments ->
        [one] { $payments } оплата
        [few] { $payments } оплаты
        [many] { $payments } оплат
       *[other] { $payments } оплаты
    } · выручка { $revenue }
funnel_caption_hunter =
    <b>{ $subject }</b> · { $period }{ $mode }
    🏁 { $held ->
        [one] { $held } проведённая встреча
        [few] { $held } проведённые встречи
        [many] { $held } проведённых встреч
       *[other] { $held } проведённой встречи
    } · 📄 КП: { $proposals }
    💰 { $paid ->
        [one] { $paid } оплаченная встреча
        [few] { $paid } оплаченные встречи
        [many] { $paid } оплаченных встреч
       *[other] { $paid } оплаченной встречи
    } ({ $conv }) · { $payments ->
        [one] { $payments } оплата
        [few] { $payments } оплаты
        [many] { $payments } оплат
       *[other] { $payments } оплаты
    } · выручка { $revenue }
    средний чек { $avg_check } · цикл сделки { $cycle }
funnel_caption_farmer =
    <b>{ $subject }</b> · { $period }{ $mode }
    📞 { $calls_total ->
        [one] { $calls_total } звонок
        [few] { $calls_total } звонка
        [many] { $calls_total } звонков
       *[other] { $calls_total } звонка
    } (от 60 с: { $calls_60 })
    💰 { $payments ->
        [one] { $payments } повторная продажа
        [few] { $payments } повторные продажи
        [many] { $payments } повторных продаж
       *[other] { $payments } повторной продажи
    } · выручка { $revenue } · средний чек { $avg_check }
    { $clients ->
        [one] { $clients } активный клиент
        [few] { $clients } активных клиента
        [many] { $clients } активных клиентов
       *[other] { $clients } активного клиента
    }
mode_cohort = {" "}· когорта
team_subject = Команда «{ $team }»
source_subject = Источник { $source }
no_source = без источника
funnel_footer =
    { $leads ->
        [one] { $leads } лид
        [few] { $leads } лида
        [many] { $leads } лидов
       *[other] { $leads } лида
    } (целевых { $share }) · { $minutes ->
        [one] { $minutes } минута
        [few] { $minutes } минуты
        [many] { $minutes } минут
       *[other] { $minutes } минуты
    } на линии · выручка { $revenue }
usage_funnel = Примеры: /funnel, /funnel неделя, /funnel прошлый месяц когорта, /funnel месяц @ivan, /funnel неделя google
usage_stats = Примеры: /stats, /stats неделя, /stats прошлый месяц @ivan
usage_report = Примеры: /report месяц, /report прошлый месяц когорта
usage_top = Примеры: /top, /top неделя, /top прошлый месяц
period_unknown = Не понимаю период «{ $value }».
subject_unknown = «{ $value }» — это не сотрудник и не источник.
only_own_numbers = Вы видите свои цифры; цифры всех видит руководитель.
stats_header = <b>{ $subject }</b> · { $period }{ $mode }
stats_section_sdr = Лидоруб
stats_section_hunter = Хантер
stats_section_farmer = Фермер
top_header = <b>Рейтинг</b> · { $period }
top_role = <b>{ $role }</b> — по показателю «{ $metric }»:
top_line = { $place }. { $name }: { $value }
top_nobody = сотрудников с этой ролью нет
top_hidden = Рейтинг видит руководитель. Руководитель может открыть его всем: /settop on
top_visibility_on = Готово: сотрудники видят /top.
top_visibility_off = Готово: /top видит только руководитель.
usage_settop = Пример: /settop on или /settop off
report_caption = 📊 «{ $team }» · { $period }{ $mode }: по строке на сотрудника и итог.
cmd_funnel = воронка продаж с графиком: /funnel неделя, /funnel месяц @ivan
cmd_stats = все цифры: /stats месяц; руководителю: /stats месяц @ivan
cmd_top = рейтинг по основному показателю: /top неделя
cmd_report = отчёт в CSV и XLSX: /report месяц
cmd_settop = открыть /top сотрудникам: /settop on
