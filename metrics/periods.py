"""Calendar periods of a report (METRICS.md section 2, "Time periods").

A :class:`Period` is a run of whole days, both ends included, in the team's
time zone: the caller passes the team-local ``today`` and every date here is a
plain :class:`datetime.date`. Weeks are ISO weeks, Monday to Sunday.

>>> today = date(2026, 11, 27)  # a Friday
>>> resolve_period("last week", today)
Period(start=datetime.date(2026, 11, 16), end=datetime.date(2026, 11, 22), kind='week')
>>> resolve_period("ноябрь", today).label("ru")
'ноябрь 2026'
>>> p = resolve_period("01.11..15.11", today)
>>> p.days, p.label(), p.previous().label()
(15, '2026-11-01..2026-11-15', '2026-10-17..2026-10-31')
>>> split_period_words(["прошлый", "месяц", "cohort"])
('прошлый месяц', ['cohort'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from metrics.grammar import (
    DAY_PATTERN,
    MONTH_WORDS,
    PERIOD_PREPOSITIONS,
    PERIOD_WORDS,
    date_parts,
    fold,
)

__all__ = [
    "KINDS",
    "MAX_RANGE_DAYS",
    "Period",
    "PeriodError",
    "current_kind",
    "resolve_period",
    "split_period_words",
]

KINDS: tuple[str, ...] = ("day", "week", "month", "quarter", "year", "range")
MAX_RANGE_DAYS = 366
_CALENDAR_KINDS = ("day", "week", "month", "quarter", "year")


class PeriodError(ValueError):
    """Text that is not a period, or a period that cannot be used.

    ``value`` is the offending text; ``code`` is a stable key for a localized
    message: ``unknown`` (not a period at all), ``bad_date`` (shaped like a
    date that does not exist, e.g. ``31.02``), ``end_before_start`` or
    ``too_long`` (a range over :data:`MAX_RANGE_DAYS` days).
    """

    def __init__(self, value: str, code: str = "unknown") -> None:
        super().__init__(value, code)
        self.value = value
        self.code = code

    def __str__(self) -> str:
        return {
            "unknown": f"not a period: {self.value!r}",
            "bad_date": f"no such date: {self.value!r}",
            "end_before_start": f"the period ends before it starts: {self.value!r}",
            "too_long": f"a period is at most {MAX_RANGE_DAYS} days: {self.value!r}",
        }.get(self.code, f"{self.code}: {self.value!r}")


# --- calendar arithmetic ------------------------------------------------------------------


def _month_start(year: int, month: int) -> date:
    """The first day of ``month`` of ``year``; ``month`` may run outside 1..12."""
    year, month0 = divmod(year * 12 + month - 1, 12)
    return date(year, month0 + 1, 1)


def _months_span(year: int, month: int, count: int) -> tuple[date, date]:
    """First and last day of ``count`` whole months starting at ``month`` of ``year``."""
    first = _month_start(year, month)
    last = _month_start(year, month + count) - timedelta(days=1)
    return first, last


def _calendar(day: date, kind: str) -> tuple[date, date]:
    """First and last day of the calendar ``kind`` period that contains ``day``."""
    if kind == "day":
        return day, day
    if kind == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if kind == "month":
        return _months_span(day.year, day.month, 1)
    if kind == "quarter":
        return _months_span(day.year, (day.month - 1) // 3 * 3 + 1, 3)
    if kind == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    raise ValueError(f"not a calendar period kind: {kind!r}")


def _infer_kind(start: date, end: date) -> str:
    for kind in _CALENDAR_KINDS:
        if _calendar(start, kind) == (start, end):
            return kind
    return "range"


# --- labels ------------------------------------------------------------------------------

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS_RU = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


def _ru_span(start: date, end: date) -> str:
    """``23.11–29.11.2026``; with both years when they differ."""
    if start.year == end.year:
        return f"{start:%d.%m}–{end:%d.%m.%Y}"
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"


@dataclass(frozen=True, slots=True)
class Period:
    """Days ``start`` to ``end``, both included; ``kind`` is one of :data:`KINDS`.

    A calendar kind (``day``, ``week``, ``month``, ``quarter``, ``year``) is the
    whole calendar period; ``range`` is any run of days.
    """

    start: date
    end: date
    kind: str = "range"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown period kind {self.kind!r}, expected one of {KINDS}")
        if self.end < self.start:
            raise PeriodError(f"{self.start}..{self.end}", "end_before_start")

    @classmethod
    def containing(cls, day: date, kind: str) -> Period:
        """The calendar period of ``kind`` that contains ``day``.

        >>> Period.containing(date(2026, 11, 27), "week").label()
        '2026-11-23..2026-11-29'
        """
        start, end = _calendar(day, kind)
        return cls(start, end, kind)

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """Days ``start`` to ``end``, with the calendar kind they happen to form, else ``range``.

        >>> Period.between(date(2026, 11, 1), date(2026, 11, 30)).kind
        'month'
        """
        if end < start:
            raise PeriodError(f"{start}..{end}", "end_before_start")
        return cls(start, end, _infer_kind(start, end))

    @property
    def days(self) -> int:
        """How many days the period has, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """Whether ``day`` is one of the period's days."""
        return self.start <= day <= self.end

    def label(self, lang: str = "iso") -> str:
        """How to show the period.

        ``iso`` (and any language without readable labels) gives
        ``2026-11-01..2026-11-30``; ``en`` and ``ru`` give readable labels:

        >>> week = Period(date(2026, 11, 23), date(2026, 11, 29), "week")
        >>> week.label("en"), week.label("ru")
        ('week of 2026-11-23', 'неделя 23.11–29.11.2026')
        """
        start, end, kind = self.start, self.end, self.kind
        if lang == "en":
            if kind == "day":
                return start.isoformat()
            if kind == "week":
                return f"week of {start.isoformat()}"
            if kind == "month":
                return f"{_MONTHS_EN[start.month - 1]} {start.year}"
            if kind == "quarter":
                return f"Q{(start.month - 1) // 3 + 1} {start.year}"
            if kind == "year":
                return str(start.year)
        elif lang == "ru":
            if kind == "day":
                return f"{start:%d.%m.%Y}"
            if kind == "week":
                return f"неделя {_ru_span(start, end)}"
            if kind == "month":
                return f"{_MONTHS_RU[start.month - 1]} {start.year}"
            if kind == "quarter":
                return f"{(start.month - 1) // 3 + 1}-й квартал {start.year}"
            if kind == "year":
                return f"{start.year} год"
            return f"{start:%d.%m.%Y}" if start == end else _ru_span(start, end)
        if start == end and kind != "range":
            return start.isoformat()
        return f"{start.isoformat()}..{end.isoformat()}"

    def previous(self, n: int = 1) -> Period:
        """The equivalent period ``n`` steps back (a negative ``n`` steps forward).

        Same kind: the previous day, ISO week, whole calendar month, quarter or
        year; for a ``range``, the same number of days right before it.

        >>> Period(date(2026, 3, 1), date(2026, 3, 31), "month").previous()
        Period(start=datetime.date(2026, 2, 1), end=datetime.date(2026, 2, 28), kind='month')
        """
        kind = self.kind
        if kind in ("day", "week"):
            step = timedelta(days=n * (1 if kind == "day" else 7))
            start, end = _calendar(self.start - step, kind)
        elif kind == "month":
            start, end = _months_span(self.start.year, self.start.month - n, 1)
        elif kind == "quarter":
            first = _calendar(self.start, "quarter")[0]
            start, end = _months_span(first.year, first.month - 3 * n, 3)
        elif kind == "year":
            year = self.start.year - n
            start, end = date(year, 1, 1), date(year, 12, 31)
        else:
            shift = timedelta(days=n * self.days)
            start, end = self.start - shift, self.end - shift
        return Period(start, end, kind)

    def elapsed(self, today: date) -> Period | None:
        """The part of the period up to and including ``today``.

        The period itself when it has ended by ``today``; ``None`` when it
        starts after ``today``; otherwise a ``range`` from its start to
        ``today`` (so "so far" labels and compares as the days it covers).

        >>> month = Period(date(2026, 11, 1), date(2026, 11, 30), "month")
        >>> month.elapsed(date(2026, 11, 27)).label()
        '2026-11-01..2026-11-27'
        >>> month.elapsed(date(2026, 10, 31)) is None
        True
        """
        if today < self.start:
            return None
        if today >= self.end:
            return self
        return Period(self.start, today, "range")


# --- parsing -----------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = fold(text).rstrip(",;:!? ")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]  # the end of a sentence: "за ноябрь.", "05.11."
    return text


_YEAR = r"(?P<year>[0-9]{4})"
_YEAR_SUFFIX = r"(?:\s*(?:г|г\.|года|году|год))?"
_ISO_MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_DOTTED_MONTH_RE = re.compile(r"([0-9]{1,2})\.([0-9]{4})")
_NAMED_MONTH_RE = re.compile(rf"(?P<name>[^\W\d_]+)\.?(?:\s+{_YEAR}{_YEAR_SUFFIX})?")
_QUARTER_RE = re.compile(
    rf"(?:q(?P<q1>[1-4])|(?P<q2>[1-4])(?:-?й)?\s+(?:кв|кв\.|квартал))(?:\s+{_YEAR}{_YEAR_SUFFIX})?"
)
_YEAR_RE = re.compile(r"([0-9]{4})\s*(?:г|г\.|год)|(?:year|год)\s+([0-9]{4})")
# A range: two sides joined by "..", an en or em dash, or a hyphen between spaces;
# a bare hyphen joins two dates only ("01.11-15.11", "2026-11-01-2026-11-15").
_RANGE_SPLIT_RE = re.compile(r"\s*(?:\.\.+|…|–|—)\s*|\s+-\s+")
_HYPHEN_RANGE_RE = re.compile(rf"({DAY_PATTERN})-({DAY_PATTERN})")


@dataclass(frozen=True, slots=True)
class _Spec:
    """One side of a period before ``today`` fixes a missing year.

    ``year`` is None when the text gave none; ``month``/``day`` say how much of
    a date was given; a relative word keeps ``word``.
    """

    kind: str
    year: int | None = None
    month: int = 1
    day: int = 1
    word: tuple[str, int] | None = None


def _parse_side(text: str) -> _Spec | None:
    """The period one piece of text names, without resolving it; None if it names none."""
    if text in PERIOD_WORDS:
        return _Spec("word", word=PERIOD_WORDS[text])
    if (day := date_parts(text)) is not None:
        year, month, day_of_month = day
        return _Spec("day", year, month, day_of_month)
    if m := _ISO_MONTH_RE.fullmatch(text):
        return _Spec("month", int(m[1]), int(m[2]))
    if m := _DOTTED_MONTH_RE.fullmatch(text):
        return _Spec("month", int(m[2]), int(m[1]))
    if (m := _NAMED_MONTH_RE.fullmatch(text)) and m["name"] in MONTH_WORDS:
        year = int(m["year"]) if m["year"] else None
        return _Spec("month", year, MONTH_WORDS[m["name"]])
    if m := _QUARTER_RE.fullmatch(text):
        year = int(m["year"]) if m["year"] else None
        return _Spec("quarter", year, (int(m["q1"] or m["q2"]) - 1) * 3 + 1)
    if m := _YEAR_RE.fullmatch(text):
        return _Spec("year", int(m[1] or m[2]))
    return None


def _parse(text: str) -> tuple[_Spec] | tuple[_Spec, _Spec] | None:
    """One spec, or the two sides of a range; None when ``text`` is not a period."""
    head, _, rest = text.partition(" ")
    if head in PERIOD_PREPOSITIONS and (found := _parse_bare(rest)) is not None:
        return found
    return _parse_bare(text)


def _parse_bare(text: str) -> tuple[_Spec] | tuple[_Spec, _Spec] | None:
    if (single := _parse_side(text)) is not None:
        return (single,)
    sides = _RANGE_SPLIT_RE.split(text)
    if len(sides) != 2:
        hyphen = _HYPHEN_RANGE_RE.fullmatch(text)
        if hyphen is None:
            return None
        sides = [hyphen[1], hyphen[2]]
    left, right = (_parse_side(side.strip()) for side in sides)
    if left is None or right is None:
        return None
    return left, right


def _span(spec: _Spec, year: int, today: date, original: str) -> tuple[date, date]:
    """First and last day of ``spec`` in ``year`` (when the spec gave no year)."""
    try:
        if spec.word is not None:
            kind, back = spec.word
            current = Period.containing(today, kind)
            found = current.previous(back) if back else current
            return found.start, found.end
        if spec.kind == "day":
            day = date(year, spec.month, spec.day)
            return day, day
        if spec.kind == "month":
            if not 1 <= spec.month <= 12:
                raise PeriodError(original, "bad_date")
            return _months_span(year, spec.month, 1)
        if spec.kind == "quarter":
            return _months_span(year, spec.month, 3)
        return date(year, 1, 1), date(year, 12, 31)
    except (ValueError, OverflowError) as error:
        if isinstance(error, PeriodError):
            raise
        raise PeriodError(original, "bad_date") from None


def _fixed(spec: _Spec) -> bool:
    """Whether ``spec`` needs no year from elsewhere (it gave one, or it is a word)."""
    return spec.year is not None or spec.word is not None


def _latest_started(spec: _Spec, today: date, original: str) -> tuple[date, date]:
    """The spec's days; a yearless one in the latest year in which it has started by ``today``."""
    if _fixed(spec):
        return _span(spec, today.year if spec.year is None else spec.year, today, original)
    try:
        start, end = _span(spec, today.year, today, original)
    except PeriodError:
        if (spec.month, spec.day) != (2, 29):
            raise
        start = end = date.max  # 29.02 of a common year: look back for a leap year
    year = today.year
    while start > today:
        year -= 1
        if year < today.year - 8:
            raise PeriodError(original, "bad_date")
        try:
            start, end = _span(spec, year, today, original)
        except PeriodError:
            continue
    return start, end


def _range(left: _Spec, right: _Spec, today: date, original: str) -> tuple[date, date]:
    """First and last day of a range ``left..right``.

    A yearless side takes the other side's year, crossing New Year only when its
    month says so (``20.12..10.01``); when neither side has a year, the left one
    is the latest that has started by ``today``.
    """
    if _fixed(right) and not _fixed(left):
        _, end = _latest_started(right, today, original)
        year = end.year if left.month <= end.month else end.year - 1
        start, _ = _span(left, year, today, original)
        return start, end
    start, _ = _latest_started(left, today, original)
    if _fixed(right):
        _, end = _latest_started(right, today, original)
    else:
        year = start.year if right.month >= start.month else start.year + 1
        _, end = _span(right, year, today, original)
    return start, end


def _resolve(text: str, today: date) -> Period:
    original = text
    parsed = _parse(_norm(text))
    if parsed is None:
        raise PeriodError(original, "unknown")
    if len(parsed) == 1:
        (spec,) = parsed
        start, end = _latest_started(spec, today, original)
        kind = spec.word[0] if spec.word is not None else spec.kind
        return Period(start, end, kind)
    start, end = _range(*parsed, today, original)
    if end < start:
        raise PeriodError(original, "end_before_start")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise PeriodError(original, "too_long")
    return Period(start, end, "range")


def resolve_period(text: str | None, today: date, default: str = "day") -> Period:
    """The period ``text`` names, seen from the team-local date ``today``.

    Case-insensitive, English and Russian. ``None`` or blank text means
    ``default`` (itself a period text).

    - ``day``/``today``/``сегодня``, ``yesterday``/``вчера``;
    - ``week``/``неделя``, ``month``/``месяц``, ``quarter``/``квартал``,
      ``year``/``год``: the whole current calendar period, future days
      included; ``last week``/``прошлая неделя`` ... ``last year``: the
      previous complete one (ISO weeks, Monday to Sunday);
    - one day: ``2026-11-05``, ``05.11.2026``, ``05.11.26``, ``05.11``;
    - a month: ``november``/``ноябрь``/``ноябре``, ``ноябрь 2026``,
      ``2026-11``, ``11.2026``; a quarter ``q4``/``4 квартал`` (with an
      optional year); a year ``2026 год``/``year 2026``;
    - a range ``A..B`` (or ``A - B``, ``A–B``) of any two of the above,
      from the first day of ``A`` to the last day of ``B``, at most
      :data:`MAX_RANGE_DAYS` days.

    A date or month without a year is the latest one that has started by
    ``today`` (``28.12`` on 5 January is last December). In a range, a side
    without a year takes the other side's, and crosses New Year only when its
    month says so (``20.12..10.01``; ``15.11..01.11`` ends before it starts).

    >>> today = date(2026, 11, 27)
    >>> resolve_period("05.11", today)
    Period(start=datetime.date(2026, 11, 5), end=datetime.date(2026, 11, 5), kind='day')
    >>> resolve_period("2026-11-15..2026-11-01", today)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    metrics.periods.PeriodError: the period ends before it starts: '2026-11-15..2026-11-01'
    """
    if text is None or not text.strip():
        return _resolve(default, today)
    return _resolve(text, today)


def current_kind(text: str) -> str | None:
    """The calendar kind of the current period that ``text`` names by a word, else None.

    For commands that show the running day, week or month (``/digest week``): the
    words :func:`resolve_period` reads as the current period, a past one (``вчера``,
    ``last week``), a date or anything else is None.

    >>> current_kind("Эту неделю"), current_kind("сегодня"), current_kind("прошлый месяц")
    ('week', 'day', None)
    """
    parsed = _parse(_norm(text))
    if parsed is None or len(parsed) != 1 or parsed[0].word is None:
        return None
    kind, back = parsed[0].word
    return kind if back == 0 else None


_PROBE_DAY = date(2000, 6, 15)
# Among other tokens, "d.m" with a one-digit month is more likely a number ("1.5") than a date.
_LOOSE_SHORT_DAY_RE = re.compile(r"(?<![0-9.])[0-9]{1,2}\.[0-9](?![0-9.])")


def _is_period_text(text: str) -> bool:
    """Whether ``text`` is shaped like a period (even one that cannot be used, like ``31.02``)."""
    if _LOOSE_SHORT_DAY_RE.search(text):
        return False
    try:
        _resolve(text, _PROBE_DAY)
    except PeriodError as error:
        return error.code != "unknown"
    return True


_MAX_RUN = 6  # the longest period text, in tokens: "за прошлую неделю", "01.11 - 15.11.2026"


def split_period_words(tokens: list[str]) -> tuple[str | None, list[str]]:
    """The period among a command's ``tokens`` and the tokens left.

    Takes the longest run of consecutive tokens that reads as a period (the
    first such run when several are as long), joined by spaces; ``None`` and
    all the tokens when no run does. A run that is shaped like a period but
    cannot be resolved (``31.02``, a reversed range) is still taken, so
    :func:`resolve_period` reports what is wrong with it. A yearless ``d.m``
    needs a two-digit month here (``05.11``, not ``1.5``, which reads as a number).

    >>> split_period_words(["last", "week", "@ivan"])
    ('last week', ['@ivan'])
    >>> split_period_words(["@ivan", "cohort"])
    (None, ['@ivan', 'cohort'])
    """
    tokens = list(tokens)
    best: tuple[int, int] | None = None
    for i in range(len(tokens)):
        for j in range(min(len(tokens), i + _MAX_RUN), i, -1):
            if best is not None and j - i <= best[1] - best[0]:
                break
            if _is_period_text(" ".join(tokens[i:j])):
                best = (i, j)
                break
    if best is None:
        return None, tokens
    i, j = best
    return " ".join(tokens[i:j]), tokens[:i] + tokens[j:]
