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

* funnel: :data:`FUNNEL_WIDTH_IN` 6.4 in wide (1280 px), as tall as its tiles and steps;
* sources: 7.2 in wide (1440 px), as tall as its rows need, at most
  :data:`SENT_MAX_SIDE_PX` (:mod:`views.charts.sources`);
* plan/fact: 6.4 in wide (1280 px), one or more pages, each at most
  :data:`SENT_MAX_SIDE_PX` (:mod:`views.charts.plan_fact`);
* comparison: 6.4 in wide (1280 px), as tall as its rows need, at most
  :data:`SENT_MAX_SIDE_PX` (:mod:`views.charts.comparison`);
* trend: 6.4 in wide (1280 px), a panel per metric (:mod:`views.charts.trend`).

Titles, legends and notes are wrapped to as many lines as they need, never cut
(:mod:`views.charts.blocks`).

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, wraps
from typing import ParamSpec

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font

# Glyphs unhinted: at 200 dpi and 12 pt or more hinting changes no pixel a person can see,
# and FreeType's hinter is a fifth of the time a chart takes to draw (its text is most of
# it). Set once for the process; only the chart thread draws.
matplotlib.rcParams["text.hinting"] = "no_hinting"

P = ParamSpec("P")

# --- sizes -----------------------------------------------------------------------------

DPI = 200
FUNNEL_WIDTH_IN = 6.4  # 1280 px
SOURCES_WIDTH_IN = 7.2  # 1440 px
PLAN_FACT_WIDTH_IN = 6.4  # 1280 px
COMPARISON_WIDTH_IN = 6.4  # 1280 px
MIN_HEIGHT_IN = 4.0  # 800 px
#: Telegram keeps a photo at most this many pixels on its longer side (its largest stored
#: size, "w"); a taller chart is shrunk, and its letters with it.
SENT_MAX_SIDE_PX = 2560
#: The smallest letters on any chart, at the size Telegram keeps (read on a 6-inch phone
#: that shows the chart at its full width without zooming).
MIN_SENT_PT = 11.0
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


DASH = "—"

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


# --- formatting ----------------------------------------------------------------------


def capitalized(label: str) -> str:
    """A label that opens a line on a chart: ``"назначенные встречи"`` -> ``"Назначенные …"``."""
    return label[:1].upper() + label[1:]


def _finite(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


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


def png_of(draw: Callable[P, Figure]) -> Callable[P, bytes]:
    """The PNG version of a figure function: ``funnel_chart = png_of(funnel_figure)`` takes
    the same arguments and returns :func:`render_png` of the figure."""

    @wraps(draw)
    def chart(*args: P.args, **kwargs: P.kwargs) -> bytes:
        return render_png(draw(*args, **kwargs))

    chart.__name__ = chart.__qualname__ = draw.__name__.replace("_figure", "_chart")
    chart.__doc__ = f"PNG bytes of :func:`{draw.__name__}`."
    return chart


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
