"""The digest's plan-vs-fact chart, read from the drawn figure as a person sees it: every
planned metric of each rep as a share of its goal on one 0-150 % axis, the plan band and
the goal tick, status colours, a legend, full names, letters big enough on a phone, and
pages (never a photo Telegram would shrink) for a large team."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from typing import cast

import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from PIL import Image

from bot.i18n import Texts
from metrics.periods import Period
from metrics.plans import Target
from services.diagnosis import Diagnosed
from services.digest import DigestData, PlanFact, RepDigest
from storage.models import Team
from tests.support.figures import (
    SENT_MAX_SIDE_PX,
    bar_widths_px,
    bars,
    cut_labels,
    percents,
    smallest_sent_pt,
    texts,
    visible_texts,
)
from views.charts import STATUS_COLOURS, PlanFactBar, PlanFactRep
from views.charts.base import MIN_SENT_PT
from views.charts.plan_fact import (
    MIN_BAR_PX,
    SHARE_MAX,
    plan_fact_charts,
    plan_fact_figures,
)
from views.digest import plan_fact_legend, plan_fact_reps
from views.formatting import format_percent

LONG_NAME = "Александра Константинопольская"
METRICS = {
    "ru": ("проведённые встречи", "звонки от 60 с", "назначенные встречи", "выручка (хантер)"),
    "en": ("meetings held", "calls over 60 s", "meetings set", "revenue (hunter)"),
}
NOTES = {"ru": ("выходной", "нет плана"), "en": ("day off", "no plan")}
TEAM = Team(1, "Отдел продаж", "Europe/Moscow", "ru", (1, 2, 3, 4, 5), "19:00", "RUB", None)
NO_DIAGNOSIS = cast(Diagnosed, None)  # the chart does not read it


def status(fact: float, lower: float, goal: float) -> str:
    return "done" if fact >= goal else "on_track" if fact >= lower else "behind"


def bar(label: str, fact: float, lower: float, goal: float, kind: str = "count") -> PlanFactBar:
    return PlanFactBar(label, kind, fact, lower, goal, status(fact, lower, goal))


def team_of(count: int, language: str) -> list[PlanFactRep]:
    """``count`` reps with three planned metrics each (the realistic case), the first with a
    long name; one on a day off and one without a plan."""
    held, calls, made = METRICS[language][:3]
    reps = []
    for i in range(count):
        name = LONG_NAME if i == 0 else f"Rep {i + 1}"
        if i == 3:
            reps.append(PlanFactRep(name, note=NOTES[language][0], off=True))
        elif i == 4:
            reps.append(PlanFactRep(name, note=NOTES[language][1]))
        else:
            reps.append(
                PlanFactRep(
                    name,
                    (
                        bar(held, i % 6, 3, 3),
                        bar(calls, 40 + 9 * i % 90, 80, 100),
                        bar(made, i % 7, 3, 5),
                    ),
                )
            )
    return reps


def chart_args(language: str) -> dict:
    return {
        "language": language,
        "title": "План и факт · 27.11.2026" if language == "ru" else "Plan vs fact · 2026-11-27",
        "subtitle": "Отдел продаж",
        "legend": plan_fact_legend(Texts(language)),
        "currency": "RUB",
    }


def figures(reps: list[PlanFactRep], language: str = "ru") -> list[Figure]:
    return plan_fact_figures(reps, **chart_args(language))


def size_px(figure: Figure) -> tuple[int, int]:
    width, height = figure.get_size_inches() * figure.dpi
    return round(width), round(height)


def extents_px(patches: list) -> list[tuple[float, float]]:
    """Each bar's left and right edge in pixels, top to bottom."""
    boxes = sorted((patch.get_window_extent() for patch in patches), key=lambda box: -box.y1)
    return [(box.x0, box.x1) for box in boxes]


def goal_ticks_px(figure: Figure) -> list[float]:
    (collection,) = [c for c in figure.axes[0].collections if c.get_gid() == "goal"]
    assert isinstance(collection, LineCollection)
    return [
        collection.get_transform().transform(segment)[0][0] for segment in collection.get_segments()
    ]


def overlapping(figure: Figure) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes overlap (a name over a number, say)."""
    renderer = figure.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in visible_texts(figure)]
    return [
        (a, b)
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.overlaps(box_b)
    ]


def joined(figure: Figure) -> str:
    return " ".join(" ".join(texts(figure)).split())


def legend_labels(language: str) -> list[str]:
    legend = plan_fact_legend(Texts(language))
    return [legend.behind, legend.on_track, legend.done, legend.band, legend.goal, legend.off]


# --- a realistic team ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "en"])
def test_twelve_reps_read_on_a_phone_in_pages(language: str) -> None:
    reps = team_of(12, language)
    pages = figures(reps, language)
    assert len(pages) >= 2
    assert len({size_px(page) for page in pages}) == 1  # one size: a tidy album
    names_seen = []
    for number, page in enumerate(pages, start=1):
        width, height = size_px(page)
        assert width == 1280 and height <= SENT_MAX_SIDE_PX
        assert smallest_sent_pt(page) >= MIN_SENT_PT
        assert not cut_labels(page)
        drawn = texts(page)
        for label in legend_labels(language):
            assert label in drawn, label
        assert f"{number}/{len(pages)}" in joined(page)
        assert not overlapping(page)
        names_seen += [t.get_text() for t in page.axes[0].texts if t.get_gid() == "name"]
    # every rep once, the long name whole, in the given order
    assert names_seen == [rep.name for rep in reps]
    assert LONG_NAME in names_seen


@pytest.mark.parametrize("language", ["ru", "en"])
def test_forty_reps_still_fit_pages_with_the_legend(language: str) -> None:
    pages = figures(team_of(40, language), language)
    assert 5 <= len(pages) <= 12
    for page in pages:
        assert size_px(page)[1] <= SENT_MAX_SIDE_PX
        assert legend_labels(language)[0] in texts(page)
    drawn_names = sum(
        len([t for t in page.axes[0].texts if t.get_gid() == "name"]) for page in pages
    )
    assert drawn_names == 40


def test_a_small_team_is_one_page_without_a_page_mark_and_pngs_decode() -> None:
    reps = team_of(3, "ru")
    (page,) = figures(reps)
    assert "1/1" not in joined(page)
    (png,) = plan_fact_charts(reps, **chart_args("ru"))
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        assert image.size == size_px(page)


# --- one axis for every bar ------------------------------------------------------------


def test_every_bar_is_its_share_of_the_goal_on_one_axis() -> None:
    held, calls = METRICS["ru"][:2]
    revenue = METRICS["ru"][3]
    rep = PlanFactRep(
        "Иван",
        (
            bar(held, 3, 3, 3),  # 100 % of a count
            bar(revenue, 90_000, 60_000, 90_000, kind="money"),  # 100 % of an amount
            bar(calls, 50, 80, 100),  # 50 %
            bar(held, 4.5, 3, 3),  # 150 %: the axis's end
        ),
    )
    (page,) = figures([rep])
    full, money, half, edge = extents_px(bars(page, "fact"))
    assert full[0] == money[0] == half[0] == edge[0]  # one origin
    width = full[1] - full[0]
    assert money[1] - money[0] == pytest.approx(width, abs=0.5)
    assert half[1] - half[0] == pytest.approx(width / 2, abs=0.5)
    assert edge[1] - edge[0] == pytest.approx(width * SHARE_MAX, abs=0.5)
    # the goal tick of every bar at the 100 % bar's end
    assert goal_ticks_px(page) == pytest.approx([full[1]] * 4, abs=1)
    # the plan band from lower/goal to the goal: calls 80-100 starts at 80 %
    bands = extents_px(bars(page, "band"))
    assert len(bands) == 4
    assert bands[2][0] == pytest.approx(full[0] + 0.8 * width, abs=0.5)
    assert bands[2][1] == pytest.approx(full[1], abs=0.5)
    assert bands[1][0] == pytest.approx(full[0] + width * 60_000 / 90_000, abs=0.5)
    # the absolute numbers; a share only where the bar cannot show it (none here)
    values = [t.get_text() for t in page.axes[0].texts if t.get_gid() == "value"]
    assert values == [
        "3 / 3",
        "90\xa0000\xa0₽ / 60\xa0000–90\xa0000\xa0₽",
        "50 / 80–100",
        "4,5 / 3",
    ]
    assert not [t for t in page.axes[0].texts if t.get_gid() != "scale" and "%" in t.get_text()]


def test_bars_are_coloured_by_status_and_the_axis_is_labelled() -> None:
    rep = PlanFactRep(
        "Иван", (bar("a", 1, 3, 3), bar("b", 85, 80, 100), bar("c", 6, 3, 5))
    )  # behind, on track, done
    (page,) = figures([rep])
    colours = [patch.get_facecolor() for patch in bars(page, "fact")]
    assert colours == [
        pytest.approx(to_rgba(STATUS_COLOURS[name])) for name in ("behind", "on_track", "done")
    ]
    scale = [t.get_text() for t in page.axes[0].texts if t.get_gid() == "scale"]
    assert scale == ["0", *(format_percent(share, "ru") for share in (0.5, 1.0, 1.5))]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_tiny_fact_is_still_a_visible_bar_and_zero_draws_none(language: str) -> None:
    rep = PlanFactRep(
        "Иван",
        (
            bar("calls", 1, 800, 1000),  # 0.1 % of the goal
            bar("held", 0, 3, 3),
            bar("money", 1, 500_000, 1_000_000, kind="money"),
        ),
    )
    (page,) = figures([rep], language)
    widths = bar_widths_px(bars(page, "fact"))
    assert len(widths) == 2  # a fact of 0 has no bar...
    assert all(width >= MIN_BAR_PX for width in widths)
    # ...but its numbers, its band and its tick are there
    values = [t.get_text() for t in page.axes[0].texts if t.get_gid() == "value"]
    assert values[1] == "0 / 3"
    assert len(bars(page, "band")) == 3 and len(goal_ticks_px(page)) == 3


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_fact_of_seven_hundred_percent_runs_to_the_edge_with_a_mark(language: str) -> None:
    rep = PlanFactRep("Иван", (bar("held", 21, 3, 3), bar("calls", 100, 80, 100)))
    (page,) = figures([rep], language)
    beyond, full = extents_px(bars(page, "fact"))
    assert beyond[1] - beyond[0] == pytest.approx((full[1] - full[0]) * SHARE_MAX, abs=0.5)
    arrows = [p for p in page.axes[0].patches if isinstance(p, Polygon) and p.get_gid() == "beyond"]
    assert len(arrows) == 1
    # the true share is printed after the numbers
    values = [t.get_text() for t in page.axes[0].texts if t.get_gid() == "value"]
    assert values[0] == f"21 / 3 · {format_percent(7, language)}"
    assert max(percents(page)) == 700.0
    assert plan_fact_legend(Texts(language)).beyond in texts(page)
    # without a fact beyond the axis there is no such legend entry
    (plain,) = figures([PlanFactRep("Иван", (bar("calls", 100, 80, 100),))], language)
    assert plan_fact_legend(Texts(language)).beyond not in texts(plain)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_day_off_and_no_plan_are_rows_without_bars(language: str) -> None:
    day_off, no_plan = NOTES[language]
    reps = [
        PlanFactRep("Петр", note=day_off, off=True),
        PlanFactRep("Анна", note=no_plan),
    ]
    (page,) = figures(reps, language)
    assert bars(page, "fact") == [] and bars(page, "band") == []
    notes = [t for t in page.axes[0].texts if t.get_gid() == "note"]
    assert [t.get_text() for t in notes] == [day_off, no_plan]
    # the day off is the grey of the legend, not a status colour
    (grey,) = bars(page, "off")
    assert grey.get_facecolor() == pytest.approx(to_rgba(STATUS_COLOURS["off"]))


def test_long_names_and_long_amounts_wrap_never_cut() -> None:
    name = "Мария-Антуанетта Сидорова-Воскресенская-Преображенская " * 3
    rep = PlanFactRep(
        name,
        (bar("выручка повторных продаж", 12_345_678.9, 10_000_000, 15_000_000, kind="money"),),
    )
    (page,) = figures([rep])
    assert not cut_labels(page)
    assert smallest_sent_pt(page) >= MIN_SENT_PT
    (shown,) = [t.get_text() for t in page.axes[0].texts if t.get_gid() == "name"]
    assert len(shown.splitlines()) > 1  # wrapped, at spaces or hyphens, and whole
    assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", name)
    (value,) = [t.get_text() for t in page.axes[0].texts if t.get_gid() == "value"]
    # the currency sign once for the range; a wrap never splits an amount
    assert value.replace("\n", " ") == (
        "12\xa0345\xa0678,90\xa0₽ / 10\xa0000\xa0000–15\xa0000\xa0000\xa0₽"
    )
    # no text runs past the right margin
    renderer = page.canvas.get_renderer()
    width = page.get_size_inches()[0] * page.dpi
    for text in page.axes[0].texts:
        assert text.get_window_extent(renderer).x1 <= width - 20, text.get_text()


def test_a_long_team_name_in_the_header_wraps_never_cut() -> None:
    team = "Отдел продаж корпоративных клиентов Северо-Западного федерального округа " * 3
    args = {**chart_args("ru"), "subtitle": team}
    for page in plan_fact_figures(team_of(12, "ru"), **args):
        assert not cut_labels(page)
        # the subtitle, whole (wrapped at spaces or after a hyphen)
        drawn = [re.sub(r"\s", "", text) for text in texts(page)]
        assert any(re.sub(r"\s", "", team) in text for text in drawn)
        assert size_px(page)[1] <= SENT_MAX_SIDE_PX


def test_no_reps_is_a_dash_and_an_unknown_status_is_refused() -> None:
    (page,) = figures([])
    assert "—" in texts(page)
    with pytest.raises(ValueError, match="status"):
        figures([PlanFactRep("x", (PlanFactBar("a", "count", 1, 1, 1, "late"),))])


# --- from the digest's data ------------------------------------------------------------


def test_the_digest_gives_every_planned_metric_and_marks_off_and_unplanned_reps() -> None:
    day = Period.containing(date(2026, 11, 27), "day")
    ivan = RepDigest(
        "Ivan",
        "sdr",
        "done",
        (),
        (
            PlanFact("meetings_held", 3, Target(3, 3), "done"),
            PlanFact("calls_60", 85, Target(80, 100), "on_track"),
            PlanFact("meetings_set", 4, Target(3, 5), "on_track"),
        ),
    )
    anna = RepDigest("Anna", "hunter", "none", (PlanFact("payments_as_hunter", 1, None),))
    petr = RepDigest("Petr", "sdr", "off", ())
    hunter = RepDigest(
        "Olga",
        "hunter",
        "behind",
        (),
        (PlanFact("revenue_as_hunter", Decimal("106000"), Target(60_000, 90_000), "done"),),
    )
    data = DigestData(
        "day", day, (petr, ivan, anna, hunter), {}, {}, 0.0, None, None, NO_DIAGNOSIS
    )  # no team numbers (metrics, cohort): this is about the reps
    reps = plan_fact_reps(data, TEAM, Texts("ru"))
    assert [rep.name for rep in reps] == ["Ivan", "Olga", "Anna", "Petr"]
    assert [b.label for b in reps[0].bars] == [
        "проведённые встречи",
        "звонки от 60 с",
        "назначенные встречи",
    ]
    assert [(b.fact, b.lower, b.goal, b.status) for b in reps[0].bars][1] == (
        85.0,
        80,
        100,
        "on_track",
    )
    assert reps[1].bars[0].kind == "money" and reps[1].bars[0].fact == 106_000.0
    assert (reps[2].note, reps[2].off) == ("нет плана", False)
    assert (reps[3].note, reps[3].off) == ("выходной", True)


def test_a_rep_with_more_bars_than_a_page_holds_goes_on_under_their_name() -> None:
    name = "Мария-Антуанетта Сидорова-Воскресенская-Преображенская " * 3
    many = tuple(
        bar(f"выручка повторных продаж {i}", 1_234_567.89 * i, 1_000_000, 15_000_000, "money")
        for i in range(1, 15)
    )
    pages = figures([PlanFactRep(name, many), PlanFactRep("Иван", many[:2])])
    assert len(pages) >= 2
    assert all(size_px(page)[1] <= SENT_MAX_SIDE_PX for page in pages)
    assert sum(len(bars(page, "fact")) for page in pages) == len(many) + 2
    names = [t.get_text() for page in pages for t in page.axes[0].texts if t.get_gid() == "name"]
    assert names[-1] == "Иван" and len(names) >= 3  # the long block was split, name repeated
