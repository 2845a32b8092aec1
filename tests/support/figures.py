"""Reading a drawn chart the way a person looks at it: what text is on it, how big the
smallest letters are once Telegram has stored the photo, which percents it prints,
whether a label was cut, how wide each bar is in pixels.

Everything is read from the :class:`~matplotlib.figure.Figure` after it was laid out
(``draw_without_rendering``), never from the data that went in, so a test built on it
fails when the picture is wrong even if the input was right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from views.charts.base import SENT_MAX_SIDE_PX

__all__ = [
    "SENT_MAX_SIDE_PX",
    "bar_heights_px",
    "bar_widths_px",
    "bars",
    "cut_labels",
    "percents",
    "sent_scale",
    "smallest_sent_pt",
    "texts",
    "visible_texts",
]

# "62,0 %", "62.0%", "+12,5 %", "1 250,0 %" (no-break spaces inside a number)
_PERCENT = re.compile(r"([-+−]?\d[\d\u00a0\u202f ]*(?:[.,]\d+)?)\s?%")


def _laid_out(figure: Figure) -> Figure:
    figure.draw_without_rendering()
    return figure


def visible_texts(figure: Figure) -> list[Text]:
    """Every drawn, non-empty text: titles, labels, tick labels, legends (an artist under
    a hidden parent, such as the tick labels of a hidden axis, is not drawn)."""
    _laid_out(figure)
    found: list[Text] = []

    def walk(artist) -> None:
        if not artist.get_visible():
            return
        if isinstance(artist, Text) and artist.get_text().strip():
            found.append(artist)
        for child in artist.get_children():
            walk(child)

    walk(figure)
    return found


def texts(figure: Figure) -> list[str]:
    return [text.get_text() for text in visible_texts(figure)]


def sent_scale(figure: Figure) -> float:
    """How much Telegram shrinks the photo: its largest stored size has its longer side at
    most :data:`SENT_MAX_SIDE_PX`."""
    width, height = figure.get_size_inches() * figure.dpi
    return min(1.0, SENT_MAX_SIDE_PX / max(width, height))


def smallest_sent_pt(figure: Figure) -> float:
    """The smallest font on the chart, in points, at the size Telegram keeps (the chart is
    drawn at ``figure.dpi``; a shrunk photo shrinks its letters with it)."""
    return min(text.get_fontsize() for text in visible_texts(figure)) * sent_scale(figure)


def percents(figure: Figure) -> list[float]:
    """Every percent printed on the chart, as a number (``"62,0 %"`` -> 62.0)."""
    found = []
    for text in texts(figure):
        for match in _PERCENT.finditer(text):
            number = re.sub(r"[\s\u00a0\u202f]", "", match.group(1)).replace(",", ".")
            found.append(float(number.replace("−", "-")))
    return found


def cut_labels(figure: Figure) -> list[str]:
    """Texts shortened with an ellipsis (a label that did not fit was cut)."""
    return [text for text in texts(figure) if "…" in text or "..." in text]


def bars(figure: Figure, gid: str | None = None) -> list[Rectangle]:
    """Bar patches (with ``gid`` when given) of every axes, and of the figure itself (a
    chart laid out in inches draws its bars on the figure, without an axes)."""
    found = []
    for patches in (*(axes.patches for axes in figure.axes), figure.patches):
        for patch in patches:
            if isinstance(patch, Rectangle) and (gid is None or patch.get_gid() == gid):
                found.append(patch)
    return found


def bar_widths_px(patches: Iterable[Rectangle]) -> list[float]:
    """Each bar's drawn width in pixels of the PNG (at the figure's dpi)."""
    # a patch's transform maps its own unit square to the display (its x, y, width and
    # height are already in it), so the drawn extent is read from the patch itself
    return [patch.get_window_extent().width for patch in patches]


def bar_heights_px(patches: Iterable[Rectangle]) -> list[float]:
    """Each (vertical) bar's drawn height in pixels of the PNG (at the figure's dpi)."""
    return [patch.get_window_extent().height for patch in patches]
