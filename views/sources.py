"""/sources <period>: the numbers per source, as a text and a grouped bar chart."""

from __future__ import annotations

from bot.i18n import Texts
from services.sources import SourceNumbers
from storage.models import Team
from views import charts
from views.values import show


def source_name(row: SourceNumbers, texts: Texts) -> str:
    return row.name if row.name is not None else texts("no_source")


def sources_text(rows: list[SourceNumbers], period_label: str, team: Team, texts: Texts) -> str:
    header = texts("sources_report_header", period=period_label)
    if not rows:
        return f"{header}\n{texts('sources_report_empty')}"
    lines = [header]
    for row in rows:
        m = row.metrics
        lines.append(
            texts(
                "sources_report_line",
                source=source_name(row, texts),
                leads=m["leads_new"],
                share=show("targeted_share", m["targeted_share"], texts, team.currency),
                set=m["meetings_set"],
                held=m["meetings_held"],
                paid=m["meetings_paid"],
                conv=show("conv_held_to_paid", m["conv_held_to_paid"], texts, team.currency),
            )
        )
    return "\n".join(lines)


def sources_png(rows: list[SourceNumbers], period_label: str, team: Team, texts: Texts) -> bytes:
    """The grouped bar chart of the sources (run it in the chart thread)."""
    keys = (*charts.SOURCE_COUNT_KEYS, *charts.SOURCE_SHARE_KEYS)
    chart_rows = [
        charts.SourceRow(source=source_name(row, texts), values={k: row.metrics[k] for k in keys})
        for row in rows
    ]
    return charts.sources_chart(
        chart_rows,
        language=texts.language,
        title=texts("chart_sources_title", period=period_label),
        series_labels={key: charts.capitalized(texts.metric(key)) for key in keys},
        subtitle=team.name,
    )
