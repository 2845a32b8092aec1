"""The report of METRICS.md section 8: JSON object, CSV and text (metrics.report)."""

from __future__ import annotations

import csv
import doctest
import io
import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import metrics.report
from metrics.counts import Activity, Counts, Meetings
from metrics.engine import METRIC_KEYS, MONEY_KEYS, NULLABLE_KEYS, RATIO_KEYS
from metrics.periods import Period
from metrics.registry import name
from metrics.report import (
    CSV_COLUMNS,
    SOURCE_KEYS,
    PersonCounts,
    SourceCounts,
    build_report,
    report_csv,
    report_json,
)
from views.report import report_text

FAST = settings(max_examples=200, deadline=None)
# many draws per example: fewer examples keep the file fast
HEAVY = settings(max_examples=60, deadline=None)
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30), "month")

IVAN = PersonCounts(
    111,
    "Ivan",
    ("sdr",),
    Counts(
        Activity(calls_total=120, calls_60=100, call_seconds=9000, leads_new=10, leads_targeted=4),
        Meetings(
            meetings_set=5,
            meetings_confirmed=4,
            meetings_held=3,
            meetings_paid=1,
            payments=2,
            revenue=Decimal("1000.005"),
        ),
    ),
)
MARIA = PersonCounts(
    222,
    "Мария",
    ("hunter", "farmer"),
    Counts(
        Activity(proposals=2, repeat_payments=1, repeat_revenue=Decimal(500), active_clients=1),
        Meetings(),
        Meetings(
            meetings_held=3,
            meetings_paid=1,
            payments=2,
            revenue=Decimal("1000.005"),
            sales_cycle_days=(6.0,),
        ),
    ),
)
TEAM = Counts(
    Activity(
        calls_total=120,
        calls_60=100,
        call_seconds=9000,
        leads_new=10,
        leads_targeted=4,
        proposals=2,
        repeat_payments=1,
        repeat_revenue=Decimal(500),
        active_clients=1,
    ),
    IVAN.counts.as_setter,
    MARIA.counts.as_hunter,
)
GOOGLE = SourceCounts(
    "google", Counts(Activity(leads_new=6, leads_targeted=3), IVAN.counts.as_setter)
)
NO_SOURCE = SourceCounts(None, Counts(Activity(leads_new=4, leads_targeted=1)))
EXPECTED_SOURCE_KEYS = (
    "leads_new",
    "leads_targeted",
    "leads_non_targeted",
    "meetings_set",
    "meetings_confirmed",
    "meetings_held",
    "conv_set_to_confirmed",
    "conv_confirmed_to_held",
    "conv_set_to_held",
    "conv_held_to_paid",
    "meetings_cancelled",
    "meetings_no_show",
    "meetings_paid",
    "payments",
    "revenue",
    "avg_check",
    "targeted_share",
)


def make_report(mode: str = "period") -> dict[str, Any]:
    return build_report("Sales", NOVEMBER, mode, TEAM, [IVAN, MARIA], [GOOGLE, NO_SOURCE])


def test_source_keys() -> None:
    assert SOURCE_KEYS == EXPECTED_SOURCE_KEYS
    assert set(SOURCE_KEYS) <= set(METRIC_KEYS)


def test_key_sets_are_those_of_section_8() -> None:
    report = make_report()
    assert list(report) == ["team", "period", "mode", "total", "by_person", "by_source"]
    assert report["team"] == "Sales"
    assert report["period"] == {"from": "2026-11-01", "to": "2026-11-30"}
    assert report["mode"] == "period"
    assert list(report["total"]) == list(METRIC_KEYS)
    assert [p["person_id"] for p in report["by_person"]] == [111, 222]
    for person in report["by_person"]:
        assert list(person) == ["person_id", "name", "roles", "metrics"]
        assert list(person["metrics"]) == list(METRIC_KEYS)  # whatever the roles
    assert report["by_person"][1]["roles"] == ["hunter", "farmer"]
    assert [s["source"] for s in report["by_source"]] == ["google", None]
    for source in report["by_source"]:
        assert list(source) == ["source", "metrics"]
        assert list(source["metrics"]) == list(SOURCE_KEYS)


def test_values() -> None:
    report = make_report("cohort")
    assert report["mode"] == "cohort"
    total = report["total"]
    assert total["calls_60"] == 100 and total["minutes_on_line"] == 150.0
    assert total["conv_set_to_held"] == 0.6
    assert total["revenue"] == 1000.01 and isinstance(total["revenue"], float)
    assert total["avg_check"] == 500.0  # 1000.005 / 2 = 500.0025
    assert total["meetings_held_as_hunter"] == 3
    assert total["sales_cycle_days_as_hunter"] == 6.0
    ivan, maria = (p["metrics"] for p in report["by_person"])
    # Ivan sells nothing as a hunter: zero counts, undefined ratios and averages
    assert ivan["payments_as_hunter"] == 0 and ivan["revenue_as_hunter"] == 0.0
    assert ivan["conv_held_to_paid_as_hunter"] is None
    assert ivan["avg_check_as_hunter"] is None and ivan["repeat_avg_check"] is None
    # Maria sets nothing: the SDR ratios are undefined, never 0
    assert maria["meetings_set"] == 0 and maria["calls_60"] == 0
    for key in RATIO_KEYS:
        if key != "conv_held_to_paid_as_hunter":
            assert maria[key] is None, key
    assert maria["conv_held_to_paid_as_hunter"] == 0.3333
    assert maria["repeat_avg_check"] == 500.0
    google, no_source = (s["metrics"] for s in report["by_source"])
    assert google["targeted_share"] == 0.5 and google["payments"] == 2
    assert no_source["targeted_share"] == 0.25 and no_source["conv_set_to_held"] is None


def test_nobody_did_anything() -> None:
    nobody = PersonCounts(5, "Nobody", (), Counts())
    report = build_report(
        "T", NOVEMBER, "period", Counts(), [nobody], [SourceCounts(None, Counts())]
    )
    for values in (report["total"], report["by_person"][0]["metrics"]):
        for key in METRIC_KEYS:
            if key in NULLABLE_KEYS:
                assert values[key] is None, key
            else:
                assert values[key] == 0, key
    assert report["by_person"][0]["roles"] == []


def test_unknown_mode() -> None:
    with pytest.raises(ValueError, match="mode"):
        build_report("T", NOVEMBER, "weekly", Counts(), [], [])


def test_json_round_trips() -> None:
    report = make_report()
    text = report_json(report)
    assert json.loads(text) == report
    assert text.startswith('{\n  "team": "Sales",\n  "period": {')
    assert '"name": "Мария"' in text  # not \\u-escaped
    assert '"conv_set_to_held": null' in text
    assert '"source": null' in text
    assert '"revenue": 1000.01' in text
    assert report_json(make_report()) == text  # deterministic


def test_csv() -> None:
    rows = list(csv.reader(io.StringIO(report_csv(make_report()))))
    assert rows[0] == list(CSV_COLUMNS)
    assert CSV_COLUMNS == ("person_id", "name", "roles", *METRIC_KEYS)
    assert len(rows) == 1 + 1 + 2  # header, total, two people
    total, ivan, maria = (dict(zip(rows[0], row, strict=True)) for row in rows[1:])
    assert total["person_id"] == "total" and total["name"] == "Sales" and total["roles"] == ""
    assert ivan["person_id"] == "111" and ivan["roles"] == "sdr"
    assert maria["roles"] == "hunter;farmer"
    assert ivan["calls_60"] == "100" and ivan["minutes_on_line"] == "150.0"
    assert ivan["revenue"] == "1000.01" and ivan["avg_check"] == "500.00"
    assert ivan["repeat_revenue"] == "0.00"
    assert ivan["conv_set_to_held"] == "0.6" and ivan["conv_call_to_set"] == "0.05"
    assert ivan["conv_held_to_paid_as_hunter"] == "" and ivan["avg_check_as_hunter"] == ""
    assert maria["meetings_set"] == "0" and maria["conv_set_to_held"] == ""
    assert maria["repeat_revenue"] == "500.00"


def test_csv_quotes_awkward_names() -> None:
    odd = PersonCounts(7, 'Ann "the closer", Jr.\nSmith', ("hunter",), Counts())
    report = build_report("T", NOVEMBER, "period", Counts(), [odd], [])
    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert rows[2][1] == 'Ann "the closer", Jr.\nSmith'


def test_text() -> None:
    text = report_text(make_report())
    lines = text.splitlines()
    assert lines[0] == "Sales · November 2026 · period mode"
    header = next(line for line in lines if line.startswith("metric"))
    assert header.index("total") < header.index("Ivan") < header.index("Мария")
    held = name("conv_set_to_held", "en")
    assert any(line.startswith(held) and " 60.0% " in line for line in lines)
    assert "—" in text and "RUB\xa01,000.01" in text
    assert "by source" in text and "(no source)" in text
    # every metric row of the main table is equally wide: the numbers line up on the right
    labels = [name(key, "en") for key in METRIC_KEYS]
    main = [next(line for line in lines if line.startswith(label + " ")) for label in labels]
    assert len({len(line) for line in main}) == 1


def test_text_russian() -> None:
    text = report_text(make_report("cohort"), "ru")
    assert text.splitlines()[0] == "Sales · ноябрь 2026 · когорта"
    assert "итого" in text and "1\u00a0000,01\u00a0₽" in text and "60,0\u00a0%" in text
    assert name("calls_60", "ru") in text
    assert not re.search(r"\d\.\d", text)  # a decimal comma, never a point


def test_text_wraps_many_people() -> None:
    people = [PersonCounts(i, f"Person number {i}", ("sdr",), IVAN.counts) for i in range(12)]
    report = build_report("T", NOVEMBER, "period", TEAM, people, [])
    lines = report_text(report).splitlines()
    assert max(len(line) for line in lines) <= 100
    assert sum(line.startswith("metric") for line in lines) > 1


# --- properties -----------------------------------------------------------------------------

nat = st.integers(0, 10**6)
amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
meetings = st.builds(
    Meetings,
    meetings_held=nat,
    meetings_paid=nat,
    payments=nat,
    revenue=amounts,
    sales_cycle_days=st.lists(st.floats(0, 1000), max_size=2).map(tuple),
)
counts = st.builds(
    Counts, st.builds(Activity, calls_60=nat, repeat_revenue=amounts), meetings, meetings
)
people = st.lists(
    st.builds(
        PersonCounts,
        person_id=st.integers(1, 10**12),
        name=st.text(max_size=12),
        roles=st.sampled_from([(), ("sdr",), ("hunter", "farmer")]),
        counts=counts,
    ),
    max_size=3,
)
sources = st.lists(
    st.builds(SourceCounts, source=st.none() | st.text(max_size=8), counts=counts), max_size=2
)


@HEAVY
@given(counts, people, sources, st.sampled_from(["period", "cohort"]))
def test_any_report_is_complete_json(
    total: Counts, by_person: list[PersonCounts], by_source: list[SourceCounts], mode: str
) -> None:
    report = build_report("Team", NOVEMBER, mode, total, by_person, by_source)
    assert json.loads(report_json(report)) == report
    for person in report["by_person"]:
        assert list(person["metrics"]) == list(METRIC_KEYS)
        for key in MONEY_KEYS:
            value = person["metrics"][key]
            assert value is None or (isinstance(value, float) and round(value, 2) == value)
    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert len(rows) == 2 + len(by_person)
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    assert report_text(report)


def test_doctests() -> None:
    assert doctest.testmod(metrics.report).failed == 0
