"""A new member's ramp (issue 17, item 2): their plan rises linearly from 50 % to 100 %
over a number of weeks from the day they joined.

The factor of a day (``docs/metrics.md``, "Ramp for new members")::

    factor(day) = 0.5 + 0.5 * min(max(day - start, 0) / (7 * weeks), 1)

where ``day - start`` is in calendar days and ``start`` is the day the member joined
(team-local). On ``start`` it is 50 %, on ``start + 7 * weeks`` days (:attr:`Ramp.until`)
and after, 100 %. During the ramp a day's target is the target in force for the member
that day (the role's plan or their own) times the factor, each bound rounded half up to
a whole unit (:func:`scale`); from :attr:`Ramp.until` on, the target is the plan as set.
``metrics.plans`` applies it where a member's daily target is resolved, so plan vs fact,
the digests, the pace alert, the trend and the wallboard all see the same ramped plan.

>>> ramp = Ramp(member_id=7, start=date(2026, 11, 2), weeks=4)
>>> ramp.factor(date(2026, 11, 2)), ramp.factor(date(2026, 11, 16)), ramp.until
(Fraction(1, 2), Fraction(3, 4), datetime.date(2026, 11, 30))
>>> scale(80.0, ramp.factor(date(2026, 11, 16)))
60.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

__all__ = ["MAX_WEEKS", "START_FACTOR", "Ramp", "scale"]

START_FACTOR = Fraction(1, 2)
"""The share of the plan on the day the member joined."""

MAX_WEEKS = 52
"""The longest ramp /ramp accepts."""


@dataclass(frozen=True, slots=True)
class Ramp:
    """A member's ramp: from ``start`` (the day they joined, team-local) over ``weeks``."""

    member_id: int
    start: date
    weeks: int

    def __post_init__(self) -> None:
        if not 1 <= self.weeks <= MAX_WEEKS:
            raise ValueError(f"a ramp lasts 1..{MAX_WEEKS} weeks, not {self.weeks!r}")

    @property
    def until(self) -> date:
        """The first day of the full plan: ``start + 7 * weeks`` days."""
        return self.start + timedelta(days=7 * self.weeks)

    def factor(self, day: date) -> Fraction:
        """The share of the plan on ``day``: 1/2 on ``start`` (and before), rising by the
        same step each calendar day, 1 from :attr:`until` on."""
        elapsed = min(max((day - self.start).days, 0), 7 * self.weeks)
        return START_FACTOR + (1 - START_FACTOR) * Fraction(elapsed, 7 * self.weeks)


def scale(bound: float, factor: Fraction) -> float:
    """A plan bound on a ramp day: ``bound * factor`` rounded half up to a whole unit
    (money: a whole currency unit); the bound itself when the factor is 1.

    >>> scale(100.0, Fraction(1, 2)), scale(5.0, Fraction(1, 2)), scale(2.5, Fraction(1))
    (50.0, 3.0, 2.5)
    """
    if factor >= 1:
        return bound
    exact = Fraction(repr(bound)) * factor
    return float(math.floor(exact + Fraction(1, 2)))
