"""The metric registry (metrics.registry): one entry, one kind and one name per metric."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import metrics.registry
from metrics import engine
from metrics.counts import Activity, Counts, Meetings
from metrics.periods import Period
from metrics.plans import PLANNABLE
from metrics.registry import (
    KINDS,
    LANGUAGES,
    MAX_NAME_LENGTH,
    METRICS,
    REPORT_KEYS,
    ROLES,
    for_role,
    main_indicators,
    metric,
    name,
)
from metrics.report import SOURCE_KEYS, PersonCounts, SourceCounts, build_report

ROOT = Path(__file__).resolve().parents[2]

# one of everything, so that no metric is None or 0 and every type shows
BUSY = Counts(
    Activity(
        calls_total=120,
        calls_60=90,
        call_seconds=30_000,
        leads_new=40,
        leads_targeted=25,
        leads_non_targeted=10,
        proposals=6,
        repeat_payments=3,
        repeat_revenue=Decimal("45000"),
        active_clients=2,
    ),
    Meetings(
        meetings_set=12,
        meetings_confirmed=10,
        meetings_held=8,
        meetings_cancelled=1,
        meetings_no_show=1,
        meetings_paid=3,
        payments=4,
        revenue=Decimal("320000"),
        sales_cycle_days=(4.0, 9.5, 12.0),
    ),
    Meetings(
        meetings_held=7,
        meetings_paid=2,
        payments=2,
        revenue=Decimal("150000.5"),
        sales_cycle_days=(3.0, 8.5),
    ),
)


def test_doctests() -> None:
    assert doctest.testmod(metrics.registry).failed == 0


def test_every_key_of_the_json_report_is_in_the_registry_and_vice_versa() -> None:
    report = build_report(
        "Sales",
        Period(date(2026, 11, 1), date(2026, 11, 30), "month"),
        "period",
        BUSY,
        [PersonCounts(1, "Ivan", ("sdr",), BUSY)],
        [SourceCounts("google", BUSY)],
    )
    assert tuple(report["total"]) == REPORT_KEYS
    assert tuple(report["by_person"][0]["metrics"]) == REPORT_KEYS
    assert REPORT_KEYS == engine.METRIC_KEYS
    per_source = tuple(entry.key for entry in METRICS if entry.per_source)
    assert tuple(report["by_source"][0]["metrics"]) == per_source == SOURCE_KEYS


def test_the_only_key_beyond_the_report_is_the_pace_forecast_today_shows() -> None:
    extra = [entry for entry in METRICS if not entry.exported]
    assert [entry.key for entry in extra] == ["pace_forecast"]
    assert set(extra[0].roles) == set(ROLES)
    assert [entry.key for entry in METRICS[: len(REPORT_KEYS)]] == list(REPORT_KEYS)


def test_each_kind_is_the_type_the_engine_computes() -> None:
    values = engine.compute(BUSY)
    by_kind = {kind: {e.key for e in METRICS if e.exported and e.kind == kind} for kind in KINDS}
    assert by_kind["ratio"] == set(engine.RATIO_KEYS)
    assert by_kind["money"] == set(engine.MONEY_KEYS)
    assert by_kind["count"] == set(engine.COUNT_KEYS)
    assert by_kind["minutes"] == {"minutes_on_line"}
    assert by_kind["days"] == {"sales_cycle_days_as_hunter"}
    for key in REPORT_KEYS:
        value = values[key]
        expected = {"count": int, "money": Decimal}.get(metric(key).kind, float)
        assert type(value) is expected, (key, value)


def test_kinds_roles_and_languages_are_from_the_fixed_lists() -> None:
    for entry in METRICS:
        assert entry.kind in KINDS, entry.key
        assert entry.roles and set(entry.roles) <= set(ROLES), entry.key
        assert tuple(entry.names) == LANGUAGES, entry.key


@pytest.mark.parametrize("role", ROLES)
def test_for_role_is_the_role_view_of_the_engine(role: str) -> None:
    view = {"sdr": engine.SDR_KEYS, "hunter": engine.HUNTER_KEYS, "farmer": engine.FARMER_KEYS}
    keys = [entry.key for entry in for_role(role)]
    assert set(keys) == set(view[role])
    assert keys == [key for key in REPORT_KEYS if key in keys]  # the report's order


def test_every_plannable_metric_belongs_to_the_role_it_is_planned_for() -> None:
    for role, keys in PLANNABLE.items():
        assert set(keys) <= {entry.key for entry in for_role(role)}, role


def test_the_main_indicators_are_the_article_s() -> None:
    assert [entry.key for entry in main_indicators()] == ["meetings_held", "payments"]
    assert engine.MAIN_INDICATOR["sdr"] == "meetings_held"
    assert engine.BUSINESS_INDICATOR == "payments"


@pytest.mark.parametrize("language", LANGUAGES)
def test_names_are_unique_non_empty_and_short(language: str) -> None:
    names = [entry.name(language) for entry in METRICS]
    assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
    for text in names:
        assert text and text == text.strip() and "  " not in text, repr(text)
        assert len(text) <= MAX_NAME_LENGTH, text


def test_russian_names_are_russian_and_start_lower_case() -> None:
    for entry in METRICS:
        ru = entry.name("ru")
        assert re.search("[а-яё]", ru), ru
        assert not re.search("[a-z]", ru, re.IGNORECASE), ru
        assert ru[0].islower(), ru


def test_english_names_have_no_cyrillic() -> None:
    for entry in METRICS:
        assert not re.search("[а-яё]", entry.name("en"), re.IGNORECASE), entry.key


def test_one_name_for_calls_of_a_minute() -> None:
    assert name("calls_60", "ru") == "звонки от 60 с"
    assert name("calls_60", "en") == "calls of 60 s+"


def test_the_hunter_twins_say_so_in_their_names() -> None:
    for entry in METRICS:
        if entry.key.endswith("_as_hunter") and entry.kind != "days":
            assert entry.name("ru").endswith(" (хантер)"), entry.key
            assert entry.name("en").endswith(" (hunter)"), entry.key


def test_unknown_keys_roles_and_languages_are_refused() -> None:
    with pytest.raises(KeyError, match="calls_61"):
        metric("calls_61")
    with pytest.raises(ValueError, match="manager"):
        for_role("manager")
    with pytest.raises(KeyError):
        name("calls_60", "de")


def test_an_entry_cannot_be_changed() -> None:
    entry = metric("calls_60")
    with pytest.raises(AttributeError):
        entry.kind = "money"  # type: ignore[misc]
    with pytest.raises(TypeError):
        entry.names["ru"] = "звонки"  # type: ignore[index]


def test_the_registry_imports_no_transport_and_no_database() -> None:
    code = (
        "import sys, metrics.registry\n"
        "bad = [m for m in ('aiogram', 'sqlalchemy', 'asyncio') if m in sys.modules]\n"
        "print(bad)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
