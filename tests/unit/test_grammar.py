"""The one grammar: its tables hold exactly the expected words, and every parser reads them."""

from __future__ import annotations

import doctest
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

import metrics.grammar
import views.formatting
from bot.parsing import ParseError, extract_meeting_time, extract_work_day, parse_day
from metrics import grammar
from metrics.periods import current_kind, resolve_period, split_period_words
from metrics.plans import parse_weekday, parse_weekdays
from storage.sources import source_key
from tests.support import vocabulary as v
from views.formatting import weekday_name, weekday_names

NOW = datetime.combine(v.TODAY, time(12, 0), tzinfo=ZoneInfo("Europe/Moscow"))


def test_doctests() -> None:
    assert doctest.testmod(metrics.grammar).failed == 0
    assert doctest.testmod(views.formatting).failed == 0


@pytest.mark.parametrize(
    ("table", "tested"),
    [
        (grammar.DAY_WORDS, v.DAYS),
        (grammar.WEEKDAYS, v.NEXT_WEEKDAY),
        (grammar.SWITCH_WORDS, v.SWITCHES),
        (grammar.MONTH_WORDS, v.MONTH_WORDS),
        (grammar.PERIOD_WORDS, v.PERIOD_WORDS),
    ],
    ids=["days", "weekdays", "switches", "months", "periods"],
)
def test_each_table_holds_exactly_the_tested_words(table: dict, tested: dict) -> None:
    """A word added to the grammar needs its meaning written in tests/support/vocabulary.py
    (what each means is checked below, through the parsers that read it)."""
    assert sorted(table) == sorted(tested)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Вчера", "вчера"),
        ("ЧЕТВЁРГ", "четверг"),
        ("  Прошлый \t Месяц ", "прошлый месяц"),
        ("Ёлки-Палки", "елки-палки"),
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert grammar.fold(text) == folded


def test_source_names_fold_like_every_other_word() -> None:
    assert source_key("  Ёлка  Ads ") == grammar.fold("елка ads") == "елка ads"


# --- each word through every pure parser that takes it -----------------------------------------


@pytest.mark.parametrize("word", [w for word in v.DAYS for w in v.variants(word)])
def test_day_words(word: str) -> None:
    day = v.DAYS[grammar.fold(word)]
    single_token = " " not in word
    if single_token:
        when, rest = extract_meeting_time([word, "15:00"], NOW)
        assert (when, rest) == (datetime.combine(day, time(15), tzinfo=NOW.tzinfo), [])
    if day <= v.TODAY:
        assert resolve_period(word, v.TODAY).start == day == resolve_period(word, v.TODAY).end
        if single_token:
            assert parse_day(word, v.TODAY, backdate_days=7) == day
            assert extract_work_day(["3m", word], v.TODAY, 7) == (day, ["3m"])
    else:
        with pytest.raises(Exception, match="not a period"):
            resolve_period(word, v.TODAY)
        if single_token:
            with pytest.raises(ParseError) as caught:
                extract_work_day(["3m", word], v.TODAY, 7)
            assert (caught.value.code, caught.value.value) == ("day_in_future", word)


@pytest.mark.parametrize("word", [w for word in v.NEXT_WEEKDAY for w in v.variants(word)])
def test_weekdays(word: str) -> None:
    next_day = v.NEXT_WEEKDAY[grammar.fold(word)]
    iso = next_day.isoweekday()
    assert parse_weekday(word) == iso
    assert parse_weekday(f"по {word}") == parse_weekday(f"on {word}") == iso
    assert parse_weekdays(word) == (iso,)
    when, rest = extract_meeting_time(["в", word], NOW)
    assert (when, rest) == (datetime.combine(next_day, time(10), NOW.tzinfo), [])


@pytest.mark.parametrize("word", [w for word in v.SWITCHES for w in v.variants(word)])
def test_switches(word: str) -> None:
    assert grammar.parse_switch(word) is v.SWITCHES[grammar.fold(word)]


@pytest.mark.parametrize("word", ["", "maybe", "onn", "включено?", "2"])
def test_not_a_switch(word: str) -> None:
    assert grammar.parse_switch(word) is None


@pytest.mark.parametrize("phrase", [w for phrase in v.PERIODS for w in v.variants(phrase)])
def test_periods(phrase: str) -> None:
    start, end = v.PERIODS[grammar.fold(phrase)]
    period = resolve_period(phrase, v.TODAY)
    assert (period.start, period.end) == (start, end)
    # among a command's other words (/stats last week @ivan cohort)
    assert split_period_words(["@ivan", *phrase.split(), "cohort"]) == (
        " ".join(phrase.split()),
        ["@ivan", "cohort"],
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("day", "day"),
        ("Сегодня", "day"),
        ("неделя", "week"),
        ("ЭТУ НЕДЕЛЮ", "week"),
        ("за неделю", "week"),
        ("текущий месяц", "month"),
        ("квартал", "quarter"),
        ("вчера", None),
        ("last week", None),
        ("ноябрь", None),
        ("2026-11-05", None),
        ("01.11..15.11", None),
        ("someday", None),
        ("", None),
    ],
)
def test_current_kind(text: str, kind: str | None) -> None:
    assert current_kind(text) == kind


# --- names shown -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "en"])
def test_weekday_names_come_from_cldr(language: str) -> None:
    names = v.WEEKDAY_NAMES[language]
    assert tuple(weekday_name(iso, language) for iso in range(1, 8)) == names
    assert weekday_names([1, 3, 5], language) == ", ".join(names[i] for i in (0, 2, 4))
    # each name shown reads back as its weekday
    assert [parse_weekday(name) for name in names] == list(range(1, 8))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9:30", time(9, 30)), ("19:00", time(19, 0)), ("0:00", time(0, 0)), ("23:59", time(23, 59))],
)
def test_one_time_of_day_for_meetings_and_settings(text: str, expected: time) -> None:
    from bot.parsing import extract_meeting_time
    from bot.settings import parse_hhmm
    from metrics.grammar import looks_like_clock, time_of_day

    assert looks_like_clock(text) and time_of_day(text) == expected
    assert parse_hhmm(text) == expected
    now = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    when, rest = extract_meeting_time(["завтра", text], now)
    assert when is not None and when.time() == expected and rest == []


@pytest.mark.parametrize("text", ["24:00", "9:5", "25:00", "19:60"])
def test_a_wrong_time_of_day_is_refused_the_same_way_everywhere(text: str) -> None:
    from bot.parsing import ParseError, extract_meeting_time
    from bot.settings import parse_hhmm
    from metrics.grammar import looks_like_clock, time_of_day

    assert looks_like_clock(text) and time_of_day(text) is None
    with pytest.raises(ValueError):
        parse_hhmm(text)
    with pytest.raises(ParseError):
        extract_meeting_time(["завтра", text], datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
