"""Suggested plans as data (/setplan <role|@member> <metric> suggest): the sample of daily
values from storage, the rule of :mod:`metrics.suggest`, and the pending suggestion its
Apply / Cancel buttons name.

The daily values come from the GROUP BY statements of :mod:`storage.analytics`, grouped by
member and day (``member_activity_by_span``, ``member_meetings_by_span`` with one span a
day): only the statements the metric reads (``metrics.engine.COMPUTED_FROM``), each one
for the whole pool and all the days at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from metrics.counts import Activity, Counts, Meetings
from metrics.engine import COMPUTED_FROM, compute
from metrics.periods import Period
from metrics.plans import PlanRule, Target
from metrics.suggest import MIN_SAMPLE, Number, Suggestion, sample, suggest_range, window
from services.plans import set_plan_rule
from storage import analytics
from storage.analytics import Scope
from storage.journal import local_day
from storage.models import Member, Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo
from storage.suggestions import APPLIED, CANCELLED, SuggestionsRepo
from storage.unit import UnitOfWork

__all__ = [
    "MIN_SAMPLE",
    "Daily",
    "PlanSuggestion",
    "Resolved",
    "daily_values",
    "resolve_suggestion",
    "suggest_plan",
]


@dataclass(frozen=True, slots=True)
class PlanSuggestion:
    """What /setplan ... suggest answers: for ``metric`` of a ``role`` (every active member
    of it) or of one ``member``, the ``weeks`` the sample covers, its ``size`` (member-days)
    and the ``suggestion`` (None: fewer than :data:`MIN_SAMPLE` values). ``id`` names the
    stored suggestion its buttons apply or cancel (None without a suggestion)."""

    metric: str
    role: str | None
    member: Member | None
    weeks: Period
    size: int
    suggestion: Suggestion | None
    id: int | None = None

    @property
    def rule(self) -> PlanRule | None:
        """The plan Apply sets: the suggested range every day, for the role or the member."""
        if self.suggestion is None:
            return None
        target = Target(float(self.suggestion.lower), float(self.suggestion.goal))
        member_id = self.member.id if self.member is not None else None
        return PlanRule(self.metric, target, role=self.role, member_id=member_id)


def _reads(metric: str) -> dict[str, set[str]]:
    """The fields of each view of :class:`Counts` that ``metric`` is computed from."""
    views: dict[str, set[str]] = {"activity": set(), "as_setter": set(), "as_hunter": set()}
    for name in COMPUTED_FROM[metric]:
        view, field = name.split(".")
        views[view].add(field)
    return views


@dataclass(frozen=True, slots=True)
class Daily:
    """``values``: member id -> day -> the metric's value (members without a record of the
    kinds the metric reads are not there); ``first``: member id -> the first day with such
    a record."""

    values: dict[int, dict[date, Number]]
    first: dict[int, date]


async def daily_values(
    conn: AsyncConnection, scope: Scope, metric: str, pool: Sequence[int]
) -> Daily:
    """``metric`` of each member of ``pool`` on each day of ``scope``, and the first day
    each has a record the metric reads, from one statement per kind of record the metric
    reads, for the whole pool at once."""
    days = [scope.start + timedelta(days=n) for n in range((scope.end - scope.start).days + 1)]
    spans = [(day, day) for day in days]
    if len(pool) == 1:
        scope = replace(scope, member_id=pool[0])  # one member: their records only
    reads = _reads(metric)
    activity: dict[int, list[Activity]] = {}
    if reads["activity"]:
        activity = await analytics.member_activity_by_span(conn, scope, spans, reads["activity"])
    views: dict[str, dict[int, list[Meetings]]] = {"as_setter": {}, "as_hunter": {}}
    for view, role in (("as_setter", "setter"), ("as_hunter", "hunter")):
        if reads[view]:
            views[view] = await analytics.member_meetings_by_span(
                conn, scope, spans, role, reads[view]
            )
    # only the fields the metric reads were counted, so member-days repeat the same few
    # counts: each distinct one is computed once
    values: dict[Counts, Number] = {Counts(): 0}

    def value(counts: Counts) -> Number:
        if counts not in values:
            values[counts] = compute(counts)[metric] or 0
        return values[counts]

    found: dict[int, dict[date, Number]] = {}
    first: dict[int, date] = {}
    for member_id in pool:
        mine = (activity.get(member_id), *(views[v].get(member_id) for v in views))
        if not any(mine):
            continue
        nothing_a, nothing_m = [Activity()] * len(days), [Meetings()] * len(days)
        counted = zip(mine[0] or nothing_a, mine[1] or nothing_m, mine[2] or nothing_m, strict=True)
        counts = [(day, Counts(a, s, h)) for day, (a, s, h) in zip(days, counted, strict=True)]
        found[member_id] = {day: value(day_counts) for day, day_counts in counts}
        recorded = [day for day, day_counts in counts if day_counts != Counts()]
        if recorded:
            first[member_id] = recorded[0]
    return Daily(found, first)


async def suggest_plan(
    uow: UnitOfWork,
    team: Team,
    metric: str,
    *,
    role: str | None = None,
    member: Member | None = None,
    today: date,
    settings: Settings,
    created_by: int | None = None,
) -> PlanSuggestion:
    """The suggested daily plan of ``metric`` for a ``role`` or a ``member`` on ``today``
    (team-local), by the rule of ``docs/metrics.md`` ("Suggested plans"); a suggestion is
    kept for its buttons (committed before the reply names it)."""
    if (role is None) == (member is None):
        raise ValueError("a suggestion is for a role or for a member")
    weeks = window(today)
    async with uow.read() as conn:
        if member is not None:
            pool = [member.id]
        else:
            active = await MembersRepo(conn).active_roles(team.id)
            pool = [member_id for member_id, roles in active.items() if role in roles]
        days_off = await PlansRepo(conn).team_days_off(team.id)
        joined = await MembersRepo(conn).joined_at(team.id, pool) if pool else {}
        scope = Scope(team.id, weeks.start, weeks.end, settings.min_call_seconds)
        daily = await daily_values(conn, scope, metric, pool) if pool else Daily({}, {})
    # a member's history starts the day they joined, or earlier with imported records
    since = {
        member_id: min(local_day(team, at), daily.first.get(member_id, date.max))
        for member_id, at in joined.items()
    }
    values = sample(daily.values, pool, weeks, team.workdays, days_off, since)
    found = PlanSuggestion(metric, role, member, weeks, len(values), suggest_range(values))
    if found.rule is None:
        return found
    async with uow.write() as conn:
        suggestion_id = await SuggestionsRepo(conn).add(team.id, found.rule, created_by)
    return replace(found, id=suggestion_id)


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a tap on Apply or Cancel did: ``outcome`` is ``applied`` or ``cancelled`` (this
    tap did it), ``already_applied`` or ``already_cancelled`` (an earlier tap did: nothing
    changed), or ``missing`` (no such suggestion in the team). ``rule`` is the plan it
    offered; ``subject`` the member it was for (None: a role's)."""

    outcome: str
    rule: PlanRule | None = None
    subject: Member | None = None


async def resolve_suggestion(
    uow: UnitOfWork, team: Team, suggestion_id: int, action: str, by: int
) -> Resolved:
    """Apply (``action`` ``apply``) or cancel a stored suggestion, once: the first tap marks
    it and, to apply, sets its plan as a typed /setplan does (``services.plans.set_plan_rule``),
    in the same transaction, committed before it returns; a later tap changes nothing."""
    resolution = APPLIED if action == "apply" else CANCELLED
    async with uow.write() as conn:
        repo = SuggestionsRepo(conn)
        found = await repo.get(team.id, suggestion_id)
        if found is None:
            return Resolved("missing")
        if not await repo.resolve(team.id, suggestion_id, resolution, by):
            again = await repo.get(team.id, suggestion_id)
            return Resolved(f"already_{again.resolution if again else resolution}", found.rule)
        if resolution == APPLIED:
            await set_plan_rule(conn, team, found.rule, by)
        member_id = found.rule.member_id
        subject = await MembersRepo(conn).get(member_id) if member_id is not None else None
    return Resolved(resolution, found.rule, subject)
