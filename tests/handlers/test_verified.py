"""Typed vs phone-verified calls, as people see them: /stats in private and in a group,
and the managers' private evening list (never in the team chat), in Russian and English."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
import time_machine
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.jobs import Jobs
from storage import feeds
from storage.repos import MembersRepo, TeamsRepo
from storage.tables import teams
from tests.conftest import ADMIN_ID
from tests.support import factories as f
from tests.support.fake_time import FakeTime

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # Friday 15:00 in Moscow
DIGEST_AT = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # 19:00 in Moscow
GROUP = -100321
IVAN, OLEG, SAM = 901, 902, 903
_ids = itertools.count(1)

RU_TITLE = "Звонки по отчёту и по телефонии расходятся"
EN_TITLE = "Typed calls above what telephony recorded"


async def from_phone(chat, tg_id: int, count: int, at: datetime = NOW) -> None:
    """``count`` calls of 90 s from telephony for the member with that Telegram id."""
    calls = [
        f.call_event(f"v{next(_ids)}", str(tg_id), occurred_at=at, provider="zadarma")
        for _ in range(count)
    ]
    async with chat.db.transaction() as conn:
        assert (await feeds.ingest_calls(conn, chat.team, calls)).recorded == count


@pytest.fixture
async def team_chat(chat, admin):
    """A team with a group chat (created on Tuesday), reps Ivan and Oleg, an English-
    speaking second manager Sam."""
    await chat.send(admin, "/start")
    await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
    await chat.add_member(OLEG, "Oleg", {"sdr"}, username="oleg")
    sam = await chat.add_member(SAM, "Sam", {"manager"}, username="sam")
    async with chat.db.transaction() as conn:
        await conn.execute(teams.update().values(created_at=datetime(2026, 11, 24, tzinfo=UTC)))
        await TeamsRepo(conn).set_manager_chat(chat.team.id, GROUP)
        await MembersRepo(conn).set_language(sam.id, "en")
    return chat


@pytest.fixture
async def typed_above(team_chat):
    """Ivan typed 85 calls and telephony recorded 40 of his (45 more: listed); Oleg typed
    55 against 50 (10 % more: not listed)."""
    ivan, oleg = f.user(IVAN, "Ivan", username="ivan"), f.user(OLEG, "Oleg", username="oleg")
    with time_machine.travel(NOW, tick=False):
        assert "85" in await team_chat.send(ivan, "/calls 85")
        assert "55" in await team_chat.send(oleg, "/calls 55")
    await from_phone(team_chat, IVAN, 40)
    await from_phone(team_chat, OLEG, 50)
    return team_chat


IVAN_LINE = "Звонки от 60 с: по отчёту — 85, по телефонии — 40 (32,0\xa0% всех звонков от 60 с)"
PRIVATE_ONLY = "Сверка звонков с телефонией — только в личном чате с ботом."


async def test_stats_in_private_shows_typed_verified_and_the_share(typed_above, admin):
    ivan = f.user(IVAN, "Ivan", username="ivan")
    with time_machine.travel(NOW, tick=False):
        own = await typed_above.send(ivan, "/stats")
        managers = await typed_above.send(admin, "/stats @ivan")
        team = await typed_above.send(admin, "/stats")
        english = await typed_above.send(f.user(SAM, "Sam", language_code="en"), "/stats @ivan")
    # 85 typed + 40 from telephony = 125 calls of 60 s+, 40 of them verified: 32,0 %
    assert "звонки от 60 с: <b>125</b>" in own
    assert IVAN_LINE in own and IVAN_LINE in managers
    # the team: 140 typed, 90 from telephony, of 230
    assert "по отчёту — 140, по телефонии — 90 (39,1\xa0% всех звонков от 60 с)" in team
    assert "Calls of 60 s+: typed 85, from telephony 40 (32.0% of all calls of 60 s+)" in english


async def test_stats_in_the_group_never_shows_a_members_comparison(typed_above, admin):
    group = f.group_chat(GROUP)
    ivan = f.user(IVAN, "Ivan", username="ivan")
    with time_machine.travel(NOW, tick=False):
        of_ivan = await typed_above.send(admin, "/stats @ivan", chat=group)
        own = await typed_above.send(ivan, "/stats", chat=group)
        team = await typed_above.send(admin, "/stats", chat=group)
    for text in (of_ivan, own):
        assert "звонки от 60 с: <b>125</b>" in text  # the metric itself, as for everyone
        assert "по отчёту —" not in text and "по телефонии —" not in text
        assert PRIVATE_ONLY in text
    # the team as a whole names nobody: its line is the one the group's digest has too
    assert "по отчёту — 140, по телефонии — 90" in team
    everything = "\n".join(typed_above.bot.texts_to(GROUP))
    assert "по отчёту — 85" not in everything


async def test_without_a_telephony_feed_stats_says_nothing_about_it(team_chat, admin):
    ivan = f.user(IVAN, "Ivan", username="ivan")
    with time_machine.travel(NOW, tick=False):
        await team_chat.send(ivan, "/calls 85")
        private = await team_chat.send(admin, "/stats @ivan")
        group = await team_chat.send(admin, "/stats @ivan", chat=f.group_chat(GROUP))
    for text in (private, group):
        assert "звонки от 60 с: <b>85</b>" in text
        assert "по телефонии" not in text and PRIVATE_ONLY not in text


def jobs_at(chat, now: datetime) -> Jobs:
    jobs = Jobs(AsyncIOScheduler(), chat.db, chat.dp["settings"], clock=lambda: now)
    fake = FakeTime()
    jobs.attach(chat.bot, clock=fake.clock, sleep=fake.sleep)
    return jobs


async def test_the_evening_list_goes_to_each_manager_privately_never_to_the_group(typed_above):
    assert await jobs_at(typed_above, DIGEST_AT).fire(typed_above.team.id, "day") == "sent"
    group = "\n".join(typed_above.bot.texts_to(GROUP))
    assert "Вечерний дайджест" in group  # the digest itself went to the group ...
    assert "Звонков от 60 с из телефонии: 39,1\xa0%" in group  # with the team's share only
    assert RU_TITLE not in group and EN_TITLE not in group and "по отчёту —" not in group
    # ... the list to each manager in private, in their language
    (ru,) = [t for t in typed_above.bot.texts_to(ADMIN_ID) if RU_TITLE in t]
    assert ru.splitlines() == [
        f"<b>{RU_TITLE}</b> · 27.11.2026",
        "Ivan: по отчёту — 85, по телефонии — 40 (разница 45)",
        "Здесь те, у кого звонков от 60 с по отчёту больше, чем по телефонии, более чем на "
        "20,0\xa0% и минимум на 10 звонков. Это повод поговорить, а не вывод: возможно, "
        "номер сотрудника не привязан (/unmatched, /link @имя 101). Подробнее: /stats @имя",
    ]
    (en,) = [t for t in typed_above.bot.texts_to(SAM) if EN_TITLE in t]
    assert "Ivan: typed 85, from telephony 40 (difference 45)" in en
    assert "more than 20.0% above those from telephony, and at least 10 calls more" in en
    assert "Oleg" not in ru and "Oleg" not in en  # 55 against 50: not more than 20 %


def private_lists(chat) -> list[str]:
    return [
        t
        for chat_id in (ADMIN_ID, SAM, GROUP)
        for t in chat.bot.texts_to(chat_id)
        if RU_TITLE in t or EN_TITLE in t
    ]


async def test_no_feed_no_list(team_chat):
    ivan = f.user(IVAN, "Ivan", username="ivan")
    with time_machine.travel(NOW, tick=False):
        await team_chat.send(ivan, "/calls 85")
    assert await jobs_at(team_chat, DIGEST_AT).fire(team_chat.team.id, "day") == "sent"
    assert "Вечерний дайджест" in "\n".join(team_chat.bot.texts_to(GROUP))
    assert private_lists(team_chat) == []


async def test_nobody_above_the_rule_no_list(team_chat):
    ivan = f.user(IVAN, "Ivan", username="ivan")
    with time_machine.travel(NOW, tick=False):
        await team_chat.send(ivan, "/calls 19")
    await from_phone(team_chat, IVAN, 10)  # 9 more: not at least 10
    assert await jobs_at(team_chat, DIGEST_AT).fire(team_chat.team.id, "day") == "sent"
    assert "Вечерний дайджест" in "\n".join(team_chat.bot.texts_to(GROUP))
    assert private_lists(team_chat) == []
