"""The trend chart (views.charts.trend), read from the drawn figure as a person sees it:
a panel per metric, a bar per week from 0 on a linear axis, the current week marked,
the plan band and goal where there is a plan, the numbers by the one formatter, nothing
cut, nothing off the picture, letters big enough on a phone."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from bot.i18n import Texts, plain_text
from metrics.periods import Period
from metrics.plans import Target
from metrics.registry import metric
from services.subjects import TEAM, Subject
from services.trend import MetricTrend, Trend, TrendPoint
from storage.models import Member, Team
from tests.support.figures import (
    SENT_MAX_SIDE_PX,
    bar_heights_px,
    bar_widths_px,
    bars,
    cut_labels,
    percents,
    smallest_sent_pt,
    texts,
    visible_texts,
)
from views.charts import TrendLegend, TrendPanel, trend_chart, trend_figure
from views.charts.base import DPI, MIN_SENT_PT
from views.formatting import (
    format_compact,
    format_day_month,
    format_money,
    format_percent,
    format_value,
)
from views.trend import trend_caption, trend_span
from views.trend import trend_figure as view_figure

WEEKS = [date(2026, 9, 21) + timedelta(weeks=n) for n in range(12)]  # Mondays, oldest first
LEGEND = {
    "ru": TrendLegend(
        "неделя целиком", "эта неделя и план по сегодня", "план: от нижней границы до цели", "цель"
    ),
    "en": TrendLegend(
        "full week", "this week and its plan so far", "plan: lower bound to goal", "plan goal"
    ),
}
LONG_NAME = "Александра Константинопольская"
HELD = [35, 47, 31, 37, 33, 43, 43, 40, 47, 39, 43, 12]
CALLS = [950, 990, 960, 930, 970, 1010, 940, 890, 900, 940, 923, 540]
REVENUE = (
    [3_210_000, 4_280_000, 4_250_500.5, 0, 3_090_000, 3_280_000] + [4_120_000] * 5 + [2_107_000]
)
SET_TO_HELD = [0.81, 0.72, None, 0.68, 0.75, 0.74, 0.76, 0.75, 0.83, 0.7, 0.82, 0.17]


def panel(key: str, values, lower=None, goal=None, note: str = "") -> TrendPanel:
    n = len(values)
    lowers = lower if isinstance(lower, list) else [lower] * n
    goals = goal if isinstance(goal, list) else [goal] * n
    return TrendPanel(key, metric(key).name("ru").capitalize(), values, lowers, goals, note)


def team_panels() -> list[TrendPanel]:
    return [
        panel("meetings_held", HELD, [45] * 11 + [27], [45] * 11 + [27]),
        panel("calls_60", CALLS, [1200] * 11 + [720], [1500] * 11 + [900]),
        panel("revenue", REVENUE),
    ]


def figure(panels, *, language="ru", so_far=True, weeks=WEEKS, title=None) -> Figure:
    return trend_figure(
        panels,
        weeks,
        so_far=so_far,
        language=language,
        currency="RUB",
        title=title or f"{LONG_NAME}: по неделям",
        subtitle="Отдел продаж «Север» · 12 недель: 21.09–13.12.2026",
        legend=LEGEND[language],
    )


def said(fig: Figure) -> list[str]:
    """Every text as one line (a wrapped legend label reads as it was given)."""
    return [" ".join(text.split()) for text in texts(fig)]


def panels_of(fig: Figure):
    return [axes for axes in fig.axes if (axes.get_gid() or "").startswith("panel:")]


def gid_texts(container, gid: str) -> list[str]:
    return [t.get_text() for t in container.texts if t.get_gid() == gid]


def goal_lines(axes) -> list:
    return [c for c in axes.collections if c.get_gid() == "goal"]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_one_panel_per_metric_and_a_bar_per_week(language: str) -> None:
    for count in (1, 2, 3):
        fig = figure(team_panels()[:count], language=language)
        drawn = panels_of(fig)
        assert [axes.get_gid() for axes in drawn] == [
            f"panel:{p.key}" for p in team_panels()[:count]
        ]
        for axes in drawn:
            weeks = [p for p in axes.patches if p.get_gid() in ("week", "so_far")]
            assert len(weeks) == len(WEEKS)
        headings = [t.get_text() for t in fig.texts if t.get_gid() == "panel_heading"]
        assert headings == [p.label for p in team_panels()[:count]]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_current_week_is_marked_and_named_in_the_legend(language: str) -> None:
    fig = figure(team_panels(), language=language)
    for axes in panels_of(fig):
        weeks = [p for p in axes.patches if p.get_gid() in ("week", "so_far")]
        marked = [p for p in weeks if p.get_gid() == "so_far"]
        assert len(marked) == 1
        assert marked[0] is max(weeks, key=lambda p: p.get_x())  # the last week
        assert marked[0].get_hatch() and marked[0].get_alpha() < 1
        assert all(not p.get_hatch() and p.get_alpha() in (None, 1) for p in weeks[:-1])
    assert LEGEND[language].so_far in said(fig)
    finished = figure(team_panels(), language=language, so_far=False)
    assert not bars(finished, "so_far") and len(bars(finished, "week")) == 3 * len(WEEKS)
    assert LEGEND[language].so_far not in said(finished)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_plan_band_and_goal_are_drawn_where_there_is_a_plan(language: str) -> None:
    fig = figure(team_panels(), language=language)
    held, calls, revenue = panels_of(fig)
    # meetings held: lower = goal, a goal line and no band; calls: a band and a goal
    assert not [p for p in held.patches if p.get_gid() == "plan_band"]
    assert len(goal_lines(held)) == 1 and len(goal_lines(held)[0].get_segments()) == 12
    band = [p for p in calls.patches if p.get_gid() == "plan_band"]
    assert [(p.get_y(), p.get_y() + p.get_height()) for p in band] == [(1200, 1500)] * 11 + [
        (720, 900)
    ]
    goals = [segment[0][1] for segment in goal_lines(calls)[0].get_segments()]
    assert goals == [1500] * 11 + [900]
    # no plan: neither
    assert not [p for p in revenue.patches if p.get_gid() == "plan_band"]
    assert not goal_lines(revenue)
    drawn = said(fig)
    assert LEGEND[language].band in drawn and LEGEND[language].goal in drawn
    unplanned = said(figure([team_panels()[2]], language=language))
    assert LEGEND[language].band not in unplanned and LEGEND[language].goal not in unplanned
    assert LEGEND[language].week in unplanned


def test_a_week_without_a_plan_has_no_band() -> None:
    lower = [3, 3, None, 3]
    goal = [5, 5, None, 5]
    fig = figure([panel("meetings_set", [4, 2, 0, 1], lower, goal)], weeks=WEEKS[:4])
    (axes,) = panels_of(fig)
    assert sorted(
        p.get_x() + p.get_width() / 2 for p in axes.patches if p.get_gid() == "plan_band"
    ) == [
        0,
        1,
        3,
    ]
    assert len(goal_lines(axes)[0].get_segments()) == 3


@pytest.mark.parametrize("language", ["ru", "en"])
def test_y_starts_at_zero_on_a_linear_scale(language: str) -> None:
    fig = figure(team_panels(), language=language)
    for axes, source in zip(panels_of(fig), team_panels(), strict=True):
        assert axes.get_ylim()[0] == 0 and axes.get_yscale() == "linear"
        weeks = sorted(
            (p for p in axes.patches if p.get_gid() in ("week", "so_far")), key=lambda p: p.get_x()
        )
        assert all(p.get_y() == 0 for p in weeks)
        # heights in pixels are proportional to the values
        values = [v for v in source.values if v]
        drawn = bar_heights_px(p for p in weeks if p.get_height() > 0)
        for value, height in zip(values, drawn, strict=True):
            assert height / drawn[0] == pytest.approx(value / values[0], rel=1e-6)
        labels = gid_texts(axes, "y_label")
        assert labels[0] == format_value(0, metric(source.key).kind, language, currency="RUB")


def printed(value, kind: str, language: str) -> str:
    """A week's value as the chart prints it: money compact, without its sign (the axis
    names the currency), anything else in full."""
    if kind == "money":
        return format_compact(value, language, kind="money", currency="RUB", symbol=False)
    return format_value(value, kind, language, currency="RUB")


def tick_text(tick, kind: str, language: str) -> str:
    """A gridline's label: money compact with its sign, anything else in full."""
    if kind == "money":
        return format_compact(tick, language, kind="money", currency="RUB", digits=2)
    return format_value(tick, kind, language, currency="RUB")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_numbers_are_written_by_the_formatter(language: str) -> None:
    fig = figure(team_panels(), language=language)
    for axes, source in zip(panels_of(fig), team_panels(), strict=True):
        kind = metric(source.key).kind
        shown = gid_texts(axes, "value")
        assert shown == [printed(value, kind, language) for value in source.values[-2:]]
        ticks = [
            tick_text(tick, kind, language)
            for tick in sorted(
                {t.get_position()[1] for t in axes.texts if t.get_gid() == "y_label"}
            )
        ]
        assert gid_texts(axes, "y_label") == ticks
        weeks = gid_texts(axes, "week_label")
        assert weeks and weeks[0] == format_day_month(WEEKS[-1], language)  # the last is labelled
        assert set(weeks) <= {format_day_month(week, language) for week in WEEKS}
    if language == "ru":
        assert "7 дек." in texts(fig) and "4 250 500,5" not in " ".join(texts(fig))
    else:
        assert "Dec 7" in texts(fig)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_conversion_is_a_percent_never_above_100(language: str) -> None:
    fig = figure(
        [panel("conv_set_to_held", SET_TO_HELD, note="из встреч, назначенных за неделю")],
        language=language,
    )
    found = percents(fig)
    assert found and max(found) <= 100
    assert "из встреч, назначенных за неделю" in said(fig)
    (axes,) = panels_of(fig)
    assert gid_texts(axes, "undefined") == ["—"]  # an undefined week is a dash, not a 0 % bar
    assert len([p for p in axes.patches if p.get_gid() in ("week", "so_far")]) == 11


@pytest.mark.parametrize("language", ["ru", "en"])
def test_reads_on_a_phone_nothing_cut_nothing_off_the_picture(language: str) -> None:
    long_heading = TrendPanel(
        "conv_held_to_paid_as_hunter",
        "Проведена → оплачена (хантер) — доля встреч, которые заплатили, из проведённых",
        SET_TO_HELD,
        [None] * 12,
        [None] * 12,
        "из встреч, назначенных за неделю, к сегодняшнему дню: последние недели ещё растут",
    )
    cases = [
        figure([long_heading, *team_panels()[1:]], language=language),
        figure([panel("revenue", [123_456_789.5 + n * 1e6 for n in range(12)])], language=language),
        figure([panel("meetings_held", [0] * 12, 0, 0)], language=language),
        figure(team_panels(), language=language, title=f"Команда «{'Рога и копыта ' * 6}»"),
    ]
    wordy = TrendLegend(
        "неделя целиком, с понедельника по воскресенье включительно",
        "эта неделя: то, что уже сделано, и план на прошедшие рабочие дни по сегодня",
        "план: от нижней границы до цели, по рабочим дням недели без выходных сотрудника",
        "цель плана на неделю",
    )
    cases.append(
        trend_figure(
            team_panels(),
            WEEKS,
            so_far=True,
            language=language,
            title="Команда: по неделям",
            legend=wordy,
        )
    )
    for fig in cases:
        width, height = fig.get_size_inches() * DPI
        assert width == 1280 and height <= SENT_MAX_SIDE_PX
        assert not cut_labels(fig)
        assert smallest_sent_pt(fig) >= MIN_SENT_PT
        assert not off_the_picture(fig), off_the_picture(fig)
        assert not overlapping_values(fig)


def off_the_picture(fig: Figure) -> list[str]:
    """Texts whose drawn box leaves the figure (a label cut by the edge of the PNG)."""
    renderer = fig.canvas.get_renderer()
    width, height = fig.get_size_inches() * fig.dpi
    found = []
    for text in visible_texts(fig):
        box = text.get_window_extent(renderer)
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5:
            found.append(text.get_text())
    return found


def overlapping_values(fig: Figure) -> list[str]:
    """A printed value that overlaps another value, a bar of its panel or a goal line."""
    renderer = fig.canvas.get_renderer()
    found = []
    for axes in panels_of(fig):
        values: list[Text] = [t for t in axes.texts if t.get_gid() == "value"]
        boxes = [t.get_window_extent(renderer) for t in values]
        goals = [
            axes.transData.transform(segment)
            for line in goal_lines(axes)
            for segment in line.get_segments()
        ]
        for n, (text, box) in enumerate(zip(values, boxes, strict=True)):
            if any(box.overlaps(other) for other in boxes[n + 1 :]):
                found.append(text.get_text())
            for patch in axes.patches:
                if patch.get_gid() in ("week", "so_far") and patch.get_height() > 0:
                    if box.overlaps(patch.get_window_extent(renderer)):
                        found.append(f"{text.get_text()} over a bar")
            for (x0, y), (x1, _) in goals:
                if box.x0 < x1 and x0 < box.x1 and box.y0 < y < box.y1:
                    found.append(f"{text.get_text()} on a goal line")
    return found


def test_two_values_that_would_touch_are_stacked_and_stay_off_the_bars() -> None:
    # "4,1 млн" and "2,1 млн" are each wider than a week: side by side they would touch
    fig = figure([panel("revenue", REVENUE)], language="ru")
    assert not overlapping_values(fig) and not off_the_picture(fig)
    (axes,) = panels_of(fig)
    last, now = (t for t in axes.texts if t.get_gid() == "value")
    renderer = fig.canvas.get_renderer()
    below, above = last.get_window_extent(renderer), now.get_window_extent(renderer)
    assert below.x0 < above.x1 and above.x0 < below.x1  # one over the other
    assert above.y0 >= below.y1  # the current week's on top
    # the narrower English ones sit side by side, each on its own bar
    fig = figure([panel("revenue", REVENUE)], language="en")
    assert not overlapping_values(fig)
    for week, text in value_texts(fig)[0]:
        assert rests_on_its_bar(fig, week, text)


# --- the printed values by their bars -------------------------------------------------

# a farmer's repeat sales by week: the week before the last full one is the tallest bar
FARMER = [300_000, 305_000, 250_000, 600_000, 335_000, 417_000]
FARMER += [118_000, 560_000, 487_000, 592_000, 459_000, 226_000]
FARMER_PLAN = ([300_000] * 11 + [150_000], [450_000] * 11 + [225_000])


def farmer(language: str, values=FARMER) -> Figure:
    return figure(
        [panel("repeat_revenue", values, *FARMER_PLAN)], language=language, title="Мария Фёдорова"
    )


def value_texts(fig: Figure) -> list[list[tuple[int, Text]]]:
    """Per panel, each printed value with its week (the bar under its x position's slot
    is not taken for granted: the week is the printed order, last full week first)."""
    found = []
    for axes in panels_of(fig):
        weeks = sorted(
            (p for p in axes.patches if p.get_gid() in ("week", "so_far")), key=lambda p: p.get_x()
        )
        n = round(axes.get_xlim()[1] + 0.5)
        values = [t for t in axes.texts if t.get_gid() == "value"]
        so_far = any(p.get_gid() == "so_far" for p in weeks)
        indices = [n - 2, n - 1] if so_far else [n - 1]
        found.append(list(zip(indices[-len(values) :], values, strict=True)))
    return found


def slot_px(axes, week: int) -> tuple[float, float, float]:
    """A week's slot (left, right) and its bar's width, in pixels."""
    (left, _), (right, _) = axes.transData.transform([(week - 0.5, 0), (week + 0.5, 0)])
    bar = next(
        p
        for p in axes.patches
        if p.get_gid() in ("week", "so_far") and abs(p.get_x() + p.get_width() / 2 - week) < 1e-9
    )
    return left, right, bar_widths_px([bar])[0]


def own_bar_top_px(axes, week: int) -> float:
    bar = next(
        p
        for p in axes.patches
        if p.get_gid() in ("week", "so_far") and abs(p.get_x() + p.get_width() / 2 - week) < 1e-9
    )
    return axes.transData.transform((week, bar.get_y() + bar.get_height()))[1]


def rests_on_its_bar(fig: Figure, week: int, text: Text) -> bool:
    """The value's bottom is just above its own bar's top (within a tenth of an inch)."""
    axes = text.axes
    box = text.get_window_extent(fig.canvas.get_renderer())
    return 0 <= box.y0 - own_bar_top_px(axes, week) <= 0.1 * DPI


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_money_axis_is_written_compact(language: str) -> None:
    fig = farmer(language)
    (axes,) = panels_of(fig)
    expected = {
        "ru": ["0 ₽", "200 тыс. ₽", "400 тыс. ₽", "600 тыс. ₽"],
        "en": ["RUB 0", "RUB 200K", "RUB 400K", "RUB 600K"],
    }[language]
    assert gid_texts(axes, "y_label") == [text.replace(" ", "\u00a0") for text in expected]
    assert gid_texts(axes, "value") == (
        ["459\u00a0тыс.", "226\u00a0тыс."] if language == "ru" else ["459K", "226K"]
    )
    # a team's millions, a tick with a decimal written exactly
    fig = figure([panel("revenue", [1_100_000] * 12)], language=language)
    (axes,) = panels_of(fig)
    expected = {
        "ru": ["0 ₽", "500 тыс. ₽", "1 млн ₽", "1,5 млн ₽"],
        "en": ["RUB 0", "RUB 500K", "RUB 1M", "RUB 1.5M"],
    }[language]
    assert gid_texts(axes, "y_label") == [text.replace(" ", "\u00a0") for text in expected]
    assert gid_texts(axes, "value") == (["1,1\u00a0млн"] * 2 if language == "ru" else ["1.1M"] * 2)


def test_the_farmer_s_values_sit_on_their_own_bars() -> None:
    """The reported picture: 459K and 226K stacked at the top right, far from their bars,
    because the week before is the tallest. In English each now rests on its own bar; in
    Russian the last full week's does and the current week's (too wide to sit beside it)
    is stacked right on top of it, above its own bar."""
    fig = farmer("en")
    ((last_week, last), (this_week, now)) = value_texts(fig)[0]
    assert rests_on_its_bar(fig, last_week, last) and rests_on_its_bar(fig, this_week, now)
    fig = farmer("ru")
    ((last_week, last), (_, now)) = value_texts(fig)[0]
    assert rests_on_its_bar(fig, last_week, last)
    renderer = fig.canvas.get_renderer()
    below, above = last.get_window_extent(renderer), now.get_window_extent(renderer)
    assert 0 <= above.y0 - below.y1 <= 0.05 * DPI


def value_cases(language: str) -> list[Figure]:
    """Realistic and awkward panels: the team's, the farmer's, huge sums, zeros, a current
    week taller than the last, one and two weeks, no current week."""
    rising = [*FARMER[:10], 226_000, 610_000]
    return [
        figure(team_panels(), language=language),
        farmer(language),
        farmer(language, rising),
        figure([panel("revenue", [123_456_789.5 + n * 1e6 for n in range(12)])], language=language),
        figure([panel("revenue", [0] * 12)], language=language),
        figure([panel("repeat_revenue", [950, 0, 120_000, 999.5] * 3)], language=language),
        figure([panel("revenue", REVENUE)], language=language, so_far=False),
        figure([panel("revenue", [2_500_000, 1_200_000])], language=language, weeks=WEEKS[:2]),
        figure([panel("calls_60", [950])], language=language, weeks=WEEKS[:1]),
    ]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_each_value_stands_over_its_own_bar(language: str) -> None:
    """Within its bar's slot widened by a bar width on either side, over its own bar, above
    it, never on another value, a bar, a goal line or off the picture."""
    for fig in value_cases(language):
        renderer = fig.canvas.get_renderer()
        assert not overlapping_values(fig), overlapping_values(fig)
        assert not off_the_picture(fig), off_the_picture(fig)
        for panel_values in value_texts(fig):
            for week, text in panel_values:
                axes = text.axes
                left, right, bar = slot_px(axes, week)
                box = text.get_window_extent(renderer)
                centre = (box.x0 + box.x1) / 2
                assert left - bar <= centre <= right + bar, text.get_text()
                bar_left, bar_right = (left + right - bar) / 2, (left + right + bar) / 2
                assert box.x0 < bar_right and bar_left < box.x1, text.get_text()
                assert box.y0 >= own_bar_top_px(axes, week), text.get_text()


def test_a_value_is_printed_above_its_weeks_goal_line_not_through_it() -> None:
    fig = figure([panel("meetings_held", [10, 44, 12], 45, 45)], weeks=WEEKS[:3])
    (axes,) = panels_of(fig)
    renderer = fig.canvas.get_renderer()
    line = goal_lines(axes)[0]
    goal_y = axes.transData.transform((0, 45))[1]
    for text in (t for t in axes.texts if t.get_gid() == "value"):
        box = text.get_window_extent(renderer)
        assert not box.y0 < goal_y < box.y1, text.get_text()
    assert line.get_segments()


def test_the_week_labels_thin_out_but_the_last_week_is_always_labelled() -> None:
    many = [WEEKS[0] + timedelta(weeks=n) for n in range(20)]
    fig = figure([panel("payments", list(range(20)))], weeks=many)
    (axes,) = panels_of(fig)
    labels = [t for t in axes.texts if t.get_gid() == "week_label"]
    assert 2 <= len(labels) < 20
    assert labels[0].get_text() == format_day_month(many[-1], "ru")
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert not any(a.overlaps(b) for n, a in enumerate(boxes) for b in boxes[n + 1 :])
    # the widest Russian date under the last of many narrow weeks stays on the picture
    late = [date(2026, 9, 28) - timedelta(weeks=n) for n in range(51, -1, -1)]  # a year
    fig = figure([panel("payments", list(range(52)))], weeks=late)
    assert "28 сент." in texts(fig) and not off_the_picture(fig)


def test_the_png_has_the_figure_size() -> None:
    png = trend_chart(
        team_panels()[:2],
        WEEKS,
        so_far=True,
        language="ru",
        title="Команда: по неделям",
        legend=LEGEND["ru"],
    )
    image = Image.open(io.BytesIO(png))
    assert image.width == 1280 and 800 <= image.height <= SENT_MAX_SIDE_PX


def test_wrong_input_is_refused() -> None:
    with pytest.raises(ValueError):
        figure([])
    with pytest.raises(ValueError):
        figure([*team_panels(), team_panels()[0]])
    with pytest.raises(ValueError):
        figure([panel("payments", [1, 2, 3])])  # three values for twelve weeks


def test_bar_sizes_in_pixels_are_read_from_the_picture() -> None:
    """The helpers measure what is drawn: a bar from 20 to 30 on a 0-100 axis 4 in wide
    is 80 px wide at 200 dpi, wherever it starts."""
    fig = Figure(figsize=(6.4, 4), dpi=DPI)
    axes = fig.add_axes((0.1, 0.1, 4 / 6.4, 0.5))
    axes.set_xlim(0, 100)
    axes.set_ylim(0, 100)
    across = axes.barh([10, 50], [10, 50], left=[20, 0], height=5)
    up = axes.bar([10, 50], [25, 50], width=5)
    assert bar_widths_px(across) == pytest.approx([80, 400])
    assert bar_heights_px(up) == pytest.approx([0.25 * 400, 0.5 * 400])


# --- the view: a Trend (services.trend) as the chart and the caption --------------------

TYPED = "Рога & Копыта <Ltd>"


def hand_trend(started: int = 0, today: date = date(2026, 12, 9)) -> Trend:
    """Ivan (an SDR named as typed) over the 12 weeks of WEEKS, nothing before ``started``."""
    weeks = tuple(Period.containing(monday, "week") for monday in WEEKS)
    member = Member(1, 1, 701, TYPED, None, frozenset({"sdr"}), None, None, True)

    def series(key: str, numbers, plan):
        return MetricTrend(
            key,
            "cohort" if key == "conv_set_to_held" else "period",
            tuple(
                TrendPoint(week, number if n >= started else 0, plan, week.contains(today))
                for n, (week, number) in enumerate(zip(weeks, numbers, strict=True))
            ),
        )

    return Trend(
        Subject("member", member=member),
        today,
        weeks,
        (
            series("meetings_held", HELD, Target(15, 15)),
            series("conv_set_to_held", SET_TO_HELD, None),
        ),
    )


TEAM_ROW = Team(1, TYPED, "Europe/Moscow", "ru", (1, 2, 3, 4, 5), "19:00", "RUB", None)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_names_go_on_the_chart_as_typed_and_into_the_caption_escaped(language: str) -> None:
    texts_ = Texts(language)
    fig = view_figure(hand_trend(), TEAM_ROW, texts_)
    drawn = said(fig)
    assert any(text.startswith(f"{TYPED}: ") for text in drawn)
    assert any(text.startswith(f"{TYPED} · 12 ") for text in drawn)
    assert not any("&amp;" in text or "&lt;" in text for text in drawn)
    caption = trend_caption(hand_trend(), TEAM_ROW, texts_)
    assert "<b>Рога &amp; Копыта &lt;Ltd&gt;</b>" in caption
    assert (
        max(float(p.replace(",", ".")) for p in re.findall(r"(\d+(?:[.,]\d+)?)\s?%", caption))
        <= 100
    )
    assert not cut_labels(fig) and smallest_sent_pt(fig) >= MIN_SENT_PT


HELD_LINE = {
    "ru": "Проведённые встречи: 43 за неделю с 30 нояб. (🟢 план 15)",
    "en": "Meetings held: 43 in the week of Nov 30 (🟢 plan 15)",
}


@pytest.mark.parametrize(
    ("language", "started", "then"),
    [
        ("ru", 0, "; в среднем 42,3 за 4 недели до неё"),  # (43 + 40 + 47 + 39) / 4
        ("ru", 8, "; в среднем 43 за 2 недели до неё"),  # a rep who began two weeks before
        ("ru", 9, "; в среднем 39 за 1 неделю до неё"),
        ("ru", 10, ""),  # no week before it to compare with
        ("en", 0, "; average 42.3 over the 4 weeks before"),
        ("en", 8, "; average 43 over the 2 weeks before"),
        ("en", 9, "; average 39 over the week before"),
    ],
)
def test_the_caption_compares_the_last_full_week_with_the_weeks_before(language, started, then):
    lines = trend_caption(hand_trend(started), TEAM_ROW, Texts(language)).splitlines()
    assert lines[1] == HELD_LINE[language] + then
    ratio = format_percent(0.82, language)
    assert lines[2].startswith(
        f"Назначена → проведена: {ratio}" if language == "ru" else f"Set → held: {ratio}"
    )
    assert lines[3].startswith("Конверсии" if language == "ru" else "Conversions")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_team_s_chart_names_the_team_once(language: str) -> None:
    texts_ = Texts(language)
    team_trend = replace(hand_trend(), subject=TEAM)
    fig = view_figure(team_trend, TEAM_ROW, texts_)
    drawn = said(fig)
    assert sum(TYPED in text for text in drawn) == 1  # the title, not the subtitle again
    span = plain_text(trend_span(team_trend, texts_))
    assert span in drawn and f"{TYPED} · {span}" not in drawn
    # a member's chart still says whose team it is
    assert f"{TYPED} · {span}" in said(view_figure(hand_trend(), TEAM_ROW, texts_))


@pytest.mark.parametrize("language", ["ru", "en"])
def test_money_is_compact_on_the_chart_and_exact_in_the_caption(language: str) -> None:
    weeks = tuple(Period.containing(monday, "week") for monday in WEEKS)
    farmer_row = Member(3, 1, 703, "Мария Фёдорова", None, frozenset({"farmer"}), None, None, True)
    target = Target(*(Decimal(bound) for bound in (300_000, 450_000)))
    money = MetricTrend(
        "repeat_revenue",
        "period",
        tuple(
            TrendPoint(week, Decimal(value), target, week.contains(date(2026, 12, 9)))
            for week, value in zip(weeks, FARMER, strict=True)
        ),
    )
    found = Trend(Subject("member", member=farmer_row), date(2026, 12, 9), weeks, (money,))
    fig = view_figure(found, TEAM_ROW, Texts(language))
    (axes,) = panels_of(fig)
    assert gid_texts(axes, "value") == [printed(v, "money", language) for v in FARMER[-2:]]
    assert all(
        label == tick_text(label_y, "money", language)
        for label, label_y in (
            (t.get_text(), t.get_position()[1]) for t in axes.texts if t.get_gid() == "y_label"
        )
    )
    caption = trend_caption(found, TEAM_ROW, Texts(language))
    assert format_money(459_000, language, "RUB") in caption  # the exact sum, with its sign
    assert printed(459_000, "money", language) not in caption
