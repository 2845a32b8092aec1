"""Every word of the one grammar, typed to the bot and to the CLI, means the same thing.

Each day word, weekday, on/off word and period phrase (``tests/support/vocabulary.py``
says what it means) goes through the real Dispatcher in every command that takes that
kind of word, as written and shouted with "Ё"; period phrases also go through
``python -m bot report --period``. A check writes what it expected and what it got, so
a failure lists every word that went wrong at once.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
import time_machine

from bot import cli
from bot.__main__ import parse_args
from storage.models import Team
from storage.repos import MembersRepo, TeamsRepo
from storage.tables import calls, meetings, plan_rules
from tests.handlers.conftest import FRIDAY_EVENING
from tests.support import vocabulary as v

MSK = ZoneInfo("Europe/Moscow")


class Checks:
    """The bot and the CLI, as the admin sees them, and the mismatches found."""

    def __init__(self, chat, admin: dict, settings, capsys) -> None:
        self.chat, self.admin, self.settings, self.capsys = chat, admin, settings, capsys
        self.problems: list[str] = []

    def expect(self, what: str, got: object, wanted: object) -> None:
        if got != wanted:
            self.problems.append(f"{what}: got {got!r}, expected {wanted!r}")

    async def send(self, text: str) -> str | None:
        return await self.chat.send(self.admin, text)

    async def scalar(self, query: sa.Select) -> object:
        async with self.chat.db.read() as conn:
            return (await conn.execute(query)).scalar()

    async def column(self, query: sa.Select) -> list:
        async with self.chat.db.read() as conn:
            return list((await conn.execute(query)).scalars())

    async def team(self) -> Team:
        async with self.chat.db.read() as conn:
            team = await TeamsRepo(conn).get(self.chat.team.id)
        assert team is not None
        return team

    async def exported(self, phrase: str) -> tuple[date, date] | None:
        """The days ``/export <phrase>`` exports (from its caption), None when refused."""
        sent = len(self.chat.bot.sent(self.admin["id"], method="sendDocument"))
        await self.send(f"/export {phrase}")
        documents = self.chat.bot.sent(self.admin["id"], method="sendDocument")
        if len(documents) == sent:
            return None
        for start, end in _iso_ranges(documents[-1].caption):
            return start, end
        raise AssertionError(f"no period in {documents[-1].caption!r}")

    async def reported(self, phrase: str) -> tuple[date, date] | None:
        """The days ``python -m bot report --period <phrase>`` covers, None when refused."""
        self.capsys.readouterr()
        code = await cli.run_report(self.settings, parse_args(["report", "--period", phrase]))
        out, err = self.capsys.readouterr()
        if code != 0:
            assert "Unknown period" in err, err
            return None
        period = json.loads(out)["period"]
        return date.fromisoformat(period["from"]), date.fromisoformat(period["to"])


def _iso_ranges(text: str):
    for word in text.replace(":", " ").split():
        start, dots, end = word.partition("..")
        if dots:
            yield date.fromisoformat(start), date.fromisoformat(end)


async def days(c: Checks) -> None:
    last_call = sa.select(sa.func.max(calls.c.id))
    for canonical, day in v.DAYS.items():
        for word in v.variants(canonical):
            period = (day, day) if day <= v.TODAY else None
            c.expect(f"/export {word}", await c.exported(word), period)
            c.expect(f"report --period {word}", await c.reported(word), period)
            if " " in word:
                continue  # the logging commands read a day from one word
            before = await c.scalar(last_call)
            reply = await c.send(f"/call 3m {word}")
            call_id = await c.scalar(last_call)
            if day <= v.TODAY:
                logged = await c.scalar(sa.select(calls.c.day).where(calls.c.id == call_id))
                c.expect(f"/call 3m {word}", logged if call_id != before else reply, day)
            else:  # work is not logged ahead, and the word is no client's name
                c.expect(f"/call 3m {word} saved", call_id, before)
                c.expect(f"/call 3m {word} names the word", word in (reply or ""), True)
            await c.send(f"/meeting set Клиент {word} 15:00")
            c.expect(f"/meeting set Клиент {word} 15:00", await _scheduled(c), (day, time(15)))


async def _scheduled(c: Checks) -> tuple[date, time]:
    latest = sa.select(meetings.c.scheduled_at).order_by(meetings.c.id.desc()).limit(1)
    at = await c.scalar(latest)
    assert isinstance(at, datetime)
    local = at.astimezone(MSK)
    return local.date(), local.time()


async def weekdays(c: Checks) -> None:
    planned = sa.select(plan_rules.c.weekday).where(plan_rules.c.weekday.is_not(None))
    for canonical, next_day in v.NEXT_WEEKDAY.items():
        iso = next_day.isoweekday()
        for word in v.variants(canonical):
            await c.send(f"/setplan sdr calls_60 80 {word}")
            c.expect(f"/setplan sdr calls_60 80 {word}", await c.column(planned), [iso])
            async with c.chat.db.transaction() as conn:
                await conn.execute(sa.delete(plan_rules).where(plan_rules.c.weekday.is_not(None)))
            await c.send(f"/meeting set Клиент {word}")
            wanted = (next_day, time(10))
            c.expect(f"/meeting set Клиент {word}", await _scheduled(c), wanted)
            await c.send(f"/workdays {word}")
            c.expect(f"/workdays {word}", (await c.team()).workdays, (iso,))


async def switches(c: Checks) -> None:
    team_id = c.chat.team.id
    me = await c.chat.member(c.admin["id"])
    assert me is not None
    for canonical, on in v.SWITCHES.items():
        for word in v.variants(canonical):
            async with c.chat.db.transaction() as conn:  # the opposite first
                await TeamsRepo(conn).set_reps_see_top(team_id, not on)
                await TeamsRepo(conn).set_free_sources(team_id, not on)
                await TeamsRepo(conn).set_nudge_time(team_id, "18:00")
                await MembersRepo(conn).set_digest_private(me.id, True)
            await c.send(f"/settop {word}")
            c.expect(f"/settop {word}", (await c.team()).reps_see_top, on)
            await c.send(f"/source free {word}")
            c.expect(f"/source free {word}", (await c.team()).free_sources, on)
            if on:
                continue  # the next two only turn things off
            await c.send(f"/settime nudge {word}")
            c.expect(f"/settime nudge {word}", (await c.team()).nudge_time, None)
            await c.send(f"/digest me {word}")
            private = (await c.chat.member(c.admin["id"])).digest_private
            c.expect(f"/digest me {word}", private, False)


async def periods(c: Checks) -> None:
    for canonical, span in v.PERIODS.items():
        for word in v.variants(canonical):
            c.expect(f"/export {word}", await c.exported(word), span)
        word = v.shouted(canonical)  # one CLI run a phrase: each is a tenth of a second
        c.expect(f"report --period {word}", await c.reported(word), span)
    for word in v.NOT_PERIODS:
        c.expect(f"/export {word}", await c.exported(word), None)
        c.expect(f"report --period {word}", await c.reported(word), None)


GROUPS: dict[str, Callable[[Checks], Awaitable[None]]] = {
    "day words": days,
    "weekdays": weekdays,
    "on/off words": switches,
    "periods": periods,
}


@pytest.mark.parametrize("group", GROUPS)
async def test_every_word_means_the_same_in_every_command(group, chat, admin, settings, capsys):
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        assert v.TODAY == FRIDAY_EVENING.astimezone(MSK).date()
        await chat.send(admin, "/start")
        checks = Checks(chat, admin, settings, capsys)
        await GROUPS[group](checks)
    assert checks.problems == []
