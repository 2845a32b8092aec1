"""Plans as data: the plan in force for the team or a member (/plan), and a member's fact
against it so far in a day, week or month (/today, /week, /month)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from metrics.engine import compute
from metrics.periods import Period
from metrics.plans import (
    PLANNABLE,
    ROLE_ORDER,
    PlanLine,
    PlanRule,
    is_working_day,
    plan_vs_fact,
    ramp_of,
)
from services.clock import Now
from services.empty import nothing_logged
from services.ramp import RampToday, ramp_today
from storage import analytics
from storage.analytics import Scope
from storage.models import Member, Team
from storage.plans import PlansRepo
from storage.unit import UnitOfWork


def plannable_for(roles: frozenset[str] | set[str]) -> list[str]:
    """The metrics a plan may be set for, for people with ``roles``."""
    keys: list[str] = []
    for role in ROLE_ORDER:
        if role in roles:
            keys += [key for key in PLANNABLE[role] if key not in keys]
    return keys


@dataclass(frozen=True, slots=True)
class PlanInForce:
    """The team's rules, and whose plan is asked for (None: the team's, per role)."""

    member: Member | None
    rules: list[PlanRule]
    days_off: list[tuple[date, date]]  # the member's; empty for the team
    ramp: RampToday | None = None  # the member's ramp (/ramp), as of today


async def plan_in_force(uow: UnitOfWork, team: Team, whom: Member | None) -> PlanInForce:
    async with uow.read() as conn:
        repo = PlansRepo(conn)
        rules = await repo.rules(team.id)
        days = await repo.days_off(whom.id) if whom else []
    ramp = ramp_of(rules, whom.id) if whom else None
    today = Now.for_team(team).today
    return PlanInForce(whom, rules, days, ramp_today(ramp, today) if ramp else None)


async def set_plan_rule(conn: AsyncConnection, team: Team, rule: PlanRule, by: int | None) -> None:
    """Set a plan rule, replacing the one of the same scope: what a typed /setplan does and
    what the Apply button of a suggested plan does (in the caller's transaction)."""
    await PlansRepo(conn).set_rule(team.id, rule, by)


@dataclass(frozen=True, slots=True)
class Progress:
    """A member's fact against the plan so far: /today (``day``), /week, /month."""

    member: Member
    kind: str
    period: Period
    day_off: bool  # /today on a day the member does not work
    lines: list[PlanLine]  # empty: no plan
    nothing_logged: bool = False  # nothing logged so far in the period (services.empty)


async def progress(
    uow: UnitOfWork, team: Team, whom: Member, kind: str, today: date, settings: Settings
) -> Progress:
    period = Period.containing(today, kind)
    elapsed = period.elapsed(today) or period
    async with uow.read() as conn:
        repo = PlansRepo(conn)
        rules, days = await repo.rules(team.id), await repo.days_off(whom.id)
        scope = Scope(
            team_id=team.id,
            start=elapsed.start,
            end=elapsed.end,
            min_call_seconds=settings.min_call_seconds,
        )
        counts = await analytics.member_counts(conn, scope, whom.id)
    facts = compute(counts)
    lines = plan_vs_fact(
        rules,
        member_id=whom.id,
        roles=whom.roles,
        facts=facts,
        today=today,
        period=period,
        workdays=team.workdays,
        days_off=days,
    )
    day_off = kind == "day" and not is_working_day(today, team.workdays, days)
    return Progress(whom, kind, period, day_off, lines, nothing_logged(counts))
