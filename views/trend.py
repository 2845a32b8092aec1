"""/trend (and the weekly digest's trend): the chart and its caption, from a
:class:`services.trend.Trend`."""

from __future__ import annotations

from decimal import Decimal

from matplotlib.figure import Figure

from bot.i18n import Html, Texts, plain_text
from metrics.engine import MetricValue
from metrics.plans import STATUS_MARKS, Target, status
from services.subjects import SubjectRefused
from services.trend import MetricTrend, Trend, TrendRefused
from storage.models import Team
from views import charts
from views.formatting import format_day_month, format_metric
from views.stats import subject_label
from views.values import show

BASELINE_WEEKS = 4  # the caption compares the last full week with the average of these before it


def _number(value: MetricValue) -> float | None:
    return None if value is None else float(value)


def _panel(found: MetricTrend, texts: Texts) -> charts.TrendPanel:
    return charts.TrendPanel(
        key=found.metric,
        label=charts.capitalized(texts.metric(found.metric)),  # a registry name: plain text
        values=[_number(point.value) for point in found.points],
        lowers=[point.plan.lower if point.plan else None for point in found.points],
        goals=[point.plan.goal if point.plan else None for point in found.points],
        note=plain_text(texts("trend_cohort_note")) if found.mode == "cohort" else "",
    )


def trend_title(trend: Trend, team: Team, texts: Texts) -> Html:
    return texts("trend_title", subject=subject_label(trend.subject, team, texts))


def trend_span(trend: Trend, texts: Texts) -> Html:
    """``12 недель: 15.09–07.12.2026`` / ``12 weeks: 2026-09-15..2026-12-07``."""
    return texts("trend_span", weeks=len(trend.weeks), span=trend.span.label(texts.language))


def trend_subtitle(trend: Trend, team: Team, texts: Texts) -> str:
    """The weeks, after the team's name for a member or a source (the team's own chart
    names the team in its title already): plain text, for the chart."""
    span = plain_text(trend_span(trend, texts))
    return span if trend.subject.kind == "team" else f"{team.name} · {span}"


def trend_figure(trend: Trend, team: Team, texts: Texts) -> Figure:
    """The trend chart: a panel per metric. Texts go on it as typed (plain text, not the
    HTML of a reply)."""
    planned = any(found.planned for found in trend.metrics)
    return charts.trend_figure(
        [_panel(found, texts) for found in trend.metrics],
        [week.start for week in trend.weeks],
        so_far=trend.so_far,
        language=texts.language,
        currency=team.currency,
        title=plain_text(trend_title(trend, team, texts)),
        subtitle=trend_subtitle(trend, team, texts),
        legend=charts.TrendLegend(
            week=plain_text(texts("trend_legend_week")),
            so_far=plain_text(
                texts("trend_legend_so_far_planned" if planned else "trend_legend_so_far")
            ),
            band=plain_text(texts("trend_legend_band")),
            goal=plain_text(texts("trend_legend_goal")),
        ),
    )


def trend_png(trend: Trend, team: Team, texts: Texts) -> bytes:
    """PNG bytes of :func:`trend_figure` (run it in the chart thread)."""
    return charts.render_png(trend_figure(trend, team, texts))


def _started(trend: Trend) -> int:
    """The first week with any number (weeks before a new team or rep began are left out
    of the comparison)."""
    for index in range(len(trend.weeks)):
        if any(found.points[index].value for found in trend.metrics):
            return index
    return len(trend.weeks)


def _average(values: list[MetricValue]) -> MetricValue:
    known = [value for value in values if value is not None]
    if not known:
        return None
    if all(isinstance(value, Decimal) for value in known):
        return sum(known, Decimal(0)) / len(known)
    return sum(float(value) for value in known) / len(known)


def _plan_text(key: str, target: Target, texts: Texts, currency: str) -> str:
    lower = format_metric(key, target.lower, texts.language, currency=currency)
    goal = format_metric(key, target.goal, texts.language, currency=currency)
    return lower if lower == goal else f"{lower}–{goal}"


def _line(found: MetricTrend, trend: Trend, first: int, team: Team, texts: Texts) -> Html:
    """One metric: the last full week (its plan status) vs the average of the weeks before."""
    key, points, currency = found.metric, found.points, team.currency
    name = charts.capitalized(texts.metric(key))
    full = [index for index, point in enumerate(points) if not point.so_far]
    if not full:  # only the current week: what it has so far
        value = show(key, points[-1].value, texts, currency)
        return texts("trend_line_so_far", metric=name, value=value)
    last = full[-1]
    point = points[last]
    value = show(key, point.value, texts, currency)
    week = format_day_month(point.week.start, texts.language)
    plan = ""
    if point.plan is not None and point.value is not None:
        mark = STATUS_MARKS[status(float(point.value), point.plan)]
        plan = texts("trend_plan", mark=mark, plan=_plan_text(key, point.plan, texts, currency))
    before = [p.value for p in points[max(first, last - BASELINE_WEEKS) : last]]
    average = _average(before)
    if average is None:
        return texts("trend_line_new", metric=name, value=value, week=week, plan=plan)
    return texts(
        "trend_line",
        metric=name,
        value=value,
        week=week,
        plan=plan,
        average=show(key, average, texts, currency),
        weeks=len(before),
    )


def trend_caption(trend: Trend, team: Team, texts: Texts) -> Html:
    """The subject and the weeks, then a line per metric; a note when a conversion is of
    each week's cohort."""
    first = _started(trend)
    lines = [
        texts(
            "trend_caption_header",
            subject=subject_label(trend.subject, team, texts),
            span=trend_span(trend, texts),
        )
    ]
    lines += [_line(found, trend, first, team, texts) for found in trend.metrics]
    if any(found.mode == "cohort" for found in trend.metrics):
        lines.append(texts("trend_caption_cohort"))
    return Html("\n".join(lines))


def trend_problem_text(texts: Texts, error: TrendRefused | SubjectRefused) -> Html:
    """Why there is no trend chart, with an example that works."""
    if isinstance(error, SubjectRefused):
        if error.code == "only_own_numbers":
            return texts("only_own_numbers")
        message = texts("trend_unknown", value=error.value[:60])
    else:
        message = texts(f"trend_{error.code}", metric=texts.metric(error.metric))
    return Html(f"{message}\n{texts('usage_trend')}")
