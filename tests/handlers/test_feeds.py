"""/link, /unmatched and /setting calls: agents, held events, verified calls."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import time_machine

from storage import feeds
from storage.verified import calls_by_origin
from tests.support import factories as f

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
IVAN, OLEG = 701, 702


Call = partial(f.call_event, occurred_at=NOW, provider="zadarma", duration_s=120)


async def reps(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
    await chat.add_member(OLEG, "Oleg", {"sdr"}, username="oleg")
    return f.user(IVAN, "Ivan", username="ivan"), f.user(OLEG, "Oleg", username="oleg")


async def deliver(chat, *calls: Call) -> feeds.Ingested:
    async with chat.db.transaction() as conn:
        return await feeds.ingest_calls(conn, chat.team, list(calls))


async def test_a_rep_links_their_extension_and_held_calls_are_recorded(chat, admin):
    ivan, oleg = await reps(chat, admin)
    assert (await deliver(chat, Call("z1", "101"), Call("z2", "101"))).held == 2
    unmatched = await chat.send(admin, "/unmatched")
    assert "101 · zadarma: 2 звонка (27.11)" in unmatched
    assert "/link @имя 101" in unmatched
    with time_machine.travel(NOW, tick=False):
        reply = await chat.send(ivan, "/link 101")
    assert "Готово: 101 — это Ivan" in reply
    assert "Записаны 2 события, которые ждали этот номер" in reply
    assert "Неопознанных событий нет" in await chat.send(admin, "/unmatched")
    with time_machine.travel(NOW, tick=False):
        stats = await chat.send(ivan, "/stats")
    assert "звонки от 60 с: <b>2</b>" in stats
    assert (
        "Звонки от 60 с: по отчёту — 0, по телефонии — 2 (100,0\xa0% всех звонков от 60 с)" in stats
    )
    # a later call of the same extension goes straight to Ivan
    assert (await deliver(chat, Call("z3", "101"))).recorded == 1
    # someone else's extension is for managers to link
    assert "только руководителю" in await chat.send(oleg, "/link @ivan 102")
    assert "Готово: 102 — это Oleg" in await chat.send(admin, "/link @oleg 102")
    moved = await chat.send(admin, "/link @oleg 101")
    assert "Готово: 101 — это Oleg" in moved
    assert "Раньше этот номер был привязан к другому сотруднику: Ivan" in moved
    listing = await chat.send(admin, "/link")
    assert "101 — Oleg" in listing and "102 — Oleg" in listing
    assert "ни к кому не привязан" in await chat.send(admin, "/unlink 102")


async def test_phone_numbers_with_spaces_and_bad_input(chat, admin):
    ivan, _ = await reps(chat, admin)
    assert "79161234567 — это Ivan" in await chat.send(ivan, "/link +7 916 123-45-67")
    assert "/link 101" in await chat.send(ivan, "/link abc")
    assert "Не нашёл сотрудника «@nobody»" in await chat.send(admin, "/link @nobody 103")
    assert "Пример: /unlink 101" in await chat.send(admin, "/unlink")


async def test_calls_from_telephony_only(chat, admin):
    ivan, _ = await reps(chat, admin)
    reply = await chat.send(admin, "/setting calls telephony")
    assert "только из телефонии" in reply
    refused = await chat.send(ivan, "/call 75s")
    assert "Звонки считаются автоматически из телефонии" in refused
    assert "Звонки считаются автоматически" in await chat.send(ivan, "/calls 40 120m")
    await chat.send(ivan, "/log")
    keyboard = chat.bot.sent(IVAN)[-1].reply_markup.inline_keyboard
    assert not any(b.callback_data.startswith("qlog:call") for row in keyboard for b in row)
    async with chat.db.read() as conn:
        saved = await calls_by_origin(conn, chat.team.id, NOW.date(), NOW.date(), 0)
    assert saved == {}  # nothing was saved
    assert "снова записывают" in await chat.send(admin, "/setting calls manual")
    assert "звонок" in await chat.send(ivan, "/call 75s")
    assert "Сейчас: звонки записывают сотрудники" in await chat.send(admin, "/setting")
    assert "только руководител" in await chat.send(ivan, "/setting calls manual")
