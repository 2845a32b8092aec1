## настройка команды (/setup)

cmd_setup = настройка команды по шагам: пояс, рабочие дни, время дайджеста, план, источники, приглашения
setup_header = <b>Настройка команды · шаг { $number } из { $total }</b>
setup_name =
    Как называется команда? Напишите название в ответ.
    По умолчанию: «{ $name }».
setup_language =
    На каком языке бот пишет в чат команды и в дайджестах? Каждый сотрудник может выбрать свой язык командой /lang.
    По умолчанию: { $language }.
setup_language_ru = русский
setup_language_en = английский
setup_language_button_ru = Русский
setup_language_button_en = English
setup_timezone =
    В каком часовом поясе работает команда? Выберите город или напишите название пояса IANA, например: Asia/Novosibirsk
    По умолчанию: { $zone }.
setup_zone_kaliningrad = Калининград
setup_zone_moscow = Москва
setup_zone_samara = Самара
setup_zone_yekaterinburg = Екатеринбург
setup_zone_omsk = Омск
setup_zone_novosibirsk = Новосибирск
setup_zone_krasnoyarsk = Красноярск
setup_zone_irkutsk = Иркутск
setup_zone_yakutsk = Якутск
setup_zone_vladivostok = Владивосток
setup_zone_magadan = Магадан
setup_zone_kamchatka = Камчатка
setup_workdays =
    Какие дни рабочие? Нажимайте на дни, чтобы включить или выключить их, затем «Готово». В рабочие дни действует план и приходит вечерний дайджест.
    Выбрано: { $chosen }.
    По умолчанию: { $workdays }.
setup_digest_time =
    Во сколько присылать вечерний дайджест? Время команды: { $zone }. Выберите время или напишите его как ЧЧ:ММ, например: 18:45
    По умолчанию: { $time }.
setup_plan =
    Дневной план лидоруба. По умолчанию — план из статьи; сейчас:
    { $lines }
    Нажмите «Принять» или кнопку показателя, чтобы изменить его число.
setup_plan_line = • { $metric }: { $target }
setup_plan_target = План по показателю «{ $metric }»: сейчас { $target } в день. Напишите новый план на день: диапазон, например 80-100, или одно число, например 90.
setup_sources =
    Откуда приходят лиды? Напишите источники через запятую или каждый с новой строки. Синонимы — после знака «=», например:
    Сайт, Авито
    Яндекс = yandex, я.директ
    { $current }
    По умолчанию: список остаётся как есть.
setup_sources_current = Сейчас: { $sources }.
setup_sources_none = Сейчас источников нет.
setup_invite_line = • { $role }: { $link }
setup_team =
    Пригласите команду: отправьте каждому сотруднику ссылку его роли.
    { $invites }

    { $chat }
    По умолчанию: дайджесты приходят руководителям лично.
setup_team_chat_unset = Чтобы дайджесты приходили в чат команды, добавьте меня в группу команды и отправьте там /setchat: этот шаг засчитается сам.
setup_team_chat_set = Чат команды уже подключён. Чтобы слать дайджесты в другую группу, добавьте меня туда и отправьте там /setchat.
setup_button_back = ← Назад
setup_button_skip = Пропустить
setup_button_done = Готово
setup_button_accept = Принять
setup_button_edit = Изменить: { $metric }
setup_button_again = Пройти заново
setup_saved_name = ✅ Название команды: «{ $name }».
setup_saved_language = ✅ Язык команды: { $language }.
setup_saved_timezone = ✅ Часовой пояс: { $zone }.
setup_saved_workdays = ✅ Рабочие дни: { $workdays }.
setup_saved_digest_time = ✅ Вечерний дайджест: в { $time }.
setup_saved_plan = ✅ План лидоруба сохранён.
setup_saved_target = ✅ План по показателю «{ $metric }» сохранён.
setup_saved_sources = ✅ Источники сохранены.
setup_skipped = ⏭ Пропущено: осталось как было.
setup_resume = Продолжаем настройку с того места, где остановились.
setup_already_done = Настройка уже пройдена. Пройти её заново? Текущие значения останутся по умолчанию.
setup_in_private = Настройка команды идёт в личном чате: откройте чат со мной и отправьте /setup.
setup_buttons = На этот вопрос отвечают кнопками под ним.
setup_stale = Этот вопрос уже позади. Текущий вопрос — ниже.
setup_err_no_days = Нужен хотя бы один рабочий день.
setup_err_name_empty = Название не может быть пустым. Напишите его, например: Отдел продаж
setup_err_name_long =
    Название слишком длинное: не больше { $limit } { $limit ->
        [one] символа
       *[other] символов
    }. Например: Отдел продаж
setup_err_zone_unknown = Не знаю часовой пояс «{ $zone }». Выберите город кнопкой или напишите название IANA, например: Asia/Novosibirsk
setup_err_time_bad = «{ $value }» — не время суток. Напишите ЧЧ:ММ, например: 18:45
setup_err_target_bad = «{ $value }» — не план. Напишите диапазон, например 80-100, или одно число, например 90.
setup_err_sources_empty = Не вижу ни одного источника. Напишите их через запятую, например: Сайт, Авито, Яндекс = yandex
setup_err_sources_no_name = В строке «{ $line }» нет имени источника перед «=». Например: Яндекс = yandex, я.директ
setup_sources_nothing_saved = Список не сохранён. Напишите его ещё раз, например: Сайт, Авито, Яндекс = yandex
setup_chat_confirmed = ✅ Чат команды подключён: дайджесты будут приходить в группу.
setup_summary_title = <b>Команда «{ $team }» настроена</b>. Изменить любое значение можно командой:
setup_summary_language = Язык команды: { $language } — /setup
setup_summary_timezone = Часовой пояс: { $zone } — /timezone
setup_summary_workdays = Рабочие дни: { $workdays } — /workdays
setup_summary_digest = Вечерний дайджест: { $time } — /settime digest
setup_summary_plan =
    План лидоруба на день — /setplan:
    { $lines }
setup_summary_sources = Источники: { $sources } — /source
setup_summary_sources_none = Источники: не заданы — /source add
setup_summary_invites =
    Приглашения: { $count ->
        [one] { $count } действующая ссылка
        [few] { $count } действующие ссылки
       *[many] { $count } действующих ссылок
    } — /invite, /invites
setup_summary_chat_set = Чат команды: подключён — /setchat
setup_summary_chat_unset = Чат команды: не подключён, дайджесты приходят руководителям лично — /setchat в группе команды
setup_summary_footer = Пройти настройку заново: /setup
