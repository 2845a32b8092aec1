"""One value, every surface, the same string.

A week of records is seeded so that the team's numbers carry one telling value
of every metric kind (``metrics.registry.KINDS``):

- count: ``calls_60`` = 1250 (grouping: "1 250" / "1,250");
- minutes: ``minutes_on_line`` = 248440 s / 60 = 4140.66... ("4 140,7" / "4,140.7");
- ratio: ``targeted_share`` = 11 / 200 = 0.055 ("5,5 %" / "5.5%") and
  ``conv_call_to_set`` = 5 / 1250 = 0.004 ("0,4 %" / "0.4%": not "0 %");
- money: ``revenue`` = 3 x 247 916,67 = 743 750,01 and ``avg_check`` = 247 916,67
  (kopecks and thousands);
- days: ``sales_cycle_days_as_hunter`` = the median of 1, 3.25 and 5 days (a fraction).

Then ``/stats``, ``/funnel`` (its caption and the chart's drawn labels), ``/digest``
and ``/report`` (its XLSX file) go through the real Dispatcher, and the terminal
report is rendered by ``views.report.report_text`` from the same JSON report; each
surface must write each value exactly as ``views.formatting.format_metric`` writes
the value the JSON report gives. In Russian no number has a decimal point.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.i18n import Texts
from bot.settings import Settings
from metrics.periods import Period
from metrics.registry import metric
from services import report as report_service
from tests.support import factories as f
from tests.support.records import Records, insert
from tests.support.telegram_html import visible_text
from tests.support.xlsx import cells, number_formats
from views import charts
from views.formatting import format_metric
from views.report import report_text

ADMIN_ID = 111
IVAN, ANNA = 801, 802
WEEK = Period.between(date(2026, 11, 16), date(2026, 11, 22))
PERIOD = "2026-11-16..2026-11-22"
NEXT_WEDNESDAY = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # /digest week: Nov 16-22
MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
CYCLES = (timedelta(days=1), timedelta(days=3, hours=6), timedelta(days=5))  # median 3.25

# Russian writes a date with dots (16.11.2026): a date is not a number with a decimal point
_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}(?:\.\d{2,4})?\b")
_DECIMAL_POINT = re.compile(r"\d\.\d")


def _at(moment: datetime) -> dict:
    return {"day": moment.date(), "occurred_at": moment}


async def _seed(chat) -> None:
    ivan = await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
    anna = await chat.add_member(ANNA, "Anna", {"hunter"}, username="anna")
    recs = Records([ivan.id, anna.id], [None])
    call = dict(member_id=ivan.id, direction="out", source_id=None, void=False, **_at(MONDAY))
    recs.calls += [
        {**call, "count": 1249, "duration_s": 198},
        {**call, "count": 1, "duration_s": 1138},  # 1249 * 198 + 1138 = 248440 s
    ]
    for n in range(200):
        recs.leads.append(
            dict(
                member_id=ivan.id,
                source_id=None,
                qualification="targeted" if n < 11 else "non_targeted",
                void=False,
                **_at(MONDAY),
            )
        )
    for meeting_id in range(1, 6):
        held = meeting_id <= 3
        recs.meetings.append(
            dict(
                id=meeting_id,
                setter_id=ivan.id,
                named_hunter_id=anna.id,
                hunter_id=anna.id,
                source_id=None,
            )
        )
        step = dict(meeting_id=meeting_id, void=False)
        recs.events.append({**step, "kind": "set", "actor_id": ivan.id, **_at(MONDAY)})
        if held:
            later = MONDAY + timedelta(hours=3)
            recs.events.append({**step, "kind": "held", "actor_id": anna.id, **_at(later)})
            recs.payments.append(
                dict(
                    kind="new",
                    meeting_id=meeting_id,
                    client=f"Client{meeting_id}",
                    member_id=anna.id,
                    amount=Decimal("247916.67"),
                    void=False,
                    **_at(MONDAY + CYCLES[meeting_id - 1]),
                )
            )
    async with chat.db.transaction() as conn:
        await insert(conn, chat.team.id, recs)


@pytest.fixture
def figures(monkeypatch) -> list[Figure]:
    """Every figure a chart view renders, kept to read the labels it drew."""
    drawn: list[Figure] = []
    render_png = charts.render_png

    def keep(figure: Figure) -> bytes:
        drawn.append(figure)
        return render_png(figure)

    monkeypatch.setattr(charts.base, "render_png", keep)
    return drawn


def drawn_texts(figure: Figure) -> list[str]:
    return [text.get_text() for text in figure.findobj(Text) if text.get_text()]


def shown(report: dict, key: str, language: str) -> str:
    """The value of ``key`` in the team's total, as the one formatter writes it."""
    return format_metric(key, report["total"][key], language, currency="RUB")


def _decimals_shown(text: str, language: str) -> int:
    separator = "," if language == "ru" else "."
    digits = re.search(rf"\d\{separator}(\d+)", text)
    return len(digits.group(1)) if digits else 0


def _decimals_of_format(code: str) -> int:
    decimals = re.search(r"\.(0+)", code)
    return len(decimals.group(1)) if decimals else 0


def assert_no_decimal_point(text: str) -> None:
    found = _DECIMAL_POINT.findall(_DATE.sub("", text))
    assert not found, f"a decimal point in a Russian text: {found} in {text!r}"


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_every_surface_writes_one_value_of_every_kind_the_same_way(
    chat, figures, settings: Settings, language
):
    admin = f.user(ADMIN_ID, "Olga", username="olga_head", language_code=language)
    await chat.send(admin, "/start")
    await _seed(chat)
    report = await report_service.report(chat.db, chat.team, WEEK, "period", settings)
    total = report["total"]
    # the seeded values are the telling ones (else the test would prove little)
    assert total["calls_60"] == 1250 and total["minutes_on_line"] == pytest.approx(4140.7)
    assert total["targeted_share"] == pytest.approx(0.055)
    assert total["conv_call_to_set"] == pytest.approx(0.004)
    assert total["revenue"] == pytest.approx(743750.01)
    assert total["avg_check"] == pytest.approx(247916.67)
    assert total["sales_cycle_days_as_hunter"] not in (
        None,
        int(total["sales_cycle_days_as_hunter"]),
    )
    s = lambda key: shown(report, key, language)  # noqa: E731
    assert s("calls_60") == {"ru": "1\u00a0250", "en": "1,250"}[language]
    assert s("conv_call_to_set") == {"ru": "0,4\u00a0%", "en": "0.4%"}[language]
    assert s("avg_check") == {"ru": "247\u00a0916,67\u00a0₽", "en": "RUB\u00a0247,916.67"}[language]

    # every key and the kind it stands for, on the surfaces that show it
    every_kind = {
        "count": "calls_60",
        "minutes": "minutes_on_line",
        "ratio": "targeted_share",
        "money": "revenue",
    }
    assert {metric(key).kind for key in every_kind.values()} == set(every_kind)
    surfaces: dict[str, tuple[str, tuple[str, ...]]] = {}

    # /stats: the team's numbers, one line per metric, "name: value"
    stats = visible_text(await chat.send(admin, f"/stats {PERIOD}"))
    stats_keys = (*every_kind.values(), "conv_call_to_set", "avg_check")
    stats_keys += ("sales_cycle_days_as_hunter",)
    texts = Texts(language)
    for key in stats_keys:
        label = f"{texts.metric(key)}: "
        line = next(line for line in stats.splitlines() if line.startswith(label))
        assert line.removeprefix(label).removesuffix(" ★") == s(key), line
    surfaces["stats"] = (stats, stats_keys)

    # /funnel: the caption, and the chart's labels (the period's counts in tiles, the
    # cohort's steps with their conversions by name)
    await chat.send(admin, f"/funnel {PERIOD}")
    photo = chat.bot.sent(admin["id"], method="sendPhoto")[-1]
    caption = visible_text(photo.caption)
    caption_keys = (*every_kind.values(), "conv_set_to_held")
    surfaces["caption"] = (caption, caption_keys)
    chart = "\n".join(drawn_texts(figures[-1]))
    tiles = [t.get_text() for t in figures[-1].findobj(Text) if t.get_gid() == "count"]
    conversions = [t.get_text() for t in figures[-1].findobj(Text) if t.get_gid() == "conversion"]
    assert tiles[0] == s("calls_60")  # the first tile: calls of 60 s+
    # the week's meetings were all set, held and paid in it: the cohort's ratio is the
    # period's, and is written the same
    cohort = await report_service.report(chat.db, chat.team, WEEK, "cohort", settings)
    assert cohort["total"]["conv_set_to_held"] == total["conv_set_to_held"] == 0.6
    assert conversions[1] == f"{texts.metric('conv_set_to_held')} {s('conv_set_to_held')}"
    surfaces["chart"] = (chart, caption_keys)

    # a hunter's /funnel: the average check and the sales cycle
    await chat.send(admin, f"/funnel {PERIOD} Anna")
    photo = chat.bot.sent(admin["id"], method="sendPhoto")[-1]
    hunter = next(p for p in report["by_person"] if p["name"] == "Anna")["metrics"]
    hunter_caption = visible_text(photo.caption)
    for key in ("avg_check_as_hunter", "sales_cycle_days_as_hunter", "revenue_as_hunter"):
        assert format_metric(key, hunter[key], language) in hunter_caption, key
    surfaces["hunter caption"] = (hunter_caption, ())

    # /digest week: the week before Wednesday 25 November, the team's line and each rep's
    before = len(chat.bot.requests)
    with time_machine.travel(NEXT_WEDNESDAY, tick=False):
        await chat.send(admin, "/digest week")
    digest = "\n".join(
        visible_text(r.text)
        for r in chat.bot.requests[before:]
        if r.__api_method__ == "sendMessage"
    )
    surfaces["digest"] = (digest, ("calls_60", "revenue"))
    surfaces["digest chart"] = ("\n".join(drawn_texts(figures[-2])), caption_keys)

    # the terminal report: a row per metric, the total first
    text = report_text(report, language, "RUB")
    for key in stats_keys:
        row = re.compile(rf"^{re.escape(metric(key).name(language))}\s{{2,}}(\S.*?)(\s{{2,}}|$)")
        first = next(match for line in text.splitlines() if (match := row.match(line)))
        assert first.group(1) == s(key), (key, first.group(0))
    surfaces["report text"] = (text, stats_keys)

    for surface, (text, keys) in surfaces.items():
        for key in keys:
            assert s(key) in text, f"{surface}: {key} is not written {s(key)!r}:\n{text}"
        if language == "ru":
            assert_no_decimal_point(text)

    # /report: the XLSX cell holds the number; its format shows the formatter's decimals
    await chat.send(admin, f"/report {PERIOD}")
    xlsx = chat.bot.sent(admin["id"], method="sendDocument")[-1].document.data
    found, formats = cells(xlsx), number_formats(xlsx)
    header = {  # row 1: the headers, the metrics' names
        value: column
        for ref, (_, value) in found.items()
        if (column := re.fullmatch(r"([A-Z]+)1", ref)) and (column := column.group(1))
    }
    for key in (*stats_keys, "conv_call_to_set", "calls_total", "meetings_set"):
        column = header[texts.metric(key)]
        kind, value = found[f"{column}2"]  # row 2: the team's total
        assert kind == "number" and float(value) == pytest.approx(float(total[key])), key
        code = formats.get(f"{column}2", "General")
        assert _decimals_of_format(code) == _decimals_shown(s(key), language), (key, code)
        assert code.endswith("%") == (metric(key).kind == "ratio"), (key, code)
        if metric(key).kind != "ratio":  # grouped thousands, as the formatter writes them
            assert "#,##0" in code, (key, code)
