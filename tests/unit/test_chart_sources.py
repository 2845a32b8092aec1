"""The sources chart as it is drawn: every count on one scale, the sources in the order
that matters, no empty "no source" row, shares on 0-100 %, nothing cut, readable on a
phone, and the text (the photo's caption) saying the same."""

from __future__ import annotations

import io
import re

import pytest
from matplotlib.figure import Figure
from PIL import Image

from bot.i18n import Texts, plain_text
from metrics.counts import Activity, Counts, Meetings
from metrics.engine import compute
from services.sources import SourceNumbers, by_importance
from storage.models import Team
from tests.support.figures import (
    SENT_MAX_SIDE_PX,
    bar_widths_px,
    bars,
    cut_labels,
    percents,
    smallest_sent_pt,
    texts,
)
from views.charts import SOURCE_COUNT_KEYS, SourceRow, render_png, sources_figure
from views.charts.base import MIN_SENT_PT
from views.sources import sources_figure as drawn_sources
from views.sources import sources_text

LANGUAGES = ("ru", "en")
TEAM = Team(1, "Рога & Копыта", "Europe/Moscow", "ru", (1, 2, 3, 4, 5), "19:00", "RUB", None)
LONG = "Яндекс Директ — ретаргетинг"
LONGEST = "Партнёрская программа «Друзья Рогов и Копыт» (Москва и Московская область)"


def source(
    name: str | None,
    leads: int = 0,
    set_: int = 0,
    held: int = 0,
    paid: int = 0,
    *,
    targeted: int = 0,
    calls: int = 0,
    cohort: tuple[int, int] | None = None,
) -> SourceNumbers:
    """A source's numbers; ``cohort``: (held, paid) of the meetings set in the period."""
    activity = Activity(calls_60=calls, calls_total=calls, leads_new=leads, leads_targeted=targeted)
    now = Meetings(meetings_set=set_, meetings_held=held, meetings_paid=paid)
    held_c, paid_c = cohort if cohort is not None else (held, paid)
    followed = Meetings(meetings_set=set_, meetings_held=held_c, meetings_paid=paid_c)
    return SourceNumbers(name, compute(Counts(activity, now)), compute(Counts(activity, followed)))


GOOGLE = source("google", 57, 37, 22, 6, targeted=43, cohort=(17, 2))
YANDEX = source("yandex", 22, 15, 13, 4, targeted=8, cohort=(11, 0))


def figure(rows: list[SourceNumbers], language: str, mode: str = "period") -> Figure:
    return drawn_sources(rows, "март 2026", TEAM, Texts(language), mode)


def names_top_to_bottom(fig: Figure) -> list[str]:
    """The source names as drawn, top to bottom (a wrapped name read as one line)."""
    labels = fig.axes[0].get_yticklabels()
    ordered = sorted(labels, key=lambda label: -label.get_position()[1])
    return [" ".join(label.get_text().split()) for label in ordered]


def width_px_per_count(fig: Figure) -> dict[tuple[str, int], float]:
    """Each drawn count bar's px per unit, by (series, row from the top)."""
    found = {}
    for key in SOURCE_COUNT_KEYS:
        patches = sorted(bars(fig, key), key=lambda p: -p.get_y())
        for row, (patch, px) in enumerate(zip(patches, bar_widths_px(patches), strict=True)):
            found[key, row] = (patch.get_width(), px)
    return found


def joined(fig: Figure) -> str:
    return " ".join(" ".join(texts(fig)).split())


# --- one scale ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_count_is_drawn_on_one_shared_axis(language: str) -> None:
    fig = figure([GOOGLE, YANDEX], language)
    drawn = width_px_per_count(fig)
    leads, paid = drawn["leads_new", 0][1], drawn["meetings_paid", 0][1]
    assert leads / paid == pytest.approx(57 / 6, rel=1e-6)  # 57 leads vs 6 paid of google
    # the same count in two sources and two series: the same length
    assert drawn["meetings_held", 0][1] == pytest.approx(drawn["leads_new", 1][1])  # 22 == 22
    # one px-per-count for every bar of the chart
    per_count = {round(px / value, 6) for value, px in drawn.values() if value}
    assert len(per_count) == 1
    assert drawn["leads_new", 0][1] > 300  # the longest bar uses the panel


@pytest.mark.parametrize("language", LANGUAGES)
def test_shares_are_drawn_on_0_to_100_percent(language: str) -> None:
    half = source("half", 10, 4, 2, 1, targeted=5, cohort=(2, 2))
    fig = figure([half], language)
    (targeted,) = bar_widths_px(bars(fig, "targeted_share"))
    (converted,) = bar_widths_px(bars(fig, "conv_held_to_paid"))
    assert converted == pytest.approx(2 * targeted)  # 100 % is twice 50 %
    assert max(percents(fig)) == 100


# --- order and rows --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_sources_are_drawn_by_meetings_held_then_paid_then_name(language: str) -> None:
    rows = by_importance(
        [
            source("avito", 40, 10, 5, 1),
            source("Сайт", 30, 12, 9, 2),
            source("yandex", 20, 12, 9, 4),
            source("blog", 9, 8, 9, 2),
            source(None, 5, 3, 1, 0),
            source("zeta", 100, 1, 1, 0),
        ]
    )
    fig = figure(rows, language)
    no_source = Texts(language)("no_source")
    assert names_top_to_bottom(fig) == ["yandex", "blog", "Сайт", "avito", "zeta", no_source]
    # the text says them in the same order
    text = sources_text(rows, "март 2026", TEAM, Texts(language))
    said = [re.search(r"<b>(.*?)</b>:", line).group(1) for line in text.splitlines()[1:-1]]
    assert said == ["yandex", "blog", "Сайт", "avito", "zeta", no_source]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_no_source_row_is_drawn_only_with_records(language: str) -> None:
    no_source = Texts(language)("no_source")
    calls_only = source(None, calls=120)  # calls without a source: not a lead, not a meeting
    fig = figure(by_importance([GOOGLE, calls_only]), language)
    assert names_top_to_bottom(fig) == ["google"]
    assert no_source not in joined(fig)
    for with_records in (source(None, leads=1), source(None, set_=1), source(None, paid=1)):
        fig = figure(by_importance([GOOGLE, with_records]), language)
        assert names_top_to_bottom(fig) == ["google", no_source]


# --- honest numbers ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_held_to_paid_is_the_cohorts_and_never_above_100_percent(language: str) -> None:
    # period mode: 9 paid this month (some held last month) of 6 held this month = 150 %
    crossing = source("google", 30, 20, 6, 9, targeted=20, cohort=(5, 2))
    assert crossing.metrics["conv_held_to_paid"] == 1.5
    fig = figure([crossing], language)
    shares = bars(fig, "conv_held_to_paid")
    assert [p.get_width() for p in shares] == [0.4]  # 2 of 5 held of the cohort
    assert max(percents(fig)) <= 100
    text = sources_text([crossing], "март 2026", TEAM, Texts(language))
    found = [float(n.replace(",", ".")) for n in re.findall(r"(\d+(?:[.,]\d+)?)\s?%", text)]
    assert found and max(found) <= 100
    assert "40,0\xa0%" in text if language == "ru" else "40.0%" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_legend_says_which_panel_is_which(language: str) -> None:
    texts_ = Texts(language)
    said = joined(figure([GOOGLE], language))
    assert plain_text(texts_("chart_sources_counts")) in said
    assert plain_text(texts_("chart_sources_shares")) in said
    for key in (*SOURCE_COUNT_KEYS, "targeted_share"):
        assert texts_.metric(key)[1:] in said  # capitalized on the chart
    conversion = plain_text(
        texts_("chart_sources_conversion", conversion=texts_.metric("conv_held_to_paid"))
    )
    assert conversion[1:] in said  # "... (из встреч, назначенных в периоде)"
    assert "Рога & Копыта" in said  # the team, as typed (a chart is not HTML)


# --- readable on a phone ----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_names_wrap_and_nothing_is_cut(language: str) -> None:
    rows = [source(LONG, 120, 40, 30, 9), source(LONGEST, 30, 12, 12, 5), GOOGLE]
    fig = figure(rows, language)
    assert not cut_labels(fig)
    assert names_top_to_bottom(fig)[:2] == [LONG, LONGEST]  # every word of them, in order
    assert len(fig.axes[0].get_yticklabels()[1].get_text().splitlines()) > 2
    assert smallest_sent_pt(fig) >= MIN_SENT_PT


@pytest.mark.parametrize("language", LANGUAGES)
def test_many_sources_stay_within_what_telegram_keeps_and_say_how_many_more(
    language: str,
) -> None:
    rows = by_importance([source(f"{LONG} {i}", 200 - i, 40 - i, 30 - i, 9) for i in range(20)])
    fig = figure(rows, language)
    width, height = fig.get_size_inches() * fig.dpi
    assert round(width) == 1440 and round(height) <= SENT_MAX_SIDE_PX
    drawn = names_top_to_bottom(fig)
    assert 5 <= len(drawn) < 20
    assert drawn == [f"{LONG} {i}" for i in range(len(drawn))]  # the top ones
    more = plain_text(Texts(language)("chart_sources_more", count=20 - len(drawn)))
    assert more in joined(fig)
    assert smallest_sent_pt(fig) >= MIN_SENT_PT
    assert not cut_labels(fig)
    with Image.open(io.BytesIO(render_png(fig))) as image:
        assert image.size == (round(width), round(height))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_small_chart_reads_on_a_phone(language: str) -> None:
    fig = figure([GOOGLE, YANDEX], language, mode="cohort")
    assert smallest_sent_pt(fig) >= MIN_SENT_PT
    assert not cut_labels(fig)
    assert round(fig.get_size_inches()[0] * fig.dpi) == 1440
    texts_ = Texts(language)
    assert plain_text(texts_("chart_sources_subtitle_cohort", team=TEAM.name)) in joined(fig)


def test_zeros_draw_no_bar_and_an_undefined_share_a_dash() -> None:
    fig = figure([source("google", 3), source("yandex", set_=2)], "ru")
    drawn = width_px_per_count(fig)
    assert drawn["meetings_set", 0] == (0, 0)  # google set nothing
    assert drawn["leads_new", 0][0] == 3
    assert [p.get_width() for p in bars(fig, "conv_held_to_paid")] == [0, 0]
    assert texts(fig).count("—") >= 3  # held -> paid of both, targeted share of yandex


def test_no_sources_renders_a_dash_and_a_series_without_a_label_its_key() -> None:
    empty = sources_figure([], language="ru", title="Источники", series_labels={}, more_note=str)
    assert "—" in texts(empty)
    one = sources_figure(
        [SourceRow("google", {"leads_new": 4})],
        language="en",
        title="Sources",
        series_labels={"leads_new": "New leads"},
        more_note=str,
    )
    assert "New leads" in texts(one) and "meetings_paid" in texts(one)
