"""Team races (/race): which metrics can be raced, the share of the target, the milestones.

A race is a team total of one count or money metric of the registry over a run of days,
toward a target. The team chat hears of it at :data:`MILESTONES` (50 %, 100 % and 150 %
of the target), each once, and of the result at the end. When several milestones were
crossed since the last look (a big import, the bot was down), one message names the
highest and the lower ones are not announced any more.

Pure: no aiogram, no SQLAlchemy, no asyncio.

>>> new_milestones(0.55, ())
(50,)
>>> new_milestones(1.6, (50,))
(100, 150)
>>> announced(new_milestones(1.6, (50,)))
150
>>> new_milestones(1.6, (50, 100, 150))
()
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from metrics.registry import metric

__all__ = [
    "MILESTONES",
    "RACE_KINDS",
    "announced",
    "days_left",
    "new_milestones",
    "raceable",
    "reached",
    "share",
]

MILESTONES: tuple[int, ...] = (50, 100, 150)
"""The percents of the target the team chat hears about, in order."""

RACE_KINDS: tuple[str, ...] = ("count", "money")
"""The kinds of metric that add up to a team total (a ratio, an average, minutes or
days do not make a race)."""

Number = int | float | Decimal


def raceable(key: str) -> bool:
    """Whether the metric ``key`` can be raced: an exported count or money metric.

    >>> raceable("meetings_held"), raceable("revenue"), raceable("conv_set_to_held")
    (True, True, False)
    >>> raceable("avg_check")  # money, but an average: it does not add up
    False
    """
    entry = metric(key)
    return entry.exported and entry.kind in RACE_KINDS and "avg_check" not in key


def share(total: Number | None, target: Number) -> float:
    """The team total as a fraction of the target (0.55 = 55 %); 0 for no total.

    >>> share(33, 60), share(None, 60)
    (0.55, 0.0)
    """
    if target <= 0:
        raise ValueError("a race's target is above 0")
    return float(Decimal(str(total or 0)) / Decimal(str(target)))


def reached(fraction: float) -> tuple[int, ...]:
    """The milestones a share of the target has reached (at or above them).

    >>> reached(0.49), reached(0.5), reached(1.49), reached(2.0)
    ((), (50,), (50, 100), (50, 100, 150))
    """
    return tuple(mark for mark in MILESTONES if fraction * 100 >= mark - 1e-9)


def new_milestones(fraction: float, claimed: Iterable[int]) -> tuple[int, ...]:
    """The milestones reached and not claimed before, lowest first."""
    done = set(claimed)
    return tuple(mark for mark in reached(fraction) if mark not in done)


def announced(marks: tuple[int, ...]) -> int | None:
    """Of milestones crossed at once, the one to announce: the highest; None for none."""
    return max(marks) if marks else None


def days_left(today: date, ends_on: date) -> int:
    """Days left in a race ending on ``ends_on``, today included (1 on its last day, 0 after).

    >>> days_left(date(2026, 12, 1), date(2026, 12, 31)), days_left(date(2026, 12, 31),
    ...     date(2026, 12, 31)), days_left(date(2027, 1, 1), date(2026, 12, 31))
    (31, 1, 0)
    """
    return max(0, (ends_on - today).days + 1)
