"""/sources <period>: the numbers per source, as a text and a bar chart that agree: the same
sources in the same order (most meetings held first), the same held -> paid (of the
meetings set in the period, so never above 100 %)."""

from __future__ import annotations

from matplotlib.figure import Figure

from bot.i18n import Texts, plain_text
from services.sources import SourceNumbers
from storage.models import Team
from views import charts
from views.stats import mode_text
from views.values import show

CONVERSION = "conv_held_to_paid"


def source_name(row: SourceNumbers, texts: Texts) -> str:
    return row.name if row.name is not None else texts("no_source")


def sources_text(
    rows: list[SourceNumbers], period_label: str, team: Team, texts: Texts, mode: str = "period"
) -> str:
    header = texts("sources_report_header", period=period_label, mode=mode_text(texts, mode))
    if not rows:
        return f"{header}\n{texts('sources_report_empty')}"
    lines = [header]
    conversion = texts.metric(CONVERSION)
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
                conversion=conversion,
                conv=show(CONVERSION, row.held_to_paid, texts, team.currency),
            )
        )
    lines.append(texts("sources_report_cohort", conversion=conversion))
    return "\n".join(lines)


def sources_png(
    rows: list[SourceNumbers], period_label: str, team: Team, texts: Texts, mode: str = "period"
) -> bytes:
    """The PNG of :func:`sources_figure` (run it in the chart thread)."""
    return charts.render_png(sources_figure(rows, period_label, team, texts, mode))


def sources_figure(
    rows: list[SourceNumbers], period_label: str, team: Team, texts: Texts, mode: str = "period"
) -> Figure:
    """The sources chart: the counts of ``mode`` on one axis, the targeted share and the
    cohort's held -> paid on 0-100 %, the sources in the given order."""
    chart_rows = [
        charts.SourceRow(
            source=source_name(row, texts),
            values={
                **{key: row.metrics[key] for key in charts.SOURCE_COUNT_KEYS},
                "targeted_share": row.metrics["targeted_share"],
                CONVERSION: row.held_to_paid,
            },
        )
        for row in rows
    ]
    labels = {
        key: charts.capitalized(texts.metric(key))
        for key in (*charts.SOURCE_COUNT_KEYS, *charts.SOURCE_SHARE_KEYS)
    }
    labels[CONVERSION] = charts.capitalized(
        plain_text(texts("chart_sources_conversion", conversion=texts.metric(CONVERSION)))
    )
    return charts.sources_figure(
        chart_rows,
        language=texts.language,
        # a chart is not HTML: "Рога & Копыта" is drawn as typed
        title=plain_text(texts("chart_sources_title", period=period_label)),
        subtitle=plain_text(texts(f"chart_sources_subtitle_{mode}", team=team.name)),
        series_labels=labels,
        headings=(
            plain_text(texts("chart_sources_counts")),
            plain_text(texts("chart_sources_shares")),
        ),
        more_note=lambda count: plain_text(texts("chart_sources_more", count=count)),
    )
