## /funnel и воронка команды в дайджесте: счётчики периода и когорта встреч, назначенных за период

funnel_title = { $subject }: воронка продаж
funnel_counts_heading = Что сделано за период
funnel_cohort_heading = Встречи, назначенные за период: что с ними стало
funnel_cohort_note = Из назначенных: { $outcomes }
funnel_cohort_cancelled =
    { $count ->
        [one] { $count } отменена
        [few] { $count } отменены
        [many] { $count } отменено
       *[other] { $count } отменены
    }
funnel_cohort_no_show =
    { $count ->
        [one] { $count } неявка
        [few] { $count } неявки
        [many] { $count } неявок
       *[other] { $count } неявки
    }
funnel_cohort_open = { $count } ещё без итога
funnel_caption =
    <b>{ $subject }</b> · { $period }
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
    🤝 встречи: назначено { $set } · проведено { $held }
    💰 { $payments ->
        [one] { $payments } оплата
        [few] { $payments } оплаты
        [many] { $payments } оплат
       *[other] { $payments } оплаты
    } · выручка { $revenue }

    <b>{ $cohort_heading }</b>
    🤝 назначено { $cohort_set }
    ✅ подтверждено { $cohort_confirmed } · { $set_to_confirmed }
    🏁 проведено { $cohort_held } · { $set_to_held }
    💰 оплачено { $cohort_paid } · { $held_to_paid }{ $note }
funnel_caption_hunter =
    <b>{ $subject }</b> · { $period }
    🏁 { $held ->
        [one] { $held } проведённая встреча
        [few] { $held } проведённые встречи
        [many] { $held } проведённых встреч
       *[other] { $held } проведённой встречи
    } · 📄 КП: { $proposals }
    💰 { $payments ->
        [one] { $payments } оплата
        [few] { $payments } оплаты
        [many] { $payments } оплат
       *[other] { $payments } оплаты
    } · выручка { $revenue } · средний чек { $avg_check } · цикл сделки { $cycle }

    <b>{ $cohort_heading }</b>
    🏁 проведено { $cohort_held }
    💰 оплачено { $cohort_paid } · { $held_to_paid }
funnel_caption_farmer =
    <b>{ $subject }</b> · { $period }
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
