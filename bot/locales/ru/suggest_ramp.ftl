## предложенный план (/setplan ... suggest) и адаптация новичка (/ramp)

usage_suggest = Пример: /setplan sdr calls_60 suggest, /setplan @ivan meetings_set suggest
suggest_reply =
    <b>Предлагаемый план</b>: { $subject } · { $metric } <b>{ $target }</b> в день.
    Нижняя граница — медиана, цель — 80-й перцентиль дневных значений за { $weeks ->
        [one] { $weeks } полную неделю
        [few] { $weeks } полные недели
       *[many] { $weeks } полных недель
    } ({ $first } – { $last }); выборка — { $days ->
        [one] { $days } рабочий день
        [few] { $days } рабочих дня
       *[many] { $days } рабочих дней
    }.
suggest_too_little =
    { $subject } · { $metric }: истории мало, чтобы предложить план. За { $weeks ->
        [one] { $weeks } полную неделю
        [few] { $weeks } полные недели
       *[many] { $weeks } полных недель
    } ({ $first } – { $last }) история есть за { $days ->
        [one] { $days } рабочий день
        [few] { $days } рабочих дня
       *[many] { $days } рабочих дней
    }, а нужно не меньше { $needed }.
suggest_apply_button = ✅ Применить
suggest_cancel_button = ✖️ Отмена
suggest_cancelled = Предложенный план отклонён: план не изменился.
suggest_already_applied = Этот план уже применён: ничего не изменилось.
suggest_already_cancelled = Это предложение уже отклонено: ничего не изменилось.
suggest_missing = Этого предложения больше нет: ничего не изменилось.
suggest_managers_only = Применить или отклонить предложенный план может только руководитель: ничего не изменилось.

usage_ramp = Пример: /ramp @ivan 4 (план растёт с 50 % до 100 % за 4 недели с дня прихода), /ramp @ivan off
ramp_bad_weeks = «{ $value }» — не число недель: нужно целое от 1 до { $max }.
ramp_no_plan_role = { $name }: ни одной роли с планом (лидоруб, хантер, фермер), адаптация не нужна.
ramp_set =
    Адаптация — { $name }: план растёт с { $first } ({ $start }) до { $full } ({ $until }), { $weeks ->
        [one] { $weeks } неделя
        [few] { $weeks } недели
       *[many] { $weeks } недель
    }. Сегодня — { $factor } плана.
ramp_off = Адаптация — { $name }: завершена, действует полный план.
ramp_none = { $name }: адаптация не задана, действует полный план.
ramp_line =
    Адаптация: { $weeks ->
        [one] { $weeks } неделя
        [few] { $weeks } недели
       *[many] { $weeks } недель
    } с { $start }, сегодня { $factor } плана, полный план с { $until }.
ramp_line_over = Адаптация: завершилась { $until }, действует полный план.
cmd_ramp = адаптация новичка: план с 50 % до 100 % за N недель: /ramp @ivan 4
help_ramp = <code>/ramp @ivan 4</code> — адаптация: план новичка растёт с 50 % до 100 % за 4 недели
