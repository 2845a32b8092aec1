"""/ramp through the Dispatcher: a new member's plan rises from 50 % to 100 %, and every
plan vs fact shows the ramped plan."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from metrics.periods import Period
from metrics.plans import Target
from services.board import fingerprint
from services.digest import reps_against_plan
from services.pace import behind_the_pace
from services.subjects import Subject
from services.trend import weekly_trend
from storage.analytics import Scope
from tests.support import factories as f

JOINED = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)  # Monday 16 November, 10:00 in Moscow
FRIDAY = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # day 11 of a 4-week ramp: 69,6 %
IVAN, OLEG = 701, 702


@pytest.fixture
async def team_ready(chat, admin):
    with time_machine.travel(JOINED, tick=False):
        await chat.send(admin, "/start")
        await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
        await chat.add_member(OLEG, "Oleg", {"sdr"}, username="oleg")
    return chat


def ivan() -> dict:
    return f.user(IVAN, "Ivan", username="ivan", language_code="ru")


async def on_friday(chat, sender: dict, text: str) -> str:
    with time_machine.travel(FRIDAY, tick=False):
        return await chat.send(sender, text)


async def test_a_ramp_starts_on_the_join_day_and_plan_shows_it(team_ready, admin):
    reply = await on_friday(team_ready, admin, "/ramp @ivan 4")
    assert reply == (
        "Адаптация — Ivan: план растёт с 50,0\xa0% (16.11.2026) до 100,0\xa0% (14.12.2026), "
        "4 недели. Сегодня — 69,6\xa0% плана."
    )
    plan = await on_friday(team_ready, admin, "/plan @ivan")
    assert "звонки от 60 с: 80–100" in plan  # the plan as set
    assert plan.endswith(
        "Адаптация: 4 недели с 16.11.2026, сегодня 69,6\xa0% плана, полный план с 14.12.2026."
    )
    assert "Адаптация" not in await on_friday(team_ready, admin, "/plan @oleg")


async def test_today_and_week_of_a_ramped_member_show_the_ramped_plan(team_ready, admin):
    await on_friday(team_ready, admin, "/ramp @ivan 4")
    await on_friday(team_ready, ivan(), "/calls 3 10m")
    today = await on_friday(team_ready, ivan(), "/today")
    # 80-100 calls at 69,6 %: 55,7 -> 56 and 69,6 -> 70
    assert "🔴 звонки от 60 с: <b>3</b> из 56–70" in today
    assert "назначенные встречи: <b>0</b> из 2–3" in today  # 3-5 at 69,6 %: 2,1 -> 2, 3,5 -> 3
    # Monday to Friday, days 7 to 11 of 28: 50+51+53+54+56 and 63+64+66+68+70
    week = await on_friday(team_ready, admin, "/week @ivan")
    assert "звонки от 60 с: <b>3</b> из 264–331" in week
    # the rest of the team keeps the plan as set
    oleg = f.user(OLEG, "Oleg", username="oleg", language_code="ru")
    assert "звонки от 60 с: 80–100" in await on_friday(team_ready, oleg, "/today")


async def test_the_ramp_scales_a_personal_plan(team_ready, admin):
    await on_friday(team_ready, admin, "/setplan @ivan calls_60 120")
    await on_friday(team_ready, admin, "/ramp @ivan 4")
    await on_friday(team_ready, ivan(), "/calls 3 10m")
    assert "<b>3</b> из 84" in await on_friday(team_ready, ivan(), "/today")  # 120 * 69,6 %


async def test_off_ends_the_ramp(team_ready, admin):
    await on_friday(team_ready, admin, "/ramp @ivan 4")
    reply = await on_friday(team_ready, admin, "/ramp @ivan off")
    assert reply == "Адаптация — Ivan: завершена, действует полный план."
    await on_friday(team_ready, ivan(), "/calls 3 10m")
    assert "<b>3</b> из 80–100" in await on_friday(team_ready, ivan(), "/today")
    assert "Адаптация" not in await on_friday(team_ready, admin, "/plan @ivan")
    again = await on_friday(team_ready, admin, "/ramp @ivan off")
    assert again == "Ivan: адаптация не задана, действует полный план."


async def test_a_ramp_that_is_over_says_so(team_ready, admin):
    await on_friday(team_ready, admin, "/ramp @ivan 1")
    plan = await on_friday(team_ready, admin, "/plan @ivan")
    assert plan.endswith("Адаптация: завершилась 23.11.2026, действует полный план.")
    await on_friday(team_ready, ivan(), "/calls 3 10m")
    assert "<b>3</b> из 80–100" in await on_friday(team_ready, ivan(), "/today")


async def test_in_english(team_ready, admin):
    olga = f.user(admin["id"], "Olga", username="olga_head", language_code="en")
    await on_friday(team_ready, olga, "/lang en")
    reply = await on_friday(team_ready, olga, "/ramp @ivan 2")
    assert reply == (
        "Ramp for Ivan: the plan rises from 50.0% (2026-11-16) to 100.0% (2026-11-30) over "
        "2 weeks. Today: 89.3% of the plan."
    )


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/ramp", "Пример: /ramp @ivan 4"),
        ("/ramp @ivan", "Пример: /ramp @ivan 4"),
        ("/ramp @ivan lots", "«lots» — не число недель: нужно целое от 1 до 52."),
        ("/ramp @ivan 0", "«0» — не число недель"),
        ("/ramp @ivan 53", "«53» — не число недель"),
        ("/ramp @nobody 4", "Не нахожу"),
        ("/ramp @olga_head 4", "Olga Head: ни одной роли с планом"),
    ],
)
async def test_bad_input_says_what_was_wrong_and_changes_nothing(
    team_ready, admin, command, expected
):
    reply = await on_friday(team_ready, admin, command)
    assert expected in reply and "/ramp @ivan 4" in reply
    assert "Адаптация" not in await on_friday(team_ready, admin, "/plan @ivan")


async def test_reps_cannot_set_a_ramp(team_ready, admin):
    reply = await on_friday(team_ready, ivan(), "/ramp @oleg 4")
    assert reply.startswith("Это может только руководитель")
    assert "Адаптация" not in await on_friday(team_ready, admin, "/plan @oleg")


async def test_the_digest_the_pace_alert_and_the_trend_see_the_ramped_plan(
    team_ready, admin, settings
):
    await on_friday(team_ready, admin, "/ramp @ivan 4")
    chat, friday = team_ready, date(2026, 11, 27)
    ivan_member = await chat.member(IVAN)
    day = Period.containing(friday, "day")
    async with chat.db.read() as conn:
        scope = Scope(chat.team.id, friday, friday, settings.min_call_seconds)
        reps = await reps_against_plan(conn, chat.team, "day", day, scope)
    by_name = {rep.name: rep for rep in reps}
    calls = next(p for p in by_name["Ivan"].planned if p.metric == "calls_60")
    assert calls.target == Target(56, 70)
    oleg_calls = next(p for p in by_name["Oleg"].planned if p.metric == "calls_60")
    assert oleg_calls.target == Target(80, 100)

    pace = await behind_the_pace(chat.db, chat.team, friday, 0.5, settings)
    gaps = {b.member.display_name: {g.metric: g.expected for g in b.gaps} for b in pace.behind}
    assert gaps["Ivan"]["calls_60"] == 28.0 and gaps["Oleg"]["calls_60"] == 40.0

    trend = await weekly_trend(
        chat.db,
        chat.team,
        Subject("member", member=ivan_member),
        ["calls_60"],
        today=friday,
        weeks=2,
        settings=settings,
    )
    bands = [point.plan for point in trend.metrics[0].points]
    # the week of 16 November, days 0..4: 40+41+43+44+46 and 50+52+54+55+57; this week so far
    assert bands == [Target(214, 268), Target(264, 331)]
    team_trend = await weekly_trend(
        chat.db, chat.team, metrics=["calls_60"], today=friday, weeks=1, settings=settings
    )
    assert team_trend.metrics[0].points[0].plan == Target(264 + 400, 331 + 500)


async def test_the_wallboard_sees_a_ramp_start_and_end(team_ready, admin):
    """The board is recomputed only when its fingerprint changes: a ramp changes it (and
    once it is ended the board is the one before it again)."""
    friday = date(2026, 11, 27)
    seen = [await fingerprint(team_ready.db, team_ready.team, "day", friday)]
    for command in ("/ramp @ivan 4", "/ramp @ivan 2", "/ramp @ivan off"):
        await on_friday(team_ready, admin, command)
        seen.append(await fingerprint(team_ready.db, team_ready.team, "day", friday))
    before, four, two, ended = seen
    assert len({before, four, two}) == 3 and ended == before
