"""docs/metrics.md, the metric definitions for a head of sales, cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from metrics.plans import ARTICLE_SDR_PLAN, PLANNABLE
from metrics.registry import LANGUAGES, METRICS, Metric

DOC = (Path(__file__).resolve().parents[2] / "docs" / "metrics.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    """The text of the ``## title`` section, up to the next one."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", DOC, re.M | re.S)
    assert match, f"no section {title!r} in docs/metrics.md"
    return match[1]


@pytest.mark.parametrize("entry", METRICS, ids=lambda entry: entry.key)
def test_every_metric_is_documented_with_both_its_names(entry: Metric) -> None:
    assert f"`{entry.key}`" in DOC
    for language in LANGUAGES:
        assert entry.name(language) in DOC, (entry.key, language)


@pytest.mark.parametrize("entry", [e for e in METRICS if e.exported], ids=lambda e: e.key)
def test_every_report_metric_has_a_table_row_with_its_names(entry: Metric) -> None:
    row = rf"^\|[^\n]*`{entry.key}` \| {re.escape(entry.name('ru'))} \| "
    row += rf"{re.escape(entry.name('en'))} \|"
    assert re.search(row, DOC, re.M), entry.key


def test_the_plan_keys_are_those_setplan_takes() -> None:
    plans = _section("Plans")
    for role, keys in PLANNABLE.items():
        row = re.search(rf"^\| `{role}` \| (.*) \|$", plans, re.M)
        assert row, role
        assert re.findall(r"`(\w+)`", row[1]) == list(keys), role


def test_the_article_s_plan_is_the_one_a_new_team_starts_with() -> None:
    plans = _section("Plans")
    for key, target in ARTICLE_SDR_PLAN.items():
        lower, goal = f"{target.lower:g}", f"{target.goal:g}"
        shown = lower if lower == goal else f"{lower}-{goal}"
        assert re.search(rf"^\| `{key}` \| [^|]+ \| {shown}\b", plans, re.M), key


def test_the_main_indicators_are_named_as_such() -> None:
    main = _section("Main indicators")
    for entry in METRICS:
        if entry.main:
            assert f"`{entry.key}`" in main
            assert entry.name("ru") in main and entry.name("en") in main
