"""Empty states teach: /today, /funnel, /stats and the /digest preview of a period in
which the subject has logged nothing say what to do to see numbers, and every one of
them names a next step (a command), instead of a table of zeros or "no plan"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from bot.settings import Settings
from metrics.periods import Period
from services.empty import subject_logged_nothing
from services.subjects import TEAM, Subject
from storage.repos import TeamsRepo
from tests.support import factories as f
from tests.support.telegram_html import visible_text

FRIDAY_NOON = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 12:00 in Moscow
LAST_WEEK = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
IVAN, ANNA = 901, 902
REP_COMMANDS = ("/today", "/funnel", "/stats")
MANAGER_COMMANDS = ("/today", "/funnel", "/stats", "/digest")
COMMAND = re.compile(r"(?<![\w/])/[a-z_]+")


def next_steps(text: str) -> list[str]:
    """The commands a reply names (what to do next)."""
    return COMMAND.findall(visible_text(text))


def ivan(language: str = "ru") -> dict:
    return f.user(IVAN, "Ivan", username="ivan", language_code=language)


async def ask(chat, sender: dict, command: str) -> str:
    """Send ``command``; the one text it was answered with (an empty state is one message,
    never a chart or an album)."""
    before = len(chat.bot.requests)
    await chat.feed(f.message_update(sender, command))
    sent = [r for r in chat.bot.requests[before:] if hasattr(r, "chat_id")]
    assert [r.__api_method__ for r in sent] == ["sendMessage"], (command, sent)
    return sent[0].text


@pytest.fixture
async def team_with_ivan(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
    await chat.add_member(ANNA, "Anna", {"hunter"}, username="anna")
    return chat


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("command", REP_COMMANDS)
async def test_a_rep_who_logged_nothing_is_told_what_to_log(team_with_ivan, command, language):
    with time_machine.travel(FRIDAY_NOON, tick=False):
        reply = await ask(team_with_ivan, ivan(language), command)
    steps = next_steps(reply)
    assert "/log" in steps and "/call" in steps, reply
    assert ("/call 75с" if language == "ru" else "/call 75s") in visible_text(reply)


async def test_a_reps_empty_today_still_shows_the_plan(team_with_ivan):
    with time_machine.travel(FRIDAY_NOON, tick=False):
        reply = visible_text(await ask(team_with_ivan, ivan(), "/today"))
    assert "звонки от 60 с: 80–100" in reply
    assert "0 из" not in reply  # not a column of zeros


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("command", MANAGER_COMMANDS)
async def test_a_manager_of_a_team_without_reps_is_told_to_invite_them_or_try_the_demo(
    chat, command, language
):
    olga = f.user(111, "Olga", language_code=language)
    await chat.send(olga, "/start")
    with time_machine.travel(FRIDAY_NOON, tick=False):
        reply = await ask(chat, olga, command)
    steps = next_steps(reply)
    assert "/invite" in steps and "/setup" in steps, reply
    assert "python -m bot demo" in visible_text(reply)
    assert "/invite sdr" in visible_text(reply)


@pytest.mark.parametrize("command", MANAGER_COMMANDS)
async def test_a_manager_whose_reps_logged_nothing_is_told_how_they_log(
    team_with_ivan, admin, command
):
    with time_machine.travel(FRIDAY_NOON, tick=False):
        reply = await ask(team_with_ivan, admin, command)
    steps = next_steps(reply)
    assert "/log" in steps and "/invite" in steps and "/setup" in steps, reply


async def test_once_the_team_is_set_up_setup_is_not_offered(team_with_ivan, admin, monkeypatch):
    async with team_with_ivan.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(team_with_ivan.team.id, "done")
    with time_machine.travel(FRIDAY_NOON, tick=False):
        reply = await ask(team_with_ivan, admin, "/stats неделя")
    assert "/setup" not in next_steps(reply) and "/log" in next_steps(reply)


@pytest.mark.parametrize("command", ["/stats неделя @ivan", "/funnel неделя @ivan", "/today @ivan"])
async def test_a_manager_looking_at_a_rep_who_logged_nothing_gets_a_next_step(
    team_with_ivan, admin, command
):
    with time_machine.travel(FRIDAY_NOON, tick=False):
        reply = await ask(team_with_ivan, admin, command)
    assert "Ivan" in visible_text(reply)
    assert "/log" in next_steps(reply), reply


@pytest.mark.parametrize("command", ["/stats неделя google", "/funnel неделя google"])
async def test_a_source_with_nothing_logged_gets_a_next_step(team_with_ivan, admin, command):
    await team_with_ivan.send(admin, "/source add google")
    with time_machine.travel(FRIDAY_NOON, tick=False):
        reply = await ask(team_with_ivan, admin, command)
    assert "google" in visible_text(reply)
    assert "/lead" in next_steps(reply), reply


async def test_a_manager_without_a_rep_role_is_not_told_no_plan(team_with_ivan, admin):
    """Olga has no plan of her own: /today points to a rep's and the team's numbers."""
    with time_machine.travel(FRIDAY_NOON, tick=False):
        await team_with_ivan.send(ivan(), "/call 75с")
        reply = visible_text(await ask(team_with_ivan, admin, "/today"))
    assert "плана" not in reply and "Olga" not in reply
    assert "/today @ivan" in reply


async def test_one_record_is_enough_for_the_numbers(team_with_ivan, admin):
    with time_machine.travel(FRIDAY_NOON, tick=False):
        await team_with_ivan.send(ivan(), "/call 5с")  # a call under a minute counts too
        stats = await team_with_ivan.send(ivan(), "/stats")
        today = await team_with_ivan.send(ivan(), "/today")
        team_stats = await team_with_ivan.send(admin, "/stats")
    for reply in (stats, today, team_stats):
        assert "/call 75с" not in reply and "/invite" not in reply, reply
    assert "<b>0</b> из 80–100" in today  # now a fact against the plan


async def test_a_voided_record_counts_nowhere_so_nothing_is_logged(team_with_ivan):
    with time_machine.travel(FRIDAY_NOON, tick=False):
        await team_with_ivan.send(ivan(), "/call 75с")
        await team_with_ivan.send(ivan(), "/undo")
        reply = await ask(team_with_ivan, ivan(), "/stats")
    assert "/log" in next_steps(reply)


async def test_a_step_of_an_earlier_meeting_is_something_logged_in_cohort_mode(team_with_ivan):
    """A cohort follows the meetings set in the period: a meeting set last week and held
    this week is not in it, yet the week has a record, so the numbers are shown."""
    anna = f.user(ANNA, "Anna", username="anna", language_code="ru")
    with time_machine.travel(LAST_WEEK, tick=False):
        await team_with_ivan.send(ivan(), "/meeting set Ромашка @anna")
    with time_machine.travel(FRIDAY_NOON, tick=False):
        meetings = await team_with_ivan.send(anna, "/meetings")
        number = re.search(r"№(\d+)", meetings).group(1)
        await team_with_ivan.send(anna, f"/meeting held {number}")
        reply = await team_with_ivan.send(ivan(), "/stats неделя когорта")
    assert "/call 75с" not in reply


async def test_subject_logged_nothing_is_per_subject_and_period(team_with_ivan, settings: Settings):
    chat = team_with_ivan
    with time_machine.travel(FRIDAY_NOON, tick=False):
        await chat.send(ivan(), "/lead")
    ivan_member = await chat.member(IVAN)
    anna_member = await chat.member(ANNA)
    friday = Period.between(date(2026, 11, 27), date(2026, 11, 27))
    thursday = Period.between(date(2026, 11, 26), date(2026, 11, 26))
    is_empty = lambda subject, period: subject_logged_nothing(  # noqa: E731
        chat.db, chat.team, subject, period, settings
    )
    assert not await is_empty(Subject("member", member=ivan_member), friday)
    assert not await is_empty(TEAM, friday)
    assert await is_empty(Subject("member", member=anna_member), friday)
    assert await is_empty(Subject("member", member=ivan_member), thursday)
    assert await is_empty(TEAM, thursday)
