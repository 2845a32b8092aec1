"""The funnel chart as a person reads it: the period's counts as counts, the cohort's
funnel on a linear scale with its conversions by name (never above 100 %, never an
arrow), nothing cut, letters big enough on a phone, no half-empty picture.

Everything is read from the drawn figure (``tests/support/figures.py``), built by the
view (``views.stats.funnel_figure``) from hand-made period and cohort numbers.
"""

from __future__ import annotations

import gc
import io
import re
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from PIL import Image

from bot.i18n import Texts
from metrics.counts import Activity, Counts, Meetings
from metrics.engine import compute
from metrics.periods import Period
from metrics.registry import name as metric_name
from services.stats import FunnelNumbers
from services.subjects import TEAM, Subject
from storage.models import Member, Team
from storage.sources import Source
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
from views import charts
from views.charts import DPI, FUNNEL_WIDTH_IN, PALETTE, CountTile, FunnelStep
from views.charts.base import MIN_SENT_PT
from views.charts.funnel import step_label
from views.formatting import format_count, format_metric
from views.stats import funnel_caption, funnel_figure, funnel_png

TEAM_ROW = Team(
    id=1,
    name="Отдел продаж «Север»",
    timezone="Europe/Moscow",
    language="ru",
    workdays=(1, 2, 3, 4, 5),
    digest_time="19:00",
    currency="RUB",
    manager_chat_id=None,
)
WEEK = Period.between(date(2026, 11, 16), date(2026, 11, 22))
LANGUAGES = ("ru", "en")

# the conversions a cohort funnel may carry: each a subset over its superset
STEP_CONVERSIONS = {
    "sdr": ("conv_set_to_confirmed", "conv_set_to_held", "conv_held_to_paid"),
    "hunter": ("conv_held_to_paid_as_hunter",),
}
SDR_STEP_KEYS = ("meetings_set", "meetings_confirmed", "meetings_held", "meetings_paid")
HUNTER_STEP_KEYS = ("meetings_held_as_hunter", "meetings_paid_as_hunter")


def member(name: str, *roles: str) -> Subject:
    return Subject(
        "member",
        member=Member(7, 1, 700, name, None, frozenset(roles), None, None, True),
    )


def counts(activity: dict, setter: dict, hunter: dict | None = None) -> dict:
    return compute(Counts(Activity(**activity), Meetings(**setter), Meetings(**(hunter or setter))))


ACTIVITY = dict(calls_total=120, calls_60=85, call_seconds=12_000, leads_new=12, leads_targeted=7)
# the day: period mode says "confirmed 1 -> held 7" (held this week, set before)
SMALL = FunnelNumbers(
    TEAM,
    WEEK,
    counts(
        ACTIVITY,
        dict(
            meetings_set=4,
            meetings_confirmed=1,
            meetings_held=7,
            meetings_paid=2,
            payments=3,
            revenue=Decimal(106_000),
        ),
    ),
    counts(
        ACTIVITY,
        dict(
            meetings_set=4,
            meetings_confirmed=1,
            meetings_held=3,
            meetings_cancelled=1,
            meetings_paid=1,
            payments=1,
            revenue=Decimal(50_000),
        ),
    ),
)
HUGE_ACTIVITY = dict(
    calls_total=987_654,
    calls_60=812_345,
    call_seconds=248_439_960,
    leads_new=123_456,
    leads_targeted=80_001,
    proposals=9_000,
    repeat_payments=3_210,
    repeat_revenue=Decimal("98765432.10"),
    active_clients=2_870,
)
HUGE = FunnelNumbers(
    TEAM,
    WEEK,
    counts(
        HUGE_ACTIVITY,
        dict(
            meetings_set=15_400,
            meetings_confirmed=13_020,
            meetings_held=11_000,
            meetings_paid=3_900,
            payments=5_120,
            revenue=Decimal("1234567890.55"),
        ),
    ),
    counts(
        HUGE_ACTIVITY,
        dict(
            meetings_set=15_400,
            meetings_confirmed=12_000,
            meetings_held=10_100,
            meetings_cancelled=2_000,
            meetings_no_show=1_300,
            meetings_paid=52,
            payments=60,
            revenue=Decimal(9_000_000),
        ),
    ),
)
ZEROS = FunnelNumbers(TEAM, WEEK, counts({}, {}), counts({}, {}))
LONG_NAME = "Александра Константинопольская"
LONG_SDR = FunnelNumbers(member(LONG_NAME, "sdr"), WEEK, SMALL.metrics, SMALL.cohort)
LONG_SOURCE = FunnelNumbers(
    Subject("source", source=Source(3, 1, "Яндекс Директ — ретаргетинг")),
    WEEK,
    SMALL.metrics,
    SMALL.cohort,
)
HUNTER = FunnelNumbers(
    member("Анна Волкова", "hunter"),
    WEEK,
    counts(
        dict(proposals=6),
        {},
        dict(
            meetings_held=9,
            meetings_paid=2,
            payments=2,
            revenue=Decimal(212_000),
            sales_cycle_days=(3.0, 5.5),
        ),
    ),
    counts(
        dict(proposals=6),
        {},
        dict(meetings_held=6, meetings_paid=4, payments=5, revenue=Decimal(300_000)),
    ),
)
HUNTER_ZEROS = FunnelNumbers(member("Анна Волкова", "hunter"), WEEK, ZEROS.metrics, ZEROS.cohort)
FARMER = FunnelNumbers(member("Мария Фёдорова", "farmer"), WEEK, HUGE.metrics, HUGE.cohort)

CASES = {
    "team": SMALL,
    "huge": HUGE,
    "zeros": ZEROS,
    "long sdr": LONG_SDR,
    "long source": LONG_SOURCE,
    "hunter": HUNTER,
    "hunter zeros": HUNTER_ZEROS,
    "farmer": FARMER,
}


def drawn(case: str, language: str) -> Figure:
    return funnel_figure(CASES[case], TEAM_ROW, Texts(language))


def by_gid(figure: Figure, gid: str) -> list[str]:
    """The texts drawn with ``gid``, a wrapped one read as one line (a wrap breaks at a
    space; the no-break spaces inside a number stay)."""
    return [t.get_text().replace("\n", " ") for t in visible_texts(figure) if t.get_gid() == gid]


def number(text: str) -> float:
    """A count as printed ("15 400", "15,400") back to a number."""
    return float(re.sub(r"[\s\u00a0\u202f,]", "", text))


def size_px(figure: Figure) -> tuple[int, int]:
    width, height = figure.get_size_inches() * figure.dpi
    return round(width), round(height)


def png_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.size


def lowest_drawn_px(figure: Figure) -> float:
    """How far above the bottom edge the lowest text or bar ends, in pixels."""
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    bottoms = [text.get_window_extent(renderer).y0 for text in visible_texts(figure)]
    bottoms += [bar.get_window_extent(renderer).y0 for bar in bars(figure) if bar.get_width()]
    return min(bottoms)


# --- every case, both languages: the properties a person relies on ---------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_reads_on_a_phone_without_zooming_and_nothing_is_cut(case: str, language: str) -> None:
    figure = drawn(case, language)
    width, height = size_px(figure)
    assert width == 1280
    assert height <= SENT_MAX_SIDE_PX  # never shrunk by Telegram
    assert smallest_sent_pt(figure) >= MIN_SENT_PT
    assert not cut_labels(figure)
    assert not [text for text in texts(figure) if "↓" in text or "↑" in text]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_no_conversion_above_100_percent_and_each_by_its_name(case: str, language: str) -> None:
    numbers = CASES[case]
    figure = drawn(case, language)
    shown = percents(figure)
    assert all(0 <= value <= 100 for value in shown)
    role = numbers.subject.role
    allowed = {metric_name(key, language) for key in STEP_CONVERSIONS.get(role, ())}
    conversions = by_gid(figure, "conversion")
    assert len(conversions) == len(allowed)
    for label in conversions:
        ratio_name, value = label.rsplit(" ", 1)
        assert ratio_name in allowed, label
        assert value == "—" or value.endswith("%")
    # confirmed -> held can pass 100 % even in a cohort: it is never drawn
    forbidden = metric_name("conv_confirmed_to_held", language)
    assert not [text for text in texts(figure) if forbidden in " ".join(text.split())]
    if case in ("team", "huge", "hunter"):
        assert shown  # the check above is not vacuous


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", ["team", "huge", "long sdr", "hunter", "zeros"])
def test_cohort_bars_are_linear_in_the_printed_counts(case: str, language: str) -> None:
    figure = drawn(case, language)
    keys = HUNTER_STEP_KEYS if CASES[case].subject.role == "hunter" else SDR_STEP_KEYS
    steps = [bars(figure, key) for key in keys]
    assert all(len(found) == 1 for found in steps)
    widths = bar_widths_px(found[0] for found in steps)
    values = [number(text) for text in by_gid(figure, "value")]
    assert len(values) == len(keys)
    largest = max(values)
    assert widths[values.index(largest)] == max(widths)
    if largest == 0:
        assert widths == [0] * len(keys)
        return
    full = max(widths)
    assert full > 900  # the first step is the full bar, most of the 1280 px
    for value, width in zip(values, widths, strict=True):
        assert width == pytest.approx(full * value / largest, abs=1.0)
    for key, (bar,) in zip(keys, steps, strict=True):
        assert bar.get_facecolor() == pytest.approx(to_rgba(PALETTE[key]))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_the_picture_fills_the_canvas(case: str, language: str) -> None:
    figure = drawn(case, language)
    _, height = size_px(figure)
    assert lowest_drawn_px(figure) <= 0.15 * height


# --- what is drawn: the period's counts, the cohort's steps -----------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_period_counts_are_tiles_and_the_cohort_is_the_funnel(language: str) -> None:
    figure = drawn("team", language)
    m, c = SMALL.metrics, SMALL.cohort
    tiles = by_gid(figure, "count")
    assert tiles == [
        format_metric(key, m[key], language, currency="RUB")
        for key in (
            "calls_60",
            "minutes_on_line",
            "leads_new",
            "meetings_set",
            "meetings_held",
            "payments",
        )
    ]
    labels = by_gid(figure, "count_label")
    assert labels[4] == charts.capitalized(metric_name("meetings_held", language))
    assert tiles[4] == "7"  # the period's meetings held: a count, not a step
    notes = " ".join(by_gid(figure, "count_note"))
    assert metric_name("targeted_share", language) in notes
    assert format_metric("revenue", m["revenue"], language, currency="RUB") in notes
    # the cohort: 4 set -> 1 confirmed, 3 held -> 1 paid
    assert [number(text) for text in by_gid(figure, "value")] == [4, 1, 3, 1]
    assert by_gid(figure, "conversion") == [
        f"{metric_name(key, language)} {format_metric(key, c[key], language)}"
        for key in STEP_CONVERSIONS["sdr"]
    ]
    assert by_gid(figure, "step") == [charts.capitalized(metric_name("meetings_set", language))]
    headings = by_gid(figure, "heading")
    heading = Texts(language)("funnel_cohort_heading")
    assert headings == [Texts(language)("funnel_counts_heading"), heading]
    # what else became of the cohort: one cancelled (no no-shows, none still open)
    assert by_gid(figure, "cohort_note") == [
        {"ru": "Из назначенных: 1 отменена", "en": "Of the meetings set: 1 cancellation"}[language]
    ]


def test_the_cohort_note_says_only_what_happened() -> None:
    cohort = counts(ACTIVITY, dict(meetings_set=40, meetings_held=10, meetings_no_show=2))
    numbers = FunnelNumbers(TEAM, WEEK, SMALL.metrics, cohort)
    figure = funnel_figure(numbers, TEAM_ROW, Texts("ru"))
    assert by_gid(figure, "cohort_note") == ["Из назначенных: 2 неявки · 28 ещё без итога"]
    assert by_gid(drawn("zeros", "ru"), "cohort_note") == []


def test_the_hunter_chart_agrees_with_its_caption() -> None:
    texts_ru = Texts("ru")
    figure = funnel_figure(HUNTER, TEAM_ROW, texts_ru)
    (conversion,) = by_gid(figure, "conversion")
    assert conversion == "проведена → оплачена (хантер) 66,7\u00a0%"  # 4 of 6 held
    caption = funnel_caption(HUNTER, TEAM_ROW, texts_ru)
    assert conversion in caption
    assert [number(text) for text in by_gid(figure, "value")] == [6, 4]
    assert by_gid(figure, "count")[:2] == ["9", "6"]  # held in the period, proposals


def test_the_farmer_has_counts_only() -> None:
    figure = funnel_figure(FARMER, TEAM_ROW, Texts("en"))
    assert by_gid(figure, "count_label") == [
        "All calls",
        "Calls of 60 s+",
        "Repeat sales",
        "Repeat sales revenue",
        "Active clients",
    ]
    assert by_gid(figure, "count")[0] == "987,654"
    assert not by_gid(figure, "conversion") and not by_gid(figure, "value")
    assert not [bar for bar in bars(figure) if bar.get_gid() != "tile"]
    assert len(by_gid(figure, "heading")) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_names_wrap_and_stay_whole(language: str) -> None:
    for case, name in (("long sdr", LONG_NAME), ("long source", "Яндекс Директ — ретаргетинг")):
        figure = drawn(case, language)
        assert name in " ".join(" ".join(texts(figure)).split())


def test_a_very_long_title_wraps_to_as_many_lines_as_it_needs() -> None:
    name = "Отдел продаж по работе с ключевыми клиентами Северо-Западного федерального округа"
    team = replace(TEAM_ROW, name=name * 2)
    figure = funnel_figure(SMALL, team, Texts("ru"))
    assert not cut_labels(figure)
    assert name in " ".join(figure.get_suptitle().split())
    assert size_px(figure)[1] <= SENT_MAX_SIDE_PX


def test_huge_amounts_fit_their_tiles() -> None:
    figure = drawn("huge", "ru")
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    tiles = [bar.get_window_extent(renderer) for bar in bars(figure, "tile")]
    for text in visible_texts(figure):
        if text.get_gid() in ("count", "count_label", "count_note"):
            box = text.get_window_extent(renderer)
            assert any(
                tile.x0 <= box.x0 and box.x1 <= tile.x1 and tile.y0 <= box.y0 for tile in tiles
            ), text.get_text()
    assert "1\u00a0234\u00a0567\u00a0890,55\u00a0₽" in " ".join(by_gid(figure, "count_note"))


# --- the caption says what the chart shows -----------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_the_caption_agrees_with_the_chart(case: str, language: str) -> None:
    texts_ = Texts(language)
    numbers = CASES[case]
    caption = funnel_caption(numbers, TEAM_ROW, texts_)
    figure = funnel_figure(numbers, TEAM_ROW, texts_)
    in_caption = [
        float(match.group(1).replace("\u00a0", "").replace(",", ".").replace(" ", ""))
        for match in re.finditer(r"(\d[\d\u00a0 ]*(?:[.,]\d+)?)\u00a0?%", caption)
    ]
    assert all(value <= 100 for value in in_caption)
    for conversion in by_gid(figure, "conversion"):
        assert conversion in caption
    assert "↓" not in caption
    if numbers.subject.role != "farmer":
        assert texts_("funnel_cohort_heading") in caption


# --- the chart function itself ----------------------------------------------------------


def test_steps_are_labelled_by_their_conversion_or_their_name() -> None:
    first = FunnelStep("meetings_set", "Назначенные встречи", 10)
    held = FunnelStep("meetings_held", "Проведённые встречи", 6, "назначена → проведена", 0.6)
    undefined = FunnelStep("meetings_held", "Проведённые встречи", 0, "назначена → проведена")
    assert step_label(first, "ru") == "Назначенные встречи"
    assert step_label(held, "ru") == "назначена → проведена 60,0\u00a0%"
    assert step_label(held, "en") == "назначена → проведена 60.0%"
    assert step_label(undefined, "ru") == "назначена → проведена —"


def test_an_empty_chart_shows_a_dash_and_keeps_its_width() -> None:
    figure = charts.funnel_figure(language="ru", title="Команда")
    assert "—" in texts(figure)
    assert size_px(figure) == (1280, round(charts.MIN_HEIGHT_IN * DPI))
    assert png_size(charts.render_png(figure)) == size_px(figure)


def test_a_label_longer_than_a_line_wraps_to_more_lines() -> None:
    long = "Очень длинное название показателя, которое никак не помещается в одну строку " * 2
    figure = charts.funnel_figure(
        language="ru",
        title="Команда",
        tiles=[CountTile(long, "1"), CountTile("Короткий", "2", long)],
        steps=[FunnelStep("meetings_set", long, 3)],
    )
    assert not cut_labels(figure)
    (label,) = by_gid(figure, "step")
    assert label == " ".join(long.split())
    assert len(by_gid(figure, "count_label")) == 2
    drawn_label = next(t for t in visible_texts(figure) if t.get_gid() == "step").get_text()
    assert len(drawn_label.splitlines()) >= 2


def test_png_has_the_figures_size() -> None:
    numbers = CASES["team"]
    figure = funnel_figure(numbers, TEAM_ROW, Texts("ru"))
    data = funnel_png(numbers, TEAM_ROW, Texts("ru"))
    assert png_size(data) == size_px(figure)
    assert size_px(figure)[0] == round(FUNNEL_WIDTH_IN * DPI)


def test_numbers_are_written_by_the_one_formatter() -> None:
    for language in LANGUAGES:
        figure = charts.funnel_figure(
            language=language,
            title="t",
            steps=[
                FunnelStep("meetings_set", "set", 1250),
                FunnelStep("meetings_held", "held", 812.5, "set → held", 812.5 / 1250),
            ],
        )
        assert by_gid(figure, "value") == [
            format_count(1250, language),
            format_count(812.5, language),
        ]
        if language == "ru":
            assert not any(re.search(r"\d\.\d", text) for text in texts(figure))


def test_emoji_are_dropped_and_dollars_stay_literal() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = charts.funnel_figure(
            language="ru",
            title="Команда 🚀 Альфа · $100 и $200",
            tiles=[CountTile("Звонки 📞", "5", "выручка 🤑 1 000 ₽")],
            steps=[FunnelStep("meetings_set", "Встречи 🤝", 5)],
        )
        charts.render_png(figure)
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert figure.get_suptitle() == "Команда Альфа · $100 и $200"
    assert {"Звонки", "Встречи", "выручка 1 000 ₽"} <= set(texts(figure))


# --- rendering and memory --------------------------------------------------------------


def live_figures() -> int:
    gc.collect()
    return sum(isinstance(o, Figure) for o in gc.get_objects())


def test_render_png_is_repeatable_and_keeps_no_raster() -> None:
    figure = drawn("team", "ru")
    first = charts.render_png(figure)
    assert charts.render_png(figure) == first
    assert getattr(figure.canvas, "renderer", None) is None  # the buffer was let go
    with Image.open(io.BytesIO(first)) as image:
        assert image.info["dpi"] == pytest.approx((DPI, DPI), abs=0.01)


def test_renders_in_worker_threads_match_serial_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts.base, "DPI", 50)  # small rasters: this is about threads, not pixels
    cases = list(CASES)

    def one(i: int) -> bytes:
        return funnel_png(CASES[cases[i % len(cases)]], TEAM_ROW, Texts(LANGUAGES[i % 2]))

    serial = [one(i) for i in range(4)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(one, range(4))) == serial


def test_fifty_funnels_leave_no_figure_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts.base, "DPI", 20)  # same code path, 1/100 of the pixels: fast
    funnel_png(HUNTER, TEAM_ROW, Texts("ru"))  # warm up caches (font lookups) before counting
    before = live_figures()
    for _ in range(50):
        funnel_png(HUNTER, TEAM_ROW, Texts("ru"))
    assert live_figures() <= before
