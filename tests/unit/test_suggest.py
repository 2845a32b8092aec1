"""The suggested plan's rule (metrics.suggest; docs/metrics.md, "Suggested plans"):
hand-computed samples, and the properties every sample keeps."""

from __future__ import annotations

import doctest
import statistics
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import metrics.suggest
from metrics.periods import Period
from metrics.suggest import (
    MIN_SAMPLE,
    Suggestion,
    percentile,
    round_half_up,
    sample,
    suggest_range,
    window,
)

FAST = settings(max_examples=200, deadline=None)
WORKDAYS = (1, 2, 3, 4, 5)
IVAN, OLEG, PETR = 1, 2, 3


def test_doctests() -> None:
    assert doctest.testmod(metrics.suggest).failed == 0


# --- the rule on hand-computed samples ------------------------------------------------------


def test_fewer_than_twenty_values_give_no_suggestion() -> None:
    assert suggest_range([]) is None
    assert suggest_range([80] * 19) is None
    assert suggest_range([80] * 20) == Suggestion(80, 80, 20)


def test_the_median_and_the_80th_percentile_by_closest_ranks() -> None:
    # 1..20: m = 19; the median at 9.5 ranks -> (10 + 11) / 2 = 10.5 -> 11 (half up);
    # the 80th percentile at 15.2 ranks -> 16 * 0.8 + 17 * 0.2 = 16.2 -> 16
    assert suggest_range(list(range(1, 21))) == Suggestion(11, 16, 20)


def test_days_with_nothing_logged_count_as_zeros() -> None:
    # 12 zero days and 8 days of 90 calls: the median is 0, the 80th percentile
    # x[15] * 0.8 + x[16] * 0.2 = 90
    assert suggest_range([0] * 12 + [90] * 8) == Suggestion(0, 90, 20)
    # 9 zeros, 11 days of 100: the median is x[9] * 0.5 + x[10] * 0.5 = 100
    assert suggest_range([0] * 9 + [100] * 11) == Suggestion(100, 100, 20)


def test_halves_round_up_and_the_rest_to_the_nearest() -> None:
    # 10 days of 2 and 10 of 3: median (2 + 3) / 2 = 2.5 -> 3; 80th percentile 3
    assert suggest_range([2] * 10 + [3] * 10) == Suggestion(3, 3, 20)
    assert round_half_up(Fraction(5, 2)) == 3
    assert round_half_up(Fraction(249, 100)) == 2
    assert round_half_up(Fraction(7, 2)) == 4  # not to even (Python's round gives 4 too)
    assert round_half_up(Fraction(9, 2)) == 5  # Python's round(4.5) is 4


def test_lower_equals_goal_is_one_number() -> None:
    found = suggest_range([3] * 25)
    assert found == Suggestion(3, 3, 25) and found.single
    assert not Suggestion(2, 3, 20).single


def test_money_is_rounded_to_a_whole_currency_unit() -> None:
    # revenue a day: 10 days of 0, 5 of 15 000,50 and 5 of 20 000,25 ₽
    days = [Decimal(0)] * 10 + [Decimal("15000.50")] * 5 + [Decimal("20000.25")] * 5
    # the median (0 + 15 000,50) / 2 = 7 500,25 -> 7 500; the 80th percentile at 15.2 ranks
    # 20 000,25 (x[15] and x[16] both) -> 20 000
    assert suggest_range(days) == Suggestion(7500, 20000, 20)
    # 15 000,50 -> 15 001: half up to the rouble
    assert suggest_range([Decimal("15000.50")] * 20) == Suggestion(15001, 15001, 20)


def test_minutes_with_one_decimal_are_read_exactly() -> None:
    # 0.1 + 0.2 as floats is not 0.3, but 2.5 minutes is 2.5: the median rounds up
    assert suggest_range([2.4] * 10 + [2.6] * 10) == Suggestion(3, 3, 20)
    assert suggest_range([2.4] * 11 + [2.6] * 9) == Suggestion(2, 3, 20)


@pytest.mark.parametrize("p", [1, 25, 50, 80, 99])
def test_percentile_is_pythons_inclusive_quantile(p: int) -> None:
    data = [0, 0, 3, 7, 7, 8, 12, 40, 41, 41, 41, 90]
    expected = statistics.quantiles(data, n=100, method="inclusive")[p - 1]
    assert float(percentile(data, p)) == pytest.approx(expected)


# --- the sample: working days, days off, zeros, the role's pool -----------------------------

MON = date(2026, 11, 23)
WEEK = Period.between(MON, MON + timedelta(days=6))


def test_the_window_is_the_twelve_full_weeks_before_the_current_one() -> None:
    for today in (date(2026, 11, 23), date(2026, 11, 27), date(2026, 11, 29)):
        found = window(today)
        assert (found.start, found.end) == (date(2026, 8, 31), date(2026, 11, 22))
        assert found.days == 84 and found.start.isoweekday() == 1
    assert window(date(2026, 11, 30)).end == date(2026, 11, 29)


def test_weekends_are_left_out_and_quiet_working_days_are_zeros() -> None:
    daily = {IVAN: {MON: 80, MON + timedelta(days=5): 30}}  # Monday, and a Saturday
    assert sample(daily, [IVAN], WEEK, WORKDAYS, {}) == [80, 0, 0, 0, 0]


def test_days_off_are_left_out_not_counted_as_zeros() -> None:
    daily = {IVAN: {MON: 80, MON + timedelta(days=1): 90}}
    off = {IVAN: [(MON + timedelta(days=2), MON + timedelta(days=4))]}  # Wednesday to Friday
    assert sample(daily, [IVAN], WEEK, WORKDAYS, off) == [80, 90]


def test_a_role_pools_every_member_day() -> None:
    daily = {
        IVAN: {MON + timedelta(days=n): 100 for n in range(5)},
        OLEG: {MON + timedelta(days=n): 60 for n in range(5)},
    }
    off = {OLEG: [(MON, MON)]}
    # Petr logged nothing: five zeros; Oleg was off on Monday: four values
    found = sample(daily, [IVAN, OLEG, PETR], WEEK, WORKDAYS, off)
    assert found == [100] * 5 + [60] * 4 + [0] * 5


def test_a_role_over_twelve_weeks_by_hand() -> None:
    period = window(date(2026, 11, 27))
    days = [period.start + timedelta(days=n) for n in range(period.days)]
    working = [day for day in days if day.isoweekday() <= 5]
    # Ivan: 100 calls every working day; Oleg: 50 on Mondays, nothing otherwise; Oleg was
    # off the whole last week
    daily = {
        IVAN: {day: 100 for day in working},
        OLEG: {day: 50 for day in working if day.isoweekday() == 1},
    }
    off = {OLEG: [(date(2026, 11, 16), date(2026, 11, 22))]}
    values = sample(daily, [IVAN, OLEG], period, WORKDAYS, off)
    assert len(values) == 60 + 55
    # sorted: 44 zeros, 11 fifties, 60 hundreds; m = 114: the median at 57 ranks is 100,
    # the 80th percentile at 91.2 ranks is 100
    assert suggest_range(values) == Suggestion(100, 100, 115)
    # Oleg alone: 55 values, 44 zeros and 11 fifties; m = 54: the median is x[27] = 0, the
    # 80th percentile at 43.2 ranks is x[43] * 0.8 + x[44] * 0.2 = 0 * 0.8 + 50 * 0.2 = 10
    oleg = sample(daily, [OLEG], period, WORKDAYS, off)
    assert suggest_range(oleg) == Suggestion(0, 10, 55)


# --- properties ----------------------------------------------------------------------------

values = st.lists(st.integers(min_value=0, max_value=500), min_size=MIN_SAMPLE, max_size=120)
money = st.lists(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    min_size=MIN_SAMPLE,
    max_size=80,
)


@FAST
@given(values)
def test_the_lower_bound_is_never_above_the_goal(data: list[int]) -> None:
    found = suggest_range(data)
    assert found is not None and found.lower <= found.goal and found.size == len(data)


@FAST
@given(money)
def test_the_lower_bound_is_never_above_the_goal_in_money(data: list[Decimal]) -> None:
    found = suggest_range(data)
    assert found is not None and found.lower <= found.goal


@FAST
@given(values, st.data())
def test_a_value_above_the_goal_never_lowers_either_bound(data: list[int], more) -> None:
    before = suggest_range(data)
    assert before is not None
    extra = more.draw(st.integers(min_value=before.goal + 1, max_value=10_000))
    after = suggest_range([*data, extra])
    assert after is not None
    assert after.lower >= before.lower and after.goal >= before.goal


@FAST
@given(values, st.sampled_from([50, 80]))
def test_percentiles_match_statistics_quantiles(data: list[int], p: int) -> None:
    expected = statistics.quantiles(data, n=100, method="inclusive")[p - 1]
    assert float(percentile(data, p)) == pytest.approx(expected, abs=1e-9)


@FAST
@given(values)
def test_the_suggestion_lies_within_the_sample(data: list[int]) -> None:
    found = suggest_range(data)
    assert found is not None
    assert min(data) <= found.lower and found.goal <= max(data)
