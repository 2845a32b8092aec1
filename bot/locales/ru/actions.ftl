## задачи в работе: находки диагностики, взятые в работу (/actions)

cmd_actions = задачи в работе по итогам диагностики; передать задачу: /actions assign 3 @ivan
help_actions = <code>/actions</code> — задачи, взятые в работу из /diagnose и дайджеста, с кнопками «Сделано»
usage_actions = Примеры: /actions — задачи в работе; /actions assign 3 @ivan — передать задачу №3 другому сотруднику (руководители)
act_take_button = { $n }. Взять в работу: { $subject }
act_taken_button = ✅ { $n }. В работе: { $subject }
act_reference_baseline = база { $value }
act_reference_plan = план от { $value }
act_created =
    📌 <b>Взято в работу: задача №{ $item_id }</b>
    { $situation } — { $subject }
    Проверьте: { $check }
    Ответственный: { $owner } · срок: до { $due } включительно
    Следим: { $metric } — при взятии { $taken } ({ $reference })
    Итоги недели сверят цифры с базой: когда показатель восстановится, задача закроется сама. Все задачи: /actions
act_created_toast = Взято в работу: задача №{ $item_id }
act_exists_toast = Уже в работе: задача №{ $item_id }, ответственный — { $owner }
act_gone = Цифры изменились: этой находки в диагностике больше нет. Запустите /diagnose ещё раз.
act_refused = Взять находку в работу может руководитель или сотрудник, о котором она.
act_list_header_team =
    📌 <b>В работе у отдела</b>: { $count } { $count ->
        [one] задача
        [few] задачи
        [many] задач
       *[other] задачи
    }
    Цифры — за эту неделю по сегодня; база встреч пересчитана на её рабочие дни.
act_list_header_own =
    📌 <b>Ваши задачи в работе</b>: { $count } { $count ->
        [one] задача
        [few] задачи
        [many] задач
       *[other] задачи
    }
    Цифры — за эту неделю по сегодня; база встреч пересчитана на её рабочие дни.
act_item =
    <b>№{ $item_id }. { $situation }</b> — { $subject }
    Проверьте: { $check }
    Ответственный: { $owner } · до { $due }{ $late }
    { $numbers }
act_overdue_mark = {" "}· ⏰ срок прошёл
act_numbers = { $metric } { $now } ({ $reference })
act_list_footer = Сделали — нажмите «Сделано». Иначе итоги недели закроют задачу сами, когда показатель восстановится.
act_list_empty = Задач в работе нет. Взять находку в работу можно кнопкой под ответом /diagnose или под «Что проверить» в дайджесте.
act_done_button = ✅ Сделано №{ $item_id }
act_done_toast = Задача №{ $item_id } закрыта.
act_done_gone = Эта задача уже закрыта.
act_done_refused = Закрыть задачу может её ответственный или руководитель.
act_digest_title = <b>Задачи в работе</b>:
act_digest_improved = ✅ №{ $item_id } { $subject }: { $numbers } — восстановилось, задача закрыта
act_digest_carried = ⏳ №{ $item_id } { $subject }: { $numbers } — не исправлено, до { $due }
act_digest_overdue = ⏰ №{ $item_id } { $subject }: { $numbers } — просрочено (срок был до { $due }), ответственный — { $owner }
act_digest_see = Все задачи: /actions
act_assigned = Задача №{ $item_id } передана: теперь ответственный — { $owner }.
act_assign_missing = Открытой задачи №{ $item_id } нет. Список: /actions
act_assign_managers = Передавать задачи другим может только руководитель.
act_assign_unknown = Не нашёл сотрудника «{ $who }». Пример: /actions assign 3 @ivan
