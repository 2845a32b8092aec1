"""Now vs baseline, for the diagnosis."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from views.charts import base
from views.charts.base import (
    _TEXT,
    BASE_PT,
    COMPARISON_ROW_IN,
    COMPARISON_WIDTH_IN,
    MARGIN_BOTTOM_IN,
    MARGIN_X_IN,
    PALETTE,
    TEXT_COLOUR,
    _add_axes,
    _clean,
    _draw_header,
    _draw_legend,
    _finite,
    _header,
    _legend_layout,
    _line_in,
    _max_chars,
    _new_figure,
    _placeholder,
    _shorten,
    _text_width_in,
    _value_labels,
)
from views.formatting import format_count, format_percent

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
    return base.render_png(
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
