"""Calendar periods: parsing, labels, stepping back (metrics.periods)."""

from __future__ import annotations

import calendar
import doctest
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import metrics.periods
from metrics.periods import (
    KINDS,
    MAX_RANGE_DAYS,
    Period,
    PeriodError,
    resolve_period,
    split_period_words,
)

FAST = settings(max_examples=200, deadline=None)
# many draws per example: fewer examples keep the file fast
HEAVY = settings(max_examples=60, deadline=None)
TODAY = date(2026, 11, 27)  # a Friday
D = date


# --- resolve_period -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("day", D(2026, 11, 27), D(2026, 11, 27), "day"),
        ("today", D(2026, 11, 27), D(2026, 11, 27), "day"),
        ("день", D(2026, 11, 27), D(2026, 11, 27), "day"),
        ("Сегодня", D(2026, 11, 27), D(2026, 11, 27), "day"),
        ("yesterday", D(2026, 11, 26), D(2026, 11, 26), "day"),
        ("вчера", D(2026, 11, 26), D(2026, 11, 26), "day"),
        ("позавчера", D(2026, 11, 25), D(2026, 11, 25), "day"),
        # the whole current ISO week, future days included
        ("week", D(2026, 11, 23), D(2026, 11, 29), "week"),
        ("This Week", D(2026, 11, 23), D(2026, 11, 29), "week"),
        ("неделя", D(2026, 11, 23), D(2026, 11, 29), "week"),
        ("неделю", D(2026, 11, 23), D(2026, 11, 29), "week"),
        ("эта неделя", D(2026, 11, 23), D(2026, 11, 29), "week"),
        ("last week", D(2026, 11, 16), D(2026, 11, 22), "week"),
        ("LAST  WEEK", D(2026, 11, 16), D(2026, 11, 22), "week"),
        ("прошлая неделя", D(2026, 11, 16), D(2026, 11, 22), "week"),
        ("прошлую неделю", D(2026, 11, 16), D(2026, 11, 22), "week"),
        ("за прошлую неделю", D(2026, 11, 16), D(2026, 11, 22), "week"),
        ("month", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("this month", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("месяц", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("этот месяц", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("last month", D(2026, 10, 1), D(2026, 10, 31), "month"),
        ("Прошлый Месяц", D(2026, 10, 1), D(2026, 10, 31), "month"),
        ("quarter", D(2026, 10, 1), D(2026, 12, 31), "quarter"),
        ("квартал", D(2026, 10, 1), D(2026, 12, 31), "quarter"),
        ("last quarter", D(2026, 7, 1), D(2026, 9, 30), "quarter"),
        ("прошлый квартал", D(2026, 7, 1), D(2026, 9, 30), "quarter"),
        ("year", D(2026, 1, 1), D(2026, 12, 31), "year"),
        ("год", D(2026, 1, 1), D(2026, 12, 31), "year"),
        ("last year", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("прошлый год", D(2025, 1, 1), D(2025, 12, 31), "year"),
        # one day
        ("2026-11-05", D(2026, 11, 5), D(2026, 11, 5), "day"),
        ("05.11.2026", D(2026, 11, 5), D(2026, 11, 5), "day"),
        ("05.11.26", D(2026, 11, 5), D(2026, 11, 5), "day"),
        ("05.11", D(2026, 11, 5), D(2026, 11, 5), "day"),
        ("5.11", D(2026, 11, 5), D(2026, 11, 5), "day"),
        ("28.12", D(2025, 12, 28), D(2025, 12, 28), "day"),  # the latest one that has been
        ("2026-12-28", D(2026, 12, 28), D(2026, 12, 28), "day"),  # an explicit year is kept
        # ranges, both days included
        ("2026-11-01..2026-11-15", D(2026, 11, 1), D(2026, 11, 15), "range"),
        ("01.11..15.11", D(2026, 11, 1), D(2026, 11, 15), "range"),
        ("2026-11-01 - 2026-11-15", D(2026, 11, 1), D(2026, 11, 15), "range"),
        ("01.11–15.11", D(2026, 11, 1), D(2026, 11, 15), "range"),
        ("01.11-15.11", D(2026, 11, 1), D(2026, 11, 15), "range"),
        ("2026-11-05..2026-11-05", D(2026, 11, 5), D(2026, 11, 5), "range"),
        ("20.12..10.01", D(2025, 12, 20), D(2026, 1, 10), "range"),
        ("01.12..15.01.2027", D(2026, 12, 1), D(2027, 1, 15), "range"),
        ("сентябрь..ноябрь", D(2026, 9, 1), D(2026, 11, 30), "range"),
        ("2025-01-01..2026-01-01", D(2025, 1, 1), D(2026, 1, 1), "range"),  # 366 days
        # months
        ("november", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("ноябрь", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("ноябре", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("в ноябре", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("ноябрь 2025", D(2025, 11, 1), D(2025, 11, 30), "month"),
        ("November 2025", D(2025, 11, 1), D(2025, 11, 30), "month"),
        ("2026-11", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("11.2026", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("февраль 2028", D(2028, 2, 1), D(2028, 2, 29), "month"),
        ("december", D(2025, 12, 1), D(2025, 12, 31), "month"),  # not started yet this year
        ("q3", D(2026, 7, 1), D(2026, 9, 30), "quarter"),
        ("2026 год", D(2026, 1, 1), D(2026, 12, 31), "year"),
    ],
)
def test_resolve(text: str, start: date, end: date, kind: str) -> None:
    assert resolve_period(text, TODAY) == Period(start, end, kind)


@pytest.mark.parametrize(
    ("text", "today", "start", "end"),
    [
        ("yesterday", D(2026, 1, 1), D(2025, 12, 31), D(2025, 12, 31)),
        ("last week", D(2026, 1, 2), D(2025, 12, 22), D(2025, 12, 28)),
        ("week", D(2026, 1, 1), D(2025, 12, 29), D(2026, 1, 4)),  # ISO week over New Year
        ("last month", D(2026, 1, 15), D(2025, 12, 1), D(2025, 12, 31)),
        ("last month", D(2024, 3, 31), D(2024, 2, 1), D(2024, 2, 29)),
        ("last quarter", D(2026, 2, 10), D(2025, 10, 1), D(2025, 12, 31)),
        ("week", D(2026, 11, 23), D(2026, 11, 23), D(2026, 11, 29)),  # Monday
        ("week", D(2026, 11, 29), D(2026, 11, 23), D(2026, 11, 29)),  # Sunday
        ("29.02", D(2027, 6, 1), D(2024, 2, 29), D(2024, 2, 29)),
        ("28.12", D(2027, 1, 5), D(2026, 12, 28), D(2026, 12, 28)),
        ("28.12..03.01", D(2027, 1, 5), D(2026, 12, 28), D(2027, 1, 3)),
    ],
)
def test_resolve_relative_to_today(text: str, today: date, start: date, end: date) -> None:
    period = resolve_period(text, today)
    assert (period.start, period.end) == (start, end)


def test_none_or_blank_is_the_default() -> None:
    assert resolve_period(None, TODAY) == Period(TODAY, TODAY, "day")
    assert resolve_period("   ", TODAY, default="month").kind == "month"
    assert resolve_period(None, TODAY, default="last week").start == D(2026, 11, 16)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("blah", "unknown"),
        ("next week", "unknown"),
        ("@ivan", "unknown"),
        ("80", "unknown"),
        ("31.02", "bad_date"),
        ("2026-13-01", "bad_date"),
        ("2026-13", "bad_date"),
        ("0000-01-01", "bad_date"),
        ("2026-11-15..2026-11-01", "end_before_start"),
        ("15.11..01.11.2026", "end_before_start"),
        ("15.11..01.11", "end_before_start"),
        ("2025-01-01..2026-01-02", "too_long"),
        ("2024-01-01..2026-01-01", "too_long"),
    ],
)
def test_resolve_errors(text: str, code: str) -> None:
    with pytest.raises(PeriodError) as caught:
        resolve_period(text, TODAY)
    assert caught.value.code == code
    assert caught.value.value == text
    assert isinstance(caught.value, ValueError)
    assert text in str(caught.value)


# --- split_period_words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tokens", "period", "rest"),
    [
        (["last", "week", "@ivan"], "last week", ["@ivan"]),
        (["прошлый", "месяц", "cohort"], "прошлый месяц", ["cohort"]),
        (["@ivan", "week"], "week", ["@ivan"]),
        (
            ["cohort", "2026-11-01", "-", "2026-11-15", "csv"],
            "2026-11-01 - 2026-11-15",
            ["cohort", "csv"],
        ),
        (["ноябрь", "2026"], "ноябрь 2026", []),
        (["за", "прошлую", "неделю"], "за прошлую неделю", []),
        (["day", "before", "yesterday"], "day before yesterday", []),
        (["31.02", "@ivan"], "31.02", ["@ivan"]),  # shaped like a date: resolve says what is wrong
        (["@ivan", "cohort"], None, ["@ivan", "cohort"]),
        (["1.5", "@ivan"], None, ["1.5", "@ivan"]),  # a number, not 1 May
        (["1.05", "@ivan"], "1.05", ["@ivan"]),
        ([], None, []),
    ],
)
def test_split_period_words(tokens: list[str], period: str | None, rest: list[str]) -> None:
    assert split_period_words(tokens) == (period, rest)


def test_split_does_not_change_its_argument() -> None:
    tokens = ["last", "week"]
    split_period_words(tokens)
    assert tokens == ["last", "week"]


# --- Period -------------------------------------------------------------------------------


def test_period_basics() -> None:
    week = Period(D(2026, 11, 23), D(2026, 11, 29), "week")
    assert week.days == 7
    assert week.contains(D(2026, 11, 23)) and week.contains(D(2026, 11, 29))
    assert not week.contains(D(2026, 11, 22)) and not week.contains(D(2026, 11, 30))
    assert Period(TODAY, TODAY, "day").days == 1
    with pytest.raises(PeriodError):
        Period(D(2026, 11, 2), D(2026, 11, 1), "range")
    with pytest.raises(ValueError, match="kind"):
        Period(TODAY, TODAY, "fortnight")


@pytest.mark.parametrize(
    ("period", "iso", "en", "ru"),
    [
        (Period(D(2026, 11, 5), D(2026, 11, 5), "day"), "2026-11-05", "2026-11-05", "05.11.2026"),
        (
            Period(D(2026, 11, 23), D(2026, 11, 29), "week"),
            "2026-11-23..2026-11-29",
            "week of 2026-11-23",
            "неделя 23.11–29.11.2026",
        ),
        (
            Period(D(2025, 12, 29), D(2026, 1, 4), "week"),
            "2025-12-29..2026-01-04",
            "week of 2025-12-29",
            "неделя 29.12.2025–04.01.2026",
        ),
        (
            Period(D(2026, 11, 1), D(2026, 11, 30), "month"),
            "2026-11-01..2026-11-30",
            "November 2026",
            "ноябрь 2026",
        ),
        (
            Period(D(2026, 10, 1), D(2026, 12, 31), "quarter"),
            "2026-10-01..2026-12-31",
            "Q4 2026",
            "4-й квартал 2026",
        ),
        (
            Period(D(2026, 1, 1), D(2026, 12, 31), "year"),
            "2026-01-01..2026-12-31",
            "2026",
            "2026 год",
        ),
        (
            Period(D(2026, 11, 1), D(2026, 11, 15), "range"),
            "2026-11-01..2026-11-15",
            "2026-11-01..2026-11-15",
            "01.11–15.11.2026",
        ),
    ],
)
def test_labels(period: Period, iso: str, en: str, ru: str) -> None:
    assert period.label() == iso
    assert period.label("en") == en
    assert period.label("ru") == ru
    assert period.label("de") == iso


@pytest.mark.parametrize(
    ("kind", "start", "end", "n", "before_start", "before_end"),
    [
        ("day", "2026-03-01", "2026-03-01", 1, "2026-02-28", "2026-02-28"),
        ("week", "2026-01-05", "2026-01-11", 1, "2025-12-29", "2026-01-04"),
        ("month", "2026-03-01", "2026-03-31", 1, "2026-02-01", "2026-02-28"),
        ("month", "2024-03-01", "2024-03-31", 1, "2024-02-01", "2024-02-29"),
        ("month", "2026-02-01", "2026-02-28", 3, "2025-11-01", "2025-11-30"),
        ("month", "2026-11-01", "2026-11-30", -1, "2026-12-01", "2026-12-31"),
        ("quarter", "2026-01-01", "2026-03-31", 1, "2025-10-01", "2025-12-31"),
        ("year", "2026-01-01", "2026-12-31", 2, "2024-01-01", "2024-12-31"),
        ("range", "2026-11-01", "2026-11-15", 1, "2026-10-17", "2026-10-31"),
        ("range", "2026-11-01", "2026-11-15", 2, "2026-10-02", "2026-10-16"),
    ],
)
def test_previous(
    kind: str, start: str, end: str, n: int, before_start: str, before_end: str
) -> None:
    period = Period(date.fromisoformat(start), date.fromisoformat(end), kind)
    expected = Period(date.fromisoformat(before_start), date.fromisoformat(before_end), kind)
    assert period.previous(n) == expected


def test_elapsed() -> None:
    month = Period(D(2026, 11, 1), D(2026, 11, 30), "month")
    assert month.elapsed(D(2026, 10, 31)) is None
    assert month.elapsed(D(2026, 11, 1)) == Period(D(2026, 11, 1), D(2026, 11, 1), "range")
    assert month.elapsed(TODAY) == Period(D(2026, 11, 1), TODAY, "range")
    assert month.elapsed(D(2026, 11, 30)) == month
    assert month.elapsed(D(2027, 1, 1)) == month


def test_containing_and_between() -> None:
    assert Period.containing(TODAY, "quarter") == Period(D(2026, 10, 1), D(2026, 12, 31), "quarter")
    assert Period.between(D(2026, 11, 23), D(2026, 11, 29)).kind == "week"
    assert Period.between(D(2026, 11, 1), D(2026, 11, 30)).kind == "month"
    assert Period.between(D(2026, 11, 1), D(2026, 11, 15)).kind == "range"
    assert Period.between(TODAY, TODAY).kind == "day"
    with pytest.raises(PeriodError):
        Period.between(TODAY, TODAY - timedelta(days=1))


# --- properties -----------------------------------------------------------------------------

dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31))


@FAST
@given(dates)
def test_current_periods_contain_today(today: date) -> None:
    for text in ("day", "week", "month", "quarter", "year"):
        period = resolve_period(text, today)
        assert period.contains(today)
        assert period.kind == text
    week = resolve_period("week", today)
    assert week.start.weekday() == 0 and week.end.weekday() == 6 and week.days == 7
    month = resolve_period("month", today)
    assert month.start == today.replace(day=1)
    assert month.days == calendar.monthrange(today.year, today.month)[1]
    year = resolve_period("year", today)
    assert year.days == (366 if calendar.isleap(today.year) else 365)


@FAST
@given(dates, st.sampled_from(KINDS), st.integers(1, 40))
def test_previous_is_adjacent_and_of_the_same_kind(day: date, kind: str, length: int) -> None:
    if kind == "range":
        period = Period(day, day + timedelta(days=length - 1), "range")
    else:
        period = Period.containing(day, kind)
    before = period.previous()
    assert before.kind == period.kind
    assert before.end + timedelta(days=1) == period.start
    assert before.previous(-1) == period
    if kind in ("day", "week", "range"):
        assert before.days == period.days
    if kind == "month":
        assert before.start.day == 1
        assert before.days == calendar.monthrange(before.start.year, before.start.month)[1]
    assert period.previous(3) == period.previous().previous().previous()


@FAST
@given(dates)
def test_last_periods_end_before_the_current_ones(today: date) -> None:
    for this, last in (("week", "last week"), ("month", "last month"), ("year", "last year")):
        assert resolve_period(last, today) == resolve_period(this, today).previous()
    assert resolve_period("yesterday", today).end == today - timedelta(days=1)


@FAST
@given(dates, dates)
def test_dates_and_ranges_round_trip(a: date, b: date) -> None:
    assert resolve_period(a.isoformat(), TODAY) == Period(a, a, "day")
    assert resolve_period(f"{a:%d.%m.%Y}", TODAY) == Period(a, a, "day")
    text = f"{a.isoformat()}..{b.isoformat()}"
    if b < a:
        with pytest.raises(PeriodError, match="ends before"):
            resolve_period(text, TODAY)
    elif (b - a).days + 1 > MAX_RANGE_DAYS:
        with pytest.raises(PeriodError, match="at most"):
            resolve_period(text, TODAY)
    else:
        assert resolve_period(text, TODAY) == Period(a, b, "range")


@FAST
@given(dates)
def test_month_lengths_across_leap_years(day: date) -> None:
    feb = resolve_period(f"{day.year}-02", TODAY)
    assert feb.days == (29 if calendar.isleap(day.year) else 28)
    month = Period.containing(day, "month")
    assert month.days == calendar.monthrange(day.year, day.month)[1]
    assert month.end + timedelta(days=1) == month.previous(-1).start


def test_century_leap_years() -> None:
    assert resolve_period("февраль 2000", TODAY).days == 29
    assert resolve_period("февраль 2100", TODAY).days == 28
    assert resolve_period("2024-02", TODAY).days == 29


WORDS = [
    "last",
    "week",
    "прошлый",
    "месяц",
    "ноябрь",
    "2026",
    "05.11",
    "2026-11-01",
    "..",
    "-",
    "–",
    "q4",
    "за",
    "год",
    "31.02",
    "29.02",
    "0000-01-01",
    "9999-12-31",
    "01.01",
]


@FAST
@given(st.text(), dates)
def test_resolve_raises_only_period_error(text: str, today: date) -> None:
    try:
        period = resolve_period(text, today)
    except PeriodError as error:
        assert error.value == text
    else:
        assert period.kind in KINDS
        assert 1 <= period.days <= MAX_RANGE_DAYS


@HEAVY
@given(
    st.lists(st.sampled_from(WORDS), max_size=5),
    st.sampled_from(["", " ", "..", " - "]),
    st.dates(),
)
def test_resolve_raises_only_period_error_on_near_misses(
    words: list[str], joiner: str, today: date
) -> None:
    text = joiner.join(words)
    try:
        period = resolve_period(text, today)
    except PeriodError:
        return
    assert period.kind in KINDS and period.days <= MAX_RANGE_DAYS


@HEAVY
@given(
    st.lists(st.sampled_from(["@ivan", "cohort", "csv", "80", "x"]), max_size=3),
    st.sampled_from(["last week", "прошлый месяц", "2026-11-05", "ноябрь 2026", "01.11..15.11"]),
    st.lists(st.sampled_from(["@ivan", "cohort", "csv", "80", "x"]), max_size=3),
)
def test_split_finds_the_period_anywhere(before: list[str], period: str, after: list[str]) -> None:
    tokens = [*before, *period.split(), *after]
    assert split_period_words(tokens) == (period, [*before, *after])


def test_doctests() -> None:
    assert doctest.testmod(metrics.periods).failed == 0
