"""The words people type for days, weekdays, periods and switches, in Russian and English.

One table per vocabulary, and one way to compare text with them (:func:`fold`). Every
parser reads these tables and none keeps its own: the bot's command arguments
(``bot/parsing.py``: the day of logged work, the time of a meeting; the handlers' on/off
settings), the period grammar of the reports, digests and the CLI's ``--period``
(:mod:`metrics.periods`) and the plans' weekdays (:mod:`metrics.plans`). A word added
here is understood by every command that reads that kind of word.

Tables are keyed by folded text. What a word means where it is read (a day word is a
day of work in ``/call 3m вчера`` and a whole day in ``/stats вчера``) is the reader's
grammar; what the word *is* lives here.

>>> fold("  Прошлый   Четвёрг ")
'прошлый четверг'
>>> DAY_WORDS["позавчера"], parse_weekday("в Пятницу"), parse_switch("ВКЛ")
(-2, 5, True)
>>> PERIOD_WORDS["прошлую неделю"], MONTH_WORDS["ноябре"]
(('week', 1), 11)
>>> date_parts("26.11"), date_parts("2026-11-26"), date_parts("26.11.26")
((None, 11, 26), (2026, 11, 26), (2026, 11, 26))
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time
from typing import TypeVar

__all__ = [
    "DAY_PATTERN",
    "DAY_WORDS",
    "METRIC_WORDS",
    "MONTH_WORDS",
    "PERIOD_PREPOSITIONS",
    "PERIOD_WORDS",
    "SWITCH_WORDS",
    "TIME_CONNECTORS",
    "WEEKDAYS",
    "WEEKDAY_PREPOSITIONS",
    "date_parts",
    "fold",
    "looks_like_clock",
    "parse_switch",
    "parse_weekday",
    "time_of_day",
]


def fold(text: str) -> str:
    """``text`` as every table here is keyed: case folded, ``ё`` read as ``е``, white
    space trimmed and each run of it one space.

    Punctuation is the reader's business (a trailing ``.`` ends a sentence in a
    period, but is part of ``26.11.`` in a list of tokens).
    """
    return " ".join(text.split()).casefold().replace("ё", "е")


_V = TypeVar("_V")


def _table(forms: Mapping[_V, str]) -> dict[str, _V]:
    """``{value: "form|form ..."}`` -> ``{form: value}``, every form folded."""
    return {fold(form): value for value, line in forms.items() for form in line.split("|")}


# --- days -----------------------------------------------------------------------------------

DAY_WORDS: dict[str, int] = _table(
    {
        0: "today|сегодня",
        -1: "yesterday|вчера",
        -2: "day before yesterday|day-before-yesterday|позавчера",
        1: "tomorrow|завтра",
        2: "day after tomorrow|day-after-tomorrow|послезавтра",
    }
)
"""A day named relative to today -> how many days after today (yesterday: -1)."""

_ISO_DAY_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DOTTED_DAY_RE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{4}|[0-9]{2}))?")
DAY_PATTERN = re.sub(r"\((?!\?)", "(?:", f"{_ISO_DAY_RE.pattern}|{_DOTTED_DAY_RE.pattern}")
"""Either way of writing a date, its groups made non-capturing, to put inside a larger
pattern (a range ``A-B``)."""


_CLOCK_RE = re.compile(r"([0-9]{1,2}):([0-9]{1,2})")


def looks_like_clock(text: str) -> bool:
    """A token written as a time of day (``15:00``, ``9:30``, also a wrong one like ``25:00``
    or ``9:5``, which :func:`time_of_day` then refuses)."""
    return _CLOCK_RE.fullmatch(text.strip()) is not None


def time_of_day(text: str) -> time | None:
    """``"19:00"``, ``"9:30"`` -> the time; None for anything else (``24:00``, ``9:5``).

    >>> time_of_day("9:30"), time_of_day("25:00"), time_of_day("9:5")
    (datetime.time(9, 30), None, None)
    """
    match = _CLOCK_RE.fullmatch(text.strip())
    if match is None or len(match[2]) != 2:
        return None
    hours, minutes = int(match[1]), int(match[2])
    return time(hours, minutes) if hours <= 23 and minutes <= 59 else None


def date_parts(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a written date, unchecked; None for anything else.

    ``2026-11-26``, ``26.11.2026``, ``26.11.26`` (the 21st century) and ``26.11`` (no
    year: the reader decides which). Whether the date exists is the reader's to check
    (``31.02`` gives ``(None, 2, 31)``).
    """
    if iso := _ISO_DAY_RE.fullmatch(text):
        return int(iso[1]), int(iso[2]), int(iso[3])
    if dotted := _DOTTED_DAY_RE.fullmatch(text):
        year = dotted[3]
        if year is not None and len(year) == 2:
            year = f"20{year}"
        return (int(year) if year else None), int(dotted[2]), int(dotted[1])
    return None


# --- weekdays -------------------------------------------------------------------------------

WEEKDAYS: dict[str, int] = _table(
    {
        1: "mon|monday|mondays|пн|пон|понедельник|понедельника|понедельникам|понедельники",
        2: "tue|tues|tuesday|tuesdays|вт|вторник|вторника|вторникам|вторники",
        3: "wed|wednesday|wednesdays|ср|среда|среду|среды|средам",
        4: "thu|thur|thurs|thursday|thursdays|чт|четверг|четверга|четвергам|четверги",
        5: "fri|friday|fridays|пт|пятница|пятницу|пятницы|пятницам",
        6: "sat|saturday|saturdays|сб|суббота|субботу|субботы|субботам",
        7: "sun|sunday|sundays|вс|воскресенье|воскресенья|воскресеньям",
    }
)
"""A weekday's name, short or full, in the forms a sentence puts it in -> ISO weekday
(1 = Monday). Names to *show* come from CLDR (``views.formatting``), not from here."""

WEEKDAY_PREPOSITIONS: tuple[str, ...] = ("on", "в", "во", "по")
"""Words that may lead a weekday and add nothing: ``по пятницам``, ``on Monday``."""


def parse_weekday(word: str) -> int | None:
    """The ISO weekday a word names (English or Russian, short or full); None otherwise.

    >>> parse_weekday("Fri"), parse_weekday("пятницу"), parse_weekday("по пятницам")
    (5, 5, 5)
    >>> parse_weekday("5") is None
    True
    """
    text = fold(word).rstrip(".")
    head, _, rest = text.partition(" ")
    if rest and head in WEEKDAY_PREPOSITIONS:
        text = rest
    return WEEKDAYS.get(text)


TIME_CONNECTORS: frozenset[str] = frozenset({"в", "во", "к", "at", "on"})
"""Words right before a meeting's day or time that go with it: ``в 15:00``, ``at 9:30``."""


# --- periods --------------------------------------------------------------------------------

PERIOD_WORDS: dict[str, tuple[str, int]] = {
    **_table({("day", 0): "day|день"}),
    **{word: ("day", -offset) for word, offset in DAY_WORDS.items() if offset <= 0},
    **_table(
        {
            ("week", 0): "week|this week|current week|неделя|неделю|эта неделя|эту неделю"
            "|этой неделе|текущая неделя|текущую неделю",
            ("week", 1): "last week|previous week|прошлая неделя|прошлую неделю|прошлой неделе"
            "|прошлой недели|предыдущая неделя|предыдущую неделю",
            ("month", 0): "month|this month|current month|месяц|этот месяц|этом месяце"
            "|текущий месяц",
            ("month", 1): "last month|previous month|прошлый месяц|прошлом месяце"
            "|прошлого месяца|предыдущий месяц",
            ("quarter", 0): "quarter|this quarter|current quarter|квартал|этот квартал"
            "|этом квартале",
            ("quarter", 1): "last quarter|previous quarter|прошлый квартал|прошлом квартале"
            "|предыдущий квартал",
            ("year", 0): "year|this year|current year|год|этот год|этом году|текущий год",
            ("year", 1): "last year|previous year|прошлый год|прошлом году|предыдущий год",
        }
    ),
}
"""A period named relative to today -> (calendar kind, how many periods back): ``вчера``
is ``("day", 1)``, ``прошлая неделя`` ``("week", 1)``. Day words come from
:data:`DAY_WORDS` (the past ones: a report has no tomorrow)."""

PERIOD_PREPOSITIONS: tuple[str, ...] = ("за", "в", "во", "на", "in", "for", "during")
"""Words that may lead a period and say nothing more: ``за прошлую неделю``, ``in november``."""

MONTH_WORDS: dict[str, int] = _table(
    {
        1: "january|jan|январь|января|январе|янв",
        2: "february|feb|февраль|февраля|феврале|фев",
        3: "march|mar|март|марта|марте|мар",
        4: "april|apr|апрель|апреля|апреле|апр",
        5: "may|май|мая|мае",
        6: "june|jun|июнь|июня|июне|июн",
        7: "july|jul|июль|июля|июле|июл",
        8: "august|aug|август|августа|августе|авг",
        9: "september|sep|sept|сентябрь|сентября|сентябре|сен|сент",
        10: "october|oct|октябрь|октября|октябре|окт",
        11: "november|nov|ноябрь|ноября|ноябре|ноя",
        12: "december|dec|декабрь|декабря|декабре|дек",
    }
)
"""A month's name, short or full, in the forms a sentence puts it in -> its number."""


# --- metrics --------------------------------------------------------------------------------

METRIC_WORDS: dict[str, str] = _table(
    {
        "calls_60": "звонки|звонков|звонок|calls",
        "minutes_on_line": "минуты|минут|minutes",
        "leads_new": "лиды|лидов|лид|leads",
        "meetings_set": "назначенные|назначено|назначения|set",
        "meetings_held": "встречи|встреч|проведённые|проведено|meetings|held",
        "payments": "оплаты|оплат|продажи|продаж|payments|sales",
        "revenue": "выручка|выручку|деньги|revenue|money",
        "proposals": "кп|proposals",
    }
)
"""The words people use for a metric, besides its key and its registry names in both
languages (``metrics.registry.metric_named`` reads all three): ``звонки`` are the calls
that count (60 s and more), ``встречи`` the meetings held (the SDR's main indicator)."""


# --- switches -------------------------------------------------------------------------------

SWITCH_WORDS: dict[str, bool] = _table(
    {
        True: "on|yes|true|1|вкл|да",
        False: "off|no|false|0|-|выкл|нет",
    }
)
"""The words that turn a setting on or off."""


def parse_switch(word: str) -> bool | None:
    """True for a word that turns a setting on, False for one that turns it off, else None.

    >>> parse_switch("On"), parse_switch("выкл"), parse_switch("maybe")
    (True, False, None)
    """
    return SWITCH_WORDS.get(fold(word))
