"""Charts for Telegram: plain numbers in, PNG bytes out (one module per chart kind).

The shared scaffolding, sizes, fonts and colours are in :mod:`views.charts.base` (its
docstring says how a chart is built and sized); each kind is its own module. Everything
a caller uses is re-exported here.
"""

from views.charts.base import (
    BASE_PT,
    COMPARISON_WIDTH_IN,
    DPI,
    FUNNEL_WIDTH_IN,
    MIN_HEIGHT_IN,
    PALETTE,
    PLAN_FACT_WIDTH_IN,
    PNG_COMPRESSION,
    SOURCES_WIDTH_IN,
    STATUS_COLOURS,
    capitalized,
    render_png,
)
from views.charts.comparison import (
    COMPARISON_KEYS,
    Compared,
    comparison_chart,
    comparison_figure,
)
from views.charts.funnel import CountTile, FunnelStep, funnel_chart, funnel_figure
from views.charts.plan_fact import (
    PlanFactBar,
    PlanFactLegend,
    PlanFactRep,
    plan_fact_charts,
    plan_fact_figures,
)
from views.charts.sources import (
    SOURCE_COUNT_KEYS,
    SOURCE_SHARE_KEYS,
    SourceRow,
    sources_chart,
    sources_figure,
)
from views.charts.trend import TrendLegend, TrendPanel, trend_chart, trend_figure

__all__ = [
    "BASE_PT",
    "COMPARISON_KEYS",
    "COMPARISON_WIDTH_IN",
    "DPI",
    "FUNNEL_WIDTH_IN",
    "MIN_HEIGHT_IN",
    "PALETTE",
    "PLAN_FACT_WIDTH_IN",
    "PNG_COMPRESSION",
    "SOURCES_WIDTH_IN",
    "SOURCE_COUNT_KEYS",
    "SOURCE_SHARE_KEYS",
    "STATUS_COLOURS",
    "Compared",
    "CountTile",
    "FunnelStep",
    "PlanFactBar",
    "PlanFactLegend",
    "PlanFactRep",
    "SourceRow",
    "TrendLegend",
    "TrendPanel",
    "capitalized",
    "comparison_chart",
    "comparison_figure",
    "funnel_chart",
    "funnel_figure",
    "plan_fact_charts",
    "plan_fact_figures",
    "render_png",
    "sources_chart",
    "sources_figure",
    "trend_chart",
    "trend_figure",
]
