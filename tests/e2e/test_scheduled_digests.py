"""End to end: scheduled digests sent by the real bot process through the fake Bot API.

"The bot was down at 19:00" needs no waiting: the SQLite file is prepared before the
bot starts, with the team's digest time already in the past.  The team lives in a
fixed-offset zone where it is 20:xx right now (:func:`evening_zone`), so on any day
and at any hour of the CI run the weekly (Monday 09:00) and monthly (the 1st, 09:00)
digests are never within the grace window, and no scenario crosses local midnight.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.app import ensure_default_team
from bot.settings import Settings
from storage import migrate
from storage.db import Database
from storage.repos import MembersRepo
from storage.tables import teams

from .conftest import BotProcess, RunBot
from .fake_bot_api import FakeBotAPI, Request

ADMIN, REP = 111, 501
GROUP = -1001234567890
EVENING = "Вечерний дайджест"
NUDGE = "сегодня в боте пока нет ни одной записи"
TIMEOUT = 30.0  # start-up (imports, migrations) plus chart rendering on a slow CI box


@dataclass(frozen=True)
class Prepared:
    """What the prepared database promises: the evening digest's due instant and day."""

    zone: ZoneInfo
    due: datetime  # aware, team-local
    db_path: Path

    @property
    def day(self) -> date:
        return self.due.date()

    @property
    def due_utc(self) -> datetime:
        return self.due.astimezone(UTC)


def evening_zone(now: datetime) -> ZoneInfo:
    """A whole-hour fixed-offset zone (UTC-12..UTC+11) in which ``now`` is 20:xx."""
    offset = (20 - now.hour) % 24
    if offset > 11:
        offset -= 24
    return ZoneInfo(f"Etc/GMT{-offset:+d}")  # the sign of Etc/GMT zones is inverted


async def prepare_database(
    url: str,
    token: str,
    *,
    due_ago: timedelta,
    created_ago: timedelta,
    private_copy: bool = False,
) -> tuple[ZoneInfo, datetime]:
    """Create the database the bot will find at start-up: the default team with its group
    chat, every day a working day and the evening digest due ``due_ago`` ago; manager
    Olga (ADMIN) and SDR Ivan (REP)."""
    now = datetime.now(UTC)
    zone = evening_zone(now)
    due = (now.astimezone(zone) - due_ago).replace(second=0, microsecond=0)
    assert due.date() == now.astimezone(zone).date()  # never across local midnight
    settings = Settings(
        _env_file=None,
        bot_token=token,
        database_url=url,
        admin_ids=(ADMIN,),
        timezone="UTC",
        default_language="ru",
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
                    timezone=zone.key,
                    workdays="1234567",
                    digest_time=due.strftime("%H:%M"),
                    created_at=now - created_ago,
                    manager_chat_id=GROUP,
                    nudge_time=None,
                )
            )
            repo = MembersRepo(conn)
            olga = await repo.add(
                team_id=team.id,
                tg_user_id=ADMIN,
                display_name="Olga",
                username="olga",
                roles={"manager"},
                tg_language="ru",
            )
            await repo.set_digest_private(olga.id, private_copy)
            await repo.add(
                team_id=team.id,
                tg_user_id=REP,
                display_name="Ivan",
                username="ivan",
                roles={"sdr"},
                tg_language="ru",
            )
    finally:
        await db.dispose()
    return zone, due


async def prepare(
    db_path: Path,
    token: str,
    *,
    due_ago: timedelta,
    created_ago: timedelta,
    private_copy: bool = False,
) -> Prepared:
    """:func:`prepare_database` on a SQLite file."""
    zone, due = await prepare_database(
        f"sqlite+aiosqlite:///{db_path}",
        token,
        due_ago=due_ago,
        created_ago=created_ago,
        private_copy=private_copy,
    )
    return Prepared(zone, due, db_path)


def register_chats(fake_api: FakeBotAPI) -> None:
    fake_api.group(GROUP, "Продажи", "supergroup")
    fake_api.user(ADMIN, "Olga", username="olga", language_code="ru")
    fake_api.user(REP, "Ivan", username="ivan", language_code="ru")


def query(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read the bot's database (WAL: fine while the bot is running)."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(sql, params).fetchall()


def execute(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> None:
    with contextlib.closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute(sql, params)


RUNS_SQL = "SELECT kind, period_start, scheduled_for, status FROM digest_runs ORDER BY id"


def runs(db_path: Path) -> list[tuple[str, date, datetime, str]]:
    """The digest ledger: (kind, period start, due instant in UTC, status)."""
    return [
        (
            kind,
            date.fromisoformat(start),
            datetime.fromisoformat(due).replace(tzinfo=UTC),
            status,
        )
        for kind, start, due, status in query(db_path, RUNS_SQL)
    ]


async def wait_for_runs(db_path: Path, expected: list[tuple[str, date, datetime, str]]) -> None:
    """Poll the ledger until it is exactly ``expected``; fail after TIMEOUT seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while True:
        found = runs(db_path)
        if found == expected:
            return
        if loop.time() > deadline:
            raise AssertionError(f"digest_runs is {found}, expected {expected}")
        await asyncio.sleep(0.05)


def evening_digests(fake_api: FakeBotAPI, chat_id: int) -> list[Request]:
    """The evening digests the chat received (requests Telegram refused left out)."""
    return [r for r in fake_api.messages_to(chat_id) if EVENING in (r.text or "")]


def delivered_to(fake_api: FakeBotAPI, chat_id: int) -> list[Request]:
    """Texts, photos and albums the chat received, in order (refused requests left out)."""
    return [
        r
        for r in fake_api.requests
        if r.chat_id == chat_id and r.ok and r.method in ("sendMessage", "sendMediaGroup")
    ]


async def wait_for_group_digest(fake_api: FakeBotAPI, prepared: Prepared) -> Request:
    """The evening digest in the team's group: one text with the day's numbers, then its
    charts as one album with a caption; returns the text."""
    digest = await fake_api.wait_for_message(GROUP, contains=EVENING, timeout=TIMEOUT)
    assert "Отдел продаж" in digest.text
    assert f"{prepared.day:%d.%m.%Y}" in digest.text
    assert "Ivan" in digest.text
    await fake_api.wait_until(
        lambda: len(delivered_to(fake_api, GROUP)) >= 2, TIMEOUT, "the digest's album"
    )
    delivered = delivered_to(fake_api, GROUP)
    assert [r.method for r in delivered] == ["sendMessage", "sendMediaGroup"]
    album = delivered[1]
    media = album.params["media"]
    assert [item["type"] for item in media] == ["photo", "photo"]  # the funnel, plan vs fact
    assert media[0]["caption"] == (f"Отдел продаж · {prepared.day:%d.%m.%Y}: воронка и план/факт")
    assert "caption" not in media[1]
    for item in media:
        part = item["media"].removeprefix("attach://")
        assert album.files[part].content.startswith(b"\x89PNG")
    # the chat shows the album as one group of photos
    assert len({message["media_group_id"] for message in album.result}) == 1
    return digest


async def stop(bot: BotProcess) -> None:
    assert await bot.terminate() == 0
    assert "bot stopped" in bot.logs()


async def test_digest_due_while_down_comes_at_start_up_and_a_restart_sends_no_second(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path: Path
) -> None:
    prepared = await prepare(
        tmp_path / "digests.db",
        fake_api.token,
        due_ago=timedelta(minutes=40),
        created_ago=timedelta(hours=2),
    )
    register_chats(fake_api)

    bot = await run_bot(db_path=prepared.db_path)
    await wait_for_group_digest(fake_api, prepared)
    await stop(bot)
    assert runs(prepared.db_path) == [("day", prepared.day, prepared.due_utc, "sent")]
    # Olga did not ask for private copies
    assert evening_digests(fake_api, ADMIN) == []

    # While the bot is down again, a nudge is switched on for five minutes ago: the
    # start-up catch-up goes through the kinds in order (day, week, month, nudge), so
    # Ivan's nudge arriving proves the restarted bot has already passed the evening digest.
    nudge_due = (datetime.now(prepared.zone) - timedelta(minutes=5)).replace(
        second=0, microsecond=0
    )
    execute(prepared.db_path, "UPDATE teams SET nudge_time = ?", (nudge_due.strftime("%H:%M"),))
    again = await run_bot(db_path=prepared.db_path)
    await again.wait_ready(TIMEOUT)
    await fake_api.wait_for_message(REP, contains=NUDGE, timeout=TIMEOUT)
    await wait_for_runs(
        prepared.db_path,
        [
            ("day", prepared.day, prepared.due_utc, "sent"),
            ("nudge", nudge_due.date(), nudge_due.astimezone(UTC), "sent"),
        ],
    )
    assert len(evening_digests(fake_api, GROUP)) == 1
    assert len(delivered_to(fake_api, GROUP)) == 2  # the text and its album, once
    await stop(again)


async def test_digest_more_than_the_grace_window_late_is_recorded_missed_not_sent(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path: Path
) -> None:
    prepared = await prepare(
        tmp_path / "digests.db",
        fake_api.token,
        due_ago=timedelta(hours=4),  # DIGEST_GRACE_MINUTES defaults to 180
        created_ago=timedelta(hours=6),
    )
    register_chats(fake_api)

    bot = await run_bot(db_path=prepared.db_path)
    await wait_for_runs(prepared.db_path, [("day", prepared.day, prepared.due_utc, "missed")])
    await bot.wait_ready(TIMEOUT)
    assert [r.summary() for r in fake_api.requests if r.chat_id == GROUP] == []
    assert evening_digests(fake_api, ADMIN) == []
    assert "digest missed" in bot.logs()
    await stop(bot)


async def test_flood_control_429_the_digest_waits_retry_after_and_arrives_once(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path: Path
) -> None:
    prepared = await prepare(
        tmp_path / "digests.db",
        fake_api.token,
        due_ago=timedelta(minutes=10),
        created_ago=timedelta(hours=2),
    )
    register_chats(fake_api)
    fake_api.fail_next("sendMessage", 429, retry_after=2, chat_id=GROUP)

    bot = await run_bot(db_path=prepared.db_path)
    digest = await wait_for_group_digest(fake_api, prepared)
    await wait_for_runs(prepared.db_path, [("day", prepared.day, prepared.due_utc, "sent")])
    refused = [r for r in fake_api.requests_for("sendMessage") if r.chat_id == GROUP and not r.ok]
    assert [r.status for r in refused] == [429]
    assert EVENING in (refused[0].text or "")
    assert evening_digests(fake_api, GROUP) == [digest]
    # Telegram said "retry after 2": the bot waited that long before sending again
    assert digest.time - refused[0].time >= 1.95
    await stop(bot)


async def test_private_copy_refused_with_403_marks_the_manager_unreachable_group_still_served(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path: Path
) -> None:
    prepared = await prepare(
        tmp_path / "digests.db",
        fake_api.token,
        due_ago=timedelta(minutes=10),
        created_ago=timedelta(hours=2),
        private_copy=True,  # Olga's /digest me
    )
    register_chats(fake_api)
    fake_api.fail_next("sendMessage", 403, chat_id=ADMIN)  # Olga blocked the bot

    bot = await run_bot(db_path=prepared.db_path)
    await wait_for_group_digest(fake_api, prepared)
    await wait_for_runs(prepared.db_path, [("day", prepared.day, prepared.due_utc, "sent")])
    to_olga = [r for r in fake_api.requests if r.chat_id == ADMIN and r.method.startswith("send")]
    assert [(r.method, r.status) for r in to_olga] == [("sendMessage", 403)]
    assert EVENING in (to_olga[0].text or "")
    unreachable = dict(
        query(prepared.db_path, "SELECT tg_user_id, unreachable_at IS NOT NULL FROM members")
    )
    assert unreachable == {ADMIN: 1, REP: 0}
    assert len(evening_digests(fake_api, GROUP)) == 1
    await stop(bot)


def test_evening_zone_puts_now_at_20_local() -> None:
    for hour in range(24):
        now = datetime(2026, 11, 27, hour, 59, tzinfo=UTC)
        assert now.astimezone(evening_zone(now)).hour == 20
