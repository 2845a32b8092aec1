"""Plans through the Dispatcher: /plan, /setplan, /workdays, /dayoff, /today, /week."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from tests.support import factories as f

IVAN = 701
FRIDAY_NOON = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 12:00 in Moscow, a Friday
THURSDAY_NOON = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.fixture
async def team_ready(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(IVAN, "Ivan Petrov", {"sdr"}, username="ivan")
    return chat


def ivan(lang: str = "ru") -> dict:
    return f.user(IVAN, "Ivan", last_name="Petrov", username="ivan", language_code=lang)


async def test_a_new_team_starts_with_the_articles_plan(team_ready, admin):
    reply = await team_ready.send(admin, "/plan")
    assert "<b>лидоруб</b>" in reply
    assert "звонки от 60 с: 80–100" in reply
    assert "назначенные встречи: 3–5" in reply
    assert "проведённые встречи: 3" in reply


async def test_friday_override_applies_on_fridays_only(team_ready, admin):
    reply = await team_ready.send(admin, "/setplan sdr calls_60 60 пт")
    assert "План задан" in reply and "(пт)" in reply
    with time_machine.travel(FRIDAY_NOON, tick=False):
        await team_ready.send(ivan(), "/calls 3 10m")
        reply = await team_ready.send(ivan(), "/today")
    assert "🔴 звонки от 60 с: <b>3</b> из 60" in reply
    assert "· сегодня ещё 57 звонков" in reply
    with time_machine.travel(THURSDAY_NOON, tick=False):
        reply = await team_ready.send(ivan(), "/today")
    # nothing logged on Thursday: the plan, and what to log (not a column of zeros)
    assert "\nзвонки от 60 с: 80–100\n" in reply and "<b>0</b>" not in reply
    assert "/log" in reply
    assert "пт: 60" in await team_ready.send(ivan(), "/plan")


async def test_personal_plan_and_reset(team_ready, admin):
    assert "Ivan Petrov" in await team_ready.send(admin, "/setplan @ivan meetings_set 4")
    reply = await team_ready.send(admin, "/plan @ivan")
    assert "назначенные встречи: 4 (личный)" in reply
    assert "снят" in await team_ready.send(admin, "/setplan @ivan reset")
    assert "назначенные встречи: 3–5" in await team_ready.send(admin, "/plan @ivan")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/setplan", "Примеры: /setplan"),
        ("/setplan sdr calls_60 100-80", "нижняя граница выше цели"),
        ("/setplan sdr calls_60 lots", "не план"),
        ("/setplan sdr repeat_revenue 5", "лидоруб: план по «repeat_revenue» задать нельзя"),
        ("/setplan sdr calls_60 60 someday", "не дни недели"),
        ("/setplan @nobody calls_60 5", "Не нахожу"),
    ],
)
async def test_bad_plans_change_nothing(team_ready, admin, command, expected):
    reply = await team_ready.send(admin, command)
    assert expected in reply
    assert "звонки от 60 с: 80–100" in await team_ready.send(admin, "/plan")


async def test_day_off_means_no_plan_and_reps_cannot_set_plans(team_ready, admin):
    with time_machine.travel(FRIDAY_NOON, tick=False):
        reply = await team_ready.send(admin, "/dayoff @ivan 2026-11-27..2026-11-28")
        assert "Ivan Petrov: не работает 2026-11-27–2026-11-28 (2 дня)" in reply
        assert "Ivan Petrov: сегодня нерабочий день, плана нет" in await team_ready.send(
            ivan(), "/today"
        )
    assert "только руководитель" in await team_ready.send(ivan(), "/setplan sdr calls_60 1")


async def test_workdays_and_week_forecast(team_ready, admin):
    assert "пн, вт, ср, чт, пт, сб" in await team_ready.send(admin, "/workdays пн-сб")
    with time_machine.travel(FRIDAY_NOON, tick=False):
        await team_ready.send(ivan(), "/calls 50 100m")
        reply = await team_ready.send(ivan("en"), "/week")
    # Mon..Fri elapsed (5 working days of 6): plan so far 400-500, pace 50 / 5 * 6 = 60
    assert "calls of 60 s+: <b>50</b> of 400–500" in reply
    assert "forecast for the period 60 calls" in reply


async def test_month_progress_counts_the_months_working_days(team_ready):
    with time_machine.travel(FRIDAY_NOON, tick=False):
        await team_ready.send(ivan(), "/calls 100 200m")
        reply = await team_ready.send(ivan("en"), "/month")
    # November 2026: 20 working days up to Friday the 27th, 21 in the month
    assert "calls of 60 s+: <b>100</b> of 1,600–2,000" in reply
    assert "forecast for the period 105 calls" in reply


async def test_setplan_takes_a_metric_by_the_word_people_use(team_ready, admin):
    """/setplan reads metric names as /trend does (metrics.registry.metric_named)."""
    reply = await team_ready.send(admin, "/setplan sdr звонки 70-90")
    assert "План задан" in reply and "звонки от 60 с" in reply
    assert "звонки от 60 с: 70–90" in await team_ready.send(admin, "/plan @ivan")
    assert "План задан" in await team_ready.send(admin, "/setplan @ivan Leads 6")
