"""Logging work through the real Dispatcher: what is saved is exactly what was typed."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from storage.journal import local_day
from storage.repos import utcnow
from storage.sources import SourcesRepo
from storage.tables import calls, entries, leads, meeting_events, meetings, payments, proposals
from tests.support import factories as f
from views.keyboards import EntryAction, MeetingAction

SDR, HUNTER, FARMER, OTHER_SDR = 601, 602, 603, 604


@pytest.fixture
async def team_ready(chat, admin, db, team):
    await chat.send(admin, "/start")
    await chat.add_member(SDR, "Ivan Petrov", {"sdr"}, username="ivan")
    await chat.add_member(HUNTER, "Anna Smirnova", {"hunter"}, username="anna")
    await chat.add_member(FARMER, "Fedor", {"farmer"})
    await chat.add_member(OTHER_SDR, "Oleg", {"sdr"})
    async with db.transaction() as conn:
        await SourcesRepo(conn).add(team.id, "google")
        await SourcesRepo(conn).add(team.id, "yandex")
    return chat


def ivan(lang: str = "ru") -> dict:
    return f.user(SDR, "Ivan", last_name="Petrov", username="ivan", language_code=lang)


def anna(lang: str = "ru") -> dict:
    return f.user(HUNTER, "Anna", last_name="Smirnova", username="anna", language_code=lang)


def fedor(lang: str = "ru") -> dict:
    return f.user(FARMER, "Fedor", language_code=lang)


def oleg(lang: str = "ru") -> dict:
    return f.user(OTHER_SDR, "Oleg", language_code=lang)


async def rows(db, table, *where):
    async with db.read() as conn:
        return (await conn.execute(sa.select(table).where(*where).order_by(table.c.id))).all()


def today(team) -> date:
    return local_day(team, utcnow())


# --- calls ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "seconds", "direction"),
    [
        ("75s", 75, "out"),
        ("2m30s", 150, "out"),
        ("1:15", 75, "out"),
        ("4m in", 240, "in"),
        ("вх 4мин", 240, "in"),
        ("75 сек", 75, "out"),
    ],
)
async def test_call_forms(team_ready, db, args, seconds, direction):
    reply = await team_ready.send(ivan(), f"/call {args}")
    assert reply.startswith("✔️ Ivan Petrov: сохранено 📞 звонок")
    (call,) = await rows(db, calls)
    assert (call.duration_s, call.direction, call.count) == (seconds, direction, 1)
    assert call.voided_at is None and call.origin == "manual"


async def test_call_with_source_and_client_echoes_everything(team_ready, db, team):
    reply = await team_ready.send(ivan("en"), "/call 3m Google ООО Ромашка")
    day = today(team).isoformat()
    assert reply == (
        f"✔️ Saved for Ivan Petrov: 📞 call 3m, outgoing, source google, ООО Ромашка, {day}"
    )
    (call,) = await rows(db, calls)
    assert call.client == "ООО Ромашка" and call.source_id is not None
    markup = team_ready.bot.sent(SDR)[-1].reply_markup
    assert markup.inline_keyboard[0][0].text == "↩️ Undo"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("", "Сколько длился звонок?"),
        ("75", "секунды или минуты?"),
        ("5h", "больше 4 часов"),
        ("-5m", "не может длиться"),
        ("3m завтра", "это будущее"),
        ("3m 2020-01-01", "слишком давно"),
        ("3m source:tiktok", "Не знаю источник «tiktok»"),
    ],
)
async def test_bad_call_input_changes_nothing(team_ready, db, args, expected):
    reply = await team_ready.send(ivan(), f"/call {args}".strip())
    assert expected in reply
    assert "/call" in reply  # a correct example is shown
    assert await rows(db, calls) == []
    assert await rows(db, entries) == []


async def test_call_backdated_to_yesterday(team_ready, db, team):
    await team_ready.send(ivan(), "/call 3m вчера")
    (call,) = await rows(db, calls)
    assert call.day == today(team) - timedelta(days=1)
    assert call.occurred_at.astimezone(ZoneInfo(team.timezone)).date() == call.day


async def test_call_in_group_with_bot_mention(team_ready, db):
    reply = await team_ready.send(ivan(), "/call@iron_funnel_bot 2m", chat=f.group_chat(-700))
    assert "звонок 2 мин" in reply
    assert len(await rows(db, calls)) == 1


async def test_bulk_calls_keep_count_and_minutes_exact(team_ready, db):
    reply = await team_ready.send(ivan("en"), "/calls 80 250m")
    assert "80 calls of 60 s+, 250 minutes on the line" in reply
    stored = await rows(db, calls)
    assert sum(r.count for r in stored) == 80
    assert sum(r.count * r.duration_s for r in stored) == 250 * 60
    assert all(r.duration_s >= 60 for r in stored)


async def test_bulk_calls_refuse_impossible_minutes(team_ready, db):
    reply = await team_ready.send(ivan("en"), "/calls 80 30m")
    assert "at least 80 minutes" in reply
    assert await rows(db, calls) == []
    assert "/calls 85 260m" in await team_ready.send(ivan("en"), "/calls lots")


# --- leads and sources -------------------------------------------------------------------


async def test_lead_with_source_and_qualification(team_ready, db):
    reply = await team_ready.send(ivan(), "/lead GOOGLE целевой")
    assert "лид №" in reply and "источник google" in reply and "целевой" in reply
    (lead,) = await rows(db, leads)
    assert lead.qualification == "targeted"
    reply = await team_ready.send(ivan(), f"/lead {lead.id} нецелевой")
    assert "теперь нецелевой" in reply
    (lead,) = await rows(db, leads)
    assert lead.qualification == "non_targeted"


async def test_unknown_source_suggests_closest(team_ready, db):
    reply = await team_ready.send(ivan("en"), "/lead gogle")
    assert "I don't know the source «gogle»" in reply
    assert "Did you mean «google»?" in reply
    assert await rows(db, leads) == []


async def test_free_sources_let_reps_add_them(team_ready, db, admin):
    assert "Готово" in await team_ready.send(admin, "/source free on")
    await team_ready.send(ivan(), "/lead tiktok")
    (lead,) = await rows(db, leads)
    assert lead.source_id is not None
    assert "tiktok" in await team_ready.send(ivan(), "/sources")


async def test_manager_manages_sources(team_ready, admin, db):
    assert "добавлен" in await team_ready.send(admin, "/source add Avito")
    assert "уже есть" in await team_ready.send(admin, "/source add avito")
    await team_ready.send(ivan(), "/lead yandex")
    assert "объединён" in await team_ready.send(admin, "/source merge yandex google")
    await team_ready.send(ivan(), "/lead Yandex")  # the old name still works
    stored = await rows(db, leads)
    assert len({lead.source_id for lead in stored}) == 1
    assert "Это может только руководитель" in await team_ready.send(ivan(), "/source add x")


async def test_someone_elses_lead_cannot_be_qualified(team_ready, db):
    await team_ready.send(ivan(), "/lead google")
    (lead,) = await rows(db, leads)
    reply = await team_ready.send(oleg(), f"/lead {lead.id} целевой")
    assert "чужой" in reply
    assert (await rows(db, leads))[0].qualification is None


# --- meetings and payments --------------------------------------------------------------


async def set_meeting(chat, text="/meeting set ООО Ромашка google @anna завтра 15:00") -> int:
    await chat.send(ivan(), text)
    return (await rows(chat.db, meetings))[-1].id


async def test_meeting_set_notifies_hunter_and_held_by_button_then_paid(team_ready, db):
    reply = await team_ready.send(ivan(), "/meeting set ООО Ромашка google @anna завтра 15:00")
    (meeting,) = await rows(db, meetings)
    assert f"встреча №{meeting.id} назначена: ООО Ромашка, источник google" in reply
    assert "хантер Anna Smirnova" in reply and "15:00" in reply
    echo = team_ready.bot.sent(SDR)[-1]
    assert [b.text for b in echo.reply_markup.inline_keyboard[0]] == [
        "✅ Подтверждена",
        "🏁 Проведена",
    ]
    card = team_ready.bot.sent(HUNTER)[-1]
    assert card.text.startswith("Ivan Petrov: новая встреча для вас")
    assert "Кто назначил: Ivan Petrov" in card.text
    held_button = card.reply_markup.inline_keyboard[0][1]
    assert MeetingAction.unpack(held_button.callback_data).event == "held"

    await team_ready.feed(f.callback_update(anna(), held_button.callback_data))
    (meeting,) = await rows(db, meetings)
    assert meeting.status == "held" and meeting.hunter_id is not None
    held = await rows(db, meeting_events, meeting_events.c.kind == "held")
    assert len(held) == 1

    reply = await team_ready.send(anna(), f"/paid 150 тыс #{meeting.id}")
    assert f"оплата 150\xa0000\xa0₽ по встрече №{meeting.id}" in reply
    (payment,) = await rows(db, payments)
    assert (payment.kind, payment.amount, payment.meeting_id) == (
        "new",
        Decimal("150000.00"),
        meeting.id,
    )


async def test_double_tap_on_held_records_once(team_ready, db):
    meeting_id = await set_meeting(team_ready)
    data = MeetingAction(meeting_id=meeting_id, event="held").pack()
    await team_ready.feed(f.callback_update(anna(), data))
    await team_ready.feed(f.callback_update(anna(), data))
    assert len(await rows(db, meeting_events, meeting_events.c.kind == "held")) == 1
    answers = team_ready.bot.sent(method="answerCallbackQuery")
    assert "уже проведена" in answers[-1].text


async def test_same_callback_update_twice_is_recorded_once(team_ready, db):
    meeting_id = await set_meeting(team_ready)
    update = f.callback_update(
        anna(), MeetingAction(meeting_id=meeting_id, event="confirmed").pack()
    )
    await team_ready.feed(update)
    await team_ready.feed(update)
    assert len(await rows(db, meeting_events, meeting_events.c.kind == "confirmed")) == 1
    assert len(team_ready.bot.sent(method="answerCallbackQuery")) == 1


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/meeting held {id}", None),
        ("/meeting cancel {id}", None),
    ],
)
async def test_final_meeting_cannot_change(team_ready, db, command, expected):
    meeting_id = await set_meeting(team_ready)
    await team_ready.send(anna(), command.format(id=meeting_id))
    reply = await team_ready.send(anna(), f"/meeting confirm {meeting_id}")
    assert "уже" in reply and "нельзя подтвердить" in reply
    assert len(await rows(db, meeting_events)) == 2


async def test_meeting_rules(team_ready, db):
    meeting_id = await set_meeting(team_ready)
    # someone who has no part in it
    assert "не ваша" in await team_ready.send(oleg(), f"/meeting confirm {meeting_id}")
    # paying a meeting that was not held
    assert "ещё не проведена" in await team_ready.send(anna(), f"/paid 1000 #{meeting_id}")
    assert "Встречи №999999 нет" in await team_ready.send(anna(), "/meeting held 999999")
    assert "Какая встреча?" in await team_ready.send(anna(), "/meeting held")
    assert "Что сделать со встречей?" in await team_ready.send(anna(), "/meeting fly 1")
    assert "Хантера «@nobody» в команде нет" in await team_ready.send(
        ivan(), "/meeting set Acme @nobody"
    )
    assert "С кем встреча?" in await team_ready.send(ivan(), "/meeting set google")
    assert len(await rows(db, meetings)) == 1
    assert await rows(db, payments) == []


async def test_meetings_lists_open_ones_with_buttons(team_ready, db):
    first = await set_meeting(team_ready)
    second = await set_meeting(team_ready, "/meeting set Acme yandex")
    await team_ready.send(anna(), f"/meeting held {first}")
    reply = await team_ready.send(ivan(), "/meetings")
    assert f"№{second} Acme" in reply and f"№{first} " not in reply
    buttons = team_ready.bot.sent(SDR)[-1].reply_markup.inline_keyboard
    assert buttons[0][0].text == f"#{second} ✅ Подтверждена"


async def test_meeting_with_an_unknown_source_is_explained_and_not_saved(team_ready, db):
    reply = await team_ready.send(ivan(), "/meeting set Acme source:tiktok")
    assert "Не знаю источник «tiktok». Источники: google, yandex." in reply
    assert "/meeting" in reply  # the usage follows
    assert await rows(db, meetings) == []


async def test_my_meetings_button_of_log_lists_the_hunters_meetings(team_ready, db):
    meeting_id = await set_meeting(team_ready)
    await team_ready.send(anna(), "/log")
    keyboard = team_ready.bot.sent(HUNTER)[-1].reply_markup.inline_keyboard
    (button,) = [b for row in keyboard for b in row if b.text == "🏁 мои встречи"]
    await team_ready.feed(f.callback_update(anna(), button.callback_data))
    listed = team_ready.bot.sent(HUNTER)[-1]
    assert listed.text.startswith("Ваши открытые встречи:")
    assert f"№{meeting_id} ООО Ромашка" in listed.text
    assert listed.reply_markup.inline_keyboard[0][0].text == f"#{meeting_id} ✅ Подтверждена"


async def test_repeat_sale_and_proposal(team_ready, db):
    reply = await team_ready.send(fedor(), "/paid 50k ООО Ромашка")
    assert "повторная продажа 50\xa0000\xa0₽: ООО Ромашка" in reply
    meeting_id = await set_meeting(team_ready)
    reply = await team_ready.send(anna(), f"/proposal #{meeting_id}")
    assert f"отправлено КП по встрече №{meeting_id}" in reply
    (payment,) = await rows(db, payments)
    assert (payment.kind, payment.client, payment.amount) == (
        "repeat",
        "ООО Ромашка",
        Decimal("50000.00"),
    )
    assert len(await rows(db, proposals)) == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [("", "/paid 150000 #42"), ("0 Acme", "больше нуля"), ("-5 Acme", "больше нуля")],
)
async def test_bad_amounts(team_ready, db, args, expected):
    reply = await team_ready.send(fedor(), f"/paid {args}".strip())
    assert expected in reply
    assert await rows(db, payments) == []


# --- undo, history, void ---------------------------------------------------------------


async def test_undo_button_and_command(team_ready, db):
    await team_ready.send(ivan(), "/call 3m")
    undo = team_ready.bot.sent(SDR)[-1].reply_markup.inline_keyboard[0][0]
    await team_ready.feed(f.callback_update(ivan(), undo.callback_data))
    (call,) = await rows(db, calls)
    assert call.voided_at is not None and call.voided_by is not None
    await team_ready.send(ivan(), "/lead google")
    reply = await team_ready.send(ivan(), "/undo")
    assert "Аннулировано" in reply and "лид" in reply
    assert (await rows(db, leads))[0].voided_at is not None
    assert "Отменять нечего" in await team_ready.send(ivan(), "/undo")


async def test_history_and_manager_void(team_ready, db, admin):
    await team_ready.send(ivan(), "/call 3m")
    await team_ready.send(ivan(), "/lead google")
    reply = await team_ready.send(ivan(), "/history")
    assert "Ваши последние записи" in reply and "звонок 3 мин" in reply
    history = await team_ready.send(admin, "/history @ivan")
    assert "Последние записи: Ivan Petrov" in history
    void = team_ready.bot.sent(admin["id"])[-1].reply_markup.inline_keyboard[0][0]
    entry_id = EntryAction.unpack(void.callback_data).entry_id
    # another rep may not void it
    await team_ready.feed(f.callback_update(oleg(), void.callback_data))
    assert "чужая" in team_ready.bot.sent(method="answerCallbackQuery")[-1].text
    await team_ready.feed(f.callback_update(admin, void.callback_data))
    (entry,) = await rows(db, entries, entries.c.id == entry_id)
    assert entry.voided_at is not None
    assert "(аннулировано)" in await team_ready.send(ivan(), "/history")


async def test_meeting_step_voids_only_in_order(team_ready, db):
    meeting_id = await set_meeting(team_ready)
    await team_ready.send(anna(), f"/meeting held {meeting_id}")
    await team_ready.send(anna(), f"/paid 1000 #{meeting_id}")
    # the setting cannot be undone while later steps stand
    (set_entry,) = await rows(db, entries, entries.c.kind == "meeting_set")
    await team_ready.feed(f.callback_update(ivan(), EntryAction(entry_id=set_entry.id).pack()))
    assert "сначала отмените их" in team_ready.bot.sent(method="answerCallbackQuery")[-1].text
    assert (await rows(db, meetings))[0].status == "held"
    # undo the payment, then the held step: the meeting is open again
    await team_ready.send(anna(), "/undo")
    await team_ready.send(anna(), "/undo")
    meeting = (await rows(db, meetings))[0]
    assert meeting.status == "set"
    assert "Проведена" in str(team_ready.bot.sent(SDR)[0].reply_markup)


# --- /log, robustness --------------------------------------------------------------------


async def test_log_keyboard_one_tap(team_ready, db):
    reply = await team_ready.send(ivan(), "/log")
    assert "Сегодня: 📞 0" in reply
    keyboard = team_ready.bot.sent(SDR)[-1].reply_markup.inline_keyboard
    one_minute = keyboard[0][0]
    assert one_minute.text == "📞 звонок 1 мин"
    for _ in range(3):
        await team_ready.feed(f.callback_update(ivan(), one_minute.callback_data))
    stored = await rows(db, calls)
    assert [r.duration_s for r in stored] == [60, 60, 60]
    edited = team_ready.bot.sent(method="editMessageText")[-1]
    assert "📞 3 · ⏱ 3 мин" in edited.text
    meeting_button = next(b for row in keyboard for b in row if b.text == "🤝 встреча назначена")
    await team_ready.feed(f.callback_update(ivan(), meeting_button.callback_data))
    assert len(await rows(db, meetings)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "/call " + "9" * 5000,
        "/paid ∞ #𝟒𝟐",
        "/lead \u202e\u200b",
        "/meeting set " + "Я" * 4000,
        "/calls ٣ ٣m",
        "/call 1:99:99",
    ],
)
async def test_odd_input_never_crashes(team_ready, text):
    reply = await team_ready.send(ivan(), text)
    assert reply is not None
    assert "Что-то пошло не так" not in reply


async def test_two_reps_logging_at_once_lose_nothing(team_ready, db):
    updates = [f.message_update(ivan(), "/call 2m") for _ in range(15)]
    updates += [f.message_update(oleg(), "/lead google") for _ in range(15)]
    await asyncio.gather(*(team_ready.feed(u) for u in updates))
    assert len(await rows(db, calls)) == 15
    assert len(await rows(db, leads)) == 15


async def test_meeting_scheduled_on_a_date_or_backdated(team_ready, db, team):
    ahead = today(team) + timedelta(days=3)
    await team_ready.send(ivan(), f"/meeting set Acme {ahead:%d.%m} 15:00")
    meeting = (await rows(db, meetings))[-1]
    local = meeting.scheduled_at.astimezone(ZoneInfo(team.timezone))
    assert (local.date(), local.hour, local.minute) == (ahead, 15, 0)
    (set_event,) = await rows(db, meeting_events, meeting_events.c.meeting_id == meeting.id)
    assert set_event.day == today(team)

    await team_ready.send(ivan(), "/meeting set Beta вчера")
    meeting = (await rows(db, meetings))[-1]
    (set_event,) = await rows(db, meeting_events, meeting_events.c.meeting_id == meeting.id)
    assert set_event.day == today(team) - timedelta(days=1)
    assert meeting.scheduled_at is None


async def test_steps_cannot_be_dated_before_earlier_steps(team_ready, db):
    meeting_id = await set_meeting(team_ready)
    reply = await team_ready.send(anna(), f"/meeting held {meeting_id} вчера")
    assert "следующий шаг не может быть раньше" in reply
    await team_ready.send(anna(), f"/meeting held {meeting_id}")
    reply = await team_ready.send(anna(), f"/paid 1000 #{meeting_id} вчера")
    assert "оплата не может быть раньше" in reply
    assert await rows(db, payments) == []
    assert len(await rows(db, meeting_events)) == 2
