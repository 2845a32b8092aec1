"""Fixtures shared by the handler tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from tests.support import factories as f

FRIDAY_EVENING = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # 18:00 in Moscow
IVAN, OLEG, PETR, ANNA, MARIA = 801, 802, 803, 804, 805


@pytest.fixture
async def day_of_work(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
    await chat.add_member(OLEG, "Oleg", {"sdr"}, username="oleg")
    await chat.add_member(PETR, "Petr", {"sdr"}, username="petr")
    await chat.add_member(ANNA, "Anna", {"hunter"}, username="anna")
    await chat.add_member(MARIA, "Maria", {"farmer"}, username="maria")
    ivan = f.user(IVAN, "Ivan", username="ivan")
    oleg = f.user(OLEG, "Oleg", username="oleg")
    anna = f.user(ANNA, "Anna", username="anna")
    maria = f.user(MARIA, "Maria", username="maria")
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        await chat.send(admin, "/dayoff @petr 2026-11-27..2026-11-27")
        await chat.send(ivan, "/calls 85 200m")
        for n in range(4):
            await chat.send(ivan, f"/meeting set Client{n} @anna")
        await chat.send(oleg, "/calls 10 20m")
        await chat.send(oleg, "/meeting set Lonely @anna")
        reply = await chat.send(anna, "/meetings")
        assert "Client0" in reply
        import sqlalchemy as sa

        from storage.tables import meetings

        async with chat.db.read() as conn:
            ids = (
                (
                    await conn.execute(
                        sa.select(meetings.c.id).where(meetings.c.client.like("Client%"))
                    )
                )
                .scalars()
                .all()
            )
        for meeting_id in ids[:3]:
            await chat.send(anna, f"/meeting held {meeting_id}")
        await chat.send(anna, f"/paid 100k #{ids[0]}")
        await chat.send(maria, "/paid 50k ООО Лютик")
    return chat
