"""Pure parsing of command arguments typed by sales reps, in Russian or English.

Every function takes one token or a list of tokens (the command's arguments split on
whitespace) and either returns a value or raises :class:`ParseError`; no other exception
escapes, whatever the text. Matching is case-insensitive, ``ё`` and ``е`` are the same
letter (:func:`metrics.grammar.fold`), and trailing ``,`` ``.`` ``;`` ``!`` ``?`` are
ignored. Day words, weekdays and written dates are those of :mod:`metrics.grammar`, the
one grammar the reports' periods and the plans read too.

``extract_*`` functions find one value among the tokens and return it with the other
tokens (the originals, unchanged, in order); they return ``(None, tokens)`` when no token
looks like such a value, and raise when one clearly does but is invalid. When a command
carries both a day and an amount, call :func:`extract_day` first (``26.11`` is a date,
not 26.11 roubles; a ``dd.mm`` token followed by a multiplier or a currency, as in
``1.05 млн``, is left for :func:`extract_amount`).

Error codes (``ParseError.code``); ``value`` is always the offending text:

=============================  ==========================================  ================
code                           meaning                                     ``limit``
=============================  ==========================================  ================
``bad_duration``               not a duration (``5x``, ``1:75``)           --
``duration_ambiguous``         a number without a unit (``75``)            --
``duration_negative``          a leading minus (``-5m``)                   --
``duration_too_long``          longer than allowed (``5h``)                max seconds
``bad_amount``                 not an amount of money                      --
``amount_not_positive``        zero or negative (``0``, ``-100``)          --
``amount_too_large``           over 10^12                                  ``MAX_AMOUNT``
``bad_day``                    not a day, or no such date (``31.02``)      --
``day_in_future``              after today (``27.11`` on the 26th)         today
``day_too_old``                before ``today - backdate_days``            oldest day
``bad_time``                   no such time of day (``25:00``, ``9:5``)    --
``meeting_time_out_of_range``  over 7 days ago or over 366 days ahead      violated bound
``count_out_of_range``         a count of 0, negative or over 10000        ``MAX_COUNT``
=============================  ==========================================  ================
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal

from metrics.grammar import (
    DAY_WORDS,
    TIME_CONNECTORS,
    WEEKDAYS,
    date_parts,
    fold,
    looks_like_clock,
    time_of_day,
)

__all__ = [
    "DEFAULT_MEETING_TIME",
    "MAX_AMOUNT",
    "MAX_CALL_SECONDS",
    "MAX_COUNT",
    "MEETING_FUTURE_DAYS",
    "MEETING_PAST_DAYS",
    "ParseError",
    "extract_amount",
    "extract_day",
    "extract_duration",
    "extract_meeting_ref",
    "extract_meeting_time",
    "extract_work_day",
    "parse_amount",
    "parse_count",
    "parse_day",
    "parse_direction",
    "parse_duration",
    "parse_meeting_ref",
    "parse_qualification",
]

MAX_CALL_SECONDS = 4 * 3600
MAX_AMOUNT = Decimal(10) ** 12
MAX_COUNT = 10_000
MEETING_PAST_DAYS = 7
MEETING_FUTURE_DAYS = 366
DEFAULT_MEETING_TIME = time(10, 0)

Limit = int | Decimal | date | datetime | None


class ParseError(ValueError):
    """Text that cannot be used. ``code`` is a stable key for a localized message."""

    def __init__(self, code: str, value: str, limit: Limit = None) -> None:
        super().__init__(code, value, limit)
        self.code = code
        self.value = value
        self.limit = limit

    def __str__(self) -> str:
        suffix = "" if self.limit is None else f" (limit {self.limit})"
        return f"{self.code}: {self.value!r}{suffix}"


# --- common -------------------------------------------------------------------------------

_MINUS = "-−–"
_MAX_TEXT = 64  # longer text is never a duration, an amount or a date
_CTX = Context(prec=100, rounding=ROUND_HALF_UP)
_CENT = Decimal("0.01")


def _norm(token: str) -> str:
    return fold(token).rstrip(",.;!? ")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _dec(number: str) -> Decimal:
    return Decimal(number.replace(",", "."))


# --- durations ----------------------------------------------------------------------------

_NUM = r"[0-9]+(?:[.,][0-9]+)?"
_H = r"(?:часов|часа|час|ч|hours|hour|hrs|hr|h)"
_M = r"(?:минуты|минут|минута|мин|м|minutes|minute|mins|min|m)"
_S = r"(?:секунды|секунд|секунда|сек|с|seconds|second|secs|sec|s)"
_UNITS_RE = re.compile(
    rf"^(?P<neg>[{_MINUS}])?\s*"
    rf"(?:(?P<h>{_NUM})\s*{_H}\s*)?"
    rf"(?:(?P<m>{_NUM})\s*{_M}\s*)?"
    rf"(?:(?P<s>{_NUM})\s*{_S})?"
    rf"(?P<tail>[0-9]{{2}})?$"
)
_CLOCK_RE = re.compile(rf"^(?P<neg>[{_MINUS}])?([0-9]+):([0-9]+)(?::([0-9]+))?$")
_BARE_RE = re.compile(rf"^(?P<neg>[{_MINUS}])?(?P<n>{_NUM})$")


def _duration_value(text: str, original: str) -> tuple[Decimal, bool] | None:
    """Seconds (exact) and the sign of a duration with units or in clock form.

    None when ``text`` is neither; raises ``bad_duration`` for an impossible clock form.
    """
    if len(text) > _MAX_TEXT:
        return None
    if clock := _CLOCK_RE.match(text):
        first, second, third = clock.group(2, 3, 4)
        parts = [first, second] if third is None else [first, second, third]
        if any(len(p) != 2 or int(p) > 59 for p in parts[1:]):
            raise ParseError("bad_duration", original)
        value = Decimal(0)
        for part in parts:
            value = _CTX.add(_CTX.multiply(value, 60), Decimal(part))
        return value, bool(clock["neg"])
    units = _UNITS_RE.match(text)
    if units is None or not any(units.group("h", "m", "s")):
        return None
    h, m, s, tail = units.group("h", "m", "s", "tail")
    if tail is not None:
        # "1h30" -> 1h30m, "2m30" -> 2m30s; only right after the unit, within one token.
        if s is not None or not text[units.start("tail") - 1].isalpha() or int(tail) > 59:
            return None
        if m is not None:
            s = tail
        else:
            m = tail
    value = Decimal(0)
    for number, factor in ((h, 3600), (m, 60), (s, 1)):
        if number is not None:
            value = _CTX.add(value, _CTX.multiply(_dec(number), factor))
    return value, bool(units["neg"])


def _finish_duration(value: Decimal, negative: bool, original: str, max_seconds: int) -> int:
    if negative:
        raise ParseError("duration_negative", original)
    if value > max_seconds + 1:
        raise ParseError("duration_too_long", original, max_seconds)
    seconds = int(value.to_integral_value(rounding=ROUND_HALF_UP))
    if seconds > max_seconds:
        raise ParseError("duration_too_long", original, max_seconds)
    return seconds


def parse_duration(token: str, *, max_seconds: int = MAX_CALL_SECONDS) -> int:
    """A duration in whole seconds.

    ``75s``/``75sec``/``75с``/``75сек``, ``4m``/``4min``/``4мин``, ``2m30s``/``2м30с``,
    ``1h``/``1ч``/``1час``, ``1h2m3s``, ``1h30`` (= 1h30m), ``2m30`` (= 2m30s),
    ``1.5m``/``1,5ч`` (decimals rounded half up to a second), ``1:15`` (m:ss),
    ``1:02:03`` (h:mm:ss). Units go from hours down to seconds, each at most once.
    A bare number is ``duration_ambiguous`` except ``0``, which is 0 whatever the unit
    (a call that did not connect), and a number over ``max_seconds``, which is too long
    whatever the unit. ``max_seconds`` defaults to 4 hours, the limit for one call; pass
    more for totals (``/calls 85 260m``).
    """
    text = _norm(token)
    found = _duration_value(text, token)
    if found is not None:
        return _finish_duration(*found, token, max_seconds)
    bare = _BARE_RE.match(text) if len(text) <= _MAX_TEXT else None
    if bare is None:
        raise ParseError("bad_duration", token)
    if bare["neg"]:
        raise ParseError("duration_negative", token)
    value = _dec(bare["n"])
    if value == 0:
        return 0
    if value > max_seconds:
        raise ParseError("duration_too_long", token, max_seconds)
    raise ParseError("duration_ambiguous", token)


_DURATION_SPAN = 6  # "1 час 30 мин 15 сек" is six tokens


def extract_duration(
    tokens: Sequence[str], *, max_seconds: int = MAX_CALL_SECONDS
) -> tuple[int | None, list[str]]:
    """The first duration among ``tokens`` and the other tokens.

    Takes one token (``2m30s``, ``1:15``) or a number and its unit split apart
    (``75 s``, ``2 мин 30 сек``, ``4 m``). A bare number is not taken.
    """
    tokens = list(tokens)
    normed = [_norm(t) for t in tokens]
    for i, first in enumerate(normed):
        if not first or not ((first[0].isascii() and first[0].isdigit()) or first[0] in _MINUS):
            continue
        for j in range(min(len(tokens), i + _DURATION_SPAN), i, -1):
            window = normed[i:j]
            if j - i > 1 and not all(window):
                continue
            original = " ".join(tokens[i:j])
            found = _duration_value(" ".join(window), original)
            if found is not None:
                return _finish_duration(*found, original, max_seconds), tokens[:i] + tokens[j:]
    return None, tokens


# --- money --------------------------------------------------------------------------------

_MULTIPLIERS: dict[str, int] = {
    **dict.fromkeys(
        ["k", "к", "тыс", "тысяч", "тысяча", "тысячи", "thousand", "thousands", "тр", "т.р"],
        10**3,
    ),
    **dict.fromkeys(
        [
            "m",
            "м",
            "mm",
            "mln",
            "mio",
            "млн",
            "million",
            "millions",
            "миллион",
            "миллиона",
            "миллионов",
            "лям",
            "ляма",
            "лямов",
        ],
        10**6,
    ),
    **dict.fromkeys(
        ["bn", "млрд", "billion", "billions", "миллиард", "миллиарда", "миллиардов"], 10**9
    ),
}
_CURRENCIES = ["₽", "р", "руб", "рубль", "рубля", "рублей", "rub", "rur", "$", "usd", "eur", "€"]
_CURRENCIES += ["евро", "долл", "доллар", "доллара", "долларов", "dollar", "dollars"]
_CURRENCY_PREFIXES = ["₽", "$", "€", "usd", "eur", "rub"]
_MULT_ALT = _alternation(_MULTIPLIERS)
_CUR_ALT = _alternation(_CURRENCIES)
_AMOUNT_RE = re.compile(
    rf"^(?P<neg>[{_MINUS}])?\s*(?:(?:{_alternation(_CURRENCY_PREFIXES)})\s*)?"
    rf"(?P<neg2>[{_MINUS}])?\s*"
    r"(?P<num>[0-9](?:[0-9 .,'’]*[0-9])?)\s*"
    rf"(?:(?P<mult>{_MULT_ALT})\.?\s*)?"
    rf"(?:{_CUR_ALT})?$"
)
_AMOUNT_WORD_RE = re.compile(rf"^(?:{_MULT_ALT}|{_CUR_ALT})$")
_GROUP_SPLIT_RE = re.compile(r"[ '’]")


def _parse_number(text: str, scaled: bool) -> Decimal | None:
    """``1 500 000,50`` / ``1,500,000.50`` / ``1.500.000,50`` / ``150,000`` -> Decimal.

    The last of ``.``/``,`` is the decimal point when both occur; one kind repeated groups
    thousands. A single ``.``/``,`` followed by exactly three digits after a first group of
    1-3 digits (``1,500``, ``150.000``) groups thousands unless a multiplier follows
    (``1,500k`` is 1.5k).
    """
    decimal_sep = group_sep = None
    if "." in text and "," in text:
        decimal_sep = "." if text.rfind(".") > text.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        if text.count(decimal_sep) != 1:
            return None
    elif "." in text or "," in text:
        sep = "." if "." in text else ","
        if text.count(sep) > 1:
            group_sep = sep
        else:
            whole, frac = text.split(sep)
            if not scaled and re.fullmatch(r"[1-9][0-9]{0,2}", whole) and len(frac) == 3:
                group_sep = sep
            else:
                decimal_sep = sep
    whole, frac = text.rsplit(decimal_sep, 1) if decimal_sep else (text, "")
    if decimal_sep and not re.fullmatch(r"[0-9]+", frac):
        return None
    groups = _GROUP_SPLIT_RE.split(whole.replace(group_sep, " ") if group_sep else whole)
    if not all(re.fullmatch(r"[0-9]+", g) for g in groups):
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    return Decimal("".join(groups) + (f".{frac}" if frac else ""))


def _amount_parts(text: str) -> tuple[Decimal, bool] | None:
    """The unchecked value and the sign of an amount; None when ``text`` is not one."""
    if len(text) > _MAX_TEXT:
        return None
    match = _AMOUNT_RE.match(text)
    if match is None:
        return None
    number = _parse_number(match["num"], scaled=match["mult"] is not None)
    if number is None:
        return None
    factor = _MULTIPLIERS[match["mult"]] if match["mult"] else 1
    return _CTX.multiply(number, factor), bool(match["neg"] or match["neg2"])


def _finish_amount(value: Decimal, negative: bool, original: str) -> Decimal:
    if negative:
        raise ParseError("amount_not_positive", original)
    if value > MAX_AMOUNT:
        raise ParseError("amount_too_large", original, MAX_AMOUNT)
    cents = value.quantize(_CENT, rounding=ROUND_HALF_UP, context=_CTX)
    if cents <= 0:
        raise ParseError("amount_not_positive", original)
    return cents


def parse_amount(text: str) -> Decimal:
    """An amount of money, quantized to 0.01 (half up).

    ``150000``, ``150 000``, ``150000.50``/``150000,50``, ``1,500,000.50``, ``150k``/``150к``,
    ``150тыс``/``150 тыс``, ``150тр``, ``1.5m``/``1,5м``/``1.5млн``/``1.5mln``, ``2 млн``,
    ``1 млрд``; currency marks ``₽ р руб rub $ usd € eur`` before or after are ignored.
    """
    found = _amount_parts(_norm(text))
    if found is None:
        raise ParseError("bad_amount", text)
    return _finish_amount(*found, text)


_AMOUNT_SPAN = 8  # "$ 1 000 000 000,50 млн руб"


def _is_ref_like(normed: str) -> bool:
    return normed.startswith(("#", "№"))


def extract_amount(tokens: Sequence[str]) -> tuple[Decimal | None, list[str]]:
    """The first amount among ``tokens`` and the other tokens.

    Joins digit groups split by spaces (``1 500 000``), a following multiplier or currency
    (``150 тыс``, ``2 млн``, ``150 k``, ``500 ₽``). Tokens starting with ``#``/``№`` are
    meeting references, never amounts.
    """
    tokens = list(tokens)
    normed = [_norm(t) for t in tokens]
    for i in range(len(tokens)):
        if not normed[i] or _is_ref_like(normed[i]):
            continue
        for j in range(min(len(tokens), i + _AMOUNT_SPAN), i, -1):
            window = normed[i:j]
            if not all(window) or any(_is_ref_like(t) for t in window):
                continue
            found = _amount_parts(" ".join(window))
            if found is not None:
                return _finish_amount(*found, " ".join(tokens[i:j])), tokens[:i] + tokens[j:]
    return None, tokens


# --- days ---------------------------------------------------------------------------------

# Days of logged work; the days after today are left for extract_meeting_time.
_PAST_DAY_WORDS = {word: offset for word, offset in DAY_WORDS.items() if offset <= 0}
# Inside a list of tokens, "dd.mm" must look like a real date: "1.5" is more likely minutes.
_STRICT_SHORT_RE = re.compile(r"^(?:0?[1-9]|[12][0-9]|3[01])\.(?:0[1-9]|1[0-2])$")


def _make_date(year: int, month: int, day: int, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError("bad_day", original) from None


def _shift(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _looks_like_day(text: str) -> bool:
    if text in _PAST_DAY_WORDS or _STRICT_SHORT_RE.match(text) is not None:
        return True
    parts = date_parts(text)
    return parts is not None and parts[0] is not None  # a yearless one must be strict


def parse_day(token: str, today: date, backdate_days: int) -> date:
    """The day a piece of work was done.

    ``today``/``сегодня``, ``yesterday``/``вчера``, ``позавчера``/``day-before-yesterday``,
    ``2026-11-26``, ``26.11`` (this year; a future date is an error, not last year),
    ``26.11.2026``, ``26.11.26``. Allowed: from ``today - backdate_days`` to ``today``.
    """
    text = _norm(token)
    if text in _PAST_DAY_WORDS:
        day = _shift(today, _PAST_DAY_WORDS[text])
        if day is None:
            raise ParseError("bad_day", token)
    else:
        parts = date_parts(text)
        if parts is None:
            raise ParseError("bad_day", token)
        year, month, day_of_month = parts
        day = _make_date(today.year if year is None else year, month, day_of_month, token)
    if day > today:
        raise ParseError("day_in_future", token, today)
    oldest = _shift(today, -max(0, backdate_days)) or date.min
    if day < oldest:
        raise ParseError("day_too_old", token, oldest)
    return day


def extract_day(
    tokens: Sequence[str], today: date, backdate_days: int
) -> tuple[date | None, list[str]]:
    """The first day among ``tokens`` (see :func:`parse_day`) and the other tokens.

    ``dd.mm`` is taken only with a two-digit month that exists (``26.11``, ``1.05``, not
    ``1.5``) and not before a multiplier or a currency (``1.05 млн``).
    """
    tokens = list(tokens)
    normed = [_norm(t) for t in tokens]
    for i, text in enumerate(normed):
        if not _looks_like_day(text):
            continue
        following = normed[i + 1] if i + 1 < len(normed) else ""
        if _STRICT_SHORT_RE.match(text) and _AMOUNT_WORD_RE.match(following):
            continue
        return parse_day(tokens[i], today, backdate_days), tokens[:i] + tokens[i + 1 :]
    return None, tokens


def extract_work_day(
    tokens: Sequence[str], today: date, backdate_days: int
) -> tuple[date | None, list[str]]:
    """The day a logging command's work was done (:func:`extract_day`) and the other tokens.

    A day after today among them (``завтра``, ``day-after-tomorrow``) is ``day_in_future``:
    work is not logged ahead, and the word is not a client's name.
    """
    day, rest = extract_day(tokens, today, backdate_days)
    for token in rest:
        if DAY_WORDS.get(_norm(token.lstrip(",.;")), 0) > 0:
            raise ParseError("day_in_future", token, today)
    return day, rest


# --- meetings -----------------------------------------------------------------------------


def _meeting_date(text: str, today: date, original: str) -> date | None:
    if text in DAY_WORDS:
        return _shift(today, DAY_WORDS[text])
    if text in WEEKDAYS:
        return _shift(today, (WEEKDAYS[text] - today.isoweekday()) % 7 or 7)
    parts = date_parts(text)
    assert parts is not None
    year, month, day_of_month = parts
    if year is not None:
        return _make_date(year, month, day_of_month, original)
    day = _make_date(today.year, month, day_of_month, original)
    recent = _shift(today, -MEETING_PAST_DAYS)
    if recent is not None and day < recent:
        day = _make_date(today.year + 1, month, day_of_month, original)
    return day


def extract_meeting_time(tokens: Sequence[str], now: datetime) -> tuple[datetime | None, list[str]]:
    """When a meeting is (or was), in the zone of ``now``, and the other tokens.

    A day (``today``/``сегодня``, ``tomorrow``/``завтра``, ``послезавтра``, ``вчера``,
    ``позавчера``, ``2026-12-01``, ``01.12``, ``01.12.2026``, a weekday ``mon``/``monday``/
    ``пн``/``понедельник``/``пятницу``... meaning the next such day, today excluded) and/or
    a time ``15:00``/``9:30`` anywhere among the tokens; a ``в``/``во``/``к``/``at``/``on``
    right before either is dropped too. A day alone means 10:00 (``DEFAULT_MEETING_TIME``);
    a time alone means today if still ahead, else tomorrow. ``dd.mm`` is this year, or
    next year when this year's date is over a week ago. Allowed: from 7 days before ``now``
    to 366 days after.
    """
    tokens = list(tokens)
    normed = [_norm(t) for t in tokens]
    day_at = time_at = None
    for i, text in enumerate(normed):
        if day_at is None and (_looks_like_day(text) or text in DAY_WORDS or text in WEEKDAYS):
            day_at = i
        elif time_at is None and looks_like_clock(text):
            time_at = i
    if day_at is None and time_at is None:
        return None, tokens

    at = DEFAULT_MEETING_TIME
    if time_at is not None:
        clock = time_of_day(normed[time_at])
        if clock is None:
            raise ParseError("bad_time", tokens[time_at])
        at = clock

    today = now.date()
    original = " ".join(tokens[k] for k in (day_at, time_at) if k is not None)
    if day_at is not None:
        day = _meeting_date(normed[day_at], today, tokens[day_at])
    else:
        day = today
        if datetime.combine(today, at, tzinfo=now.tzinfo) <= now:
            day = _shift(today, 1)
    if day is None:
        raise ParseError("meeting_time_out_of_range", original)
    when = datetime.combine(day, at, tzinfo=now.tzinfo)
    try:
        earliest = now - timedelta(days=MEETING_PAST_DAYS)
    except OverflowError:
        earliest = datetime.min.replace(tzinfo=now.tzinfo)
    try:
        latest = now + timedelta(days=MEETING_FUTURE_DAYS)
    except OverflowError:
        latest = datetime.max.replace(tzinfo=now.tzinfo)
    if when < earliest:
        raise ParseError("meeting_time_out_of_range", original, earliest)
    if when > latest:
        raise ParseError("meeting_time_out_of_range", original, latest)

    taken = {k for k in (day_at, time_at) if k is not None}
    for k in sorted(taken):
        if k > 0 and k - 1 not in taken and normed[k - 1] in TIME_CONNECTORS:
            taken.add(k - 1)
    return when, [t for k, t in enumerate(tokens) if k not in taken]


_REF_RE = re.compile(r"^(?:#|№|n)\s*([0-9]{1,12})$")


def parse_meeting_ref(token: str) -> int | None:
    """``#42``, ``№42``, ``N42`` -> 42; None for anything else (``#0``, ``42``, ``#x``)."""
    match = _REF_RE.match(_norm(token))
    if match is None or int(match[1]) == 0:
        return None
    return int(match[1])


def extract_meeting_ref(tokens: Sequence[str]) -> tuple[int | None, list[str]]:
    """The first meeting reference among ``tokens`` (also ``# 42``, ``№ 42``)."""
    tokens = list(tokens)
    for i, token in enumerate(tokens):
        ref = parse_meeting_ref(token)
        if ref is not None:
            return ref, tokens[:i] + tokens[i + 1 :]
        if i + 1 < len(tokens) and token.strip() in ("#", "№"):
            ref = parse_meeting_ref(token.strip() + tokens[i + 1])
            if ref is not None:
                return ref, tokens[:i] + tokens[i + 2 :]
    return None, tokens


# --- words --------------------------------------------------------------------------------

_DIRECTIONS: dict[str, str] = {
    **dict.fromkeys(
        ["in", "incoming", "inbound", "вх", "вход", "входящий", "входящая", "входящие"], "in"
    ),
    **dict.fromkeys(
        ["out", "outgoing", "outbound", "исх", "исходящий", "исходящая", "исходящие"], "out"
    ),
}
_QUALIFICATIONS: dict[str, str] = {
    **dict.fromkeys(["targeted", "target", "целевой", "целевая", "целевые", "цел"], "targeted"),
    **dict.fromkeys(
        [
            "non",
            "non-targeted",
            "non_targeted",
            "nontargeted",
            "non-target",
            "nontarget",
            "нецелевой",
            "нецелевая",
            "нецелевые",
            "нецел",
        ],
        "non_targeted",
    ),
}


def parse_direction(token: str) -> str | None:
    """``in``/``incoming``/``inbound``/``вх``/``входящий`` -> ``"in"``,
    ``out``/``outgoing``/``outbound``/``исх``/``исходящий`` -> ``"out"``, else None."""
    return _DIRECTIONS.get(_norm(token))


def parse_qualification(token: str) -> str | None:
    """``targeted``/``target``/``целевой``/``цел`` -> ``"targeted"``,
    ``non``/``non-targeted``/``нецелевой``/``нецел`` -> ``"non_targeted"``, else None."""
    return _QUALIFICATIONS.get(_norm(token))


_COUNT_RE = re.compile(rf"^([{_MINUS}])?([0-9]+)$")


def parse_count(token: str) -> int | None:
    """A plain count 1..10000 (``85``); None for anything that is not an integer.

    ``0``, a negative number or one over 10000 is ``count_out_of_range``.
    """
    match = _COUNT_RE.match(_norm(token))
    if match is None:
        return None
    digits = match[2].lstrip("0")
    if match[1] or not digits or len(digits) > 5 or int(digits) > MAX_COUNT:
        raise ParseError("count_out_of_range", token, MAX_COUNT)
    return int(digits)
