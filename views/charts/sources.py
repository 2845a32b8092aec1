"""Lead sources side by side."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from views.charts import base
from views.charts.base import (
    _TEXT,
    BASE_PT,
    MARGIN_BOTTOM_IN,
    MARGIN_X_IN,
    SOURCES_ROW_IN,
    SOURCES_WIDTH_IN,
    TEXT_COLOUR,
    _add_axes,
    _bare,
    _colour,
    _draw_header,
    _draw_legend,
    _finite,
    _header,
    _label_column_in,
    _legend_layout,
    _linear_lengths,
    _new_figure,
    _placeholder,
    _row_labels,
    _text_width_in,
    _value_labels,
    _x_limit,
    _zebra,
)
from views.formatting import format_count, format_percent

SOURCE_COUNT_KEYS: tuple[str, ...] = ("leads_new", "meetings_set", "meetings_held", "meetings_paid")
SOURCE_SHARE_KEYS: tuple[str, ...] = ("targeted_share", "conv_held_to_paid")


@dataclass(frozen=True)
class SourceRow:
    """One lead source: counts (``leads_new``, ``meetings_*``) and shares (0..1 or None)."""

    source: str
    values: dict[str, float | None]


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
    return base.render_png(
        sources_figure(
            rows, language=language, title=title, series_labels=series_labels, subtitle=subtitle
        )
    )
