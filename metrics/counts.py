"""The aggregated counts that storage queries return and metric functions read.

Storage fetches these with GROUP BY queries (never every record); the
functions in :mod:`metrics.engine` turn them into the metrics of METRICS.md.
All fields default to zero so "nothing happened" is ``Counts()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Activity:
    """Records that count for whoever did them (calls, leads, proposals, repeat sales).

    ``active_clients`` is a distinct count: it cannot be added up across people,
    so a team's value comes from its own query, never from a sum.
    """

    calls_total: int = 0
    calls_60: int = 0
    call_seconds: int = 0
    leads_new: int = 0
    leads_targeted: int = 0
    leads_non_targeted: int = 0
    proposals: int = 0
    repeat_payments: int = 0
    repeat_revenue: Decimal = Decimal(0)
    active_clients: int = 0


@dataclass(frozen=True, slots=True)
class Meetings:
    """Meeting and `new` payment counts for one view (a setter, a hunter, a source, the team).

    Period mode: each event counts in the period of its own timestamp.
    Cohort mode: the meetings *set* in the period, followed through every
    non-void record that exists now.

    ``meetings_paid`` are meetings whose first `new` payment falls in the period
    (cohort: cohort meetings paid by now); ``payments``/``revenue`` are the
    `new` payment records (instalments count each); ``sales_cycle_days`` has one
    value per paid meeting: days from set to its first payment.
    """

    meetings_set: int = 0
    meetings_confirmed: int = 0
    meetings_held: int = 0
    meetings_cancelled: int = 0
    meetings_no_show: int = 0
    meetings_paid: int = 0
    payments: int = 0
    revenue: Decimal = Decimal(0)
    sales_cycle_days: tuple[float, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Counts:
    """Everything one subject's metrics are computed from.

    ``as_setter`` feeds the unsuffixed meeting and payment keys (setter
    attribution), ``as_hunter`` the ``_as_hunter`` keys. For a source or the
    team, both views are the same meetings.
    """

    activity: Activity = field(default_factory=Activity)
    as_setter: Meetings = field(default_factory=Meetings)
    as_hunter: Meetings = field(default_factory=Meetings)


def add_activity(a: Activity, b: Activity) -> Activity:
    """Field-wise sum (``active_clients`` too: only right for disjoint client sets)."""
    return Activity(**{f.name: getattr(a, f.name) + getattr(b, f.name) for f in fields(Activity)})
