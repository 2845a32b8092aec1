## расписание

nudge = 👋 { $name }, сегодня в боте пока нет ни одной записи. Если звонки и встречи были, отметьте их сейчас: /call 75с, /calls 40 120м или /log — кнопки в одно нажатие.
usage_settime = Примеры: /settime digest 19:00 (вечерний дайджест), /settime nudge 18:30 (личное напоминание тем, кто за день ничего не записал), /settime pace 13:00 (руководителям — кто отстаёт от темпа), /settime nudge off
settime_bad_time = «{ $value }» — не время суток. Нужно ЧЧ:ММ, например: /settime digest 19:00
settime_digest_done = Готово: вечерний дайджест «{ $team }» приходит в { $time } ({ $zone }) по рабочим дням ({ $workdays }). Следующий: { $next }.
settime_nudge_done = Готово: в { $time } ({ $zone }) по рабочим дням тем, кто за день ничего не записал, придёт личное напоминание. Следующее: { $next }. Отключить: /settime nudge off
settime_nudge_off = Готово: напоминание выключено.
usage_timezone = Пример: /timezone Europe/Moscow (или Asia/Vladivostok, Asia/Yekaterinburg). Сейчас: { $zone }.
timezone_unknown = Не знаю часовой пояс «{ $zone }». Нужно название IANA, например: /timezone Europe/Moscow
timezone_done = Готово: «{ $team }» живёт по времени { $zone } (там сейчас { $local }). Дайджест приходит в { $time } по местному времени; следующий: { $next }. Уже записанные дни свои даты не меняют.
schedule_title = <b>Расписание «{ $team }»</b> · { $zone }, сейчас { $local }
schedule_day = Вечерний дайджест: { $time }, дни: { $workdays } · следующий { $next }
schedule_week_month =
    Итоги недели: по понедельникам в 09:00 · следующие { $week }
    Итоги месяца: 1-го числа в 09:00 · следующие { $month }
schedule_chat_set = Дайджесты приходят в чат команды.
schedule_chat_unset = Чат команды не задан: дайджесты приходят руководителям лично. Отправьте /setchat в группе команды.
schedule_private = Лично получают: { $names }
schedule_private_none = Лично не получает никто (/digest me)
schedule_nudge = Напоминание тем, кто ничего не записал: { $time }
schedule_nudge_off = Напоминание тем, кто ничего не записал: выключено (/settime nudge 18:30)
schedule_never = никогда
schedule_runs = <b>Последние</b>:
schedule_run = { $mark } { $kind } { $period }: { $status }, { $when }
run_kind_day = вечерний дайджест
run_kind_week = итоги недели
run_kind_month = итоги месяца
run_kind_nudge = напоминание
run_status_sent = отправлен
run_status_sending = отправляется
run_status_failed = не удалось отправить
run_status_missed = пропущен (бот не работал)
run_status_interrupted = прерван перезапуском
cmd_schedule = когда приходят дайджесты и напоминания
cmd_settime = время дайджеста: /settime digest 19:00
cmd_timezone = часовой пояс команды: /timezone Europe/Moscow
