"""/funnel, /stats, /sources <period>, /top, /report on a seeded demo history."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from matplotlib.figure import Figure
from matplotlib.image import imread

from bot import rendering
from metrics.engine import METRIC_KEYS, compute
from metrics.periods import Period
from storage import analytics, journal
from storage.analytics import SOURCE, Scope
from storage.demo import generate_demo
from storage.journal import local_day
from storage.repos import MembersRepo, utcnow
from storage.sources import SourcesRepo
from tests.support import factories as f
from tests.support.figures import percents, visible_texts
from views import charts
from views.charts.base import SENT_MAX_SIDE_PX
from views.formatting import format_count, format_percent

IVAN = 900001  # an SDR of the demo team
ANNA = 900004  # a hunter
MARIA = 900006  # the farmer


@pytest.fixture
async def demo(chat, admin, db, team):
    await chat.send(admin, "/start")
    async with db.transaction() as conn:
        await generate_demo(conn, team, days=21, seed=7)
    return chat


def month_label(team) -> str:
    today = local_day(team, utcnow())
    return Period.containing(today, "month").label("ru")


async def source_id(db, team, name: str) -> int:
    async with db.read() as conn:
        return (await SourcesRepo(conn).resolve(team.id, name)).id


def month_scope(team, member_id=None):
    today = local_day(team, utcnow())
    start = today.replace(day=1)
    end = (
        start.replace(month=start.month % 12 + 1, day=1)
        if start.month < 12
        else date(start.year + 1, 1, 1)
    )
    return Scope(team_id=team.id, start=start, end=end - timedelta(days=1), min_call_seconds=60)


async def test_manager_funnel_month_is_a_chart_with_the_teams_numbers(demo, admin, db, team):
    await demo.send(admin, "/funnel month")
    photo = demo.bot.sent(admin["id"], method="sendPhoto")[-1]
    async with db.read() as conn:
        m = compute(await analytics.team_counts(conn, month_scope(team)))
    caption = photo.caption
    assert caption.startswith("<b>Команда «Отдел продаж»</b>")
    # the plural form of each count is tested in tests/handlers/test_plurals.py
    n = {key: format_count(value, "ru") for key, value in m.items()}  # 1 160: grouped
    assert re.search(rf"📞 {n['calls_60']} звон(ок|ка|ков) от 60 с · ⏱ ", caption)
    assert f"🤝 встречи: назначено {n['meetings_set']} · проведено {n['meetings_held']}" in caption
    async with db.read() as conn:
        cohort = compute(
            await analytics.team_counts(conn, replace(month_scope(team), mode="cohort"))
        )
    held = format_count(cohort["meetings_held"], "ru")
    assert f"🏁 проведено {held} · назначена → проведена " in caption
    image = imread(io.BytesIO(photo.photo.data))
    assert image.shape[1] == 1280 and 800 <= image.shape[0] <= 2560


async def test_rep_sees_own_funnel_and_not_others(demo, db, team):
    ivan = f.user(IVAN, "Иван", last_name="Петров", language_code="ru")
    await demo.send(ivan, "/funnel month")
    photo = demo.bot.sent(IVAN, method="sendPhoto")[-1]
    async with db.read() as conn:
        member = await MembersRepo(conn).by_tg_id(IVAN)
        m = compute(await analytics.member_counts(conn, month_scope(team), member.id))
    assert photo.caption.startswith("<b>Иван Петров</b>")
    assert f"проведено {m['meetings_held']}" in photo.caption
    reply = await demo.send(ivan, "/funnel month Анна")
    assert "свои цифры" in reply
    assert "свои цифры" in await demo.send(ivan, "/funnel month google")


async def test_hunter_and_farmer_funnels_follow_their_role(demo):
    anna = f.user(ANNA, "Анна", last_name="Волкова", language_code="en")
    await demo.send(anna, "/funnel month")
    assert "meetings held" in demo.bot.sent(ANNA, method="sendPhoto")[-1].caption
    maria = f.user(MARIA, "Мария", last_name="Фёдорова", language_code="en")
    await demo.send(maria, "/funnel month")
    assert "repeat sales" in demo.bot.sent(MARIA, method="sendPhoto")[-1].caption


async def test_funnel_cohort_and_named_subjects(demo, admin):
    await demo.send(admin, "/funnel прошлый месяц когорта Иван")
    caption = demo.bot.sent(admin["id"], method="sendPhoto")[-1].caption
    assert "Иван Петров" in caption
    assert "<b>Встречи, назначенные за период: что с ними стало</b>" in caption
    # the chart shows the period's counts and the cohort either way: "cohort" changes nothing
    await demo.send(admin, "/funnel прошлый месяц Иван")
    assert demo.bot.sent(admin["id"], method="sendPhoto")[-1].caption == caption
    await demo.send(admin, "/funnel month google")
    assert "Источник google" in demo.bot.sent(admin["id"], method="sendPhoto")[-1].caption
    reply = await demo.send(admin, "/funnel month nobody-at-all")
    assert "не сотрудник и не источник" in reply and "/funnel" in reply


# --- a week where period mode says "confirmed 1 -> held 7" -------------------------------

FRIDAY = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # the week of 23-29 November
SDR_ID, HUNTER_ID = 801, 804


@pytest.fixture
def figures(monkeypatch) -> list[Figure]:
    """Every figure a chart view draws, kept to read what it drew."""
    drawn: list[Figure] = []
    render_png = charts.base.render_png

    def keep(figure: Figure) -> bytes:
        drawn.append(figure)
        return render_png(figure)

    monkeypatch.setattr(charts.base, "render_png", keep)
    return drawn


@pytest.fixture
async def held_seven(chat, admin):
    """Six meetings set last week and held this week without a confirmation; of the three
    set this week one is confirmed, held and paid, one cancelled, one still open. Period
    mode: set 3, confirmed 1, held 7 (700 % "confirmed -> held"). The cohort of the
    week: set 3, confirmed 1, held 1, paid 1."""
    with time_machine.travel(FRIDAY, tick=False):
        await chat.send(admin, "/start")
    setter = await chat.add_member(SDR_ID, "Ivan", {"sdr"}, username="ivan")
    closer = await chat.add_member(HUNTER_ID, "Anna", {"hunter"}, username="anna")
    last_week, monday = FRIDAY - timedelta(days=10), FRIDAY - timedelta(days=4)

    async def step(meeting_id: int, event: str, at: datetime) -> None:
        actor = closer if event == "held" else setter
        await journal.transition_meeting(
            conn, chat.team, actor, meeting_id=meeting_id, event=event, occurred_at=at
        )

    async with chat.db.transaction() as conn:
        for n in range(6):
            _, old = await journal.set_meeting(
                conn, chat.team, setter, occurred_at=last_week, client=f"Old{n}", hunter=closer
            )
            await step(old.id, "held", monday)
        fresh = []
        for n in range(3):
            _, meeting = await journal.set_meeting(
                conn, chat.team, setter, occurred_at=monday, client=f"New{n}", hunter=closer
            )
            fresh.append(meeting.id)
        await step(fresh[0], "confirmed", monday + timedelta(hours=1))
        await step(fresh[0], "held", monday + timedelta(days=1))
        await journal.record_new_payment(
            conn,
            chat.team,
            closer,
            meeting_id=fresh[0],
            amount=Decimal(1000),
            occurred_at=monday + timedelta(days=2),
        )
        await step(fresh[1], "cancelled", monday + timedelta(hours=2))
    return chat


def drawn_counts(figure: Figure, gid: str) -> list[str]:
    return [t.get_text() for t in visible_texts(figure) if t.get_gid() == gid]


@pytest.mark.parametrize("args", ["week", "week cohort"])
async def test_funnel_shows_the_weeks_counts_and_its_cohort_never_above_100_percent(
    held_seven, admin, figures, args
):
    with time_machine.travel(FRIDAY, tick=False):
        await held_seven.send(admin, f"/funnel {args}")
    caption = held_seven.bot.sent(admin["id"], method="sendPhoto")[-1].caption
    # the week's own counts, as counts
    assert "🤝 встречи: назначено 3 · проведено 7" in caption
    # what became of the three meetings set this week, each conversion by its name
    assert "🤝 назначено 3\n" in caption
    assert "✅ подтверждено 1 · назначена → подтверждена 33,3\xa0%" in caption
    assert "🏁 проведено 1 · назначена → проведена 33,3\xa0%" in caption
    assert "💰 оплачено 1 · проведена → оплачена 100,0\xa0%" in caption
    assert "Из назначенных: 1 отменена · 1 ещё без итога" in caption
    assert "700" not in caption and "подтверждена → проведена" not in caption
    shown = [float(p.replace(",", ".")) for p in re.findall(r"(\d+(?:,\d+)?)\xa0%", caption)]
    assert shown and max(shown) <= 100

    figure = figures[-1]
    assert percents(figure) and max(percents(figure)) <= 100
    assert drawn_counts(figure, "value") == ["3", "1", "1", "1"]  # the cohort's steps
    assert drawn_counts(figure, "count")[3:5] == ["3", "7"]  # the week's set and held
    assert [t for t in drawn_counts(figure, "conversion") if "подтверждена → проведена" in t] == []


async def test_a_reps_funnel_in_english_is_their_cohort_too(held_seven, figures):
    ivan = f.user(SDR_ID, "Ivan", username="ivan", language_code="en")
    with time_machine.travel(FRIDAY, tick=False):
        await held_seven.send(ivan, "/funnel week")
    caption = held_seven.bot.sent(SDR_ID, method="sendPhoto")[-1].caption
    assert "🤝 meetings: set 3 · held 7" in caption
    assert "🏁 held 1 · set → held 33.3%" in caption
    assert "💰 paid 1 · held → paid 100.0%" in caption
    assert max(percents(figures[-1])) <= 100
    assert drawn_counts(figures[-1], "conversion") == [
        "set → confirmed 33.3%",
        "set → held 33.3%",
        "held → paid 100.0%",
    ]


async def test_a_hunters_funnel_follows_the_meetings_they_held(held_seven, admin, figures):
    with time_machine.travel(FRIDAY, tick=False):
        await held_seven.send(admin, "/funnel week Anna")
    caption = held_seven.bot.sent(admin["id"], method="sendPhoto")[-1].caption
    assert "🏁 7 проведённых встреч · 📄 КП: 0" in caption  # held this week
    assert "💰 оплачено 1 · проведена → оплачена (хантер) 100,0\xa0%" in caption  # the cohort
    assert drawn_counts(figures[-1], "value") == ["1", "1"]


async def test_a_slow_funnel_shows_sending_photo(held_seven, admin, monkeypatch):
    monkeypatch.setattr(rendering, "ACTION_AFTER_S", 0)
    with time_machine.travel(FRIDAY, tick=False):
        await held_seven.send(admin, "/funnel week")
    methods = [r.__api_method__ for r in held_seven.bot.requests]
    assert "sendChatAction" in methods
    assert methods.index("sendChatAction") < methods.index("sendPhoto")
    action = held_seven.bot.sent(admin["id"], method="sendChatAction")[-1]
    assert action.action == "upload_photo"


async def test_stats_lists_role_metrics_main_indicator_first(demo):
    ivan = f.user(IVAN, "Иван", last_name="Петров", language_code="en")
    reply = await demo.send(ivan, "/stats month")
    lines = reply.splitlines()
    sdr_start = lines.index("<b>SDR</b>")
    assert lines[sdr_start + 1].startswith("meetings held: ") and lines[sdr_start + 1].endswith("★")
    assert "calls of 60 s+" in reply and "Hunter" not in reply


async def test_team_stats_shows_the_teams_numbers_under_the_team_not_under_a_role(
    demo, admin, db, team
):
    reply = await demo.send(admin, "/stats month")
    async with db.read() as conn:
        m = compute(await analytics.team_counts(conn, month_scope(team)))
    lines = reply.splitlines()
    assert lines[0].startswith("<b>Команда «Отдел продаж»</b>")
    for role in ("Лидоруб", "Хантер", "Фермер"):
        assert f"<b>{role}</b>" not in reply
    # the team's numbers right under the team, the business indicator first
    n = {key: format_count(value, "ru") for key, value in m.items()}  # 1 160: grouped
    assert lines[1:3] == ["", f"оплаты: <b>{n['payments']}</b> ★"]
    assert m["calls_total"] > 0 and m["calls_60"] > 0
    assert [line for line in lines if line.startswith("все звонки:")] == [
        f"все звонки: <b>{format_count(m['calls_total'], 'ru')}</b>"
    ]
    assert [line for line in lines if line.startswith("звонки от 60 с:")] == [
        f"звонки от 60 с: <b>{n['calls_60']}</b>"
    ]
    assert f"повторные продажи: <b>{n['repeat_payments']}</b>" in lines
    assert f"отправленные КП: <b>{n['proposals']}</b>" in lines
    # a hunter-attributed number of the team would only repeat the team's own
    assert "(хантер)" not in reply


async def test_a_sources_stats_are_listed_under_the_source(demo, admin):
    reply = await demo.send(admin, "/stats month google")
    lines = reply.splitlines()
    assert lines[0].startswith("<b>Источник google</b>")
    assert lines[2].startswith("оплаты: ") and lines[2].endswith("★")
    for role in ("Лидоруб", "Хантер", "Фермер"):
        assert f"<b>{role}</b>" not in reply
    # repeat sales and proposals have no source
    assert "повторные продажи" not in reply and "отправленные КП" not in reply


async def test_a_farmers_stats_keep_the_calls_under_the_farmer(demo, db, team):
    maria = f.user(MARIA, "Мария", last_name="Фёдорова", language_code="ru")
    reply = await demo.send(maria, "/stats month")
    async with db.read() as conn:
        member = await MembersRepo(conn).by_tg_id(MARIA)
        m = compute(await analytics.member_counts(conn, month_scope(team), member.id))
    lines = reply.splitlines()
    farmer = lines.index("<b>Фермер</b>")
    assert lines[farmer + 1].startswith("выручка повторных продаж: ")
    assert lines[farmer + 1].endswith("★")
    assert f"все звонки: <b>{format_count(m['calls_total'], 'ru')}</b>" in lines[farmer:]
    assert "<b>Лидоруб</b>" not in reply


async def test_sources_report_compares_sources(demo, admin, db, team, monkeypatch):
    monkeypatch.setattr(rendering, "ACTION_AFTER_S", 0)
    await demo.send(admin, "/sources month")
    actions = demo.bot.sent(admin["id"], method="sendChatAction")
    assert actions and {a.action for a in actions} == {"upload_photo"}
    photo = demo.bot.sent(admin["id"], method="sendPhoto")[-1]
    lines = photo.caption.splitlines()
    assert lines[0] == "<b>Источники</b> · " + month_label(team)
    rows = lines[1:-1]
    # the demo logs calls without a source; that is no reason for a "no source" row
    names = [re.match(r"<b>(.*?)</b>", row).group(1) for row in rows]
    assert sorted(names) == ["google", "yandex"]
    held = [int(re.search(r"проведено (\d+)", row).group(1)) for row in rows]
    assert held == sorted(held, reverse=True)  # most meetings held first
    # held -> paid is the cohort's (the meetings set this month): a share, never above 100 %
    async with db.read() as conn:
        period = await analytics.counts(conn, month_scope(team), SOURCE)
        cohort = await analytics.counts(conn, replace(month_scope(team), mode="cohort"), SOURCE)
    assert period[None].activity.calls_total > 0 and period[None].activity.leads_new == 0
    for row, source in zip(rows, names, strict=True):
        value = compute(cohort[await source_id(db, team, source)])["conv_held_to_paid"]
        assert row.endswith(f"проведена → оплачена {format_percent(value, 'ru')}")
        assert value is None or value <= 1
    assert "из встреч, назначенных в этом периоде" in lines[-1]
    image = imread(io.BytesIO(photo.photo.data))
    assert image.shape[1] == 1440 and image.shape[0] <= SENT_MAX_SIDE_PX
    await demo.send(admin, "/sources month cohort")
    caption = demo.bot.sent(admin["id"], method="sendPhoto")[-1].caption
    assert caption.startswith(f"<b>Источники</b> · {month_label(team)} · когорта")


async def test_top_is_for_managers_unless_opened(demo, admin):
    ivan = f.user(IVAN, "Иван", last_name="Петров", language_code="ru")
    assert "Рейтинг видит руководитель" in await demo.send(ivan, "/top month")
    reply = await demo.send(admin, "/top month")
    assert "лидоруб" in reply and "Иван Петров" in reply and "Мария Фёдорова" in reply
    await demo.send(admin, "/settop on")
    assert "Рейтинг" in await demo.send(ivan, "/top month")


async def test_report_sends_csv_and_xlsx(demo, admin):
    await demo.send(admin, "/report month")
    documents = demo.bot.sent(admin["id"], method="sendDocument")
    csv_doc, xlsx_doc = documents[-2], documents[-1]
    rows = list(csv.reader(io.StringIO(csv_doc.document.data.decode())))
    assert rows[0][:3] == ["person_id", "name", "roles"] and rows[0][3:] == list(METRIC_KEYS)
    assert rows[1][0] == "total"
    assert xlsx_doc.document.filename.endswith(".xlsx")
    assert zipfile.is_zipfile(io.BytesIO(xlsx_doc.document.data))


async def test_bad_period_is_explained(demo, admin):
    reply = await demo.send(admin, "/funnel 2026-13-45")
    assert "Не понимаю период" in reply and "/funnel" in reply
