"""Weeks side by side: one panel per metric, the plan band behind the bars."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.textpath import text_to_path
from matplotlib.ticker import MaxNLocator

from metrics.registry import metric
from views.charts import base
from views.charts.base import (
    _TEXT,
    BASE_PT,
    MARGIN_BOTTOM_IN,
    MARGIN_X_IN,
    MARKER_COLOUR,
    MUTED_COLOUR,
    PALETTE,
    SENT_MAX_SIDE_PX,
    SMALL_PT,
    STATUS_COLOURS,
    TEXT_COLOUR,
    _add_axes,
    _draw_header,
    _finite,
    _line_in,
    _n_lines,
    _new_figure,
    _text_width_in,
    png_of,
)
from views.charts.blocks import uncut, uncut_header
from views.formatting import DASH, format_compact, format_day_month, format_value

TREND_WIDTH_IN = 6.4  # 1280 px
#: The bars' height per panel, by how many panels there are (taller when fewer).
TREND_AXES_IN = {1: 2.8, 2: 2.4, 3: 2.1}
MAX_PANELS = 3
MIN_AXES_IN = 1.2  # headings so long they leave less: the chart grows past the limit instead
BAR_WIDTH = 0.62  # of a week's slot
BAND_WIDTH = 0.94  # the plan band and the goal line span (almost) the whole slot

BAR_COLOUR = PALETTE["now"]
GRID_COLOUR = "#D8DCE2"
BAND_COLOUR = STATUS_COLOURS["done"]
BAND_ALPHA = 0.22
SO_FAR_ALPHA = 0.35
SO_FAR_HATCH = "///"

_HEADING_GAP_IN = 0.08  # between a panel's heading and its bars
_X_LABELS_IN = 0.4  # the week labels under the bars
_PANEL_GAP_IN = 0.3  # between one panel's week labels and the next heading
_VALUE_PAD_IN = 0.06  # between a bar's top and its printed value


@dataclass(frozen=True)
class TrendPanel:
    """One metric over the weeks (oldest first): ``values`` (None: undefined, shown "—"),
    the plan band ``lowers``..``goals`` (None: no plan that week). ``key`` is the metric:
    its registry kind says how its numbers are written. ``label`` heads the panel,
    ``note`` (muted, optional) says how it was counted."""

    key: str
    label: str
    values: Sequence[float | None]
    lowers: Sequence[float | None]
    goals: Sequence[float | None]
    note: str = ""


@dataclass(frozen=True)
class TrendLegend:
    """The legend's words: a full week's bar, the current week's bar (so far), the plan
    band (lower bound to goal) and the goal line."""

    week: str
    so_far: str
    band: str
    goal: str


def _band_handle() -> Patch:
    return Patch(facecolor=BAND_COLOUR, alpha=BAND_ALPHA, edgecolor=BAND_COLOUR, linewidth=1)


def _so_far_handle() -> Patch:
    return Patch(
        facecolor=BAR_COLOUR,
        alpha=SO_FAR_ALPHA,
        hatch=SO_FAR_HATCH,
        edgecolor=BAR_COLOUR,
        linewidth=1,
    )


_KEY_HANDLE_IN = (0.34, 0.2)  # a legend handle's width and height
_KEY_GAP_IN = 0.12  # between a handle and its label
_KEY_SPACING_IN = 0.08  # between two entries of a column


_Key = tuple[tuple[tuple[str, Patch | Line2D], ...], ...]  # columns of (label, mark)


def _key(columns: Sequence[Sequence[tuple[str, Patch | Line2D]]], width_in: float) -> _Key:
    """The legend's columns (the empty ones left out), each label wrapped to its column
    to as many lines as it needs (never cut)."""
    columns = [column for column in columns if column]
    if not columns:
        return ()
    column_in = (width_in - 2 * MARGIN_X_IN) / len(columns)
    text_in = column_in - _KEY_HANDLE_IN[0] - _KEY_GAP_IN - 0.1
    return tuple(tuple((uncut(label, text_in), mark) for label, mark in c) for c in columns)


def _key_height(legend: _Key) -> float:
    """How tall the legend's tallest column is."""
    line_in = _line_in(BASE_PT)
    return max(
        (
            sum(_n_lines(label) * line_in for label, _ in column)
            + _KEY_SPACING_IN * (len(column) - 1)
            for column in legend
        ),
        default=0.0,
    )


def _draw_key(figure: Figure, legend: _Key, *, top_in: float) -> None:
    """The legend, columns side by side, drawn as plain patches, lines and texts (a
    matplotlib legend costs more to lay out than the rest of this chart)."""
    width_in, height_in = figure.get_size_inches()
    if not legend:
        return
    column_in = (width_in - 2 * MARGIN_X_IN) / len(legend)
    line_in = _line_in(BASE_PT)
    handle_w, handle_h = _KEY_HANDLE_IN
    for j, column in enumerate(legend):
        left = MARGIN_X_IN + j * column_in
        top = top_in
        for label, handle in column:
            centre = top + line_in / 2  # the handle sits by the label's first line
            if isinstance(handle, Line2D):
                artist = Line2D(
                    [left / width_in, (left + handle_w) / width_in],
                    [1 - centre / height_in] * 2,
                    transform=figure.transFigure,
                    color=handle.get_color(),
                    linewidth=handle.get_linewidth(),
                )
            else:
                artist = Rectangle(
                    (left / width_in, 1 - (centre + handle_h / 2) / height_in),
                    handle_w / width_in,
                    handle_h / height_in,
                    transform=figure.transFigure,
                    facecolor=handle.get_facecolor(),
                    edgecolor=handle.get_edgecolor(),
                    hatch=handle.get_hatch(),
                    linewidth=handle.get_linewidth(),
                )
            artist.set_gid("legend_handle")
            figure.add_artist(artist)
            figure.text(
                (left + handle_w + _KEY_GAP_IN) / width_in,
                1 - top / height_in,
                label,
                ha="left",
                va="top",
                fontsize=BASE_PT,
                color=TEXT_COLOUR,
                linespacing=base.LINE_SPACING,
                gid="legend",
                **_TEXT,
            )
            top += _n_lines(label) * line_in + _KEY_SPACING_IN


def _week_labels_step(labels: Sequence[str], slot_in: float) -> int:
    """Label every n-th week so no two labels touch (one label is at most this wide)."""
    widest = max((_text_width_in(label, BASE_PT) for label in labels), default=0.0)
    return max(1, math.ceil((widest + 0.25) / slot_in))


def trend_figure(
    panels: Sequence[TrendPanel],
    weeks: Sequence[date],
    *,
    so_far: bool,
    language: str,
    currency: str = "RUB",
    title: str,
    subtitle: str = "",
    legend: TrendLegend,
) -> Figure:
    """One panel per metric (1 to :data:`MAX_PANELS`), the weeks left to right.

    ``weeks``: each week's Monday, oldest first (a label under every week that fits,
    counted back from the last: ``7 дек.`` / ``Dec 7``). Each week is a bar from 0 on a
    linear y axis from 0 (gridlines labelled by the formatter in the metric's kind;
    money compact, with ``currency``: ``600 тыс. ₽`` / ``RUB 600K``); with ``so_far`` the
    last week is the current one, drawn lighter and hatched. The plan band (lower
    bound .. goal) is shaded behind each week that has one and the goal drawn as a line
    across it. The last full week's value and the current week's are printed by their
    own bars (money compact, its sign on the axis: ``459 тыс.`` / ``459K``), clear of the
    bars, the goal lines, each other and the picture's edge. The legend shows only what
    is drawn. Size: 6.4 in (1280 px) wide, at most :data:`SENT_MAX_SIDE_PX` tall.
    """
    if not 1 <= len(panels) <= MAX_PANELS:
        raise ValueError(f"a trend chart has 1 to {MAX_PANELS} panels, not {len(panels)}")
    n = len(weeks)
    for panel in panels:
        if not len(panel.values) == len(panel.lowers) == len(panel.goals) == n:
            raise ValueError(f"{panel.key}: one value, lower bound and goal per week")
    width_in = TREND_WIDTH_IN
    usable = width_in - 2 * MARGIN_X_IN
    header = uncut_header(title, subtitle, width_in)
    bars_column = [(legend.week, Patch(facecolor=BAR_COLOUR))]
    if so_far:
        bars_column.append((legend.so_far, _so_far_handle()))
    plan_column = []
    bounds = [
        (_finite(lower), _finite(goal))
        for panel in panels
        for lower, goal in zip(panel.lowers, panel.goals, strict=True)
    ]
    if any(lower is not None and goal is not None and goal > lower for lower, goal in bounds):
        plan_column.append((legend.band, _band_handle()))
    if any(goal is not None for _, goal in bounds):
        plan_column.append((legend.goal, Line2D([], [], color=MARKER_COLOUR, linewidth=2.2)))
    legend_layout = _key([bars_column, plan_column], width_in)
    legend_in = _key_height(legend_layout)

    headings = [uncut(panel.label, usable, BASE_PT, bold=True) for panel in panels]
    notes = [uncut(panel.note, usable, SMALL_PT) for panel in panels]
    heading_in = [
        _n_lines(heading) * _line_in(BASE_PT) + _n_lines(note) * _line_in(SMALL_PT)
        for heading, note in zip(headings, notes, strict=True)
    ]
    body_top = header.height_in + 0.2 + legend_in + 0.3
    fixed_in = body_top + MARGIN_BOTTOM_IN
    fixed_in += sum(h + _HEADING_GAP_IN + _X_LABELS_IN for h in heading_in)
    fixed_in += _PANEL_GAP_IN * (len(panels) - 1)
    room = (SENT_MAX_SIDE_PX / base.DPI - fixed_in) / len(panels)
    axes_in = max(MIN_AXES_IN, min(TREND_AXES_IN[len(panels)], room))
    figure = _new_figure(width_in, fixed_in + axes_in * len(panels))
    _draw_header(figure, header)
    _draw_key(figure, legend_layout, top_in=header.height_in + 0.2)

    # one y-label column for every panel, so the weeks line up from panel to panel
    ticks = [_y_ticks(panel) for panel in panels]
    tick_texts = [
        [_tick_text(tick, metric(panel.key).kind, language, currency) for tick in found]
        for panel, found in zip(panels, ticks, strict=True)
    ]
    label_in = max(_width_in(t) for texts in tick_texts for t in texts) + 0.15
    plot_in = usable - label_in
    week_texts = [format_day_month(week, language) for week in weeks]
    step = _week_labels_step(week_texts, plot_in / max(1, n))

    top = body_top
    for panel, heading, note, h_in, found, texts in zip(
        panels, headings, notes, heading_in, ticks, tick_texts, strict=True
    ):
        figure.text(
            MARGIN_X_IN / width_in,
            1 - top / figure.get_figheight(),
            heading,
            ha="left",
            va="top",
            fontsize=BASE_PT,
            fontweight="bold",
            color=TEXT_COLOUR,
            linespacing=base.LINE_SPACING,
            gid="panel_heading",
            **_TEXT,
        )
        if note:
            figure.text(
                MARGIN_X_IN / width_in,
                1 - (top + _n_lines(heading) * _line_in(BASE_PT)) / figure.get_figheight(),
                note,
                ha="left",
                va="top",
                fontsize=SMALL_PT,
                color=MUTED_COLOUR,
                linespacing=base.LINE_SPACING,
                gid="panel_note",
                **_TEXT,
            )
        axes_top = top + h_in + _HEADING_GAP_IN
        axes = _add_axes(figure, MARGIN_X_IN + label_in, axes_top, plot_in, axes_in)
        axes.set_gid(f"panel:{panel.key}")
        _draw_panel(
            axes,
            panel,
            found,
            texts,
            week_texts,
            step,
            so_far=so_far,
            language=language,
            currency=currency,
            axes_in=axes_in,
            plot_in=plot_in,
        )
        top = axes_top + axes_in + _X_LABELS_IN + _PANEL_GAP_IN
    return figure


def _y_ticks(panel: TrendPanel) -> list[float]:
    """Round gridline values from 0 to the first one at or above the panel's largest value,
    bound or goal (a share ends at 100 %)."""
    kind = metric(panel.key).kind
    found = [_finite(v) for v in (*panel.values, *panel.lowers, *panel.goals)]
    largest = max((v for v in found if v is not None), default=0.0)
    if largest <= 0:
        largest = 0.1 if kind == "ratio" else 1.0
    locator = MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10], integer=kind in ("count", "money"))
    ticks: list[float] = []
    for tick in locator.tick_values(0, largest):
        if tick < 0 or (kind == "ratio" and tick > 1.0 + 1e-9):
            continue
        ticks.append(float(tick))
        if tick >= largest:
            break
    return ticks


def _draw_panel(
    axes: Axes,
    panel: TrendPanel,
    ticks: list[float],
    tick_texts: list[str],
    week_texts: list[str],
    step: int,
    *,
    so_far: bool,
    language: str,
    currency: str,
    axes_in: float,
    plot_in: float,
) -> None:
    """The bars, the plan band and goal, the gridlines and the labels of one panel.

    Drawn as plain lines and texts rather than matplotlib's tick machinery, and every
    series in one call: a dozen weeks of ticks and single bars cost more than the rest of
    the chart together.
    """
    n = len(week_texts)
    kind = metric(panel.key).kind
    values = [_finite(v) for v in panel.values]
    lowers = [_finite(v) for v in panel.lowers]
    goals = [_finite(v) for v in panel.goals]
    largest = max((v for v in (*values, *lowers, *goals) if v is not None), default=0.0)
    largest = max(largest, *ticks, 1e-9)

    # the printed values: the last full week's and the current week's, each above its
    # own bar (and above every bar and goal line it reaches over), as close to it as they
    # can sit without touching each other or leaving the picture
    last_full = n - 2 if so_far else n - 1
    printed = [i for i in (last_full, n - 1 if so_far else -1) if i >= 0]
    texts = {i: _value_text(values[i], kind, language, currency) for i in printed}
    line_in = _line_in(BASE_PT)
    slot_in = plot_in / max(1, n)
    top, spots = _place_values(
        [(i, _width_in(texts[i], bold=True)) for i in printed],
        [0.0 if v is None else max(0.0, v) for v in values],
        goals,
        largest,
        slot_in=slot_in,
        right_in=plot_in + MARGIN_X_IN * 0.7,
        axes_in=axes_in,
        line_in=line_in,
    )
    to_data = top / axes_in  # data units per inch, vertically
    x_per_in = n / plot_in  # data units per inch, horizontally
    axes.set_xlim(-0.5, n - 0.5)
    axes.set_ylim(0, top)
    axes.xaxis.set_visible(False)
    axes.yaxis.set_visible(False)
    for name, spine in axes.spines.items():
        spine.set_visible(name == "bottom")
    axes.spines["bottom"].set_color(MUTED_COLOUR)

    # gridlines, labelled on the left by the formatter
    axes.hlines(ticks, -0.5, n - 0.5, colors=GRID_COLOUR, linewidth=0.8, zorder=0, gid="grid")
    for tick, text in zip(ticks, tick_texts, strict=True):
        axes.text(
            -0.5 - 0.08 * x_per_in,
            tick,
            text,
            ha="right",
            va="center",
            fontsize=BASE_PT,
            color=MUTED_COLOUR,
            clip_on=False,
            gid="y_label",
            **_TEXT,
        )
    # a small mark under every week, a date under every ``step``-th, counted from the last
    axes.vlines(
        range(n), -0.05 * to_data, 0, colors=MUTED_COLOUR, linewidth=1, clip_on=False, gid="week"
    )
    for i in range(n - 1, -1, -step):
        # centred under its week; the last one ends at the picture's margin if it must
        width = _text_width_in(week_texts[i], BASE_PT)
        ends_in = plot_in + MARGIN_X_IN * 0.7
        centred = (i + 0.5) * slot_in + width / 2 <= ends_in
        axes.text(
            i if centred else -0.5 + ends_in * x_per_in,
            -0.1 * to_data,
            week_texts[i],
            ha="center" if centred else "right",
            va="top",
            fontsize=BASE_PT,
            color=TEXT_COLOUR,
            clip_on=False,
            gid="week_label",
            **_TEXT,
        )

    # the plan band and the goal, week by week (a week without a plan has none)
    band = [
        (i, lower, goal)
        for i, (lower, goal) in enumerate(zip(lowers, goals, strict=True))
        if goal is not None and lower is not None and goal > lower
    ]
    for i, lower, goal in band:
        _rect(axes, i, lower, goal - lower, BAND_WIDTH, "plan_band", BAND_COLOUR, alpha=BAND_ALPHA)
    planned = [(i, goal) for i, goal in enumerate(goals) if goal is not None]
    if planned:
        axes.hlines(
            [goal for _, goal in planned],
            [i - BAND_WIDTH / 2 for i, _ in planned],
            [i + BAND_WIDTH / 2 for i, _ in planned],
            colors=MARKER_COLOUR,
            linewidth=2.2,
            zorder=4,
            gid="goal",
        )

    # the weeks: full ones solid, the current one lighter and hatched
    current = n - 1 if so_far else None
    for i, value in enumerate(values):
        if value is None:
            continue
        if i == current:
            _rect(
                axes,
                i,
                0.0,
                max(0.0, value),
                BAR_WIDTH,
                "so_far",
                BAR_COLOUR,
                alpha=SO_FAR_ALPHA,
                hatch=SO_FAR_HATCH,
                edgecolor=BAR_COLOUR,
                linewidth=1,
            )
        else:
            _rect(axes, i, 0.0, max(0.0, value), BAR_WIDTH, "week", BAR_COLOUR)
    for i in (i for i, v in enumerate(values) if v is None and i not in spots):
        axes.text(
            i,
            0.04 * to_data,
            DASH,
            ha="center",
            va="bottom",
            fontsize=BASE_PT,
            color=MUTED_COLOUR,
            gid="undefined",
            **_TEXT,
        )

    for i in printed:  # the last full week's first
        spot = spots[i]
        axes.text(
            -0.5 + spot.anchor_in * x_per_in,
            spot.y(to_data),
            texts[i],
            ha=spot.ha,
            va="bottom",
            fontsize=BASE_PT,
            fontweight="bold",
            color=MUTED_COLOUR if i == current else TEXT_COLOUR,
            zorder=5,
            clip_on=False,
            gid="value",
            **_TEXT,
        )


def _value_text(value: float | None, kind: str, language: str, currency: str) -> str:
    """A week's printed value: money compact and without its sign (``459 тыс.`` /
    ``459K``: short enough to sit by its bar; the axis beside it names the currency and
    the caption has the exact sum), anything else as its kind is written everywhere."""
    if kind == "money":
        return format_compact(value, language, kind=kind, currency=currency, symbol=False)
    return format_value(value, kind, language, currency=currency)


def _tick_text(tick: float, kind: str, language: str, currency: str) -> str:
    """A gridline's label: money compact (``600 тыс. ₽``, ``RUB 1.25M``: round ticks need
    at most two decimals), anything else as its kind is written."""
    if kind == "money":
        return format_compact(tick, language, kind=kind, currency=currency, digits=2)
    return format_value(tick, kind, language, currency=currency)


@lru_cache(maxsize=512)
def _width_in(text: str, *, bold: bool = False) -> float:
    """How wide ``text`` is drawn at :data:`BASE_PT`, measured from the font (the printed
    values are placed against each other and the bars by it, the y labels' column is as
    wide as its widest label)."""
    font = _FONTS[bold]
    width, _, _ = text_to_path.get_text_width_height_descent(text, font, ismath=False)
    return width / 72


_FONTS = {
    bold: FontProperties(
        family=_TEXT["fontfamily"], weight="bold" if bold else "normal", size=BASE_PT
    )
    for bold in (False, True)
}
_VALUE_GAP_IN = 0.08  # between two printed values side by side


@dataclass(frozen=True)
class _Spot:
    """Where a printed value goes: ``left``..``right`` in inches from the plot's left edge,
    drawn from ``anchor_in`` with ``ha``; its bottom at ``base`` (data) + ``lift_in``."""

    left: float
    right: float
    ha: str
    base: float
    lift_in: float

    @property
    def anchor_in(self) -> float:
        return {"left": self.left, "right": self.right}.get(self.ha, (self.left + self.right) / 2)

    def y(self, to_data: float) -> float:
        return self.base + self.lift_in * to_data


def _place_values(
    printed: Sequence[tuple[int, float]],
    bars: Sequence[float],
    goals: Sequence[float | None],
    largest: float,
    *,
    slot_in: float,
    right_in: float,
    axes_in: float,
    line_in: float,
) -> tuple[float, dict[int, _Spot]]:
    """The y axis' top (data) and a :class:`_Spot` per printed value ``(week, width)``.

    Each value is centred on its bar, or starts at its bar's left edge, or ends at its
    right edge (never further than a bar width beyond the week's slot), within the plot
    and the picture's right margin; it sits above every bar it reaches over and never on
    a goal line. Two that would touch are stacked. Of the ways to place them, the one
    whose values sit closest to their own bars wins (the inches up from the bar's top
    plus the inches aside from its centre; the current week's on top, where it is a
    tie). The top leaves room above the highest value.
    """
    n = len(bars)

    def spans(week: int, width: float) -> list[tuple[float, float, str]]:
        centre = (week + 0.5) * slot_in
        half_bar = BAR_WIDTH * slot_in / 2
        reach = slot_in / 2 + BAR_WIDTH * slot_in
        found: list[tuple[float, float, str]] = []
        for left, ha in (
            (centre - width / 2, "center"),
            (centre - half_bar, "left"),
            (centre + half_bar - width, "right"),
        ):
            if left + width > right_in:
                left, ha = right_in - width, "right"
            if left < 0:
                left, ha = 0.0, "left"
            near = abs(left + width / 2 - centre) <= reach + 1e-9
            if near and all(abs(left - other) > 1e-6 for other, _, _ in found):
                found.append((left, left + width, ha))
        return found or [(left, left + width, ha)]

    def lowest(
        left: float, right: float, to_data: float, floor: tuple[float, float]
    ) -> tuple[float, float]:
        """The lowest (base, lift) at or above ``floor`` clear of the bars and goal lines
        under ``left``..``right``."""
        under = _spanned(n, slot_in, left, right, BAR_WIDTH)
        top_bar = max((bars[k] for k in under), default=0.0)
        y = max((top_bar, _VALUE_PAD_IN), floor, key=lambda p: p[0] + p[1] * to_data)
        spanned = _spanned(n, slot_in, left, right, BAND_WIDTH)
        lines = sorted(goal for k in spanned if (goal := goals[k]) is not None)
        for goal in lines:
            bottom = y[0] + y[1] * to_data
            if bottom - _VALUE_PAD_IN * to_data <= goal <= bottom + line_in * to_data:
                y = (goal, _VALUE_PAD_IN)
        return y

    def layout(to_data: float) -> dict[int, _Spot]:
        orders = [list(range(len(printed)))]
        if len(printed) == 2:
            orders.append([1, 0])  # the one placed first keeps its spot, the other goes above
        best: tuple[float, dict[int, _Spot]] | None = None
        for chosen in itertools.product(*(spans(week, width) for week, width in printed)):
            for rank, order in enumerate(orders):
                spots: dict[int, _Spot] = {}
                for j in order:
                    left, right, ha = chosen[j]
                    floor = (0.0, 0.0)
                    for other in spots.values():
                        apart = (
                            right + _VALUE_GAP_IN <= other.left
                            or other.right + _VALUE_GAP_IN <= left
                        )
                        if not apart:
                            floor = (other.base, other.lift_in + line_in)
                    spots[printed[j][0]] = _Spot(
                        left, right, ha, *lowest(left, right, to_data, floor)
                    )
                # inches from each value to its own bar: up from its top, and aside from
                # its centre; a tie goes to the current week's on top
                score = sum(
                    (spot.y(to_data) - bars[week]) / to_data
                    + abs((spot.left + spot.right) / 2 - (week + 0.5) * slot_in)
                    for week, spot in spots.items()
                )
                score += 0.001 * rank
                if best is None or score < best[0] - 1e-9:
                    best = (score, spots)
        return best[1] if best else {}

    # the top leaves room for the highest value: base + (lift + line) * top / axes_in
    def needed(spots: dict[int, _Spot]) -> float:
        return max(
            [largest]
            + [
                spot.base / max(0.2, 1 - (spot.lift_in + line_in) / axes_in)
                for spot in spots.values()
            ]
        )

    top = largest / max(0.2, 1 - (_VALUE_PAD_IN + line_in) / axes_in)
    spots = layout(top / axes_in)
    for _ in range(_PLACE_ROUNDS):  # a higher top moves the values: place them again
        wanted = needed(spots)
        if wanted <= top * (1 + 1e-9):
            break
        top = wanted
        spots = layout(top / axes_in)
    return top, spots


_PLACE_ROUNDS = 6


def _spanned(n: int, slot_in: float, left: float, right: float, share: float) -> list[int]:
    """The weeks whose bar (or goal line), ``share`` of a slot wide and centred in it, reach
    into ``left``..``right`` (inches from the plot's left edge)."""
    return [
        k
        for k in range(n)
        if (k + 0.5 - share / 2) * slot_in < right and (k + 0.5 + share / 2) * slot_in > left
    ]


def _rect(
    axes: Axes,
    x: float,
    bottom: float,
    height: float,
    width: float,
    gid: str,
    colour: str,
    **style: object,
) -> None:
    """A bar centred on ``x``, added as a plain patch (``Axes.bar`` recomputes the data
    limits for each bar; the limits here are set by hand)."""
    style.setdefault("linewidth", 0)
    patch = Rectangle(
        (x - width / 2, bottom), width, height, facecolor=colour, zorder=_Z[gid], **style
    )
    patch.set_gid(gid)
    axes.add_artist(patch)


_Z = {"plan_band": 1, "week": 2, "so_far": 2}


trend_chart = png_of(trend_figure)
