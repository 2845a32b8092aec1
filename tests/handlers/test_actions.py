"""Action items: a /diagnose finding taken on with its button, /actions, Done, who may."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import time_machine
from aiogram.types import Update

from storage.actions import ActionItemsRepo, NewActionItem
from storage.repos import TeamsRepo
from storage.rollups import refresh_call_days_of_team
from storage.sources import SourcesRepo
from storage.tables import action_items
from tests.handlers.test_diagnose import FRIDAY, IVAN, NORMAL, OLEG, PETR, Writer, five_weeks
from tests.handlers.test_scheduled_digests import make_jobs
from tests.support import factories as f

ivan = f.user(IVAN, "Ivan", username="ivan")
oleg = f.user(OLEG, "Oleg", username="oleg")
NO_PAYMENTS = {**NORMAL, "targeted": 10, "paid": 0}
_ids = count(9000)


def press(sender: dict, message, text: str) -> Update:
    """A tap on the button labelled ``text`` of a message the bot sent (the message comes
    back with its keyboard, as Telegram sends it)."""
    markup = message.reply_markup
    button = next(b for row in markup.inline_keyboard for b in row if b.text == text)
    return Update.model_validate(
        {
            "update_id": next(_ids),
            "callback_query": {
                "id": str(next(_ids)),
                "from": sender,
                "chat_instance": "ci",
                "data": button.callback_data,
                "message": {
                    "message_id": next(_ids),
                    "date": 0,
                    "chat": f.private_chat(sender),
                    "from": {"id": 42, "is_bot": True, "first_name": "Iron Funnel"},
                    "text": message.text,
                    "reply_markup": markup.model_dump(exclude_none=True),
                },
            },
        }
    )


def labels(message) -> list[str]:
    return [b.text for row in message.reply_markup.inline_keyboard for b in row]


def toasts(chat) -> list[tuple[str, bool]]:
    return [(r.text, bool(r.show_alert)) for r in chat.bot.sent(method="answerCallbackQuery")]


async def items(chat) -> list[tuple]:
    async with chat.db.read() as conn:
        rows = await conn.execute(
            sa.select(
                action_items.c.subject_kind,
                action_items.c.situation,
                action_items.c.metric,
                action_items.c.owner_id,
                action_items.c.status,
            ).order_by(action_items.c.id)
        )
        return [tuple(row) for row in rows]


async def diagnosed(chat, sender: dict, text: str = "/diagnose прошлая неделя"):
    await chat.send(sender, text)
    return chat.bot.sent(sender["id"])[-1]


async def test_a_manager_takes_a_finding_once_and_the_button_says_so(chat, admin):
    await five_weeks(chat, admin, {IVAN: NO_PAYMENTS})
    ivan_id = (await chat.member(IVAN)).id
    with time_machine.travel(FRIDAY, tick=False):  # Friday 27.11: due Sunday 06.12
        message = await diagnosed(chat, admin)
        assert labels(message) == ["1. Взять в работу: Ivan", "По сотрудникам", "По источникам"]
        await chat.feed(press(admin, message, "1. Взять в работу: Ivan"))
        reply = chat.bot.last_text(admin["id"])
        assert "📌 <b>Взято в работу: задача №1</b>" in reply
        assert "Много встреч, но мало оплат или их нет — Ivan" in reply
        assert "Проверьте: назначены ли встречи целевым лидам (доля целевых)" in reply
        assert "Ответственный: Ivan · срок: до 06.12.2026 включительно" in reply
        assert "Следим: проведена → оплачена — при взятии 0,0\xa0% (база 33,3\xa0%)" in reply
        (edited,) = chat.bot.sent(method="editMessageReplyMarkup")
        assert [b.text for row in edited.reply_markup.inline_keyboard for b in row] == [
            "✅ 1. В работе: Ivan",
            "По сотрудникам",
            "По источникам",
        ]
        assert toasts(chat)[-1] == ("Взято в работу: задача №1", False)
        # a second tap (the old message, or a new /diagnose) makes no second item
        await chat.feed(press(admin, message, "1. Взять в работу: Ivan"))
        assert toasts(chat)[-1] == ("Уже в работе: задача №1, ответственный — Ivan", False)
        again = await diagnosed(chat, admin)
        assert labels(again)[0] == "✅ 1. В работе: Ivan"
        await chat.feed(press(admin, again, "✅ 1. В работе: Ivan"))
    assert await items(chat) == [("member", 1, "conv_held_to_paid", ivan_id, "open")]
    assert chat.bot.texts_to(admin["id"]).count(reply) == 1


async def test_a_team_finding_is_owned_by_the_manager_who_took_it(chat, admin):
    await five_weeks(chat, admin, {tg: NO_PAYMENTS for tg in (IVAN, OLEG, PETR)})
    with time_machine.travel(FRIDAY, tick=False):
        message = await diagnosed(chat, admin)
        team_button = next(t for t in labels(message) if t.endswith("отдел целиком"))
        await chat.feed(press(admin, message, team_button))
    assert "Ответственный: Olga Head" in chat.bot.last_text(admin["id"])
    olga = await chat.member(admin["id"])
    assert ("team", 1, "conv_held_to_paid", olga.id, "open") in await items(chat)


async def test_a_rep_takes_their_own_finding_and_nobody_else_s(chat, admin):
    await five_weeks(chat, admin, {IVAN: NO_PAYMENTS})
    with time_machine.travel(FRIDAY, tick=False):
        message = await diagnosed(chat, ivan)
        assert labels(message) == ["1. Взять в работу: Ivan"]  # no drill-down for a rep
        # Oleg taps the button of Ivan's finding (a forwarded message, a forged tap)
        await chat.feed(press(oleg, message, "1. Взять в работу: Ivan"))
        assert toasts(chat)[-1] == (
            "Взять находку в работу может руководитель или сотрудник, о котором она.",
            True,
        )
        assert await items(chat) == []
        await chat.feed(press(ivan, message, "1. Взять в работу: Ivan"))
    assert "Ответственный: Ivan" in chat.bot.last_text(IVAN)
    assert [row[-1] for row in await items(chat)] == ["open"]


async def test_a_finding_gone_from_the_numbers_is_not_taken(chat, admin):
    await five_weeks(chat, admin, {IVAN: NO_PAYMENTS})
    with time_machine.travel(FRIDAY, tick=False):
        message = await diagnosed(chat, admin)
        button = message.reply_markup.inline_keyboard[0][0]
        # the same finding, but situation 3: the diagnosis does not show it
        forged = button.callback_data.replace(":1:", ":3:", 1)
        await chat.feed(f.callback_update(admin, forged))
    assert toasts(chat)[-1] == (
        "Цифры изменились: этой находки в диагностике больше нет. Запустите /diagnose ещё раз.",
        True,
    )
    assert await items(chat) == []


async def test_actions_for_a_rep_and_for_a_manager_and_done(chat, admin):
    await five_weeks(chat, admin, {IVAN: NO_PAYMENTS})
    with time_machine.travel(FRIDAY, tick=False):
        message = await diagnosed(chat, admin)
        await chat.feed(press(admin, message, "1. Взять в работу: Ivan"))
        mine = await chat.send(ivan, "/actions")
        assert "📌 <b>Ваши задачи в работе</b>: 1 задача" in mine
        assert "<b>№1. Много встреч, но мало оплат или их нет</b> — Ivan" in mine
        assert "Проверьте: назначены ли встречи целевым лидам (доля целевых)" in mine
        assert "Ответственный: Ivan · до 06.12.2026" in mine
        # this week so far (no records): held -> paid undefined, against its baseline
        assert "проведена → оплачена — (база 33,3\xa0%)" in mine
        assert labels(chat.bot.sent(IVAN)[-1]) == ["✅ Сделано №1"]
        assert "Задач в работе нет" in await chat.send(oleg, "/actions")
        team = await chat.send(admin, "/actions")
        assert "📌 <b>В работе у отдела</b>: 1 задача" in team and "— Ivan" in team
        listed = chat.bot.sent(OLEG)[-1]
        # Oleg cannot close Ivan's item (the button of Ivan's list, tapped by Oleg)
        await chat.feed(press(oleg, chat.bot.sent(IVAN)[-1], "✅ Сделано №1"))
        assert toasts(chat)[-1] == ("Закрыть задачу может её ответственный или руководитель.", True)
        assert [row[-1] for row in await items(chat)] == ["open"]
        await chat.feed(press(ivan, chat.bot.sent(IVAN)[-1], "✅ Сделано №1"))
        assert toasts(chat)[-1] == ("Задача №1 закрыта.", False)
        (edited,) = chat.bot.sent(IVAN, method="editMessageText")
        assert "Задач в работе нет" in edited.text
        assert [row[-1] for row in await items(chat)] == ["done"]
        # a second Done on the old list: nothing more
        await chat.feed(press(admin, chat.bot.sent(admin["id"])[-1], "✅ Сделано №1"))
        assert toasts(chat)[-1] == ("Эта задача уже закрыта.", False)
        assert listed.reply_markup is None


async def test_a_manager_reassigns_an_item(chat, admin):
    await five_weeks(chat, admin, {IVAN: NO_PAYMENTS})
    with time_machine.travel(FRIDAY, tick=False):
        message = await diagnosed(chat, admin)
        await chat.feed(press(admin, message, "1. Взять в работу: Ivan"))
        assert "Передавать задачи другим может только руководитель" in await chat.send(
            ivan, "/actions assign 1 @oleg"
        )
        assert "Примеры: /actions" in await chat.send(admin, "/actions assign one @oleg")
        assert "Не нашёл сотрудника «@nobody»" in await chat.send(
            admin, "/actions assign 1 @nobody"
        )
        assert "Открытой задачи №7 нет" in await chat.send(admin, "/actions assign 7 @oleg")
        reply = await chat.send(admin, "/actions assign 1 @oleg")
        assert reply == "Задача №1 передана: теперь ответственный — Oleg."
        assert "№1. Много встреч" in await chat.send(oleg, "/actions")
        assert "Задач в работе нет" in await chat.send(ivan, "/actions")


async def test_english_and_a_hostile_name(chat, admin):
    """The texts in English; a typed name reads back as typed, in the text and the button."""
    await five_weeks(chat, admin, {IVAN: NO_PAYMENTS})
    async with chat.db.transaction() as conn:
        from storage.tables import members

        await conn.execute(
            members.update()
            .where(members.c.tg_user_id == IVAN)
            .values(display_name="Рога & Копыта <Ltd>")
        )
    english = {**admin, "language_code": "en"}
    await chat.send(english, "/lang en")
    with time_machine.travel(FRIDAY, tick=False):
        message = await diagnosed(chat, english, "/diagnose last week")
        label = "1. Make an action item: Рога & Копыта <Ltd>"
        assert labels(message)[0] == label
        await chat.feed(press(english, message, label))
    reply = chat.bot.last_text(admin["id"])
    assert "📌 <b>Action item #1</b>" in reply
    assert "Many meetings, but few or no payments — Рога &amp; Копыта &lt;Ltd&gt;" in reply
    assert "Owner: Рога &amp; Копыта &lt;Ltd&gt; · due: by the end of 2026-12-06" in reply
    assert date(2026, 12, 6).isoweekday() == 7


# --- the weekly digest's re-check ---------------------------------------------------------

GROUP = -100777
THIS_WEEK = date(2026, 11, 23)  # the week the digest of Monday 30.11 covers
MONDAY_09 = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # 09:00 in Moscow


def item(member_id: int, situation: int, metric: str, baseline: float, taken: datetime, **kw):
    from metrics.actions import due_day

    taken_day = taken.astimezone(ZoneInfo("Europe/Moscow")).date()
    return NewActionItem(
        team_id=kw.pop("team_id"),
        owner_id=member_id,
        created_by=member_id,
        subject_kind="member",
        subject_id=member_id,
        subject_name="?",
        situation=situation,
        metric=metric,
        check_key="diag_checkname_targeted_share",
        reference="baseline",
        baseline=baseline,
        value_at_creation=0.0,
        period_start=taken_day - timedelta(days=taken_day.weekday()),
        period_end=taken_day,
        baseline_days=kw.pop("baseline_days", 5),
        created_at=taken,
        due_day=due_day(taken_day),
    )


async def test_the_weekly_digest_closes_an_improved_item_once_carries_one_and_marks_overdue(
    chat, admin
):
    await five_weeks(chat, admin, {IVAN: NO_PAYMENTS})
    ids = {tg: (await chat.member(tg)).id for tg in (IVAN, OLEG, PETR)}
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_manager_chat(chat.team.id, GROUP)
        sources = [s.id for s in await SourcesRepo(conn).list(chat.team.id)]
        writer = Writer(conn, chat.team.id, sources)
        writer.meeting_id = 10_000
        await writer.week(ids[IVAN], THIS_WEEK, NORMAL)  # paid again: recovered
        await writer.week(ids[OLEG], THIS_WEEK, {**NORMAL, "confirmed": 6, "held": 5})
        await writer.week(ids[PETR], THIS_WEEK, {**NORMAL, "set": 10, "confirmed": 9, "held": 8})
        await refresh_call_days_of_team(conn, chat.team.id)
        repo = ActionItemsRepo(conn)
        friday = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
        team_id = chat.team.id
        await repo.add(item(ids[IVAN], 1, "conv_held_to_paid", 1 / 3, friday, team_id=team_id))
        await repo.add(item(ids[OLEG], 2, "conv_set_to_held", 0.75, friday, team_id=team_id))
        # taken a week earlier: due Sunday 29.11, the digest's last day
        earlier = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        await repo.add(item(ids[PETR], 3, "meetings_set", 20, earlier, team_id=team_id))
        # taken on Monday morning, after the week ended: the next weekly digest's
        monday = datetime(2026, 11, 30, 5, 0, tzinfo=UTC)
        await repo.add(item(ids[OLEG], 3, "meetings_set", 20, monday, team_id=team_id))

    with time_machine.travel(MONDAY_09, tick=False):
        # a preview says what the digest will say and closes nothing
        await chat.send(admin, "/digest неделя")
        preview = "\n".join(chat.bot.texts_to(admin["id"]))
        assert (
            "№1 Ivan: проведена → оплачена 33,3\xa0% (база 33,3\xa0%) — восстановилось" in preview
        )
        assert [row[-1] for row in await items(chat)] == ["open"] * 4

        jobs, _ = make_jobs(chat, MONDAY_09)
        assert await jobs.fire(chat.team.id, "week") == "sent"
    text = "\n".join(chat.bot.texts_to(GROUP))
    section = text[text.index("<b>Задачи в работе</b>:") :]
    assert section.splitlines() == [
        "<b>Задачи в работе</b>:",
        "⏰ №3 Petr: назначенные встречи 10 (база 20) — просрочено (срок был до 29.11.2026), "
        "ответственный — Petr",
        "✅ №1 Ivan: проведена → оплачена 33,3\xa0% (база 33,3\xa0%) — восстановилось, "
        "задача закрыта",
        "⏳ №2 Oleg: назначена → проведена 25,0\xa0% (база 75,0\xa0%) — не исправлено, "
        "до 06.12.2026",
        "Все задачи: /actions",
    ]
    assert [row[-1] for row in await items(chat)] == ["auto_closed", "open", "open", "open"]
    # the digest's "what to check" can be taken on from the digest itself; the findings
    # already in work (Oleg's is item №2, Petr's №3, both open) say so on their buttons
    last = chat.bot.sent(GROUP)[-1]
    assert labels(last) == [
        "✅ 1. В работе: Oleg",
        "2. Взять в работу: отдел целиком",
        "✅ 3. В работе: Petr",
    ]

    # the next week: Ivan's item is not said again; Petr's is overdue again, and so is
    # Oleg's now (due 06.12, and nothing logged that week: set -> held undefined)
    with time_machine.travel(MONDAY_09 + timedelta(weeks=1), tick=False):
        jobs, _ = make_jobs(chat, MONDAY_09 + timedelta(weeks=1))
        assert await jobs.fire(chat.team.id, "week") == "sent"
    latest = chat.bot.texts_to(GROUP)[-1]
    section = latest[latest.index("<b>Задачи в работе</b>:") :]
    assert "№1" not in section
    assert "⏰ №3 Petr: назначенные встречи 0 (база 20) — просрочено" in section
    assert "⏰ №2 Oleg: назначена → проведена — (база 75,0\xa0%) — просрочено" in section
    assert "⏳ №4 Oleg: назначенные встречи 0 (база 20) — не исправлено, до 13.12.2026" in section
