"""The scorecard (metrics.score) on hand-computed plan lines: the 1.5 cap, weights, no plan,
a zero goal, a day off, several roles."""

from __future__ import annotations

import doctest
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import metrics.score
from metrics.periods import Period
from metrics.plans import PLANNABLE, PlanLine, PlanRule, Target, plan_vs_fact
from metrics.registry import metric
from metrics.score import (
    MAIN_WEIGHT,
    MAX_WEIGHT,
    OTHER_WEIGHT,
    SCORE_CAP,
    ScoreError,
    default_weight,
    parse_weight,
    score,
    scorecard,
    weight_role,
    weights_in_force,
)

WEEK = Period.containing(date(2026, 11, 25), "week")  # Mon 23 .. Sun 29 November 2026
SDR_PLAN = [
    PlanRule("calls_60", Target(80, 100), role="sdr"),
    PlanRule("meetings_set", Target(3, 5), role="sdr"),
    PlanRule("meetings_held", Target(3, 3), role="sdr"),
]


def test_doctests() -> None:
    assert doctest.testmod(metrics.score).failed == 0


def line(key: str, fact: float, goal: float | None, lower: float | None = None) -> PlanLine:
    target = None if goal is None else Target(goal if lower is None else lower, goal)
    return PlanLine(key, fact, target, "none", None, None)


def test_the_weighted_mean_with_the_default_weights():
    lines = [line("meetings_held", 6, 9), line("calls_60", 150, 300), line("meetings_set", 15, 15)]
    # (3 × 6/9 + 1 × 0.5 + 1 × 1) / 5 = 3.5 / 5
    assert score(lines, roles={"sdr"}) == pytest.approx(0.7)
    card = scorecard(lines, roles={"sdr"})
    assert card.state == "scored"
    assert [(p.metric, p.weight) for p in card.parts] == [
        ("meetings_held", MAIN_WEIGHT),
        ("calls_60", OTHER_WEIGHT),
        ("meetings_set", OTHER_WEIGHT),
    ]


def test_a_metric_counts_at_most_150_percent_of_its_goal():
    lines = [line("meetings_held", 0, 3), line("calls_60", 1000, 100)]
    # calls: 10 × the goal counts as 1.5: (3 × 0 + 1 × 1.5) / 4
    card = scorecard(lines, roles={"sdr"})
    assert card.value == pytest.approx(0.375)
    assert card.parts[1].share == SCORE_CAP and card.parts[1].capped
    assert not card.parts[0].capped
    # everything far above the plan: exactly 150 %
    assert score([line("meetings_held", 30, 3)], roles={"sdr"}) == SCORE_CAP


def test_weights_set_by_the_team_replace_the_defaults():
    lines = [line("meetings_held", 3, 3), line("calls_60", 50, 100)]
    weights = {("sdr", "calls_60"): 2.0, ("sdr", "meetings_held"): 1.0}
    # (1 × 1 + 2 × 0.5) / 3
    assert score(lines, roles={"sdr"}, weights=weights) == pytest.approx(2 / 3)
    # another role's weight for the same metric does not apply to an SDR
    assert score(lines, roles={"sdr"}, weights={("farmer", "calls_60"): 9}) == pytest.approx(
        (3 * 1 + 0.5) / 4
    )


def test_a_weight_of_zero_leaves_the_metric_out():
    lines = [line("meetings_held", 3, 3), line("calls_60", 0, 100)]
    assert score(lines, roles={"sdr"}, weights={("sdr", "calls_60"): 0}) == 1.0
    everything_out = {("sdr", "calls_60"): 0, ("sdr", "meetings_held"): 0}
    card = scorecard(lines, roles={"sdr"}, weights=everything_out)
    assert card.value is None and card.state == "no_score"


def test_no_plan_is_no_score_not_zero():
    card = scorecard([], roles={"sdr"})
    assert card.value is None and card.state == "no_plan" and card.parts == ()
    # a hunter's lines of another role's metric are not the hunter's plan
    assert scorecard([line("calls_60", 5, 100)], roles={"hunter"}).value is None


def test_a_zero_goal_so_far_leaves_the_metric_out():
    lines = [line("meetings_held", 1, 0), line("calls_60", 40, 80)]
    assert score(lines, roles={"sdr"}) == pytest.approx(0.5)  # only the calls
    card = scorecard([line("meetings_held", 1, 0)], roles={"sdr"})
    assert card.value is None and card.state == "no_score"


def test_a_day_off_has_no_score():
    """On the rep's day off no working day of the plan has elapsed: the lines have no goal."""
    friday = date(2026, 11, 27)
    day = Period.containing(friday, "day")
    lines = plan_vs_fact(
        SDR_PLAN,
        member_id=1,
        roles={"sdr"},
        facts={"calls_60": 12},
        today=friday,
        period=day,
        workdays=(1, 2, 3, 4, 5),
        days_off=[(friday, friday)],
    )
    assert lines and all(entry.target is None for entry in lines)
    card = scorecard(lines, roles={"sdr"})
    assert card.value is None and card.state == "no_score"


def test_before_the_first_working_day_there_is_no_score_then_the_goal_so_far_counts():
    rules = SDR_PLAN
    month = Period.containing(date(2026, 11, 1), "month")  # Sunday 1 November: not a workday
    common = {"member_id": 1, "roles": {"sdr"}, "period": month, "workdays": (1, 2, 3, 4, 5)}
    sunday = plan_vs_fact(rules, facts={}, today=date(2026, 11, 1), **common)
    assert scorecard(sunday, roles={"sdr"}).state == "no_score"
    # Wednesday 4 November: three working days so far, goals 300 calls, 15 set, 9 held
    facts = {"calls_60": 150, "meetings_set": 15, "meetings_held": 9}
    wednesday = plan_vs_fact(rules, facts=facts, today=date(2026, 11, 4), **common)
    assert score(wednesday, roles={"sdr"}) == pytest.approx((3 * 1 + 0.5 + 1) / 5)


def test_a_rep_with_several_roles_weighs_each_metric_by_its_first_role():
    """An SDR who also farms: calls_60 weighs as an SDR's; repeat_revenue, the farmer's main
    indicator, as the farmer's (3); each metric counts once."""
    lines = [
        line("meetings_held", 3, 3),  # sdr main: 3
        line("calls_60", 50, 100),  # sdr before farmer: the SDR's weight
        line("repeat_revenue", 0, 100_000),  # farmer main: 3
    ]
    roles = {"farmer", "sdr"}
    assert weight_role("calls_60", roles) == "sdr"
    assert weight_role("repeat_revenue", roles) == "farmer"
    # (3 × 1 + 1 × 0.5 + 3 × 0) / 7
    assert score(lines, roles=roles) == pytest.approx(3.5 / 7)
    weights = {("sdr", "calls_60"): 5, ("farmer", "calls_60"): 0}
    assert score(lines, roles=roles, weights=weights) == pytest.approx((3 + 2.5) / 11)


def test_money_facts_and_decimals():
    lines = [line("repeat_revenue", Decimal("75000.50"), 150_001)]
    assert score(lines, roles={"farmer"}) == pytest.approx(0.5)


def test_the_default_weights_are_three_for_the_main_indicator_and_one_for_the_rest():
    for role, keys in PLANNABLE.items():
        assert default_weight(role, keys[0]) == MAIN_WEIGHT  # the main indicator first
        assert all(default_weight(role, key) == OTHER_WEIGHT for key in keys[1:])
    shown = weights_in_force("sdr", {("sdr", "leads_new"): 2.5})
    assert [(w.metric, w.weight, w.set) for w in shown][:2] == [
        ("meetings_held", 3.0, False),
        ("calls_60", 1.0, False),
    ]
    assert ("leads_new", 2.5, True) in [(w.metric, w.weight, w.set) for w in shown]


def test_no_ratio_can_be_planned():
    """docs/metrics.md says the score never averages ratios: none is plannable."""
    assert all(metric(key).kind != "ratio" for keys in PLANNABLE.values() for key in keys)


@pytest.mark.parametrize(
    ("text", "weight"), [("0", 0.0), ("2", 2.0), ("1,5", 1.5), ("0.25", 0.25), ("10", 10.0)]
)
def test_weights_as_typed(text, weight):
    assert parse_weight(text) == weight


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("lots", "bad_weight"),
        ("1,234", "bad_weight"),
        ("", "bad_weight"),
        ("1e3", "bad_weight"),
        ("nan", "bad_weight"),
        ("11", "weight_range"),
        ("-1", "weight_range"),
        ("10.01", "weight_range"),
    ],
)
def test_bad_weights(text, code):
    with pytest.raises(ScoreError) as error:
        parse_weight(text)
    assert error.value.code == code and error.value.value == text
    if code == "weight_range":
        assert f"0 to {MAX_WEIGHT}:" in str(error.value)


shares = st.floats(min_value=0, max_value=1000, allow_nan=False)
goals = st.floats(min_value=0.5, max_value=1000, allow_nan=False)
weights_st = st.integers(0, 1000).map(lambda n: n / 100)  # what /setweight takes


@given(
    st.lists(
        st.tuples(st.sampled_from(PLANNABLE["sdr"]), shares, goals, weights_st),
        min_size=1,
        max_size=5,
        unique_by=lambda t: t[0],
    )
)
def test_a_score_is_between_0_and_the_cap(entries):
    lines = [line(key, fact, goal) for key, fact, goal, _ in entries]
    weights = {("sdr", key): weight for key, _, _, weight in entries}
    value = score(lines, roles={"sdr"}, weights=weights)
    if all(weight == 0 for *_, weight in entries):
        assert value is None
    else:
        assert value is not None and 0 <= value <= SCORE_CAP + 1e-12
