"""The report of METRICS.md section 8: one JSON-ready object, and its CSV form.

The text form people read is a view: :func:`views.report.report_text`.

Pure: storage supplies the counts (the team's, each person's, each source's),
:func:`build_report` computes every metric with :func:`metrics.engine.compute`
and returns plain JSON values (money as a number with 2 decimals, ratios as
fractions, undefined values as ``None``/``null``).

>>> from datetime import date
>>> from metrics.counts import Activity
>>> from metrics.periods import Period
>>> period = Period(date(2026, 11, 1), date(2026, 11, 30), "month")
>>> ivan = PersonCounts(111, "Ivan", ("sdr",), Counts(Activity(calls_60=2)))
>>> report = build_report("Sales", period, "period", ivan.counts, [ivan], [])
>>> report["period"], report["by_person"][0]["metrics"]["conv_call_to_set"]
({'from': '2026-11-01', 'to': '2026-11-30'}, 0.0)
>>> report_csv(report).splitlines()[0][:40]
'person_id,name,roles,calls_60,minutes_on'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from metrics.counts import Counts
from metrics.engine import METRIC_KEYS, MONEY_KEYS, MetricValue, compute
from metrics.periods import Period

__all__ = [
    "CSV_COLUMNS",
    "MODES",
    "SOURCE_KEYS",
    "PersonCounts",
    "SourceCounts",
    "build_report",
    "json_value",
    "report_csv",
    "report_json",
]

MODES: tuple[str, ...] = ("period", "cohort")

_SOURCE_KEY_SET = frozenset(
    {
        # the article's 2-7
        "leads_new",
        "leads_targeted",
        "leads_non_targeted",
        "meetings_set",
        "meetings_confirmed",
        "meetings_held",
        # 9-12 (8, conv_call_to_set, needs calls: they have a source only sometimes)
        "conv_set_to_confirmed",
        "conv_confirmed_to_held",
        "conv_set_to_held",
        "conv_held_to_paid",
        # "Also"
        "meetings_cancelled",
        "meetings_no_show",
        "meetings_paid",
        "payments",
        "revenue",
        "avg_check",
        "targeted_share",
    }
)
SOURCE_KEYS: tuple[str, ...] = tuple(key for key in METRIC_KEYS if key in _SOURCE_KEY_SET)
"""The lead, meeting and payment metrics given per source (section 3, "Per source")."""

CSV_COLUMNS: tuple[str, ...] = ("person_id", "name", "roles", *METRIC_KEYS)
"""The header of :func:`report_csv`."""

JsonValue = int | float | None


@dataclass(frozen=True, slots=True)
class PersonCounts:
    """One member's counts: activity as the doer, meetings as setter and as hunter."""

    person_id: int
    name: str
    roles: tuple[str, ...]
    counts: Counts


@dataclass(frozen=True, slots=True)
class SourceCounts:
    """One lead source's counts; ``source`` is None for records without a source."""

    source: str | None
    counts: Counts


def json_value(value: MetricValue) -> JsonValue:
    """A metric as a JSON value: money (Decimal, 2 places) becomes a float."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def _json_metrics(counts: Counts, keys: Sequence[str]) -> dict[str, JsonValue]:
    values = compute(counts)
    return {key: json_value(values[key]) for key in keys}


def build_report(
    team: str,
    period: Period,
    mode: str,
    total: Counts,
    by_person: Sequence[PersonCounts],
    by_source: Sequence[SourceCounts],
) -> dict[str, Any]:
    """The report object of METRICS.md section 8.

    ``total`` is the team counted once per record (a held meeting counts once,
    though it counts for its setter and its hunter in ``by_person``); it carries
    every key of :data:`~metrics.engine.METRIC_KEYS`, the ``_as_hunter`` ones
    too. Each ``by_person`` entry carries every key, whatever the person's
    roles (0 for counts, ``None`` for undefined ratios and averages). Each
    ``by_source`` entry carries :data:`SOURCE_KEYS`; ``source`` is ``None`` for
    records without one. People and sources keep the order given.

    ``mode`` is ``period`` or ``cohort`` (the counts are already of that mode).
    """
    if mode not in MODES:
        raise ValueError(f"unknown report mode {mode!r}, expected one of {MODES}")
    return {
        "team": team,
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "mode": mode,
        "total": _json_metrics(total, METRIC_KEYS),
        "by_person": [
            {
                "person_id": person.person_id,
                "name": person.name,
                "roles": list(person.roles),
                "metrics": _json_metrics(person.counts, METRIC_KEYS),
            }
            for person in by_person
        ],
        "by_source": [
            {"source": source.source, "metrics": _json_metrics(source.counts, SOURCE_KEYS)}
            for source in by_source
        ],
    }


def report_json(report: Mapping[str, Any]) -> str:
    """The report as JSON text: 2-space indent, UTF-8 text as is, keys in build order.

    Strict JSON: a NaN or an infinity is an error, never ``NaN`` in the output.
    """
    return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False)


def _plain_number(value: float) -> str:
    """A float without an exponent: ``0.0001``, ``4567.5``."""
    text = format(Decimal(repr(value)), "f")
    return text


def _csv_cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # a bool is an int; a metric never is one
        raise TypeError(f"{key}: not a metric value: {value!r}")
    if key in MONEY_KEYS:
        return f"{Decimal(repr(value)) if isinstance(value, float) else Decimal(value):.2f}"
    if isinstance(value, float):
        return _plain_number(value)
    return str(value)


def report_csv(report: Mapping[str, Any]) -> str:
    """The report as CSV: the columns of :data:`CSV_COLUMNS`, a ``total`` row, then each person.

    ``roles`` are joined by ``;``; an undefined value is an empty cell; money
    has 2 decimals; ratios are fractions. The ``total`` row has ``person_id``
    ``total``, the team's name and no roles. Lines end with ``\\r\\n`` (RFC 4180):
    write it to a file opened with ``newline=""``.
    """
    out = io.StringIO()
    # CRLF as RFC 4180 has it: with it, the csv module also quotes a field holding a lone "\r"
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows: list[tuple[Any, Any, str, Mapping[str, Any]]] = [
        ("total", report["team"], "", report["total"])
    ]
    rows += [
        (person["person_id"], person["name"], ";".join(person["roles"]), person["metrics"])
        for person in report["by_person"]
    ]
    for person_id, name, roles, metrics in rows:
        cells = [_csv_cell(key, metrics.get(key)) for key in METRIC_KEYS]
        writer.writerow([str(person_id), name, roles, *cells])
    return out.getvalue()
