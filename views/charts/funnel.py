"""The funnel chart."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

from views.charts import base
from views.charts.base import (
    _TEXT,
    BASE_PT,
    DASH,
    FUNNEL_SIZE_IN,
    LINE_SPACING,
    MARGIN_BOTTOM_IN,
    MARGIN_X_IN,
    MIN_BAR_FRACTION,
    MUTED_COLOUR,
    SMALL_PT,
    TEXT_COLOUR,
    VALUE_PT,
    _add_axes,
    _clean,
    _colour,
    _draw_header,
    _finite,
    _header,
    _line_in,
    _max_chars,
    _n_lines,
    _new_figure,
    _placeholder,
    _shorten,
    _text_width_in,
    _wrap_segments,
)
from views.formatting import format_count, format_percent

ARROW = "↓"


@dataclass(frozen=True)
class FunnelStage:
    """One funnel step: ``key`` picks the colour (``calls_60``, ``meetings_set``...)."""

    key: str
    label: str
    value: float


def _conversion(previous: float | None, current: float | None, language: str) -> str:
    before, after = _finite(previous), _finite(current)
    if before is None or after is None or before <= 0:
        return DASH
    return f"{ARROW} {format_percent(after / before, language)}"


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
    return base.render_png(
        funnel_figure(
            stages,
            language=language,
            title=title,
            subtitle=subtitle,
            conversion_labels=conversion_labels,
            footer=footer,
        )
    )
