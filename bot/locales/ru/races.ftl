## гонки команды (/race) и рейтинги по желанию (/optout, /optin)

cmd_race = гонка команды к общей цели: /race meetings_held 60
cmd_optout = скрыть себя из рейтингов
cmd_optin = вернуться в рейтинги
help_race = <code>/race meetings_held 60</code> — гонка команды до конца месяца; /race — как она идёт
help_optout = <code>/optout</code> — скрыть себя из рейтингов (ваши цифры остаются в итогах команды)
help_optin = <code>/optin</code> — вернуться в рейтинги

race_usage = Примеры: /race meetings_held 60, /race revenue 1000000 до 31.12.2026, /race stop meetings_held
race_managers_only = Гонку начинает и останавливает руководитель. Как идут гонки: /race
race_err_metric = Не знаю показатель «{ $value }».
race_err_one_metric = Одна гонка — один показатель.
race_err_extra = Лишние слова: «{ $value }».
race_err_not_additive = «{ $metric }» — доля или среднее: такой показатель не складывается в общий итог команды. Гонка идёт по количеству или сумме, например: /race meetings_held 60
race_err_no_target = Укажите цель гонки — число, например: { $example }
race_err_target = Цель «{ $value }» не подходит: нужно целое число больше нуля (для денег — сумма), например: { $example }
race_err_date = Не понял дату окончания «{ $value }». Напишите её как 31.12.2026 или 2026-12-31, например: /race meetings_held 60 до 31.12.2026
race_err_past = Дата «{ $value }» уже прошла: гонка может закончиться сегодня или позже, например: /race meetings_held 60 до 31.12.2026
race_err_long = Гонка длится не дольше года: выберите дату окончания поближе, например: /race meetings_held 60 до 31.12.2026
race_err_stop_metric = Какую гонку остановить? Назовите её показатель, например: /race stop meetings_held

race_title = 🏁 <b>Гонка: { $metric }</b> · { $start }–{ $end }
race_progress = Команда: <b>{ $total }</b> из { $target } ({ $share })
race_days_left = { $days ->
        [one] Остался { $days } день
        [few] Осталось { $days } дня
        [many] Осталось { $days } дней
       *[other] Осталось { $days } дня
    }
race_last_day = Сегодня последний день гонки.
race_over = Гонка закончилась.
race_contributions = Вклад участников:
race_no_contributions = В рейтинге гонки пока никого.
race_place = { $place }. { $name }: { $value }
race_none = Сейчас гонок нет. Руководитель может начать гонку, например /race meetings_held 60: команда вместе идёт к общей цели, а чат команды узнаёт, когда она пройдёт половину пути, цель и полторы цели.
race_started = Гонка началась! Считаем записи с начала сегодняшнего дня.
race_started_chat = Чат команды получит сообщение, когда команда пройдёт { $half }, { $full } и { $beyond } цели, и итог в конце гонки.
race_started_no_chat = У команды пока нет чата: отправьте /setchat в группе команды, и сообщения о ходе гонки будут приходить туда.
race_stopped = Гонка остановлена досрочно.
race_running = Гонка по показателю «{ $metric }» уже идёт (до { $end }): сейчас { $total } из { $target } ({ $share }). На один показатель идёт одна гонка; чтобы начать новую, сначала остановите эту: /race stop { $metric_key }
race_not_running = Гонки по показателю «{ $metric }» сейчас нет. Идущие гонки: /race

race_milestone_50 = 🏁 Половина пути! Команда прошла { $mark } цели гонки «{ $metric }».
race_milestone_100 = 🎯 Цель взята! Команда прошла { $mark } цели гонки «{ $metric }».
race_milestone_150 = 🚀 Полторы цели! Команда прошла { $mark } цели гонки «{ $metric }».
race_leaders = Впереди:
race_top = Лучший вклад:
race_result_reached = 🏆 Гонка «{ $metric }» закончилась: цель взята!
race_result_missed = 🏁 Гонка «{ $metric }» закончилась. Цель в этот раз не взята.
race_result_stopped = 🏁 Гонка «{ $metric }» остановлена досрочно.

optout_done = Готово: вас больше не видно в рейтингах — в /top, в гонках (/race) и на живой доске, в том числе на офисном телевизоре. Ваши записи по-прежнему входят в итоги команды, а руководитель видит ваши цифры в отчётах. Вернуться в рейтинги: /optin
optout_already = Вы уже скрыты из рейтингов. Вернуться в них: /optin
optin_done = Готово: вы снова в рейтингах — в /top, в гонках и на живой доске. Скрыться из них: /optout
optin_already = Вы и так видны в рейтингах. Скрыться из них: /optout
