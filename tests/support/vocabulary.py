"""What every word of the grammar (``metrics/grammar.py``) must mean, written out by hand.

The expectations are what a word means on ``TODAY`` (a date, a span of days, on or off),
not copies of the tables: the unit tests check
that the tables hold exactly these words, the handler tests send each one through the
bot's commands and the CLI. ``TODAY`` is the handler tests' Friday evening in Moscow.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

TODAY = date(2026, 11, 27)  # a Friday


def _spread(groups: dict) -> dict:
    """``{meaning: "word|word"}`` -> ``{word: meaning}``."""
    return {word: meaning for meaning, words in groups.items() for word in words.split("|")}


def variants(word: str) -> Iterator[str]:
    """The word as written, then shouted with its first Russian "е" written "Ё"."""
    yield word
    shouted = word.upper().replace("Е", "Ё", 1)
    if shouted != word:
        yield shouted


def shouted(word: str) -> str:
    return list(variants(word))[-1]


# --- days: the day each word names on TODAY --------------------------------------------------

DAYS: dict[str, date] = _spread(
    {
        TODAY: "today|сегодня",
        date(2026, 11, 26): "yesterday|вчера",
        date(2026, 11, 25): "day before yesterday|day-before-yesterday|позавчера",
        date(2026, 11, 28): "tomorrow|завтра",
        date(2026, 11, 29): "day after tomorrow|day-after-tomorrow|послезавтра",
    }
)

# --- weekdays: the next such day after TODAY (said on a Friday, "Friday" is next week's) ----

NEXT_WEEKDAY: dict[str, date] = _spread(
    {
        date(2026, 11, 30): "mon|monday|mondays|пн|пон|понедельник|понедельника|понедельникам"
        "|понедельники",
        date(2026, 12, 1): "tue|tues|tuesday|tuesdays|вт|вторник|вторника|вторникам|вторники",
        date(2026, 12, 2): "wed|wednesday|wednesdays|ср|среда|среду|среды|средам",
        date(2026, 12, 3): "thu|thur|thurs|thursday|thursdays|чт|четверг|четверга|четвергам"
        "|четверги",
        date(2026, 12, 4): "fri|friday|fridays|пт|пятница|пятницу|пятницы|пятницам",
        date(2026, 11, 28): "sat|saturday|saturdays|сб|суббота|субботу|субботы|субботам",
        date(2026, 11, 29): "sun|sunday|sundays|вс|воскресенье|воскресенья|воскресеньям",
    }
)
WEEKDAY_NAMES = {
    "ru": ("пн", "вт", "ср", "чт", "пт", "сб", "вс"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}

# --- switches ------------------------------------------------------------------------------------

SWITCHES: dict[str, bool] = _spread(
    {True: "on|yes|true|1|вкл|да", False: "off|no|false|0|-|выкл|нет"}
)

# --- periods: first and last day, seen from TODAY -----------------------------------------------

Span = tuple[date, date]
TODAY_SPAN: Span = (TODAY, TODAY)
THIS_WEEK: Span = (date(2026, 11, 23), date(2026, 11, 29))
LAST_WEEK: Span = (date(2026, 11, 16), date(2026, 11, 22))
THIS_QUARTER: Span = (date(2026, 10, 1), date(2026, 12, 31))
LAST_QUARTER: Span = (date(2026, 7, 1), date(2026, 9, 30))
THIS_YEAR: Span = (date(2026, 1, 1), date(2026, 12, 31))
LAST_YEAR: Span = (date(2025, 1, 1), date(2025, 12, 31))
MONTHS: dict[int, Span] = {
    1: (date(2026, 1, 1), date(2026, 1, 31)),
    2: (date(2026, 2, 1), date(2026, 2, 28)),
    3: (date(2026, 3, 1), date(2026, 3, 31)),
    4: (date(2026, 4, 1), date(2026, 4, 30)),
    5: (date(2026, 5, 1), date(2026, 5, 31)),
    6: (date(2026, 6, 1), date(2026, 6, 30)),
    7: (date(2026, 7, 1), date(2026, 7, 31)),
    8: (date(2026, 8, 1), date(2026, 8, 31)),
    9: (date(2026, 9, 1), date(2026, 9, 30)),
    10: (date(2026, 10, 1), date(2026, 10, 31)),
    11: (date(2026, 11, 1), date(2026, 11, 30)),
    12: (date(2025, 12, 1), date(2025, 12, 31)),  # December 2026 has not started yet
}

# The words of metrics.grammar.PERIOD_WORDS.
PERIOD_WORDS: dict[str, Span] = _spread(
    {
        TODAY_SPAN: "day|today|день|сегодня",
        (date(2026, 11, 26),) * 2: "yesterday|вчера",
        (date(2026, 11, 25),) * 2: "day before yesterday|day-before-yesterday|позавчера",
        THIS_WEEK: "week|this week|current week|неделя|неделю|эта неделя|эту неделю"
        "|этой неделе|текущая неделя|текущую неделю",
        LAST_WEEK: "last week|previous week|прошлая неделя|прошлую неделю|прошлой неделе"
        "|прошлой недели|предыдущая неделя|предыдущую неделю",
        MONTHS[11]: "month|this month|current month|месяц|этот месяц|этом месяце|текущий месяц",
        MONTHS[10]: "last month|previous month|прошлый месяц|прошлом месяце|прошлого месяца"
        "|предыдущий месяц",
        THIS_QUARTER: "quarter|this quarter|current quarter|квартал|этот квартал|этом квартале",
        LAST_QUARTER: "last quarter|previous quarter|прошлый квартал|прошлом квартале"
        "|предыдущий квартал",
        THIS_YEAR: "year|this year|current year|год|этот год|этом году|текущий год",
        LAST_YEAR: "last year|previous year|прошлый год|прошлом году|предыдущий год",
    }
)

# The words of metrics.grammar.MONTH_WORDS.
MONTH_WORDS: dict[str, Span] = _spread(
    {
        MONTHS[1]: "january|jan|январь|января|январе|янв",
        MONTHS[2]: "february|feb|февраль|февраля|феврале|фев",
        MONTHS[3]: "march|mar|март|марта|марте|мар",
        MONTHS[4]: "april|apr|апрель|апреля|апреле|апр",
        MONTHS[5]: "may|май|мая|мае",
        MONTHS[6]: "june|jun|июнь|июня|июне|июн",
        MONTHS[7]: "july|jul|июль|июля|июле|июл",
        MONTHS[8]: "august|aug|август|августа|августе|авг",
        MONTHS[9]: "september|sep|sept|сентябрь|сентября|сентябре|сен|сент",
        MONTHS[10]: "october|oct|октябрь|октября|октябре|окт",
        MONTHS[11]: "november|nov|ноябрь|ноября|ноябре|ноя",
        MONTHS[12]: "december|dec|декабрь|декабря|декабре|дек",
    }
)

# Every leading preposition, and every way to write a date, a month, a quarter, a year
# and a range.
PERIOD_SHAPES: dict[str, Span] = {
    "за прошлую неделю": LAST_WEEK,
    "в ноябре": MONTHS[11],
    "во 2 кв": (date(2026, 4, 1), date(2026, 6, 30)),
    "на этой неделе": THIS_WEEK,
    "in november": MONTHS[11],
    "for last month": MONTHS[10],
    "during this year": THIS_YEAR,
    "за вчера": (date(2026, 11, 26),) * 2,
    "2026-11-05": (date(2026, 11, 5),) * 2,
    "05.11.2026": (date(2026, 11, 5),) * 2,
    "05.11.26": (date(2026, 11, 5),) * 2,
    "05.11": (date(2026, 11, 5),) * 2,
    "28.11": (date(2025, 11, 28),) * 2,  # this year's has not come yet
    "ноябрь 2025": (date(2025, 11, 1), date(2025, 11, 30)),
    "november 2025": (date(2025, 11, 1), date(2025, 11, 30)),
    "2026-11": MONTHS[11],
    "11.2026": MONTHS[11],
    "q4": THIS_QUARTER,
    "4 квартал": THIS_QUARTER,
    "4-й кв 2025": (date(2025, 10, 1), date(2025, 12, 31)),
    "2025 год": LAST_YEAR,
    "2025 г": LAST_YEAR,
    "year 2025": LAST_YEAR,
    "2026-11-01..2026-11-15": (date(2026, 11, 1), date(2026, 11, 15)),
    "01.11..15.11": (date(2026, 11, 1), date(2026, 11, 15)),
    "01.11 - 15.11": (date(2026, 11, 1), date(2026, 11, 15)),
    "01.11–15.11.2026": (date(2026, 11, 1), date(2026, 11, 15)),
    "01.11-15.11": (date(2026, 11, 1), date(2026, 11, 15)),
    "2026-11-01-2026-11-15": (date(2026, 11, 1), date(2026, 11, 15)),
    "20.12..10.01": (date(2025, 12, 20), date(2026, 1, 10)),
    "октябрь..ноябрь": (date(2026, 10, 1), date(2026, 11, 30)),
}

PERIODS: dict[str, Span] = {**PERIOD_WORDS, **MONTH_WORDS, **PERIOD_SHAPES}
"""Every period phrase a command or the CLI takes, and the days it means on TODAY."""

NOT_PERIODS = ("tomorrow", "завтра", "послезавтра", "day after tomorrow", "someday", "31.02")
"""Refused as a period by the bot and the CLI alike."""
