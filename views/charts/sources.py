"""Lead sources side by side: every count on one shared axis, the shares on 0-100 %."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from views.charts import base
from views.charts.base import (
    _TEXT,
    BASE_PT,
    MARGIN_BOTTOM_IN,
    MARGIN_X_IN,
    MUTED_COLOUR,
    SMALL_PT,
    SOURCES_WIDTH_IN,
    TEXT_COLOUR,
    _add_axes,
    _colour,
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
    shade_rows,
    uncut,
    uncut_header,
)
from views.formatting import format_count, format_percent

SOURCE_COUNT_KEYS: tuple[str, ...] = ("leads_new", "meetings_set", "meetings_held", "meetings_paid")
SOURCE_SHARE_KEYS: tuple[str, ...] = ("targeted_share", "conv_held_to_paid")

_COUNT_SLOT_IN = 0.19  # one count bar and the gap to the next (its 14 pt number beside it)
_COUNT_BAR_IN = 0.16
_SHARE_SLOT_IN = 0.25
_SHARE_BAR_IN = 0.2
_ROW_PAD_IN = 0.2
_ROW_MIN_IN = len(SOURCE_COUNT_KEYS) * _COUNT_SLOT_IN + _ROW_PAD_IN
_NAME_LINE_IN = _line_in(BASE_PT) * 1.1 / base.LINE_SPACING  # names at linespacing 1.1
_NAME_MAX_IN = 1.8
_AXIS_IN = 0.4  # the scale's numbers under the rows
_GAP_IN = 0.3  # between the counts and the shares
_GRID_COLOUR = "#D0D4DA"


@dataclass(frozen=True)
class SourceRow:
    """One lead source: counts (``leads_new``, ``meetings_*``) and shares (0..1 or None)."""

    source: str
    values: dict[str, float | None]


def _count_ticks(largest: float, right: float, width_in: float) -> list[float]:
    """Round numbers from 0 for the shared count axis (about one per 0.7 in), up to the
    first one past ``largest`` when the axis (up to ``right``) has room for it."""
    if largest <= 0:
        return [0.0]
    bins = max(2, int(width_in / 0.7))
    ticks = MaxNLocator(nbins=bins, integer=True, steps=[1, 2, 2.5, 5, 10]).tick_values(0, largest)
    kept = [float(t) for t in ticks if 0 <= t <= largest]
    beyond = [float(t) for t in ticks if largest < t <= right * 0.92]
    return kept + beyond[:1]


def _scale(axes: Axes, ticks: Sequence[float], texts: Sequence[str], width_in: float) -> None:
    """Light vertical lines at ``ticks`` and their numbers under the rows (a number that
    would touch the one before it is left out; its line stays)."""
    left, right = axes.get_xlim()
    body_in = axes.get_position().height * axes.figure.get_size_inches()[1]
    drawn_to = -1.0  # inches from the axes' left edge
    for tick, text in zip(ticks, texts, strict=True):
        axes.axvline(tick, color=_GRID_COLOUR, linewidth=1.0, zorder=0, gid="grid")
        if not text:
            continue
        at = (tick - left) / (right - left) * width_in
        half = _text_width_in(text, SMALL_PT) / 2
        start = at if tick == left else at - half
        if start < drawn_to + 0.15:
            continue
        drawn_to = start + 2 * half if tick != left else at + 2 * half
        axes.text(
            tick,
            -0.1 / body_in,
            text,
            transform=axes.get_xaxis_transform(),
            ha="left" if tick == left else "center",
            va="top",
            fontsize=SMALL_PT,
            color=MUTED_COLOUR,
            gid="scale",
            **_TEXT,
        )


def sources_figure(
    rows: list[SourceRow],
    *,
    language: str,
    title: str,
    series_labels: dict[str, str],
    more_note: Callable[[int], str],
    subtitle: str = "",
    headings: tuple[str, str] = ("", ""),
) -> Figure:
    """Lead sources side by side: counts on the left, shares on the right.

    One row per source, top to bottom in the given order (the caller sorts), names on
    the left wrapped to as many lines as they need (the row grows; a name is never cut).
    Left panel: ``leads_new``, ``meetings_set``, ``meetings_held``, ``meetings_paid`` as
    horizontal bars with their numbers, **all on one shared linear axis** (a bar's length
    is its count, whichever series or source it is), round numbers of that axis under the
    rows. Right panel: ``targeted_share`` and ``conv_held_to_paid`` on a 0-100 % axis
    ("—" and no bar when None or missing). The legend has a column per panel:
    ``headings`` on top (what the panel is), then its ``series_labels`` (a missing one
    shows its key).

    Size: 7.2 in (1440 px) wide, at most :data:`~views.charts.base.SENT_MAX_SIDE_PX`
    tall: when the rows do not fit, the first ones that do are drawn, with
    ``more_note(n)`` under them (``n`` rows left out: "3 more sources are in the text").
    """
    width_in = SOURCES_WIDTH_IN
    usable = width_in - 2 * MARGIN_X_IN
    header = uncut_header(title, subtitle, width_in)
    legend = [
        [
            *([LegendEntry(headings[j])] if headings[j] else []),
            *(LegendEntry(series_labels.get(key, key), _colour(key)) for key in keys),
        ]
        for j, keys in enumerate((SOURCE_COUNT_KEYS, SOURCE_SHARE_KEYS))
    ]
    body_top = header.height_in + 0.2 + legend_height(legend, usable) + 0.3

    names = [uncut(row.source, _NAME_MAX_IN) for row in rows]
    widest_name = max((_text_width_in(name, BASE_PT) for name in names), default=0.0)
    label_in = min(_NAME_MAX_IN + 0.2, max(1.0, widest_name + 0.2))
    heights = [max(_ROW_MIN_IN, _n_lines(name) * _NAME_LINE_IN + _ROW_PAD_IN) for name in names]

    def height(shown: int, note: str) -> float:
        body = sum(heights[:shown]) if shown else _ROW_MIN_IN
        return body_top + body + _AXIS_IN + footnote_height(note) + MARGIN_BOTTOM_IN

    shown, note = len(rows), ""
    while shown > 1 and height(shown, note) > MAX_HEIGHT_IN:
        shown -= 1
        note = footnote(more_note(len(rows) - shown), width_in)
    rows, names, heights = rows[:shown], names[:shown], heights[:shown]
    body_in = sum(heights) if rows else _ROW_MIN_IN

    figure = _new_figure(width_in, height(shown, note))
    _draw_header(figure, header)
    draw_legend(figure, legend, top_in=header.height_in + 0.2, width_in=usable)
    draw_footnote(figure, note, top_in=body_top + body_in + _AXIS_IN)
    counts_in = (usable - label_in - _GAP_IN) * 0.54
    shares_in = usable - label_in - _GAP_IN - counts_in
    counts_ax = _add_axes(figure, MARGIN_X_IN + label_in, body_top, counts_in, body_in)
    shares_ax = _add_axes(
        figure, MARGIN_X_IN + label_in + counts_in + _GAP_IN, body_top, shares_in, body_in
    )
    if not rows:
        _placeholder(counts_ax)
        _placeholder(shares_ax)
        return figure

    # y in inches from the bottom of the body; the first row on top
    tops = [body_in - sum(heights[:i]) for i in range(len(rows))]
    centres = [top - h / 2 for top, h in zip(tops, heights, strict=True)]
    for axes in (counts_ax, shares_ax):
        axes.set_ylim(0, body_in)
        for spine in axes.spines.values():
            spine.set_visible(False)
        axes.xaxis.set_visible(False)
        axes.tick_params(axis="y", length=0, pad=10)
    counts_ax.set_yticks(
        centres, names, fontsize=BASE_PT, color=TEXT_COLOUR, linespacing=1.1, **_TEXT
    )
    shares_ax.yaxis.set_visible(False)
    spans = [(top - h, top) for top, h in zip(tops, heights, strict=True)]
    shade_rows(figure, counts_ax, spans, right_in=width_in - MARGIN_X_IN / 2)

    # counts: one axis for every bar, so 57 leads and 6 paid read as 57 and 6
    counts = {key: [_finite(row.values.get(key)) for row in rows] for key in SOURCE_COUNT_KEYS}
    texts = {key: [format_count(v, language) for v in values] for key, values in counts.items()}
    largest = max(max(0.0, v or 0.0) for values in counts.values() for v in values)
    widest = max(_text_width_in(t, BASE_PT, bold=True) for ts in texts.values() for t in ts)
    right = (largest if largest > 0 else 1.0) / (1 - min(0.6, (widest + 0.2) / counts_in))
    counts_ax.set_xlim(0, right)
    ticks = _count_ticks(largest, right, counts_in)
    _scale(counts_ax, ticks, [format_count(t, language) for t in ticks], counts_in)
    first = (len(SOURCE_COUNT_KEYS) - 1) / 2 * _COUNT_SLOT_IN
    for k, key in enumerate(SOURCE_COUNT_KEYS):
        ys = [c + first - k * _COUNT_SLOT_IN for c in centres]
        widths = [max(0.0, v or 0.0) for v in counts[key]]
        for patch in counts_ax.barh(ys, widths, height=_COUNT_BAR_IN, color=_colour(key)):
            patch.set_gid(key)
        pad = 0.06 / counts_in * right
        _value_labels(counts_ax, zip(widths, ys, texts[key], strict=True), pad=pad)

    # shares: a part of a whole, on 0-100 %
    shares = {key: [_finite(row.values.get(key)) for row in rows] for key in SOURCE_SHARE_KEYS}
    texts = {key: [format_percent(v, language) for v in values] for key, values in shares.items()}
    widest = max(_text_width_in(t, BASE_PT, bold=True) for ts in texts.values() for t in ts)
    right = 1 / (1 - min(0.6, (widest + 0.2) / shares_in))
    shares_ax.set_xlim(0, right)
    ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
    labels = [format_percent(t, language) if t in (0.0, 1.0) else "" for t in ticks]
    _scale(shares_ax, ticks, labels, shares_in)
    first = (len(SOURCE_SHARE_KEYS) - 1) / 2 * _SHARE_SLOT_IN
    for k, key in enumerate(SOURCE_SHARE_KEYS):
        ys = [c + first - k * _SHARE_SLOT_IN for c in centres]
        widths = [max(0.0, v or 0.0) for v in shares[key]]
        for patch in shares_ax.barh(ys, widths, height=_SHARE_BAR_IN, color=_colour(key)):
            patch.set_gid(key)
        pad = 0.06 / shares_in * right
        _value_labels(shares_ax, zip(widths, ys, texts[key], strict=True), pad=pad)
    return figure


sources_chart = png_of(sources_figure)
