## учёт работы

saved = ✔️ { $name }: сохранено { $entry }
undo_button = ↩️ Отменить
void_button = ✖️ Аннулировать №{ $n }
voided = ↩️ Аннулировано: { $entry }
entry_call = 📞 звонок { $duration }, { $direction }{ $source }{ $client }, { $day }
entry_calls =
    📞 { $count ->
        [one] { $count } звонок
        [few] { $count } звонка
        [many] { $count } звонков
       *[other] { $count } звонка
    } от 60 с, { $minutes ->
        [one] { $minutes } минута
        [few] { $minutes } минуты
        [many] { $minutes } минут
       *[other] { $minutes } минуты
    } на линии, { $day }
entry_lead = 🧲 лид №{ $lead_id }{ $source }{ $qualification }{ $client }, { $day }
entry_lead_qualified = 🧲 лид №{ $lead_id } теперь { $qualification }
entry_meeting_set = 🤝 встреча №{ $meeting_id } назначена: { $client }{ $source }{ $hunter }{ $when }, { $day }
entry_meeting_confirmed = ✅ встреча №{ $meeting_id } подтверждена{ $client }, { $day }
entry_meeting_held = 🏁 встреча №{ $meeting_id } проведена{ $client }, { $day }
entry_meeting_cancelled = ✖️ встреча №{ $meeting_id } отменена{ $client }, { $day }
entry_meeting_no_show = 🚫 встреча №{ $meeting_id }: клиент не пришёл{ $client }, { $day }
entry_payment_new = 💰 оплата { $amount } по встрече №{ $meeting_id }{ $client }, { $day }
entry_payment_repeat = 💰 повторная продажа { $amount }: { $client }, { $day }
entry_proposal = 📄 отправлено КП{ $meeting }, { $day }
entry_import =
    📥 импорт: { $rows ->
        [one] { $rows } строка
        [few] { $rows } строки
        [many] { $rows } строк
       *[other] { $rows } строки
    }
entry_void_mark = {" "}(аннулировано)
dir_in = входящий
dir_out = исходящий
qual_targeted = целевой
qual_non_targeted = нецелевой
with_source = , источник { $source }
with_client = , { $client }
with_hunter = , хантер { $hunter }
with_when = , на { $when }
with_meeting = {" "}по встрече №{ $meeting_id }
no_client = клиент не указан
usage_call = Сколько длился звонок? Примеры: /call 75с, /call 2м30с, /call 1:15, /call 4мин вх google, /call 3м вчера
usage_calls = Сколько звонков от 60 с и сколько минут на линии? Пример: /calls 85 260м (85 звонков, 260 минут), /calls 85 260м вчера
usage_lead = Примеры: /lead google, /lead google целевой, /lead yandex нецелевой, /lead 17 целевой (квалифицировать лид №17)
usage_meeting = Примеры: /meeting set ООО Ромашка google @anna завтра 15:00, /meeting confirm 42, /meeting held 42, /meeting noshow 42, /meeting cancel 42
usage_paid = Примеры: /paid 150000 #42 (оплата по встрече 42), /paid 150 тыс ООО Ромашка (повторная продажа действующему клиенту)
usage_proposal = Примеры: /proposal, /proposal #42
err_bad_duration = «{ $value }» — не длительность: пишите 75с, 2м30с или 1:15.
err_duration_ambiguous = «{ $value }»: секунды или минуты? Напишите 75с или 2м.
err_duration_negative = Звонок не может длиться «{ $value }».
err_duration_too_long = «{ $value }» — больше 4 часов, это не один звонок.
err_amount_not_positive = Сумма должна быть больше нуля, а указано «{ $value }».
err_amount_too_large = «{ $value }» — слишком большая сумма для одной оплаты.
err_day_in_future = «{ $value }» — это будущее: задним числом можно, вперёд нельзя.
err_day_too_old = «{ $value }» — слишком давно: самый ранний день для записи — { $limit }.
err_bad_day = «{ $value }» — не понимаю такой день: пишите вчера или 2026-11-26.
err_bad_time = «{ $value }» — это не время: пишите 15:00.
err_meeting_time_out_of_range = «{ $value }» — слишком далеко от сегодняшнего дня для встречи.
err_count_out_of_range = «{ $value }» — странное число звонков.
err_bad_amount = «{ $value }» — не сумма: пишите 150000, 150 000, 150к или 1.5м.
err_extra_words = Не понял «{ $value }».
calls_minutes_too_few =
    { $count ->
        [one] { $count } звонок от 60 с — это минимум { $count } минута на линии
        [few] { $count } звонка от 60 с — это минимум { $count } минуты на линии
        [many] { $count } звонков от 60 с — это минимум { $count } минут на линии
       *[other] { $count } звонка от 60 с — это минимум { $count } минуты на линии
    }, а указано { $minutes }.
refused_meeting_not_found = Встречи №{ $meeting_id } нет. Ваши встречи: /meetings.
refused_meeting_not_yours = Встреча №{ $meeting_id } не ваша: менять её могут тот, кто назначил, хантер или руководитель.
refused_meeting_lifecycle = Встреча №{ $meeting_id } уже { $current }: теперь её нельзя { $event }.
refused_meeting_step_too_early = У встречи №{ $meeting_id } уже есть шаг { $last_day }: следующий шаг не может быть раньше.
refused_payment_before_held = Встреча №{ $meeting_id } проведена { $held_day }: оплата не может быть раньше.
refused_meeting_not_held = Встреча №{ $meeting_id } — { $current }, ещё не проведена: оплату записывают после проведения (/meeting held { $meeting_id }).
refused_lead_not_found = Лида №{ $lead_id } нет.
refused_lead_not_yours = Лид №{ $lead_id } чужой: квалифицировать его может владелец или руководитель.
refused_entry_not_found = Записи №{ $entry_id } нет.
refused_entry_already_void = Эта запись уже аннулирована.
refused_entry_not_yours = Запись чужая: аннулировать её может автор или руководитель.
refused_void_later_first = У встречи №{ $meeting_id } есть более поздние шаги или оплаты: сначала отмените их (/history).
nothing_to_undo = Отменять нечего: за последние 24 часа у вас нет записей.
hunter_unknown = Хантера «{ $name }» в команде нет. Хантеры: { $hunters }.
meeting_client_missing = С кем встреча? Пример: /meeting set ООО Ромашка google @anna
status_set = назначена
status_confirmed = подтверждена
status_held = проведена
status_cancelled = отменена
status_no_show = клиент не пришёл
status_void = аннулирована
event_confirmed = подтвердить
event_held = отметить проведённой
event_cancelled = отменить
event_no_show = отметить неявку
btn_confirm = ✅ Подтверждена
btn_held = 🏁 Проведена
btn_noshow = 🚫 Не пришёл
btn_cancel = ✖️ Отмена
meeting_card =
    🤝 Встреча №{ $meeting_id }: { $client }
    Статус: { $status }
    Источник: { $source }
    Кто назначил: { $setter }
    Хантер: { $hunter }
    Когда: { $when }{ $paid }
meeting_card_paid =
    {""}
    Оплачено: { $amount }
not_given = —
meeting_for_hunter = { $setter }: новая встреча для вас
meetings_line = №{ $meeting_id } { $client } · { $when } · { $status }{ $hunter }
meeting_unknown_action = Что сделать со встречей? set (назначить), confirm (подтвердить), held (проведена), noshow (не пришёл) или cancel (отмена).
meeting_number_missing = Какая встреча? Укажите номер, например 42 или #42.
meetings_header = Ваши открытые встречи:
meetings_empty = Открытых встреч нет.
meetings_more =
    …и ещё { $count ->
        [one] { $count } встреча
        [few] { $count } встречи
        [many] { $count } встреч
       *[other] { $count } встречи
    }.
history_header = Ваши последние записи:
history_header_of = Последние записи: { $name }
history_empty = Записей пока нет.
history_line = №{ $n } { $entry }
usage_history = Пример: /history, руководителю: /history @ivan
log_header = Одно нажатие — одна запись за сегодня. Сегодня: { $summary }
log_summary = 📞 { $calls } · ⏱ { $minutes } мин · 🧲 { $leads } · 🤝 { $set } · 🏁 { $held }
log_last = Последнее: { $entry }
log_call_1 = 📞 звонок 1 мин
log_call_3 = 📞 звонок 3 мин
log_call_5 = 📞 звонок 5 мин
log_call_short = 📞 недозвон (0 с)
log_lead = 🧲 лид
log_lead_targeted = 🎯 целевой лид
log_meeting_set = 🤝 встреча назначена
log_proposal = 📄 КП
log_meetings = 🏁 мои встречи
log_undo = ↩️ отменить последнее
log_saved_toast = Сохранено: { $entry }
