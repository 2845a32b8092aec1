"""The report of METRICS.md section 8: one JSON-ready object, and its CSV and text forms.

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
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from metrics.counts import Counts
from metrics.engine import METRIC_KEYS, MONEY_KEYS, RATIO_KEYS, MetricValue, compute
from metrics.periods import Period

__all__ = [
    "CSV_COLUMNS",
    "MODES",
    "SOURCE_KEYS",
    "PersonCounts",
    "SourceCounts",
    "build_report",
    "report_csv",
    "report_json",
    "report_text",
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


def _json_value(value: MetricValue) -> JsonValue:
    """A metric as a JSON value: money (Decimal, 2 places) becomes a float."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def _json_metrics(counts: Counts, keys: Sequence[str]) -> dict[str, JsonValue]:
    values = compute(counts)
    return {key: _json_value(values[key]) for key in keys}


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


# --- text ------------------------------------------------------------------------------

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "metric": "metric",
        "total": "total",
        "period": "period mode",
        "cohort": "cohort mode",
        "sources": "by source",
        "no_source": "(no source)",
        "thousands": ",",
        "point": ".",
    },
    "ru": {
        "metric": "метрика",
        "total": "итого",
        "period": "по периоду",
        "cohort": "когорта",
        "sources": "по источникам",
        "no_source": "(без источника)",
        "thousands": "\u00a0",
        "point": ",",
    },
}
_UNDEFINED = "—"
_MAX_WIDTH = 100
_MAX_HEADER = 16
_ONE_DECIMAL_KEYS = frozenset({"minutes_on_line", "sales_cycle_days_as_hunter"})


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK, emoji) characters 2, combining ones 0."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _shorten(text: str, limit: int = _MAX_HEADER) -> str:
    if _width(text) <= limit:
        return text
    while _width(text) > limit - 1:
        text = text[:-1]
    return text + "…"


def _grouped(value: Decimal, places: int, words: Mapping[str, str]) -> str:
    text = f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,.{places}f}"
    return text.replace(",", "\0").replace(".", words["point"]).replace("\0", words["thousands"])


def _shown(key: str, value: Any, words: Mapping[str, str]) -> str:
    """A metric as a person reads it: ``1,234``, ``62.5 %``, ``12,345.00``, ``—``."""
    if value is None:
        return _UNDEFINED
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if key in RATIO_KEYS:
        percent = _grouped(number * 100, 1, words)
        zero = f"{words['point']}0"
        return f"{percent.removesuffix(zero)} %"
    if key in MONEY_KEYS:
        return _grouped(number, 2, words)
    if key in _ONE_DECIMAL_KEYS:
        return _grouped(number, 1, words)
    return _grouped(number, 0, words)


def _table(
    title: str | None,
    keys: Sequence[str],
    columns: Sequence[tuple[str, str, Mapping[str, Any]]],
    words: Mapping[str, str],
) -> list[str]:
    """Rows of metric keys, one right-aligned column per subject, wrapped to fit the width."""
    label_width = max(_width(words["metric"]), *(_width(key) for key in keys))
    cells = [
        (name, subtitle, [_shown(key, metrics.get(key), words) for key in keys])
        for name, subtitle, metrics in columns
    ]
    widths = [
        max(_width(name), _width(subtitle), *map(_width, shown)) for name, subtitle, shown in cells
    ]
    chunks: list[list[int]] = []
    used = label_width
    for index, width in enumerate(widths):
        if not chunks or used + 2 + width > _MAX_WIDTH:
            chunks.append([])
            used = label_width
        chunks[-1].append(index)
        used += 2 + width

    def line(label: str, texts: Sequence[str], chunk: Sequence[int]) -> str:
        parts = [label + " " * (label_width - _width(label))]
        for index, text in zip(chunk, texts, strict=True):
            parts.append(" " * (widths[index] - _width(text)) + text)
        return "  ".join(parts).rstrip()

    lines: list[str] = [title] if title else []
    for chunk in chunks:
        if len(lines) > (1 if title else 0):
            lines.append("")
        lines.append(line(words["metric"], [cells[i][0] for i in chunk], chunk))
        if any(cells[i][1] for i in chunk):
            lines.append(line("", [cells[i][1] for i in chunk], chunk))
        lines.append("-" * _width(lines[-1]))
        for row, key in enumerate(keys):
            lines.append(line(key, [cells[i][2][row] for i in chunk], chunk))
    return lines


def report_text(report: Mapping[str, Any], lang: str = "en") -> str:
    """The report as an aligned table for a terminal: the total first, then each person.

    One row per metric key; ratios in percent (``62.5 %``), undefined values
    as ``—``; a second table gives the sources, when there are any. ``lang`` is
    ``en`` or ``ru`` (anything else reads as ``en``).
    """
    words = _TEXT.get(lang, _TEXT["en"])
    start = date.fromisoformat(report["period"]["from"])
    end = date.fromisoformat(report["period"]["to"])
    period = Period.between(start, end).label(lang if lang in _TEXT else "en")
    mode = words.get(report["mode"], report["mode"])
    header = f"{report['team']} · {period} · {mode}"

    columns = [(words["total"], "", report["total"])]
    columns += [
        (_shorten(str(person["name"])), _shorten(",".join(person["roles"])), person["metrics"])
        for person in report["by_person"]
    ]
    lines = [header, "", *_table(None, METRIC_KEYS, columns, words)]
    if report["by_source"]:
        sources = [
            (
                _shorten(words["no_source"] if item["source"] is None else str(item["source"])),
                "",
                item["metrics"],
            )
            for item in report["by_source"]
        ]
        lines += ["", *_table(words["sources"], SOURCE_KEYS, sources, words)]
    return "\n".join(lines) + "\n"
