"""Now vs what it is compared with (the baseline, the plan), for the diagnosis."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

from views.charts import base
from views.charts.base import (
    _TEXT,
    BASE_PT,
    COMPARISON_WIDTH_IN,
    MARGIN_BOTTOM_IN,
    MARGIN_X_IN,
    PALETTE,
    TEXT_COLOUR,
    _add_axes,
    _draw_header,
    _finite,
    _line_in,
    _n_lines,
    _new_figure,
    _placeholder,
    _text_width_in,
    _value_labels,
    png_of,
)
from views.charts.blocks import (
    MAX_HEIGHT_IN,
    LegendEntry,
    draw_footnote,
    draw_legend,
    footnote,
    footnote_height,
    legend_height,
    uncut,
    uncut_header,
)
from views.formatting import format_count, format_percent

#: What a bar of a row can be, in the legend's order: the period's value, the plan, the
#: subject's own baseline, the team's baseline (a new source has none of its own).
COMPARISON_KEYS: tuple[str, ...] = ("now", "plan", "baseline", "team")

_MARKS: dict[str, LegendEntry] = {
    "now": LegendEntry("", PALETTE["now"]),
    "plan": LegendEntry("", "#FFFFFF", hatch="///", edge=PALETTE["now"]),
    "baseline": LegendEntry("", PALETTE["baseline"]),
    "team": LegendEntry("", PALETTE["baseline"], hatch="...", edge="#8C8480"),
}
_BAR_IN = 0.25
_BAR_GAP_IN = 0.05
_ROW_PAD_IN = 0.25
_TRACK_COLOUR = "#ECEEF2"


@dataclass(frozen=True)
class Compared:
    """One row: a metric's ``label`` and its bars, top to bottom, as ``(key, value)`` with
    a key of :data:`COMPARISON_KEYS`. ``percent``: the values are shares (0..1, drawn on
    one 0-100 % axis for every such row; above 1 is refused: that is not a share);
    otherwise counts, the row on its own scale, shared with the other rows of its ``group``
    (counts that are compared with each other). ``optional``: a row that may be left out
    when the chart would be too tall (say how many were in ``more_note``)."""

    label: str
    bars: tuple[tuple[str, float | None], ...]
    percent: bool = False
    optional: bool = False
    group: str | None = None

    def __post_init__(self) -> None:
        for key, value in self.bars:
            if key not in COMPARISON_KEYS:
                raise ValueError(f"bar key must be one of {COMPARISON_KEYS}: {key!r}")
            number = _finite(value)
            if self.percent and number is not None and not 0 <= number <= 1:
                raise ValueError(f"{self.label}: {value!r} is not a share (0..1): draw counts")


def _fitting(
    rows: Sequence[Compared], heights: Sequence[float], fixed: float, more: Callable[[int], str]
) -> tuple[list[int], str]:
    """Which rows fit under :data:`MAX_HEIGHT_IN` (the optional ones go first, the last of
    them first) and the note that says how many were left out."""
    kept = list(range(len(rows)))
    optional = [i for i in kept if rows[i].optional]
    note = ""
    while optional and fixed + footnote_height(note) + sum(heights[i] for i in kept) > (
        MAX_HEIGHT_IN
    ):
        kept.remove(optional.pop())
        note = more(len(rows) - len(kept))
    return kept, note


def comparison_figure(
    rows: Sequence[Compared],
    *,
    language: str,
    title: str,
    legend: dict[str, str],
    subtitle: str = "",
    notes: Sequence[str] = (),
    more_note: Callable[[int], str] = str,
) -> Figure:
    """Bars "now vs baseline (or plan)" per metric, for diagnosing a broken funnel step.

    Each row: its label (wrapped, never cut) and its bars with their values (the "now"
    value bold). Shares are drawn on one 0-100 % axis, on a light 0-100 % track (a 7 %
    share is short next to a 33 % one in any row); a row of counts is scaled to its own
    largest bar, or its ``group``'s (calls and leads differ a hundredfold), so compare
    within a row or a group. ``legend`` names the keys of
    :data:`COMPARISON_KEYS` (only those drawn are listed); ``notes`` go under the rows in
    small letters (say the scales there). None/NaN shows "—" and no bar.

    Size: 6.4 in (1280 px) wide, the height its rows need, at most
    :data:`~views.charts.base.SENT_MAX_SIDE_PX`: the ``optional`` rows that do not fit are
    left out (the last ones first) and ``more_note(n)`` says how many.
    """
    width_in = COMPARISON_WIDTH_IN
    usable = width_in - 2 * MARGIN_X_IN
    header = uncut_header(title, subtitle, width_in)
    drawn = [key for key in COMPARISON_KEYS if any(k == key for row in rows for k, _ in row.bars)]
    entries = [
        LegendEntry(legend.get(key, key), m.colour, m.hatch, m.edge)
        for key in drawn
        for m in (_MARKS[key],)
    ]
    columns = [entries[0::2], entries[1::2]] if len(entries) > 1 else [entries]
    legend_in = legend_height(columns, usable)
    body_top = header.height_in + 0.2 + legend_in + 0.3

    labels = [uncut(row.label, usable) for row in rows]
    heights = [
        _n_lines(label) * _line_in(BASE_PT) + len(row.bars) * (_BAR_IN + _BAR_GAP_IN) + _ROW_PAD_IN
        for label, row in zip(labels, rows, strict=True)
    ]
    notes_text = footnote("\n".join(n for n in notes if n), width_in)
    fixed = body_top + footnote_height(notes_text) + MARGIN_BOTTOM_IN + 0.1
    kept, more = _fitting(rows, heights, fixed, lambda n: footnote(more_note(n), width_in))
    note = "\n".join(n for n in (more, notes_text) if n)
    rows = [rows[i] for i in kept]
    labels = [labels[i] for i in kept]
    heights = [heights[i] for i in kept]

    body_in = sum(heights) if rows else 1.0
    figure = _new_figure(width_in, body_top + body_in + footnote_height(note) + MARGIN_BOTTOM_IN)
    _draw_header(figure, header)
    draw_legend(figure, columns, top_in=header.height_in + 0.2, width_in=usable)
    draw_footnote(figure, note, top_in=body_top + body_in)
    axes = _add_axes(figure, MARGIN_X_IN, body_top, usable, body_in)
    if not rows:
        _placeholder(axes)
        return figure
    axes.set_axis_off()
    axes.set_xlim(0, 1)
    axes.set_ylim(0, body_in)

    values = [[_finite(value) for _, value in row.bars] for row in rows]
    texts = [
        [(format_percent if row.percent else format_count)(v, language) for v in row_values]
        for row, row_values in zip(rows, values, strict=True)
    ]
    widest = max(_text_width_in(t, BASE_PT, bold=True) for row in texts for t in row)
    scales: dict[object, float] = {}  # a row of counts: its largest bar, or its group's
    for row, row_values in zip(rows, values, strict=True):
        key = row.group or id(row)
        scales[key] = max(scales.get(key, 0.0), *(max(0.0, v or 0.0) for v in row_values))
    span = max(0.5, 1 - (widest + 0.2) / usable)  # the longest bar; its number after it
    top = body_in
    for row, label, row_values, row_texts, height in zip(
        rows, labels, values, texts, heights, strict=True
    ):
        axes.text(
            0,
            top,
            label,
            ha="left",
            va="top",
            fontsize=BASE_PT,
            color=TEXT_COLOUR,
            linespacing=base.LINE_SPACING,
            gid="label",
            **_TEXT,
        )
        largest = 1.0 if row.percent else scales[row.group or id(row)]
        centre = top - _n_lines(label) * _line_in(BASE_PT) - 0.08 - _BAR_IN / 2
        track = span if row.percent else 0.0  # a share's bar lies on its 0-100 % track
        for (key, _), value, text in zip(row.bars, row_values, row_texts, strict=True):
            length = span * max(0.0, value or 0.0) / largest if largest > 0 else 0.0
            mark = _MARKS[key]
            if track:
                (rail,) = axes.barh([centre], [track], height=_BAR_IN, color=_TRACK_COLOUR)
                rail.set_gid("track")
            (patch,) = axes.barh(
                [centre],
                [length],
                height=_BAR_IN,
                color=mark.colour,
                hatch=mark.hatch,
                edgecolor=mark.edge or "none",
                linewidth=1.2 if mark.edge else 0,
            )
            patch.set_gid(key)
            _value_labels(axes, [(length, centre, text)], pad=0.08 / usable, bold=key == "now")
            centre -= _BAR_IN + _BAR_GAP_IN
        top -= height
    return figure


comparison_chart = png_of(comparison_figure)
