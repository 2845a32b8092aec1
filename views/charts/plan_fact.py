"""Each rep against the plan."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from views.charts import base
from views.charts.base import (
    _TEXT,
    BASE_PT,
    MARGIN_BOTTOM_IN,
    MARGIN_X_IN,
    MARKER_COLOUR,
    PLAN_FACT_ROW_IN,
    PLAN_FACT_WIDTH_IN,
    STATUS_COLOURS,
    TEXT_COLOUR,
    _add_axes,
    _bare,
    _clean,
    _draw_header,
    _draw_legend,
    _finite,
    _header,
    _label_column_in,
    _legend_layout,
    _new_figure,
    _placeholder,
    _row_labels,
    _text_width_in,
    _value_labels,
    _x_limit,
    _zebra,
)
from views.formatting import format_count


@dataclass(frozen=True)
class PlanFactRow:
    """One rep or metric against its plan; ``status`` is behind, on_track, done or off."""

    label: str
    fact: float
    lower: float | None
    goal: float | None
    status: str


# --- plan / fact -----------------------------------------------------------------------


def plan_fact_figure(
    rows: list[PlanFactRow],
    *,
    language: str,
    title: str,
    subtitle: str = "",
    lower_label: str = "",
    goal_label: str = "",
) -> Figure:
    """Fact per row as a horizontal bar coloured by status (:data:`STATUS_COLOURS`).

    The lower bound is a dashed tick and the goal a solid tick across the row;
    the text right of everything in the row is "fact / goal" (or just the fact
    when there is no goal). ``lower_label``/``goal_label``, when given, add a
    legend for the two ticks. Rows run top to bottom in the given order.
    Size: 6.4 in (1280 px) wide, :data:`PLAN_FACT_ROW_IN` per row plus the header.
    """
    for row in rows:
        if row.status not in STATUS_COLOURS:
            raise ValueError(f"unknown plan status {row.status!r}")
    width_in = PLAN_FACT_WIDTH_IN
    usable = width_in - 2 * MARGIN_X_IN
    header = _header(title, subtitle, width_in)
    columns = [
        [(label, _marker_handle(style))]
        for label, style in ((lower_label, "--"), (goal_label, "-"))
        if _clean(label)
    ]
    legend = _legend_layout(columns, width_in)
    legend_in = legend.height_in + 0.2 if legend.columns else 0.0

    n = len(rows)
    body_top = header.height_in + 0.2 + legend_in + 0.1
    body_in = max(1, n) * PLAN_FACT_ROW_IN
    figure = _new_figure(width_in, body_top + body_in + MARGIN_BOTTOM_IN)
    _draw_header(figure, header)
    _draw_legend(figure, legend, top_in=header.height_in + 0.2)

    names = _row_labels([row.label for row in rows], 1.9, 2)
    label_in = _label_column_in(names, 0.8, 2.0)
    panel_in = usable - label_in
    axes = _add_axes(figure, MARGIN_X_IN + label_in, body_top, panel_in, body_in)
    if not rows:
        _placeholder(axes)
        return figure

    ys = [n - 1 - i for i in range(n)]
    axes.set_ylim(-0.5, n - 0.5)
    _bare(axes)
    axes.set_yticks(ys, names, fontsize=BASE_PT, color=TEXT_COLOUR, linespacing=1.1, **_TEXT)
    _zebra(figure, axes, n, left_in=MARGIN_X_IN / 2, right_in=width_in - MARGIN_X_IN / 2)

    facts = [max(0.0, _finite(row.fact) or 0.0) for row in rows]
    lowers = [_finite(row.lower) for row in rows]
    goals = [_finite(row.goal) for row in rows]
    texts = [
        format_count(row.fact, language)
        if goal is None
        else f"{format_count(row.fact, language)} / {format_count(goal, language)}"
        for row, goal in zip(rows, goals, strict=True)
    ]
    reach = [
        max(fact, lower or 0.0, goal or 0.0)
        for fact, lower, goal in zip(facts, lowers, goals, strict=True)
    ]
    widest = max(_text_width_in(text, BASE_PT, bold=True) for text in texts)
    axes.set_xlim(0, _x_limit(max(reach), widest, panel_in))

    bars = axes.barh(
        ys, facts, height=0.62, color=[STATUS_COLOURS[row.status] for row in rows], zorder=2
    )
    for patch in bars:
        patch.set_gid("fact")
    for values, style, gid in ((lowers, "--", "lower"), (goals, "-", "goal")):
        marked = [(x, y) for x, y in zip(values, ys, strict=True) if x is not None]
        if marked:
            axes.vlines(
                [x for x, _ in marked],
                [y - 0.42 for _, y in marked],
                [y + 0.42 for _, y in marked],
                colors=MARKER_COLOUR,
                linestyles=style,
                linewidth=2.2 if gid == "goal" else 1.6,
                zorder=3,
                gid=gid,
            )
    pad = 0.08 / panel_in * axes.get_xlim()[1]
    _value_labels(axes, zip(reach, ys, texts, strict=True), pad=pad)
    return figure


def _marker_handle(style: str) -> Line2D:
    return Line2D([], [], color=MARKER_COLOUR, linestyle=style, linewidth=2)


def plan_fact_chart(
    rows: list[PlanFactRow],
    *,
    language: str,
    title: str,
    subtitle: str = "",
    lower_label: str = "",
    goal_label: str = "",
) -> bytes:
    """PNG bytes of :func:`plan_fact_figure`."""
    return base.render_png(
        plan_fact_figure(
            rows,
            language=language,
            title=title,
            subtitle=subtitle,
            lower_label=lower_label,
            goal_label=goal_label,
        )
    )
