"""/trend through the Dispatcher on 13 weeks of demo history: whose trend by default, a
metric by its name in Russian and English, a member, a source, what a rep may not see, and
the friendly answers to bad input."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from PIL import Image

from bot import rendering
from metrics.engine import compute
from services.trend import MAX_METRICS
from storage import analytics
from storage.analytics import Scope
from storage.demo import generate_demo
from tests.support import factories as f
from tests.support.figures import SENT_MAX_SIDE_PX
from views.formatting import format_count

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=UTC)  # a Wednesday, 12:00 in Moscow
TODAY = date(2026, 12, 9)
LAST_FULL = (date(2026, 11, 30), date(2026, 12, 6))
IVAN, ANNA, BOSS = 900001, 900004, 900007  # an SDR, a hunter and the manager of the demo team
PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")


@pytest.fixture
async def demo(chat, admin, db, team):
    with time_machine.travel(NOW, tick=False):
        await chat.send(admin, "/start")
        async with db.transaction() as conn:
            await generate_demo(conn, team, days=91, seed=7, today=TODAY)
    return chat


@pytest.fixture(autouse=True)
def at_noon():
    with time_machine.travel(NOW, tick=False):
        yield


async def trend(chat, sender: dict, text: str):
    """The photo /trend sent back (None if it answered with a text)."""
    before = len(chat.bot.requests)
    await chat.send(sender, text)
    photos = [r for r in chat.bot.requests[before:] if r.__api_method__ == "sendPhoto"]
    return photos[-1] if photos else None


def looks_right(photo) -> None:
    image = Image.open(io.BytesIO(photo.photo.data))
    assert image.width == 1280 and image.height <= SENT_MAX_SIDE_PX
    assert len(photo.caption) <= 1024
    assert all(float(p.replace(",", ".")) <= 100 for p in PERCENT.findall(photo.caption))


def user(tg_id: int, name: str, language: str = "ru") -> dict:
    first, _, last = name.partition(" ")
    return f.user(tg_id, first, last_name=last or None, language_code=language)


async def held_last_full_week(db, team, member_id: int | None = None) -> int:
    scope = Scope(team.id, *LAST_FULL, min_call_seconds=60)
    async with db.read() as conn:
        if member_id is None:
            counts = await analytics.team_counts(conn, scope)
        else:
            counts = await analytics.member_counts(conn, scope, member_id)
    return compute(counts)["meetings_held"]


async def test_a_manager_gets_the_teams_main_indicators_against_the_plan(demo, admin, db, team):
    photo = await trend(demo, admin, "/trend")
    looks_right(photo)
    lines = photo.caption.splitlines()
    assert lines[0] == "📈 <b>Команда «Отдел продаж»</b> · 12 недель: 21.09–13.12.2026"
    held = format_count(await held_last_full_week(db, team), "ru")
    assert lines[1].startswith(f"Проведённые встречи: {held} за неделю с 30 нояб. (")
    assert "план 45)" in lines[1]  # three SDRs, 3 a day each (the article's plan)
    assert lines[1].endswith("за 4 недели до неё")
    assert lines[2].startswith("Оплаты: ") and "план" not in lines[2]
    assert len(lines) == 3


async def test_a_rep_gets_their_own_main_indicator_and_calls(demo, db, team):
    photo = await trend(demo, user(IVAN, "Иван Петров"), "/trend")
    looks_right(photo)
    lines = photo.caption.splitlines()
    assert lines[0].startswith("📈 <b>Иван Петров</b> · 12 недель")
    member = await demo.member(IVAN)
    held = format_count(await held_last_full_week(db, team, member.id), "ru")
    assert lines[1].startswith(f"Проведённые встречи: {held} за неделю с 30 нояб.")
    assert "план 15)" in lines[1]
    assert lines[2].startswith("Звонки от 60 с: ") and "план 400–500)" in lines[2]


async def test_a_hunter_gets_their_payments(demo):
    photo = await trend(demo, user(ANNA, "Анна Волкова"), "/trend")
    looks_right(photo)
    assert photo.caption.splitlines()[1].startswith("Оплаты (хантер): ")
    photo = await trend(demo, user(ANNA, "Анна Волкова"), "/trend встречи")
    assert photo.caption.splitlines()[1].startswith("Проведённые встречи (хантер): ")


@pytest.mark.parametrize(
    ("language", "text", "starts"),
    [
        ("ru", "/trend звонки", ["Звонки от 60 с: "]),
        ("ru", "/trend выручка, назначена → проведена", ["Выручка: ", "Назначена → проведена: "]),
        ("ru", "/trend calls_60 leads_new", ["Звонки от 60 с: ", "Новые лиды: "]),
        ("en", "/trend calls", ["Calls of 60 s+: "]),
        ("en", "/trend set → held revenue", ["Set → held: ", "Revenue: "]),
        ("en", "/trend Meetings Held", ["Meetings held: "]),
    ],
)
async def test_a_metric_by_its_name_in_either_language(demo, language, text, starts):
    photo = await trend(demo, user(BOSS, "Boss", language), text)
    looks_right(photo)
    lines = photo.caption.splitlines()
    assert [line[: len(start)] for line, start in zip(lines[1:], starts, strict=False)] == starts
    if "held" in text or "проведена" in text:  # a conversion: of each week's cohort
        assert lines[-1].startswith(
            "Conversions are of the meetings set each week"
            if language == "en"
            else "Конверсии — из встреч, назначенных за каждую неделю"
        )


async def test_a_member_and_a_source(demo, admin):
    photo = await trend(demo, admin, "/trend Иван")
    assert photo.caption.startswith("📈 <b>Иван Петров</b>")
    photo = await trend(demo, admin, "/trend google")
    looks_right(photo)
    lines = photo.caption.splitlines()
    assert lines[0].startswith("📈 <b>Источник google</b>")
    assert lines[1].startswith("Проведённые встречи: ") and "план" not in photo.caption
    photo = await trend(demo, admin, "/trend выручка yandex")
    assert photo.caption.splitlines()[1].startswith("Выручка: ")


async def test_a_rep_cannot_ask_for_someone_else(demo):
    ivan = user(IVAN, "Иван Петров")
    assert await trend(demo, ivan, "/trend Анна") is None
    assert demo.bot.last_text(IVAN) == "Вы видите свои цифры; цифры всех видит руководитель."
    assert await trend(demo, ivan, "/trend звонки google") is None
    assert (await trend(demo, ivan, "/trend звонки Иван")).caption.startswith("📈 <b>Иван Петров")


@pytest.mark.parametrize(
    ("language", "text", "answer"),
    [
        ("ru", "/trend бананы", "«бананы» — не показатель, не сотрудник и не источник."),
        ("en", "/trend bananas", "«bananas» is not a metric, a member or a source."),
        ("ru", "/trend звонки Вася", "«Вася» — не показатель, не сотрудник и не источник."),
        (
            "ru",
            "/trend подтверждена → проведена",
            "У показателя «подтверждена → проведена» нет честной динамики по неделям",
        ),
        ("en", "/trend call → meeting", "«call → meeting» has no honest week-by-week trend"),
        ("ru", "/trend кп google", "«отправленные КП» по источникам не считается"),
        ("en", "/trend calls leads payments revenue", "At most three metrics on one chart."),
    ],
)
async def test_bad_input_gets_a_friendly_answer_with_an_example(demo, language, text, answer):
    boss = user(BOSS, "Boss", language)
    before = len(demo.bot.requests)
    await demo.send(boss, text)
    sent = demo.bot.requests[before:]
    assert [r.__api_method__ for r in sent] == ["sendMessage"]
    reply = sent[0].text
    assert reply.startswith(answer)
    example = (
        "Примеры: /trend, /trend звонки" if language == "ru" else "Examples: /trend, /trend calls"
    )
    assert example in reply
    assert MAX_METRICS == 3


async def test_the_chat_shows_sending_photo_while_the_chart_draws(demo, admin, monkeypatch):
    monkeypatch.setattr(rendering, "ACTION_AFTER_S", 0)
    before = len(demo.bot.requests)
    await demo.send(admin, "/trend")
    methods = [r.__api_method__ for r in demo.bot.requests[before:]]
    assert "sendChatAction" in methods and methods[-1] == "sendPhoto"
    action = next(r for r in demo.bot.requests[before:] if r.__api_method__ == "sendChatAction")
    assert action.action == "upload_photo"
