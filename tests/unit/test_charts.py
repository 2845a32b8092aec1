"""Charts: PNGs decode at the documented size; bars, numbers and colours match the data."""

from __future__ import annotations

import ast
import gc
import io
import math
import re
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from PIL import Image

from views import charts
from views.charts import (
    DPI,
    FUNNEL_SIZE_IN,
    MIN_BAR_FRACTION,
    PALETTE,
    SOURCE_COUNT_KEYS,
    SOURCE_SHARE_KEYS,
    STATUS_COLOURS,
    FunnelStage,
    funnel_bar_lengths,
    funnel_chart,
    funnel_figure,
    render_png,
)
from views.formatting import format_count, format_percent

TEAM = "Отдел продаж «Север»"
PERIOD = "март 2026"
TITLE = f"{TEAM} · {PERIOD}"

STAGES = [
    FunnelStage("calls_60", "Звонки > 60 с", 400),
    FunnelStage("meetings_set", "Назначено встреч", 100),
    FunnelStage("meetings_confirmed", "Подтверждено", 50),
    FunnelStage("meetings_held", "Проведено", 40),
    FunnelStage("meetings_paid", "Оплачено", 10),
]
# --- helpers ---------------------------------------------------------------------------


def texts(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text()]


def joined(figure: Figure) -> str:
    return " ".join(" ".join(texts(figure)).split())  # wrapped lines read as one


def bars(figure: Figure, gid: str) -> list[Rectangle]:
    return [p for p in figure.findobj(Rectangle) if p.get_gid() == gid]


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        image.load()  # decodes every row and checks the zlib stream
        return image.size


def expected_px(figure: Figure) -> tuple[int, int]:
    width, height = figure.get_size_inches() * figure.dpi
    return round(width), round(height)


def live_figures() -> int:
    gc.collect()
    return sum(isinstance(o, Figure) for o in gc.get_objects())


# --- formatting ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "en"])
def test_numbers_on_charts_are_written_by_the_one_formatter(language: str) -> None:
    stages = [FunnelStage("calls_60", "calls", 1250), FunnelStage("meetings_set", "set", 812.5)]
    drawn = texts(funnel_figure(stages, language=language, title=TITLE))
    assert format_count(1250, language) in drawn
    assert format_count(812.5, language) in drawn
    assert f"↓ {format_percent(812.5 / 1250, language)}" in drawn
    if language == "ru":
        assert not any(re.search(r"\d\.\d", text) for text in drawn)


def test_palette_gives_each_funnel_step_its_own_valid_colour() -> None:
    steps = ["calls_60", "meetings_set", "meetings_confirmed", "meetings_held", "meetings_paid"]
    assert len({PALETTE[key] for key in steps}) == len(steps)
    assert len({PALETTE[key] for key in (*SOURCE_COUNT_KEYS, *SOURCE_SHARE_KEYS)}) == 6
    assert set(STATUS_COLOURS) == {"behind", "on_track", "done", "off"}
    assert all(len(to_rgba(c)) == 4 for c in (*PALETTE.values(), *STATUS_COLOURS.values()))


# --- funnel ----------------------------------------------------------------------------


def test_funnel_png_has_the_documented_size() -> None:
    data = funnel_chart(
        STAGES, language="ru", title=TITLE, subtitle="по событиям", footer="Лиды 40"
    )
    assert png_size(data) == (1280, 1600)
    assert (round(FUNNEL_SIZE_IN[0] * DPI), round(FUNNEL_SIZE_IN[1] * DPI)) == (1280, 1600)


def test_funnel_bars_are_sqrt_scaled_with_a_floor() -> None:
    assert funnel_bar_lengths([400, 100, 25, 4]) == pytest.approx([1, 0.5, 0.25, 0.1])
    assert funnel_bar_lengths([10_000, 1, 0, -3, math.nan], span=0.8) == pytest.approx(
        [0.8, 0.8 * MIN_BAR_FRACTION, 0, 0, 0]
    )
    assert funnel_bar_lengths([0, 0]) == [0, 0]
    assert funnel_bar_lengths([]) == []


def test_funnel_figure_bars_values_conversions_and_colours() -> None:
    figure = funnel_figure(
        STAGES,
        language="ru",
        title=TITLE,
        subtitle="1–31 марта",
        footer="Лиды 40 · выручка 1 250 000 ₽",
    )
    widths = {stage.key: bars(figure, stage.key) for stage in STAGES}
    assert all(len(found) == 1 for found in widths.values())
    first = widths["calls_60"][0].get_width()
    for stage in STAGES:
        (bar,) = widths[stage.key]
        assert bar.get_width() == pytest.approx(first * math.sqrt(stage.value / 400))
        assert bar.get_facecolor() == pytest.approx(to_rgba(PALETTE[stage.key]))
    # top to bottom in the given order
    centres = [widths[stage.key][0].get_y() for stage in STAGES]
    assert centres == sorted(centres, reverse=True)

    found = texts(figure)
    for value in ("400", "100", "50", "40", "10"):
        assert value in found
    conversions = [t.get_text() for t in figure.findobj(Text) if t.get_gid() == "conversion"]
    assert conversions == ["↓ 25,0\xa0%", "↓ 50,0\xa0%", "↓ 80,0\xa0%", "↓ 25,0\xa0%"]
    for stage in STAGES:
        assert stage.label in found  # Cyrillic passes through untouched
    assert figure.get_suptitle() == TITLE
    assert TEAM in figure.get_suptitle() and PERIOD in figure.get_suptitle()
    assert "1–31 марта" in found
    assert "Лиды 40 · выручка 1 250 000 ₽" in joined(figure)


def test_funnel_conversion_labels_override_and_length_check() -> None:
    figure = funnel_figure(
        STAGES[:3], language="ru", title=TITLE, conversion_labels=["из звонков", None]
    )
    conversions = [t.get_text() for t in figure.findobj(Text) if t.get_gid() == "conversion"]
    assert conversions == ["из звонков", "↓ 50,0\xa0%"]
    with pytest.raises(ValueError, match="conversion_labels"):
        funnel_figure(STAGES, language="ru", title=TITLE, conversion_labels=["a"])


def test_all_zero_funnel_shows_dashes_not_zero_percent() -> None:
    stages = [FunnelStage(stage.key, stage.label, 0) for stage in STAGES]
    figure = funnel_figure(stages, language="ru", title=TITLE)
    conversions = [t.get_text() for t in figure.findobj(Text) if t.get_gid() == "conversion"]
    assert conversions == ["—"] * 4
    assert not any("%" in text for text in texts(figure))
    assert all(bars(figure, stage.key)[0].get_width() == 0 for stage in stages)
    assert png_size(render_png(figure)) == (1280, 1600)


def test_funnel_after_a_zero_stage_and_into_a_zero_stage() -> None:
    stages = [
        FunnelStage("calls_60", "Звонки", 30),
        FunnelStage("meetings_set", "Назначено", 0),
        FunnelStage("meetings_held", "Проведено", 0),
        FunnelStage("meetings_paid", "Оплачено", 0.5),
    ]
    figure = funnel_figure(stages, language="ru", title=TITLE)
    conversions = [t.get_text() for t in figure.findobj(Text) if t.get_gid() == "conversion"]
    assert conversions == ["↓ 0,0\xa0%", "—", "—"]  # 30 -> 0 is a real 0 %, 0 -> x is undefined
    (tiny,) = bars(figure, "meetings_paid")
    (full,) = bars(figure, "calls_60")
    assert tiny.get_width() == pytest.approx(full.get_width() * math.sqrt(0.5 / 30))
    assert "0,5" in texts(figure)


def test_empty_and_single_stage_funnels_render() -> None:
    empty = funnel_figure([], language="ru", title=TITLE)
    assert "—" in texts(empty)
    assert png_size(render_png(empty)) == (1280, 1600)
    single = funnel_figure([STAGES[0]], language="ru", title=TITLE)
    assert not [t for t in single.findobj(Text) if t.get_gid() == "conversion"]


def test_unknown_stage_key_gets_the_fallback_colour() -> None:
    figure = funnel_figure([FunnelStage("mystery", "Что-то", 3)], language="ru", title=TITLE)
    (bar,) = bars(figure, "mystery")
    assert bar.get_facecolor() == pytest.approx(to_rgba(PALETTE["other"]))


def test_emoji_are_dropped_and_dollars_stay_literal() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = funnel_figure(
            [FunnelStage("calls_60", "Звонки 📞", 5)],
            language="ru",
            title="Команда 🚀 Альфа · $100 и $200",
            footer="выручка 🤑 1 000 ₽",
        )
        render_png(figure)
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert figure.get_suptitle() == "Команда Альфа · $100 и $200"
    assert "Звонки" in texts(figure)
    assert "выручка 1 000 ₽" in joined(figure)


# --- rendering and memory --------------------------------------------------------------


def test_render_png_is_repeatable_and_keeps_no_raster() -> None:
    figure = funnel_figure(STAGES, language="ru", title=TITLE)
    first = render_png(figure)
    assert render_png(figure) == first
    assert getattr(figure.canvas, "renderer", None) is None  # the buffer was let go
    with Image.open(io.BytesIO(first)) as image:
        assert image.info["dpi"] == pytest.approx((DPI, DPI), abs=0.01)


def test_renders_in_worker_threads_match_serial_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts.base, "DPI", 50)  # small rasters: this is about threads, not pixels

    def one(i: int) -> bytes:
        return funnel_chart(STAGES[: 2 + i % 4], language="ru", title=f"{TITLE} {i}")

    serial = [one(i) for i in range(4)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(one, range(4))) == serial


def test_fifty_funnels_leave_no_figure_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts.base, "DPI", 20)  # same code path, 1/100 of the pixels: fast
    stages = STAGES[:3]  # leaks do not depend on the number of stages; text is the slow part
    funnel_chart(
        stages, language="ru", title=TITLE
    )  # warm up caches (font lookups) before counting
    before = live_figures()
    for i in range(50):
        funnel_chart(stages, language="ru", title=f"{TITLE} #{i}", footer="Лиды 40")
    assert live_figures() <= before


def test_charts_module_stays_pure() -> None:
    tree = ast.parse(
        "\n".join(p.read_text(encoding="utf-8") for p in Path(charts.__file__).parent.glob("*.py"))
    )
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert not {name for name in imported if name.startswith("matplotlib.pyplot")}
    assert not {name.split(".")[0] for name in imported} & {"aiogram", "sqlalchemy", "asyncio"}
    assert "matplotlib.backends.backend_agg" in imported
