## дайджесты

digest_title_day = 📊 <b>Вечерний дайджест · { $team }</b> · { $period }
digest_title_week = 📊 <b>Итоги недели · { $team }</b> · { $period }
digest_title_month = 📊 <b>Итоги месяца · { $team }</b> · { $period }
digest_team =
    <b>Команда</b>: { $held ->
        [one] { $held } проведённая встреча
        [few] { $held } проведённые встречи
        [many] { $held } проведённых встреч
       *[other] { $held } проведённой встречи
    }{ $held_plan } · { $payments ->
        [one] { $payments } оплата
        [few] { $payments } оплаты
        [many] { $payments } оплат
       *[other] { $payments } оплаты
    } · выручка { $revenue }
digest_vs_plan = {" "}из { $target }
digest_reps = <b>Сотрудники</b>:
digest_rep = { $mark } { $name }: { $numbers }
digest_rep_off = ⚪ { $name }: выходной
digest_number = { $metric } { $fact }{ $target }
digest_compare =
    <b>Для сравнения, { $previous }</b>: { $held ->
        [one] { $held } проведённая встреча
        [few] { $held } проведённые встречи
        [many] { $held } проведённых встреч
       *[other] { $held } проведённой встречи
    } ({ $held_delta }) · { $payments ->
        [one] { $payments } оплата
        [few] { $payments } оплаты
        [many] { $payments } оплат
       *[other] { $payments } оплаты
    } ({ $payments_delta }) · выручка { $revenue } ({ $revenue_delta })
digest_no_reps = В команде пока нет сотрудников: /invite sdr
digest_chart_title = План и факт · { $period }
usage_digest = Примеры: /digest (сегодня), /digest неделя, /digest месяц, /digest me (копии лично)
cmd_digest = дайджест сейчас: /digest неделя; копии лично: /digest me
usage_digest_me = Примеры: /digest me (получать каждый дайджест ещё и лично), /digest me off
digest_me_on = Готово: каждый дайджест будет приходить и вам лично. Отключить: /digest me off
digest_me_off = Готово: личные копии дайджестов больше не приходят.
