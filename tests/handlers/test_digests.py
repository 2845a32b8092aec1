"""The digest a manager previews with /digest: each rep's numbers against the plan, then the
charts as one album."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import time_machine
from matplotlib.image import imread

from bot import rendering
from tests.handlers.conftest import FRIDAY_EVENING, IVAN
from tests.support import factories as f

# the Monday after the day of work: /digest week previews the week of Nov 23-29, which has it
NEXT_MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


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
    # then the charts, as one album: the funnel and the plan-vs-fact page, with a caption
    assert day_of_work.bot.sent(admin["id"], method="sendPhoto") == []
    (album,) = day_of_work.bot.sent(admin["id"], method="sendMediaGroup")
    assert [photo.caption for photo in album.media] == [
        "Отдел продаж · 27.11.2026: воронка и план/факт",
        None,
    ]
    for photo in album.media:
        height, width = imread(io.BytesIO(photo.media.data)).shape[:2]
        assert width == 1280 and 800 <= height <= 2560
    requests = day_of_work.bot.requests
    assert requests.index(sent[-1]) < requests.index(album)  # text first, then the album


async def test_the_preview_shows_sending_photo_while_the_charts_are_drawn(
    day_of_work, admin, monkeypatch
):
    monkeypatch.setattr(rendering, "ACTION_AFTER_S", 0)
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        await day_of_work.send(admin, "/digest")
    (action,) = day_of_work.bot.sent(admin["id"], method="sendChatAction")
    assert action.action == "upload_photo"
    requests = day_of_work.bot.requests
    (album,) = day_of_work.bot.sent(admin["id"], method="sendMediaGroup")
    assert requests.index(action) < requests.index(album)


async def test_english_preview_album_caption(day_of_work, admin):
    await day_of_work.send(admin, "/lang en")
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        await day_of_work.send(admin, "/digest")
    (album,) = day_of_work.bot.sent(admin["id"], method="sendMediaGroup")
    assert album.media[0].caption.endswith("2026-11-27: funnel and plan vs fact")


async def test_weekly_digest_compares_with_the_week_before(day_of_work, admin):
    with time_machine.travel(NEXT_MONDAY, tick=False):
        await day_of_work.send(admin, "/digest неделя")
    text = "\n".join(r.text for r in day_of_work.bot.sent(admin["id"]))
    assert "Итоги недели · Отдел продаж" in text
    # on Monday, the last full week (what Monday's digest sent), not the week so far
    (title,) = [line for line in text.splitlines() if "Итоги недели" in line]
    assert "23.11–29.11.2026" in title
    assert "Для сравнения," in text and "16.11–22.11.2026" in text
    assert "/digest" in await day_of_work.send(admin, "/digest year")


async def test_digest_is_for_managers(day_of_work):
    reply = await day_of_work.send(f.user(IVAN, "Ivan", username="ivan"), "/digest")
    assert "только руководитель" in reply


async def test_weekly_digest_album_ends_with_the_twelve_week_trend(day_of_work, admin):
    with time_machine.travel(NEXT_MONDAY, tick=False):
        await day_of_work.send(admin, "/digest неделя")
    (album,) = day_of_work.bot.sent(admin["id"], method="sendMediaGroup")
    assert album.media[0].caption == (
        "Отдел продаж · неделя 23.11–29.11.2026: воронка, план/факт и тренд за 12 недель"
    )
    assert len(album.media) == 3
    trend = album.media[-1].media.data
    assert trend not in (album.media[0].media.data, album.media[1].media.data)
    height, width = imread(io.BytesIO(trend)).shape[:2]
    assert width == 1280 and height <= 2560
