"""The numbers of a team, a member or a source for a period: /stats, /funnel, /top.

Plain data out: the metrics (``metrics.engine.compute``); for /funnel the period's and
the cohort's; for /stats, which metrics to list under which heading.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from metrics.counts import Counts
from metrics.engine import (
    BUSINESS_INDICATOR,
    FARMER_KEYS,
    HUNTER_KEYS,
    MAIN_INDICATOR,
    METRIC_KEYS,
    SDR_KEYS,
    MetricValue,
    compute,
)
from metrics.periods import Period
from services.empty import nothing_logged
from services.subjects import Subject
from services.verified import Telephony, typed_and_verified
from storage import analytics
from storage.analytics import Scope
from storage.db import Database
from storage.models import Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork

REP_ROLES = ("sdr", "hunter", "farmer")
ROLE_KEYS = {"sdr": SDR_KEYS, "hunter": HUNTER_KEYS, "farmer": FARMER_KEYS}

# The team as a whole: every record once, so the hunter-attributed keys would repeat the
# team's own meetings and payments (METRICS.md section 8, "total") and the farmer's
# contacts would repeat its calls; the business indicator first.
TEAM_KEYS: tuple[str, ...] = (
    BUSINESS_INDICATOR,
    *(
        key
        for key in METRIC_KEYS
        if key != BUSINESS_INDICATOR
        and (not key.endswith("_as_hunter") or key == "sales_cycle_days_as_hunter")
    ),
)
# A source: its calls (when given), leads, meetings and payments (section 3, "Per source");
# proposals and repeat sales have no source.
SOURCE_KEYS: tuple[str, ...] = tuple(key for key in TEAM_KEYS if key in SDR_KEYS)


def scope_of(team: Team, period: Period, mode: str, settings: Settings) -> Scope:
    return Scope(
        team_id=team.id,
        start=period.start,
        end=period.end,
        min_call_seconds=settings.min_call_seconds,
        mode=mode,
    )


@dataclass(frozen=True, slots=True)
class SubjectNumbers:
    """Every metric of one subject for one period."""

    subject: Subject
    period: Period
    mode: str  # period | cohort
    metrics: dict[str, MetricValue]
    nothing_logged: bool = False  # services.empty.nothing_logged of the period


def subject_scope(subject: Subject, scope: Scope) -> Scope:
    """``scope`` restricted to the subject's records: a member's or a source's."""
    if subject.member is not None:
        return replace(scope, member_id=subject.member.id)
    if subject.source_id is not None:
        return replace(scope, source_id=subject.source_id)
    return scope


async def subject_counts(conn: AsyncConnection, subject: Subject, scope: Scope) -> Counts:
    """The counts of a member, a source or the team in ``scope``."""
    if subject.member is not None:
        return await analytics.member_counts(conn, scope, subject.member.id)
    if subject.source_id is not None:
        return await analytics.source_counts(conn, scope, subject.source_id)
    return await analytics.team_counts(conn, scope)


async def subject_numbers(
    db: Database | UnitOfWork,
    team: Team,
    subject: Subject,
    period: Period,
    mode: str,
    settings: Settings,
) -> SubjectNumbers:
    async with db.read() as conn:
        counts = await subject_counts(conn, subject, scope_of(team, period, mode, settings))
        empty = nothing_logged(counts)
        if empty and mode != "period":
            # a cohort counts the meetings set in the period, not the later steps of
            # earlier ones: the period itself may still have records
            period_counts = scope_of(team, period, "period", settings)
            empty = nothing_logged(await subject_counts(conn, subject, period_counts))
    return SubjectNumbers(subject, period, mode, compute(counts), empty)


# a meeting's final outcomes (METRICS.md section 2: held, cancelled, no-show)
CLOSED_KEYS = ("meetings_held", "meetings_cancelled", "meetings_no_show")


@dataclass(frozen=True, slots=True)
class FunnelNumbers:
    """/funnel and the digest's funnel: a subject's period and its cohort.

    ``metrics``: period mode, each event counted in the period of its own timestamp
    (what was done in the period: calls, meetings set, meetings held, payments; those
    counts are not steps of one funnel, the meetings held may have been set earlier).
    ``cohort``: cohort mode, the meetings *set* in the period followed to now
    (METRICS.md, "Period mode vs cohort mode"): confirmed, held and paid are subsets of
    set, paid of held, so its conversions are those of one funnel.
    """

    subject: Subject
    period: Period
    metrics: dict[str, MetricValue]
    cohort: dict[str, MetricValue]
    nothing_logged: bool = False  # services.empty.nothing_logged of the period

    @property
    def cohort_open(self) -> int:
        """The cohort's meetings with no outcome yet (neither held, cancelled nor a
        no-show: set or confirmed, maybe overdue)."""
        c = self.cohort
        closed = sum(int(c[key] or 0) for key in CLOSED_KEYS)
        return max(0, int(c["meetings_set"] or 0) - closed)


async def funnel_numbers(
    db: Database | UnitOfWork,
    team: Team,
    subject: Subject,
    period: Period,
    settings: Settings,
) -> FunnelNumbers:
    """The subject's period metrics and its cohort metrics (two computations)."""
    scope = subject_scope(subject, scope_of(team, period, "period", settings))
    async with db.read() as conn:
        now, cohort = await analytics.period_and_cohort(conn, scope)
    return FunnelNumbers(subject, period, compute(now), compute(cohort), nothing_logged(now))


@dataclass(frozen=True, slots=True)
class StatsSection:
    """Metrics listed together: under a role (``sdr``, ``hunter``, ``farmer``) for a member,
    or under the subject itself (``role`` None) for the team and a source. The first
    line is the section's main indicator when ``main`` is True."""

    role: str | None
    lines: tuple[tuple[str, MetricValue], ...]
    main: bool


@dataclass(frozen=True, slots=True)
class Stats:
    numbers: SubjectNumbers
    sections: tuple[StatsSection, ...]
    # typed vs verified calls of 60 s+ (services.verified); None for a source, without a
    # telephony feed, without calls, or when hidden in a group chat
    telephony: Telephony | None
    # a member's typed vs verified calls exist but are not shown in a group chat
    telephony_private: bool = False


def stats_sections(subject: Subject, metrics: dict[str, MetricValue]) -> tuple[StatsSection, ...]:
    """A member's numbers by each of their roles (every role for a member who has none);
    the team's and a source's numbers under the subject, not under a role."""
    if subject.member is None:
        keys = TEAM_KEYS if subject.kind == "team" else SOURCE_KEYS
        return (StatsSection(None, tuple((key, metrics[key]) for key in keys), True),)
    roles = [role for role in REP_ROLES if role in subject.member.roles] or list(REP_ROLES)
    return tuple(
        StatsSection(
            role,
            tuple((key, metrics[key]) for key in ROLE_KEYS[role]),
            ROLE_KEYS[role][0] == MAIN_INDICATOR[role],
        )
        for role in roles
    )


async def stats(
    db: Database | UnitOfWork,
    team: Team,
    subject: Subject,
    period: Period,
    mode: str,
    settings: Settings,
    *,
    private: bool = True,
) -> Stats:
    """/stats: the subject's metrics by section, and its typed vs verified calls where the
    team has a telephony feed. In a group chat (``private`` False) a member's typed vs
    verified calls are left out: they are for the member and the managers only."""
    numbers = await subject_numbers(db, team, subject, period, mode, settings)
    calls = None
    if subject.source_id is None:
        async with db.read() as conn:
            calls = await typed_and_verified(
                conn,
                team,
                period.start,
                period.end,
                settings.min_call_seconds,
                subject.member.id if subject.member else None,
            )
    if calls is not None and subject.member is not None and not private:
        return Stats(numbers, stats_sections(subject, numbers.metrics), None, True)
    return Stats(numbers, stats_sections(subject, numbers.metrics), calls)


@dataclass(frozen=True, slots=True)
class Ranking:
    """/top: the people of a role by its main indicator, best first (ties by name)."""

    role: str
    metric: str
    places: tuple[tuple[str, MetricValue], ...]  # (name, value)


async def top(
    db: Database | UnitOfWork, team: Team, period: Period, mode: str, settings: Settings
) -> tuple[Ranking, ...]:
    """The rankings of /top; members who opted out (/optout) are not in them."""
    async with db.read() as conn:
        _total, people, _sources = await analytics.report_counts(
            conn, scope_of(team, period, mode, settings)
        )
        hidden = await MembersRepo(conn).hidden_from_rankings(team.id)
    rankings = []
    for role in REP_ROLES:
        key = MAIN_INDICATOR[role]
        ranked = sorted(
            (
                (p.name, compute(p.counts)[key])
                for p in people
                if role in p.roles and p.person_id not in hidden
            ),
            key=lambda item: (-(item[1] or 0), item[0]),
        )
        rankings.append(Ranking(role, key, tuple(ranked)))
    return tuple(rankings)
