"""Blocks of a chart whose labels are never cut: a header, a legend and a footnote that
wrap to as many lines as their text needs (the chart grows instead), and row shading for
rows of different heights.

:mod:`views.charts.base` wraps to a fixed number of lines and cuts the rest with "…",
which suits a fixed-size chart; the sources and comparison charts size themselves to
their text instead, and stay within :data:`~views.charts.base.SENT_MAX_SIDE_PX` by
drawing fewer rows (saying how many more there are), never by cutting a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from views.charts.base import (
    _TEXT,
    BASE_PT,
    DPI,
    LINE_SPACING,
    MARGIN_TOP_IN,
    MARGIN_X_IN,
    MUTED_COLOUR,
    SENT_MAX_SIDE_PX,
    SMALL_PT,
    TEXT_COLOUR,
    TITLE_PT,
    ZEBRA_COLOUR,
    _clean,
    _Header,
    _line_in,
    _max_chars,
    _n_lines,
    _wrap,
)

#: Wrap a text to as many lines as it takes.
UNCUT = 1_000
#: The tallest chart that Telegram keeps at full size, in inches at :data:`DPI`.
MAX_HEIGHT_IN = SENT_MAX_SIDE_PX / DPI
_PATCH_IN = (0.3, 0.2)  # a legend mark
_MARK_GAP_IN = 0.12
_COLUMN_GAP_IN = 0.2


def uncut(text: str, width_in: float, points: float = BASE_PT, *, bold: bool = False) -> str:
    """``text`` wrapped to ``width_in`` at ``points``, to as many lines as it needs."""
    return _wrap(_clean(text), _max_chars(width_in, points, bold=bold), UNCUT)


def uncut_header(title: str, subtitle: str, width_in: float) -> _Header:
    """The title and subtitle wrapped to as many lines as they need (never "…"), for
    :func:`views.charts.base._draw_header`."""
    usable = width_in - 2 * MARGIN_X_IN
    title_text = uncut(title, usable, TITLE_PT, bold=True)
    subtitle_text = uncut(subtitle, usable)
    height = MARGIN_TOP_IN + _n_lines(title_text) * _line_in(TITLE_PT)
    if subtitle_text:
        height += 0.05 + _n_lines(subtitle_text) * _line_in(BASE_PT)
    return _Header(title_text, subtitle_text, height)


@dataclass(frozen=True)
class LegendEntry:
    """One legend line: a mark and its label. ``colour`` None: a heading (bold, no mark);
    ``hatch`` and ``edge``: a hatched or outlined mark."""

    label: str
    colour: str | None = None
    hatch: str | None = None
    edge: str | None = None


def _column_in(columns: Sequence[Sequence[LegendEntry]], width_in: float) -> float:
    return (width_in - _COLUMN_GAP_IN * (len(columns) - 1)) / max(1, len(columns))


def _laid_out(
    column: Sequence[LegendEntry], column_in: float
) -> list[tuple[LegendEntry, str, float]]:
    """Each entry with its wrapped label and the height it takes."""
    found = []
    for entry in column:
        text_in = column_in - (0 if entry.colour is None else _PATCH_IN[0] + _MARK_GAP_IN)
        text = uncut(entry.label, text_in)
        found.append((entry, text, _n_lines(text) * _line_in(BASE_PT) + 0.06))
    return found


def legend_height(columns: Sequence[Sequence[LegendEntry]], width_in: float) -> float:
    """How tall :func:`draw_legend` draws ``columns`` side by side in ``width_in``."""
    column_in = _column_in(columns, width_in)
    return max(
        (sum(height for *_, height in _laid_out(column, column_in)) for column in columns),
        default=0.0,
    )


def draw_legend(
    figure: Figure,
    columns: Sequence[Sequence[LegendEntry]],
    *,
    top_in: float,
    width_in: float,
    left_in: float = MARGIN_X_IN,
) -> None:
    """Legend columns side by side in ``width_in`` from ``left_in``, their top ``top_in``
    below the figure's top: each mark a patch, each label wrapped to its column."""
    fig_w, fig_h = figure.get_size_inches()
    column_in = _column_in(columns, width_in)
    line_in = _line_in(BASE_PT)
    for j, column in enumerate(columns):
        x = left_in + j * (column_in + _COLUMN_GAP_IN)
        y = top_in
        for entry, text, height in _laid_out(column, column_in):
            text_x = x
            if entry.colour is not None:
                w, h = _PATCH_IN
                figure.add_artist(
                    Rectangle(
                        (x / fig_w, 1 - (y + line_in / 2 + h / 2) / fig_h),
                        w / fig_w,
                        h / fig_h,
                        transform=figure.transFigure,
                        facecolor=entry.colour,
                        edgecolor=entry.edge or "none",
                        hatch=entry.hatch,
                        linewidth=1.2 if entry.edge else 0,
                        gid="legend",
                    )
                )
                text_x = x + w + _MARK_GAP_IN
            figure.text(
                text_x / fig_w,
                1 - y / fig_h,
                text,
                ha="left",
                va="top",
                fontsize=BASE_PT,
                fontweight="bold" if entry.colour is None else "normal",
                color=TEXT_COLOUR,
                linespacing=LINE_SPACING,
                gid="legend",
                **_TEXT,
            )
            y += height


def footnote(text: str, width_in: float) -> str:
    """A footnote wrapped to the chart's width (small letters, never cut)."""
    return uncut(text, width_in - 2 * MARGIN_X_IN, SMALL_PT)


def footnote_height(text: str) -> float:
    return _n_lines(text) * _line_in(SMALL_PT) + 0.15 if text else 0.0


def draw_footnote(figure: Figure, text: str, *, top_in: float) -> None:
    """A wrapped footnote (:func:`footnote`) ``top_in`` below the figure's top."""
    if not text:
        return
    fig_w, fig_h = figure.get_size_inches()
    figure.text(
        MARGIN_X_IN / fig_w,
        1 - (top_in + 0.12) / fig_h,
        text,
        ha="left",
        va="top",
        fontsize=SMALL_PT,
        color=MUTED_COLOUR,
        linespacing=LINE_SPACING,
        gid="footnote",
        **_TEXT,
    )


def shade_rows(
    figure: Figure, axes: Axes, spans: Sequence[tuple[float, float]], *, right_in: float
) -> None:
    """Shade every other row across the figure (behind everything); ``spans``: each row's
    bottom and top in the data units of ``axes``, first row first."""
    fig_w, _ = figure.get_size_inches()
    to_figure = axes.transData + figure.transFigure.inverted()
    left_in = MARGIN_X_IN / 2
    for bottom, top in spans[1::2]:
        (_, y0), (_, y1) = to_figure.transform([(0, bottom), (0, top)])
        figure.add_artist(
            Rectangle(
                (left_in / fig_w, y0),
                (right_in - left_in) / fig_w,
                y1 - y0,
                transform=figure.transFigure,
                facecolor=ZEBRA_COLOUR,
                edgecolor="none",
                zorder=-1,
                gid="zebra",
            )
        )
