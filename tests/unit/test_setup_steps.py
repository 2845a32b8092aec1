"""The /setup step machine and its readers of typed answers (services.setup), pure parts."""

from __future__ import annotations

import doctest

import pytest

from bot import settings
from services import setup
from services.setup import SetupError, SourceLine


def test_doctests() -> None:
    assert doctest.testmod(setup).failed == 0
    assert doctest.testmod(settings).failed == 0


def test_the_steps_go_forward_and_back_and_end_done() -> None:
    step, seen = setup.FIRST, []
    while step != setup.DONE:
        seen.append(step)
        step = setup.next_step(step)
    assert seen == list(setup.STEPS)
    assert setup.previous_step("timezone") == "language"
    assert setup.previous_step(setup.FIRST) == setup.FIRST
    assert setup.previous_step("plan:calls_60") == "plan"
    assert setup.next_step("plan:calls_60") == "sources"
    assert [setup.step_number(s) for s in ("name", "plan:meetings_set", "team")] == [1, 6, 8]


@pytest.mark.parametrize(
    ("step", "takes"),
    [
        ("name", True),
        ("language", False),
        ("timezone", True),
        ("workdays", False),
        ("digest_time", True),
        ("plan", False),
        ("plan:calls_60", True),
        ("plan:revenue", False),  # not a metric the wizard asks for
        ("sources", True),
        ("team", False),
        ("done", False),
        (None, False),
    ],
)
def test_which_steps_take_typed_text(step, takes) -> None:
    assert setup.takes_text(step) is takes


def test_the_zones_are_the_twelve_russian_ones_west_to_east() -> None:
    assert [zone for _, zone in setup.ZONES] == [
        "Europe/Kaliningrad",
        "Europe/Moscow",
        "Europe/Samara",
        "Asia/Yekaterinburg",
        "Asia/Omsk",
        "Asia/Novosibirsk",
        "Asia/Krasnoyarsk",
        "Asia/Irkutsk",
        "Asia/Yakutsk",
        "Asia/Vladivostok",
        "Asia/Magadan",
        "Asia/Kamchatka",
    ]
    for _, zone in setup.ZONES:
        assert setup.parse_zone(zone) == zone


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Сайт", [SourceLine("Сайт")]),
        (
            " Сайт ,  Авито ;Звонки ",
            [SourceLine("Сайт"), SourceLine("Авито"), SourceLine("Звонки")],
        ),
        ("Сайт\n\nАвито\n", [SourceLine("Сайт"), SourceLine("Авито")]),
        ("Яндекс = yandex, я.директ", [SourceLine("Яндекс", ("yandex", "я.директ"))]),
        ("Яндекс =", [SourceLine("Яндекс")]),
    ],
)
def test_sources_are_read_from_a_list(typed, found) -> None:
    assert setup.parse_sources(typed) == found


@pytest.mark.parametrize(("typed", "code"), [("", "sources_empty"), (" , ;", "sources_empty")])
def test_an_empty_list_is_refused(typed, code) -> None:
    with pytest.raises(SetupError) as caught:
        setup.parse_sources(typed)
    assert caught.value.code == code


def test_button_values_are_checked_like_typed_ones() -> None:
    assert setup.parse_pick("digest_time", "1830") == "18:30"
    assert setup.parse_pick("workdays", "51234") == (1, 2, 3, 4, 5)
    assert setup.parse_pick("language", "en") == "en"
    for step, value in [
        ("digest_time", "2561"),
        ("workdays", ""),
        ("workdays", "189"),
        ("language", "de"),
        ("timezone", "Mars/Olympus"),
        ("name", "x"),
    ]:
        with pytest.raises(SetupError):
            setup.parse_pick(step, value)
