"""The metrics of METRICS.md sections 3 and 4, computed from one subject's :class:`Counts`.

Pure functions in the style of CPython's :mod:`statistics`: each definition is
stated in a docstring, and an undefined value (a ratio or an average over
nothing) is ``None``, never 0 and never an error.

>>> from metrics.counts import Activity, Meetings
>>> m = compute(Counts(Activity(calls_60=80), Meetings(meetings_set=4, meetings_held=3)))
>>> m["conv_call_to_set"], m["conv_set_to_held"], m["conv_held_to_paid"]
(0.05, 0.75, 0.0)
>>> m["conv_set_to_confirmed"], m["avg_check"] is None
(0.0, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

from metrics.counts import Counts

__all__ = [
    "BUSINESS_INDICATOR",
    "COMPUTED_FROM",
    "COUNT_KEYS",
    "FARMER_KEYS",
    "HUNTER_KEYS",
    "MAIN_INDICATOR",
    "METRIC_KEYS",
    "MONEY_KEYS",
    "NULLABLE_KEYS",
    "RATIO_KEYS",
    "SDR_KEYS",
    "compute",
    "median_days",
    "money",
    "ratio",
]

Number = int | Decimal | Fraction | float
MetricValue = int | float | Decimal | None

# Section 3: the article's table (1, 1.1, 2-12), then "Also".
_SECTION_3_TABLE: tuple[str, ...] = (
    "calls_60",
    "minutes_on_line",
    "leads_new",
    "leads_targeted",
    "leads_non_targeted",
    "meetings_set",
    "meetings_confirmed",
    "meetings_held",
    "conv_call_to_set",
    "conv_set_to_confirmed",
    "conv_confirmed_to_held",
    "conv_set_to_held",
    "conv_held_to_paid",
)
_SECTION_3_ALSO: tuple[str, ...] = (
    "calls_total",
    "meetings_cancelled",
    "meetings_no_show",
    "meetings_paid",
    "payments",
    "revenue",
    "avg_check",
    "targeted_share",
)
# Section 4: hunter keys, proposals, then the farmer keys not already in section 3.
_SECTION_4_HUNTER: tuple[str, ...] = (
    "meetings_held_as_hunter",
    "meetings_paid_as_hunter",
    "payments_as_hunter",
    "revenue_as_hunter",
    "avg_check_as_hunter",
    "conv_held_to_paid_as_hunter",
    "sales_cycle_days_as_hunter",
)
_SECTION_4_FARMER: tuple[str, ...] = (
    "repeat_payments",
    "repeat_revenue",
    "repeat_avg_check",
    "active_clients",
)

METRIC_KEYS: tuple[str, ...] = (
    *_SECTION_3_TABLE,
    *_SECTION_3_ALSO,
    *_SECTION_4_HUNTER,
    "proposals",
    *_SECTION_4_FARMER,
)
"""Every metric key of METRICS.md sections 3 and 4, once each, in export order."""

RATIO_KEYS: tuple[str, ...] = (
    "conv_call_to_set",
    "conv_set_to_confirmed",
    "conv_confirmed_to_held",
    "conv_set_to_held",
    "conv_held_to_paid",
    "targeted_share",
    "conv_held_to_paid_as_hunter",
)
"""Fractions (0.25, shown as 25 %), ``None`` when the denominator is 0."""

MONEY_KEYS: tuple[str, ...] = (
    "revenue",
    "avg_check",
    "revenue_as_hunter",
    "avg_check_as_hunter",
    "repeat_revenue",
    "repeat_avg_check",
)
"""Team currency, :class:`~decimal.Decimal` with 2 places (the averages may be ``None``)."""

NULLABLE_KEYS: tuple[str, ...] = (
    *RATIO_KEYS,
    "avg_check",
    "avg_check_as_hunter",
    "repeat_avg_check",
    "sales_cycle_days_as_hunter",
)
"""Keys that are ``None`` when undefined: ratios and averages over nothing."""

COUNT_KEYS: tuple[str, ...] = tuple(
    key
    for key in METRIC_KEYS
    if key not in NULLABLE_KEYS and key not in MONEY_KEYS and key != "minutes_on_line"
)
"""Whole numbers of records (``int``), 0 when nothing happened."""

MAIN_INDICATOR: dict[str, str] = {
    "sdr": "meetings_held",
    "hunter": "payments_as_hunter",
    "farmer": "repeat_revenue",
}
"""Per role, the metric to watch (the article: open the others when it falls)."""

BUSINESS_INDICATOR = "payments"
"""The business's main indicator: ``new`` payments from the meetings SDRs set."""


def _role_keys(main: str, keys: Iterable[str]) -> tuple[str, ...]:
    return (main, *(key for key in keys if key != main))


SDR_KEYS: tuple[str, ...] = _role_keys(MAIN_INDICATOR["sdr"], (*_SECTION_3_TABLE, *_SECTION_3_ALSO))
"""The SDR view (section 3, setter attribution), main indicator first."""

HUNTER_KEYS: tuple[str, ...] = _role_keys(
    MAIN_INDICATOR["hunter"], (*_SECTION_4_HUNTER, "proposals")
)
"""The hunter view (section 4, hunter attribution), main indicator first."""

FARMER_KEYS: tuple[str, ...] = _role_keys(
    MAIN_INDICATOR["farmer"], (*_SECTION_4_FARMER, "calls_total", "calls_60")
)
"""The farmer view (section 4: repeat sales and contacts), main indicator first."""


COMPUTED_FROM: dict[str, tuple[str, ...]] = {
    "calls_60": ("activity.calls_60",),
    "minutes_on_line": ("activity.call_seconds",),
    "leads_new": ("activity.leads_new",),
    "leads_targeted": ("activity.leads_targeted",),
    "leads_non_targeted": ("activity.leads_non_targeted",),
    "meetings_set": ("as_setter.meetings_set",),
    "meetings_confirmed": ("as_setter.meetings_confirmed",),
    "meetings_held": ("as_setter.meetings_held",),
    "conv_call_to_set": ("as_setter.meetings_set", "activity.calls_60"),
    "conv_set_to_confirmed": ("as_setter.meetings_confirmed", "as_setter.meetings_set"),
    "conv_confirmed_to_held": ("as_setter.meetings_held", "as_setter.meetings_confirmed"),
    "conv_set_to_held": ("as_setter.meetings_held", "as_setter.meetings_set"),
    "conv_held_to_paid": ("as_setter.meetings_paid", "as_setter.meetings_held"),
    "calls_total": ("activity.calls_total",),
    "meetings_cancelled": ("as_setter.meetings_cancelled",),
    "meetings_no_show": ("as_setter.meetings_no_show",),
    "meetings_paid": ("as_setter.meetings_paid",),
    "payments": ("as_setter.payments",),
    "revenue": ("as_setter.revenue",),
    "avg_check": ("as_setter.revenue", "as_setter.payments"),
    "targeted_share": ("activity.leads_targeted", "activity.leads_new"),
    "meetings_held_as_hunter": ("as_hunter.meetings_held",),
    "meetings_paid_as_hunter": ("as_hunter.meetings_paid",),
    "payments_as_hunter": ("as_hunter.payments",),
    "revenue_as_hunter": ("as_hunter.revenue",),
    "avg_check_as_hunter": ("as_hunter.revenue", "as_hunter.payments"),
    "conv_held_to_paid_as_hunter": ("as_hunter.meetings_paid", "as_hunter.meetings_held"),
    "sales_cycle_days_as_hunter": ("as_hunter.sales_cycle_days",),
    "proposals": ("activity.proposals",),
    "repeat_payments": ("activity.repeat_payments",),
    "repeat_revenue": ("activity.repeat_revenue",),
    "repeat_avg_check": ("activity.repeat_revenue", "activity.repeat_payments"),
    "active_clients": ("activity.active_clients",),
}
"""What :func:`compute` reads for each metric: fields of :class:`Counts` as
``"<view>.<field>"`` (``activity``, ``as_setter``, ``as_hunter``). A caller that wants a
few metrics need only count these (the trend queries nothing else)."""


# --- rounding ---------------------------------------------------------------------------

_CTX = Context(prec=100, rounding=ROUND_HALF_UP)
_CENT = Decimal("0.01")


def _exact(value: Number) -> Fraction:
    """The exact value of a number; a float is read as the decimal it prints as."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def _round_half_up(value: Fraction, places: int) -> Fraction:
    """``value`` rounded to ``places`` decimals, halves away from zero, exactly."""
    scale = 10**places
    units = math.floor(abs(value) * scale + Fraction(1, 2))
    return Fraction(units if value >= 0 else -units, scale)


def _to_decimal(value: Fraction, places: int) -> Decimal:
    rounded = _round_half_up(value, places)
    quotient = _CTX.divide(Decimal(rounded.numerator), Decimal(rounded.denominator))
    return quotient.quantize(Decimal(1).scaleb(-places), context=_CTX)


def ratio(numerator: Number, denominator: Number) -> float | None:
    """``numerator / denominator`` as a fraction rounded to 4 decimals (halves up).

    ``None`` when the denominator is 0: an undefined ratio is shown as ``—``
    and exported as ``null``, never 0 % and never an error. A ratio may exceed
    1 in period mode (meetings held this month that were set last month).

    >>> ratio(3, 4)
    0.75
    >>> ratio(2, 3)
    0.6667
    >>> ratio(0, 5)
    0.0
    >>> ratio(5, 0) is None
    True
    """
    if denominator == 0:
        return None
    return float(_round_half_up(_exact(numerator) / _exact(denominator), 4))


def money(amount: Number) -> Decimal:
    """An amount in the team currency: a :class:`~decimal.Decimal` with 2 places (halves up).

    >>> money(Decimal("10.005")), money(3)
    (Decimal('10.01'), Decimal('3.00'))
    """
    return _to_decimal(_exact(amount), 2)


def _average_check(revenue: Decimal, payments: int) -> Decimal | None:
    """``revenue / payments`` in money, ``None`` with no payments."""
    if payments == 0:
        return None
    return _to_decimal(_exact(revenue) / payments, 2)


def median_days(days: Iterable[float]) -> float | None:
    """The median of ``days``, one decimal (halves up); ``None`` for no values.

    >>> median_days([3.0, 10.0, 4.5])
    4.5
    >>> median_days([1, 2, 2, 4])
    2.0
    >>> median_days([0.5, 0.6])
    0.6
    >>> median_days([]) is None
    True
    """
    ordered = sorted(days)  # floats sort exactly; only the middle ones are made exact
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        value = _exact(ordered[middle])
    else:
        value = (_exact(ordered[middle - 1]) + _exact(ordered[middle])) / 2
    return float(_round_half_up(value, 1))


def _minutes(seconds: int) -> float:
    """``seconds / 60``, one decimal (halves up)."""
    return float(_round_half_up(Fraction(seconds, 60), 1))


# --- the metrics ------------------------------------------------------------------------


def compute(counts: Counts) -> dict[str, MetricValue]:
    """Every metric of :data:`METRIC_KEYS` for one subject (a person, a source, the team).

    With ``a = counts.activity``, ``s = counts.as_setter``, ``h = counts.as_hunter``
    (METRICS.md sections 3 and 4):

    - ``calls_60``, ``calls_total``, ``leads_new``, ``leads_targeted``,
      ``leads_non_targeted``, ``proposals``, ``repeat_payments``,
      ``active_clients``: the counts of ``a``;
    - ``minutes_on_line = a.call_seconds / 60``, one decimal, halves up (float);
    - ``meetings_set``, ``meetings_confirmed``, ``meetings_held``,
      ``meetings_cancelled``, ``meetings_no_show``, ``meetings_paid``,
      ``payments``, ``revenue``: the counts of ``s`` (setter attribution);
    - ``conv_call_to_set = meetings_set / calls_60``,
      ``conv_set_to_confirmed = meetings_confirmed / meetings_set``,
      ``conv_confirmed_to_held = meetings_held / meetings_confirmed``,
      ``conv_set_to_held = meetings_held / meetings_set``,
      ``conv_held_to_paid = meetings_paid / meetings_held``,
      ``targeted_share = leads_targeted / leads_new``: see :func:`ratio`;
    - ``avg_check = revenue / payments``, ``repeat_avg_check = repeat_revenue /
      repeat_payments``, ``avg_check_as_hunter = revenue_as_hunter /
      payments_as_hunter``: money, ``None`` with no payments;
    - ``meetings_held_as_hunter``, ``meetings_paid_as_hunter``,
      ``payments_as_hunter``, ``revenue_as_hunter``: the counts of ``h``;
      ``conv_held_to_paid_as_hunter = meetings_paid_as_hunter /
      meetings_held_as_hunter``;
    - ``sales_cycle_days_as_hunter``: :func:`median_days` of ``h.sales_cycle_days``.

    Money (``revenue``, ``repeat_revenue``, the averages) is :class:`~decimal.Decimal`
    with 2 places; counts are ``int``; ratios are ``float`` or ``None``.

    >>> compute(Counts())["conv_set_to_held"] is None
    True
    """
    a, s, h = counts.activity, counts.as_setter, counts.as_hunter
    values: dict[str, MetricValue] = {
        "calls_60": a.calls_60,
        "minutes_on_line": _minutes(a.call_seconds),
        "leads_new": a.leads_new,
        "leads_targeted": a.leads_targeted,
        "leads_non_targeted": a.leads_non_targeted,
        "meetings_set": s.meetings_set,
        "meetings_confirmed": s.meetings_confirmed,
        "meetings_held": s.meetings_held,
        "conv_call_to_set": ratio(s.meetings_set, a.calls_60),
        "conv_set_to_confirmed": ratio(s.meetings_confirmed, s.meetings_set),
        "conv_confirmed_to_held": ratio(s.meetings_held, s.meetings_confirmed),
        "conv_set_to_held": ratio(s.meetings_held, s.meetings_set),
        "conv_held_to_paid": ratio(s.meetings_paid, s.meetings_held),
        "calls_total": a.calls_total,
        "meetings_cancelled": s.meetings_cancelled,
        "meetings_no_show": s.meetings_no_show,
        "meetings_paid": s.meetings_paid,
        "payments": s.payments,
        "revenue": money(s.revenue),
        "avg_check": _average_check(s.revenue, s.payments),
        "targeted_share": ratio(a.leads_targeted, a.leads_new),
        "meetings_held_as_hunter": h.meetings_held,
        "meetings_paid_as_hunter": h.meetings_paid,
        "payments_as_hunter": h.payments,
        "revenue_as_hunter": money(h.revenue),
        "avg_check_as_hunter": _average_check(h.revenue, h.payments),
        "conv_held_to_paid_as_hunter": ratio(h.meetings_paid, h.meetings_held),
        "sales_cycle_days_as_hunter": median_days(h.sales_cycle_days),
        "proposals": a.proposals,
        "repeat_payments": a.repeat_payments,
        "repeat_revenue": money(a.repeat_revenue),
        "repeat_avg_check": _average_check(a.repeat_revenue, a.repeat_payments),
        "active_clients": a.active_clients,
    }
    return {key: values[key] for key in METRIC_KEYS}
