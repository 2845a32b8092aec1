"""Action items: a finding of the diagnosis someone took on, and its weekly re-check.

An item watches one metric of one subject (the finding's watched indicator: situation
1 ``conv_held_to_paid``, 2 ``conv_set_to_held``, 3 ``meetings_set``) against a
*reference*: the baseline the diagnosis compared it with (``baseline``), or, for a
situation 3 raised because ``meetings_set`` was behind the plan, the plan's lower bound
(``plan``). It is due at the end of the ISO week after the one it was taken in.

**The weekly re-check** (docs/metrics.md, "Action items"). Each weekly digest takes the
metric of the item's subject over the digest's week (``now``) and the reference as it
applies to that week (:func:`reference_for`: a ratio's as it is; a count's scaled by the
team's working days of the week against those of the stretch the diagnosis measured).
The item has

- ``improved`` when ``now`` is defined and has recovered: against a baseline, it is no
  longer a drop by the diagnosis's own size rule (:func:`metrics.diagnosis.dropped`:
  not ``threshold`` or more below, so above ``reference * (1 - threshold)``); against
  the plan, it is at least the plan's lower bound (no longer behind, as the diagnosis
  decides "behind plan"). The digest closes it (``auto_closed``) and says so once;
- otherwise ``overdue`` when the week ends on or after the due day (it had its time);
- otherwise ``carried``: not fixed yet, due later.

An undefined ratio now (no meetings held, or none set, in the week) has not recovered.

>>> due_day(date(2026, 11, 25))  # a Wednesday: the Sunday of the week after
datetime.date(2026, 12, 6)
>>> outcome(0.61, 0.75, "baseline", 0.2, due=date(2026, 12, 6), week_end=date(2026, 11, 29))
'improved'
>>> outcome(0.6, 0.75, "baseline", 0.2, due=date(2026, 12, 6), week_end=date(2026, 11, 29))
'carried'
>>> outcome(4, 5, "plan", 0.2, due=date(2026, 12, 6), week_end=date(2026, 12, 6))
'overdue'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from metrics.diagnosis import dropped
from metrics.registry import metric as registered

__all__ = [
    "OUTCOMES",
    "REFERENCES",
    "STATUSES",
    "due_day",
    "improved",
    "outcome",
    "reference_for",
    "working_days",
]

STATUSES: tuple[str, ...] = ("open", "done", "auto_closed")
"""An item is open until its owner or a manager marks it done, or a weekly digest finds
its metric recovered (``auto_closed``)."""

OUTCOMES: tuple[str, ...] = ("improved", "carried", "overdue")
"""What a weekly re-check finds (see the module's docstring)."""

REFERENCES: tuple[str, ...] = ("baseline", "plan")
"""What an item's number is: the diagnosis's baseline, or the plan's lower bound."""


def due_day(taken: date) -> date:
    """The Sunday of the ISO week after the one containing ``taken`` (team-local days).

    >>> due_day(date(2026, 11, 23)), due_day(date(2026, 11, 29))  # Monday, Sunday
    (datetime.date(2026, 12, 6), datetime.date(2026, 12, 6))
    """
    return taken + timedelta(days=7 - taken.isoweekday() + 7)


def working_days(start: date, end: date, workdays: Iterable[int]) -> int:
    """The team's working days from ``start`` to ``end``, both included.

    >>> working_days(date(2026, 11, 23), date(2026, 11, 29), (1, 2, 3, 4, 5))
    5
    """
    days = set(workdays)
    return sum(
        (start + timedelta(days=i)).isoweekday() in days for i in range((end - start).days + 1)
    )


def reference_for(
    metric: str, reference: float, reference_days: int, days: int, calendar: tuple[int, int]
) -> float:
    """An item's reference as it applies to a stretch of ``days`` working days.

    A ratio's is the same for any stretch. A count's was measured over the diagnosed
    stretch of ``reference_days`` working days and is scaled to ``days``; when that
    stretch had no working day at all, both are counted in calendar days (``calendar``:
    the diagnosed stretch's and this one's).

    >>> reference_for("meetings_set", 6.0, 3, 5, (3, 7))  # Mon-Wed against a week
    10.0
    >>> reference_for("conv_set_to_held", 0.75, 3, 5, (3, 7))
    0.75
    """
    if registered(metric).kind == "ratio":
        return reference
    if reference_days <= 0:
        reference_days, days = calendar
    return reference * days / reference_days


def improved(now: float | None, reference: float, against: str, threshold: float) -> bool:
    """Has the metric recovered? See the module's docstring.

    >>> improved(8, 10, "baseline", 0.2), improved(8.5, 10, "baseline", 0.2)
    (False, True)
    >>> improved(4.9, 5, "plan", 0.2), improved(None, 0.5, "baseline", 0.2)
    (False, False)
    """
    if now is None:
        return False
    if against == "plan":
        return now >= reference
    return not dropped(now, reference, threshold)


def outcome(
    now: float | None,
    reference: float,
    against: str,
    threshold: float,
    *,
    due: date,
    week_end: date,
) -> str:
    """``improved``, ``overdue`` or ``carried`` (see the module's docstring); ``reference``
    is already the week's (:func:`reference_for`)."""
    if improved(now, reference, against, threshold):
        return "improved"
    return "overdue" if week_end >= due else "carried"
