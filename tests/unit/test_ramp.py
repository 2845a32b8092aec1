"""A new member's ramp (metrics.ramp; docs/metrics.md, "Ramp for new members"): the
factor of each day, how a plan is scaled and rounded, and the sums over a period."""

from __future__ import annotations

import doctest
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import metrics.ramp
from metrics.periods import Period
from metrics.plans import (
    PlanRule,
    PlanRules,
    Target,
    behind_pace,
    daily_target,
    period_target,
    plan_vs_fact,
)
from metrics.ramp import Ramp, scale

FAST = settings(max_examples=200, deadline=None)
JOINED = date(2026, 11, 2)  # a Monday
IVAN, OLEG = 7, 8
WORKDAYS = (1, 2, 3, 4, 5)
SDR_PLAN = [
    PlanRule("calls_60", Target(80, 100), role="sdr"),
    PlanRule("meetings_set", Target(3, 5), role="sdr"),
]
RAMP = Ramp(IVAN, JOINED, weeks=4)


def test_doctests() -> None:
    assert doctest.testmod(metrics.ramp).failed == 0


@pytest.mark.parametrize(
    ("day", "factor"),
    [
        (date(2026, 10, 30), Fraction(1, 2)),  # before joining (imported history)
        (JOINED, Fraction(1, 2)),
        (date(2026, 11, 3), Fraction(1, 2) + Fraction(1, 56)),  # one day of 28
        (date(2026, 11, 16), Fraction(3, 4)),  # day 14 of 28
        (date(2026, 11, 29), Fraction(1, 2) + Fraction(27, 56)),  # the last ramp day
        (date(2026, 11, 30), Fraction(1)),  # until: the full plan
        (date(2027, 3, 1), Fraction(1)),
    ],
)
def test_the_factor_of_each_day(day: date, factor: Fraction) -> None:
    assert RAMP.factor(day) == factor
    assert RAMP.until == date(2026, 11, 30)


@pytest.mark.parametrize("weeks", [0, 53, -1])
def test_a_ramp_lasts_one_to_fifty_two_weeks(weeks: int) -> None:
    with pytest.raises(ValueError):
        Ramp(IVAN, JOINED, weeks)


def test_bounds_are_scaled_and_rounded_half_up_to_whole_units() -> None:
    assert scale(80, Fraction(3, 4)) == 60 and scale(100, Fraction(3, 4)) == 75
    assert scale(3, Fraction(1, 2)) == 2  # 1.5 -> 2
    assert scale(5, Fraction(1, 2)) == 3  # 2.5 -> 3
    assert scale(80, Fraction(1, 2) + Fraction(1, 56)) == 41  # 41.43 -> 41
    assert scale(150_000.0, Fraction(1, 2) + Fraction(1, 56)) == 77679  # money: whole rubles
    assert scale(2.5, Fraction(1)) == 2.5  # the full plan is the plan as set


def test_the_daily_target_of_a_ramped_member() -> None:
    rules = PlanRules(SDR_PLAN, {IVAN: RAMP})
    day14 = date(2026, 11, 16)
    found = daily_target(rules, member_id=IVAN, roles={"sdr"}, metric="calls_60", day=day14)
    assert found == Target(60, 75)
    # another SDR of the team: the plan as set
    other = daily_target(rules, member_id=OLEG, roles={"sdr"}, metric="calls_60", day=day14)
    assert other == Target(80, 100)
    # a plain list of rules: no ramps
    plain = daily_target(SDR_PLAN, member_id=IVAN, roles={"sdr"}, metric="calls_60", day=day14)
    assert plain == Target(80, 100)


def test_the_ramp_scales_a_personal_plan_too() -> None:
    own = PlanRule("calls_60", Target(120, 140), member_id=IVAN)
    rules = PlanRules([*SDR_PLAN, own], {IVAN: RAMP})
    found = daily_target(rules, member_id=IVAN, roles={"sdr"}, metric="calls_60", day=JOINED)
    assert found == Target(60, 70)


def test_a_week_is_the_sum_of_its_ramped_days() -> None:
    rules = PlanRules(SDR_PLAN, {IVAN: RAMP})
    week = [date(2026, 11, 9) + timedelta(days=n) for n in range(7)]  # days 7..13 of 28
    found = period_target(
        rules, member_id=IVAN, roles={"sdr"}, metric="calls_60", period_days=week, workdays=WORKDAYS
    )
    # Monday..Friday: factors 1/2 + 1/2 * d/28 for d = 7..11 -> 0.625 .. 0.696
    lowers = [scale(80, RAMP.factor(day)) for day in week[:5]]
    goals = [scale(100, RAMP.factor(day)) for day in week[:5]]
    assert lowers == [50, 51, 53, 54, 56] and goals == [63, 64, 66, 68, 70]
    assert found == Target(sum(lowers), sum(goals))


def test_plan_vs_fact_and_the_pace_alert_see_the_ramped_plan() -> None:
    rules = PlanRules(SDR_PLAN, {IVAN: RAMP})
    day = date(2026, 11, 16)  # 75 %
    lines = plan_vs_fact(
        rules,
        member_id=IVAN,
        roles={"sdr"},
        facts={"calls_60": 62},
        today=day,
        period=Period.containing(day, "day"),
        workdays=WORKDAYS,
    )
    calls = next(line for line in lines if line.metric == "calls_60")
    assert calls.target == Target(60, 75) and calls.status == "on_track"
    gaps = behind_pace(
        rules, member_id=IVAN, roles={"sdr"}, facts={"calls_60": 20}, day=day, share=0.5
    )
    assert [(gap.metric, gap.expected) for gap in gaps] == [
        ("calls_60", 30.0),
        ("meetings_set", 1.0),  # 3 * 0.75 = 2.25 -> 2, half of it by mid-day
    ]


@FAST
@given(
    st.integers(min_value=1, max_value=52),
    st.integers(min_value=-30, max_value=400),
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=0, max_value=500),
)
def test_a_ramped_target_stays_a_target_between_half_and_the_plan(
    weeks: int, offset: int, lower: int, extra: int
) -> None:
    ramp = Ramp(IVAN, JOINED, weeks)
    day = JOINED + timedelta(days=offset)
    factor = ramp.factor(day)
    assert Fraction(1, 2) <= factor <= 1
    assert ramp.factor(day + timedelta(days=1)) >= factor
    scaled = Target(scale(lower, factor), scale(lower + extra, factor))  # lower <= goal kept
    assert scaled.lower <= lower and scaled.goal <= lower + extra
    assert scaled.lower >= lower / 2 - 0.5
