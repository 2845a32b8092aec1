## /sources <период>: текст и график источников; график диагностики (/diagnose)

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

diag_chart_subtitle = { $period } · база: { $baseline }
diag_chart_baseline =
    { $kind ->
        [week] в среднем за { $count ->
            [one] { $count } прошлую неделю
            [few] { $count } прошлые недели
            [many] { $count } прошлых недель
           *[other] { $count } прошлой недели
        }
        [month] в среднем за { $count ->
            [one] { $count } прошлый месяц
            [few] { $count } прошлых месяца
            [many] { $count } прошлых месяцев
           *[other] { $count } прошлого месяца
        }
        [day] в среднем за { $count ->
            [one] { $count } прошлый день
            [few] { $count } прошлых дня
            [many] { $count } прошлых дней
           *[other] { $count } прошлого дня
        }
       *[other] в среднем за { $count ->
            [one] { $count } такой же прошлый период
            [few] { $count } таких же прошлых периода
            [many] { $count } таких же прошлых периодов
           *[other] { $count } такого же прошлого периода
        }
    }
diag_chart_baseline_days =
    { $kind ->
        [week] в среднем за те же дни { $count ->
            [one] прошлой недели
           *[other] { $count } прошлых недель
        }
        [month] в среднем за те же дни { $count ->
            [one] прошлого месяца
           *[other] { $count } прошлых месяцев
        }
       *[other] в среднем за те же дни { $count ->
            [one] прошлого периода
           *[other] { $count } прошлых периодов
        }
    }
diag_chart_team = { $baseline }, весь отдел
diag_chart_plan = план (нижняя граница)
diag_chart_scales = Доли — на шкале 0–100 % (светлая полоса — это 100 %), количества — каждое на своей шкале.
diag_chart_counts = { $metric }*
diag_chart_not_share_period = * «{ $metrics }» за этот период — не доля (встречи переходят из периода в период), поэтому показаны количества (на общей шкале).
diag_chart_more =
    { $count ->
        [one] Ещё { $count } источник — в тексте сообщения.
        [few] Ещё { $count } источника — в тексте сообщения.
        [many] Ещё { $count } источников — в тексте сообщения.
       *[other] Ещё { $count } источника — в тексте сообщения.
    }
diag_chart_not_share_never = * «{ $metrics }» — не доля: встречу можно провести и без подтверждения, поэтому показаны количества (на общей шкале).
