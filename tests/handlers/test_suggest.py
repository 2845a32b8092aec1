"""/setplan <role|@member> <metric> suggest through the Dispatcher: the suggested range,
its Apply / Cancel buttons, and every way it is refused."""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
import sqlalchemy as sa
import time_machine

from storage.interchange import import_bytes
from tests.support import factories as f

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # Friday, 12:00 in Moscow
FIRST, LAST = date(2026, 8, 31), date(2026, 11, 22)  # the 12 full weeks before this one
IVAN, OLEG, MARIA = 701, 702, 703
IVAN_OFF = (date(2026, 10, 5), date(2026, 10, 9))  # a week of vacation


def working_days() -> list[date]:
    days = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
    return [day for day in days if day.isoweekday() <= 5]


def ivan_calls(n: int) -> int:
    """Ivan's calls of 60 s+ on the n-th working day: nothing every seventh day."""
    return 0 if n % 7 == 3 else 55 + (n * 17) % 50


def oleg_calls(n: int) -> int:
    return 0 if n % 3 == 0 else 30 + (n * 11) % 40


def maria_revenue(n: int) -> Decimal:
    return Decimal(0) if n % 2 else Decimal("15000.50") + n * Decimal("1000.25")


def history_csv() -> bytes:
    rows = ["occurred_at,kind,person_id,duration_s,count,payment_kind,client,amount"]
    for n, day in enumerate(working_days()):
        at = f"{day.isoformat()}T11:00:00+03:00"
        if ivan_calls(n):
            rows.append(f"{at},call,{IVAN},75,{ivan_calls(n)},,,")
        if oleg_calls(n):
            rows.append(f"{at},call,{OLEG},90,{oleg_calls(n)},,,")
        if maria_revenue(n):
            rows.append(f"{at},payment,{MARIA},,,repeat,Client {n},{maria_revenue(n)}")
        rows.append(f"{at},call,{IVAN},20,5,,,")  # short calls never count
    # this week's calls never count: the sample ends with last week
    rows.append(f"2026-11-24T11:00:00+03:00,call,{IVAN},75,500,,,")
    return ("\n".join(rows) + "\n").encode()


def expected(values: list) -> str:
    """The range the rule gives, computed here with Python's own quantiles, as a Russian
    reply writes it (thousands grouped by a no-break space)."""
    cuts = statistics.quantiles(values, n=100, method="inclusive")

    def half_up(value: object) -> str:
        whole = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return f"{whole:,}".replace(",", "\xa0")

    lower, goal = half_up(cuts[49]), half_up(cuts[79])
    return lower if lower == goal else f"{lower}–{goal}"


def ivan_sample() -> list[int]:
    return [
        ivan_calls(n)
        for n, day in enumerate(working_days())
        if not IVAN_OFF[0] <= day <= IVAN_OFF[1]
    ]


def oleg_sample() -> list[int]:
    """Oleg's history starts with his first imported call (he joined later): day 1."""
    return [oleg_calls(n) for n in range(len(working_days()))][1:]


@pytest.fixture
async def history(chat, admin):
    with time_machine.travel(NOW, tick=False):
        await chat.send(admin, "/start")
        await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
        await chat.add_member(OLEG, "Oleg", {"sdr"}, username="oleg")
        await chat.add_member(MARIA, "Maria", {"farmer"}, username="maria")
        async with chat.db.transaction() as conn:
            report = await import_bytes(conn, chat.team, history_csv())
        assert not report.errors, report.errors
        await chat.send(admin, f"/dayoff @ivan {IVAN_OFF[0]}..{IVAN_OFF[1]}")
    return chat


def ivan(language: str = "ru") -> dict:
    return f.user(IVAN, "Ivan", username="ivan", language_code=language)


async def ask(chat, sender: dict, text: str) -> tuple[str, list]:
    """Send ``text``; the reply and its buttons (text, callback data)."""
    with time_machine.travel(NOW, tick=False):
        reply = await chat.send(sender, text)
    markup = chat.bot.sent(sender["id"])[-1].reply_markup
    buttons = (
        [(b.text, b.callback_data) for row in markup.inline_keyboard for b in row]
        if (markup)
        else []
    )
    return reply, buttons


async def tap(chat, sender: dict, data: str) -> str:
    """Tap a button; the callback answer."""
    with time_machine.travel(NOW, tick=False):
        await chat.feed(f.callback_update(sender, data))
    return chat.bot.sent(method="answerCallbackQuery")[-1].text


async def test_a_members_suggestion_shows_the_range_the_sample_and_the_weeks(history, admin):
    reply, buttons = await ask(history, admin, "/setplan @ivan calls_60 suggest")
    size = len(ivan_sample())
    assert size == 55  # 60 working days, 5 of them off
    assert f"<b>Предлагаемый план</b>: Ivan · звонки от 60 с <b>{expected(ivan_sample())}</b>" in (
        reply
    )
    assert "за 12 полных недель (31.08.2026 – 22.11.2026)" in reply
    assert f"выборка — {size} рабочих дней." in reply
    assert [text for text, _ in buttons] == ["✅ Применить", "✖️ Отмена"]
    assert all(len(data.encode()) <= 64 for _, data in buttons)


async def test_apply_sets_exactly_that_plan_as_if_typed_and_removes_the_buttons(history, admin):
    _, buttons = await ask(history, admin, "/setplan @ivan calls_60 suggest")
    answer = await tap(history, admin, buttons[0][1])
    target = expected(ivan_sample())
    done = f"План задан: Ivan · звонки от 60 с {target} в день."
    assert answer == done and history.bot.last_text(admin["id"]) == done
    edits = history.bot.sent(method="editMessageReplyMarkup")
    assert len(edits) == 1 and edits[0].reply_markup is None
    assert f"звонки от 60 с: {target} (личный)" in await history.send(admin, "/plan @ivan")
    # the same as typing it
    assert await history.send(admin, f"/setplan @ivan calls_60 {target}") == done

    # a second tap changes nothing, and says so, even after the plan was changed by hand
    await history.send(admin, "/setplan @ivan calls_60 10-20")
    answer = await tap(history, admin, buttons[0][1])
    assert answer == "Этот план уже применён: ничего не изменилось."
    assert "звонки от 60 с: 10–20 (личный)" in await history.send(admin, "/plan @ivan")
    assert len(history.bot.sent(method="editMessageReplyMarkup")) == 1


async def test_cancel_changes_nothing_and_a_later_apply_neither(history, admin):
    _, buttons = await ask(history, admin, "/setplan @ivan calls_60 suggest")
    answer = await tap(history, admin, buttons[1][1])
    assert answer == "Предложенный план отклонён: план не изменился."
    assert history.bot.last_text(admin["id"]) == answer
    assert history.bot.sent(method="editMessageReplyMarkup")[-1].reply_markup is None
    answer = await tap(history, admin, buttons[0][1])
    assert answer == "Это предложение уже отклонено: ничего не изменилось."
    reply = await history.send(admin, "/plan @ivan")
    assert "звонки от 60 с: 80–100" in reply and "(личный)" not in reply


async def test_a_rep_tapping_apply_changes_nothing(history, admin):
    _, buttons = await ask(history, admin, "/setplan sdr calls_60 suggest")
    answer = await tap(history, ivan(), buttons[0][1])
    assert answer == (
        "Применить или отклонить предложенный план может только руководитель: ничего не изменилось."
    )
    assert "звонки от 60 с: 80–100" in await history.send(admin, "/plan")
    # the suggestion still waits for the manager
    assert (await tap(history, admin, buttons[0][1])).startswith("План задан: лидоруб")


async def test_a_roles_suggestion_pools_every_active_member(history, admin):
    reply, buttons = await ask(history, admin, "/setplan sdr calls_60 suggest")
    pool = ivan_sample() + oleg_sample()
    assert f"лидоруб · звонки от 60 с <b>{expected(pool)}</b>" in reply
    assert f"выборка — {len(pool)} рабочих дней." in reply  # 55 + 60
    await tap(history, admin, buttons[0][1])
    plan = await history.send(admin, "/plan")
    assert f"звонки от 60 с: {expected(pool)}" in plan
    # a member switched off leaves the pool
    await history.send(admin, "/remove @oleg")
    reply, _ = await ask(history, admin, "/setplan sdr calls_60 suggest")
    assert f"<b>{expected(ivan_sample())}</b>" in reply


async def test_money_is_suggested_in_whole_currency_units(history, admin):
    reply, buttons = await ask(history, admin, "/setplan @maria repeat_revenue suggest")
    days = [maria_revenue(n) for n in range(len(working_days()))]
    assert f"выручка повторных продаж <b>{expected(days)}</b>" in reply
    await tap(history, admin, buttons[0][1])
    assert f"выручка повторных продаж: {expected(days)} (личный)" in await history.send(
        admin, "/plan @maria"
    )


async def test_in_english(history, admin):
    olga = f.user(admin["id"], "Olga", username="olga_head", language_code="en")
    await history.send(olga, "/lang en")
    reply, buttons = await ask(history, olga, "/setplan @ivan calls_60 suggest")
    assert f"Ivan · calls of 60 s+ <b>{expected(ivan_sample())}</b> a day" in reply
    assert "over 12 full weeks (2026-08-31 – 2026-11-22); the sample is 55 working days." in reply
    assert [text for text, _ in buttons] == ["✅ Apply", "✖️ Cancel"]


async def test_too_little_history_says_how_much_there_is_and_offers_no_button(history, admin):
    await history.send(admin, "/workdays пн")  # one working day a week: 12 days
    reply, buttons = await ask(history, admin, "/setplan @ivan calls_60 suggest")
    assert reply == (
        "Ivan · звонки от 60 с: истории мало, чтобы предложить план. За 12 полных недель "
        "(31.08.2026 – 22.11.2026) история есть за 11 рабочих дней, а нужно не меньше 20."
    )
    assert buttons == []


async def test_a_new_member_without_history_has_too_little_of_it(history, admin):
    """Days before a member joined are not history: joined on Friday three weeks ago, so
    the window (which ends last Sunday) holds 1 + 5 + 5 of their working days."""
    with time_machine.travel(NOW - timedelta(weeks=3), tick=False):
        await history.add_member(704, "Пётр", {"sdr"}, username="petr")
    reply, buttons = await ask(history, admin, "/setplan @petr calls_60 suggest")
    assert reply == (
        "Пётр · звонки от 60 с: истории мало, чтобы предложить план. За 12 полных недель "
        "(31.08.2026 – 22.11.2026) история есть за 11 рабочих дней, а нужно не меньше 20."
    )
    assert buttons == []


@pytest.mark.parametrize(
    ("command", "expected_text"),
    [
        ("/setplan @ivan revenue suggest", "Ivan: план по «revenue» задать нельзя"),
        ("/setplan @nobody calls_60 suggest", "Не нахожу"),
        ("/setplan sdr suggest", "Пример: /setplan sdr calls_60 suggest"),
        ("/setplan sdr calls_60 80-100 suggest", "Пример: /setplan sdr calls_60 suggest"),
    ],
)
async def test_bad_requests_say_what_was_wrong_with_an_example(
    history, admin, command, expected_text
):
    reply, buttons = await ask(history, admin, command)
    assert expected_text in reply and "/setplan sdr calls_60 suggest" in reply
    assert buttons == []
    assert "звонки от 60 с: 80–100" in await history.send(admin, "/plan")


async def test_reps_cannot_ask_for_a_suggestion(history):
    reply = await history.send(ivan(), "/setplan sdr calls_60 suggest")
    assert reply.startswith("Это может только руководитель")


async def test_the_statements_do_not_grow_with_the_pool(history, admin):
    """A role's member-days come from one statement per kind of record, whatever the number
    of members and days (not one per member or per day)."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = history.db.engine.sync_engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        await ask(history, admin, "/setplan sdr calls_60 suggest")
        few = len(statements)
        with time_machine.travel(datetime(2026, 8, 3, 9, tzinfo=UTC), tick=False):
            for n in range(12):  # joined before the 12 weeks: every working day counts
                await history.add_member(900 + n, f"Rep {n}", {"sdr"})
        statements.clear()
        reply, _ = await ask(history, admin, "/setplan sdr calls_60 suggest")
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert "выборка — 834 рабочих дня" in reply  # 55 + 59 + 12 * 60
    assert len(statements) == few


async def test_a_hunters_meetings_count_for_the_hunter_who_held_them(chat, admin):
    """``meetings_held_as_hunter``: the meetings Anna held, on the day she held them (set
    by Ivan on another day), whoever set them."""
    anna_id = 704
    rows = ["occurred_at,kind,person_id,meeting_ref,hunter_id"]
    held = []
    for n, day in enumerate(working_days()):
        count = n % 4  # 0, 1, 2, 3 meetings held by Anna
        held.append(count)
        for k in range(count):
            ref = f"m{n}-{k}"
            set_at = f"{(day - timedelta(days=3)).isoformat()}T10:00:00+03:00"
            rows.append(f"{set_at},meeting_set,{IVAN},{ref},{anna_id}")
            rows.append(f"{day.isoformat()}T15:00:00+03:00,meeting_held,{anna_id},{ref},")
    with time_machine.travel(NOW, tick=False):
        await chat.send(admin, "/start")
        await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
        await chat.add_member(anna_id, "Anna", {"hunter"}, username="anna")
        async with chat.db.transaction() as conn:
            report = await import_bytes(conn, chat.team, ("\n".join(rows) + "\n").encode())
        assert not report.errors, report.errors
    reply, buttons = await ask(chat, admin, "/setplan @anna meetings_held_as_hunter suggest")
    assert f"Anna · проведённые встречи (хантер) <b>{expected(held)}</b>" in reply
    assert expected(held) == "2–3"  # 0..3 evenly: median 1.5 -> 2, 80th percentile 3
    assert buttons
    # Ivan held none but set them all: an SDR's meetings held are those he set, counted on
    # the day they were held, so his days are Anna's
    reply, _ = await ask(chat, admin, "/setplan @ivan meetings_held suggest")
    assert "<b>2–3</b>" in reply
