"""The report as people read it: a table in a terminal (``python -m bot report --format
text``), and /report's files (the CSV rows as an Excel sheet with readable headers, their
names and caption; the CSV itself is ``metrics.report.report_csv``).

The numbers come from ``services.report`` (:func:`metrics.report.build_report`); every
row of the table is named by the metric registry and every value is written by the one
formatter, in the reader's language, so the terminal shows what the bot's replies show.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from bot.i18n import Html, Texts
from metrics.engine import METRIC_KEYS
from metrics.periods import Period
from metrics.registry import metric, name
from metrics.report import SOURCE_KEYS
from storage.models import Team
from views.formatting import decimals, format_metric, money_affixes
from views.stats import mode_text

__all__ = [
    "report_caption",
    "report_stem",
    "report_text",
    "report_xlsx",
    "xlsx_number_format",
]

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "metric": "metric",
        "total": "total",
        "period": "period mode",
        "cohort": "cohort mode",
        "sources": "by source",
        "no_source": "(no source)",
    },
    "ru": {
        "metric": "метрика",
        "total": "итого",
        "period": "по периоду",
        "cohort": "когорта",
        "sources": "по источникам",
        "no_source": "(без источника)",
    },
}
_MAX_WIDTH = 100
_MAX_HEADER = 16


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


def _table(
    title: str | None,
    keys: Sequence[str],
    columns: Sequence[tuple[str, str, Mapping[str, Any]]],
    language: str,
    currency: str,
) -> list[str]:
    """Rows of metrics, one right-aligned column per subject, wrapped to fit the width."""
    words = _WORDS[language]
    labels = [name(key, language) for key in keys]
    label_width = max(_width(words["metric"]), *(_width(label) for label in labels))
    cells = [
        (
            title_,
            subtitle,
            [format_metric(key, metrics.get(key), language, currency=currency) for key in keys],
        )
        for title_, subtitle, metrics in columns
    ]
    widths = [
        max(_width(title_), _width(subtitle), *map(_width, shown))
        for title_, subtitle, shown in cells
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
        for row, label in enumerate(labels):
            lines.append(line(label, [cells[i][2][row] for i in chunk], chunk))
    return lines


def report_text(report: Mapping[str, Any], language: str = "en", currency: str = "RUB") -> str:
    """The report as an aligned table for a terminal: the total first, then each person.

    One row per metric, named as everywhere else; values as the bot writes them
    (``62,5 %``, ``1 000,01 ₽``, ``—`` for undefined); a second table gives the
    sources, when there are any. ``language`` is ``en`` or ``ru``.
    """
    words = _WORDS[language]
    start = date.fromisoformat(report["period"]["from"])
    end = date.fromisoformat(report["period"]["to"])
    period = Period.between(start, end).label(language)
    mode = words.get(report["mode"], report["mode"])
    header = f"{report['team']} · {period} · {mode}"

    columns = [(words["total"], "", report["total"])]
    columns += [
        (_shorten(str(person["name"])), _shorten(",".join(person["roles"])), person["metrics"])
        for person in report["by_person"]
    ]
    lines = [header, "", *_table(None, METRIC_KEYS, columns, language, currency)]
    if report["by_source"]:
        sources = [
            (
                _shorten(words["no_source"] if item["source"] is None else str(item["source"])),
                "",
                item["metrics"],
            )
            for item in report["by_source"]
        ]
        lines += ["", *_table(words["sources"], SOURCE_KEYS, sources, language, currency)]
    return "\n".join(lines) + "\n"


def report_stem(period: Period) -> str:
    """``report-2026-11-01-2026-11-30``: the file name of both files, without extension."""
    return f"report-{period.start.isoformat()}-{period.end.isoformat()}"


def report_caption(team: Team, period: Period, mode: str, texts: Texts) -> Html:
    return texts(
        "report_caption",
        team=team.name,
        period=period.label(texts.language),
        mode=mode_text(texts, mode),
    )


def _quoted(text: str) -> str:
    """Text shown as typed inside an Excel number format (a literal in double quotes)."""
    return f'"{text}"' if text else ""


def xlsx_number_format(kind: str, value: float, currency: str = "RUB", language: str = "en") -> str:
    """The Excel number format of a cell of ``kind`` holding ``value``: the same decimals
    and grouping as :mod:`views.formatting` writes it.

    The codes are the locale-neutral ones (``#,##0.0``, ``0.0%``): Excel shows the
    reader's own separators for ``,`` and ``.`` (``1 250,5`` in Russian Excel, ``1,250.5``
    in English), so a code never holds a space or a comma meant as a separator. Money
    carries the currency's sign where ``language`` puts it, as a quoted literal that every
    locale shows as is (``1 250 ₽``, ``$1,250``).

    >>> xlsx_number_format("ratio", 0.004), xlsx_number_format("minutes", 4140.7)
    ('0.0%', '#,##0.0')
    >>> xlsx_number_format("money", 247916.67, "RUB", "ru")
    '#,##0.00"\\xa0₽"'
    >>> xlsx_number_format("money", 106000.0, "USD", "en")
    '"$"#,##0'
    >>> xlsx_number_format("count", 1250), xlsx_number_format("count", 416.7)
    ('#,##0', '#,##0.0')
    """
    places = decimals(kind, value, currency)
    fraction = "." + "0" * places if places else ""
    if kind == "ratio":
        return f"0{fraction}%"
    if kind == "money":
        before, after = money_affixes(language, currency)
        return f"{_quoted(before)}#,##0{fraction}{_quoted(after)}"
    return f"#,##0{fraction}"


def report_xlsx(report: dict[str, Any], texts: Texts, currency: str = "RUB") -> bytes:
    """The report's CSV rows as an Excel sheet, for a person: headers, roles and the
    total's label in the reader's language (the metrics named as everywhere else; the
    CSV and the JSON keep their keys).

    A cell holds the number itself (a ratio as the fraction, 0.055); its number format
    shows it as the bot writes it, in Russian and English Excel alike: a percent with one
    decimal, minutes and days with one, money with the team's currency sign and kopecks
    only when it has any, thousands grouped (:func:`xlsx_number_format`).
    """
    import xlsxwriter

    language = texts.language
    buffer = io.BytesIO()
    # a name is text as typed: "=1+2" is not a formula, "http://..." not a link
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    sheet = workbook.add_worksheet(str(texts("report_sheet")))
    bold = workbook.add_format({"bold": True, "text_wrap": True})
    formats: dict[str, Any] = {}

    def number_format(code: str) -> Any:
        if code not in formats:
            formats[code] = workbook.add_format({"num_format": code})
        return formats[code]

    header = [
        str(texts("report_column_person_id")),
        str(texts("report_column_name")),
        str(texts("report_column_roles")),
        *(texts.metric(key) for key in METRIC_KEYS),
    ]
    sheet.write_row(0, 0, header, bold)
    rows = [(str(texts("report_total")), report["team"], "", report["total"])]
    rows += [
        (p["person_id"], p["name"], texts.roles(list(p["roles"])), p["metrics"])
        for p in report["by_person"]
    ]
    person_id = number_format("0")  # a Telegram id in full, never 1.23E+09
    for r, (who, person, roles, metrics) in enumerate(rows, start=1):
        if isinstance(who, int):
            sheet.write_number(r, 0, who, person_id)
        else:
            sheet.write_string(r, 0, who)
        sheet.write_string(r, 1, str(person))
        sheet.write_string(r, 2, str(roles))
        for c, key in enumerate(METRIC_KEYS, start=3):
            value = metrics.get(key)
            if value is None:
                continue
            code = xlsx_number_format(metric(key).kind, float(value), currency, language)
            sheet.write_number(r, c, float(value), number_format(code))
    sheet.freeze_panes(1, 2)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 2, 24)
    workbook.close()
    return buffer.getvalue()
