"""Team races (/race) as plain data: starting and stopping one, its board, and what the
team chat is owed (milestones and the result) for the scheduled job.

A race counts the team's records of its metric from the first moment of its start day
to the last of its end day, in the team's time zone (``races.starts_on``..``ends_on``;
a race a manager stopped early ends with the day it was stopped). The team total counts
everyone's records, opted-out members included (:func:`storage.analytics.team_counts`:
each record once); the contributions are each member's number of that metric as their
report line has it (:func:`storage.analytics.counts` by member), only for active members
who have not opted out (/optout), best first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from metrics.counts import Counts
from metrics.engine import MetricValue, compute
from metrics.races import MILESTONES, announced, days_left, new_milestones, share
from storage import analytics
from storage.analytics import MEMBER, Scope
from storage.db import Database
from storage.journal import local_day
from storage.models import Member, Team
from storage.races import RESULT, Race, RacesRepo
from storage.repos import MembersRepo, TeamsRepo
from storage.unit import UnitOfWork


@dataclass(frozen=True, slots=True)
class Contribution:
    name: str
    value: MetricValue


@dataclass(frozen=True, slots=True)
class RaceBoard:
    """A race as people see it on ``today`` (team-local)."""

    race: Race
    today: date
    total: MetricValue  # the team total so far: everyone's records, opted-out included
    share: float  # total / target (0.55 = 55 %)
    days_left: int  # today included; 0 when it is over
    contributions: tuple[Contribution, ...]  # who has not opted out, best first

    @property
    def over(self) -> bool:
        return self.race.over(self.today)


class RaceRunning(Exception):
    """A race on that metric is on already (one at a time per metric): its board."""

    def __init__(self, board: RaceBoard) -> None:
        super().__init__(board.race.metric)
        self.board = board


def _scope(team: Team, race: Race, last_day: date, settings: Settings) -> Scope:
    return Scope(
        team_id=team.id,
        start=race.starts_on,
        end=max(race.starts_on, last_day),
        min_call_seconds=settings.min_call_seconds,
    )


async def race_board(
    conn: AsyncConnection, team: Team, race: Race, today: date, settings: Settings
) -> RaceBoard:
    """The race's total, share, days left and contributions on ``today``."""
    last_day = race.ends_on
    if race.stopped_at is not None:
        last_day = min(race.ends_on, local_day(team, race.stopped_at))
    scope = _scope(team, race, last_day, settings)
    total = compute(await analytics.team_counts(conn, scope))[race.metric]
    by_member = await analytics.counts(conn, scope, MEMBER)
    shown = [
        m
        for m in await MembersRepo(conn).list_team(team.id, include_inactive=False)
        if m.public_ranking
    ]
    contributions = []
    for member in shown:
        value = compute(by_member.get(member.id, Counts()))[race.metric]
        if value:
            contributions.append(Contribution(member.display_name, value))
    contributions.sort(key=lambda c: (-float(c.value or 0), c.name.casefold()))
    return RaceBoard(
        race,
        today,
        total,
        share(total, race.target),
        0 if race.over(today) else days_left(today, race.ends_on),
        tuple(contributions),
    )


async def running_boards(
    db: Database | UnitOfWork, team: Team, today: date, settings: Settings
) -> tuple[RaceBoard, ...]:
    """/race: the boards of the team's races on ``today``."""
    async with db.read() as conn:
        return tuple(
            [
                await race_board(conn, team, race, today, settings)
                for race in await RacesRepo(conn).running(team.id, today)
            ]
        )


async def start_race(
    uow: UnitOfWork,
    team: Team,
    by: Member,
    metric: str,
    target: Decimal,
    ends_on: date,
    now: datetime,
    settings: Settings,
) -> RaceBoard:
    """A new race from today to ``ends_on`` (committed before the reply says so);
    :class:`RaceRunning` with the running one's board when a race on that metric is on."""
    today = local_day(team, now)
    async with uow.write() as conn:
        repo = RacesRepo(conn)
        running = next((r for r in await repo.running(team.id, today) if r.metric == metric), None)
        race = running or await repo.create(
            team_id=team.id,
            metric=metric,
            target=target,
            starts_on=today,
            ends_on=ends_on,
            created_by=by.id,
            now=now,
        )
    async with uow.read() as conn:
        board = await race_board(conn, team, race, today, settings)
    if running is not None:
        raise RaceRunning(board)
    return board


async def stop_race(
    uow: UnitOfWork, team: Team, by: Member, metric: str, now: datetime, settings: Settings
) -> RaceBoard | None:
    """End the running race on ``metric`` now; its final board, None when none is on."""
    today = local_day(team, now)
    async with uow.write() as conn:
        repo = RacesRepo(conn)
        race = next((r for r in await repo.running(team.id, today) if r.metric == metric), None)
        if race is None:
            return None
        await repo.stop(race.id, by.id, now)
        stopped = await repo.get(race.id)
    assert stopped is not None
    async with uow.read() as conn:
        return await race_board(conn, team, stopped, today, settings)


@dataclass(frozen=True, slots=True)
class Owed:
    """What the team chat is owed for a race now: ``milestone`` (the highest of those
    crossed since the last look; ``skipped`` are the lower ones crossed with it, never
    announced), then the ``result`` when the race is over."""

    team: Team
    board: RaceBoard
    milestone: int | None
    skipped: tuple[int, ...]
    result: bool

    @property
    def marks(self) -> tuple[str, ...]:
        found = () if self.milestone is None else (str(self.milestone),)
        return found + ((RESULT,) if self.result else ())


async def owed(db: Database, now: datetime, settings: Settings) -> list[Owed]:
    """Every race's announcements due at ``now`` that were not claimed before."""
    found = []
    async with db.read() as conn:
        teams = {team.id: team for team in await TeamsRepo(conn).all()}
        for race in await RacesRepo(conn).unfinished():
            team = teams.get(race.team_id)
            if team is None:
                continue
            today = local_day(team, now)
            board = await race_board(conn, team, race, today, settings)
            claimed = await RacesRepo(conn).claimed(race.id)
            crossed = new_milestones(board.share, (m for m in MILESTONES if str(m) in claimed))
            highest = announced(crossed)
            skipped = tuple(m for m in crossed if m != highest)
            if highest is not None or board.over:
                found.append(Owed(team, board, highest, skipped, board.over))
    return found
