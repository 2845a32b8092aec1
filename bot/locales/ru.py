"""Русские тексты. Поля подстановки в формате str.format; значения экранируются для HTML."""

MESSAGES: dict[str, str] = {
    # доступ
    "private_bot": (
        "Здравствуйте! Это закрытый бот: он ведёт цифры одного отдела продаж.\n"
        "Попросите у руководителя ссылку-приглашение."
    ),
    "deactivated": (
        "Ваш доступ к «{team}» отключён. Если это ошибка, попросите у руководителя "
        "новую ссылку-приглашение."
    ),
    "managers_only": "Это может только руководитель. Ваши роли: {roles}.",
    "error_generic": "Что-то пошло не так, ничего не сохранено. Попробуйте ещё раз через минуту.",
    "unknown_command": "Такой команды я не знаю. /help покажет, что можно сделать.",
    # роли
    "role_sdr": "лидоруб",
    "role_hunter": "хантер",
    "role_farmer": "фермер",
    "role_manager": "руководитель",
    "roles_none": "ролей пока нет",
    # старт / помощь
    "welcome": "Здравствуйте, {name}! Вы в команде «{team}», роли: {roles}.",
    "help_header": "Что вы можете сделать:",
    "help_manager_header": "Команды руководителя:",
    "help_footer": "Отвечаю на вашем языке; сменить: /lang.",
    "cmd_log": "кнопки в одно нажатие: звонки, лиды, встречи",
    "cmd_call": "звонок: /call 75с, /call 4м вх google",
    "cmd_calls": "звонки за день разом: /calls 85 260м",
    "cmd_lead": "лид: /lead google целевой",
    "cmd_meeting": "встреча: /meeting set Ромашка google @anna завтра 15:00",
    "cmd_meetings": "мои открытые встречи, с кнопками",
    "cmd_paid": "оплата: /paid 150000 #42 или /paid 150к Ромашка",
    "cmd_proposal": "отправлено КП: /proposal #42",
    "cmd_undo": "отменить мою последнюю запись (24 ч)",
    "cmd_history": "мои последние 10 записей, с кнопками отмены",
    "cmd_sources": "источники лидов команды",
    "cmd_source": "управление источниками: /source add google",
    "cmd_import": "пришлите CSV с подписью /import",
    "cmd_export": "все записи в CSV: /export",
    "cmd_start": "начать и увидеть свои роли",
    "cmd_help": "что умеет бот",
    "cmd_lang": "язык: /lang ru или /lang en",
    "cmd_team": "состав команды и роли",
    "cmd_invite": "ссылка-приглашение для роли: /invite sdr",
    "cmd_invites": "активные приглашения, отзыв",
    "cmd_role": "сменить роли: /role @ivan лидоруб хантер",
    "cmd_remove": "отключить сотрудника: /remove @ivan",
    "cmd_setchat": "отправьте в группе команды: дайджесты придут туда",
    # язык
    "lang_current": "Ваш язык: русский. Сменить: /lang en или /lang ru.",
    "lang_set": "Готово: буду говорить с вами по-русски.",
    "lang_usage": "Какой язык? Пример: /lang ru или /lang en.",
    # приглашения
    "invite_usage": (
        "Для какой роли приглашение? Роли: лидоруб (sdr), хантер (hunter), "
        "фермер (farmer), руководитель (manager).\nПример: /invite лидоруб"
    ),
    "invite_unknown_role": (
        "Не знаю роль «{role}». Роли: лидоруб (sdr), хантер (hunter), фермер (farmer), "
        "руководитель (manager).\nПример: /invite хантер"
    ),
    "invite_created": (
        "Ссылка-приглашение для роли «{role}», действует до {expires}:\n{link}\n\n"
        "Кто откроет её, войдёт в «{team}» с ролью «{role}». "
        "Отправьте её сотрудникам лично; отозвать можно в любой момент: /invites."
    ),
    "invites_header": "Активные приглашения «{team}»:",
    "invites_item": "{n}. {role}, до {expires}\n{link}",
    "invites_empty": "Активных приглашений нет. Создать: /invite лидоруб",
    "invite_revoke_button": "Отозвать №{n} ({role})",
    "invite_revoked": "Приглашение отозвано.",
    "invite_already_revoked": "Это приглашение уже отозвано или истекло.",
    "invite_invalid": ("Ссылка-приглашение истекла или отозвана. Попросите у руководителя новую."),
    "joined": "Добро пожаловать в «{team}», {name}! Ваши роли: {roles}.",
    "joined_role_added": "Вы уже в «{team}»; роль добавлена. Ваши роли: {roles}.",
    "joined_already": "Вы уже в «{team}» с этой ролью. Ваши роли: {roles}.",
    "joined_notify_managers": "{name} вступил(а) в «{team}», роль: {role}.",
    # команда
    "team_header": "«{team}», сотрудников: {count}",
    "team_line": "{n}. {name}{username}: {roles}",
    "team_inactive": " (отключён)",
    "team_footer": "Руководителю: /role {n} лидоруб хантер, /remove {n}.",
    "member_usage_role": (
        "Кому и какие роли? Укажите сотрудника как в /team: номером, @username или именем.\n"
        "Пример: /role @ivan лидоруб хантер"
    ),
    "member_usage_remove": (
        "Кого отключить? Укажите сотрудника как в /team: номером, @username или именем.\n"
        "Пример: /remove @ivan"
    ),
    "member_not_found": "Не нахожу «{query}» в команде. Список: /team.",
    "member_ambiguous": "«{query}» подходит нескольким: {names}. Укажите номер из /team.",
    "role_unknown": (
        "Не знаю роль «{role}». Роли: лидоруб (sdr), хантер (hunter), фермер (farmer), "
        "руководитель (manager)."
    ),
    "roles_updated": "{name}: теперь роли — {roles}.",
    "last_manager": "В команде должен остаться хотя бы один руководитель; ничего не изменено.",
    "admin_keeps_manager": (
        "{name} — администратор из ADMIN_IDS и остаётся руководителем; ничего не изменено."
    ),
    "member_removed": "{name} отключён(а). История сохраняется и учитывается в прошлых отчётах.",
    "member_already_removed": "{name} уже отключён(а).",
    "member_reactivated": "{name} снова в команде.",
    # группы
    "setchat_done": "Готово: дайджесты «{team}» будут приходить в этот чат.",
    "setchat_private": "Отправьте /setchat в групповом чате команды, куда слать дайджесты.",
    "group_hello_manager": (
        "Здравствуйте! Я бот с цифрами отдела продаж. "
        "Отправьте здесь /setchat, чтобы вечерние дайджесты приходили в этот чат."
    ),
    "group_not_allowed": (
        "Добавить меня в группу может только руководитель команды, поэтому я выхожу. "
        "Попросите руководителя добавить меня."
    ),
    # --- учёт работы ---
    "saved": "✔️ Сохранено для {name}: {entry}",
    "undo_button": "↩️ Отменить",
    "void_button": "✖️ Аннулировать №{n}",
    "voided": "↩️ Аннулировано: {entry}",
    "entry_call": "📞 звонок {duration}, {direction}{source}{client}, {day}",
    "entry_calls": "📞 {count} звонков от 1 мин, {minutes} мин на линии, {day}",
    "entry_lead": "🧲 лид №{lead_id}{source}{qualification}{client}, {day}",
    "entry_lead_qualified": "🧲 лид №{lead_id} теперь {qualification}",
    "entry_meeting_set": "🤝 встреча №{meeting_id} назначена: {client}{source}{hunter}{when}, {day}",
    "entry_meeting_confirmed": "✅ встреча №{meeting_id} подтверждена{client}, {day}",
    "entry_meeting_held": "🏁 встреча №{meeting_id} проведена{client}, {day}",
    "entry_meeting_cancelled": "✖️ встреча №{meeting_id} отменена{client}, {day}",
    "entry_meeting_no_show": "🚫 встреча №{meeting_id}: клиент не пришёл{client}, {day}",
    "entry_payment_new": "💰 оплата {amount} по встрече №{meeting_id}{client}, {day}",
    "entry_payment_repeat": "💰 повторная продажа {amount}: {client}, {day}",
    "entry_proposal": "📄 отправлено КП{meeting}, {day}",
    "entry_import": "📥 импорт: {rows} строк",
    "entry_void_mark": " (аннулировано)",
    "dir_in": "входящий",
    "dir_out": "исходящий",
    "qual_targeted": "целевой",
    "qual_non_targeted": "нецелевой",
    "with_source": ", источник {source}",
    "with_client": ", {client}",
    "with_hunter": ", хантер {hunter}",
    "with_when": ", на {when}",
    "with_meeting": " по встрече №{meeting_id}",
    "no_client": "клиент не указан",
    "usage_call": (
        "Сколько длился звонок? Примеры: /call 75с, /call 2м30с, /call 1:15, "
        "/call 4мин вх google, /call 3м вчера"
    ),
    "usage_calls": (
        "Сколько звонков от 1 минуты и сколько минут на линии? Пример: /calls 85 260м "
        "(85 звонков, 260 минут), /calls 85 260м вчера"
    ),
    "usage_lead": (
        "Примеры: /lead google, /lead google целевой, /lead yandex нецелевой, "
        "/lead 17 целевой (квалифицировать лид №17)"
    ),
    "usage_meeting": (
        "Примеры: /meeting set ООО Ромашка google @anna завтра 15:00, /meeting confirm 42, "
        "/meeting held 42, /meeting noshow 42, /meeting cancel 42"
    ),
    "usage_paid": (
        "Примеры: /paid 150000 #42 (оплата по встрече 42), /paid 150 тыс ООО Ромашка "
        "(повторная продажа действующему клиенту)"
    ),
    "usage_proposal": "Примеры: /proposal, /proposal #42",
    "err_bad_duration": "«{value}» — не длительность: пишите 75с, 2м30с или 1:15.",
    "err_duration_ambiguous": "«{value}»: секунды или минуты? Напишите 75с или 2м.",
    "err_duration_negative": "Звонок не может длиться «{value}».",
    "err_duration_too_long": "«{value}» — больше 4 часов, это не один звонок.",
    "err_amount_not_positive": "Сумма должна быть больше нуля, а указано «{value}».",
    "err_amount_too_large": "«{value}» — слишком большая сумма для одной оплаты.",
    "err_day_in_future": "«{value}» — это будущее: задним числом можно, вперёд нельзя.",
    "err_day_too_old": "«{value}» — слишком давно: самый ранний день для записи — {limit}.",
    "err_bad_day": "«{value}» — не понимаю такой день: пишите вчера или 2026-11-26.",
    "err_bad_time": "«{value}» — это не время: пишите 15:00.",
    "err_meeting_time_out_of_range": "«{value}» — слишком далеко от сегодняшнего дня для встречи.",
    "err_count_out_of_range": "«{value}» — странное число звонков.",
    "err_bad_amount": "«{value}» — не сумма: пишите 150000, 150 000, 150к или 1.5м.",
    "err_extra_words": "Не понял «{value}».",
    "calls_minutes_too_few": (
        "{count} звонков от минуты — это минимум {count} минут на линии, а не {minutes}."
    ),
    "refused_meeting_not_found": "Встречи №{meeting_id} нет. Ваши встречи: /meetings.",
    "refused_meeting_not_yours": (
        "Встреча №{meeting_id} не ваша: менять её могут тот, кто назначил, хантер или руководитель."
    ),
    "refused_meeting_lifecycle": "Встреча №{meeting_id} уже {current}: теперь её нельзя {event}.",
    "refused_meeting_step_too_early": "У встречи №{meeting_id} уже есть шаг {last_day}: следующий шаг не может быть раньше.",
    "refused_payment_before_held": "Встреча №{meeting_id} проведена {held_day}: оплата не может быть раньше.",
    "refused_meeting_not_held": (
        "Встреча №{meeting_id} — {current}, ещё не проведена: оплату записывают после "
        "проведения (/meeting held {meeting_id})."
    ),
    "refused_lead_not_found": "Лида №{lead_id} нет.",
    "refused_lead_not_yours": "Лид №{lead_id} чужой: квалифицировать его может владелец или руководитель.",
    "refused_entry_not_found": "Записи №{entry_id} нет.",
    "refused_entry_already_void": "Эта запись уже аннулирована.",
    "refused_entry_not_yours": "Запись чужая: аннулировать её может автор или руководитель.",
    "refused_void_later_first": (
        "У встречи №{meeting_id} есть более поздние шаги или оплаты: сначала отмените их (/history)."
    ),
    "nothing_to_undo": "Отменять нечего: за последние 24 часа у вас нет записей.",
    "hunter_unknown": "Хантера «{name}» в команде нет. Хантеры: {hunters}.",
    "meeting_client_missing": "С кем встреча? Пример: /meeting set ООО Ромашка google @anna",
    "status_set": "назначена",
    "status_confirmed": "подтверждена",
    "status_held": "проведена",
    "status_cancelled": "отменена",
    "status_no_show": "клиент не пришёл",
    "status_void": "аннулирована",
    "event_confirmed": "подтвердить",
    "event_held": "отметить проведённой",
    "event_cancelled": "отменить",
    "event_no_show": "отметить неявку",
    "btn_confirm": "✅ Подтверждена",
    "btn_held": "🏁 Проведена",
    "btn_noshow": "🚫 Не пришёл",
    "btn_cancel": "✖️ Отмена",
    "meeting_card": (
        "🤝 Встреча №{meeting_id}: {client}\nСтатус: {status}\nИсточник: {source}\n"
        "Назначил(а): {setter}\nХантер: {hunter}\nКогда: {when}{paid}"
    ),
    "meeting_card_paid": "\nОплачено: {amount}",
    "not_given": "—",
    "meeting_for_hunter": "Вам новая встреча от {setter}:",
    "meetings_line": "№{meeting_id} {client} · {when} · {status}{hunter}",
    "meeting_unknown_action": "Что сделать со встречей? set (назначить), confirm (подтвердить), held (проведена), noshow (не пришёл) или cancel (отмена).",
    "meeting_number_missing": "Какая встреча? Укажите номер, например 42 или #42.",
    "meetings_header": "Ваши открытые встречи:",
    "meetings_empty": "Открытых встреч нет.",
    "meetings_more": "…и ещё {count}.",
    "history_header": "Ваши последние записи:",
    "history_header_of": "Последние записи: {name}",
    "history_empty": "Записей пока нет.",
    "history_line": "№{n} {entry}",
    "usage_history": "Пример: /history, руководителю: /history @ivan",
    "log_header": "Одно нажатие — одна запись за сегодня. Сегодня: {summary}",
    "log_summary": "📞 {calls} · ⏱ {minutes} мин · 🧲 {leads} · 🤝 {set} · 🏁 {held}",
    "log_last": "Последнее: {entry}",
    "log_call_1": "📞 звонок 1 мин",
    "log_call_3": "📞 звонок 3 мин",
    "log_call_5": "📞 звонок 5 мин",
    "log_call_short": "📞 недозвон (0 с)",
    "log_lead": "🧲 лид",
    "log_lead_targeted": "🎯 целевой лид",
    "log_meeting_set": "🤝 встреча назначена",
    "log_proposal": "📄 КП",
    "log_meetings": "🏁 мои встречи",
    "log_undo": "↩️ отменить последнее",
    "log_saved_toast": "Сохранено: {entry}",
    # источники
    "sources_header": "Источники лидов «{team}»:",
    "sources_line": "• {name}{aliases}",
    "sources_aliases": " (ещё: {aliases})",
    "sources_empty": "Источников пока нет. Руководитель добавляет их: /source add google",
    "sources_free_on": "Сотрудники могут называть новые источники, они добавляются сами.",
    "sources_footer": "Руководителю: /source add ИМЯ, /source rename СТАРОЕ НОВОЕ, /source merge ИЗ В, /source alias ИМЯ СИНОНИМ, /source free on|off",
    "source_unknown": "Не знаю источник «{name}». Источники: {sources}.",
    "source_suggest": " Может быть, «{suggestion}»?",
    "source_added": "Источник «{name}» добавлен.",
    "source_renamed": "Источник «{old}» теперь называется «{name}»; старое имя тоже работает.",
    "source_merged": "«{old}» объединён с «{name}»: его записи теперь считаются там.",
    "source_aliased": "«{alias}» теперь означает «{name}».",
    "source_exists": "Источник «{name}» уже есть.",
    "source_same": "Это один и тот же источник: «{name}».",
    "source_name_empty": "У источника должно быть имя.",
    "source_free_set_on": "Готово: сотрудники могут называть новые источники.",
    "source_free_set_off": "Готово: принимаются только источники из списка.",
    "usage_source": (
        "Примеры: /source add google, /source rename google Google Ads, "
        "/source merge yandex.direct yandex, /source alias google гугл, /source free on"
    ),
    # импорт / экспорт
    "import_usage": "Пришлите CSV-файл с подписью /import (с --dry-run — только проверить).",
    "import_ok": "📥 Импортировано строк: {count} ({details}). Пропущено как уже загруженные: {skipped}.",
    "import_dry_ok": "📥 Файл в порядке: будет импортировано {count} строк ({details}); ничего не записано.",
    "import_failed": "📥 Ничего не импортировано: ошибок в строках — {count}.\n{errors}",
    "import_not_csv": "Не могу прочитать этот файл как CSV (UTF-8, через запятую).",
    "import_too_big": "Файл слишком большой для импорта через Telegram (больше {limit} МБ): используйте python -m bot import.",
    "export_caption": "📤 Записи «{team}»{period}: {count} строк.",
    "usage_export": "Примеры: /export, /export 2026-11-01..2026-11-30",
    # --- метрики ---
    "m_calls_60": "звонки от 60 секунд",
    "m_minutes_on_line": "минут на линии",
    "m_leads_new": "новые лиды",
    "m_leads_targeted": "целевые лиды",
    "m_leads_non_targeted": "нецелевые лиды",
    "m_meetings_set": "назначенные встречи",
    "m_meetings_confirmed": "подтверждённые встречи",
    "m_meetings_held": "проведённые встречи",
    "m_conv_call_to_set": "звонок → назначенная встреча",
    "m_conv_set_to_confirmed": "назначенная → подтверждённая",
    "m_conv_confirmed_to_held": "подтверждённая → проведённая",
    "m_conv_set_to_held": "назначенная → проведённая",
    "m_conv_held_to_paid": "проведённая → оплата",
    "m_calls_total": "все звонки",
    "m_meetings_cancelled": "отменённые встречи",
    "m_meetings_no_show": "неявки",
    "m_meetings_paid": "оплаченные встречи",
    "m_payments": "оплаты",
    "m_revenue": "выручка",
    "m_avg_check": "средний чек",
    "m_targeted_share": "доля целевых лидов",
    "m_meetings_held_as_hunter": "проведённые встречи (хантер)",
    "m_meetings_paid_as_hunter": "оплаченные встречи (хантер)",
    "m_payments_as_hunter": "оплаты (хантер)",
    "m_revenue_as_hunter": "выручка (хантер)",
    "m_avg_check_as_hunter": "средний чек (хантер)",
    "m_conv_held_to_paid_as_hunter": "проведённая → оплата (хантер)",
    "m_sales_cycle_days_as_hunter": "цикл сделки, дней (медиана)",
    "m_proposals": "отправленные КП",
    "m_repeat_payments": "повторные продажи",
    "m_repeat_revenue": "выручка с повторных продаж",
    "m_repeat_avg_check": "средний чек повторных продаж",
    "m_active_clients": "активные клиенты",
    "main_indicator": "основной показатель",
    "funnel_title": "{subject}: воронка продаж",
    "funnel_caption": (
        "<b>{subject}</b> · {period}{mode}\n"
        "📞 звонков от 60 секунд: {calls_60} · ⏱ {minutes} мин на линии\n"
        "🧲 лидов: {leads} (целевых {targeted_share})\n"
        "🤝 назначено {set} → подтверждено {confirmed} ({c1}) → проведено {held} ({c2}) → оплачено {paid} ({c3})\n"
        "назначенная → проведённая: {set_to_held} · звонок → встреча: {call_to_set}\n"
        "💰 оплат: {payments} · выручка {revenue}"
    ),
    "funnel_caption_hunter": (
        "<b>{subject}</b> · {period}{mode}\n"
        "🏁 проведено встреч: {held} · 📄 КП: {proposals}\n"
        "💰 оплаченных встреч: {paid} ({conv}) · оплат {payments} · выручка {revenue}\n"
        "средний чек {avg_check} · цикл сделки {cycle} дн."
    ),
    "funnel_caption_farmer": (
        "<b>{subject}</b> · {period}{mode}\n"
        "📞 звонков: {calls_total} (от 60 секунд: {calls_60})\n"
        "💰 повторных продаж: {payments} · выручка {revenue} · средний чек {avg_check}\n"
        "активных клиентов: {clients}"
    ),
    "mode_cohort": " · когорта",
    "team_subject": "Команда «{team}»",
    "source_subject": "Источник {source}",
    "no_source": "без источника",
    "stage_calls_60": "Звонки от 60 с",
    "stage_calls_total": "Все звонки",
    "stage_meetings_set": "Назначено",
    "stage_meetings_confirmed": "Подтверждено",
    "stage_meetings_held": "Проведено",
    "stage_meetings_paid": "Оплачено",
    "stage_meetings_held_as_hunter": "Проведено",
    "stage_proposals": "КП",
    "stage_meetings_paid_as_hunter": "Оплачено",
    "stage_repeat_payments": "Повторные продажи",
    "funnel_footer": "Лиды {leads} (целевых {share}) · минут на линии {minutes} · выручка {revenue}",
    "usage_funnel": "Примеры: /funnel, /funnel неделя, /funnel прошлый месяц когорта, /funnel месяц @ivan, /funnel неделя google",
    "usage_stats": "Примеры: /stats, /stats неделя, /stats прошлый месяц @ivan",
    "usage_report": "Примеры: /report месяц, /report прошлый месяц когорта",
    "usage_top": "Примеры: /top, /top неделя, /top прошлый месяц",
    "period_unknown": "Не понимаю период «{value}».",
    "subject_unknown": "«{value}» — это не сотрудник и не источник.",
    "only_own_numbers": "Вы видите свои цифры; цифры всех видит руководитель.",
    "stats_header": "<b>{subject}</b> · {period}{mode}",
    "stats_section_sdr": "Лидоруб",
    "stats_section_hunter": "Хантер",
    "stats_section_farmer": "Фермер",
    "sources_report_header": "<b>Источники</b> · {period}",
    "sources_report_line": "<b>{source}</b>: лидов {leads} (целевых {share}) · назначено {set} · проведено {held} · оплачено {paid} · проведённая → оплата {conv}",
    "sources_report_empty": "За этот период нет ни лидов, ни встреч.",
    "sources_hint": "Цифры по источникам: /sources неделя, /sources месяц",
    "chart_sources_title": "Источники · {period}",
    "series_leads_new": "Лиды",
    "series_targeted_share": "Доля целевых",
    "series_meetings_set": "Назначено",
    "series_meetings_held": "Проведено",
    "series_meetings_paid": "Оплачено",
    "series_conv_held_to_paid": "Проведённая → оплата",
    "top_header": "<b>Рейтинг</b> · {period}",
    "top_role": "<b>{role}</b> — по показателю «{metric}»:",
    "top_line": "{place}. {name}: {value}",
    "top_nobody": "сотрудников с этой ролью нет",
    "top_hidden": "Рейтинг видит руководитель. Руководитель может открыть его всем: /settop on",
    "top_visibility_on": "Готово: сотрудники видят /top.",
    "top_visibility_off": "Готово: /top видит только руководитель.",
    "usage_settop": "Пример: /settop on или /settop off",
    "report_caption": "📊 «{team}» · {period}{mode}: по строке на сотрудника и итог.",
    "cmd_funnel": "воронка: /funnel неделя",
    "cmd_stats": "все мои цифры: /stats месяц",
    "cmd_top": "рейтинг по основному показателю",
    "cmd_report": "отчёт в CSV и XLSX: /report месяц",
    "cmd_settop": "открыть /top сотрудникам: /settop on",
    # --- планы ---
    "plan_header": "<b>Дневной план: {subject}</b> (рабочие дни: {workdays}):",
    "plan_header_team": "<b>Дневной план «{team}»</b> (рабочие дни: {workdays}):",
    "plan_role": "<b>{role}</b>",
    "plan_line": "{metric}: {target}{weekdays}",
    "plan_weekday": "{weekday}: {target}",
    "plan_override": " (личный)",
    "plan_empty": "План не задан. Руководитель задаёт его: /setplan sdr calls_60 80-100",
    "plan_days_off": "Выходные: {ranges}",
    "usage_setplan": "Примеры: /setplan sdr calls_60 80-100, /setplan @ivan meetings_set 4, /setplan sdr calls_60 60 пт, /setplan @ivan reset",
    "setplan_done": "План задан: {subject} · {metric} {target} в день{weekday}.",
    "setplan_reset": "Личный план {subject} снят: действует план роли.",
    "setplan_bad_metric": "«{metric}» нельзя запланировать для {subject}. Можно: {metrics}.",
    "plan_err_bad_target": "«{value}» — не план: пишите 80-100 или 4.",
    "plan_err_lower_above_goal": "В «{value}» нижняя граница выше цели.",
    "plan_err_negative": "«{value}»: план не может быть отрицательным.",
    "plan_err_bad_weekdays": "«{value}» — не дни недели: пишите пн-пт или mon-fri.",
    "usage_workdays": "Пример: /workdays пн-пт, /workdays mon-sat",
    "workdays_set": "Рабочие дни «{team}»: {workdays}.",
    "usage_dayoff": "Пример: /dayoff @ivan 2026-12-01..2026-12-03 (больничный, отпуск)",
    "dayoff_set": "{name} не работает {first}–{last}: в эти дни плана нет.",
    "today_header": "<b>{subject}</b> · {period}: план и факт на сейчас",
    "today_line": "{mark} {metric}: <b>{fact}</b> из {target}{left}{forecast}",
    "today_left": " · осталось сегодня {left}",
    "today_forecast": " · прогноз на период {forecast}",
    "today_day_off": "Сегодня у {subject} не рабочий день: плана нет.",
    "today_no_plan": "У {subject} нет плана на этот период.",
    "status_legend": "🔴 отстаёт · 🟡 в пределах плана · 🟢 выполнено",
    "cmd_plan": "действующий план: /plan, /plan @ivan",
    "cmd_today": "план и факт за сегодня",
    "cmd_week": "план и факт за неделю",
    "cmd_month": "план и факт за месяц",
    "cmd_setplan": "задать дневной план: /setplan sdr calls_60 80-100",
    "cmd_workdays": "рабочие дни: /workdays пн-пт",
    "cmd_dayoff": "выходной: /dayoff @ivan 2026-12-01..2026-12-03",
    # --- дайджесты ---
    "digest_title_day": "📊 <b>Вечерний дайджест · {team}</b> · {period}",
    "digest_title_week": "📊 <b>Итоги недели · {team}</b> · {period}",
    "digest_title_month": "📊 <b>Итоги месяца · {team}</b> · {period}",
    "digest_team": "<b>Команда</b>: проведено встреч {held}{held_plan} · оплат {payments} · выручка {revenue}",
    "digest_vs_plan": " из {target}",
    "digest_reps": "<b>Сотрудники</b>:",
    "digest_rep": "{mark} {name}: {numbers}",
    "digest_rep_off": "⚪ {name}: выходной",
    "digest_number": "{metric} {fact}{target}",
    "digest_compare": "<b>По сравнению с {previous}</b>: проведено встреч {held} ({held_delta}) · оплат {payments} ({payments_delta}) · выручка {revenue} ({revenue_delta})",
    "digest_no_reps": "В команде пока нет сотрудников: /invite sdr",
    "digest_chart_title": "План и факт · {period}",
    "usage_digest": "Примеры: /digest (сегодня), /digest неделя, /digest месяц, /digest me (копии лично)",
    "cmd_digest": "дайджест сейчас: /digest, /digest неделя; копии лично: /digest me",
    "usage_digest_me": "Примеры: /digest me (получать каждый дайджест ещё и лично), /digest me off",
    "digest_me_on": "Готово: каждый дайджест будет приходить и вам лично. Отключить: /digest me off",
    "digest_me_off": "Готово: личные копии дайджестов больше не приходят.",
    # --- расписание ---
    "nudge": "👋 {name}, сегодня в боте пока нет ни одной записи. Если звонки и встречи были, отметьте их сейчас: /call 75s, /calls 40 120м или /log — кнопки в один тап.",
    "usage_settime": "Примеры: /settime digest 19:00 (вечерний дайджест), /settime nudge 18:30 (личное напоминание тем, кто за день ничего не записал), /settime nudge off",
    "settime_bad_time": "«{value}» — не время суток. Нужно ЧЧ:ММ, например: /settime digest 19:00",
    "settime_digest_done": "Готово: вечерний дайджест «{team}» приходит в {time} ({zone}) по рабочим дням ({workdays}). Следующий: {next}.",
    "settime_nudge_done": "Готово: в {time} ({zone}) по рабочим дням тем, кто за день ничего не записал, придёт личное напоминание. Следующее: {next}. Отключить: /settime nudge off",
    "settime_nudge_off": "Готово: напоминание выключено.",
    "usage_timezone": "Пример: /timezone Europe/Moscow (или Asia/Vladivostok, Asia/Yekaterinburg). Сейчас: {zone}.",
    "timezone_unknown": "Не знаю часовой пояс «{zone}». Нужно название IANA, например: /timezone Europe/Moscow",
    "timezone_done": "Готово: «{team}» живёт по времени {zone} (там сейчас {local}). Дайджест приходит в {time} по местному времени; следующий: {next}. Уже записанные дни свои даты не меняют.",
    "schedule_title": "<b>Расписание «{team}»</b> · {zone}, сейчас {local}",
    "schedule_day": "Вечерний дайджест: {time}, дни: {workdays} · следующий {next}",
    "schedule_week_month": "Итоги недели: по понедельникам в 09:00 · следующие {week}\nИтоги месяца: 1-го числа в 09:00 · следующие {month}",
    "schedule_chat_set": "Дайджесты приходят в чат команды.",
    "schedule_chat_unset": "Чат команды не задан: дайджесты приходят руководителям лично. Отправьте /setchat в группе команды.",
    "schedule_private": "Лично получают: {names}",
    "schedule_private_none": "Лично не получает никто (/digest me)",
    "schedule_nudge": "Напоминание тем, кто ничего не записал: {time}",
    "schedule_nudge_off": "Напоминание тем, кто ничего не записал: выключено (/settime nudge 18:30)",
    "schedule_never": "никогда",
    "schedule_runs": "<b>Последние</b>:",
    "schedule_run": "{mark} {kind} {period}: {status}, {when}",
    "run_kind_day": "вечерний дайджест",
    "run_kind_week": "итоги недели",
    "run_kind_month": "итоги месяца",
    "run_kind_nudge": "напоминание",
    "run_status_sent": "отправлен",
    "run_status_sending": "отправляется",
    "run_status_failed": "не удалось отправить",
    "run_status_missed": "пропущен (бот не работал)",
    "run_status_interrupted": "прерван перезапуском",
    "cmd_schedule": "когда приходят дайджесты и напоминания",
    "cmd_settime": "время дайджеста: /settime digest 19:00",
    "cmd_timezone": "часовой пояс команды: /timezone Europe/Moscow",
}
