"""/diagnose on five weeks of records: the planted problem is named, with its checks."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from matplotlib.image import imread

from bot import rendering
from storage.rollups import refresh_call_days_of_team
from storage.sources import SourcesRepo
from storage.tables import calls, leads, meeting_events, meetings, payments
from tests.support import factories as f
from views.charts.base import SENT_MAX_SIDE_PX

FRIDAY = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
LAST_WEEK = date(2026, 11, 16)  # Monday; the four weeks before it are the baseline
IVAN, OLEG, PETR = 901, 902, 903
NORMAL = {
    "calls": 400,
    "leads": 60,
    "targeted": 40,
    "set": 20,
    "confirmed": 17,
    "held": 15,
    "paid": 5,
}


class Writer:
    """Writes a week of an SDR's records straight into the tables (fast, exact)."""

    def __init__(self, conn, team_id: int, sources: list[int]) -> None:
        self.conn = conn
        self.team_id = team_id
        self.sources = sources
        self.meeting_id = 0

    async def week(self, member_id: int, monday: date, numbers: dict) -> None:
        days = [monday + timedelta(days=i) for i in range(5)]

        def at(day: date) -> datetime:
            return datetime.combine(day, time(9, 0), tzinfo=UTC)

        await self.conn.execute(
            calls.insert(),
            [
                dict(
                    team_id=self.team_id,
                    member_id=member_id,
                    duration_s=120,
                    count=numbers["calls"] // 5,
                    direction="out",
                    day=day,
                    occurred_at=at(day),
                )
                for day in days
            ],
        )
        await self.conn.execute(
            leads.insert(),
            [
                dict(
                    team_id=self.team_id,
                    member_id=member_id,
                    source_id=self.sources[n % 2],
                    qualification="targeted" if n < numbers["targeted"] else "non_targeted",
                    day=days[n % 5],
                    occurred_at=at(days[n % 5]),
                )
                for n in range(numbers["leads"])
            ],
        )
        for n in range(numbers["set"]):
            self.meeting_id += 1
            day = days[n % 5]
            steps = ["set"]
            if n < numbers["confirmed"]:
                steps.append("confirmed")
            if n < numbers["held"]:
                steps.append("held")
            await self.conn.execute(
                meetings.insert().values(
                    id=self.meeting_id,
                    team_id=self.team_id,
                    setter_id=member_id,
                    source_id=self.sources[n % 2],
                    client=f"client {self.meeting_id}",
                    status=steps[-1],
                    created_at=at(day),
                )
            )
            for kind in steps:
                await self.conn.execute(
                    meeting_events.insert().values(
                        team_id=self.team_id,
                        meeting_id=self.meeting_id,
                        kind=kind,
                        actor_id=member_id,
                        day=day,
                        occurred_at=at(day),
                    )
                )
            if n < numbers["paid"]:
                await self.conn.execute(
                    payments.insert().values(
                        team_id=self.team_id,
                        kind="new",
                        meeting_id=self.meeting_id,
                        member_id=member_id,
                        amount=100_000,
                        currency="RUB",
                        day=day,
                        occurred_at=at(day),
                    )
                )


async def five_weeks(chat, admin, last_week: dict[int, dict]) -> None:
    """Three SDRs, two sources; four normal weeks, then last week as given per rep."""
    await chat.send(admin, "/start")
    ids = {}
    for tg_id, name in ((IVAN, "Ivan"), (OLEG, "Oleg"), (PETR, "Petr")):
        ids[tg_id] = (await chat.add_member(tg_id, name, {"sdr"}, username=name.lower())).id
    async with chat.db.transaction() as conn:
        repo = SourcesRepo(conn)
        sources = [(await repo.add(chat.team.id, name)).id for name in ("google", "yandex")]
        writer = Writer(conn, chat.team.id, sources)
        for weeks_back in range(4, 0, -1):
            for tg_id in ids:
                await writer.week(ids[tg_id], LAST_WEEK - timedelta(weeks=weeks_back), NORMAL)
        for tg_id in ids:
            await writer.week(ids[tg_id], LAST_WEEK, last_week.get(tg_id, NORMAL))
        await refresh_call_days_of_team(conn, chat.team.id)


@pytest.fixture
async def no_payments_for_ivan(chat, admin):
    """Situation 1 planted in Ivan: meetings held as usual, no payments, non-targeted leads."""
    await five_weeks(chat, admin, {IVAN: {**NORMAL, "targeted": 10, "paid": 0}})
    return chat


async def test_the_planted_situation_is_named_with_its_checks(
    no_payments_for_ivan, admin, monkeypatch
):
    monkeypatch.setattr(rendering, "ACTION_AFTER_S", 0)  # show "sending photo" at once
    chat = no_payments_for_ivan
    with time_machine.travel(FRIDAY, tick=False):
        await chat.send(admin, "/diagnose прошлая неделя")
    sent = chat.bot.sent(admin["id"])
    text = sent[-1].text
    assert "Диагностика · весь отдел" in text and "16.11–22.11.2026" in text
    assert "Сравнение со средним за 4 таких же периода" in text
    assert "<b>1. Много встреч, но мало оплат или их нет</b> — Ivan" in text
    assert "Упало: проведена → оплачена 0,0\xa0% (база 33,3\xa0%, -100,0\xa0%) ⬇" in text
    assert "В норме: проведённые встречи 15 (база 15, 0,0\xa0%)" in text
    first = text.index("1) назначены ли встречи целевым лидам")
    second = text.index("2) Старый это источник или новый")
    third = text.index("3) Прослушайте звонки лидоруба")
    assert first < second < third
    assert "доля целевых лидов 16,7\xa0% (база 66,7\xa0%, -75,0\xa0%) ⬇ — низко" in text
    assert "Где сломалось:</b> встречи назначают нецелевым лидам" in text
    # nobody else is blamed
    assert "— Oleg" not in text and "— Petr" not in text
    buttons = [b.text for row in sent[-1].reply_markup.inline_keyboard for b in row]
    assert buttons == ["1. Взять в работу: Ivan", "По сотрудникам", "По источникам"]
    (photo,) = chat.bot.sent(admin["id"], method="sendPhoto")
    height, width, _ = imread(io.BytesIO(photo.photo.data)).shape
    assert width == 1280 and height <= SENT_MAX_SIDE_PX
    actions = chat.bot.sent(admin["id"], method="sendChatAction")
    assert actions and {a.action for a in actions} == {"upload_photo"}


async def test_drill_down_by_rep_and_by_source(no_payments_for_ivan, admin):
    chat = no_payments_for_ivan
    with time_machine.travel(FRIDAY, tick=False):
        await chat.send(admin, "/diagnose прошлая неделя")
        message = chat.bot.sent(admin["id"])[-1]
        for row in message.reply_markup.inline_keyboard:
            for button in row:
                await chat.feed(f.callback_update(admin, button.callback_data))
    texts = chat.bot.texts_to(admin["id"])
    reps = next(t for t in texts if "По сотрудникам</b>" in t)
    assert "🔴 <b>Ivan</b>: " in reps and "проведена → оплачена 0,0\xa0% (33,3\xa0%) ⬇" in reps
    assert "🟢 <b>Oleg</b>" in reps and "🟢 <b>Petr</b>" in reps
    by_source = next(t for t in texts if "По источникам</b>" in t)
    assert "google" in by_source and "yandex" in by_source


async def test_a_rep_diagnoses_only_themselves(no_payments_for_ivan):
    chat = no_payments_for_ivan
    ivan = f.user(IVAN, "Ivan", username="ivan")
    with time_machine.travel(FRIDAY, tick=False):
        reply = await chat.send(ivan, "/diagnose прошлая неделя")
        assert "Диагностика · Ivan" in reply and "— Ivan" in reply
        # no drill-down for a rep; their own finding they may take on
        markup = chat.bot.sent(IVAN)[-1].reply_markup
        assert [b.text for row in markup.inline_keyboard for b in row] == [
            "1. Взять в работу: Ivan"
        ]
        oleg = f.user(OLEG, "Oleg", username="oleg")
        assert "основные показатели в норме" in await chat.send(oleg, "/diagnose прошлая неделя")
        assert "свои цифры" in await chat.send(ivan, "/diagnose прошлая неделя @oleg")


async def test_clients_who_do_not_confirm(chat, admin):
    """Situation 2 planted in Oleg: as many set, far fewer confirmed and held."""
    await five_weeks(chat, admin, {OLEG: {**NORMAL, "confirmed": 6, "held": 5, "paid": 2}})
    with time_machine.travel(FRIDAY, tick=False):
        reply = await chat.send(admin, "/diagnose прошлая неделя @oleg")
    assert "Много назначенных встреч, но мало проведённых</b> — Oleg" in reply
    assert "4) конверсия из назначенной в подтверждённую и в проведённую" in reply
    assert "Где сломалось:</b> клиенты не подтверждают встречи — выясните, почему" in reply


async def test_not_enough_data_is_said_not_invented(chat, admin):
    await chat.send(admin, "/start")
    with time_machine.travel(FRIDAY, tick=False):
        reply = await chat.send(admin, "/diagnose")
    assert "Мало данных, чтобы делать выводы" in reply


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/diagnose 31.02", "Не понимаю период"),
        ("/diagnose неделя @nobody", "не сотрудник и не источник"),
        ("/diagnose следующая неделя", "/diagnose"),
    ],
)
async def test_bad_input_is_explained(chat, admin, command, answer):
    await chat.send(admin, "/start")
    with time_machine.travel(FRIDAY, tick=False):
        assert answer in await chat.send(admin, command)


async def test_the_weekly_digest_carries_what_to_check(no_payments_for_ivan, admin):
    chat = no_payments_for_ivan
    # Monday 09:00 in Moscow: the weekly digest of the week of LAST_WEEK is due
    with time_machine.travel(datetime(2026, 11, 23, 6, 0, tzinfo=UTC), tick=False):
        await chat.send(admin, "/digest неделя")
    text = "\n".join(chat.bot.texts_to(admin["id"]))
    assert "📊 <b>Итоги недели · Отдел продаж</b> · неделя 16.11–22.11.2026" in text
    assert "<b>Что проверить</b>:" in text
    assert "🩺 Ivan: Много встреч, но мало оплат или их нет — проведена → оплачена 0,0\xa0%" in text
    assert text.count("🩺") <= 3
    assert "/diagnose" in text
