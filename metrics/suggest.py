"""A suggested daily plan from a member's (or a role's) own history (issue 17, item 1).

The rule (``docs/metrics.md``, "Suggested plans"): over the sample of daily values, the
lower bound is the median and the goal the 80th percentile, both by linear interpolation
between closest ranks (Python's ``statistics.quantiles(data, n=100, method="inclusive")``),
then rounded half up to a whole unit (money: a whole currency unit). Fewer than
:data:`MIN_SAMPLE` values: no suggestion. Which values make the sample (working days,
zeros, days off, the role's pool) is the service's part (``services.suggest``).

>>> suggest_range([0, 1, 2, 3, 4] * 4)
Suggestion(lower=2, goal=3, size=20)
>>> suggest_range([5] * 19) is None
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from metrics.periods import Period
from metrics.plans import is_working_day

__all__ = [
    "GOAL_PERCENTILE",
    "LOWER_PERCENTILE",
    "MIN_SAMPLE",
    "WEEKS",
    "Suggestion",
    "percentile",
    "round_half_up",
    "sample",
    "suggest_range",
    "window",
]

MIN_SAMPLE = 20
"""The fewest daily values a suggestion is made from."""

WEEKS = 12
"""How many full ISO weeks of history the sample covers."""

LOWER_PERCENTILE = 50  # the median
GOAL_PERCENTILE = 80

Number = int | float | Decimal | Fraction


def window(today: date) -> Period:
    """The :data:`WEEKS` full ISO weeks before the week of ``today`` (team-local), Monday
    of the first to Sunday of the last.

    >>> window(date(2026, 11, 27)).label()  # a Friday: 31 August .. 22 November
    '2026-08-31..2026-11-22'
    """
    monday = today - timedelta(days=today.isoweekday() - 1)
    return Period.between(monday - timedelta(weeks=WEEKS), monday - timedelta(days=1))


def sample(
    daily: Mapping[int, Mapping[date, Number]],
    pool: Iterable[int],
    period: Period,
    workdays: Iterable[int],
    days_off: Mapping[int, Sequence[tuple[date, date]]],
    since: Mapping[int, date] | None = None,
) -> list[Number]:
    """The daily values a suggestion is made from: for each member of ``pool`` (one member,
    or every active member of a role), each day of ``period`` from the member's first day
    of history (``since``: the earlier of the day they joined and the day of their first
    record; no entry: the whole period) that is a team working day (``workdays``) outside
    the member's ``days_off``, the member's value that day in ``daily`` (member id -> day
    -> value), 0 when nothing is there. Member by member, day by day.

    >>> week = Period.between(date(2026, 11, 23), date(2026, 11, 29))  # Monday .. Sunday
    >>> off = {2: [(date(2026, 11, 27), date(2026, 11, 27))]}  # member 2 is off on Friday
    >>> sample({1: {date(2026, 11, 24): 7}}, [1, 2], week, (1, 2, 3, 4, 5), off)
    [0, 7, 0, 0, 0, 0, 0, 0, 0]
    >>> sample({1: {date(2026, 11, 24): 7}}, [1], week, (1, 2, 3, 4, 5), {},
    ...        since={1: date(2026, 11, 24)})  # no history before Tuesday
    [7, 0, 0, 0]
    """
    workdays = frozenset(workdays)
    days = [period.start + timedelta(days=n) for n in range(period.days)]
    found: list[Number] = []
    for member_id in pool:
        values, off = daily.get(member_id, {}), tuple(days_off.get(member_id, ()))
        first = (since or {}).get(member_id, period.start)
        found += [
            values.get(day, 0)
            for day in days
            if day >= first and is_working_day(day, workdays, off)
        ]
    return found


def _exact(value: Number) -> Fraction:
    """The exact value; a float is read as the decimal it prints as (``0.1`` is 1/10)."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def percentile(data: Sequence[Number], p: int) -> Fraction:
    """The ``p``-th percentile (1..99) of ``data``, exactly, as
    ``statistics.quantiles(data, n=100, method="inclusive")[p - 1]`` defines it: with the
    values sorted, ``m = len - 1``, ``j = p * m // 100`` and ``delta = p * m - 100 * j``,
    it is ``(x[j] * (100 - delta) + x[j + 1] * delta) / 100`` (``x[j]`` when delta is 0).

    >>> percentile([1, 2, 3, 4], 50), percentile([1, 2, 3, 4], 80)
    (Fraction(5, 2), Fraction(17, 5))
    """
    if not 1 <= p <= 99:
        raise ValueError(f"a percentile is 1..99, not {p!r}")
    if not data:
        raise ValueError("no data")
    ordered = sorted(_exact(value) for value in data)
    m = len(ordered) - 1
    j, delta = divmod(p * m, 100)
    if delta == 0:
        return ordered[j]
    return (ordered[j] * (100 - delta) + ordered[j + 1] * delta) / 100


def round_half_up(value: Fraction) -> int:
    """``value`` (>= 0) to a whole number, halves up: 2.5 -> 3, 2.49 -> 2.

    >>> round_half_up(Fraction(5, 2)), round_half_up(Fraction(249, 100))
    (3, 2)
    """
    return math.floor(value + Fraction(1, 2))


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested daily plan: ``lower`` bound and ``goal`` (whole units, equal: one
    number), and ``size``, how many daily values it was made from."""

    lower: int
    goal: int
    size: int

    @property
    def single(self) -> bool:
        """Whether it is one number (the lower bound is the goal)."""
        return self.lower == self.goal


def suggest_range(sample: Sequence[Number]) -> Suggestion | None:
    """The suggested daily plan for ``sample`` (one value per member-day): the median and
    the 80th percentile (:func:`percentile`), each rounded half up to a whole unit
    (:func:`round_half_up`); None for fewer than :data:`MIN_SAMPLE` values.

    >>> suggest_range([0] * 10 + [10] * 10)  # the median 5, the 80th percentile 10
    Suggestion(lower=5, goal=10, size=20)
    >>> suggest_range([Decimal("1500.50")] * 20)  # money: a whole currency unit
    Suggestion(lower=1501, goal=1501, size=20)
    """
    if len(sample) < MIN_SAMPLE:
        return None
    lower = round_half_up(percentile(sample, LOWER_PERCENTILE))
    goal = round_half_up(percentile(sample, GOAL_PERCENTILE))
    return Suggestion(lower, goal, len(sample))
