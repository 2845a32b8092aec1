"""Races: which milestones a share crosses, what one message names, the words of /race."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.arguments import Problem
from bot.i18n import Texts
from bot.race_arguments import RaceStart, RaceStop, end_day, parse_race
from metrics.races import announced, days_left, new_milestones, raceable, reached, share

TODAY = date(2026, 11, 27)  # a Friday


def crossing(before: float, after: float) -> tuple[tuple[int, ...], int | None]:
    """What a check at ``after`` announces when the one at ``before`` announced its own."""
    claimed = set(new_milestones(before, ()))
    found = new_milestones(after, claimed)
    return found, announced(found)


def test_from_nothing_to_55_percent_sends_50():
    assert new_milestones(share(33, 60), ()) == (50,)
    assert announced(new_milestones(0.55, ())) == 50


def test_from_55_to_160_percent_sends_one_message_naming_150():
    crossed, named = crossing(0.55, 1.6)
    assert crossed == (100, 150)
    assert named == 150


def test_nothing_is_announced_twice_also_after_a_fall_and_a_rise():
    claimed: set[int] = set()
    sent = []
    for fraction in (0.1, 0.55, 0.6, 0.4, 0.7, 1.0, 1.2, 0.9, 1.6, 2.5):
        found = new_milestones(fraction, claimed)
        claimed |= set(found)
        if found:
            sent.append(announced(found))
    assert sent == [50, 100, 150]


@pytest.mark.parametrize(
    ("fraction", "expected"),
    [(0.0, ()), (0.4999, ()), (0.5, (50,)), (0.99, (50,)), (1.0, (50, 100)), (1.5, (50, 100, 150))],
)
def test_a_milestone_is_reached_at_or_above_it(fraction, expected):
    assert reached(fraction) == expected


def test_money_shares_are_exact():
    assert share(Decimal("500000.00"), Decimal("1000000.00")) == 0.5
    assert reached(share(Decimal("1499999.99"), Decimal("1000000"))) == (50, 100)


def test_only_what_adds_up_can_be_raced():
    assert all(raceable(key) for key in ("meetings_held", "calls_60", "revenue", "payments"))
    assert not any(
        raceable(key)
        for key in ("conv_set_to_held", "avg_check", "repeat_avg_check", "minutes_on_line")
    )


def test_days_left_count_today():
    assert days_left(TODAY, date(2026, 11, 30)) == 4
    assert days_left(TODAY, TODAY) == 1
    assert days_left(date(2026, 12, 1), date(2026, 11, 30)) == 0


def test_end_dates_are_written_as_elsewhere():
    assert end_day("31.12.2026", TODAY) == date(2026, 12, 31)
    assert end_day("2026-12-31", TODAY) == date(2026, 12, 31)
    assert end_day("31.12", TODAY) == date(2026, 12, 31)
    assert end_day("05.01", TODAY) == date(2027, 1, 5)  # the next 5 January
    assert end_day("завтра", TODAY) == date(2026, 11, 28)
    assert end_day("неделя", TODAY) == date(2026, 11, 29)
    assert end_day("31.02.2027", TODAY) is None
    assert end_day("когда-нибудь", TODAY) is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("meetings_held 60", RaceStart("meetings_held", Decimal(60), date(2026, 11, 30))),
        ("проведённые встречи 60 до 31.12", RaceStart("meetings_held", 60, date(2026, 12, 31))),
        ("meetings_held 60 until 2026-12-31", RaceStart("meetings_held", 60, date(2026, 12, 31))),
        ("meetings_held 60 31.12", RaceStart("meetings_held", 60, date(2026, 12, 31))),
        ("выручка 1,5 млн", RaceStart("revenue", Decimal("1500000.00"), date(2026, 11, 30))),
        ("stop meetings_held", RaceStop("meetings_held")),
        ("стоп встречи", RaceStop("meetings_held")),
    ],
)
def test_race_words(args, expected):
    assert parse_race(args, TODAY, Texts("ru")) == expected


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ("conv_set_to_held 50", "доля или среднее"),
        ("средний чек 50000", "доля или среднее"),
        ("meetings_held", "Укажите цель"),
        ("meetings_held десять", "Цель «десять» не подходит"),
        ("meetings_held 2.5", "Цель «2.5» не подходит"),
        ("meetings_held 0", "Цель «0» не подходит"),
        ("meetings_held 60 до 01.01.2020", "уже прошла"),
        ("meetings_held 60 до вчера", "уже прошла"),
        ("meetings_held 60 до потом", "Не понял дату окончания «потом»"),
        ("meetings_held 60 до 01.01.2030", "не дольше года"),
        ("nonsense 60", "Не знаю показатель «nonsense»"),
        ("stop", "Какую гонку остановить?"),
        ("stop meetings_held please", "Лишние слова"),
    ],
)
def test_bad_race_words_say_what_was_wrong_with_an_example(args, says):
    with pytest.raises(Problem) as refused:
        parse_race(args, TODAY, Texts("ru"))
    assert says in refused.value.text
    assert "/race meetings_held 60" in refused.value.text or "/race stop" in refused.value.text


def test_no_words_ask_for_the_boards():
    assert parse_race(None, TODAY, Texts("en")) is None
    assert parse_race("  ", TODAY, Texts("en")) is None


def test_doctests():
    import doctest

    import bot.race_arguments
    import metrics.races

    for module in (metrics.races, bot.race_arguments):
        assert doctest.testmod(module).failed == 0
