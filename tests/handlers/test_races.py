"""/race (start, stop, the board, the errors), /optout and /optin through the real
Dispatcher, on the day of work the other handler tests use (Friday 27 November 2026:
Ivan set four meetings, Oleg one; Anna held three of Ivan's)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
import time_machine

from bot.race_jobs import announce_races
from storage.repos import TeamsRepo
from storage.tables import race_milestones, races
from tests.conftest import ADMIN_ID
from tests.handlers import test_webapp
from tests.handlers.conftest import ANNA, FRIDAY_EVENING, IVAN, MARIA, OLEG, PETR
from tests.support import factories as f
from tests.support.telegram_html import visible_text
from tests.support.webapp import read_board

NOW = FRIDAY_EVENING + timedelta(minutes=30)
GROUP = -100500
# the wallboard's fixtures and helper (its HTTP routes on aiohttp's test server)
client, web_settings, board = test_webapp.client, test_webapp.web_settings, test_webapp.board
ivan = f.user(IVAN, "Ivan", username="ivan")
oleg = f.user(OLEG, "Oleg", username="oleg")


@pytest.fixture
def at_friday():
    with time_machine.travel(NOW, tick=False):
        yield


async def said(chat, who, text) -> str:
    reply = await chat.send(who, text)
    assert reply is not None, text
    return visible_text(reply)


async def race_count(db) -> int:
    async with db.read() as conn:
        return await conn.scalar(sa.select(sa.func.count()).select_from(races))


async def test_a_manager_starts_a_race_and_everyone_sees_its_board(
    day_of_work, admin, db, at_friday
):
    chat = day_of_work
    reply = await said(chat, admin, "/race meetings_set 10")
    assert "Гонка началась" in reply
    assert "Гонка: назначенные встречи · 27.11.2026–30.11.2026" in reply
    assert "Команда: 5 из 10 (50,0\xa0%)" in reply
    assert "Осталось 4 дня" in reply
    assert reply.index("1. Ivan: 4") < reply.index("2. Oleg: 1")
    assert "/setchat" in reply  # the team has no chat yet: where the news would go
    board = await said(chat, ivan, "/race")
    assert "Команда: 5 из 10 (50,0\xa0%)" in board
    assert "1. Ivan: 4" in board and "2. Oleg: 1" in board
    assert await race_count(db) == 1


async def test_a_race_until_a_date_ends_that_day(day_of_work, admin, at_friday):
    reply = await said(day_of_work, admin, "/race проведённые встречи 6 до 31.12.2026")
    assert "Гонка: проведённые встречи · 27.11.2026–31.12.2026" in reply
    assert "Команда: 3 из 6 (50,0\xa0%)" in reply
    assert "Осталось 35 дней" in reply


async def test_a_second_race_on_a_metric_asks_to_stop_the_first_and_stop_ends_it(
    day_of_work, admin, db, at_friday
):
    chat = day_of_work
    await said(chat, admin, "/race meetings_set 10")
    second = await said(chat, admin, "/race meetings_set 20")
    assert "уже идёт" in second and "/race stop meetings_set" in second
    assert await race_count(db) == 1
    other = await said(chat, admin, "/race calls_60 200")  # another metric may run too
    assert "Гонка началась" in other
    stopped = await said(chat, admin, "/race stop meetings_set")
    assert "Гонка остановлена досрочно" in stopped
    assert "Команда: 5 из 10 (50,0\xa0%)" in stopped
    board = await said(chat, ivan, "/race")
    assert "звонки от 60 с" in board and "назначенные встречи" not in board
    again = await said(chat, admin, "/race stop meetings_set")
    assert "Гонки по показателю «назначенные встречи» сейчас нет" in again


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("/race conv_set_to_held 50", "доля или среднее"),
        ("/race meetings_set", "Укажите цель гонки"),
        ("/race meetings_set много", "Цель «много» не подходит"),
        ("/race meetings_set 10 до 01.11.2026", "уже прошла"),
        ("/race meetings_set 10 до 31.02.2027", "Не понял дату окончания «31.02.2027»"),
        ("/race неизвестно 10", "Не знаю показатель «неизвестно»"),
    ],
)
async def test_bad_words_get_a_clear_error_with_an_example_and_change_nothing(
    day_of_work, admin, db, at_friday, text, says
):
    reply = await said(day_of_work, admin, text)
    assert says in reply
    assert re.search(r"(например|Примеры): /race \w+ \d+", reply), reply  # an example
    assert await race_count(db) == 0


async def test_a_rep_sees_races_but_cannot_start_or_stop_one(day_of_work, db, at_friday):
    assert "Сейчас гонок нет" in await said(day_of_work, ivan, "/race")
    reply = await said(day_of_work, ivan, "/race meetings_set 10")
    assert "руководитель" in reply
    assert "руководитель" in await said(day_of_work, ivan, "/race stop meetings_set")
    assert await race_count(db) == 0


async def test_optout_hides_a_rep_from_top_and_the_race_but_not_from_the_totals(
    day_of_work, admin, at_friday
):
    chat = day_of_work
    await said(chat, admin, "/race meetings_set 10")
    stats_before = await said(chat, admin, "/stats неделя")
    assert "Oleg" in await said(chat, admin, "/top неделя")

    reply = await said(chat, oleg, "/optout")
    assert "вас больше не видно в рейтингах" in reply and "/optin" in reply
    assert "уже скрыты" in await said(chat, oleg, "/optout")

    top = await said(chat, admin, "/top неделя")
    assert "Oleg" not in top and "Ivan" in top
    board = await said(chat, admin, "/race")
    assert "Команда: 5 из 10 (50,0\xa0%)" in board  # Oleg's meeting still counts
    assert "1. Ivan: 4" in board and "Oleg" not in board
    assert await said(chat, admin, "/stats неделя") == stats_before

    assert "снова в рейтингах" in await said(chat, oleg, "/optin")
    assert "Oleg" in await said(chat, admin, "/top неделя")
    assert "2. Oleg: 1" in await said(chat, admin, "/race")


class Recorder:
    """Delivery's one method the race job uses: the texts it was given, per chat."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def send_text(self, chat_id: int, text: str) -> object:
        self.sent.append((chat_id, visible_text(text)))
        return object()


async def test_the_team_chat_gets_each_milestone_once_and_the_highest_of_several(
    day_of_work, admin, db, team, settings
):
    chat = day_of_work
    delivery = Recorder()
    async with db.transaction() as conn:
        await TeamsRepo(conn).set_manager_chat(team.id, GROUP)
    with time_machine.travel(NOW, tick=False):
        await said(chat, admin, "/race meetings_set 9")
        clock = lambda: NOW  # noqa: E731
        # 5 of 9: 55 %
        assert await announce_races(db, delivery, settings, clock) == [(1, "50", "sent")]
        assert await announce_races(db, delivery, settings, clock) == []
        for n in range(10):  # 15 of 9: 166 %, past 100 % and 150 % at once
            await chat.send(ivan, f"/meeting set More{n}")
        assert await announce_races(db, delivery, settings, clock) == [(1, "150", "sent")]
        assert await announce_races(db, delivery, settings, clock) == []
    texts = [text for chat_id, text in delivery.sent if chat_id == GROUP]
    assert len(texts) == 2
    assert "Половина пути! Команда прошла 50,0\xa0% цели гонки «назначенные встречи»" in texts[0]
    assert "Полторы цели! Команда прошла 150,0\xa0%" in texts[1]
    assert "Команда: 15 из 9" in texts[1] and "1. Ivan: 14" in texts[1]
    async with db.read() as conn:
        marks = sa.select(race_milestones.c.mark, race_milestones.c.status)
        rows = (await conn.execute(marks)).all()
    assert sorted(rows) == [("100", "skipped"), ("150", "sent"), ("50", "sent")]

    # after the last day (30 November), the result, once
    later = NOW + timedelta(days=4)
    with time_machine.travel(later, tick=False):
        assert await announce_races(db, delivery, settings, lambda: later) == [
            (1, "result", "sent")
        ]
        assert await announce_races(db, delivery, settings, lambda: later) == []
    result = delivery.sent[-1][1]
    assert "Гонка «назначенные встречи» закончилась: цель взята!" in result
    assert "Команда: 15 из 9 (166,7\xa0%)" in result
    assert "1. Ivan: 14" in result and "2. Oleg: 1" in result
    assert "Сейчас гонок нет" in await said(chat, ivan, "/race")


async def test_a_stopped_race_gets_its_result_and_a_team_without_a_chat_no_message(
    day_of_work, admin, db, settings, at_friday
):
    chat = day_of_work
    delivery = Recorder()
    await said(chat, admin, "/race meetings_set 100")
    await said(chat, admin, "/race stop meetings_set")
    assert await announce_races(db, delivery, settings, lambda: NOW) == [(1, "result", "no_chat")]
    assert delivery.sent == []


def people(html: str) -> tuple[set[int], set[int], dict[str, str]]:
    """Whose rep cards a board shows, who is in its ranking, and the team's numbers."""
    _root, _panels, numbers = read_board(html)
    cards = {int(rep) for rep in re.findall(r'data-rep="(\d+)"', html)}
    ranked = {int(n["person"]) for n in numbers if n.get("score") is not None}
    team = {
        n["metric"]: n["value"]
        for n in numbers
        if n.get("scope") == "team" and n["mode"] == "period" and n.get("from") is None
    }
    return cards, ranked, team


async def test_the_wallboard_ranks_nobody_who_opted_out_and_the_tv_does_not_show_them(
    day_of_work,
    client,
    db,
    team,
    web_settings,
):
    async with db.transaction() as conn:
        await TeamsRepo(conn).set_reps_see_top(team.id, True)
        token = await TeamsRepo(conn).new_tv_token(team.id)
    before = people((await board(client, web_settings, ADMIN_ID))["html"])
    assert OLEG in before[1]
    tv = await (await client.get(f"/app/api/tv/{token}?period=week")).json()
    assert OLEG in people(tv["html"])[0]

    await day_of_work.send(oleg, "/optout")

    cards, ranked, totals = people((await board(client, web_settings, ADMIN_ID))["html"])
    assert cards == {IVAN, OLEG, PETR, ANNA, MARIA}  # a manager still sees Oleg's card
    assert ranked == {IVAN, PETR}  # but not in the ranking
    assert totals == before[2] and totals["meetings_set"] == "5"  # Oleg's meeting counts
    _cards, ranked, _totals = people((await board(client, web_settings, IVAN))["html"])
    assert ranked == {IVAN, PETR}
    tv = await (await client.get(f"/app/api/tv/{token}?period=week")).json()
    cards, ranked, totals = people(tv["html"])
    assert OLEG not in cards and OLEG not in ranked and IVAN in cards
    assert totals == before[2]
    own = people((await board(client, web_settings, OLEG))["html"])
    assert own[0] == {OLEG}  # his own card is still his to see

    await day_of_work.send(oleg, "/optin")
    assert OLEG in people((await board(client, web_settings, ADMIN_ID))["html"])[1]
