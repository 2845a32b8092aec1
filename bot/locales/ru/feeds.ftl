## телефония и CRM

calls_from_telephony = Звонки считаются автоматически из телефонии: вручную их записывать не нужно. Ваши звонки за сегодня: /today
usage_link = Примеры: /link 101 (мой добавочный), /link +7 916 123-45-67 (мой номер); руководитель: /link @ivan 101
link_who = Не нашёл сотрудника «{ $value }».
link_only_own = Свой добавочный или номер можно привязать самому; чужой — только руководителю.
link_done = Готово: { $agent } — это { $name }. Звонки и сделки с этого номера теперь засчитываются этому сотруднику.
link_moved = Раньше этот номер был привязан к другому сотруднику: { $name }.
link_attributed =
    { $count ->
        [one] Записано { $count } событие, которое ждало этот номер.
        [few] Записаны { $count } события, которые ждали этот номер.
        [many] Записано { $count } событий, которые ждали этот номер.
       *[other] Записано { $count } события, которые ждали этот номер.
    }
links_none = Привязанных номеров нет. Пример: /link 101
links_title = <b>Привязанные номера</b>:
links_line = { $agent } — { $name }
usage_unlink = Пример: /unlink 101
unlink_done = Готово: { $agent } больше ни к кому не привязан.
unlink_none = { $agent } ни к кому не привязан.
unmatched_none = Неопознанных событий нет: все номера привязаны.
unmatched_title = <b>События без сотрудника</b> (сохранены, ничего не потеряно):
unmatched_line_call =
    { $agent } · { $provider }: { $count ->
        [one] { $count } звонок
        [few] { $count } звонка
        [many] { $count } звонков
       *[other] { $count } звонка
    } ({ $days })
unmatched_line_crm =
    { $agent } · { $provider }: { $count ->
        [one] { $count } событие CRM
        [few] { $count } события CRM
        [many] { $count } событий CRM
       *[other] { $count } события CRM
    } ({ $days })
unmatched_hint = Привяжите номер к сотруднику, и эти события запишутся на него: /link @имя { $agent }
usage_setting = Пример: /setting calls telephony (звонки только из телефонии) или /setting calls manual. Сейчас: { $mode }.
calls_mode_manual = звонки записывают сотрудники
calls_mode_telephony = звонки только из телефонии
setting_calls_telephony = Готово: звонки теперь считаются только из телефонии; /call и /calls объясняют это сотрудникам.
setting_calls_manual = Готово: сотрудники снова записывают звонки сами (/call, /calls, /log).
digest_verified = Звонков от 60 с из телефонии: { $share }
run_kind_unmatched = неопознанные события
cmd_link = привязать добавочный или номер: /link 101
cmd_unlink = отвязать номер: /unlink 101
cmd_unmatched = события телефонии и CRM без сотрудника
cmd_setting = звонки из телефонии: /setting calls telephony
