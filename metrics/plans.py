"""Plans: daily targets per metric, and plan vs fact (METRICS.md section 5).

A plan is a daily :class:`Target` per metric, a lower bound and a goal (the
article writes plans as ranges: 80-100 calls a day). A team's plan is a list
of :class:`PlanRule`: per role (the team default), overridden per member, and
either of them per ISO weekday. A plan applies on working days only; the plan
for a period is the sum of the daily plans of its working days.

>>> rules = [PlanRule(m, t, role="sdr") for m, t in ARTICLE_SDR_PLAN.items()]
>>> week = Period.containing(date(2026, 11, 25), "week")  # Mon 23 .. Sun 29 November
>>> period_target(rules, member_id=7, roles=["sdr"], metric="calls_60",
...               period_days=_days(week), workdays=DEFAULT_WORKDAYS)
Target(lower=400.0, goal=500.0)
>>> status(250, Target(240, 300)), pace_forecast(250, 3, 5)
('on_track', 416.7)
>>> parse_target("80–100"), parse_weekdays("пн-пт")
(Target(lower=80.0, goal=100.0), (1, 2, 3, 4, 5))
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from metrics.engine import MAIN_INDICATOR
from metrics.grammar import fold, parse_weekday
from metrics.periods import Period
from metrics.ramp import Ramp, scale

__all__ = [
    "ARTICLE_SDR_PLAN",
    "DEFAULT_WORKDAYS",
    "PLANNABLE",
    "ROLE_ORDER",
    "STATUSES",
    "STATUS_MARKS",
    "PaceGap",
    "PlanError",
    "PlanLine",
    "PlanRule",
    "PlanRules",
    "Target",
    "behind_pace",
    "daily_target",
    "is_working_day",
    "pace_forecast",
    "parse_target",
    "parse_weekday",
    "parse_weekdays",
    "period_target",
    "plan_vs_fact",
    "ramp_of",
    "status",
]


class PlanError(ValueError):
    """A plan that cannot be used; ``code`` is a stable key for a localized message.

    Codes: ``bad_target`` (not a number or a range of two), ``lower_above_goal``,
    ``negative``, ``bad_weekdays``. ``value`` is the offending text.
    """

    def __init__(self, code: str, value: object) -> None:
        super().__init__(code, value)
        self.code = code
        self.value = value

    def __str__(self) -> str:
        return {
            "bad_target": f"not a target (a number or a range like 80-100): {self.value!r}",
            "lower_above_goal": f"the lower bound is above the goal: {self.value!r}",
            "negative": f"a target cannot be negative: {self.value!r}",
            "bad_weekdays": f"not weekdays (like mon-fri or пн,ср,пт): {self.value!r}",
        }.get(self.code, f"{self.code}: {self.value!r}")


# --- targets -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """A daily (or summed) target: ``lower`` bound and ``goal``, ``0 <= lower <= goal``."""

    lower: float
    goal: float

    def __post_init__(self) -> None:
        shown = f"{self.lower}-{self.goal}"
        if not (math.isfinite(self.lower) and math.isfinite(self.goal)):
            raise PlanError("bad_target", shown)
        if self.lower < 0 or self.goal < 0:
            raise PlanError("negative", shown)
        if self.lower > self.goal:
            raise PlanError("lower_above_goal", shown)


_NUMBER = r"-?[0-9]+(?:[.,][0-9]+)?"
_TARGET_RE = re.compile(rf"\s*({_NUMBER})\s*(?:[-–—]\s*({_NUMBER})\s*)?")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_target(text: str) -> Target:
    """The target ``text`` writes: ``80-100`` (or an en/em dash), or one number (lower = goal).

    Decimals take a point or a comma (``3,5``). Raises :class:`PlanError`
    ``bad_target``, ``negative`` or ``lower_above_goal``.

    >>> parse_target("3"), parse_target("2,5 - 3.5")
    (Target(lower=3.0, goal=3.0), Target(lower=2.5, goal=3.5))
    """
    match = _TARGET_RE.fullmatch(text)
    if match is None:
        raise PlanError("bad_target", text)
    lower = _number(match[1])
    goal = lower if match[2] is None else _number(match[2])
    if not (math.isfinite(lower) and math.isfinite(goal)):
        raise PlanError("bad_target", text)
    if lower < 0 or goal < 0:
        raise PlanError("negative", text)
    if lower > goal:
        raise PlanError("lower_above_goal", text)
    return Target(lower, goal)


def _sum(targets: Iterable[Target]) -> Target | None:
    """The sum of ``targets``, bound by bound; None when there are none."""
    found = list(targets)
    if not found:
        return None
    return Target(math.fsum(t.lower for t in found), math.fsum(t.goal for t in found))


# --- what a plan may set -----------------------------------------------------------------

ROLE_ORDER: tuple[str, ...] = ("sdr", "hunter", "farmer")
"""The order in which a member's roles are looked at: their first role with a rule wins."""


def _main_first(role: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    main = MAIN_INDICATOR[role]
    return (main, *(key for key in keys if key != main))


PLANNABLE: dict[str, tuple[str, ...]] = {
    "sdr": _main_first(
        "sdr", ("calls_60", "meetings_set", "meetings_held", "leads_new", "minutes_on_line")
    ),
    "hunter": _main_first(
        "hunter",
        ("meetings_held_as_hunter", "payments_as_hunter", "revenue_as_hunter", "proposals"),
    ),
    "farmer": _main_first("farmer", ("calls_60", "repeat_payments", "repeat_revenue")),
}
"""Per role, the metrics a plan may set, the role's main indicator first."""

ARTICLE_SDR_PLAN: dict[str, Target] = {
    "calls_60": Target(80.0, 100.0),
    "meetings_set": Target(3.0, 5.0),
    "meetings_held": Target(3.0, 3.0),
}
"""The article's daily SDR plan (METRICS.md section 5)."""

DEFAULT_WORKDAYS: tuple[int, ...] = (1, 2, 3, 4, 5)
"""Monday to Friday, ISO weekday numbers."""


@dataclass(frozen=True, slots=True)
class PlanRule:
    """One rule of a team's plan: ``target`` a day for ``metric``.

    For a ``role`` (the team default) or for one member (``member_id``, an
    override; with a ``role`` too it applies only while the member has that
    role); with ``weekday`` (ISO, 1 = Monday .. 7 = Sunday) on that weekday only.
    """

    metric: str
    target: Target
    role: str | None = None
    member_id: int | None = None
    weekday: int | None = None

    def __post_init__(self) -> None:
        if self.role is None and self.member_id is None:
            raise ValueError("a plan rule is for a role or for a member")
        if self.weekday is not None and not 1 <= self.weekday <= 7:
            raise ValueError(f"not an ISO weekday: {self.weekday!r}")


class PlanRules(list[PlanRule]):
    """A team's rules as loaded for computation, with its members' ramps (member id ->
    :class:`metrics.ramp.Ramp`): every function here that takes ``rules`` scales a
    ramped member's daily target by the day's factor. A plain list means no ramps."""

    def __init__(self, rules: Iterable[PlanRule] = (), ramps: Mapping[int, Ramp] | None = None):
        super().__init__(rules)
        self.ramps: Mapping[int, Ramp] = dict(ramps or {})


def ramp_of(rules: Sequence[PlanRule], member_id: int) -> Ramp | None:
    """The member's ramp among ``rules`` (a :class:`PlanRules`); None without one."""
    return rules.ramps.get(member_id) if isinstance(rules, PlanRules) else None


def _ramped(rules: Sequence[PlanRule], member_id: int, day: date, target: Target) -> Target:
    """``target`` on ``day`` for a member on a ramp (:mod:`metrics.ramp`), else as it is."""
    ramp = ramp_of(rules, member_id)
    if ramp is None:
        return target
    factor = ramp.factor(day)
    return Target(scale(target.lower, factor), scale(target.goal, factor))


def _roles(roles: Iterable[str]) -> tuple[str, ...]:
    return (roles,) if isinstance(roles, str) else tuple(roles)


def _role_rank(role: str, roles: tuple[str, ...]) -> int:
    if role in ROLE_ORDER:
        return ROLE_ORDER.index(role)
    return len(ROLE_ORDER) + roles.index(role)


def _specificity(rule: PlanRule, member_id: int, roles: tuple[str, ...]) -> tuple[int, int] | None:
    """How specific ``rule`` is for the member (smaller is more); None when it does not apply."""
    if rule.role is not None and rule.role not in roles:
        return None
    if rule.member_id is not None:
        if rule.member_id != member_id:
            return None
        return (0 if rule.weekday is not None else 1), 0
    assert rule.role is not None  # __post_init__: a role or a member
    return (2 if rule.weekday is not None else 3), _role_rank(rule.role, roles)


def _daily(
    rules: Sequence[PlanRule], member_id: int, roles: tuple[str, ...], metric: str, day: date
) -> Target | None:
    weekday = day.isoweekday()
    best: tuple[tuple[int, int], Target] | None = None
    for rule in rules:
        if rule.metric != metric or rule.weekday not in (None, weekday):
            continue
        rank = _specificity(rule, member_id, roles)
        # among equally specific rules the later one wins (it replaced the earlier)
        if rank is not None and (best is None or rank <= best[0]):
            best = rank, rule.target
    return None if best is None else _ramped(rules, member_id, day, best[1])


def daily_target(
    rules: Sequence[PlanRule], *, member_id: int, roles: Iterable[str], metric: str, day: date
) -> Target | None:
    """The member's target for ``metric`` on ``day``, from the rule in force; None without one.

    Most specific first: member and weekday, member, role and weekday, role.
    Between role rules of a member with several roles, the first role in
    :data:`ROLE_ORDER` (sdr, hunter, farmer) wins. A member on a ramp (``rules`` a
    :class:`PlanRules` with their :class:`~metrics.ramp.Ramp`) gets that target scaled
    by the day's factor. Working days are not looked at here (see :func:`is_working_day`).
    """
    return _daily(rules, member_id, _roles(roles), metric, day)


def is_working_day(
    day: date, workdays: Iterable[int], days_off: Iterable[tuple[date, date]] = ()
) -> bool:
    """Whether ``day`` is a team working weekday outside the member's days off (ends included).

    >>> is_working_day(date(2026, 11, 27), DEFAULT_WORKDAYS)  # a Friday
    True
    >>> is_working_day(date(2026, 11, 27), DEFAULT_WORKDAYS, [(date(2026, 11, 27),) * 2])
    False
    """
    if day.isoweekday() not in set(workdays):
        return False
    return not any(start <= day <= end for start, end in days_off)


def _working_days(
    days: Iterable[date], workdays: Iterable[int], days_off: Iterable[tuple[date, date]]
) -> list[date]:
    workdays, days_off = frozenset(workdays), tuple(days_off)
    return [day for day in days if is_working_day(day, workdays, days_off)]


def period_target(
    rules: Sequence[PlanRule],
    *,
    member_id: int,
    roles: Iterable[str],
    metric: str,
    period_days: Iterable[date],
    workdays: Iterable[int],
    days_off: Iterable[tuple[date, date]] = (),
) -> Target | None:
    """The plan for a run of days: the sum of the daily targets of its working days.

    None when no working day has a rule for ``metric``.
    """
    roles = _roles(roles)
    return _sum(
        target
        for day in _working_days(period_days, workdays, days_off)
        if (target := _daily(rules, member_id, roles, metric, day)) is not None
    )


# --- plan vs fact ------------------------------------------------------------------------

STATUSES: tuple[str, ...] = ("behind", "on_track", "done", "none", "off")
STATUS_MARKS: dict[str, str] = {
    "behind": "🔴",
    "on_track": "🟡",
    "done": "🟢",
    "none": "⚪",
    "off": "⚪",
}
"""``none``: no plan; ``off``: a plan, but no working day of it so far."""


def status(fact: float, target: Target | None) -> str:
    """``behind`` below the lower bound, ``on_track`` up to the goal, ``done`` at or above it.

    ``none`` when there is no target.

    >>> [status(f, Target(80, 100)) for f in (79, 80, 99.5, 100)]
    ['behind', 'on_track', 'on_track', 'done']
    >>> status(2, Target(3, 3)), status(3, Target(3, 3)), status(0, None)
    ('behind', 'done', 'none')
    """
    if target is None:
        return "none"
    if fact >= target.goal:
        return "done"
    if fact >= target.lower:
        return "on_track"
    return "behind"


def pace_forecast(
    fact: float, elapsed_working_days: int, working_days_in_period: int
) -> float | None:
    """Fact so far / elapsed working days * working days in the period, to one decimal.

    None when no working day has elapsed.

    >>> pace_forecast(8, 3, 5), pace_forecast(5, 0, 5)
    (13.3, None)
    """
    if elapsed_working_days <= 0:
        return None
    return round(float(fact) / elapsed_working_days * working_days_in_period, 1)


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One metric of plan vs fact.

    ``target`` is the plan of the working days elapsed so far (today included);
    ``left_today`` what is left to reach its goal (None when today is not a
    working day of the period); ``forecast`` the pace over the whole period.
    """

    metric: str
    fact: float
    target: Target | None
    status: str
    left_today: float | None
    forecast: float | None


def _days(period: Period) -> Iterator[date]:
    for offset in range(period.days):
        yield period.start + timedelta(days=offset)


def _plannable(roles: tuple[str, ...]) -> list[str]:
    """The plannable metrics of ``roles``, once each, in :data:`PLANNABLE` order."""
    ordered = sorted((r for r in roles if r in PLANNABLE), key=lambda r: _role_rank(r, roles))
    metrics: list[str] = []
    for role in ordered:
        metrics.extend(m for m in PLANNABLE[role] if m not in metrics)
    return metrics


def plan_vs_fact(
    rules: Sequence[PlanRule],
    *,
    member_id: int,
    roles: Iterable[str],
    facts: Mapping[str, float],
    today: date,
    period: Period,
    workdays: Iterable[int],
    days_off: Iterable[tuple[date, date]] = (),
) -> list[PlanLine]:
    """Plan vs fact of one member in ``period``, seen on ``today`` (team-local).

    One line for each plannable metric of the member's roles that has a rule
    for the member, in :data:`PLANNABLE` order (main indicator first). ``facts``
    are the member's facts of the period so far (a missing or None one is 0;
    ``PlanLine.fact`` keeps the value as given, an int or a Decimal). The
    status compares the fact with the plan of the working days elapsed, today
    included; it is ``off`` when the metric has a rule but no working day with
    a plan has elapsed (the period has not started, or the member was off).
    """
    roles = _roles(roles)
    workdays, days_off = frozenset(workdays), tuple(days_off)
    working = _working_days(_days(period), workdays, days_off)
    elapsed = [day for day in working if day <= today]
    today_working = period.contains(today) and is_working_day(today, workdays, days_off)
    lines: list[PlanLine] = []
    for metric in _plannable(roles):
        if not any(
            rule.metric == metric and _specificity(rule, member_id, roles) is not None
            for rule in rules
        ):
            continue
        given = facts.get(metric) or 0  # kept as given (an int count, a Decimal sum)
        fact = float(given)
        so_far = _sum(
            target
            for day in elapsed
            if (target := _daily(rules, member_id, roles, metric, day)) is not None
        )
        left = None
        if today_working and so_far is not None:
            left = max(0.0, so_far.goal - fact)
        lines.append(
            PlanLine(
                metric=metric,
                fact=given,
                target=so_far,
                status="off" if so_far is None else status(fact, so_far),
                left_today=left,
                forecast=pace_forecast(fact, len(elapsed), len(working)),
            )
        )
    return lines


# --- weekdays ----------------------------------------------------------------------------


def _weekday_or_number(token: str) -> int | None:
    if token.isascii() and token.isdigit():
        number = int(token)
        return number if 1 <= number <= 7 else None
    return parse_weekday(token)


_DASH_RE = re.compile(r"\s*[-–—]\s*")
_LIST_SPLIT_RE = re.compile(r"[,;\s]+")


def parse_weekdays(text: str) -> tuple[int, ...]:
    """Working weekdays as sorted ISO numbers.

    Ranges and lists in English, Russian or numbers: ``mon-fri``, ``пн-пт``,
    ``mon,wed,fri``, ``пн, ср, пт``, ``1-5``, ``mon-wed,fri``. A range runs
    forward (``fri-mon`` is not one). Raises :class:`PlanError` ``bad_weekdays``.

    >>> parse_weekdays("mon-sat"), parse_weekdays("пн,ср,пт")
    ((1, 2, 3, 4, 5, 6), (1, 3, 5))
    """
    norm = _DASH_RE.sub("-", fold(text))
    tokens = [token for token in _LIST_SPLIT_RE.split(norm) if token]
    if not tokens:
        raise PlanError("bad_weekdays", text)
    days: set[int] = set()
    for token in tokens:
        ends = token.split("-")
        if len(ends) > 2:
            raise PlanError("bad_weekdays", text)
        first, last = _weekday_or_number(ends[0]), _weekday_or_number(ends[-1])
        if first is None or last is None or last < first:
            raise PlanError("bad_weekdays", text)
        days.update(range(first, last + 1))
    return tuple(sorted(days))


@dataclass(frozen=True, slots=True)
class PaceGap:
    """A metric behind the day's pace: the fact so far and the share of the plan expected."""

    metric: str
    fact: float
    expected: float


def behind_pace(
    rules: Sequence[PlanRule],
    *,
    member_id: int,
    roles: Iterable[str],
    facts: Mapping[str, float],
    day: date,
    share: float,
) -> list[PaceGap]:
    """The member's planned metrics whose fact so far is below ``share`` of the day's lower
    bound (``share``: the part of the working day that has passed, 0..1).

    Ambition's "fewer than 2 meetings by Wednesday 11:00", per day: at 13:00 of a day
    running 09:00-19:00 (share 0.4), an SDR with a plan of 80-100 calls is behind below 32.

    >>> rules = [PlanRule("calls_60", Target(80, 100), role="sdr")]
    >>> behind_pace(rules, member_id=1, roles={"sdr"}, facts={"calls_60": 20},
    ...             day=date(2026, 11, 27), share=0.4)
    [PaceGap(metric='calls_60', fact=20.0, expected=32.0)]
    >>> behind_pace(rules, member_id=1, roles={"sdr"}, facts={"calls_60": 32},
    ...             day=date(2026, 11, 27), share=0.4)
    []
    """
    roles = _roles(roles)
    gaps = []
    for metric in _plannable(roles):
        target = _daily(rules, member_id, roles, metric, day)
        if target is None or target.lower <= 0:
            continue
        expected = float(target.lower) * share
        fact = float(facts.get(metric) or 0)
        if fact < expected:
            gaps.append(PaceGap(metric, fact, round(expected, 1)))
    return gaps
