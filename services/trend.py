"""Week by week: is the team (a member, a source) getting better? /trend, the weekly
digest and the wallboard read it.

:func:`weekly_trend` gives, for each of the last ``weeks`` ISO weeks (Monday to Sunday,
team-local; the week of ``today`` included and flagged ``so_far``), each metric's value
and the **plan band** of that week, as plain frozen dataclasses (:class:`Trend`).

Values are period mode (METRICS.md section 3: each event counts in the week of its own
moment): each week's value is the metric of that week's counts, as a report of the week
would give it. They come from the GROUP BY queries of :mod:`storage.analytics`, only
the statements the asked metrics read (``metrics.engine.COMPUTED_FROM``), each one for
all the weeks at once (grouped by day, added up per week: ``analytics.activity_by_span``,
``analytics.meetings_by_span``). Ratios are the exception, because a period-mode ratio
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
from metrics.engine import (
    COMPUTED_FROM,
    MAIN_INDICATOR,
    METRIC_KEYS,
    RATIO_KEYS,
    MetricValue,
    compute,
)
from metrics.periods import Period
from metrics.plans import ROLE_ORDER, PlanRule, Target, is_working_day, period_target, ramp_of
from metrics.registry import metric
from services.subjects import TEAM, Subject
from storage import analytics
from storage.analytics import Scope
from storage.db import Database
from storage.models import Team
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

_HUNTER = {key for key in METRIC_KEYS if key.endswith("_as_hunter")}

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


def _reads(keys: Iterable[str]) -> dict[str, set[str]]:
    """The fields of each view of :class:`Counts` the metrics ``keys`` are computed from."""
    views: dict[str, set[str]] = {"activity": set(), "as_setter": set(), "as_hunter": set()}
    for key in keys:
        for name in COMPUTED_FROM[key]:
            view, field = name.split(".")
            views[view].add(field)
    return views


async def _weeks_counts(
    conn: AsyncConnection,
    scope: Scope,
    subject: Subject,
    keys: Sequence[str],
    spans: Sequence[analytics.Span],
) -> list[Counts]:
    """The subject's counts of each of ``spans`` (its weeks): only the fields ``keys``
    read, each statement once for all the weeks."""
    if subject.member is not None:
        scope = replace(scope, member_id=subject.member.id)
    elif subject.source_id is not None:
        scope = replace(scope, source_id=subject.source_id)
    reads = _reads(keys)
    if subject.member is None:
        # the team's and a source's hunter view is the same meetings as the setter's
        reads["as_setter"] |= reads.pop("as_hunter")
    count = len(spans)
    activity = [Activity()] * count
    if reads["activity"]:
        activity = await analytics.activity_by_span(conn, scope, spans, reads["activity"])
    setter = [Meetings()] * count
    if reads["as_setter"]:
        setter = await analytics.meetings_by_span(conn, scope, spans, "setter", reads["as_setter"])
    hunter = setter
    if subject.member is not None:
        hunter = [Meetings()] * count
        if reads["as_hunter"]:
            hunter = await analytics.meetings_by_span(
                conn, scope, spans, "hunter", reads["as_hunter"]
            )
    return [Counts(*found) for found in zip(activity, setter, hunter, strict=True)]


_DaysOff = tuple[tuple[date, date], ...]


@dataclass(frozen=True, slots=True)
class _Planner:
    """The plan band of a week for the subject (see the module docstring).

    A plan depends on a member's roles, days off and the rules naming them, not on who
    they are otherwise: the reps of a team fall into a few profiles (most: a role, no day
    off, no rule of their own), each planned once and counted as many times as it has
    members. ``math.fsum`` sums exactly, so the band is the same as the sum, member by
    member, of their plans."""

    rules: list[PlanRule]
    workdays: tuple[int, ...]
    # whose plans add up: (one of the profile's members, their roles, days off, how many)
    profiles: tuple[tuple[int, tuple[str, ...], _DaysOff, int], ...]
    team: bool
    # (profile's member, metric, the weekdays worked) -> the plan: most weeks repeat
    known: dict[tuple[int, str, tuple[int, ...]], Target | None]
    worked: dict[tuple[_DaysOff, date, date], tuple[int, ...]]  # (days off, first, last day)

    def _target(
        self, member_id: int, roles: tuple[str, ...], days_off: _DaysOff, key: str, days: list[date]
    ) -> Target | None:
        """``metrics.plans.period_target``, once per pattern of weekdays worked (the rules
        name weekdays, not dates)."""
        span = (days_off, days[0], days[-1])
        if span not in self.worked:
            self.worked[span] = tuple(
                day.isoweekday() for day in days if is_working_day(day, self.workdays, days_off)
            )
        found = (member_id, key, self.worked[span])
        if ramp_of(self.rules, member_id) is not None:  # a ramp's plan changes by the day
            found = (member_id, key, (days[0].toordinal(), days[-1].toordinal()))
        if found not in self.known:
            self.known[found] = period_target(
                self.rules,
                member_id=member_id,
                roles=roles,
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
        lowers: list[float] = []
        goals: list[float] = []
        for member_id, roles, days_off, count in self.profiles:
            target = self._target(member_id, roles, days_off, key, days)
            if target is not None:
                lowers += [target.lower] * count
                goals += [target.goal] * count
        if not lowers:
            return None
        return Target(math.fsum(lowers), math.fsum(goals))


def _profiles(
    people: dict[int, frozenset[str]],
    days_off: dict[int, list[tuple[date, date]]],
    rules: list[PlanRule],
) -> tuple[tuple[int, tuple[str, ...], _DaysOff, int], ...]:
    """``people`` (member id -> roles) by what their plans depend on (see
    :class:`_Planner`), in order."""
    named = {rule.member_id for rule in rules if rule.member_id is not None}
    named |= {member_id for member_id in people if ramp_of(rules, member_id)}  # their own too
    found: dict[tuple[int | None, tuple[str, ...], _DaysOff], list[int]] = {}
    for member_id, member_roles in people.items():
        roles = tuple(member_roles)  # as period_target reads them
        off = tuple(days_off.get(member_id, ()))
        own = member_id if member_id in named else None
        found.setdefault((own, roles, off), [member_id, 0])[1] += 1
    return tuple(
        (member_id, roles, off, count) for (_, roles, off), (member_id, count) in found.items()
    )


async def _planner(conn: AsyncConnection, team: Team, subject: Subject) -> _Planner | None:
    if subject.source is not None:
        return None
    plans = PlansRepo(conn)
    if subject.member is not None:
        people = {subject.member.id: subject.member.roles}
    else:
        people = {
            member_id: roles
            for member_id, roles in (await MembersRepo(conn).active_roles(team.id)).items()
            if roles & set(ROLE_ORDER)
        }
    rules = await plans.rules(team.id)
    return _Planner(
        rules,
        tuple(team.workdays),
        _profiles(people, await plans.team_days_off(team.id), rules),
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
    spans = [(week.start, min(week.end, today)) for week in periods]
    values: dict[str, list[MetricValue]] = {key: [] for key in keys}
    bands: dict[str, list[Target | None]] = {key: [] for key in keys}
    async with db.read() as conn:
        planner = await _planner(conn, team, subject)
        for mode, wanted in (("period", in_period), ("cohort", in_cohort)):
            if not wanted:
                continue
            scope = Scope(team.id, spans[0][0], spans[-1][1], settings.min_call_seconds, mode)
            for counts in await _weeks_counts(conn, scope, subject, wanted, spans):
                computed = compute(counts)
                for key in wanted:
                    values[key].append(computed[key])
    for start, end in spans:
        days = _days(start, end)
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
