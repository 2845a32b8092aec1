## /sources <период>: текст и график источников

sources_report_header = <b>Источники</b> · { $period }{ $mode }
sources_report_line =
    <b>{ $source }</b>: { $leads ->
        [one] { $leads } лид
        [few] { $leads } лида
        [many] { $leads } лидов
       *[other] { $leads } лида
    } (целевых { $share }) · встречи: назначено { $set }, проведено { $held }, оплачено { $paid } · { $conversion } { $conv }
sources_report_cohort = «{ $conversion }» — из встреч, назначенных в этом периоде: какая часть проведённых оплачена к сегодняшнему дню.
sources_report_empty = За этот период нет ни лидов, ни встреч.
sources_hint = Цифры по источникам: /sources неделя, /sources месяц
chart_sources_title = Источники · { $period }
chart_sources_subtitle_period = { $team } · события периода
chart_sources_subtitle_cohort = { $team } · встречи, назначенные в периоде, и что с ними стало к сегодняшнему дню
chart_sources_counts = Сколько — одна шкала на все столбики:
chart_sources_shares = Доли — шкала 0–100 %:
chart_sources_conversion = { $conversion } (из встреч, назначенных в периоде)
chart_sources_more =
    { $count ->
        [one] Ещё { $count } источник — в тексте сообщения.
        [few] Ещё { $count } источника — в тексте сообщения.
        [many] Ещё { $count } источников — в тексте сообщения.
       *[other] Ещё { $count } источника — в тексте сообщения.
    }
