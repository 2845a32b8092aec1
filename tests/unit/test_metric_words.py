"""How people name a metric in a command (/trend, /setplan): its key, its registry name in
either language, or a plain word; one reader (metrics.registry.metric_named) for all."""

from __future__ import annotations

import doctest

import pytest

import bot.arguments
from bot.arguments import leading_metrics
from metrics.grammar import METRIC_WORDS
from metrics.registry import LANGUAGES, METRICS, metric, metric_named


@pytest.mark.parametrize("entry", [e for e in METRICS if e.exported], ids=lambda e: e.key)
def test_every_metric_is_found_by_its_key_and_both_its_names(entry) -> None:
    assert metric_named(entry.key) == entry.key
    for language in LANGUAGES:
        name = entry.name(language)
        assert metric_named(name) == entry.key
        assert metric_named(f"  {name.upper()} ") == entry.key
    assert metric_named(entry.name("ru").replace("ё", "е")) == entry.key


def test_plain_words_name_the_metrics_people_mean() -> None:
    assert all(metric(key).exported for key in METRIC_WORDS.values())
    said = {
        "звонки": "calls_60",
        "Calls": "calls_60",
        "встречи": "meetings_held",
        "проведенные": "meetings_held",
        "назначенные": "meetings_set",
        "лиды": "leads_new",
        "оплаты": "payments",
        "выручка": "revenue",
        "КП": "proposals",
        "revenue": "revenue",
    }
    assert {word: metric_named(word) for word in said} == said


def test_anything_else_is_no_metric() -> None:
    for text in ("", "бананы", "pace_forecast", "прогноз на период", "google", "@ivan", "week"):
        assert metric_named(text) is None


@pytest.mark.parametrize(
    ("words", "keys", "rest"),
    [
        ("", [], []),
        ("@ivan", [], ["@ivan"]),
        ("звонки", ["calls_60"], []),
        ("звонки от 60 с Иван Петров", ["calls_60"], ["Иван", "Петров"]),
        ("назначена → проведена google", ["conv_set_to_held"], ["google"]),
        ("выручка, set → held, calls", ["revenue", "conv_set_to_held", "calls_60"], []),
        ("calls calls_60 @anna", ["calls_60"], ["@anna"]),
        ("Иван звонки", [], ["Иван", "звонки"]),  # metrics come first
        ("проведена → оплачена (хантер)", ["conv_held_to_paid_as_hunter"], []),
    ],
)
def test_the_metrics_at_the_start_of_a_command(words: str, keys: list[str], rest: list[str]):
    assert leading_metrics(words.split()) == (keys, rest)


def test_doctests() -> None:
    assert doctest.testmod(bot.arguments).failed == 0
