"""End to end: a team race through the real bot process and the fake Bot API.

A manager starts a race on meetings set; a rep who opted out is on no board and in no
ranking, but their meeting counts in the team total; the team's group hears of each
milestone once, across a crash and a restart: 50 % while the bot runs, then 150 % (the
100 % crossed with it is not sent) after a restart, for the meetings logged while the
check was not running; then the result once the race is over, and nothing more.

The checks run every second here (``RACE_CHECK_SECONDS=1``); a run with an hour between
checks stands for "the bot was down": it checks once at start-up and then not again.
The team lives in a fixed-offset zone where it is 12:xx now (no scenario crosses local
midnight) and was created a minute ago (no digest is owed at start-up).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import ensure_default_team
from bot.settings import Settings
from storage import migrate
from storage.db import Database
from storage.repos import MembersRepo
from storage.tables import teams

from .conftest import BotProcess, RunBot
from .fake_bot_api import FakeBotAPI

ADMIN, IVAN, PETR = 111, 501, 502
GROUP = -1001234567001
TIMEOUT = 30.0
EVERY_SECOND = {"RACE_CHECK_SECONDS": "1"}
HOURLY = {"RACE_CHECK_SECONDS": "3600"}
HALF = "Половина пути!"
FULL = "Цель взята!"
ONE_AND_A_HALF = "Полторы цели!"
RESULT = "Гонка «назначенные встречи» закончилась"


def midday_zone(now: datetime) -> ZoneInfo:
    """A whole-hour fixed-offset zone (UTC-12..UTC+11) in which ``now`` is 12:xx."""
    offset = (12 - now.hour) % 24
    if offset > 11:
        offset -= 24
    return ZoneInfo(f"Etc/GMT{-offset:+d}")  # the sign of Etc/GMT zones is inverted


async def prepare(db_path: Path, token: str) -> None:
    """The default team with its group, manager Olga and the SDRs Ivan and Petr."""
    url = f"sqlite+aiosqlite:///{db_path}"
    now = datetime.now(UTC)
    settings = Settings(
        _env_file=None, bot_token=token, database_url=url, admin_ids=(ADMIN,), timezone="UTC"
    )
    db = Database(url)
    try:
        await migrate.upgrade(db)
        team = await ensure_default_team(db, settings)
        async with db.transaction() as conn:
            await conn.execute(
                teams.update()
                .where(teams.c.id == team.id)
                .values(
                    timezone=midday_zone(now).key,
                    workdays="1234567",
                    created_at=now - timedelta(minutes=1),
                    manager_chat_id=GROUP,
                    language="ru",
                )
            )
            repo = MembersRepo(conn)
            for tg_id, name, roles in (
                (ADMIN, "Olga", {"manager"}),
                (IVAN, "Ivan", {"sdr"}),
                (PETR, "Petr", {"sdr"}),
            ):
                await repo.add(
                    team_id=team.id,
                    tg_user_id=tg_id,
                    display_name=name,
                    username=name.lower(),
                    roles=roles,
                    tg_language="ru",
                )
    finally:
        await db.dispose()


def query(db_path: Path, sql: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(sql).fetchall()


def execute(db_path: Path, sql: str) -> None:
    with contextlib.closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute(sql)


def race_news(fake_api: FakeBotAPI) -> list[str]:
    """The texts the team's group received (only race news goes there in this test)."""
    return [r.text or "" for r in fake_api.messages_to(GROUP)]


async def ask(fake_api: FakeBotAPI, user: dict, text: str, contains: str | None = None) -> str:
    fake_api.send_text(user, text)
    reply = await fake_api.wait_for_message(user["id"], contains=contains, timeout=TIMEOUT)
    return reply.text or ""


async def quiet(fake_api: FakeBotAPI, seconds: float = 3.0) -> None:
    """Let the every-second check run a few times: nothing more may reach the group."""
    before = len(race_news(fake_api))
    await asyncio.sleep(seconds)
    assert len(race_news(fake_api)) == before, race_news(fake_api)[before:]


async def started(run_bot: RunBot, db_path: Path, env: dict[str, str]) -> BotProcess:
    bot = await run_bot(env=env, db_path=db_path)
    await bot.wait_ready(TIMEOUT)
    return bot


async def test_a_race_posts_each_milestone_once_across_restarts_and_hides_who_opted_out(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path: Path
) -> None:
    db_path = tmp_path / "race.db"
    await prepare(db_path, fake_api.token)
    fake_api.group(GROUP, "Продажи", "supergroup")
    olga = fake_api.user(ADMIN, "Olga", username="olga", language_code="ru")
    ivan = fake_api.user(IVAN, "Ivan", username="ivan", language_code="ru")
    petr = fake_api.user(PETR, "Petr", username="petr", language_code="ru")

    bot = await started(run_bot, db_path, EVERY_SECOND)
    reply = await ask(fake_api, olga, "/race meetings_set 4", contains="Гонка началась")
    assert "Команда: <b>0</b> из 4" in reply
    await ask(fake_api, petr, "/optout", contains="вас больше не видно в рейтингах")
    await ask(fake_api, ivan, "/meeting set Ромашка")
    await ask(fake_api, petr, "/meeting set Лютик")  # 2 of 4: half-way
    half = await fake_api.wait_for_message(GROUP, contains=HALF, timeout=TIMEOUT)
    assert "Команда: <b>2</b> из 4 (50,0\xa0%)" in (half.text or "")
    assert "Petr" not in (half.text or "")

    board = await ask(fake_api, ivan, "/race", contains="Гонка: назначенные встречи")
    assert "Команда: <b>2</b> из 4 (50,0\xa0%)" in board  # Petr's meeting counts
    assert "1. Ivan: 1" in board and "Petr" not in board
    top = await ask(fake_api, olga, "/top неделя", contains="Рейтинг")
    assert "Ivan" in top and "Petr" not in top
    await quiet(fake_api)
    assert await bot.kill() != 0  # a crash: no clean shutdown

    # checks once at start-up, then not for an hour: the bot "is down" for the checker
    down = await started(run_bot, db_path, HOURLY)
    await asyncio.sleep(1.0)  # its start-up check is done (nothing new: 2 of 4)
    for client in ("Астра", "Бук", "Вяз", "Граб"):  # 6 of 4: past 100 % and 150 %
        await ask(fake_api, ivan, f"/meeting set {client}")
    assert await down.terminate() == 0
    assert [HALF in text for text in race_news(fake_api)] == [True]

    # The crashed worker still holds the lease on the scheduled jobs; it runs out 40 s after
    # its last renewal and the next bot takes it over then (that takeover is
    # tests/handlers/test_scheduled_digests.py::test_of_two_instances_only_the_lease_holder_
    # sends). Here it has run out already: the test waited ~30 s for it doing nothing.
    assert len(query(db_path, "SELECT holder FROM leases WHERE name = 'scheduler'")) == 1
    execute(db_path, "UPDATE leases SET expires_at = '2000-01-01 00:00:00.000000'")
    bot = await started(run_bot, db_path, EVERY_SECOND)
    news = await fake_api.wait_for_message(GROUP, contains=ONE_AND_A_HALF, timeout=TIMEOUT)
    assert "Команда: <b>6</b> из 4 (150,0\xa0%)" in (news.text or "")
    assert "1. Ivan: 5" in (news.text or "") and "Petr" not in (news.text or "")
    await quiet(fake_api)
    assert not any(FULL in text for text in race_news(fake_api))  # named once: the highest
    assert await bot.terminate() == 0

    # the race's last day was yesterday: the result comes once, after the next start
    execute(db_path, "UPDATE races SET ends_on = date(starts_on, '-1 day')")
    bot = await started(run_bot, db_path, EVERY_SECOND)
    result = await fake_api.wait_for_message(GROUP, contains=RESULT, timeout=TIMEOUT)
    assert "цель взята" in (result.text or "")
    assert "1. Ivan: 5" in (result.text or "") and "Petr" not in (result.text or "")
    await ask(fake_api, ivan, "/race", contains="Сейчас гонок нет")
    await quiet(fake_api)
    assert await bot.terminate() == 0
    assert [
        [marker in text for marker in (HALF, FULL, ONE_AND_A_HALF, RESULT)]
        for text in race_news(fake_api)
    ] == [
        [True, False, False, False],
        [False, False, True, False],
        [False, False, False, True],
    ]
    assert sorted(query(db_path, "SELECT mark, status FROM race_milestones")) == [
        ("100", "skipped"),
        ("150", "sent"),
        ("50", "sent"),
        ("result", "sent"),
    ]
