"""Each rep against the plan: every planned metric as a share of its goal, on one axis.

A head of sales reads it on a phone in the evening: one block per rep (the name, never
cut), one bar per planned metric. Every bar is the fact as a share of the goal on the
same linear axis, 0 to :data:`SHARE_MAX` (150 %, labelled, with a grid at 50, 100 and
150 %), so 5 of 3 meetings and 106 000 ₽ of 90 000 ₽ are compared by the same ruler; the
plan is a band from the lower bound to the goal with a tick at the goal (100 %); the
bar's colour is its status. The metric's name and the absolute "fact / lower–goal" are
printed above the bar; a fact beyond the axis runs to its edge with an arrow, and its
true share is printed after the numbers ("21 / 3 · 700,0 %"). The other shares are not
printed: the bar against the grid shows them, and fewer numbers read faster.

Sizes (at :data:`~views.charts.base.DPI` = 200): 6.4 in (1280 px) wide; each page at
most :data:`~views.charts.base.SENT_MAX_SIDE_PX` tall, so Telegram keeps it at full
size. A team whose reps do not fit on one page gets several pages ("1/3", "2/3"...),
balanced, all of the same height, each a complete chart with the title and the legend.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.patches import Polygon, Rectangle

from views.charts import base
from views.charts.base import (
    _TEXT,
    BASE_PT,
    DASH,
    DPI,
    FONT_FAMILY,
    MARGIN_BOTTOM_IN,
    MARGIN_X_IN,
    MARKER_COLOUR,
    MUTED_COLOUR,
    PLAN_FACT_WIDTH_IN,
    SENT_MAX_SIDE_PX,
    SMALL_PT,
    STATUS_COLOURS,
    TEXT_COLOUR,
    TITLE_PT,
    VALUE_PT,
    _add_axes,
    _clean,
    _draw_header,
    _finite,
    _line_in,
    _max_chars,
    _n_lines,
    _new_figure,
    capitalized,
)
from views.charts.blocks import uncut_header
from views.formatting import format_count, format_percent, format_value

#: The axis of every bar: 0 to 150 % of the goal.
SHARE_MAX = 1.5
#: A bar whose fact is above zero is never narrower than this (pixels of the sent photo).
MIN_BAR_PX = 12.0
_GRID = (0.5, 1.0, SHARE_MAX)  # labelled shares, with a grid line through every track
#: The plan band (lower bound to goal) behind the bars.
BAND_COLOUR = "#D5DEE8"
GRID_COLOUR = "#D0D5DD"
SEPARATOR_COLOUR = "#C9CED6"
BAR_STATUSES = ("behind", "on_track", "done")

_WIDTH_IN = PLAN_FACT_WIDTH_IN
_RIGHT_IN = 0.3  # right of the axis: the beyond arrow, half of the "150 %" label
_ARROW_IN = 0.16  # the beyond arrow's length
_NAME_PT = VALUE_PT  # the rep's name, bold
_REP_TOP_IN = 0.12  # above a rep's name (the separator sits in it)
_NAME_GAP_IN = 0.04
_LABEL_GAP_IN = 0.0  # between a bar's text and its track
_TRACK_IN = 0.22  # a bar's track: the plan band's height; the tick spans it
_BAR_IN = 0.15
_BAR_GAP_IN = 0.06  # below a track
_VALUE_GAP_IN = 0.25  # at least this between a metric's name and its value on one line
_SCALE_IN = _line_in(SMALL_PT) + 0.06  # the axis's labels above the first rep
_TITLE_GAP_IN = 0.15
_KEYS_GAP_IN = 0.15  # below the legend


@dataclass(frozen=True)
class PlanFactBar:
    """One planned metric of a rep: ``fact`` against ``lower``..``goal`` (the plan of the
    period so far), written as ``kind`` says (:data:`metrics.registry.KINDS`: ``count``,
    ``money``...); ``status`` is behind, on_track or done."""

    label: str
    kind: str
    fact: float
    lower: float
    goal: float
    status: str

    @property
    def share(self) -> float | None:
        """The fact as a share of the goal; None when the goal is 0."""
        fact, goal = max(0.0, _finite(self.fact) or 0.0), _finite(self.goal) or 0.0
        return fact / goal if goal > 0 else None

    @property
    def beyond(self) -> bool:
        """A fact past the axis's end (or above a goal of 0): drawn to the edge, marked."""
        share = self.share
        return (_finite(self.fact) or 0.0) > 0 and (share is None or share > SHARE_MAX)


@dataclass(frozen=True)
class PlanFactRep:
    """A rep's block: a bar per planned metric, or a ``note`` instead ("day off", "no
    plan"); ``off``: a day off (grey, not blamed)."""

    name: str
    bars: tuple[PlanFactBar, ...] = ()
    note: str = ""
    off: bool = False


@dataclass(frozen=True)
class PlanFactLegend:
    """The legend's labels, translated: the three statuses, the plan band, the goal tick,
    a day off, and the arrow of a fact beyond the axis (shown only when there is one)."""

    behind: str
    on_track: str
    done: str
    band: str
    goal: str
    off: str
    beyond: str


# --- layout ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _BarText:
    label: str  # the metric's name, wrapped
    value: str  # "fact / lower–goal"
    together: bool  # name and value on one line (else the value has its own line)

    @property
    def lines(self) -> int:
        return _n_lines(self.label) + (0 if self.together else _n_lines(self.value))


@dataclass(frozen=True)
class _Block:
    rep: PlanFactRep
    name: str  # wrapped
    bars: tuple[_BarText, ...]
    note: str  # wrapped

    @property
    def height_in(self) -> float:
        height = _REP_TOP_IN + _n_lines(self.name) * _line_in(_NAME_PT) + _NAME_GAP_IN
        if not self.bars:
            return height + _n_lines(self.note) * _line_in(BASE_PT) + _BAR_GAP_IN
        for text in self.bars:
            height += text.lines * _line_in(BASE_PT) + _LABEL_GAP_IN + _TRACK_IN + _BAR_GAP_IN
        return height


def _usable_in() -> float:
    return PLAN_FACT_WIDTH_IN - 2 * MARGIN_X_IN


def _axis_in() -> float:
    """The length of the 0..150 % axis."""
    return _usable_in() - _RIGHT_IN


def _wrapped(text: str, limit: int) -> str:
    """Wrapped to ``limit`` characters a line; never cut (a word longer than a line is
    broken, not shortened)."""
    lines: list[str] = []
    for paragraph in _clean(text).splitlines():
        lines.extend(textwrap.wrap(paragraph, limit) or [""])
    return "\n".join(lines)


def _amount(value: float, kind: str, language: str, currency: str) -> str:
    return format_value(value, kind, language, currency=currency)


def _range(lower: str, goal: str) -> str:
    """``"80–100"``; two amounts with the same currency sign write it once, where the
    formatter puts it: ``"60 000–90 000 ₽"``, ``"$60,000–90,000"``, ``"RUB 60,000–90,000"``."""
    prefix = re.match(r"\D*", lower)
    suffix = re.search(r"\D*$", lower)
    assert prefix is not None and suffix is not None  # both match the empty string
    if prefix.group() and goal.startswith(prefix.group()):
        return f"{lower}–{goal[prefix.end() :]}"
    if suffix.group() and goal.endswith(suffix.group()):
        return f"{lower[: suffix.start()]}–{goal}"
    return f"{lower}–{goal}"


def fact_and_plan(bar: PlanFactBar, language: str, currency: str) -> str:
    """``"4 / 3"``, ``"85 / 80–100"``, ``"106 000 ₽ / 60 000–90 000 ₽"``; a fact beyond
    the axis adds its share: ``"21 / 3 · 700,0 %"``."""
    fact = _amount(bar.fact, bar.kind, language, currency)
    lower = _amount(bar.lower, bar.kind, language, currency)
    goal = _amount(bar.goal, bar.kind, language, currency)
    text = f"{fact} / {goal if lower == goal else _range(lower, goal)}"
    share = bar.share
    return f"{text} · {format_percent(share, language)}" if bar.beyond and share else text


@cache
def _advance_em(char: str, bold: bool) -> float:
    """How far ``char`` moves the pen, in ems of DejaVu Sans (cached per character)."""
    weight = "bold" if bold else "normal"
    font = get_font(findfont(FontProperties(family=FONT_FAMILY, weight=weight)))
    font.set_size(72, 72)  # one em = 72 px
    glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
    return glyph.linearHoriAdvance / 65536 / 72


def _width_in(text: str, points: float, *, bold: bool = False) -> float:
    """The drawn width of one line of ``text`` (hinting draws about 3 % wider)."""
    return 1.03 * points / 72 * sum(_advance_em(char, bold) for char in text)


def _bar_text(bar: PlanFactBar, language: str, currency: str) -> _BarText:
    """The metric's name left and "fact / plan" right on one line when both fit (measured
    with the font), else the name (wrapped) and the value on a line of its own."""
    label, value = _clean(capitalized(bar.label)), fact_and_plan(bar, language, currency)
    room = _usable_in() - _VALUE_GAP_IN
    if _width_in(label, BASE_PT) + _width_in(value, BASE_PT, bold=True) <= room:
        return _BarText(label, value, together=True)
    limit = _max_chars(_usable_in(), BASE_PT, bold=True)
    return _BarText(_wrapped(label, limit), _wrapped(value, limit), together=False)


def _block(rep: PlanFactRep, language: str, currency: str) -> _Block:
    limit = _max_chars(_usable_in(), _NAME_PT, bold=True)
    return _Block(
        rep,
        _wrapped(rep.name, limit) or DASH,
        tuple(_bar_text(bar, language, currency) for bar in rep.bars),
        _wrapped(rep.note, _max_chars(_usable_in() - 0.3, BASE_PT)),
    )


def _most_blocks_in() -> float:
    """The most a page can hold below the tallest header and legend this chart draws."""
    title = 3 * _line_in(base.TITLE_PT) + 2 * _line_in(BASE_PT) + 0.3  # header, wrapped
    keys = 4 * 2 * _line_in(BASE_PT) + 3 * _KEY_GAP_IN  # four entries of two lines
    chrome = title + _TITLE_GAP_IN + keys + _KEYS_GAP_IN + _SCALE_IN + MARGIN_BOTTOM_IN
    return SENT_MAX_SIDE_PX / DPI - chrome


def _fitting(block: _Block, language: str, currency: str) -> list[_Block]:
    """The block, or, for a rep with more bars than a page holds, several blocks of the
    rep's bars under their name (each fits a page: no page is ever taller than Telegram
    keeps)."""
    if block.height_in <= _most_blocks_in() or len(block.rep.bars) <= 1:
        return [block]
    parts: list[_Block] = []
    bars: list[PlanFactBar] = []
    for bar in block.rep.bars:
        trial = _block(PlanFactRep(block.rep.name, (*bars, bar)), language, currency)
        if bars and trial.height_in > _most_blocks_in():
            parts.append(_block(PlanFactRep(block.rep.name, tuple(bars)), language, currency))
            bars = []
        bars.append(bar)
    parts.append(_block(PlanFactRep(block.rep.name, tuple(bars)), language, currency))
    return parts


def _pages(heights: Sequence[float], capacity: float) -> list[list[int]]:
    """The blocks split into as few pages as fit ``capacity`` each, balanced: the tallest
    page as short as it can be with that many pages (blocks keep their order)."""

    def pack(limit: float) -> list[list[int]]:
        pages: list[list[int]] = [[]]
        used = 0.0
        for index, height in enumerate(heights):
            if pages[-1] and used + height > limit:
                pages.append([])
                used = 0.0
            pages[-1].append(index)
            used += height
        return pages

    fewest = len(pack(capacity))
    low, high = 0.0, capacity
    for _ in range(40):  # the shortest page height that still needs no more pages
        middle = (low + high) / 2
        if len(pack(middle)) <= fewest:
            high = middle
        else:
            low = middle
    return pack(high) if heights else [[]]


@dataclass(frozen=True)
class _Key:
    """One legend entry: a swatch colour, or a mark (``goal``: the tick, ``beyond``: the
    arrow); the label wrapped to its column."""

    label: str
    colour: str = ""
    mark: str = ""


@dataclass(frozen=True)
class _Keys:
    columns: tuple[tuple[_Key, ...], ...]
    height_in: float


_KEY_COLUMN_IN = _usable_in() / 2
_KEY_HANDLE_IN = 0.42  # the swatch and the gap after it
_KEY_GAP_IN = 0.05  # between entries


def _keys(labels: PlanFactLegend, beyond: bool) -> _Keys:
    """The legend: the statuses in the first column, the plan's marks in the second.

    Drawn as plain patches and texts (matplotlib's Legend costs more than the rest of
    the chart); labels wrap, never cut."""
    limit = _max_chars(_KEY_COLUMN_IN - _KEY_HANDLE_IN - 0.1, BASE_PT)
    statuses = [
        _Key(labels.behind, colour=STATUS_COLOURS["behind"]),
        _Key(labels.on_track, colour=STATUS_COLOURS["on_track"]),
        _Key(labels.done, colour=STATUS_COLOURS["done"]),
    ]
    marks = [
        _Key(labels.band, colour=BAND_COLOUR),
        _Key(labels.goal, mark="goal"),
        _Key(labels.off, colour=STATUS_COLOURS["off"]),
    ]
    if beyond:
        marks.append(_Key(labels.beyond, mark="beyond"))
    columns = tuple(
        tuple(
            _Key(_wrapped(key.label, limit), key.colour, key.mark)
            for key in column
            if _clean(key.label)
        )
        for column in (statuses, marks)
    )
    height = max(
        (
            sum(_n_lines(key.label) * _line_in(BASE_PT) for key in column)
            + _KEY_GAP_IN * (len(column) - 1)
            for column in columns
        ),
        default=0.0,
    )
    return _Keys(columns, height)


# --- drawing ---------------------------------------------------------------------------
# One axes covers the whole page; its data units are inches from the top-left corner.


class _Page:
    """What one page draws, gathered so that lines go out as one collection each."""

    def __init__(self, axes: Axes) -> None:
        self.axes = axes
        self.ticks: list[list[tuple[float, float]]] = []
        self.key_ticks: list[list[tuple[float, float]]] = []
        self.grid: list[list[tuple[float, float]]] = []
        self.rules: list[list[tuple[float, float]]] = []

    def text(self, x: float, y: float, text: str, **style: object) -> None:
        options: dict[str, object] = {
            "va": "top",
            "fontsize": BASE_PT,
            "color": TEXT_COLOUR,
            "linespacing": base.LINE_SPACING,
            **_TEXT,
        }
        options.update(style)
        self.axes.text(x, y, text, **options)

    def box(self, x: float, y: float, width: float, height: float, colour: str, gid: str) -> None:
        # add_artist, not add_patch: the limits are set, no autoscaling to update
        self.axes.add_artist(
            Rectangle((x, y), width, height, facecolor=colour, edgecolor="none", zorder=2, gid=gid)
        )

    def arrow(self, x: float, middle: float, half: float, colour: str, gid: str) -> None:
        self.axes.add_artist(
            Polygon(
                [(x, middle - half), (x + _ARROW_IN, middle), (x, middle + half)],
                closed=True,
                facecolor=colour,
                edgecolor="none",
                zorder=2,
                gid=gid,
            )
        )

    def finish(self) -> None:
        for segments, colour, width, zorder, gid in (
            (self.grid, GRID_COLOUR, 1.0, 0, "grid"),
            (self.rules, SEPARATOR_COLOUR, 1.0, 1, "separator"),
            (self.ticks, MARKER_COLOUR, 2.6, 3, "goal"),
            (self.key_ticks, MARKER_COLOUR, 2.6, 3, "legend"),
        ):
            if segments:
                self.axes.add_collection(
                    LineCollection(
                        segments, colors=colour, linewidths=width, zorder=zorder, gid=gid
                    ),
                    autolim=False,
                )


def _draw_keys(page: _Page, keys: _Keys, top: float) -> None:
    for column_index, column in enumerate(keys.columns):
        x = MARGIN_X_IN + column_index * _KEY_COLUMN_IN
        y = top
        for key in column:
            middle = y + _line_in(BASE_PT) / 2 - 0.01
            if key.mark == "goal":
                page.key_ticks.append([(x + 0.13, middle - 0.12), (x + 0.13, middle + 0.12)])
            elif key.mark == "beyond":
                page.arrow(x + 0.05, middle, 0.09, MARKER_COLOUR, "legend")
            else:
                page.box(x, middle - 0.085, 0.27, 0.17, key.colour, "legend")
            page.text(x + _KEY_HANDLE_IN, y, key.label, gid="legend")
            y += _n_lines(key.label) * _line_in(BASE_PT) + _KEY_GAP_IN


def _draw_scale(page: _Page, language: str, top: float) -> None:
    """The axis's labels above the first block (the grid runs through every track)."""
    axis = _axis_in()
    for share in (0.0, *_GRID):
        x = MARGIN_X_IN + axis * share / SHARE_MAX
        label = format_count(0, language) if share == 0 else format_percent(share, language)
        page.text(
            x,
            top,
            label,
            ha="left" if share == 0 else "center",
            fontsize=SMALL_PT,
            color=MUTED_COLOUR,
            gid="scale",
        )


def _draw_bar(page: _Page, bar: PlanFactBar, top: float) -> None:
    """The plan band, the bar and the goal tick, on a track from ``top``."""
    axis, left = _axis_in(), MARGIN_X_IN
    middle = top + _TRACK_IN / 2
    # the grid through the track only: it never runs into a name or a number
    for share in _GRID:
        x = left + axis * share / SHARE_MAX
        page.grid.append([(x, top - 0.03), (x, top + _TRACK_IN + 0.03)])
    goal = _finite(bar.goal) or 0.0
    if goal > 0:
        lower = min(1.0, max(0.0, (_finite(bar.lower) or 0.0) / goal))
        start = left + axis * lower / SHARE_MAX
        page.box(start, top, left + axis / SHARE_MAX - start, _TRACK_IN, BAND_COLOUR, "band")
        x = left + axis / SHARE_MAX
        page.ticks.append([(x, top - 0.03), (x, top + _TRACK_IN + 0.03)])
    if (_finite(bar.fact) or 0.0) > 0:
        share = bar.share or 0.0
        length = axis if bar.beyond else max(axis * share / SHARE_MAX, MIN_BAR_PX / DPI)
        colour = STATUS_COLOURS[bar.status]
        page.box(left, middle - _BAR_IN / 2, length, _BAR_IN, colour, "fact")
        if bar.beyond:
            page.arrow(left + axis, middle, _BAR_IN / 2 + 0.05, colour, "beyond")


def _draw_block(page: _Page, block: _Block, top: float, first: bool) -> None:
    left, right = MARGIN_X_IN, MARGIN_X_IN + _usable_in()
    if not first:
        page.rules.append([(left, top + _REP_TOP_IN / 2), (right, top + _REP_TOP_IN / 2)])
    y = top + _REP_TOP_IN
    page.text(
        left,
        y,
        block.name,
        fontsize=_NAME_PT,
        fontweight="bold",
        color=MUTED_COLOUR if block.rep.off else TEXT_COLOUR,
        gid="name",
    )
    y += _n_lines(block.name) * _line_in(_NAME_PT) + _NAME_GAP_IN
    if not block.bars:
        x = left
        if block.rep.off:  # the grey of the legend's "day off"
            page.box(x, y + _line_in(BASE_PT) / 2 - 0.095, 0.27, 0.17, STATUS_COLOURS["off"], "off")
            x += _KEY_HANDLE_IN
        page.text(x, y, block.note, color=MUTED_COLOUR, gid="note")
        return
    for bar, text in zip(block.rep.bars, block.bars, strict=True):
        page.text(left, y, text.label, gid="label")
        value_y = y if text.together else y + _n_lines(text.label) * _line_in(BASE_PT)
        page.text(right, value_y, text.value, ha="right", fontweight="bold", gid="value")
        y += text.lines * _line_in(BASE_PT) + _LABEL_GAP_IN
        _draw_bar(page, bar, y)
        y += _TRACK_IN + _BAR_GAP_IN


def _page_subtitle(subtitle: str, page: int, pages: int, language: str) -> str:
    if pages <= 1:
        return subtitle
    mark = f"{format_count(page, language)}/{format_count(pages, language)}"
    return f"{subtitle} · {mark}" if _clean(subtitle) else mark


@dataclass(frozen=True)
class _Layout:
    """Where everything goes, the same on every page (in inches from the top)."""

    language: str
    title: str
    subtitle: str
    blocks: tuple[_Block, ...]
    keys: _Keys
    pages: tuple[tuple[int, ...], ...]  # the blocks on each page
    keys_top: float
    scale_top: float
    body_top: float
    body_in: float  # the tallest page's blocks


def _layout(
    reps: Sequence[PlanFactRep],
    language: str,
    title: str,
    subtitle: str,
    legend: PlanFactLegend,
    currency: str,
) -> _Layout:
    for rep in reps:
        for bar in rep.bars:
            if bar.status not in BAR_STATUSES:
                raise ValueError(f"unknown plan status {bar.status!r}")
    blocks = tuple(
        part
        for rep in reps
        for part in _fitting(_block(rep, language, currency), language, currency)
    )
    keys = _keys(legend, any(bar.beyond for rep in reps for bar in rep.bars))
    heights = [block.height_in for block in blocks]
    for marks in (1, 88):  # one page without a page mark; else room for "88/88"
        header = uncut_header(title, _page_subtitle(subtitle, marks, marks, language), _WIDTH_IN)
        keys_top = header.height_in + _TITLE_GAP_IN
        scale_top = keys_top + keys.height_in + _KEYS_GAP_IN
        body_top = scale_top + _SCALE_IN
        capacity = SENT_MAX_SIDE_PX / DPI - body_top - MARGIN_BOTTOM_IN
        if sum(heights) <= capacity:
            break
    pages = _pages(heights, capacity)
    return _Layout(
        language,
        title,
        subtitle,
        blocks,
        keys,
        tuple(tuple(page) for page in pages),
        keys_top,
        scale_top,
        body_top,
        max(sum(heights[i] for i in page) for page in pages),
    )


def _page_figure(layout: _Layout, number: int) -> Figure:
    """Page ``number`` (from 1) of the layout, drawn."""
    indices = layout.pages[number - 1]
    subtitle = _page_subtitle(layout.subtitle, number, len(layout.pages), layout.language)
    figure = _new_figure(_WIDTH_IN, layout.body_top + layout.body_in + MARGIN_BOTTOM_IN)
    _draw_header(figure, uncut_header(layout.title, subtitle, _WIDTH_IN))
    height = float(figure.get_size_inches()[1])
    axes = _add_axes(figure, 0, 0, _WIDTH_IN, height)
    axes.set_axis_off()
    axes.set_xlim(0, _WIDTH_IN)
    axes.set_ylim(height, 0)  # inches from the top-left corner
    page = _Page(axes)
    _draw_keys(page, layout.keys, layout.keys_top)
    if indices:
        _draw_scale(page, layout.language, layout.scale_top)
        y = layout.body_top
        for index in indices:
            block = layout.blocks[index]
            _draw_block(page, block, y, first=y == layout.body_top)
            y += block.height_in
    else:
        page.text(
            _WIDTH_IN / 2,
            layout.body_top,
            DASH,
            ha="center",
            fontsize=TITLE_PT * 2,
            color=MUTED_COLOUR,
        )
    page.finish()
    return figure


def plan_fact_figures(
    reps: Sequence[PlanFactRep],
    *,
    language: str,
    title: str,
    subtitle: str = "",
    legend: PlanFactLegend,
    currency: str = "RUB",
) -> list[Figure]:
    """The plan-vs-fact pages: one block per rep, in the given order (see the module
    docstring). No reps: one page with a dash."""
    layout = _layout(reps, language, title, subtitle, legend, currency)
    return [_page_figure(layout, number) for number in range(1, len(layout.pages) + 1)]


def plan_fact_charts(
    reps: Sequence[PlanFactRep],
    *,
    language: str,
    title: str,
    subtitle: str = "",
    legend: PlanFactLegend,
    currency: str = "RUB",
) -> list[bytes]:
    """PNG bytes of each page of :func:`plan_fact_figures`, drawn one page at a time (a
    page is let go before the next is built: 40 reps never hold 10 figures at once)."""
    layout = _layout(reps, language, title, subtitle, legend, currency)
    return [
        base.render_png(_page_figure(layout, number)) for number in range(1, len(layout.pages) + 1)
    ]


__all__ = [
    "BAND_COLOUR",
    "MIN_BAR_PX",
    "SHARE_MAX",
    "PlanFactBar",
    "PlanFactLegend",
    "PlanFactRep",
    "plan_fact_charts",
    "plan_fact_figures",
]
