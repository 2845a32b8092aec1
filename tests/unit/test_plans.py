"""Plans and plan vs fact (metrics.plans, METRICS.md section 5)."""

from __future__ import annotations

import doctest
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import metrics.plans
from metrics.engine import MAIN_INDICATOR, METRIC_KEYS
from metrics.periods import Period
from metrics.plans import (
    ARTICLE_SDR_PLAN,
    DEFAULT_WORKDAYS,
    PLANNABLE,
    STATUS_MARKS,
    PlanError,
    PlanLine,
    PlanRule,
    Target,
    daily_target,
    is_working_day,
    pace_forecast,
    parse_target,
    parse_weekday,
    parse_weekdays,
    period_target,
    plan_vs_fact,
    status,
)

FAST = settings(max_examples=100, deadline=None)
HEAVY = settings(max_examples=50, deadline=None)
D = date
MON, TUE, WED, THU, FRI, SAT, SUN = (D(2026, 11, 23) + timedelta(days=i) for i in range(7))
WEEK = Period.containing(WED, "week")
WEEK_DAYS = [MON, TUE, WED, THU, FRI, SAT, SUN]
ME = 7
OTHER = 8
ARTICLE_RULES = [
    PlanRule(metric, target, role="sdr") for metric, target in ARTICLE_SDR_PLAN.items()
]
FRIDAY_CALLS = PlanRule("calls_60", Target(120, 150), member_id=ME, weekday=5)


def test_doctests() -> None:
    assert doctest.testmod(metrics.plans).failed == 0


# --- targets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lower", "goal"),
    [
        ("80-100", 80, 100),
        ("80–100", 80, 100),
        ("80—100", 80, 100),
        (" 80 - 100 ", 80, 100),
        ("3", 3, 3),
        ("3,5", 3.5, 3.5),
        ("2.5-3,5", 2.5, 3.5),
        ("0", 0, 0),
        ("0-0", 0, 0),
        ("100-100", 100, 100),
    ],
)
def test_parse_target_valid(text: str, lower: float, goal: float) -> None:
    assert parse_target(text) == Target(lower, goal)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "bad_target"),
        ("abc", "bad_target"),
        ("80-", "bad_target"),
        ("-100-", "bad_target"),
        ("80-100-120", "bad_target"),
        ("80..100", "bad_target"),
        ("3,", "bad_target"),
        ("восемьдесят", "bad_target"),
        ("1" * 400, "bad_target"),
        ("100-80", "lower_above_goal"),
        ("5–3", "lower_above_goal"),
        ("-5", "negative"),
        ("-5-10", "negative"),
        ("5--10", "negative"),
    ],
)
def test_parse_target_invalid(text: str, code: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_target(text)
    assert caught.value.code == code
    assert caught.value.value == text
    assert isinstance(caught.value, ValueError)
    assert str(caught.value)


@pytest.mark.parametrize(
    ("lower", "goal", "code"),
    [(5, 3, "lower_above_goal"), (-1, 3, "negative"), (1, float("inf"), "bad_target")],
)
def test_target_validates(lower: float, goal: float, code: str) -> None:
    with pytest.raises(PlanError) as caught:
        Target(lower, goal)
    assert caught.value.code == code
    assert caught.value.value == f"{lower}-{goal}"


def test_plannable_and_article_plan() -> None:
    for role, keys in PLANNABLE.items():
        assert keys[0] == MAIN_INDICATOR[role]
        assert len(set(keys)) == len(keys)
        assert set(keys) <= set(METRIC_KEYS)
    assert set(PLANNABLE["sdr"]) >= {
        "calls_60",
        "meetings_set",
        "meetings_held",
        "leads_new",
        "minutes_on_line",
    }
    assert set(PLANNABLE["hunter"]) >= {
        "meetings_held_as_hunter",
        "payments_as_hunter",
        "revenue_as_hunter",
        "proposals",
    }
    assert set(PLANNABLE["farmer"]) >= {"calls_60", "repeat_payments", "repeat_revenue"}
    assert ARTICLE_SDR_PLAN == {
        "calls_60": Target(80, 100),
        "meetings_set": Target(3, 5),
        "meetings_held": Target(3, 3),
    }


def test_plan_rule_validates() -> None:
    with pytest.raises(ValueError, match="role or for a member"):
        PlanRule("calls_60", Target(1, 2))
    with pytest.raises(ValueError, match="ISO weekday"):
        PlanRule("calls_60", Target(1, 2), role="sdr", weekday=0)
    with pytest.raises(ValueError, match="ISO weekday"):
        PlanRule("calls_60", Target(1, 2), role="sdr", weekday=8)


# --- daily_target ----------------------------------------------------------------------------


def _daily(rules: list[PlanRule], day: date, roles=("sdr",), member_id=ME, metric="calls_60"):
    return daily_target(rules, member_id=member_id, roles=roles, metric=metric, day=day)


def test_specificity_order() -> None:
    role = PlanRule("calls_60", Target(1, 1), role="sdr")
    role_fri = PlanRule("calls_60", Target(2, 2), role="sdr", weekday=5)
    member = PlanRule("calls_60", Target(3, 3), member_id=ME)
    member_fri = PlanRule("calls_60", Target(4, 4), member_id=ME, weekday=5)
    # whatever the order of the rules, the most specific one wins
    for rules in ([role, role_fri, member, member_fri], [member_fri, member, role_fri, role]):
        assert _daily(rules, FRI) == Target(4, 4)
        assert _daily(rules, THU) == Target(3, 3)
        assert _daily([r for r in rules if r is not member_fri], FRI) == Target(3, 3)
        assert _daily([role, role_fri], FRI) == Target(2, 2)
        assert _daily([role, role_fri], THU) == Target(1, 1)
        assert _daily([role], SUN) == Target(1, 1)  # working days are not looked at here


def test_friday_override_only_on_fridays() -> None:
    rules = [*ARTICLE_RULES, FRIDAY_CALLS]
    assert [_daily(rules, day) for day in WEEK_DAYS] == [Target(80, 100)] * 4 + [
        Target(120, 150),
        Target(80, 100),
        Target(80, 100),
    ]
    # another member keeps the team default on Friday
    assert _daily(rules, FRI, member_id=OTHER) == Target(80, 100)


def test_daily_target_none_and_roles() -> None:
    assert _daily([], MON) is None
    assert _daily(ARTICLE_RULES, MON, roles=("hunter",)) is None
    assert _daily(ARTICLE_RULES, MON, metric="leads_new") is None
    assert _daily(ARTICLE_RULES, MON, roles="sdr") == Target(80, 100)  # a bare role string
    farmer = PlanRule("calls_60", Target(30, 40), role="farmer")
    sdr = PlanRule("calls_60", Target(80, 100), role="sdr")
    # several roles: the first in the order sdr, hunter, farmer
    assert _daily([farmer, sdr], MON, roles=("farmer", "sdr")) == Target(80, 100)
    assert _daily([farmer, sdr], MON, roles=("farmer",)) == Target(30, 40)
    # a role weekday rule beats a plain rule of a higher-ranked role
    farmer_mon = PlanRule("calls_60", Target(10, 10), role="farmer", weekday=1)
    assert _daily([sdr, farmer_mon], MON, roles=("sdr", "farmer")) == Target(10, 10)
    # a member rule with a role applies only while the member has it
    member_farmer = PlanRule("calls_60", Target(5, 5), role="farmer", member_id=ME)
    assert _daily([sdr, member_farmer], MON, roles=("sdr",)) == Target(80, 100)
    assert _daily([sdr, member_farmer], MON, roles=("sdr", "farmer")) == Target(5, 5)
    # equally specific rules: the later one replaces the earlier
    again = PlanRule("calls_60", Target(90, 110), role="sdr")
    assert _daily([sdr, again], MON) == Target(90, 110)


# --- working days and period targets ---------------------------------------------------------


def test_is_working_day() -> None:
    assert [is_working_day(day, DEFAULT_WORKDAYS) for day in WEEK_DAYS] == [True] * 5 + [False] * 2
    assert is_working_day(SAT, range(1, 7))
    off = [(TUE, WED)]
    assert [is_working_day(day, DEFAULT_WORKDAYS, off) for day in (MON, TUE, WED, THU)] == [
        True,
        False,
        False,
        True,
    ]
    assert not is_working_day(FRI, DEFAULT_WORKDAYS, iter([(FRI, FRI)]))


def _period(rules, days, days_off=(), metric="calls_60", roles=("sdr",)):
    return period_target(
        rules,
        member_id=ME,
        roles=roles,
        metric=metric,
        period_days=days,
        workdays=DEFAULT_WORKDAYS,
        days_off=days_off,
    )


def test_period_target_article_week() -> None:
    assert _period(ARTICLE_RULES, WEEK_DAYS) == Target(400, 500)
    assert _period(ARTICLE_RULES, WEEK_DAYS, metric="meetings_set") == Target(15, 25)
    assert _period(ARTICLE_RULES, WEEK_DAYS, metric="meetings_held") == Target(15, 15)
    # with the Friday override: 4 * (80-100) + (120-150)
    assert _period([*ARTICLE_RULES, FRIDAY_CALLS], WEEK_DAYS) == Target(440, 550)


def test_period_target_days_off_and_none() -> None:
    assert _period(ARTICLE_RULES, WEEK_DAYS, days_off=[(TUE, WED)]) == Target(240, 300)
    assert _period(ARTICLE_RULES, WEEK_DAYS, days_off=[(MON, SUN)]) is None
    assert _period(ARTICLE_RULES, [SAT, SUN]) is None
    assert _period(ARTICLE_RULES, []) is None
    assert _period(ARTICLE_RULES, WEEK_DAYS, metric="leads_new") is None
    # a Friday-only rule: one day of plan in the week
    assert _period([FRIDAY_CALLS], WEEK_DAYS) == Target(120, 150)
    assert _period([FRIDAY_CALLS], [MON, TUE, WED]) is None
    # a month: November 2026 has 21 working days
    november = Period.containing(WED, "month")
    days = [november.start + timedelta(days=i) for i in range(november.days)]
    assert _period(ARTICLE_RULES, days) == Target(21 * 80, 21 * 100)


# --- status and pace -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact", "target", "expected"),
    [
        (79, Target(80, 100), "behind"),
        (79.99, Target(80, 100), "behind"),
        (80, Target(80, 100), "on_track"),
        (99.99, Target(80, 100), "on_track"),
        (100, Target(80, 100), "done"),
        (130, Target(80, 100), "done"),
        (2, Target(3, 3), "behind"),
        (3, Target(3, 3), "done"),
        (0, Target(0, 0), "done"),
        (0, Target(0, 1), "on_track"),
        (0, None, "none"),
        (100, None, "none"),
    ],
)
def test_status(fact: float, target: Target | None, expected: str) -> None:
    assert status(fact, target) == expected


def test_status_marks() -> None:
    assert STATUS_MARKS == {
        "behind": "🔴",
        "on_track": "🟡",
        "done": "🟢",
        "none": "⚪",
        "off": "⚪",
    }


@pytest.mark.parametrize(
    ("fact", "elapsed", "total", "expected"),
    [
        (250, 3, 5, 416.7),
        (8, 3, 5, 13.3),
        (9, 3, 5, 15.0),
        (0, 3, 5, 0.0),
        (100, 5, 5, 100.0),
        (10, 1, 21, 210.0),
        (5, 0, 5, None),
        (0, 0, 0, None),
    ],
)
def test_pace_forecast(fact: float, elapsed: int, total: int, expected: float | None) -> None:
    assert pace_forecast(fact, elapsed, total) == expected


# --- plan vs fact ----------------------------------------------------------------------------

FACTS = {"calls_60": 250, "meetings_set": 8, "meetings_held": 9, "leads_new": 40}


def _pvf(today: date, rules=None, facts=FACTS, roles=("sdr",), days_off=(), period=WEEK):
    return plan_vs_fact(
        [*ARTICLE_RULES, FRIDAY_CALLS] if rules is None else rules,
        member_id=ME,
        roles=roles,
        facts=facts,
        today=today,
        period=period,
        workdays=DEFAULT_WORKDAYS,
        days_off=days_off,
    )


def test_plan_vs_fact_on_wednesday() -> None:
    # Mon-Wed elapsed: 3 working days of 5; the Friday override is still ahead
    assert _pvf(WED) == [
        PlanLine("meetings_held", 9, Target(9, 9), "done", 0, 15.0),
        PlanLine("calls_60", 250, Target(240, 300), "on_track", 50, 416.7),
        PlanLine("meetings_set", 8, Target(9, 15), "behind", 7, 13.3),
    ]


def test_plan_vs_fact_on_friday_and_weekend() -> None:
    friday = _pvf(FRI, facts={"calls_60": 450})
    calls = next(line for line in friday if line.metric == "calls_60")
    assert calls == PlanLine("calls_60", 450, Target(440, 550), "on_track", 100, 450.0)
    sunday = _pvf(SUN, facts={"calls_60": 560})
    calls = next(line for line in sunday if line.metric == "calls_60")
    assert calls == PlanLine("calls_60", 560, Target(440, 550), "done", None, 560.0)


def test_plan_vs_fact_days_off() -> None:
    lines = _pvf(WED, days_off=[(TUE, WED)])
    calls = next(line for line in lines if line.metric == "calls_60")
    # only Monday counted; today is off; 3 working days in the week (Mon, Thu, Fri)
    assert calls == PlanLine("calls_60", 250, Target(80, 100), "done", None, 750.0)
    # a whole week off: the rules are there, no plan has applied yet
    lines = _pvf(WED, days_off=[(MON, SUN)])
    assert [line.status for line in lines] == ["off"] * 3
    assert all(line.target is None and line.forecast is None for line in lines)


def test_plan_vs_fact_edges() -> None:
    # a Friday-only rule on a Monday: the line is there, nothing is due yet
    assert _pvf(MON, rules=[FRIDAY_CALLS]) == [PlanLine("calls_60", 250, None, "off", None, 1250.0)]
    # before the period starts, after it ends
    before = _pvf(MON - timedelta(days=1))
    assert all(line.status == "off" and line.left_today is None for line in before)
    after = _pvf(SUN + timedelta(days=3), facts={})
    assert after[0] == PlanLine("meetings_held", 0, Target(15, 15), "behind", None, 0.0)
    # no rules, or rules of another role or member: no lines
    assert _pvf(WED, rules=[]) == []
    assert _pvf(WED, roles=("hunter",)) == []
    other = [PlanRule("calls_60", Target(1, 1), member_id=OTHER)]
    assert _pvf(WED, rules=other) == []
    # a metric the roles cannot plan is not shown
    assert _pvf(WED, rules=[PlanRule("revenue", Target(1, 1), member_id=ME)]) == []


def test_plan_vs_fact_order_and_roles() -> None:
    rules = [
        PlanRule("proposals", Target(2, 3), role="hunter"),
        PlanRule("payments_as_hunter", Target(1, 2), role="hunter"),
        PlanRule("repeat_revenue", Target(1000, 2000), role="farmer"),
        PlanRule("calls_60", Target(30, 40), role="farmer"),
        *ARTICLE_RULES,
    ]
    lines = _pvf(WED, rules=rules, roles=("farmer", "hunter", "sdr"), facts={})
    assert [line.metric for line in lines] == [
        "meetings_held",
        "calls_60",
        "meetings_set",
        "payments_as_hunter",
        "proposals",
        "repeat_revenue",
    ]
    calls = lines[1]
    assert calls.target == Target(240, 300)  # the SDR rule, not the farmer's
    hunter = _pvf(WED, rules=rules, roles=("hunter",), facts={"payments_as_hunter": 2})
    assert hunter[0] == PlanLine("payments_as_hunter", 2, Target(3, 6), "behind", 4, 3.3)


def test_plan_vs_fact_decimal_and_none_facts() -> None:
    rules = [
        PlanRule("repeat_revenue", Target(1000, 2000), role="farmer"),
        PlanRule("calls_60", Target(30, 40), role="farmer"),
    ]
    facts = {"repeat_revenue": Decimal("4500.50"), "calls_60": None}
    line, calls = _pvf(WED, rules=rules, roles=("farmer",), facts=facts)  # type: ignore[arg-type]
    assert calls == PlanLine("calls_60", 0, Target(90, 120), "behind", 120, 0.0)
    assert all(isinstance(x.fact, int) for x in _pvf(WED))  # counts stay ints
    assert line.fact == Decimal("4500.50") and isinstance(line.fact, Decimal)
    assert line == PlanLine(
        "repeat_revenue", Decimal("4500.50"), Target(3000, 6000), "on_track", 1499.5, 7500.8
    )


# --- weekdays --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon-fri", (1, 2, 3, 4, 5)),
        ("Mon - Fri", (1, 2, 3, 4, 5)),
        ("пн-пт", (1, 2, 3, 4, 5)),
        ("ПН–ПТ", (1, 2, 3, 4, 5)),
        ("mon,wed,fri", (1, 3, 5)),
        ("пн,ср,пт", (1, 3, 5)),
        ("пн, ср, пт", (1, 3, 5)),
        ("fri wed mon", (1, 3, 5)),
        ("mon-sat", (1, 2, 3, 4, 5, 6)),
        ("понедельник-суббота", (1, 2, 3, 4, 5, 6)),
        ("1-5", (1, 2, 3, 4, 5)),
        ("1-7", (1, 2, 3, 4, 5, 6, 7)),
        ("mon-wed,fri", (1, 2, 3, 5)),
        ("сб,вс,сб", (6, 7)),
        ("fri-fri", (5,)),
        ("monday-friday", (1, 2, 3, 4, 5)),
    ],
)
def test_parse_weekdays_valid(text: str, expected: tuple[int, ...]) -> None:
    assert parse_weekdays(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "  ", ",", "-", "mon-", "-fri", "fri-mon", "пт-пн", "0-5", "1-8", "mon-wed-fri", "xyz",
     "пн,xx", "weekdays", "5-1", "mon--fri"],
)  # fmt: skip
def test_parse_weekdays_invalid(text: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_weekdays(text)
    assert caught.value.code == "bad_weekdays"
    assert caught.value.value == text


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("fri", 5),
        ("Friday", 5),
        ("FRIDAYS", 5),
        ("пт", 5),
        ("Пятница", 5),
        ("пятницу", 5),
        ("по пятницам", 5),
        ("в среду", 3),
        ("во вторник", 2),
        ("on Monday", 1),
        ("вс", 7),
        ("воскресенье", 7),
        ("thurs", 4),
        ("сб.", 6),
        ("5", None),
        ("", None),
        ("funday", None),
        ("в", None),
    ],
)
def test_parse_weekday(word: str, expected: int | None) -> None:
    assert parse_weekday(word) == expected


# --- properties ------------------------------------------------------------------------------

_RANK = {"behind": 0, "on_track": 1, "done": 2}
_amount = st.floats(min_value=0, max_value=1e6, allow_nan=False)
targets = st.tuples(_amount, _amount).map(lambda pair: Target(*sorted(pair)))


@FAST
@given(targets, _amount, _amount)
def test_status_monotone_in_fact(target: Target, a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert _RANK[status(low, target)] <= _RANK[status(high, target)]


@st.composite
def _rules(draw: st.DrawFn) -> list[PlanRule]:
    found = []
    for _ in range(draw(st.integers(0, 8))):
        role = draw(st.sampled_from(["sdr", "farmer", None]))
        member = draw(st.sampled_from([ME, OTHER] if role is None else [ME, OTHER, None]))
        found.append(
            PlanRule(
                draw(st.sampled_from(["calls_60", "meetings_set"])),
                draw(targets),
                role=role,
                member_id=member,
                weekday=draw(st.one_of(st.none(), st.integers(1, 7))),
            )
        )
    return found


@HEAVY
@given(
    _rules(),
    st.dates(D(2026, 1, 1), D(2026, 12, 31)),
    st.integers(0, 40),
    st.sets(st.integers(1, 7)),
    st.lists(st.tuples(st.dates(D(2026, 1, 1), D(2027, 2, 1)), st.integers(0, 10)), max_size=3),
    st.sampled_from([("sdr",), ("farmer",), ("farmer", "sdr"), ()]),
)
def test_period_target_is_sum_of_daily(
    rules: list[PlanRule],
    start: date,
    length: int,
    workdays: set[int],
    offs: list[tuple[date, int]],
    roles: tuple[str, ...],
) -> None:
    days = [start + timedelta(days=i) for i in range(length)]
    days_off = [(first, first + timedelta(days=n)) for first, n in offs]
    daily = [
        daily_target(rules, member_id=ME, roles=roles, metric="calls_60", day=day)
        for day in days
        if is_working_day(day, workdays, days_off)
    ]
    found = [target for target in daily if target is not None]
    got = period_target(
        rules,
        member_id=ME,
        roles=roles,
        metric="calls_60",
        period_days=days,
        workdays=workdays,
        days_off=days_off,
    )
    if not found:
        assert got is None
    else:
        assert got is not None
        assert got.lower == pytest.approx(sum(t.lower for t in found))
        assert got.goal == pytest.approx(sum(t.goal for t in found))


@FAST
@given(st.text())
def test_parsers_raise_only_plan_error(text: str) -> None:
    for parse in (parse_target, parse_weekdays):
        try:
            parse(text)
        except PlanError:
            pass
    assert parse_weekday(text) in (None, 1, 2, 3, 4, 5, 6, 7)


@FAST
@given(st.text(alphabet="0123456789,.-–— ", max_size=12))
def test_parse_target_numeric_text(text: str) -> None:
    try:
        target = parse_target(text)
    except PlanError as error:
        assert error.code in ("bad_target", "lower_above_goal", "negative")
    else:
        assert 0 <= target.lower <= target.goal
