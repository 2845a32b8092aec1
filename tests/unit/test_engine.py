"""The metric definitions of METRICS.md sections 3 and 4 (metrics.engine)."""

from __future__ import annotations

import doctest
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import metrics.engine
from metrics.counts import Activity, Counts, Meetings
from metrics.engine import (
    BUSINESS_INDICATOR,
    COMPUTED_FROM,
    COUNT_KEYS,
    FARMER_KEYS,
    HUNTER_KEYS,
    MAIN_INDICATOR,
    METRIC_KEYS,
    MONEY_KEYS,
    NULLABLE_KEYS,
    RATIO_KEYS,
    SDR_KEYS,
    compute,
    median_days,
    money,
    ratio,
)

FAST = settings(max_examples=200, deadline=None)
# many draws per example: fewer examples keep the file fast
HEAVY = settings(max_examples=60, deadline=None)


def c(
    activity: dict[str, Any] | None = None,
    setter: dict[str, Any] | None = None,
    hunter: dict[str, Any] | None = None,
) -> Counts:
    return Counts(
        Activity(**(activity or {})), Meetings(**(setter or {})), Meetings(**(hunter or {}))
    )


# The other view is filled with different numbers to show that each key reads its own view.
NOISE_HUNTER = {
    "meetings_set": 91,
    "meetings_confirmed": 92,
    "meetings_held": 93,
    "meetings_cancelled": 94,
    "meetings_no_show": 95,
    "meetings_paid": 96,
    "payments": 97,
    "revenue": Decimal("9999.99"),
    "sales_cycle_days": (99.0,),
}
NOISE_SETTER = {**NOISE_HUNTER, "sales_cycle_days": (77.0,)}

# (key, counts, exact value): every key of METRIC_KEYS by hand.
CASES: list[tuple[str, Counts, Any]] = [
    # 1: calls of 60 s or more (storage counts them; the engine passes them through)
    ("calls_60", c({"calls_60": 80, "calls_total": 100}), 80),
    ("calls_60", c(), 0),
    # 1.1: all calls' seconds / 60, one decimal, halves up
    ("minutes_on_line", c({"call_seconds": 150}), 2.5),
    ("minutes_on_line", c({"call_seconds": 89}), 1.5),  # 1.4833...
    ("minutes_on_line", c({"call_seconds": 3}), 0.1),  # 0.05 exactly: half up
    ("minutes_on_line", c({"call_seconds": 9}), 0.2),  # 0.15 exactly: half up
    ("minutes_on_line", c({"call_seconds": 61}), 1.0),
    ("minutes_on_line", c({"call_seconds": 274_050}), 4567.5),
    ("minutes_on_line", c(), 0.0),
    # 2-4: leads
    ("leads_new", c({"leads_new": 12}), 12),
    ("leads_targeted", c({"leads_new": 12, "leads_targeted": 5}), 5),
    ("leads_non_targeted", c({"leads_new": 12, "leads_non_targeted": 4}), 4),
    # 5-7: meetings, setter attribution
    ("meetings_set", c(setter={"meetings_set": 5}, hunter=NOISE_HUNTER), 5),
    ("meetings_confirmed", c(setter={"meetings_confirmed": 3}, hunter=NOISE_HUNTER), 3),
    ("meetings_held", c(setter={"meetings_held": 2}, hunter=NOISE_HUNTER), 2),
    # 8: meetings_set / calls_60
    ("conv_call_to_set", c({"calls_60": 80}, {"meetings_set": 4}), 0.05),
    ("conv_call_to_set", c({"calls_60": 3}, {"meetings_set": 2}), 0.6667),
    ("conv_call_to_set", c({"calls_60": 3}, {"meetings_set": 1}), 0.3333),
    ("conv_call_to_set", c({"calls_60": 0, "calls_total": 5}, {"meetings_set": 2}), None),
    ("conv_call_to_set", c({"calls_60": 7}), 0.0),
    # 9: meetings_confirmed / meetings_set
    ("conv_set_to_confirmed", c(setter={"meetings_set": 4, "meetings_confirmed": 3}), 0.75),
    ("conv_set_to_confirmed", c(setter={"meetings_confirmed": 1}), None),
    # 10: meetings_held / meetings_confirmed
    ("conv_confirmed_to_held", c(setter={"meetings_confirmed": 3, "meetings_held": 2}), 0.6667),
    ("conv_confirmed_to_held", c(setter={"meetings_held": 2}), None),
    # 11: meetings_held / meetings_set (period mode may go above 1)
    ("conv_set_to_held", c(setter={"meetings_set": 5, "meetings_held": 3}), 0.6),
    ("conv_set_to_held", c(setter={"meetings_set": 4, "meetings_held": 5}), 1.25),
    ("conv_set_to_held", c(setter={"meetings_held": 5}, hunter=NOISE_HUNTER), None),
    # 12: meetings_paid / meetings_held
    ("conv_held_to_paid", c(setter={"meetings_held": 8, "meetings_paid": 1}), 0.125),
    ("conv_held_to_paid", c(setter={"meetings_held": 32, "meetings_paid": 1}), 0.0313),  # half up
    ("conv_held_to_paid", c(setter={"meetings_held": 3}), 0.0),
    ("conv_held_to_paid", c(setter={"meetings_paid": 1}), None),
    # Also
    ("calls_total", c({"calls_total": 100, "calls_60": 80}), 100),
    ("meetings_cancelled", c(setter={"meetings_cancelled": 2}, hunter=NOISE_HUNTER), 2),
    ("meetings_no_show", c(setter={"meetings_no_show": 1}, hunter=NOISE_HUNTER), 1),
    ("meetings_paid", c(setter={"meetings_paid": 3}, hunter=NOISE_HUNTER), 3),
    ("payments", c(setter={"payments": 4, "meetings_paid": 1}, hunter=NOISE_HUNTER), 4),
    ("revenue", c(setter={"revenue": Decimal("1000.005")}), Decimal("1000.01")),
    ("revenue", c(setter={"revenue": Decimal("1000.004")}), Decimal("1000.00")),
    ("revenue", c(setter={"revenue": Decimal(250)}, hunter=NOISE_HUNTER), Decimal("250.00")),
    ("revenue", c(), Decimal("0.00")),
    ("avg_check", c(setter={"revenue": Decimal(100), "payments": 3}), Decimal("33.33")),
    ("avg_check", c(setter={"revenue": Decimal(200), "payments": 3}), Decimal("66.67")),
    ("avg_check", c(setter={"revenue": Decimal("0.05"), "payments": 2}), Decimal("0.03")),
    ("avg_check", c(setter={"revenue": Decimal("1500"), "payments": 2}), Decimal("750.00")),
    ("avg_check", c(setter={"revenue": Decimal(0)}, hunter=NOISE_HUNTER), None),
    ("targeted_share", c({"leads_new": 12, "leads_targeted": 5}), 0.4167),
    ("targeted_share", c({"leads_new": 4}), 0.0),
    ("targeted_share", c({"leads_targeted": 2}), None),
    # Section 4, hunter attribution
    ("meetings_held_as_hunter", c(setter=NOISE_SETTER, hunter={"meetings_held": 7}), 7),
    ("meetings_paid_as_hunter", c(setter=NOISE_SETTER, hunter={"meetings_paid": 2}), 2),
    ("payments_as_hunter", c(setter=NOISE_SETTER, hunter={"payments": 3}), 3),
    (
        "revenue_as_hunter",
        c(setter=NOISE_SETTER, hunter={"revenue": Decimal("10.125")}),
        Decimal("10.13"),
    ),
    ("revenue_as_hunter", c(setter=NOISE_SETTER), Decimal("0.00")),
    (
        "avg_check_as_hunter",
        c(setter=NOISE_SETTER, hunter={"revenue": Decimal(1000), "payments": 3}),
        Decimal("333.33"),
    ),
    ("avg_check_as_hunter", c(setter=NOISE_SETTER), None),
    (
        "conv_held_to_paid_as_hunter",
        c(setter=NOISE_SETTER, hunter={"meetings_held": 4, "meetings_paid": 1}),
        0.25,
    ),
    ("conv_held_to_paid_as_hunter", c(setter=NOISE_SETTER, hunter={"meetings_paid": 1}), None),
    (
        "sales_cycle_days_as_hunter",
        c(setter=NOISE_SETTER, hunter={"sales_cycle_days": (3.0, 10.0, 4.5)}),
        4.5,
    ),
    ("sales_cycle_days_as_hunter", c(hunter={"sales_cycle_days": (1.0, 2.0, 2.0, 4.0)}), 2.0),
    ("sales_cycle_days_as_hunter", c(hunter={"sales_cycle_days": (0.1, 0.2)}), 0.2),  # 0.15 up
    ("sales_cycle_days_as_hunter", c(hunter={"sales_cycle_days": (2.25, 2.3)}), 2.3),
    ("sales_cycle_days_as_hunter", c(hunter={"sales_cycle_days": (12.04,)}), 12.0),
    ("sales_cycle_days_as_hunter", c(setter=NOISE_SETTER), None),
    ("proposals", c({"proposals": 3}), 3),
    # Farmer
    ("repeat_payments", c({"repeat_payments": 2}, NOISE_SETTER, NOISE_HUNTER), 2),
    ("repeat_revenue", c({"repeat_revenue": Decimal("15000.499")}), Decimal("15000.50")),
    ("repeat_revenue", c(setter=NOISE_SETTER), Decimal("0.00")),
    (
        "repeat_avg_check",
        c({"repeat_revenue": Decimal(100), "repeat_payments": 3}),
        Decimal("33.33"),
    ),
    ("repeat_avg_check", c({"repeat_revenue": Decimal(0)}, NOISE_SETTER, NOISE_HUNTER), None),
    ("active_clients", c({"active_clients": 4, "repeat_payments": 6}), 4),
]


@pytest.mark.parametrize(("key", "counts", "expected"), CASES)
def test_metric_by_hand(key: str, counts: Counts, expected: Any) -> None:
    value = compute(counts)[key]
    if expected is None:
        assert value is None
    else:
        assert type(value) is type(expected)
        assert value == expected
        if isinstance(expected, Decimal):
            assert str(value) == str(expected)  # 2 places, not just equal


def test_every_key_has_a_hand_computed_case() -> None:
    assert {key for key, _, _ in CASES} == set(METRIC_KEYS)


def test_every_ratio_and_average_has_an_undefined_case() -> None:
    undefined = {key for key, _, expected in CASES if expected is None}
    assert undefined == set(NULLABLE_KEYS)


# --- the key constants ---------------------------------------------------------------------


def test_metric_keys_are_every_key_once_in_order() -> None:
    assert METRIC_KEYS == (
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
        "calls_total",
        "meetings_cancelled",
        "meetings_no_show",
        "meetings_paid",
        "payments",
        "revenue",
        "avg_check",
        "targeted_share",
        "meetings_held_as_hunter",
        "meetings_paid_as_hunter",
        "payments_as_hunter",
        "revenue_as_hunter",
        "avg_check_as_hunter",
        "conv_held_to_paid_as_hunter",
        "sales_cycle_days_as_hunter",
        "proposals",
        "repeat_payments",
        "repeat_revenue",
        "repeat_avg_check",
        "active_clients",
    )


def test_key_groups() -> None:
    keys = set(METRIC_KEYS)
    assert set(RATIO_KEYS) == {k for k in keys if k.startswith("conv_")} | {"targeted_share"}
    assert set(MONEY_KEYS) == {k for k in keys if "revenue" in k or "avg_check" in k}
    assert set(NULLABLE_KEYS) <= keys and set(COUNT_KEYS) <= keys
    assert set(COUNT_KEYS).isdisjoint(NULLABLE_KEYS) and set(COUNT_KEYS).isdisjoint(MONEY_KEYS)
    for group in (SDR_KEYS, HUNTER_KEYS, FARMER_KEYS):
        assert len(set(group)) == len(group) and set(group) <= keys


def test_main_indicators_come_first() -> None:
    assert MAIN_INDICATOR == {
        "sdr": "meetings_held",
        "hunter": "payments_as_hunter",
        "farmer": "repeat_revenue",
    }
    assert SDR_KEYS[0] == "meetings_held"
    assert HUNTER_KEYS[0] == "payments_as_hunter"
    assert FARMER_KEYS[0] == "repeat_revenue"
    assert BUSINESS_INDICATOR == "payments"
    assert {"calls_60", "meetings_set", "conv_set_to_held"} <= set(SDR_KEYS)
    assert {"proposals", "sales_cycle_days_as_hunter"} <= set(HUNTER_KEYS)
    assert {"calls_total", "calls_60", "active_clients"} <= set(FARMER_KEYS)


# --- ratio, money, median ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (1, 4, 0.25),
        (2, 3, 0.6667),
        (1, 3, 0.3333),
        (1, 32, 0.0313),  # 0.03125: half up, not to even
        (3, 32, 0.0938),  # 0.09375
        (0, 7, 0.0),
        (9, 4, 2.25),
        (Decimal("1.5"), Decimal(3), 0.5),
        (0, 0, None),
        (5, 0, None),
    ],
)
def test_ratio(numerator: Any, denominator: Any, expected: float | None) -> None:
    assert ratio(numerator, denominator) == expected


@FAST
@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_ratio_is_none_iff_denominator_is_zero(numerator: int, denominator: int) -> None:
    value = ratio(numerator, denominator)
    if denominator == 0:
        assert value is None
    else:
        assert isinstance(value, float)
        assert 0 <= value < float("inf")
        assert abs(value - numerator / denominator) <= 0.00005 + 1e-9 * value
        assert value == round(value, 4)


def test_money_and_median() -> None:
    assert money(Decimal("2.675")) == Decimal("2.68")
    assert str(money(7)) == "7.00"
    assert money(Decimal("1e12")) == Decimal("1000000000000.00")
    assert median_days(()) is None
    assert median_days([5]) == 5.0
    assert median_days([1, 2]) == 1.5


# --- properties of compute -----------------------------------------------------------------


def test_nothing_happened() -> None:
    values = compute(Counts())
    assert list(values) == list(METRIC_KEYS)
    for key in COUNT_KEYS:
        assert values[key] == 0 and type(values[key]) is int, key
    for key in NULLABLE_KEYS:
        assert values[key] is None, key
    for key in ("revenue", "revenue_as_hunter", "repeat_revenue"):
        assert str(values[key]) == "0.00"
    assert values["minutes_on_line"] == 0.0


nat = st.integers(0, 10**6)
amounts = st.decimals(min_value=0, max_value=10**10, places=3, allow_nan=False)
meetings = st.builds(
    Meetings,
    meetings_set=nat,
    meetings_confirmed=nat,
    meetings_held=nat,
    meetings_cancelled=nat,
    meetings_no_show=nat,
    meetings_paid=nat,
    payments=nat,
    revenue=amounts,
    sales_cycle_days=st.lists(
        st.floats(0, 3650, allow_nan=False, allow_infinity=False), max_size=6
    ).map(tuple),
)
activities = st.builds(
    Activity,
    calls_total=nat,
    calls_60=nat,
    call_seconds=st.integers(0, 10**9),
    leads_new=nat,
    leads_targeted=nat,
    leads_non_targeted=nat,
    proposals=nat,
    repeat_payments=nat,
    repeat_revenue=amounts,
    active_clients=nat,
)
any_counts = st.builds(Counts, activities, meetings, meetings)

DENOMINATORS = {
    "conv_call_to_set": lambda c: c.activity.calls_60,
    "conv_set_to_confirmed": lambda c: c.as_setter.meetings_set,
    "conv_confirmed_to_held": lambda c: c.as_setter.meetings_confirmed,
    "conv_set_to_held": lambda c: c.as_setter.meetings_set,
    "conv_held_to_paid": lambda c: c.as_setter.meetings_held,
    "targeted_share": lambda c: c.activity.leads_new,
    "conv_held_to_paid_as_hunter": lambda c: c.as_hunter.meetings_held,
    "avg_check": lambda c: c.as_setter.payments,
    "avg_check_as_hunter": lambda c: c.as_hunter.payments,
    "repeat_avg_check": lambda c: c.activity.repeat_payments,
    "sales_cycle_days_as_hunter": lambda c: len(c.as_hunter.sales_cycle_days),
}


@HEAVY
@given(any_counts)
def test_compute_shapes(counts: Counts) -> None:
    values = compute(counts)
    assert tuple(values) == METRIC_KEYS
    for key, denominator in DENOMINATORS.items():
        assert (values[key] is None) == (denominator(counts) == 0), key
    for key in RATIO_KEYS:
        value = values[key]
        assert value is None or (isinstance(value, float) and value >= 0), key
    for key in MONEY_KEYS:
        value = values[key]
        if value is not None:
            assert isinstance(value, Decimal), key
            assert value.as_tuple().exponent == -2, key
            assert value >= 0, key
    for key in COUNT_KEYS:
        assert type(values[key]) is int and values[key] >= 0, key
    minutes = values["minutes_on_line"]
    assert isinstance(minutes, float)
    assert abs(minutes - counts.activity.call_seconds / 60) <= 0.05 + 1e-9 * minutes


def _with(counts: Counts, names: tuple[str, ...], source: Counts) -> Counts:
    """``counts`` with the fields ``names`` ("view.field") taken from ``source``."""
    for name in names:
        view, field = name.split(".")
        part = replace(getattr(counts, view), **{field: getattr(getattr(source, view), field)})
        counts = replace(counts, **{view: part})
    return counts


@HEAVY
@given(any_counts, any_counts)
def test_each_metric_reads_only_what_it_is_computed_from(ours: Counts, theirs: Counts) -> None:
    """Two subjects that agree on a metric's COMPUTED_FROM fields agree on the metric,
    whatever their other counts: a caller may count only those (services.trend does)."""
    assert set(COMPUTED_FROM) == set(METRIC_KEYS)
    expected = compute(theirs)
    for key, names in COMPUTED_FROM.items():
        assert compute(_with(ours, names, theirs))[key] == expected[key], key


def test_each_field_a_metric_is_computed_from_counts() -> None:
    """No field is listed for nothing: changing it changes the metric."""
    activity = Activity(80, 60, 3600, 10, 6, 3, 2, 3, Decimal(300), 2)
    setter = Meetings(8, 6, 5, 1, 1, 2, 3, Decimal(900), (1.0, 3.0))
    base = Counts(activity, setter, replace(setter, revenue=Decimal(800)))
    changed = Counts(
        Activity(87, 67, 3607, 17, 13, 10, 9, 10, Decimal(307), 9),
        Meetings(15, 13, 12, 8, 8, 9, 10, Decimal(907), (1.0, 3.0, 10.0)),
        Meetings(15, 13, 12, 8, 8, 9, 10, Decimal(807), (1.0, 3.0, 10.0)),
    )
    before = compute(base)
    for key, names in COMPUTED_FROM.items():
        for name in names:
            assert compute(_with(base, (name,), changed))[key] != before[key], (key, name)


def test_doctests() -> None:
    assert doctest.testmod(metrics.engine).failed == 0
