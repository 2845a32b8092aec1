"""The one number and date formatter of every surface, backed by Babel (CLDR).

Replies, captions, chart labels, digests, the text report, the XLSX file and
the web board write numbers and dates only through this module, so one value
reads the same everywhere. Babel supplies the locale's symbols and patterns:
Russian writes a decimal comma and groups thousands with a non-breaking space
(``1 250``, ``4 140,7``, ``5,5 %``, ``106 000 ₽``), English ``1,250``,
``4,140.7``, ``5.5%``, ``$106,000``.

The rules (one per kind of :data:`metrics.registry.KINDS`):

- **Undefined** (``None``, NaN, an infinity; a ratio with a zero denominator
  is ``None``) is :data:`DASH` in every kind, never 0 and never an error.
- **Rounding** is half up (``0.0625`` is ``6,3 %``), as :mod:`metrics.engine`
  rounds, never Babel's half-even; a value that rounds to zero loses its sign.
- **count**: whole numbers, grouped (``1 234 567``). A count that is not whole
  (a pace forecast, a plan target of 2.5 a day) gets one decimal (``416,7``).
- **ratio**: a fraction (0.055) shown as a percent with **exactly one
  decimal, everywhere**: ``5,5 %``, ``5,0 %``, ``0,4 %``, ``62,5 %``,
  ``150,0 %`` (a period-mode ratio may pass 100 %). One decimal keeps 0.004
  from reading as "0 %" and lets a column of percents line up. Russian puts
  CLDR's non-breaking space before ``%``, English none.
- **money**: the team's currency with CLDR's symbol and placement
  (``106 000 ₽``, ``106 000 $``; ``$106,000``, ``€106,000``, and for a
  currency English has no sign for, the code with CLDR's currency spacing:
  ``RUB 106,000``); whole amounts without kopecks or cents, other amounts
  with the currency's digits (``247 916,67 ₽``).
- **minutes**, **days**: one decimal, as the contract computes them
  (``4 140,7``, ``12,0``); the unit is in the metric's name.
- **durations** (a call's length): CLDR's narrow units, ``1 мин 15 с`` /
  ``1m 15s``, ``1 ч 2 мин 5 с`` / ``1h 2m 5s``.
- **compact** (:func:`format_compact`, a chart's axis and the values printed on a
  chart, where the exact amount is in the caption): CLDR's short compact form,
  ``600 тыс. ₽``, ``4,3 млн ₽``, ``1,5 тыс.`` / ``RUB 600K``, ``$4.3M``, ``1.5K``
  (a code keeps its no-break space before the digits, as above); at most one
  decimal (``digits`` more for an axis that needs them), trailing zeros dropped,
  rounded half up. A value under a thousand is written exactly, as its kind
  says (``40``, ``950 ₽``); a percent is already short and stays a percent.
- **dates**: Russian CLDR's short date ``07.12.2026``; English ISO 8601
  ``2026-12-07`` (CLDR's English ``12/7/26`` reads as 12 July in most of the
  world); a moment adds the 24-hour local time: ``07.12.2026 09:05`` /
  ``2026-12-07 09:05``.
- **weekdays**: CLDR's abbreviated names, ``пн``, ``пт`` / ``Mon``, ``Fri``;
  a list of them joined by commas (``пн, ср, пт``).

No aiogram here: charts and the command line use it too.

>>> format_metric("conv_set_to_held", 0.625, "ru"), format_metric("calls_60", 1250, "en")
('62,5\\xa0%', '1,250')
>>> format_money(106000, "ru", "RUB"), format_money(106000, "en", "RUB")
('106\\xa0000\\xa0₽', 'RUB\\xa0106,000')
>>> format_value(None, "ratio", "ru"), format_duration(75, "ru"), format_duration(75, "en")
('—', '1 мин 15 с', '1m 15s')
"""

from __future__ import annotations

import copy
import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_interval as _babel_interval
from babel.dates import format_skeleton as _babel_skeleton
from babel.dates import format_time as _babel_time
from babel.dates import get_day_names
from babel.lists import format_list
from babel.numbers import (
    NumberPattern,
    format_compact_currency,
    format_compact_decimal,
    get_currency_precision,
    get_currency_symbol,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
)
from babel.units import format_unit

from metrics.periods import Period
from metrics.registry import KINDS, LANGUAGES, metric

__all__ = [
    "DASH",
    "PERCENT_DECIMALS",
    "decimals",
    "format_compact",
    "format_count",
    "format_date",
    "format_datetime",
    "format_day_month",
    "format_days",
    "format_duration",
    "format_metric",
    "format_minutes",
    "format_money",
    "format_number",
    "format_percent",
    "format_value",
    "money_affixes",
    "weekday_name",
    "weekday_names",
]

DASH = "—"
"""An undefined value, in every kind and language."""

PERCENT_DECIMALS = 1
"""Every percent has exactly this many decimals: ``5,0 %``, ``0,4 %``, ``62,5 %``."""

ONE_DECIMAL = 1
"""Minutes, days and a count that is not whole: one decimal, as the contract computes them."""

Number = int | float | Decimal | Fraction

_DATE_PATTERNS = {"ru": "short", "en": "yyyy-MM-dd"}
_TIME_PATTERN = "HH:mm"
_DURATION_UNITS = (("duration-hour", 3600), ("duration-minute", 60), ("duration-second", 1))


# --- numbers ---------------------------------------------------------------------------


@cache
def _locale(language: str) -> Locale:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}, expected one of {LANGUAGES}")
    return Locale.parse(language)


@cache
def _pattern(language: str, style: str, decimals: int) -> NumberPattern:
    """The locale's CLDR pattern of ``style`` with exactly ``decimals`` decimals."""
    locale = _locale(language)
    base = {
        "decimal": locale.decimal_formats[None],
        "percent": locale.percent_formats[None],
        "currency": locale.currency_formats["standard"],
    }[style]
    pattern = copy.copy(base)
    pattern.frac_prec = (decimals, decimals)
    return pattern


def _decimal(value: Number) -> Decimal | None:
    """``value`` as an exact Decimal (a float as the decimal it prints as); None if undefined."""
    if isinstance(value, bool):  # a bool is an int; never a metric value
        raise TypeError(f"not a number: {value!r}")
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, int):
        return Decimal(value)
    raise TypeError(f"not a number: {value!r}")


def _rounded(value: Decimal, decimals: int) -> Decimal:
    """``value`` to ``decimals`` places, halves away from zero; zero loses its sign."""
    result = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(result) if result == 0 else result


def format_number(value: Number | None, language: str, decimals: int = 0) -> str:
    """``value`` with exactly ``decimals`` decimals, grouped as the locale groups thousands.

    >>> format_number(4140.66, "ru", decimals=1), format_number(4140.66, "en", decimals=1)
    ('4\\xa0140,7', '4,140.7')
    >>> format_number(None, "en")
    '—'
    """
    number = None if value is None else _decimal(value)
    if number is None:
        return DASH
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {decimals}")
    rounded = _rounded(number, decimals)
    return _pattern(language, "decimal", decimals).apply(rounded, _locale(language))


def decimals(kind: str, value: Number, currency: str = "RUB") -> int:
    """How many decimals a ``value`` of ``kind`` is written with: a percent always
    :data:`PERCENT_DECIMALS`, minutes and days one, a count none unless it is not whole
    (then one), money the currency's digits unless it rounds to a whole amount (then
    none). The XLSX report's number formats follow the same rule.

    >>> decimals("count", 1250), decimals("count", 416.66), decimals("money", 0.999)
    (0, 1, 0)
    """
    if kind == "ratio":
        return PERCENT_DECIMALS
    if kind in ("minutes", "days"):
        return ONE_DECIMAL
    number = _decimal(value)
    if number is None:
        return 0
    if kind == "money":
        digits = get_currency_precision(currency.strip().upper())
        rounded = _rounded(number, digits)
        return 0 if rounded == rounded.to_integral_value() else digits
    return 0 if number == number.to_integral_value() else ONE_DECIMAL


def format_count(value: Number | None, language: str) -> str:
    """A count: a whole number, grouped; a count that is not whole gets one decimal.

    >>> format_count(1234567, "ru"), format_count(1234567, "en"), format_count(416.66, "ru")
    ('1\\xa0234\\xa0567', '1,234,567', '416,7')
    """
    number = None if value is None else _decimal(value)
    if number is None:
        return DASH
    return format_number(number, language, decimals=decimals("count", number))


def format_percent(fraction: Number | None, language: str, *, signed: bool = False) -> str:
    """A fraction (0.055) as a percent with :data:`PERCENT_DECIMALS` decimals (``5,5 %``).

    ``signed``: a change, with its sign (``+25,0 %``, ``-80,0 %``; no sign on zero).

    >>> format_percent(0.055, "ru"), format_percent(0.055, "en"), format_percent(0.004, "ru")
    ('5,5\\xa0%', '5.5%', '0,4\\xa0%')
    >>> format_percent(-0.8, "en", signed=True), format_percent(0.25, "en", signed=True)
    ('-80.0%', '+25.0%')
    """
    number = None if fraction is None else _decimal(fraction)
    if number is None:
        return DASH
    percent = _rounded(number * 100, PERCENT_DECIMALS)
    pattern = _pattern(language, "percent", PERCENT_DECIMALS)
    text = pattern.apply(abs(percent) / 100, _locale(language))
    if percent < 0:
        return get_minus_sign_symbol(language) + text
    if signed and percent > 0:
        return get_plus_sign_symbol(language) + text
    return text


def _is_spacing_char(char: str) -> bool:
    """CLDR's currencySpacing ``currencyMatch``: not a symbol (S*) and not a separator (Z*)."""
    return unicodedata.category(char)[0] not in "SZ"


def _currency_spacing(text: str, symbol: str) -> str:
    """CLDR's currencySpacing, which Babel leaves out: a letter-ending sign (``RUB``)
    and an adjacent digit get a non-breaking space between them (``RUB 106,000``)."""
    at = text.find(symbol)
    if at < 0 or not symbol:
        return text
    end = at + len(symbol)
    if end < len(text) and text[end].isdigit() and _is_spacing_char(symbol[-1]):
        return f"{text[:end]}\u00a0{text[end:]}"
    if at > 0 and text[at - 1].isdigit() and _is_spacing_char(symbol[0]):
        return f"{text[:at]}\u00a0{text[at:]}"
    return text


def format_money(amount: Number | None, language: str, currency: str = "RUB") -> str:
    """An amount in ``currency`` (ISO 4217) with CLDR's sign and placement.

    No kopecks or cents on a whole amount; otherwise the currency's digits
    (two for RUB, USD, EUR), rounded half up.

    >>> format_money(247916.666, "ru", "RUB"), format_money(106000, "en", "USD")
    ('247\\xa0916,67\\xa0₽', '$106,000')
    >>> format_money(106000, "ru", "EUR"), format_money(1234.5, "en", "EUR")
    ('106\\xa0000\\xa0€', '€1,234.50')
    """
    number = None if amount is None else _decimal(amount)
    if number is None:
        return DASH
    code = currency.strip().upper()
    places = decimals("money", number, code)
    rounded = _rounded(number, get_currency_precision(code))
    locale = _locale(language)
    text = _pattern(language, "currency", places).apply(
        rounded, locale, currency=code, currency_digits=False
    )
    return _currency_spacing(text, get_currency_symbol(code, locale))


def money_affixes(language: str, currency: str = "RUB") -> tuple[str, str]:
    """What :func:`format_money` writes before and after the digits of an amount: the
    currency's sign where the reader's language puts it, with its spacing (for a
    spreadsheet's number format, which then shows the amount as the replies write it).

    >>> money_affixes("ru", "RUB"), money_affixes("en", "USD"), money_affixes("en", "RUB")
    (('', '\\xa0₽'), ('$', ''), ('RUB\\xa0', ''))
    """
    text = format_money(1, language, currency)
    digits = re.search(r"\d+", text)
    assert digits is not None, text
    return text[: digits.start()], text[digits.end() :]


def format_minutes(value: Number | None, language: str) -> str:
    """Minutes with one decimal (``4 140,7``, ``12,0``)."""
    return format_number(value, language, decimals=ONE_DECIMAL)


def format_days(value: Number | None, language: str) -> str:
    """Days with one decimal (``4,5``, ``12,0``)."""
    return format_number(value, language, decimals=ONE_DECIMAL)


def format_value(value: Number | None, kind: str, language: str, *, currency: str = "RUB") -> str:
    """``value`` written as its ``kind`` says (one of :data:`metrics.registry.KINDS`).

    >>> format_value(0.05, "ratio", "ru"), format_value(4140.7, "minutes", "en")
    ('5,0\\xa0%', '4,140.7')
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}, expected one of {KINDS}")
    if kind == "ratio":
        return format_percent(value, language)
    if kind == "money":
        return format_money(value, language, currency)
    if kind == "minutes":
        return format_minutes(value, language)
    if kind == "days":
        return format_days(value, language)
    return format_count(value, language)


def format_metric(key: str, value: Number | None, language: str, *, currency: str = "RUB") -> str:
    """The value of the metric ``key``, written by the kind the registry gives it.

    A pace forecast is written as the metric it forecasts:
    ``format_metric(line.metric, line.forecast, ...)``.

    >>> format_metric("revenue", 150000, "ru", currency="RUB")
    '150\\xa0000\\xa0₽'
    """
    return format_value(value, metric(key).kind, language, currency=currency)


COMPACT_FROM = 1000
"""The smallest absolute value :func:`format_compact` shortens; below it, the exact form."""


def format_compact(
    value: Number | None,
    language: str,
    *,
    kind: str = "count",
    currency: str = "RUB",
    digits: int = ONE_DECIMAL,
    symbol: bool = True,
) -> str:
    """``value`` of ``kind`` in CLDR's short compact form, for a chart's axis and the
    values printed on a chart (the caption gives the exact amount).

    At most ``digits`` decimals (trailing zeros dropped; an axis of round ticks such as
    1 250 000 passes 2), rounded half up. Below :data:`COMPACT_FROM` the value is written
    exactly by :func:`format_value` (``40`` stays ``40``); a ratio is always
    :func:`format_percent`. Money is in ``currency`` with CLDR's sign and placement and,
    for a code, the no-break space :func:`format_money` writes too; ``symbol=False``
    leaves the sign out (a value printed by its bar, where the axis beside it names the
    currency): ``459 тыс.`` / ``459K``, under a thousand the amount with the currency's
    digits (``950``, ``247,50``).

    >>> format_compact(459000, "ru", kind="money"), format_compact(459000, "en", kind="money")
    ('459\\xa0тыс.\\xa0₽', 'RUB\\xa0459K')
    >>> format_compact(4326000, "en", kind="money", currency="USD"), format_compact(1250, "ru")
    ('$4.3M', '1,3\\xa0тыс.')
    >>> format_compact(1250000, "en", kind="money", digits=2), format_compact(40, "en")
    ('RUB\\xa01.25M', '40')
    >>> format_compact(459000, "ru", kind="money", symbol=False)
    '459\\xa0тыс.'
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}, expected one of {KINDS}")
    if digits < 0:
        raise ValueError(f"digits must be 0 or more, not {digits}")
    number = None if value is None else _decimal(value)
    if number is None:
        return DASH
    code = currency.strip().upper()
    bare = kind == "money" and not symbol
    exact = decimals(kind, number, code)  # 999,96 is written 1 000,0: compact, 1 тыс.
    if kind == "ratio" or abs(_rounded(number, exact)) < COMPACT_FROM:
        if bare:
            return format_number(number, language, exact)
        return format_value(number, kind, language, currency=code)
    if abs(number) < COMPACT_FROM:  # rounds up to a thousand: Babel needs the thousand
        number = Decimal(COMPACT_FROM).copy_sign(number)
    locale = _locale(language)
    with localcontext(rounding=ROUND_HALF_UP):  # Babel rounds the scaled value in context
        if kind != "money" or bare:
            return format_compact_decimal(number, locale=locale, fraction_digits=digits)
        text = format_compact_currency(number, code, locale=locale, fraction_digits=digits)
    return _currency_spacing(text, get_currency_symbol(code, locale))


# --- durations and dates ----------------------------------------------------------------


def format_duration(seconds: Number | None, language: str) -> str:
    """A length of time in whole seconds, in CLDR's narrow units: hours, minutes, seconds.

    Zero parts are left out (``1 ч 5 с``); no time at all is ``0 с`` / ``0s``.

    >>> format_duration(3725, "ru"), format_duration(3725, "en"), format_duration(0, "en")
    ('1 ч 2 мин 5 с', '1h 2m 5s', '0s')
    """
    number = None if seconds is None else _decimal(seconds)
    if number is None:
        return DASH
    total = int(_rounded(number, 0))
    if total < 0:
        raise ValueError(f"a duration cannot be negative: {seconds!r}")
    locale = _locale(language)
    parts = []
    rest = total
    for unit, size in _DURATION_UNITS:
        amount, rest = divmod(rest, size)
        if amount or (unit == "duration-second" and not parts):
            parts.append(format_unit(amount, unit, length="narrow", locale=locale))
    return format_list(parts, style="unit-narrow", locale=locale)


def format_date(day: date | str | None, language: str) -> str:
    """A calendar date: ``07.12.2026`` in Russian, ``2026-12-07`` in English.

    ``day`` is a date or an ISO date string; a datetime gives its own date.

    >>> format_date(date(2026, 12, 7), "ru"), format_date("2026-12-07", "en")
    ('07.12.2026', '2026-12-07')
    """
    if day is None:
        return DASH
    value = date.fromisoformat(day) if isinstance(day, str) else day
    if isinstance(value, datetime):
        value = value.date()
    locale = _locale(language)
    return _babel_date(value, _DATE_PATTERNS[language], locale=locale)


def format_day_month(day: date, language: str) -> str:
    """A day of the year without the year, CLDR's abbreviated skeleton ``MMMd``: ``7 дек.``
    in Russian, ``Dec 7`` in English (a week on a chart's axis, by its Monday).

    >>> format_day_month(date(2026, 12, 7), "ru"), format_day_month(date(2026, 12, 7), "en")
    ('7 дек.', 'Dec 7')
    """
    return _babel_skeleton("MMMd", day, locale=_locale(language))


def format_datetime(moment: datetime | str | None, timezone: str | tzinfo, language: str) -> str:
    """An instant as the date and 24-hour time in ``timezone`` (an IANA name or a tzinfo).

    A naive ``moment`` (or ISO string without an offset) is read as UTC, as
    the records store it.

    >>> format_datetime(datetime(2026, 12, 7, 6, 5, tzinfo=UTC), "Europe/Moscow", "ru")
    '07.12.2026 09:05'
    >>> format_datetime("2026-12-07T06:05:00+00:00", "Europe/Moscow", "en")
    '2026-12-07 09:05'
    """
    if moment is None:
        return DASH
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    zone = ZoneInfo(timezone) if isinstance(timezone, str) else timezone
    local = value.astimezone(zone)
    time = _babel_time(local.time(), _TIME_PATTERN, locale=_locale(language))
    return f"{format_date(local.date(), language)} {time}"


def format_period(period: Period, language: str) -> str:
    """A period as a title: Russian as the replies write it (``неделя 07.12–13.12.2026``);
    English days and weeks by CLDR instead of ISO dates.

    >>> week = Period(date(2026, 12, 7), date(2026, 12, 13), "week")
    >>> format_period(week, "en"), format_period(week, "ru")
    ('week of Dec 7\u2009–\u200913, 2026', 'неделя 07.12–13.12.2026')
    >>> format_period(Period(date(2026, 12, 7), date(2026, 12, 7), "day"), "en")
    'Mon, Dec 7, 2026'
    """
    if language != "en" or period.kind not in ("day", "week"):
        return period.label(language)
    locale = _locale(language)
    if period.kind == "day":
        return _babel_skeleton("yMMMEd", period.start, locale=locale)
    span = _babel_interval(period.start, period.end, "yMMMd", locale=locale)
    return f"week of {span}"


def format_clock(moment: datetime, timezone: str | tzinfo, language: str) -> str:
    """The time of day of an instant in ``timezone``, with seconds (a live page's "updated
    at"): ``09:05:07`` in both languages (24-hour, as the replies write times).

    >>> format_clock(datetime(2026, 12, 7, 6, 5, 7, tzinfo=UTC), "Europe/Moscow", "ru")
    '09:05:07'
    """
    value = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    zone = ZoneInfo(timezone) if isinstance(timezone, str) else timezone
    return _babel_time(value.astimezone(zone).time(), "HH:mm:ss", locale=_locale(language))


@cache
def _weekday_names(language: str) -> tuple[str, ...]:
    names = get_day_names("abbreviated", context="format", locale=_locale(language))
    return tuple(names[day] for day in range(7))  # CLDR counts from Monday = 0


def weekday_name(iso_weekday: int, language: str) -> str:
    """The short name of an ISO weekday (1 = Monday), from CLDR.

    >>> weekday_name(5, "ru"), weekday_name(5, "en")
    ('пт', 'Fri')
    """
    return _weekday_names(language)[iso_weekday - 1]


def weekday_names(iso_weekdays: Iterable[int], language: str) -> str:
    """Short names of ISO weekdays, in the order given, joined by commas.

    >>> weekday_names([1, 3, 5], "ru"), weekday_names([6, 7], "en")
    ('пн, ср, пт', 'Sat, Sun')
    """
    return ", ".join(weekday_name(day, language) for day in iso_weekdays)
