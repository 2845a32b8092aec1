"""The day's reminders as data: the reps at work who have logged nothing (the nudge), and
the reps behind the share of today's plan that should be done by now (the pace alert)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.settings import Settings
from metrics.counts import Counts
from metrics.engine import compute
from metrics.plans import ROLE_ORDER, PaceGap, behind_pace, is_working_day
from storage import analytics
from storage.analytics import MEMBER, Scope
from storage.db import Database
from storage.journal import members_with_records
from storage.models import Member, Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo


@dataclass(frozen=True, slots=True)
class Idle:
    """Who to nudge: the reachable reps at work on the day who logged nothing yet."""

    idle: tuple[Member, ...]
    at_work: int


async def idle_reps(db: Database, team: Team, day: date) -> Idle:
    async with db.read() as conn:
        reps = [
            m
            for m in await MembersRepo(conn).list_team(team.id, include_inactive=False)
            if m.roles & set(ROLE_ORDER) and m.unreachable_at is None
        ]
        plans = PlansRepo(conn)
        at_work = [
            m for m in reps if is_working_day(day, team.workdays, await plans.days_off(m.id))
        ]
        busy = await members_with_records(conn, team.id, day)
    return Idle(tuple(m for m in at_work if m.id not in busy), len(at_work))


@dataclass(frozen=True, slots=True)
class Behind:
    member: Member
    gaps: tuple[PaceGap, ...]


@dataclass(frozen=True, slots=True)
class Pace:
    """The reps behind the day's pace, and the managers to tell (reachable ones)."""

    behind: tuple[Behind, ...]
    managers: tuple[Member, ...]


async def behind_the_pace(
    db: Database, team: Team, day: date, share: float, settings: Settings
) -> Pace:
    """``share``: the part of the working day that has passed (``bot.schedule.day_share``)."""
    scope = Scope(team.id, day, day, settings.min_call_seconds)
    async with db.read() as conn:
        people = await MembersRepo(conn).list_team(team.id, include_inactive=False)
        plans = PlansRepo(conn)
        rules = await plans.rules(team.id)
        by_member = await analytics.counts(conn, scope, MEMBER)
        behind = []
        for rep in people:
            if not rep.roles & set(ROLE_ORDER):
                continue
            if not is_working_day(day, team.workdays, await plans.days_off(rep.id)):
                continue
            gaps = behind_pace(
                rules,
                member_id=rep.id,
                roles=rep.roles,
                facts=compute(by_member.get(rep.id, Counts())),
                day=day,
                share=share,
            )
            if gaps:
                behind.append(Behind(rep, tuple(gaps)))
    managers = tuple(m for m in people if m.is_manager and m.unreachable_at is None)
    return Pace(tuple(behind), managers)
