"""Every counted noun a reply carries agrees with its number, in Russian and in English.

Through the real Dispatcher: a count is made (logged, imported, planned), then the reply
a person reads is checked for "21 звонок", "22 звонка", "25 звонков", "101 звонок",
"11 звонков", "0 звонков" and for "1 call", "2 calls", "0 calls". The expected forms are
written out by hand.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine

from storage import journal
from tests.support import factories as f

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # Friday, 12:00 in Moscow
SDR, HUNTER = 701, 702

CALLS = {
    0: "0 звонков",
    1: "1 звонок",
    2: "2 звонка",
    5: "5 звонков",
    11: "11 звонков",
    21: "21 звонок",
    22: "22 звонка",
    25: "25 звонков",
    101: "101 звонок",
}
MINUTES = {
    0: "0 минут",
    1: "1 минута",
    2: "2 минуты",
    5: "5 минут",
    11: "11 минут",
    21: "21 минута",
    22: "22 минуты",
    25: "25 минут",
    101: "101 минута",
}
LEADS = {
    0: "0 лидов",
    1: "1 лид",
    2: "2 лида",
    5: "5 лидов",
    11: "11 лидов",
    21: "21 лид",
    22: "22 лида",
    25: "25 лидов",
    101: "101 лид",
}
MEETINGS_HELD = {
    0: "0 проведённых встреч",
    1: "1 проведённая встреча",
    2: "2 проведённые встречи",
    5: "5 проведённых встреч",
    11: "11 проведённых встреч",
    21: "21 проведённая встреча",
    22: "22 проведённые встречи",
    25: "25 проведённых встреч",
    101: "101 проведённая встреча",
}
# /meetings lists ten and counts the rest of at most 30 open meetings
MEETINGS_MORE = {
    1: "1 встреча",
    2: "2 встречи",
    5: "5 встреч",
    11: "11 встреч",
    20: "20 встреч",
}
ROWS = {
    1: "1 строка",
    2: "2 строки",
    5: "5 строк",
    11: "11 строк",
    21: "21 строка",
    22: "22 строки",
    25: "25 строк",
    101: "101 строка",
}
DAYS = {
    1: "1 день",
    2: "2 дня",
    5: "5 дней",
    11: "11 дней",
    21: "21 день",
    22: "22 дня",
    25: "25 дней",
    101: "101 день",
}
REPS = {
    1: "1 сотрудник",
    2: "2 сотрудника",
    5: "5 сотрудников",
    11: "11 сотрудников",
    21: "21 сотрудник",
    22: "22 сотрудника",
    25: "25 сотрудников",
    101: "101 сотрудник",
}


def rep(lang: str = "ru") -> dict:
    return f.user(SDR, "Ivan", username="ivan", language_code=lang)


def hunter(lang: str = "ru") -> dict:
    return f.user(HUNTER, "Anna", username="anna", language_code=lang)


def manager(admin: dict, lang: str) -> dict:
    return {**admin, "language_code": lang}


@pytest.fixture
async def team_ready(chat, admin):
    with time_machine.travel(NOW, tick=False):
        await chat.send(admin, "/start")
    await chat.add_member(SDR, "Ivan", {"sdr"}, username="ivan")
    await chat.add_member(HUNTER, "Anna", {"hunter"}, username="anna")
    return chat


async def caption_of(chat, sender: dict, text: str) -> str:
    """The caption of the photo the bot answers ``text`` with (the /funnel chart)."""
    with time_machine.travel(NOW, tick=False):
        await chat.send(sender, text)
    return chat.bot.sent(sender["id"], method="sendPhoto")[-1].caption


async def log_calls_and_leads(chat, count: int) -> None:
    """``count`` calls of a minute each and ``count`` leads of the SDR, today."""
    member = await chat.member(SDR)
    async with chat.db.transaction() as conn:
        if count:
            await journal.log_calls_bulk(
                conn, chat.team, member, count=count, total_seconds=60 * count, occurred_at=NOW
            )
        for _ in range(count):
            await journal.log_lead(conn, chat.team, member, occurred_at=NOW)


async def log_something_else(chat, tg_id: int, record: str) -> None:
    """One record of another kind (``proposal`` or ``lead``) today, so the period is not
    empty (services.empty): the numbers under test may be 0 and still be shown."""
    member = await chat.member(tg_id)
    async with chat.db.transaction() as conn:
        if record == "proposal":
            await journal.record_proposal(conn, chat.team, member, occurred_at=NOW)
        else:
            await journal.log_lead(conn, chat.team, member, occurred_at=NOW)


async def hold_meetings(chat, count: int, *, days_to_payment: float | None = None) -> None:
    """``count`` meetings set by the SDR and held by the hunter today; with
    ``days_to_payment``, each is set that many days before it is held and paid."""
    setter, closer = await chat.member(SDR), await chat.member(HUNTER)
    set_at = NOW - timedelta(days=days_to_payment or 0)
    async with chat.db.transaction() as conn:
        for _ in range(count):
            _, meeting = await journal.set_meeting(
                conn, chat.team, setter, occurred_at=set_at, client="Ромашка", hunter=closer
            )
            await journal.transition_meeting(
                conn, chat.team, closer, meeting_id=meeting.id, event="held", occurred_at=NOW
            )
            if days_to_payment is not None:
                await journal.record_new_payment(
                    conn,
                    chat.team,
                    closer,
                    meeting_id=meeting.id,
                    amount=Decimal(1000),
                    occurred_at=NOW,
                )


# --- calls, minutes, leads -------------------------------------------------------------


@pytest.mark.parametrize(("count", "calls"), [(n, form) for n, form in CALLS.items() if n])
async def test_bulk_calls_reply_says_how_many_calls(team_ready, count, calls):
    with time_machine.travel(NOW, tick=False):
        reply = await team_ready.send(rep(), f"/calls {count} 300м")
    assert f"✔️ Ivan: сохранено 📞 {calls} от 60 с, 300 минут на линии" in reply


@pytest.mark.parametrize(("count", "minutes"), [(n, form) for n, form in MINUTES.items() if n])
async def test_bulk_calls_reply_says_how_many_minutes(team_ready, count, minutes):
    with time_machine.travel(NOW, tick=False):
        reply = await team_ready.send(rep(), f"/calls 1 {count}м")
    assert f"📞 1 звонок от 60 с, {minutes} на линии" in reply


async def test_a_fraction_of_a_minute_takes_the_other_form(team_ready):
    with time_machine.travel(NOW, tick=False):
        reply = await team_ready.send(rep(), "/calls 1 90с")
        history = await team_ready.send(rep(), "/history")
    assert "📞 1 звонок от 60 с, 1,5 минуты на линии" in reply
    assert "1,5 минуты на линии" in history


@pytest.mark.parametrize("count", list(CALLS))
async def test_funnel_caption_counts_calls_minutes_and_leads(team_ready, count):
    await log_calls_and_leads(team_ready, count)
    await log_something_else(team_ready, SDR, "proposal")
    caption = await caption_of(team_ready, rep(), "/funnel")
    assert f"📞 {CALLS[count]} от 60 с · ⏱ {MINUTES[count]} на линии" in caption
    assert f"🧲 {LEADS[count]} (целевых" in caption


@pytest.mark.parametrize(
    ("count", "calls", "minutes", "leads"),
    [
        (0, "0 calls", "0 minutes", "0 leads"),
        (1, "1 call", "1 minute", "1 lead"),
        (2, "2 calls", "2 minutes", "2 leads"),
        (21, "21 calls", "21 minutes", "21 leads"),
    ],
)
async def test_funnel_caption_in_english(team_ready, count, calls, minutes, leads):
    await log_calls_and_leads(team_ready, count)
    await log_something_else(team_ready, SDR, "proposal")
    caption = await caption_of(team_ready, rep("en"), "/funnel")
    assert f"📞 {calls} of 60 s+ · ⏱ {minutes} on the line" in caption
    assert f"🧲 {leads} (targeted" in caption


@pytest.mark.parametrize(
    ("count", "reply_text"),
    [
        (1, "📞 1 call of 60 s+, 1 minute on the line"),
        (2, "📞 2 calls of 60 s+, 2 minutes on the line"),
        (21, "📞 21 calls of 60 s+, 21 minutes on the line"),
    ],
)
async def test_bulk_calls_reply_in_english(team_ready, count, reply_text):
    with time_machine.travel(NOW, tick=False):
        reply = await team_ready.send(rep("en"), f"/calls {count} {count}m")
    assert reply_text in reply


@pytest.mark.parametrize(("goal", "calls"), [(n, form) for n, form in CALLS.items() if n])
async def test_today_says_how_many_calls_are_left(team_ready, admin, goal, calls):
    """/today @member: the calls still to make today, with their noun."""
    await log_something_else(team_ready, SDR, "proposal")
    with time_machine.travel(NOW, tick=False):
        await team_ready.send(admin, f"/setplan @ivan calls_60 {goal}")
        reply = await team_ready.send(admin, "/today @ivan")
    assert f"🔴 звонки от 60 с: <b>0</b> из {goal} · сегодня ещё {calls}" in reply


@pytest.mark.parametrize(("goal", "left"), [(1, "1 call to go today"), (2, "2 calls to go today")])
async def test_today_in_english(team_ready, admin, goal, left):
    await log_something_else(team_ready, SDR, "proposal")
    with time_machine.travel(NOW, tick=False):
        await team_ready.send(admin, f"/setplan @ivan calls_60 {goal}")
        reply = await team_ready.send(rep("en"), "/today")
    assert f"calls of 60 s+: <b>0</b> of {goal} · {left}" in reply


# --- meetings ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", list(MEETINGS_HELD))
async def test_hunter_funnel_counts_meetings_held(team_ready, count):
    await hold_meetings(team_ready, count)
    await log_something_else(team_ready, HUNTER, "lead")
    caption = await caption_of(team_ready, hunter(), "/funnel")
    assert f"🏁 {MEETINGS_HELD[count]} · 📄 КП: 0" in caption


@pytest.mark.parametrize(
    ("count", "held"), [(0, "0 meetings held"), (1, "1 meeting held"), (2, "2 meetings held")]
)
async def test_hunter_funnel_in_english(team_ready, count, held):
    await hold_meetings(team_ready, count)
    await log_something_else(team_ready, HUNTER, "lead")
    caption = await caption_of(team_ready, hunter("en"), "/funnel")
    assert f"🏁 {held} · 📄 proposals: 0" in caption


@pytest.mark.parametrize(("more", "meetings"), list(MEETINGS_MORE.items()))
async def test_meetings_list_says_how_many_more(team_ready, more, meetings):
    setter = await team_ready.member(SDR)
    async with team_ready.db.transaction() as conn:
        for _ in range(10 + more):  # ten are listed, the rest are counted
            await journal.set_meeting(conn, team_ready.team, setter, occurred_at=NOW, client="A")
    with time_machine.travel(NOW, tick=False):
        reply = await team_ready.send(rep(), "/meetings")
    assert reply.endswith(f"\n…и ещё {meetings}.")


async def test_meetings_list_in_english(team_ready):
    setter = await team_ready.member(SDR)
    async with team_ready.db.transaction() as conn:
        for _ in range(11):
            await journal.set_meeting(conn, team_ready.team, setter, occurred_at=NOW, client="A")
    with time_machine.travel(NOW, tick=False):
        reply = await team_ready.send(rep("en"), "/meetings")
    assert reply.endswith("\n…and 1 more meeting.")


# --- days --------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "text"), list(DAYS.items()))
async def test_day_off_says_how_many_days(team_ready, admin, days, text):
    first = NOW.date() + timedelta(days=3)
    last = first + timedelta(days=days - 1)
    with time_machine.travel(NOW, tick=False):
        reply = await team_ready.send(admin, f"/dayoff @ivan {first}..{last}")
    assert reply == f"Ivan: не работает {first}–{last} ({text}), плана в эти дни нет."


@pytest.mark.parametrize(("days", "text"), [(1, "(1 day)"), (2, "(2 days)"), (21, "(21 days)")])
async def test_day_off_in_english(team_ready, admin, days, text):
    first = NOW.date() + timedelta(days=3)
    last = first + timedelta(days=days - 1)
    with time_machine.travel(NOW, tick=False):
        reply = await team_ready.send(manager(admin, "en"), f"/dayoff @ivan {first}..{last}")
    assert f"Ivan is off {first}–{last} {text}: no plan on those days." == reply


@pytest.mark.parametrize(
    ("days", "cycle"),
    [
        (0, "0 дней"),
        (1, "1 день"),
        (1.5, "1,5 дня"),
        (2, "2 дня"),
        (5, "5 дней"),
        (11, "11 дней"),
        (21, "21 день"),
        (22, "22 дня"),
        (25, "25 дней"),
    ],
)
async def test_hunter_funnel_says_the_sales_cycle_in_days(team_ready, days, cycle):
    await hold_meetings(team_ready, 1, days_to_payment=days)
    caption = await caption_of(team_ready, hunter(), "/funnel")
    assert f"· цикл сделки {cycle}\n" in caption  # the period's line, before the cohort's


async def test_the_sales_cycle_in_english(team_ready):
    await hold_meetings(team_ready, 1, days_to_payment=1)
    caption = await caption_of(team_ready, hunter("en"), "/funnel")
    assert "· sales cycle 1 day\n" in caption


# --- rows --------------------------------------------------------------------------------


def import_update(sender: dict):
    return f.service_update(
        sender,
        f.private_chat(sender),
        document={"file_id": "f", "file_unique_id": "u", "file_name": "r.csv", "file_size": 99},
        caption="/import",
        caption_entities=[{"type": "bot_command", "offset": 0, "length": len("/import")}],
    )


async def import_rows(chat, bot, admin, monkeypatch, rows: int) -> None:
    lines = ["occurred_at,kind,person_id,duration_s"]
    lines += [f"2026-11-26T10:{n % 60:02d}:00+03:00,call,{SDR},75" for n in range(rows)]
    payload = ("\n".join(lines) + "\n").encode()

    async def fake_download(file, destination=None, **_):
        destination.write(payload)
        return destination

    monkeypatch.setattr(bot, "download", fake_download)
    with time_machine.travel(NOW, tick=False):
        await chat.feed(import_update(admin))


@pytest.mark.parametrize(("rows", "text"), list(ROWS.items()))
async def test_history_says_how_many_rows_an_import_had(
    team_ready, bot, admin, monkeypatch, rows, text
):
    await import_rows(team_ready, bot, admin, monkeypatch, rows)
    with time_machine.travel(NOW, tick=False):
        history = await team_ready.send(admin, "/history")
    assert f"📥 импорт: {text}" in history


@pytest.mark.parametrize(("rows", "text"), [(1, "import of 1 row"), (2, "import of 2 rows")])
async def test_history_rows_in_english(team_ready, bot, admin, monkeypatch, rows, text):
    await import_rows(team_ready, bot, admin, monkeypatch, rows)
    with time_machine.travel(NOW, tick=False):
        history = await team_ready.send(manager(admin, "en"), "/history")
    assert f"📥 {text}" in history


# --- reps --------------------------------------------------------------------------------


@pytest.mark.parametrize(("members", "text"), list(REPS.items()))
async def test_team_says_how_many_members(chat, admin, members, text):
    await chat.send(admin, "/start")  # the manager is the first member
    for n in range(members - 1):
        await chat.add_member(1000 + n, f"Rep {n}", {"sdr"})
    reply = await chat.send(admin, "/team")
    assert reply.startswith(f"«Отдел продаж»: {text}\n")


@pytest.mark.parametrize(("members", "text"), [(1, "1 member"), (2, "2 members")])
async def test_team_in_english(chat, admin, members, text):
    await chat.send(manager(admin, "en"), "/start")
    for n in range(members - 1):
        await chat.add_member(1000 + n, f"Rep {n}", {"sdr"})
    reply = await chat.send(manager(admin, "en"), "/team")
    assert reply.startswith(f"«Отдел продаж»: {text}\n")
