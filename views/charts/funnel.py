"""The funnel chart: the period's own counts, and the cohort's funnel.

One picture in two parts, top to bottom:

1. **the period's counts** as tiles (a number and its name), never as steps: in one
   period the counts are not a funnel (the meetings held this week were set in earlier
   weeks), so nothing divides one tile by another;
2. **the cohort's funnel**: the meetings set in the period followed to now, one bar per
   step on a linear scale (the largest step, the first, is the full bar; a bar's length
   is its count's share of it), its count printed at the bar's end; each step after the
   first is labelled with its conversion by the ratio's own name ("назначена → проведена
   62,0 %"), never with an arrow that reads as a drop.

Either part may be left out (the farmer has no cohort). The height follows the content
(the tiles' rows, the steps, how the labels wrap), 1280 px wide; every label is wrapped
to as many lines as it needs, never cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.patches import Rectangle
from matplotlib.transforms import Affine2D

from views.charts.base import (
    _TEXT,
    BASE_PT,
    DASH,
    FONT_FAMILY,
    FUNNEL_WIDTH_IN,
    LINE_SPACING,
    MARGIN_BOTTOM_IN,
    MARGIN_X_IN,
    MUTED_COLOUR,
    TEXT_COLOUR,
    TITLE_PT,
    VALUE_PT,
    ZEBRA_COLOUR,
    _clean,
    _colour,
    _draw_header,
    _finite,
    _new_figure,
    png_of,
)
from views.charts.blocks import uncut_header
from views.formatting import format_count, format_percent


@dataclass(frozen=True)
class CountTile:
    """One of the period's counts: its name, its value as the formatter wrote it
    ("1 250", "743 750,01 ₽") and an optional note under it ("выручка 106 000 ₽")."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class FunnelStep:
    """One step of the cohort's funnel. ``key`` picks the colour (``meetings_set``...).
    A step is labelled by its conversion when it has one: ``conversion_name`` (the
    ratio's name, "назначена → проведена") and ``conversion`` (a fraction, None when
    undefined); else (the first step) by its ``label`` ("Назначенные встречи")."""

    key: str
    label: str
    value: float
    conversion_name: str = ""
    conversion: float | None = None


# --- sizes (inches at DPI) ---------------------------------------------------------------

HEADING_PT = 16.0  # the two parts' headings (bold)
TILE_VALUE_PT = 24.0  # a tile's number (bold); smaller only when a long amount must fit
TILE_VALUE_MIN_PT = 16.0
TILE_COLUMNS = 2
TILE_GAP_IN = 0.14
TILE_PAD_IN = 0.14
STEP_BAR_IN = 0.44
STEP_GAP_IN = 0.16  # between a step's bar and the next step's label
SECTION_GAP_IN = 0.3
LABEL_TO_BAR_IN = 0.07
VALUE_PAD_IN = 0.1  # between a bar's end and its number


# --- measuring text as Agg draws it --------------------------------------------------------


@cache
def _advance_em(char: str, bold: bool) -> float:
    """How far ``char`` moves the pen, in ems (its unhinted advance: widths scale linearly,
    and summing them is within 1 % of what Agg lays out, ~50x faster than asking Agg)."""
    font = get_font(
        findfont(FontProperties(family=FONT_FAMILY, weight="bold" if bold else "normal"))
    )
    font.set_size(72, 72)  # 1 em = 72 px
    return font.load_char(ord(char), flags=LoadFlags.NO_HINTING).linearHoriAdvance / 65536 / 72


def _width_in(text: str, points: float, *, bold: bool = False) -> float:
    """The drawn width of the widest line of ``text``, in inches, with 2 % to spare."""
    widest = max(
        (sum(_advance_em(char, bold) for char in line) for line in text.splitlines()),
        default=0.0,
    )
    return widest * points / 72 * 1.02


SEPARATOR = " · "


def _pack(units: list[str], joiner: str, width_in: float, points: float, bold: bool) -> list[str]:
    """Greedy lines of ``units`` joined by ``joiner``, each no wider than ``width_in``
    unless one unit alone is wider."""
    lines: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current}{joiner}{unit}" if current else unit
        if current and _width_in(candidate, points, bold=bold) > width_in:
            lines.append(current)
            current = unit
        else:
            current = candidate
    return [*lines, current]


def _wrap(text: str, width_in: float, points: float, *, bold: bool = False) -> str:
    """Wrap to lines no wider than ``width_in``: between the parts of an "a · b · c" line
    where they fit, else at spaces (a number keeps its no-break spaces, so it is never
    split); nothing is cut."""
    lines: list[str] = []
    for paragraph in _clean(text).splitlines():
        for part in _pack(paragraph.split(SEPARATOR), SEPARATOR, width_in, points, bold):
            if _width_in(part, points, bold=bold) <= width_in:
                lines.append(part)
            else:
                lines.extend(_pack(part.split(" "), " ", width_in, points, bold))
    return "\n".join(lines)


def _lines_in(text: str, points: float) -> float:
    """The height of ``text`` drawn with :data:`LINE_SPACING`."""
    n = len(text.splitlines()) if text else 0
    return (points + (n - 1) * points * LINE_SPACING) / 72 if n else 0.0


# --- layout ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tile:
    value: str
    label: str  # wrapped
    note: str  # wrapped
    left_in: float
    top_in: float
    width_in: float
    height_in: float


@dataclass(frozen=True)
class _Step:
    step: FunnelStep
    label: str  # wrapped: the step's name (the first step) or its conversion
    label_top_in: float
    bar_top_in: float


def _tile_value_pt(tiles: Sequence[CountTile], inner_in: float) -> float:
    """The largest tile font (at most :data:`TILE_VALUE_PT`) at which every value fits."""
    points = TILE_VALUE_PT
    while points > TILE_VALUE_MIN_PT and any(
        _width_in(_clean(tile.value), points, bold=True) > inner_in for tile in tiles
    ):
        points -= 1
    return points


def _layout_tiles(
    tiles: Sequence[CountTile], top_in: float, usable_in: float, value_pt: float
) -> tuple[list[_Tile], float]:
    """Tiles in rows of :data:`TILE_COLUMNS` (a last lone tile spans the row); returns
    them and the bottom of the last row."""
    laid: list[_Tile] = []
    column_in = (usable_in - (TILE_COLUMNS - 1) * TILE_GAP_IN) / TILE_COLUMNS
    for first in range(0, len(tiles), TILE_COLUMNS):
        row = tiles[first : first + TILE_COLUMNS]
        width = column_in if len(row) == TILE_COLUMNS else usable_in
        inner = width - 2 * TILE_PAD_IN
        wrapped = [
            (
                _wrap(tile.label, inner, BASE_PT),
                _wrap(tile.note, inner, BASE_PT) if tile.note else "",
            )
            for tile in row
        ]
        height = 2 * TILE_PAD_IN + max(
            value_pt / 72
            + 0.08
            + _lines_in(label, BASE_PT)
            + (0.06 + _lines_in(note, BASE_PT) if note else 0.0)
            for label, note in wrapped
        )
        for j, (tile, (label, note)) in enumerate(zip(row, wrapped, strict=True)):
            laid.append(
                _Tile(
                    _clean(tile.value),
                    label,
                    note,
                    MARGIN_X_IN + j * (column_in + TILE_GAP_IN),
                    top_in,
                    width,
                    height,
                )
            )
        top_in += height + TILE_GAP_IN
    return laid, top_in - TILE_GAP_IN if laid else top_in


def step_label(step: FunnelStep, language: str) -> str:
    """What a step is labelled with: its conversion by the ratio's name and the percent
    ("назначена → проведена 62,0 %"; "—" when undefined), or its name when it has none
    (the first step)."""
    if not step.conversion_name:
        return step.label
    return f"{step.conversion_name} {format_percent(_finite(step.conversion), language)}"


def _layout_steps(
    steps: Sequence[FunnelStep], top_in: float, usable_in: float, language: str
) -> tuple[list[_Step], float]:
    laid: list[_Step] = []
    for step in steps:
        label = _wrap(step_label(step, language), usable_in, BASE_PT)
        bar_top = top_in + _lines_in(label, BASE_PT) + LABEL_TO_BAR_IN
        laid.append(_Step(step, label, top_in, bar_top))
        top_in = bar_top + STEP_BAR_IN + STEP_GAP_IN
    return laid, top_in - STEP_GAP_IN if laid else top_in


@dataclass(frozen=True)
class _Layout:
    width_in: float
    height_in: float
    counts_heading: str
    counts_heading_top_in: float
    tiles: list[_Tile]
    tile_value_pt: float
    cohort_heading: str
    cohort_heading_top_in: float
    steps: list[_Step]
    bar_span_in: float
    cohort_note: str
    cohort_note_top_in: float


def _layout(
    *,
    header_in: float,
    counts_heading: str,
    tiles: Sequence[CountTile],
    cohort_heading: str,
    steps: Sequence[FunnelStep],
    cohort_note: str,
    language: str,
) -> _Layout:
    width_in = FUNNEL_WIDTH_IN
    usable = width_in - 2 * MARGIN_X_IN
    top = header_in + 0.25

    counts_heading = _wrap(counts_heading, usable, HEADING_PT, bold=True) if tiles else ""
    counts_heading_top = top
    if counts_heading:
        top += _lines_in(counts_heading, HEADING_PT) + 0.14
    value_pt = _tile_value_pt(tiles, (usable - TILE_GAP_IN) / TILE_COLUMNS - 2 * TILE_PAD_IN)
    laid_tiles, top = _layout_tiles(tiles, top, usable, value_pt)

    if laid_tiles and steps:
        top += SECTION_GAP_IN
    cohort_heading = _wrap(cohort_heading, usable, HEADING_PT, bold=True) if steps else ""
    cohort_heading_top = top
    if cohort_heading:
        top += _lines_in(cohort_heading, HEADING_PT) + 0.14
    laid_steps, top = _layout_steps(steps, top, usable, language)
    values = [format_count(_finite(step.value), language) for step in steps]
    widest_value = max((_width_in(value, VALUE_PT, bold=True) for value in values), default=0)
    span = usable - widest_value - VALUE_PAD_IN - 0.05

    cohort_note = _wrap(cohort_note, usable, BASE_PT) if steps and cohort_note else ""
    note_top = top + 0.16
    if cohort_note:
        top = note_top + _lines_in(cohort_note, BASE_PT)
    return _Layout(
        width_in,
        top + MARGIN_BOTTOM_IN,
        counts_heading,
        counts_heading_top,
        laid_tiles,
        value_pt,
        cohort_heading,
        cohort_heading_top,
        laid_steps,
        span,
        cohort_note,
        note_top,
    )


# --- drawing -----------------------------------------------------------------------------


class _Inches:
    """Draws on the figure itself in inches from its top-left corner, y downwards (no
    axes: everything is placed where the layout put it, and an axes would only cost
    time to build)."""

    def __init__(self, figure: Figure) -> None:
        _, height_in = figure.get_size_inches()
        self.figure = figure
        self.transform = Affine2D().scale(1, -1).translate(0, height_in) + figure.dpi_scale_trans

    def text(self, x: float, y: float, text: str, points: float, **style: object) -> None:
        style = {"ha": "left", "va": "top", "color": TEXT_COLOUR, **style}
        self.figure.text(
            x,
            y,
            text,
            transform=self.transform,
            fontsize=points,
            linespacing=LINE_SPACING,
            **_TEXT,
            **style,
        )

    def box(self, x: float, y: float, width: float, height: float, colour: str, gid: str) -> None:
        """A filled rectangle whose top-left corner is at (x, y)."""
        rectangle = Rectangle(
            (x, y),
            width,
            height,
            transform=self.transform,
            facecolor=colour,
            edgecolor="none",
            gid=gid,
        )
        rectangle.set_figure(self.figure)
        self.figure.patches.append(rectangle)


def _draw_tiles(canvas: _Inches, layout: _Layout) -> None:
    value_pt = layout.tile_value_pt
    for tile in layout.tiles:
        canvas.box(tile.left_in, tile.top_in, tile.width_in, tile.height_in, ZEBRA_COLOUR, "tile")
        x, y = tile.left_in + TILE_PAD_IN, tile.top_in + TILE_PAD_IN
        canvas.text(x, y, tile.value, value_pt, fontweight="bold", gid="count")
        y += value_pt / 72 + 0.08
        canvas.text(x, y, tile.label, BASE_PT, gid="count_label")
        if tile.note:
            y += _lines_in(tile.label, BASE_PT) + 0.06
            canvas.text(x, y, tile.note, BASE_PT, color=MUTED_COLOUR, gid="count_note")


def _draw_steps(canvas: _Inches, layout: _Layout, language: str) -> None:
    if not layout.steps:
        return
    values = [max(0.0, _finite(laid.step.value) or 0.0) for laid in layout.steps]
    largest = max(values)
    for laid, value in zip(layout.steps, values, strict=True):
        gid = "conversion" if laid.step.conversion_name else "step"
        canvas.text(MARGIN_X_IN, laid.label_top_in, laid.label, BASE_PT, gid=gid)
        length = layout.bar_span_in * value / largest if largest > 0 else 0.0
        canvas.box(
            MARGIN_X_IN,
            laid.bar_top_in,
            length,
            STEP_BAR_IN,
            _colour(laid.step.key),
            laid.step.key,
        )
        canvas.text(
            MARGIN_X_IN + length + VALUE_PAD_IN,
            laid.bar_top_in + STEP_BAR_IN / 2,
            format_count(_finite(laid.step.value), language),
            VALUE_PT,
            va="center_baseline",
            fontweight="bold",
            gid="value",
        )


def funnel_figure(
    *,
    language: str,
    title: str,
    subtitle: str = "",
    counts_heading: str = "",
    tiles: Sequence[CountTile] = (),
    cohort_heading: str = "",
    steps: Sequence[FunnelStep] = (),
    cohort_note: str = "",
) -> Figure:
    """The period's counts as ``tiles`` under ``counts_heading``, then the cohort's
    ``steps`` under ``cohort_heading`` with ``cohort_note`` below them.

    Bars: linear, a step's length is ``value / largest`` of the full span (the first
    step of a cohort is its largest); zero draws no bar, every count is printed at its
    bar's end. Labels wrap, nothing is cut. 1280 px wide; the height follows the content.
    """
    header = uncut_header(title, subtitle, FUNNEL_WIDTH_IN)
    layout = _layout(
        header_in=header.height_in,
        counts_heading=counts_heading,
        tiles=tiles,
        cohort_heading=cohort_heading,
        steps=steps,
        cohort_note=cohort_note,
        language=language,
    )
    figure = _new_figure(layout.width_in, layout.height_in)
    _draw_header(figure, header)
    canvas = _Inches(figure)
    if not tiles and not steps:
        canvas.text(
            layout.width_in / 2,
            layout.height_in / 2,
            DASH,
            TITLE_PT * 2,
            ha="center",
            va="center",
            color=MUTED_COLOUR,
        )
        return figure
    for heading, top in (
        (layout.counts_heading, layout.counts_heading_top_in),
        (layout.cohort_heading, layout.cohort_heading_top_in),
    ):
        if heading:
            canvas.text(MARGIN_X_IN, top, heading, HEADING_PT, fontweight="bold", gid="heading")
    _draw_tiles(canvas, layout)
    _draw_steps(canvas, layout, language)
    if layout.cohort_note:
        canvas.text(
            MARGIN_X_IN,
            layout.cohort_note_top_in,
            layout.cohort_note,
            BASE_PT,
            color=MUTED_COLOUR,
            gid="cohort_note",
        )
    return figure


funnel_chart = png_of(funnel_figure)
