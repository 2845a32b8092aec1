"""Week by week: is the team (a member, a source) getting better? /trend, the weekly
digest and the wallboard read it.

:func:`weekly_trend` gives, for each of the last ``weeks`` ISO weeks (Monday to Sunday,
team-local; the week of ``today`` included and flagged ``so_far``), each metric's value
and the **plan band** of that week, as plain frozen dataclasses (:class:`Trend`).

Values are period mode (METRICS.md section 3: each event counts in the week of its own
moment), from the GROUP BY queries of :mod:`storage.analytics`, one set per week and only
the ones the asked metrics read. Ratios are the exception, because a period-mode ratio
is not a funnel (meetings held this week were set in earlier weeks) and can pass 100 %:

* ``targeted_share`` stays in period mode (the targeted leads are some of the week's leads);
* ``conv_set_to_confirmed``, ``conv_set_to_held``, ``conv_held_to_paid`` and
  ``conv_held_to_paid_as_hunter`` are each week's **cohort** (the meetings set that week,
  followed to today: METRICS.md, "Period mode vs cohort mode"), where every step is a
  part of the one before, so none passes 100 %; the last weeks' cohorts are still
  growing (their meetings may yet be held and paid);
* ``conv_confirmed_to_held`` (a meeting may be held without being confirmed) and
  ``conv_call_to_set`` (meetings may be set without a long call) can pass 100 % even for
  one week's cohort: they have no trend (:class:`TrendRefused` ``unbounded_ratio``).

The plan band of a week (lower bound .. goal) is ``metrics.plans.period_target`` over the
week's days: its working days, without the member's days off; for the week of ``today``
only the days up to today. A member's band is their own plan; the team's is the sum of the
bands of its active reps (for ``payments`` and the team's other keys with a hunter twin,
when no rep has a plan for the key itself, the hunters' plans of the twin: for the team
they are the same records, METRICS.md section 8); a source has no plan. Plans are not
historised: every week is measured against the rules, working days, days off and team
members in force now.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from metrics.counts import Activity, Counts, Meetings
from metrics.engine import MAIN_INDICATOR, METRIC_KEYS, RATIO_KEYS, MetricValue, compute
from metrics.periods import Period
from metrics.plans import ROLE_ORDER, PlanRule, Target, is_working_day, period_target
from metrics.registry import metric
from services.subjects import TEAM, Subject
from storage import analytics
from storage.analytics import Scope
from storage.db import Database
from storage.models import Member, Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo
from storage.unit import UnitOfWork

__all__ = [
    "COHORT_RATIOS",
    "DEFAULT_WEEKS",
    "MAX_METRICS",
    "UNBOUNDED_RATIOS",
    "MetricTrend",
    "Trend",
    "TrendPoint",
    "TrendRefused",
    "default_metrics",
    "subject_metrics",
    "weekly_trend",
]

DEFAULT_WEEKS = 12
MAX_METRICS = 3  # one chart panel each: three still read on a phone

COHORT_RATIOS: tuple[str, ...] = (
    "conv_set_to_confirmed",
    "conv_set_to_held",
    "conv_held_to_paid",
    "conv_held_to_paid_as_hunter",
)
"""Ratios drawn from each week's cohort (the meetings set that week, followed to today)."""

UNBOUNDED_RATIOS: tuple[str, ...] = ("conv_confirmed_to_held", "conv_call_to_set")
"""Ratios that can pass 100 % even for one week's cohort: no trend for them."""

assert set(RATIO_KEYS) == {*COHORT_RATIOS, *UNBOUNDED_RATIOS, "targeted_share"}

# What each metric is computed from (metrics.engine.compute): the activity (calls, leads,
# proposals, repeat sales), the setter's meetings or the hunter's. Only these are queried.
_ACTIVITY = {
    "calls_60",
    "calls_total",
    "minutes_on_line",
    "leads_new",
    "leads_targeted",
    "leads_non_targeted",
    "targeted_share",
    "conv_call_to_set",
    "proposals",
    "repeat_payments",
    "repeat_revenue",
    "repeat_avg_check",
    "active_clients",
}
_HUNTER = {key for key in METRIC_KEYS if key.endswith("_as_hunter")}
_SETTER = (set(METRIC_KEYS) - _ACTIVITY - _HUNTER) | {"conv_call_to_set"}

# A source: the metrics given per source (METRICS.md section 3, "Per source").
_SOURCE_KEYS = frozenset(key for key in METRIC_KEYS if metric(key).per_source)


class TrendRefused(Exception):
    """A metric that has no trend for the subject; ``code`` is a stable key for a message:

    ``unbounded_ratio`` (:data:`UNBOUNDED_RATIOS`), ``not_per_source`` (a source asked for
    a metric that is not given per source), ``too_many`` (more than :data:`MAX_METRICS`).
    ``metric`` is the key.
    """

    def __init__(self, code: str, metric: str = "") -> None:
        super().__init__(code, metric)
        self.code = code
        self.metric = metric


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One week of one metric: its value and its plan band (None: no plan)."""

    week: Period  # the whole ISO week (kind "week")
    value: MetricValue  # None: undefined (a ratio or an average over nothing)
    plan: Target | None
    so_far: bool  # the week of today: the value and the plan count the days up to today


@dataclass(frozen=True, slots=True)
class MetricTrend:
    """One metric over the weeks, oldest first; ``mode`` says how it was counted
    (``period``, or ``cohort`` for :data:`COHORT_RATIOS`)."""

    metric: str
    mode: str
    points: tuple[TrendPoint, ...]

    @property
    def planned(self) -> bool:
        return any(point.plan is not None for point in self.points)


@dataclass(frozen=True, slots=True)
class Trend:
    subject: Subject
    today: date  # team-local; the week that contains it is "so far"
    weeks: tuple[Period, ...]  # oldest first
    metrics: tuple[MetricTrend, ...]

    @property
    def span(self) -> Period:
        """The weeks covered, Monday of the first to Sunday of the last."""
        return Period.between(self.weeks[0].start, self.weeks[-1].end)

    @property
    def so_far(self) -> bool:
        """Whether the last week is the current one (its numbers are not final)."""
        return self.weeks[-1].contains(self.today)


def default_metrics(subject: Subject) -> tuple[str, ...]:
    """The team and a source: the main indicators (``meetings_held``, ``payments``); a
    member: their role's main indicator (an SDR's calls of 60 s+ too)."""
    if subject.member is None:
        return ("meetings_held", "payments")
    main = MAIN_INDICATOR[subject.role]
    return (main, "calls_60") if subject.role == "sdr" else (main,)


def _subject_key(key: str, subject: Subject) -> str:
    """The key in the subject's view: a hunter's meetings and payments are the ones they
    held (``meetings_held`` -> ``meetings_held_as_hunter``); the team's and a source's
    hunter keys are their own numbers (``payments_as_hunter`` -> ``payments``)."""
    if subject.member is not None:
        twin = f"{key}_as_hunter"
        return twin if subject.role == "hunter" and twin in _HUNTER else key
    base = key.removesuffix("_as_hunter")
    return base if key in _HUNTER and base in METRIC_KEYS else key


def subject_metrics(keys: Iterable[str], subject: Subject) -> tuple[str, ...]:
    """The metrics to draw for ``keys`` (none given: :func:`default_metrics`), in the
    subject's view, once each; :class:`TrendRefused` for one that has no trend."""
    asked = tuple(dict.fromkeys(_subject_key(key, subject) for key in keys))
    if not asked:
        return default_metrics(subject)
    for key in asked:
        if key not in METRIC_KEYS:
            raise ValueError(f"not a metric key: {key!r}")
        if key in UNBOUNDED_RATIOS:
            raise TrendRefused("unbounded_ratio", key)
        if subject.source is not None and key not in _SOURCE_KEYS:
            raise TrendRefused("not_per_source", key)
    if len(asked) > MAX_METRICS:
        raise TrendRefused("too_many", asked[MAX_METRICS])
    return asked


def _weeks(ending: date, count: int) -> tuple[Period, ...]:
    last = Period.containing(ending, "week")
    return tuple(last.previous(n) for n in range(count - 1, -1, -1))


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


async def _week_counts(
    conn: AsyncConnection, scope: Scope, subject: Subject, keys: Sequence[str]
) -> Counts:
    """The subject's counts of one week: only the queries ``keys`` read."""
    if subject.member is not None:
        scope = replace(scope, member_id=subject.member.id)
    elif subject.source_id is not None:
        scope = replace(scope, source_id=subject.source_id)
    wanted = set(keys)
    activity, setter, hunter = Activity(), Meetings(), Meetings()
    if wanted & _ACTIVITY:
        activity = (await analytics.activity(conn, scope, analytics.TEAM)).get(
            analytics.TEAM, Activity()
        )
    # the team's and a source's hunter view is the same meetings as the setter's
    if wanted & _SETTER or (subject.member is None and wanted & _HUNTER):
        setter = (await analytics.meeting_counts(conn, scope, analytics.TEAM, "setter")).get(
            analytics.TEAM, Meetings()
        )
    if subject.member is None:
        hunter = setter
    elif wanted & _HUNTER:
        hunter = (await analytics.meeting_counts(conn, scope, analytics.TEAM, "hunter")).get(
            analytics.TEAM, Meetings()
        )
    return Counts(activity, setter, hunter)


@dataclass(frozen=True, slots=True)
class _Planner:
    """The plan band of a week for the subject (see the module docstring)."""

    rules: list[PlanRule]
    workdays: tuple[int, ...]
    people: tuple[tuple[Member, list[tuple[date, date]]], ...]  # whose plans add up
    team: bool
    # (member, metric, the weekdays worked) -> their plan: most weeks of a team repeat
    known: dict[tuple[int, str, tuple[int, ...]], Target | None]
    worked: dict[tuple[int, date, date], tuple[int, ...]]  # (member, first, last day) -> weekdays

    def _target(
        self, member: Member, days_off: list[tuple[date, date]], key: str, days: list[date]
    ) -> Target | None:
        """``metrics.plans.period_target``, once per pattern of weekdays worked (the rules
        name weekdays, not dates)."""
        span = (member.id, days[0], days[-1])
        if span not in self.worked:
            self.worked[span] = tuple(
                day.isoweekday() for day in days if is_working_day(day, self.workdays, days_off)
            )
        found = (member.id, key, self.worked[span])
        if found not in self.known:
            self.known[found] = period_target(
                self.rules,
                member_id=member.id,
                roles=member.roles,
                metric=key,
                period_days=days,
                workdays=self.workdays,
                days_off=days_off,
            )
        return self.known[found]

    def band(self, key: str, days: list[date]) -> Target | None:
        found = self._sum(key, days)
        twin = f"{key}_as_hunter"
        if found is None and self.team and twin in _HUNTER:
            found = self._sum(twin, days)  # the team: the hunters' plans of the same records
        return found

    def _sum(self, key: str, days: list[date]) -> Target | None:
        targets = [
            target
            for member, days_off in self.people
            if (target := self._target(member, days_off, key, days)) is not None
        ]
        if not targets:
            return None
        return Target(math.fsum(t.lower for t in targets), math.fsum(t.goal for t in targets))


async def _planner(conn: AsyncConnection, team: Team, subject: Subject) -> _Planner | None:
    if subject.source is not None:
        return None
    plans = PlansRepo(conn)
    if subject.member is not None:
        people = [subject.member]
    else:
        people = [
            m
            for m in await MembersRepo(conn).list_team(team.id, include_inactive=False)
            if m.roles & set(ROLE_ORDER)
        ]
    days_off = await plans.team_days_off(team.id)
    return _Planner(
        await plans.rules(team.id),
        tuple(team.workdays),
        tuple((member, days_off.get(member.id, [])) for member in people),
        team=subject.member is None,
        known={},
        worked={},
    )


async def weekly_trend(
    db: Database | UnitOfWork,
    team: Team,
    subject: Subject = TEAM,
    metrics: Iterable[str] = (),
    *,
    today: date,
    weeks: int = DEFAULT_WEEKS,
    settings: Settings,
    ending: date | None = None,
) -> Trend:
    """The last ``weeks`` ISO weeks of ``subject`` (the team by default): each metric's
    value and plan band per week, oldest week first.

    ``metrics``: keys (:func:`subject_metrics`; none: :func:`default_metrics`).
    ``today``: the team-local day now. ``ending``: a day of the last week (default
    ``today``; never after it): the weekly digest of week W asks for
    ``weekly_trend(db, team, today=today, ending=W.end, settings=settings)``, its 12 weeks
    ending with W. A week that contains ``today`` is ``so_far``: its value and plan count
    the days up to today. Raises :class:`TrendRefused` for a metric with no trend.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, not {weeks}")
    keys = subject_metrics(metrics, subject)
    periods = _weeks(min(ending or today, today), weeks)
    in_period = [key for key in keys if key not in COHORT_RATIOS]
    in_cohort = [key for key in keys if key in COHORT_RATIOS]
    values: dict[str, list[MetricValue]] = {key: [] for key in keys}
    bands: dict[str, list[Target | None]] = {key: [] for key in keys}
    async with db.read() as conn:
        planner = await _planner(conn, team, subject)
        for week in periods:
            end = min(week.end, today)
            for mode, wanted in (("period", in_period), ("cohort", in_cohort)):
                if not wanted:
                    continue
                scope = Scope(team.id, week.start, end, settings.min_call_seconds, mode)
                computed = compute(await _week_counts(conn, scope, subject, wanted))
                for key in wanted:
                    values[key].append(computed[key])
            days = _days(week.start, end)
            for key in keys:
                bands[key].append(planner.band(key, days) if planner is not None else None)
    return Trend(
        subject=subject,
        today=today,
        weeks=periods,
        metrics=tuple(
            MetricTrend(
                key,
                "cohort" if key in COHORT_RATIOS else "period",
                tuple(
                    TrendPoint(week, value, band, week.contains(today))
                    for week, value, band in zip(periods, values[key], bands[key], strict=True)
                ),
            )
            for key in keys
        ),
    )
