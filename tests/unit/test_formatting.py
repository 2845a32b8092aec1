"""The one number and date formatter (views.formatting): CLDR through Babel, in ru and en."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import views.formatting
from metrics.registry import KINDS, METRICS
from views.formatting import (
    DASH,
    PERCENT_DECIMALS,
    format_compact,
    format_count,
    format_date,
    format_datetime,
    format_days,
    format_duration,
    format_metric,
    format_minutes,
    format_money,
    format_number,
    format_percent,
    format_value,
)

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"
DECIMAL_POINT = re.compile(r"\d\.\d")


def ru_reads_russian(text: str) -> None:
    """No decimal point between digits, and thousands grouped by a non-breaking space only."""
    assert not DECIMAL_POINT.search(text), text
    assert not re.search(r"\d[ ,\u202f]\d{3}(?!\d)", text), text


# --- counts ------------------------------------------------------------------------------

COUNTS = [
    (0, "0", "0"),
    (1, "1", "1"),
    (999, "999", "999"),
    (1000, f"1{NBSP}000", "1,000"),
    (1250, f"1{NBSP}250", "1,250"),
    (1234567, f"1{NBSP}234{NBSP}567", "1,234,567"),
]


@pytest.mark.parametrize(("value", "ru", "en"), COUNTS)
def test_counts(value: int, ru: str, en: str) -> None:
    assert format_count(value, "ru") == ru
    assert format_count(value, "en") == en
    assert format_value(value, "count", "ru") == ru
    assert format_metric("calls_60", value, "en") == en
    ru_reads_russian(format_count(value, "ru"))


def test_a_count_that_is_not_whole_gets_one_decimal() -> None:
    # a pace forecast (416.7 calls) or a plan target of 2.5 meetings a day
    assert format_count(416.66, "ru") == "416,7"
    assert format_count(416.66, "en") == "416.7"
    assert format_count(2.5, "ru") == "2,5"
    assert format_count(12.0, "ru") == "12"
    assert format_count(Decimal("1250.00"), "en") == "1,250"


# --- percents ----------------------------------------------------------------------------

PERCENTS = [
    (0, "0,0 %", "0.0%"),
    (0.004, "0,4 %", "0.4%"),
    (0.05, "5,0 %", "5.0%"),
    (0.055, "5,5 %", "5.5%"),
    (0.625, "62,5 %", "62.5%"),
    (1, "100,0 %", "100.0%"),
    (1.5, "150,0 %", "150.0%"),
    (12.3456, "1 234,6 %", "1,234.6%"),
    (None, DASH, DASH),
]


@pytest.mark.parametrize(("fraction", "ru", "en"), PERCENTS)
def test_percents(fraction: float | None, ru: str, en: str) -> None:
    assert format_percent(fraction, "ru") == ru.replace(" ", NBSP)
    assert format_percent(fraction, "en") == en
    assert format_value(fraction, "ratio", "ru") == ru.replace(" ", NBSP)
    assert format_metric("conv_set_to_held", fraction, "en") == en
    ru_reads_russian(format_percent(fraction, "ru"))


@given(st.one_of(st.floats(-10, 10, allow_nan=False), st.fractions(-10, 10)))
@settings(max_examples=300, deadline=None)
def test_every_percent_has_the_same_number_of_decimals(fraction: float | Fraction) -> None:
    for language in ("ru", "en"):
        text = format_percent(fraction, language)
        separator = "," if language == "ru" else "."
        assert re.fullmatch(
            rf"[-+]?\d{{1,3}}(?:[{NBSP},]\d{{3}})*{re.escape(separator)}\d{{{PERCENT_DECIMALS}}}"
            rf"{NBSP if language == 'ru' else ''}%",
            text,
        ), text


def test_percents_round_half_up_as_the_engine_does() -> None:
    assert format_percent(0.0625, "en") == "6.3%"  # Babel alone rounds half to even: 6.2%
    assert format_percent(0.0005, "en") == "0.1%"
    assert format_percent(0.00049, "en") == "0.0%"


def test_a_percent_that_rounds_to_zero_has_no_sign() -> None:
    assert format_percent(-0.0001, "ru") == f"0,0{NBSP}%"
    assert format_percent(-0.0001, "en", signed=True) == "0.0%"


def test_a_change_carries_its_sign() -> None:
    assert format_percent(-0.8, "ru", signed=True) == f"-80,0{NBSP}%"
    assert format_percent(0.25, "ru", signed=True) == f"+25,0{NBSP}%"
    assert format_percent(0, "en", signed=True) == "0.0%"
    assert format_percent(-0.8, "en") == "-80.0%"
    assert format_percent(None, "en", signed=True) == DASH


# --- money -------------------------------------------------------------------------------

MONEY = [
    # whole: no kopecks or cents
    (106000, "RUB", "106 000 ₽", "RUB 106,000"),
    (106000, "USD", "106 000 $", "$106,000"),
    (106000, "EUR", "106 000 €", "€106,000"),
    # fractional: two decimals
    (Decimal("247916.67"), "RUB", "247 916,67 ₽", "RUB 247,916.67"),
    (Decimal("1234.5"), "USD", "1 234,50 $", "$1,234.50"),
    (0.5, "EUR", "0,50 €", "€0.50"),
    # large
    (Decimal("123456789.00"), "RUB", "123 456 789 ₽", "RUB 123,456,789"),
    (Decimal("9876543.21"), "USD", "9 876 543,21 $", "$9,876,543.21"),
    (Decimal("1000000"), "EUR", "1 000 000 €", "€1,000,000"),
    # rounding half up to the currency's digits; a sum that rounds to whole loses its cents
    (Decimal("10.005"), "RUB", "10,01 ₽", "RUB 10.01"),
    (Decimal("10.999"), "USD", "11 $", "$11"),
    (0, "RUB", "0 ₽", "RUB 0"),
    (None, "RUB", DASH, DASH),
]


@pytest.mark.parametrize(("amount", "currency", "ru", "en"), MONEY)
def test_money(amount: Decimal | int | float | None, currency: str, ru: str, en: str) -> None:
    assert format_money(amount, "ru", currency) == ru.replace(" ", NBSP)
    assert format_money(amount, "en", currency) == en.replace(" ", NBSP)
    assert format_value(amount, "money", "ru", currency=currency) == ru.replace(" ", NBSP)
    assert format_metric("revenue", amount, "en", currency=currency) == en.replace(" ", NBSP)
    ru_reads_russian(format_money(amount, "ru", currency))


def test_money_takes_the_currency_s_digits_and_any_iso_code() -> None:
    assert format_money(Decimal("1234.5"), "en", "JPY") == "¥1,235"  # yen have no cents
    assert format_money(1500, "ru", "KZT") == f"1{NBSP}500{NBSP}KZT"
    assert format_money(1500, "en", "usd") == "$1,500"
    assert format_money(-1500, "ru", "RUB") == f"-1{NBSP}500{NBSP}₽"


# --- minutes and days --------------------------------------------------------------------

ONE_DECIMAL = [
    (0, "0,0", "0.0"),
    (12, "12,0", "12.0"),
    (4.5, "4,5", "4.5"),
    (4140.66, "4 140,7", "4,140.7"),
    (4567.5, "4 567,5", "4,567.5"),
    (Decimal("17763.05"), "17 763,1", "17,763.1"),
    (None, DASH, DASH),
]


@pytest.mark.parametrize(("value", "ru", "en"), ONE_DECIMAL)
def test_minutes_and_days_have_one_decimal(value: float | None, ru: str, en: str) -> None:
    for formatter in (format_minutes, format_days):
        assert formatter(value, "ru") == ru.replace(" ", NBSP)
        assert formatter(value, "en") == en
    assert format_metric("minutes_on_line", value, "ru") == ru.replace(" ", NBSP)
    assert format_metric("sales_cycle_days_as_hunter", value, "en") == en
    ru_reads_russian(format_minutes(value, "ru"))


def test_format_number_takes_the_decimals_asked_for() -> None:
    assert format_number(1234.5678, "ru", decimals=2) == f"1{NBSP}234,57"
    assert format_number(1234.5678, "en", decimals=3) == "1,234.568"
    assert format_number(Fraction(2, 3), "en", decimals=1) == "0.7"
    assert format_number(1234.5, "en") == "1,235"
    with pytest.raises(ValueError):
        format_number(1, "en", decimals=-1)


# --- compact (a chart's axis and the values printed on a chart) -------------------------

COMPACT_MONEY = [
    # value, currency, ru, en
    (459000, "RUB", "459 тыс. ₽", "RUB 459K"),
    (600000, "RUB", "600 тыс. ₽", "RUB 600K"),
    (Decimal("4326000"), "RUB", "4,3 млн ₽", "RUB 4.3M"),
    (2_500_000, "RUB", "2,5 млн ₽", "RUB 2.5M"),
    (6_000_000, "RUB", "6 млн ₽", "RUB 6M"),  # no ",0"
    (1_500_000_000, "RUB", "1,5 млрд ₽", "RUB 1.5B"),
    (459000, "USD", "459 тыс. $", "$459K"),
    (4_326_000, "EUR", "4,3 млн €", "€4.3M"),
    (-45000, "RUB", "-45 тыс. ₽", "-RUB 45K"),
    # under a thousand: exact, as format_money writes it
    (0, "RUB", "0 ₽", "RUB 0"),
    (40, "RUB", "40 ₽", "RUB 40"),
    (950, "USD", "950 $", "$950"),
    (None, "RUB", DASH, DASH),
]


@pytest.mark.parametrize(("value", "currency", "ru", "en"), COMPACT_MONEY)
def test_compact_money(value: int | Decimal | None, currency: str, ru: str, en: str) -> None:
    assert format_compact(value, "ru", kind="money", currency=currency) == ru.replace(" ", NBSP)
    assert format_compact(value, "en", kind="money", currency=currency) == en.replace(" ", NBSP)
    ru_reads_russian(format_compact(value, "ru", kind="money", currency=currency))


COMPACT_COUNTS = [
    (0, "0", "0"),
    (40, "40", "40"),  # small values stay exact
    (999, "999", "999"),
    (416.66, "416,7", "416.7"),  # a count that is not whole, as format_count writes it
    (1000, "1 тыс.", "1K"),
    (1500, "1,5 тыс.", "1.5K"),
    (12345, "12,3 тыс.", "12.3K"),
    (1_234_567, "1,2 млн", "1.2M"),
    (999_999, "1 млн", "1M"),  # rounding carries into the next magnitude: not "1000K"
    (float("nan"), DASH, DASH),
]


@pytest.mark.parametrize(("value", "ru", "en"), COMPACT_COUNTS)
def test_compact_counts(value: float, ru: str, en: str) -> None:
    assert format_compact(value, "ru") == ru.replace(" ", NBSP)
    assert format_compact(value, "en", kind="count") == en
    assert format_compact(value, "en", kind="minutes") == (
        format_minutes(value, "en") if abs(value) < 1000 else en
    )
    ru_reads_russian(format_compact(value, "ru"))


def test_compact_rounds_half_up_and_takes_more_digits_when_asked() -> None:
    assert format_compact(1250, "en") == "1.3K"  # Babel alone rounds half to even: 1.2K
    assert format_compact(2_250_000, "ru", kind="money") == f"2,3{NBSP}млн{NBSP}₽"
    # an axis of round ticks: 1 250 000 is not "1,3 млн"
    assert format_compact(1_250_000, "ru", kind="money", digits=2) == f"1,25{NBSP}млн{NBSP}₽"
    assert format_compact(1_250_000, "en", kind="money", digits=2) == f"RUB{NBSP}1.25M"
    assert format_compact(750_000, "en", kind="money", digits=2) == f"RUB{NBSP}750K"
    assert format_compact(12_345, "en", digits=0) == "12K"


def test_compact_money_without_its_sign() -> None:
    """A value printed by its bar, the axis beside it naming the currency."""
    bare = {"kind": "money", "symbol": False}
    assert format_compact(459000, "ru", **bare) == f"459{NBSP}тыс."
    assert format_compact(459000, "en", **bare) == "459K"
    assert format_compact(Decimal("4326000"), "en", currency="USD", **bare) == "4.3M"
    # under a thousand: the amount with the currency's digits
    assert format_compact(950, "ru", **bare) == "950"
    assert format_compact(Decimal("247.5"), "ru", **bare) == "247,50"
    assert format_compact(Decimal("247.5"), "en", currency="JPY", **bare) == "248"


def test_a_value_that_rounds_up_to_a_thousand_is_compact() -> None:
    assert format_compact(999.96, "en") == "1K"  # format_count would write 1,000.0
    assert format_compact(999.94, "en") == "999.9"
    assert format_compact(Decimal("999.999"), "ru", kind="money") == f"1{NBSP}тыс.{NBSP}₽"
    assert format_compact(-999.6, "en", kind="money", currency="JPY") == "-¥1K"


def test_a_compact_ratio_is_a_percent_and_wrong_input_is_refused() -> None:
    assert format_compact(0.625, "ru", kind="ratio") == format_percent(0.625, "ru")
    assert format_compact(12.5, "en", kind="ratio") == "1,250.0%"
    with pytest.raises(ValueError):
        format_compact(1000, "en", kind="pounds")
    with pytest.raises(ValueError):
        format_compact(1000, "en", digits=-1)
    with pytest.raises(ValueError):
        format_compact(1000, "de")


# --- undefined -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("value", [None, float("nan"), float("inf"), Decimal("NaN")])
def test_undefined_is_a_dash_in_every_kind(kind: str, value: float | None) -> None:
    assert format_value(value, kind, "ru") == DASH
    assert format_value(value, kind, "en") == DASH


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_metric_of_the_registry_can_be_written(language: str) -> None:
    sample = {"count": 1250, "ratio": 0.055, "money": Decimal("4140.70"), "minutes": 4140.7}
    for entry in METRICS:
        text = format_metric(entry.key, sample.get(entry.kind, 4140.7), language)
        assert text != DASH and text.strip() == text
        if language == "ru":
            ru_reads_russian(text)
        assert format_metric(entry.key, None, language) == DASH


def test_wrong_input_is_refused() -> None:
    with pytest.raises(TypeError):
        format_count(True, "en")
    with pytest.raises(TypeError):
        format_count("12", "en")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="percent"):
        format_value(1, "percent", "en")
    with pytest.raises(ValueError, match="de"):
        format_count(1, "de")
    with pytest.raises(KeyError):
        format_metric("calls_61", 1, "en")


# --- durations ---------------------------------------------------------------------------

DURATIONS = [
    (0, "0 с", "0s"),
    (59, "59 с", "59s"),
    (60, "1 мин", "1m"),
    (75, "1 мин 15 с", "1m 15s"),
    (3600, "1 ч", "1h"),
    (3725, "1 ч 2 мин 5 с", "1h 2m 5s"),
    (3605, "1 ч 5 с", "1h 5s"),
    (None, DASH, DASH),
]


@pytest.mark.parametrize(("seconds", "ru", "en"), DURATIONS)
def test_durations(seconds: int | None, ru: str, en: str) -> None:
    assert format_duration(seconds, "ru") == ru
    assert format_duration(seconds, "en") == en


def test_a_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError):
        format_duration(-1, "ru")


# --- dates -------------------------------------------------------------------------------

DATES = [
    (date(2026, 12, 7), "07.12.2026", "2026-12-07"),
    ("2026-01-31", "31.01.2026", "2026-01-31"),
    (datetime(2026, 3, 5, 23, 59), "05.03.2026", "2026-03-05"),
    (None, DASH, DASH),
]


@pytest.mark.parametrize(("day", "ru", "en"), DATES)
def test_dates(day: date | str | None, ru: str, en: str) -> None:
    assert format_date(day, "ru") == ru
    assert format_date(day, "en") == en


def test_a_moment_is_written_in_the_team_s_time_zone() -> None:
    late = datetime(2026, 12, 7, 22, 30, tzinfo=UTC)  # the next morning in Vladivostok
    assert format_datetime(late, "Europe/Moscow", "ru") == "08.12.2026 01:30"
    assert format_datetime(late, "Asia/Vladivostok", "en") == "2026-12-08 08:30"
    assert format_datetime(late, ZoneInfo("America/New_York"), "en") == "2026-12-07 17:30"
    assert format_datetime(late.isoformat(), "UTC", "ru") == "07.12.2026 22:30"


def test_a_naive_moment_is_utc_as_records_store_it() -> None:
    assert format_datetime(datetime(2026, 12, 7, 6, 5), "Europe/Moscow", "en") == (
        "2026-12-07 09:05"
    )
    assert format_datetime("2026-12-07T06:05:00", "Europe/Moscow", "ru") == "07.12.2026 09:05"
    assert format_datetime(None, "Europe/Moscow", "ru") == DASH


# --- the module --------------------------------------------------------------------------


def test_doctests() -> None:
    assert doctest.testmod(views.formatting).failed == 0


def test_the_formatter_does_not_import_aiogram() -> None:
    code = (
        "import sys, views.formatting\nprint([m for m in sys.modules if m.startswith('aiogram')])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
