"""Digests: the team's plan vs fact for a day, week or month, as plain data.

``build_digest`` gathers everything (one set of GROUP BY queries) and computes with
``metrics/``; ``views.digest`` turns it into the texts and charts. The scheduled
delivery (``bot.jobs``) and the /digest preview call both, so a preview is exactly the
digest the team's chat gets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from metrics.counts import Counts
from metrics.engine import MAIN_INDICATOR, MetricValue, compute
from metrics.periods import Period
from metrics.plans import ROLE_ORDER, Target, is_working_day, plan_vs_fact
from metrics.score import NO_PLAN, Scorecard, scorecard
from services.actions import ActionsReview, review_actions, taken_keys
from services.clock import Now
from services.diagnosis import Diagnosed, build_diagnosis
from services.stats import Telephony, scope_of
from services.trend import Trend, weekly_trend
from services.verified import typed_and_verified
from storage import analytics
from storage.analytics import MEMBER, Scope
from storage.db import Database
from storage.models import Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo
from storage.score_weights import ScoreWeightsRepo

# the numbers each rep's line shows, main indicator first
REP_METRICS = {
    "sdr": ("meetings_held", "calls_60", "meetings_set"),
    "hunter": ("payments_as_hunter", "meetings_held_as_hunter"),
    "farmer": ("repeat_revenue", "calls_60"),
}
assert all(REP_METRICS[role][0] == MAIN_INDICATOR[role] for role in REP_METRICS)


@dataclass(frozen=True, slots=True)
class PlanFact:
    """One metric of a rep against the plan of the period so far."""

    metric: str
    fact: MetricValue
    target: Target | None  # the plan for the period so far; None: no plan
    status: str = "none"  # behind | on_track | done (metrics.plans.status); none: no plan


@dataclass(frozen=True, slots=True)
class RepDigest:
    """One rep in a digest: the numbers of their first role against the plan.

    ``status`` is the plan status of the main indicator (``behind``, ``on_track``,
    ``done``), ``none`` without a plan for it, ``off`` on a day off (then there are no
    numbers). ``numbers`` are the text's fixed lines (:data:`REP_METRICS`); ``planned``
    is every metric the rep has a plan for so far (the plan-vs-fact chart), the main
    indicator first, then the role's order (:data:`metrics.plans.PLANNABLE`)."""

    name: str
    role: str
    status: str
    numbers: tuple[PlanFact, ...]  # REP_METRICS[role]; empty on a day off
    planned: tuple[PlanFact, ...] = ()  # empty on a day off and without any plan
    person_id: int | None = None  # the Telegram user id (the JSON report's person_id)
    score: Scorecard = NO_PLAN  # metrics.score over every planned metric so far

    @property
    def off(self) -> bool:
        return self.status == "off"

    @property
    def main(self) -> PlanFact | None:
        return self.numbers[0] if self.numbers else None


@dataclass(frozen=True, slots=True)
class Previous:
    """The period before (weekly and monthly digests) and the team's metrics in it."""

    period: Period
    metrics: dict[str, MetricValue]


@dataclass(frozen=True, slots=True)
class DigestData:
    kind: str  # day | week | month
    period: Period
    reps: tuple[RepDigest, ...]  # the team's active reps, in the team's order
    team_metrics: dict[str, MetricValue]
    # the meetings set in the period followed to now (cohort mode): the team's funnel
    team_cohort: dict[str, MetricValue]
    held_plan: float  # the SDRs' lower bounds of meetings_held together; 0: no plan
    telephony: Telephony | None
    previous: Previous | None
    diagnosed: Diagnosed  # "what to check": a day's digest looks at its week so far
    trend: Trend | None = None  # a week's digest: the team's 12 weeks ending with it
    actions: ActionsReview | None = None  # a week's digest: the open action items re-checked
    # (subject kind, subject id, situation, metric) of the open action items: the findings
    # of "what to check" whose button says "taken"
    taken: frozenset[tuple[str, int | None, int, str]] = frozenset()


async def reps_against_plan(
    conn: AsyncConnection,
    team: Team,
    kind: str,
    period: Period,
    scope: Scope,
    today: date | None = None,
) -> tuple[RepDigest, ...]:
    """The team's active reps (in the team's order), each with their numbers against the
    plan of ``period`` up to ``today`` (default: its last day, as a digest of a finished
    period); on a day (``kind`` "day") a rep's day off is ``off``."""
    members = [
        m
        for m in await MembersRepo(conn).list_team(team.id, include_inactive=False)
        if m.roles & set(ROLE_ORDER)
    ]
    plans = PlansRepo(conn)
    rules = await plans.rules(team.id)
    by_member = await analytics.counts(conn, scope, MEMBER)
    team_days_off = await plans.team_days_off(team.id)
    weights = await ScoreWeightsRepo(conn).weights(team.id)
    reps = []
    for member in members:
        days_off = team_days_off.get(member.id, [])
        role = next(r for r in ROLE_ORDER if r in member.roles)
        facts = compute(by_member.get(member.id, Counts()))
        plan = {
            line.metric: line
            for line in plan_vs_fact(
                rules,
                member_id=member.id,
                roles=member.roles,
                facts=facts,
                today=period.end if today is None else today,
                period=period,
                workdays=team.workdays,
                days_off=days_off,
            )
        }
        score = scorecard(plan.values(), roles=member.roles, weights=weights)
        if kind == "day" and not is_working_day(period.start, team.workdays, days_off):
            off = RepDigest(member.display_name, role, "off", (), (), member.tg_user_id, score)
            reps.append(off)
            continue
        numbers = []
        for metric in REP_METRICS[role]:
            line = plan.get(metric)
            numbers.append(PlanFact(metric, facts[metric], line.target if line else None))
        # plan_vs_fact lists the member's plannable metrics main indicator first
        planned = tuple(
            PlanFact(line.metric, facts[line.metric], line.target, line.status)
            for line in plan.values()
            if line.target is not None
        )
        main = plan.get(MAIN_INDICATOR[role])
        reps.append(
            RepDigest(
                member.display_name,
                role,
                main.status if main else "none",
                tuple(numbers),
                planned,
                member.tg_user_id,
                score,
            )
        )
    return tuple(reps)


async def build_digest(
    db: Database, team: Team, kind: str, period: Period, settings: Settings
) -> DigestData:
    """The digest of ``period`` (a day, week or month) for the team."""
    scope = scope_of(team, period, "period", settings)
    async with db.read() as conn:
        reps = await reps_against_plan(conn, team, kind, period, scope)
        calls = await typed_and_verified(
            conn, team, period.start, period.end, settings.min_call_seconds
        )
        team_now = compute(await analytics.team_counts(conn, scope))
        team_cohort = compute(await analytics.team_counts(conn, replace(scope, mode="cohort")))
        previous = None
        if kind != "day":
            before = period.previous()
            team_before = await analytics.team_counts(
                conn, scope_of(team, before, "period", settings)
            )
            previous = Previous(before, compute(team_before))
    held_plan = sum(
        rep.main.target.lower
        for rep in reps
        if rep.role == "sdr" and rep.main is not None and rep.main.target is not None
    )
    # What to check: an evening looks at its week so far (a day alone is too little data).
    diagnosed = await build_diagnosis(
        db,
        team,
        Period.containing(period.start, "week") if kind == "day" else period,
        period.end,
        settings,
    )
    trend = None
    if kind == "week":
        trend = await weekly_trend(
            db, team, today=Now.for_team(team).today, ending=period.end, settings=settings
        )
    actions = await review_actions(db, team, period, settings) if kind == "week" else None
    taken = frozenset(await taken_keys(db, team)) if diagnosed.report.findings else frozenset()
    return DigestData(
        kind,
        period,
        reps,
        team_now,
        team_cohort,
        held_plan,
        calls,
        previous,
        diagnosed,
        trend,
        actions=actions,
        taken=taken,
    )
