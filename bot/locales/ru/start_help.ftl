## /start: коротко, кто вы и с чего начать

start_about =
    Я веду цифры отдела продаж по статье «Железная аналитика»: сотрудники за секунды записывают звонки, лиды, встречи и оплаты.
    Я считаю воронку, сверяю факт с планом и вечером присылаю дайджест в чат команды.
start_setup = Начнём с настройки: часовой пояс, рабочие дни, план, источники лидов и приглашения сотрудникам. Пара минут, по одному вопросу; любой шаг можно пропустить.
start_setup_button = Настроить команду
start_manager_ready = С чего начать: /today — план и факт за сегодня, /funnel — воронка, /board — живая доска. Все команды — /help.
start_rep_log = Записывайте работу сразу: /log — кнопки в одно нажатие, или командой, например <code>/call 75с</code> — звонок на 75 секунд.
start_rep_plan = <b>План на сегодня</b>:
start_rep_no_plan = Плана на сегодня пока нет: руководитель его ещё не задал.
start_rep_day_off = Сегодня у вас нерабочий день, плана нет.
start_rep_more = Свои цифры: /today и /stats. Все команды — /help.

## /help: по задачам, в свёрнутых цитатах

help_group_log = 📝 <b>Записать работу</b>
help_group_numbers = 📊 <b>Цифры</b>
help_group_plans = 🎯 <b>Планы и дайджесты</b>
help_group_team = 👥 <b>Команда и настройки</b>
help_group_integrations = 🔌 <b>Телефония, CRM и файлы</b>

help_log = /log — кнопки в одно нажатие: звонки, лиды, встречи
help_call = <code>/call 75с</code> — звонок на 75 секунд
help_calls = <code>/calls 85 260м</code> — звонки за день разом: 85 звонков от 60 с, 260 минут на линии
help_lead = <code>/lead google целевой</code> — целевой лид из google
help_meeting = <code>/meeting set Ромашка google @anna завтра 15:00</code> — встреча назначена; дальше — кнопки на её карточке
help_meetings = /meetings — мои открытые встречи с кнопками
help_paid = <code>/paid 150000 #42</code> — оплата по встрече №42
help_proposal = <code>/proposal #42</code> — отправлено КП по встрече №42
help_undo = /undo — отменить мою последнюю запись (за 24 часа)
help_history = /history — мои последние 10 записей с кнопками отмены
help_sources = <code>/sources неделя</code> — цифры по источникам лидов за неделю
help_funnel = <code>/funnel неделя</code> — воронка продаж за неделю, с графиком
help_stats = <code>/stats месяц</code> — все цифры за месяц
help_trend = /trend — динамика по неделям против плана
help_top = <code>/top неделя</code> — рейтинг по основному показателю за неделю
help_today = /today — план и факт за сегодня
help_week = /week — план и факт за неделю
help_month = /month — план и факт за месяц
help_diagnose = <code>/diagnose неделя</code> — что сломалось в воронке за неделю
help_board = /board — живая доска отдела
help_report = <code>/report месяц</code> — отчёт за месяц в CSV и XLSX
help_tv = /tv — ссылка на доску для телевизора в офисе
help_plan = /plan — действующий план
help_setplan = <code>/setplan sdr calls_60 80-100</code> — дневной план лидоруба: 80–100 звонков от 60 с
help_workdays = <code>/workdays пн-пт</code> — рабочие дни команды
help_dayoff = <code>/dayoff @ivan 2026-12-01..2026-12-03</code> — нерабочие дни сотрудника (отпуск, больничный)
help_digest = <code>/digest неделя</code> — дайджест за неделю прямо сейчас
help_schedule = /schedule — когда приходят дайджесты и напоминания
help_settime = <code>/settime digest 19:00</code> — время вечернего дайджеста
help_start = /start — кто вы в команде и с чего начать
help_help = /help — эта справка
help_lang = <code>/lang en</code> — я буду отвечать вам по-английски
help_team = /team — состав команды и роли
help_invite = <code>/invite sdr</code> — ссылка-приглашение для лидоруба (так же hunter, farmer, manager)
help_invites = /invites — активные приглашения и их отзыв
help_role = <code>/role @ivan лидоруб хантер</code> — сменить роли сотрудника
help_remove = <code>/remove @ivan</code> — отключить доступ сотруднику
help_setchat = /setchat — отправьте в группе команды: дайджесты пойдут туда
help_source = <code>/source add google</code> — добавить источник лидов
help_settop = <code>/settop on</code> — показать рейтинг сотрудникам
help_timezone = <code>/timezone Europe/Moscow</code> — часовой пояс команды
help_setup = /setup — настроить команду по шагам: пояс, дни, план, источники, приглашения
help_link = <code>/link 101</code> — привязать к себе добавочный 101 телефонии
help_unlink = <code>/unlink 101</code> — отвязать номер
help_unmatched = /unmatched — события телефонии и CRM без сотрудника
help_setting = <code>/setting calls telephony</code> — считать звонки только из телефонии
help_import = /import — подпись к файлу CSV или Excel (.xlsx): импорт записей
help_export = <code>/export 2026-11-01..2026-11-30</code> — записи за период в CSV; <code>/export excel</code> — для Excel

## пустые состояния: что сделать, чтобы появились цифры

empty_own =
    { $period }: у вас нет ни одной записи, поэтому и цифр нет.
    Чтобы они появились, записывайте работу: /log — кнопки в одно нажатие, или <code>/call 75с</code> — звонок на 75 секунд.
empty_team_no_reps =
    { $period }: записей пока нет — в команде ещё нет сотрудников.
    Пригласите их: <code>/invite sdr</code> — ссылка для лидоруба, <code>/invite hunter</code> — для хантера, <code>/invite farmer</code> — для фермера.
    Посмотреть, как выглядят цифры, можно на демо-данных: <code>python -m bot demo</code> с отдельной тестовой базой (README, «Demo data»).
empty_team =
    { $period }: в команде нет ни одной записи.
    Сотрудники записывают работу через /log и <code>/call 75с</code>; кто в команде — /team, пригласить ещё — <code>/invite sdr</code>.
empty_setup = Команда ещё не настроена: /setup — часовой пояс, рабочие дни, план и источники за пару минут.
empty_member =
    { $name } · { $period }: записей нет.
    Сотрудник записывает работу через /log; цифры всей команды — /stats.
empty_source =
    Источник «{ $source }» · { $period }: записей нет.
    Источник указывают в записи, например <code>/lead google</code>; все источники — /sources.
today_no_plan_yet = Плана пока нет: руководитель его ещё не задал.
today_plan_so_far = <b>План на сейчас</b>:
today_plan_line = { $metric }: { $target }
today_manager =
    /today показывает план и факт сотрудника: <code>/today @ivan</code>.
    Вся команда — /stats, /funnel и /board.
