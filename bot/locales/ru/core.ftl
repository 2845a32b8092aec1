## доступ

private_bot =
    Здравствуйте! Это закрытый бот: он ведёт цифры одного отдела продаж.
    Попросите у руководителя ссылку-приглашение.
deactivated = Ваш доступ к «{ $team }» отключён. Если это ошибка, попросите у руководителя новую ссылку-приглашение.
managers_only = Это может только руководитель. Ваши роли: { $roles }.
error_generic = Что-то пошло не так, ничего не сохранено. Попробуйте ещё раз через минуту.
unknown_command = Такой команды я не знаю. /help покажет, что можно сделать.

## роли

role_sdr = лидоруб
role_hunter = хантер
role_farmer = фермер
role_manager = руководитель
roles_none = ролей пока нет

## старт / помощь

welcome = Здравствуйте, { $name }! Вы в команде «{ $team }», роли: { $roles }.
help_header = Что вы можете сделать:
help_manager_header = Команды руководителя:
help_footer = Отвечаю на вашем языке; сменить: /lang.
cmd_log = кнопки в одно нажатие: звонки, лиды, встречи
cmd_call = звонок: /call 75с, /call 4м вх google
cmd_calls = звонки за день разом: /calls 85 260м (85 звонков от 60 с, 260 минут на линии)
cmd_lead = лид: /lead google целевой
cmd_meeting = встреча: /meeting set Ромашка google @anna завтра 15:00, /meeting held 42
cmd_meetings = мои открытые встречи с кнопками
cmd_paid = оплата: /paid 150000 #42 или /paid 150к Ромашка
cmd_proposal = отправлено КП: /proposal #42
cmd_undo = отменить мою последнюю запись (за 24 часа)
cmd_history = мои последние 10 записей с кнопками отмены; руководителю: /history @ivan
cmd_sources = источники лидов; цифры по источникам: /sources неделя
cmd_source = управление источниками: /source add google
cmd_import = импорт записей: CSV-файл с подписью /import
cmd_export = все записи в CSV; за период: /export 2026-11-01..2026-11-30
cmd_start = начать и увидеть свои роли
cmd_help = что умеет бот
cmd_lang = язык: /lang ru или /lang en
cmd_team = состав команды и роли
cmd_invite = ссылка-приглашение для роли: /invite sdr
cmd_invites = активные приглашения и их отзыв
cmd_role = сменить роли: /role @ivan лидоруб хантер
cmd_remove = отключить доступ сотруднику: /remove @ivan
cmd_setchat = дайджесты в чат команды: отправьте в группе /setchat

## язык

lang_current = Ваш язык: русский. Сменить: /lang en или /lang ru.
lang_set = Готово: буду говорить с вами по-русски.
lang_usage = Какой язык? Пример: /lang ru или /lang en.
