"""End to end: a day of logging through the real bot process and the fake Bot API."""

from __future__ import annotations

import re
import sqlite3
from decimal import Decimal

from .conftest import RunBot
from .fake_bot_api import FakeBotAPI

ADMIN, SDR, HUNTER, FARMER = 111, 501, 502, 503
LINK = re.compile(r"start=([A-Za-z0-9_-]+)")


async def invite(fake_api: FakeBotAPI, admin: dict, role: str) -> str:
    fake_api.send_text(admin, f"/invite {role}")
    created = await fake_api.wait_for_message(ADMIN, contains="start=")
    return LINK.search(created.text).group(1)


async def test_a_day_of_logging(fake_api: FakeBotAPI, run_bot: RunBot, tmp_path) -> None:
    db_path = tmp_path / "day.db"
    bot = await run_bot(db_path=db_path)
    await bot.wait_ready()

    admin = fake_api.user(ADMIN, "Olga", language_code="en")
    fake_api.send_text(admin, "/start")
    await fake_api.wait_for_message(ADMIN, contains="Hi, Olga")
    fake_api.send_text(admin, "/source add google")
    await fake_api.wait_for_message(ADMIN, contains="Source «google» added")

    ivan = fake_api.user(SDR, "Ivan", username="ivan", language_code="ru")
    anna = fake_api.user(HUNTER, "Anna", username="anna", language_code="en")
    fedor = fake_api.user(FARMER, "Fedor", username="fedor", language_code="ru")
    for user, role in ((ivan, "sdr"), (anna, "hunter"), (fedor, "farmer")):
        code = await invite(fake_api, admin, role)
        fake_api.send_text(user, f"/start {code}")
        await fake_api.wait_for_message(user["id"], contains="")

    # the SDR: a call, a bulk entry, leads, a meeting for the hunter
    fake_api.send_text(ivan, "/call 2m30s google")
    saved = await fake_api.wait_for_message(SDR, contains="звонок 2 мин 30 с")
    assert "источник google" in saved.text
    fake_api.send_text(ivan, "/calls 40 120м")
    await fake_api.wait_for_message(SDR, contains="40 звонков от 60 с, 120 минут на линии")
    fake_api.send_text(ivan, "/lead google целевой")
    await fake_api.wait_for_message(SDR, contains="лид №")
    fake_api.send_text(ivan, "/lead google")
    wrong = await fake_api.wait_for_message(SDR, contains="лид №")
    # undo the second lead with its button
    fake_api.press_button(ivan, wrong, fake_api.find_button(wrong, "Отменить")["callback_data"])
    await fake_api.wait_for_message(SDR, contains="Аннулировано")

    fake_api.send_text(ivan, "/meeting set ООО Ромашка google @anna завтра 15:00")
    set_reply = await fake_api.wait_for_message(SDR, contains="назначена")
    meeting_id = int(re.search(r"встреча №(\d+)", set_reply.text).group(1))

    # the hunter gets the card, marks it held with a tap, records the payment
    card = await fake_api.wait_for_message(HUNTER, contains=f"Meeting #{meeting_id}")
    fake_api.press_button(anna, card, fake_api.find_button(card, "Held")["callback_data"])
    await fake_api.wait_for_message(HUNTER, contains=f"meeting #{meeting_id} held")
    fake_api.send_text(anna, f"/paid 150k #{meeting_id}")
    await fake_api.wait_for_message(HUNTER, contains="payment RUB\u00a0150,000")

    # the farmer: a repeat sale
    fake_api.send_text(fedor, "/paid 75 000 ООО Лютик")
    await fake_api.wait_for_message(FARMER, contains="повторная продажа 75\u00a0000\u00a0₽")

    assert await bot.terminate() == 0

    with sqlite3.connect(db_path) as conn:
        call_rows = conn.execute(
            "SELECT duration_s, count, direction, voided_at IS NULL FROM calls ORDER BY id"
        ).fetchall()
        lead_rows = conn.execute(
            "SELECT qualification, voided_at IS NULL FROM leads ORDER BY id"
        ).fetchall()
        meeting = conn.execute(
            "SELECT client, status FROM meetings WHERE id = ?", (meeting_id,)
        ).fetchone()
        payment_rows = conn.execute(
            "SELECT kind, amount, client FROM payments ORDER BY id"
        ).fetchall()
    assert call_rows == [(150, 1, "out", 1), (180, 40, "out", 1)]
    assert lead_rows == [("targeted", 1), (None, 0)]
    assert meeting == ("ООО Ромашка", "held")
    assert [(k, Decimal(str(a)), c) for k, a, c in payment_rows] == [
        ("new", Decimal("150000"), "ООО Ромашка"),
        ("repeat", Decimal("75000"), "ООО Лютик"),
    ]
