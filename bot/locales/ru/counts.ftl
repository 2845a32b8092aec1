## сколько чего: число и существительное в нужной форме (1 звонок, 2 звонка, 5 звонков, 1,5 минуты)
## count_<метрика> — для планов и темпа: «сегодня ещё 59 звонков», «прогноз на период 412 звонков»

count_calls_60 =
    { $count ->
        [one] { $count } звонок
        [few] { $count } звонка
        [many] { $count } звонков
       *[other] { $count } звонка
    }
count_minutes_on_line =
    { $count ->
        [one] { $count } минута
        [few] { $count } минуты
        [many] { $count } минут
       *[other] { $count } минуты
    }
count_leads_new =
    { $count ->
        [one] { $count } лид
        [few] { $count } лида
        [many] { $count } лидов
       *[other] { $count } лида
    }
count_meetings_set =
    { $count ->
        [one] { $count } встреча
        [few] { $count } встречи
        [many] { $count } встреч
       *[other] { $count } встречи
    }
count_meetings_held =
    { $count ->
        [one] { $count } встреча
        [few] { $count } встречи
        [many] { $count } встреч
       *[other] { $count } встречи
    }
count_meetings_held_as_hunter =
    { $count ->
        [one] { $count } встреча
        [few] { $count } встречи
        [many] { $count } встреч
       *[other] { $count } встречи
    }
count_payments_as_hunter =
    { $count ->
        [one] { $count } оплата
        [few] { $count } оплаты
        [many] { $count } оплат
       *[other] { $count } оплаты
    }
count_proposals = { $count } КП
count_repeat_payments =
    { $count ->
        [one] { $count } продажа
        [few] { $count } продажи
        [many] { $count } продаж
       *[other] { $count } продажи
    }
count_sales_cycle_days_as_hunter =
    { $count ->
        [one] { $count } день
        [few] { $count } дня
        [many] { $count } дней
       *[other] { $count } дня
    }
