"""The digest a manager previews with /digest: each rep's numbers against the plan."""

from __future__ import annotations

import io

import time_machine
from matplotlib.image import imread

from tests.handlers.conftest import FRIDAY_EVENING, IVAN
from tests.support import factories as f


async def test_evening_digest_has_every_reps_numbers_and_status(day_of_work, admin):
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        await day_of_work.send(admin, "/digest")
    sent = day_of_work.bot.sent(admin["id"])
    text = "\n".join(r.text for r in sent if "Вечерний дайджест" in r.text or "🟢" in r.text)
    assert "Вечерний дайджест · Отдел продаж" in text
    # Ivan: 3 held of plan 3 (done), 85 calls of 80-100, 4 set of 3-5
    assert (
        "🟢 Ivan: проведённые встречи 3 из 3 · звонки от 60 с 85 из 80–100 · "
        "назначенные встречи 4 из 3–5" in text
    )
    # Oleg: nothing held (behind), listed before those on track
    assert "🔴 Oleg: проведённые встречи 0 из 3 · звонки от 60 с 10 из 80–100" in text
    assert text.index("🔴 Oleg") < text.index("🟢 Ivan")
    assert "⚪ Petr: выходной" in text
    assert "Anna: оплаты (хантер) 1" in text
    assert "Maria: выручка повторных продаж 50\xa0000\xa0₽" in text
    # the plan counts the two SDRs at work today (Petr is off)
    assert "<b>Команда</b>: 3 проведённые встречи из 6 · 1 оплата · выручка 100\xa0000\xa0₽" in text
    photos = day_of_work.bot.sent(admin["id"], method="sendPhoto")
    assert len(photos) == 2
    for photo in photos:
        assert imread(io.BytesIO(photo.photo.data)).shape[0] >= 800


async def test_weekly_digest_compares_with_the_week_before(day_of_work, admin):
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        await day_of_work.send(admin, "/digest неделя")
    text = "\n".join(r.text for r in day_of_work.bot.sent(admin["id"]))
    assert "Итоги недели · Отдел продаж" in text
    # on Friday, the last full week (what Monday's digest sent), not the week so far
    (title,) = [line for line in text.splitlines() if "Итоги недели" in line]
    assert "16.11–22.11.2026" in title
    assert "Для сравнения," in text and "09.11–15.11.2026" in text
    assert "/digest" in await day_of_work.send(admin, "/digest year")


async def test_digest_is_for_managers(day_of_work):
    reply = await day_of_work.send(f.user(IVAN, "Ivan", username="ivan"), "/digest")
    assert "только руководитель" in reply
