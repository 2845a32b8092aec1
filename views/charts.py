"""Charts for Telegram: plain numbers in, PNG bytes out.

Built on :class:`matplotlib.figure.Figure` and
:class:`~matplotlib.backends.backend_agg.FigureCanvasAgg` directly, never
the pyplot interface, which keeps every figure it made in a global registry,
so a long-running bot would grow. Nothing here is cached except the (fixed)
set of characters the font can draw; a figure lives only as long as its
caller keeps it, and :func:`render_png` drops the raster buffer after use.

The functions are synchronous and CPU-bound: the bot runs them in one worker
thread (bot.rendering).
All labels arrive translated; numbers are formatted here by the one formatter
(:mod:`views.formatting`, in the reader's ``language``: "1 250", "812,5",
"25,0 %"), and an undefined number is shown as "—".

Phone-first sizes (all at :data:`DPI` = 200, i.e. 2x a 100-dpi screen):

* funnel: :data:`FUNNEL_SIZE_IN` 6.4 x 8 in -> 1280 x 1600 px, fixed;
* sources: 7.2 in wide (1440 px), 0.85 in (170 px) per source plus the header;
* plan/fact: 6.4 in wide (1280 px), 0.55 in (110 px) per row plus the header;
* comparison: 6.4 in wide (1280 px), 1.2 in (240 px) per metric plus the header.

Heights are rounded to whole pixels and are never below
:data:`MIN_HEIGHT_IN` (800 px). Text is at least :data:`BASE_PT` = 14 pt
(footer and legend notes :data:`SMALL_PT` = 12 pt), DejaVu Sans (ships with
matplotlib and has Cyrillic). Characters the font lacks (emoji, say, in a
team name) are dropped before drawing so no "missing glyph" warning fires,
and ``$`` is never read as mathtext.
"""

from __future__ import annotations

import math
import re
import struct
import textwrap
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from views.formatting import format_count, format_percent

__all__ = [
    "BASE_PT",
    "COMPARISON_ROW_IN",
    "COMPARISON_WIDTH_IN",
    "DPI",
    "FUNNEL_SIZE_IN",
    "MIN_BAR_FRACTION",
    "MIN_HEIGHT_IN",
    "PALETTE",
    "PLAN_FACT_ROW_IN",
    "PLAN_FACT_WIDTH_IN",
    "PNG_COMPRESSION",
    "SOURCES_ROW_IN",
    "SOURCES_WIDTH_IN",
    "SOURCE_COUNT_KEYS",
    "SOURCE_SHARE_KEYS",
    "STATUS_COLOURS",
    "FunnelStage",
    "PlanFactRow",
    "SourceRow",
    "capitalized",
    "comparison_chart",
    "comparison_figure",
    "funnel_bar_lengths",
    "funnel_chart",
    "funnel_figure",
    "plan_fact_chart",
    "plan_fact_figure",
    "render_png",
    "sources_chart",
    "sources_figure",
]

# --- sizes -----------------------------------------------------------------------------

DPI = 200
FUNNEL_SIZE_IN = (6.4, 8.0)  # 1280 x 1600 px
SOURCES_WIDTH_IN = 7.2  # 1440 px
SOURCES_ROW_IN = 0.85  # per source: four count bars side by side with two share bars
PLAN_FACT_WIDTH_IN = 6.4  # 1280 px
PLAN_FACT_ROW_IN = 0.55  # per rep / metric
COMPARISON_WIDTH_IN = 6.4  # 1280 px
COMPARISON_ROW_IN = 1.2  # per metric: its label line and two bars
MIN_HEIGHT_IN = 4.0  # 800 px
PNG_COMPRESSION = 3  # zlib level: a 1280 x 1600 chart is ~60-100 KB either way; 3 is fast

FONT_FAMILY = "DejaVu Sans"
BASE_PT = 14.0  # labels, values
TITLE_PT = 18.0
VALUE_PT = 15.0  # the numbers on the bars (bold)
SMALL_PT = 12.0  # footer

MARGIN_X_IN = 0.3
MARGIN_TOP_IN = 0.25
MARGIN_BOTTOM_IN = 0.25
LINE_SPACING = 1.25

# a positive value's bar is never shorter than this share of the span (tiny stages still show)
MIN_BAR_FRACTION = 0.03

DASH = "—"
ARROW = "↓"

# --- colours ---------------------------------------------------------------------------

#: One colour per series, used by every chart (a funnel stage key, a source column).
PALETTE: dict[str, str] = {
    "calls_total": "#A0CBE8",
    "calls_60": "#4E79A7",
    "leads_new": "#B07AA1",
    "leads_targeted": "#D4A6C8",
    "targeted_share": "#D4A6C8",
    "meetings_set": "#F28E2B",
    "meetings_confirmed": "#EDC948",
    "meetings_held": "#76B7B2",
    "meetings_paid": "#59A14F",
    "conv_held_to_paid": "#8CD17D",
    "payments": "#59A14F",
    # the hunter's and the farmer's funnels: same meaning, same colour
    "meetings_held_as_hunter": "#76B7B2",
    "proposals": "#FF9DA7",
    "meetings_paid_as_hunter": "#59A14F",
    "repeat_payments": "#9C755F",
    "now": "#2F4B7C",
    "baseline": "#BAB0AC",
    "other": "#9C9C9C",
}

#: Plan/fact bar colour by status.
STATUS_COLOURS: dict[str, str] = {
    "behind": "#E15759",
    "on_track": "#F1A33C",
    "done": "#59A14F",
    "off": "#BAB0AC",
}

TEXT_COLOUR = "#1F2328"
MUTED_COLOUR = "#5B6370"
MARKER_COLOUR = "#1F2328"
ZEBRA_COLOUR = "#F2F4F7"

SOURCE_COUNT_KEYS: tuple[str, ...] = ("leads_new", "meetings_set", "meetings_held", "meetings_paid")
SOURCE_SHARE_KEYS: tuple[str, ...] = ("targeted_share", "conv_held_to_paid")

# --- data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStage:
    """One funnel step: ``key`` picks the colour (``calls_60``, ``meetings_set``...)."""

    key: str
    label: str
    value: float


@dataclass(frozen=True)
class SourceRow:
    """One lead source: counts (``leads_new``, ``meetings_*``) and shares (0..1 or None)."""

    source: str
    values: dict[str, float | None]


@dataclass(frozen=True)
class PlanFactRow:
    """One rep or metric against its plan; ``status`` is behind, on_track, done or off."""

    label: str
    fact: float
    lower: float | None
    goal: float | None
    status: str


# --- formatting ------------------------------------------------------------------------


def capitalized(label: str) -> str:
    """A label that opens a line on a chart: ``"назначенные встречи"`` -> ``"Назначенные …"``."""
    return label[:1].upper() + label[1:]


def _finite(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _conversion(previous: float | None, current: float | None, language: str) -> str:
    before, after = _finite(previous), _finite(current)
    if before is None or after is None or before <= 0:
        return DASH
    return f"{ARROW} {format_percent(after / before, language)}"


# --- text ------------------------------------------------------------------------------


@cache
def _drawable() -> frozenset[int]:
    """Code points both DejaVu Sans faces have (computed once, a fixed-size set)."""
    points: frozenset[int] | None = None
    for weight in ("normal", "bold"):
        path = findfont(FontProperties(family=FONT_FAMILY, weight=weight))
        charmap = frozenset(get_font(path).get_charmap())
        points = charmap if points is None else points & charmap
    return points or frozenset()


# runs of breaking whitespace; the no-break spaces the formatter writes inside a value
# ("4 140,7", "743 750,01 ₽", "5,5 %") are kept, so a wrapped line never splits a number
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")


def _clean(text: str | None) -> str:
    """Drop characters the font cannot draw (emoji, variation selectors); keep newlines
    and the no-break spaces inside a number."""
    if not text:
        return ""
    drawable = _drawable()
    lines = []
    for line in str(text).replace("\t", " ").splitlines():
        kept = "".join(ch for ch in line if ord(ch) in drawable)
        lines.append(_BREAKING_SPACE.sub(" ", kept).strip(" "))
    return "\n".join(lines).strip("\n")


def _max_chars(width_in: float, points: float, *, bold: bool = False) -> int:
    """How many characters fit in ``width_in`` (a generous average glyph width)."""
    em = points / 72
    return max(4, int(width_in / (em * (0.68 if bold else 0.62))))


def _text_width_in(text: str, points: float, *, bold: bool = False) -> float:
    longest = max((len(line) for line in text.splitlines()), default=0)
    return longest * points / 72 * (0.68 if bold else 0.62)


def _line_in(points: float) -> float:
    return points * LINE_SPACING / 72


def _shorten(line: str, limit: int) -> str:
    return line if len(line) <= limit else line[: max(1, limit - 1)].rstrip() + "…"


def _wrap(text: str, limit: int, max_lines: int) -> str:
    """Wrap to ``limit`` characters a line, at most ``max_lines`` lines (the last gets "…")."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        lines.extend(textwrap.wrap(paragraph, limit) or [""])
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], _shorten(rest, limit)]
    return "\n".join(lines)


def _wrap_segments(text: str, limit: int, max_lines: int, separator: str = " · ") -> str:
    """Wrap a "a · b · c" line between its segments where possible."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        current = ""
        for segment in paragraph.split(separator):
            candidate = f"{current}{separator}{segment}" if current else segment
            if len(candidate) <= limit or not current:
                current = candidate
            else:
                lines.append(current)
                current = segment
        lines.extend(textwrap.wrap(current, limit) or [""])
    return _wrap("\n".join(lines), limit, max_lines) if lines else ""


def _n_lines(text: str) -> int:
    return len(text.splitlines()) if text else 0


# Every Text gets these: fixed family, no mathtext ("$" in a source name stays a "$").
_TEXT = {"fontfamily": FONT_FAMILY, "parse_math": False}


# --- figure scaffolding ----------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    title: str
    subtitle: str
    height_in: float  # from the top edge to below the subtitle


def _header(title: str, subtitle: str, width_in: float) -> _Header:
    usable = width_in - 2 * MARGIN_X_IN
    title_text = _wrap(_clean(title), _max_chars(usable, TITLE_PT, bold=True), 3)
    subtitle_text = _wrap(_clean(subtitle), _max_chars(usable, BASE_PT), 2)
    height = MARGIN_TOP_IN + _n_lines(title_text) * _line_in(TITLE_PT)
    if subtitle_text:
        height += 0.05 + _n_lines(subtitle_text) * _line_in(BASE_PT)
    return _Header(title_text, subtitle_text, height)


def _new_figure(width_in: float, height_in: float) -> Figure:
    height_px = max(round(height_in * DPI), round(MIN_HEIGHT_IN * DPI))
    figure = Figure(figsize=(width_in, height_px / DPI), dpi=DPI, facecolor="white", layout="none")
    FigureCanvasAgg(figure)
    return figure


def _draw_header(figure: Figure, header: _Header) -> None:
    width_in, height_in = figure.get_size_inches()
    left = MARGIN_X_IN / width_in
    figure.suptitle(
        header.title,
        x=left,
        y=1 - MARGIN_TOP_IN / height_in,
        ha="left",
        va="top",
        fontsize=TITLE_PT,
        fontweight="bold",
        color=TEXT_COLOUR,
        linespacing=LINE_SPACING,
        **_TEXT,
    )
    if header.subtitle:
        top = MARGIN_TOP_IN + _n_lines(header.title) * _line_in(TITLE_PT) + 0.05
        figure.text(
            left,
            1 - top / height_in,
            header.subtitle,
            ha="left",
            va="top",
            fontsize=BASE_PT,
            color=MUTED_COLOUR,
            linespacing=LINE_SPACING,
            **_TEXT,
        )


def _add_axes(
    figure: Figure, left_in: float, top_in: float, width_in: float, height_in: float
) -> Axes:
    """Axes placed in inches from the figure's top-left corner (no layout engine: fast)."""
    fig_w, fig_h = figure.get_size_inches()
    axes = figure.add_axes(
        (left_in / fig_w, 1 - (top_in + height_in) / fig_h, width_in / fig_w, height_in / fig_h)
    )
    axes.patch.set_visible(False)
    return axes


def _bare(axes: Axes) -> None:
    """No frame, no x axis; the y axis keeps only its labels."""
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.xaxis.set_visible(False)
    axes.tick_params(axis="y", length=0, pad=8)


_LEGEND_SPACING_EM = 0.35
_LEGEND_HANDLE_IN = 0.45  # handle and the gap after it


@dataclass(frozen=True)
class _Legend:
    """Legend columns side by side (each its own matplotlib legend, so the rows of one
    column never stretch another's), labels already cleaned and wrapped."""

    columns: tuple[tuple[tuple[str, object], ...], ...]
    height_in: float


def _legend_layout(columns: Sequence[Sequence[tuple[str, object]]], width_in: float) -> _Legend:
    """Wrap the labels to their column (at most two lines) and measure the tallest column."""
    columns = [column for column in columns if column]
    if not columns:
        return _Legend((), 0.0)
    column_in = (width_in - 2 * MARGIN_X_IN) / len(columns)
    limit = _max_chars(column_in - _LEGEND_HANDLE_IN - 0.1, BASE_PT)
    wrapped = tuple(
        tuple((_wrap(_clean(label), limit, 2), handle) for label, handle in column)
        for column in columns
    )
    tallest = 0.0
    for column in wrapped:
        # matplotlib's text boxes: one line is 1 em tall, n lines are n x 1.2 em
        ems = sum(1.0 if _n_lines(label) <= 1 else 1.2 * _n_lines(label) for label, _ in column)
        ems += _LEGEND_SPACING_EM * (len(column) - 1)
        tallest = max(tallest, ems * BASE_PT / 72)
    return _Legend(wrapped, tallest)


def _draw_legend(figure: Figure, legend: _Legend, *, top_in: float) -> None:
    """Frameless legend columns whose top edge sits ``top_in`` below the figure's top."""
    width_in, height_in = figure.get_size_inches()
    if not legend.columns:
        return
    column_in = (width_in - 2 * MARGIN_X_IN) / len(legend.columns)
    for j, column in enumerate(legend.columns):
        drawn = figure.legend(
            [handle for _, handle in column],
            [label for label, _ in column],
            loc="upper left",
            bbox_to_anchor=((MARGIN_X_IN + j * column_in) / width_in, 1 - top_in / height_in),
            frameon=False,
            prop=FontProperties(family=FONT_FAMILY, size=BASE_PT),
            labelcolor=TEXT_COLOUR,
            borderaxespad=0,
            borderpad=0,
            handlelength=1.2,
            handleheight=0.9,
            handletextpad=0.5,
            labelspacing=_LEGEND_SPACING_EM,
        )
        for text in drawn.get_texts():
            text.set_parse_math(False)


def _zebra(figure: Figure, axes: Axes, rows: int, *, left_in: float, right_in: float) -> None:
    """Shade every other row across the figure width (behind the axes)."""
    fig_w, _ = figure.get_size_inches()
    to_figure = axes.transData + figure.transFigure.inverted()
    for row in range(1, rows, 2):
        centre = rows - 1 - row
        (_, bottom), (_, top) = to_figure.transform([(0, centre - 0.5), (0, centre + 0.5)])
        figure.add_artist(
            Rectangle(
                (left_in / fig_w, bottom),
                (right_in - left_in) / fig_w,
                top - bottom,
                transform=figure.transFigure,
                facecolor=ZEBRA_COLOUR,
                edgecolor="none",
                zorder=-1,
                gid="zebra",
            )
        )


def _placeholder(axes: Axes) -> None:
    axes.set_axis_off()
    axes.text(
        0.5,
        0.5,
        DASH,
        transform=axes.transAxes,
        ha="center",
        va="center",
        fontsize=TITLE_PT * 2,
        color=MUTED_COLOUR,
        **_TEXT,
    )


def _colour(key: str) -> str:
    return PALETTE.get(key, PALETTE["other"])


# --- rendering -------------------------------------------------------------------------


def render_png(figure: Figure) -> bytes:
    """Render ``figure`` with Agg at its own dpi and return PNG bytes.

    Agg draws; the PNG is written here (no per-row adaptive filtering, zlib level
    :data:`PNG_COMPRESSION`), about twice as fast as Pillow's encoder for a flat chart.
    The canvas that drew (and its multi-megabyte raster buffer) is detached right
    away, so a figure someone still holds costs only its artists.
    """
    canvas = FigureCanvasAgg(figure)
    try:
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())
        return _encode_png(pixels, figure.dpi)
    finally:
        FigureCanvasAgg(figure)  # a fresh canvas without a renderer replaces the used one


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _encode_png(rgba: np.ndarray, dpi: float) -> bytes:
    """8-bit RGBA PNG, filter "None" on every row (a plain memory copy, then zlib)."""
    height, width, _ = rgba.shape
    rows = np.empty((height, 1 + width * 4), dtype=np.uint8)
    rows[:, 0] = 0  # the filter byte of each row
    rows[:, 1:] = rgba.reshape(height, width * 4)
    per_metre = round(dpi / 0.0254)
    return b"".join(
        (
            _PNG_SIGNATURE,
            _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),
            _png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _png_chunk(b"IDAT", zlib.compress(rows, PNG_COMPRESSION)),
            _png_chunk(b"IEND", b""),
        )
    )


# --- funnel ----------------------------------------------------------------------------

_FUNNEL_ROW_MAX_IN = 1.3
_FUNNEL_BAR_IN = 0.46
_FUNNEL_LABEL_GAP_IN = 0.08


def funnel_bar_lengths(values: Sequence[float], span: float = 1.0) -> list[float]:
    """Bar lengths for a funnel: ``span * sqrt(value / largest)``, at least
    ``span * MIN_BAR_FRACTION`` for any positive value, 0 for zero/negative/NaN.

    400 / 100 / 25 / 4 -> 1, 0.5, 0.25, 0.1 of the span.
    """
    cleaned = [max(0.0, _finite(value) or 0.0) for value in values]
    largest = max(cleaned, default=0.0)
    if largest <= 0:
        return [0.0 for _ in cleaned]
    return [
        span * max(MIN_BAR_FRACTION, math.sqrt(value / largest)) if value > 0 else 0.0
        for value in cleaned
    ]


def _linear_lengths(values: Sequence[float | None], span: float) -> list[float]:
    """``span * value / largest``, at least ``span * MIN_BAR_FRACTION`` when positive."""
    cleaned = [max(0.0, _finite(value) or 0.0) for value in values]
    largest = max(cleaned, default=0.0)
    return [
        span * max(MIN_BAR_FRACTION, value / largest) if value > 0 else 0.0 for value in cleaned
    ]


def funnel_figure(
    stages: list[FunnelStage],
    *,
    language: str,
    title: str,
    subtitle: str = "",
    conversion_labels: list[str | None] | None = None,
    footer: str = "",
) -> Figure:
    """A horizontal funnel, one bar per stage from top to bottom.

    Scale: the first stage (calls) is often 10-100x the others, so a bar's length
    is the *square root* of its share of the largest stage (400 calls vs 4 paid
    meetings: a full bar vs a tenth, not a hundredth), with a minimum of
    :data:`MIN_BAR_FRACTION` of the span so a tiny stage still shows; zero
    draws no bar. Lengths are therefore not proportional, which is why every
    value is printed at the end of its bar.

    Above each bar: the stage label, and on the right the conversion from the
    stage before ("↓ 25 %"; "—" when the stage before is 0).
    ``conversion_labels`` (one per gap, ``len(stages) - 1``) replaces that text
    where an entry is not None. ``footer`` is a small line under the chart.
    Size: :data:`FUNNEL_SIZE_IN` at :data:`DPI` (1280 x 1600 px).
    """
    gaps = max(0, len(stages) - 1)
    if conversion_labels is not None and len(conversion_labels) != gaps:
        raise ValueError(f"conversion_labels needs {gaps} entries, got {len(conversion_labels)}")
    width_in, height_in = FUNNEL_SIZE_IN
    usable = width_in - 2 * MARGIN_X_IN
    header = _header(title, subtitle, width_in)
    figure = _new_figure(width_in, height_in)
    _draw_header(figure, header)

    footer_text = _wrap_segments(_clean(footer), _max_chars(usable, SMALL_PT), 3)
    footer_in = _n_lines(footer_text) * _line_in(SMALL_PT) + (0.15 if footer_text else 0)
    if footer_text:
        figure.text(
            MARGIN_X_IN / width_in,
            MARGIN_BOTTOM_IN / height_in,
            footer_text,
            ha="left",
            va="bottom",
            fontsize=SMALL_PT,
            color=MUTED_COLOUR,
            linespacing=LINE_SPACING,
            **_TEXT,
        )

    body_top = header.height_in + 0.3
    body_in = height_in - body_top - MARGIN_BOTTOM_IN - footer_in
    axes = _add_axes(figure, MARGIN_X_IN, body_top, usable, body_in)
    if not stages:
        _placeholder(axes)
        return figure
    axes.set_axis_off()
    axes.set_xlim(0, 1)
    axes.set_ylim(0, body_in)

    values = [_finite(stage.value) for stage in stages]
    value_texts = [format_count(value, language) for value in values]
    conversions = [
        _conversion(values[i - 1], values[i], language) if i else "" for i in range(len(stages))
    ]
    for i, override in enumerate(conversion_labels or [], start=1):
        if override is not None:
            conversions[i] = _clean(override)

    value_width = max(_text_width_in(text, VALUE_PT, bold=True) for text in value_texts)
    span = max(0.55, 1 - (value_width + 0.15) / usable)
    lengths = funnel_bar_lengths([value or 0.0 for value in values], span)

    label_in = _line_in(BASE_PT)
    row_in = min(_FUNNEL_ROW_MAX_IN, body_in / len(stages))
    bar_in = min(_FUNNEL_BAR_IN, max(0.12, row_in - label_in - 2 * _FUNNEL_LABEL_GAP_IN - 0.1))
    centres = []
    for i, stage in enumerate(stages):
        row_top = body_in - i * row_in
        conversion = conversions[i]
        room = usable - (_text_width_in(conversion, BASE_PT, bold=True) + 0.2 if conversion else 0)
        axes.text(
            0,
            row_top,
            _shorten(_clean(stage.label), _max_chars(room, BASE_PT)),
            ha="left",
            va="top",
            fontsize=BASE_PT,
            color=TEXT_COLOUR,
            **_TEXT,
        )
        if conversion:
            axes.text(
                1,
                row_top,
                conversion,
                ha="right",
                va="top",
                fontsize=BASE_PT,
                fontweight="bold",
                color=MUTED_COLOUR,
                gid="conversion",
                **_TEXT,
            )
        centres.append(row_top - label_in - _FUNNEL_LABEL_GAP_IN - bar_in / 2)

    bars = axes.barh(
        centres,
        lengths,
        height=bar_in,
        left=0,
        color=[_colour(stage.key) for stage in stages],
        edgecolor="none",
    )
    for bar, stage, length, centre, text in zip(
        bars, stages, lengths, centres, value_texts, strict=True
    ):
        bar.set_gid(stage.key)
        axes.text(
            length + 0.1 / usable,
            centre,
            text,
            ha="left",
            va="center",
            fontsize=VALUE_PT,
            fontweight="bold",
            color=TEXT_COLOUR,
            gid="value",
            **_TEXT,
        )
    return figure


def funnel_chart(
    stages: list[FunnelStage],
    *,
    language: str,
    title: str,
    subtitle: str = "",
    conversion_labels: list[str | None] | None = None,
    footer: str = "",
) -> bytes:
    """PNG bytes of :func:`funnel_figure` (1280 x 1600 px)."""
    return render_png(
        funnel_figure(
            stages,
            language=language,
            title=title,
            subtitle=subtitle,
            conversion_labels=conversion_labels,
            footer=footer,
        )
    )


# --- shared: horizontal bars with value labels -----------------------------------------


def _value_labels(
    axes: Axes,
    positions: Iterable[tuple[float, float, str]],
    *,
    pad: float,
    bold: bool = True,
) -> None:
    for x, y, text in positions:
        axes.text(
            x + pad,
            y,
            text,
            ha="left",
            va="center",
            fontsize=BASE_PT,
            fontweight="bold" if bold else "normal",
            color=TEXT_COLOUR,
            gid="value",
            **_TEXT,
        )


def _x_limit(largest: float, widest_text_in: float, panel_in: float) -> float:
    """An x range whose right part is left free for the value text."""
    free = min(0.6, (widest_text_in + 0.15) / panel_in)
    return (largest if largest > 0 else 1.0) / (1 - free)


def _row_labels(labels: Sequence[str], width_in: float, max_lines: int) -> list[str]:
    limit = _max_chars(width_in, BASE_PT)
    return [_wrap(_clean(label), limit, max_lines) for label in labels]


def _label_column_in(labels: Sequence[str], low: float, high: float) -> float:
    widest = max((_text_width_in(label, BASE_PT) for label in labels), default=0.0)
    return min(high, max(low, widest + 0.15))


# --- sources ---------------------------------------------------------------------------


def sources_figure(
    rows: list[SourceRow],
    *,
    language: str,
    title: str,
    series_labels: dict[str, str],
    subtitle: str = "",
) -> Figure:
    """Lead sources side by side: counts on the left, shares on the right.

    One row per source (top to bottom in the given order), names on the left
    (wrapped to three lines). Left panel: ``leads_new``, ``meetings_set``,
    ``meetings_held``, ``meetings_paid`` as grouped horizontal bars with the
    numbers. Leads outnumber paid meetings 10-100x, so each series is scaled
    to its own largest value (bars of one colour compare sources linearly;
    bars of different colours are not on one scale - read the numbers), with
    :data:`MIN_BAR_FRACTION` as the shortest non-zero bar. Right panel:
    ``targeted_share`` and ``conv_held_to_paid`` as percent bars on a 0-100 %
    scale ("—" when None or missing). ``series_labels`` names the six series in
    the legend (a missing one shows its key). Every other row is shaded so a
    row reads across both panels.
    Size: 7.2 in (1440 px) wide, :data:`SOURCES_ROW_IN` per source plus the header.
    """
    width_in = SOURCES_WIDTH_IN
    usable = width_in - 2 * MARGIN_X_IN
    header = _header(title, subtitle, width_in)
    legend = _legend_layout(
        [
            [(series_labels.get(key, key), Patch(facecolor=_colour(key))) for key in keys]
            for keys in (SOURCE_COUNT_KEYS, SOURCE_SHARE_KEYS)
        ],
        width_in,
    )

    n = len(rows)
    body_top = header.height_in + 0.2 + legend.height_in + 0.3
    body_in = max(1, n) * SOURCES_ROW_IN
    figure = _new_figure(width_in, body_top + body_in + MARGIN_BOTTOM_IN)
    _draw_header(figure, header)
    _draw_legend(figure, legend, top_in=header.height_in + 0.2)

    names = _row_labels([row.source for row in rows], 2.0, 3)
    label_in = _label_column_in(names, 1.0, 2.1)
    gap_in = 0.25
    counts_in = (usable - label_in - gap_in) * 0.58
    shares_in = usable - label_in - gap_in - counts_in
    counts_ax = _add_axes(figure, MARGIN_X_IN + label_in, body_top, counts_in, body_in)
    shares_ax = _add_axes(
        figure, MARGIN_X_IN + label_in + counts_in + gap_in, body_top, shares_in, body_in
    )
    if not rows:
        _placeholder(counts_ax)
        _placeholder(shares_ax)
        return figure

    ys = [n - 1 - i for i in range(n)]
    for axes in (counts_ax, shares_ax):
        axes.set_ylim(-0.5, n - 0.5)
    _bare(counts_ax)
    counts_ax.set_yticks(ys, names, fontsize=BASE_PT, color=TEXT_COLOUR, linespacing=1.1, **_TEXT)
    shares_ax.set_axis_off()
    _zebra(figure, counts_ax, n, left_in=MARGIN_X_IN / 2, right_in=width_in - MARGIN_X_IN / 2)

    counts = {key: [_finite(row.values.get(key)) for row in rows] for key in SOURCE_COUNT_KEYS}
    shares = {key: [_finite(row.values.get(key)) for row in rows] for key in SOURCE_SHARE_KEYS}
    count_texts = {
        key: [format_count(v, language) for v in values] for key, values in counts.items()
    }
    share_texts = {
        key: [format_percent(v, language) for v in values] for key, values in shares.items()
    }

    widest = max(_text_width_in(t, BASE_PT, bold=True) for ts in count_texts.values() for t in ts)
    counts_ax.set_xlim(0, 1)
    span = 1 - min(0.6, (widest + 0.15) / counts_in)
    bar = 0.8 / len(SOURCE_COUNT_KEYS)
    for k, key in enumerate(SOURCE_COUNT_KEYS):
        offset = 0.4 - bar / 2 - k * bar
        widths = _linear_lengths(counts[key], span)
        centres = [y + offset for y in ys]
        for patch in counts_ax.barh(centres, widths, height=bar * 0.92, color=_colour(key)):
            patch.set_gid(key)
        _value_labels(
            counts_ax, zip(widths, centres, count_texts[key], strict=True), pad=0.06 / counts_in
        )

    largest_share = max((v for values in shares.values() for v in values if v), default=0.0)
    widest = max(_text_width_in(t, BASE_PT, bold=True) for ts in share_texts.values() for t in ts)
    shares_ax.set_xlim(0, _x_limit(max(1.0, largest_share), widest, shares_in))
    share_bar = 0.3
    for k, key in enumerate(SOURCE_SHARE_KEYS):
        offset = share_bar / 2 + 0.02 - k * (share_bar + 0.04)
        widths = [max(0.0, v or 0.0) for v in shares[key]]
        centres = [y + offset for y in ys]
        for patch in shares_ax.barh(centres, widths, height=share_bar, color=_colour(key)):
            patch.set_gid(key)
        pad = 0.06 / shares_in * shares_ax.get_xlim()[1]
        _value_labels(shares_ax, zip(widths, centres, share_texts[key], strict=True), pad=pad)
    return figure


def sources_chart(
    rows: list[SourceRow],
    *,
    language: str,
    title: str,
    series_labels: dict[str, str],
    subtitle: str = "",
) -> bytes:
    """PNG bytes of :func:`sources_figure`."""
    return render_png(
        sources_figure(
            rows, language=language, title=title, series_labels=series_labels, subtitle=subtitle
        )
    )


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
    return render_png(
        plan_fact_figure(
            rows,
            language=language,
            title=title,
            subtitle=subtitle,
            lower_label=lower_label,
            goal_label=goal_label,
        )
    )


# --- now vs baseline -------------------------------------------------------------------

_COMPARISON_BAR_IN = 0.3


def comparison_figure(
    labels: list[str],
    now: Sequence[float | None],
    baseline: Sequence[float | None],
    *,
    language: str,
    title: str,
    now_label: str,
    baseline_label: str,
    percent: bool | Sequence[bool] = False,
) -> Figure:
    """Paired bars "now vs baseline" per metric, for diagnosing a broken funnel step.

    Each metric gets its label line and two bars (now: ``PALETTE["now"]``,
    baseline: ``PALETTE["baseline"]``) with their values; ``percent=True`` (for
    every metric, or a sequence of flags, one per metric) reads the inputs as
    fractions (0.25 -> "25 %"). Each pair is scaled to its
    own larger value, so metrics in different units share one chart: compare
    within a pair. None/NaN shows "—" and no bar.
    Size: 6.4 in (1280 px) wide, :data:`COMPARISON_ROW_IN` per metric plus the header.
    """
    if not len(labels) == len(now) == len(baseline):
        raise ValueError("labels, now and baseline must have the same length")
    width_in = COMPARISON_WIDTH_IN
    usable = width_in - 2 * MARGIN_X_IN
    header = _header(title, "", width_in)
    legend = _legend_layout(
        [
            [(now_label, Patch(facecolor=PALETTE["now"]))],
            [(baseline_label, Patch(facecolor=PALETTE["baseline"]))],
        ],
        width_in,
    )

    n = len(labels)
    body_top = header.height_in + 0.2 + legend.height_in + 0.3
    body_in = max(1, n) * COMPARISON_ROW_IN
    figure = _new_figure(width_in, body_top + body_in + MARGIN_BOTTOM_IN)
    _draw_header(figure, header)
    _draw_legend(figure, legend, top_in=header.height_in + 0.2)
    axes = _add_axes(figure, MARGIN_X_IN, body_top, usable, body_in)
    if not labels:
        _placeholder(axes)
        return figure
    axes.set_axis_off()
    axes.set_xlim(0, 1)
    axes.set_ylim(0, body_in)

    flags = [percent] * n if isinstance(percent, bool) else list(percent)
    if len(flags) != n:
        raise ValueError("percent must be one flag or one flag per metric")
    pairs = [(_finite(a), _finite(b)) for a, b in zip(now, baseline, strict=True)]
    texts = [
        (fmt(a, language), fmt(b, language))
        for (a, b), fmt in zip(
            pairs, (format_percent if f else format_count for f in flags), strict=True
        )
    ]
    widest = max(_text_width_in(t, BASE_PT, bold=True) for pair in texts for t in pair)
    span = max(0.5, 1 - (widest + 0.15) / usable)
    label_in = _line_in(BASE_PT)
    limit = _max_chars(usable, BASE_PT)
    for i, (label, (a, b), (text_a, text_b)) in enumerate(zip(labels, pairs, texts, strict=True)):
        row_top = body_in - i * COMPARISON_ROW_IN
        axes.text(
            0,
            row_top,
            _shorten(_clean(label), limit),
            ha="left",
            va="top",
            fontsize=BASE_PT,
            color=TEXT_COLOUR,
            **_TEXT,
        )
        largest = max(max(a or 0.0, 0.0), max(b or 0.0, 0.0))
        first = row_top - label_in - 0.08 - _COMPARISON_BAR_IN / 2
        for j, (value, text, key) in enumerate(((a, text_a, "now"), (b, text_b, "baseline"))):
            length = span * max(value or 0.0, 0.0) / largest if largest > 0 else 0.0
            centre = first - j * (_COMPARISON_BAR_IN + 0.05)
            (patch,) = axes.barh([centre], [length], height=_COMPARISON_BAR_IN, color=PALETTE[key])
            patch.set_gid(key)
            _value_labels(axes, [(length, centre, text)], pad=0.08 / usable, bold=key == "now")
    return figure


def comparison_chart(
    labels: list[str],
    now: Sequence[float | None],
    baseline: Sequence[float | None],
    *,
    language: str,
    title: str,
    now_label: str,
    baseline_label: str,
    percent: bool | Sequence[bool] = False,
) -> bytes:
    """PNG bytes of :func:`comparison_figure`."""
    return render_png(
        comparison_figure(
            labels,
            now,
            baseline,
            language=language,
            title=title,
            now_label=now_label,
            baseline_label=baseline_label,
            percent=percent,
        )
    )
