"""Shared fixtures: a migrated SQLite file per test, settings, the real Dispatcher."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram import Dispatcher
from aiogram.types import Update
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.engine import make_url

from bot.app import build_dispatcher, ensure_default_team
from bot.settings import Settings
from storage import migrate
from storage.db import Database
from storage.models import Member, Team
from storage.repos import MembersRepo
from tests.support import factories as f
from tests.support.mocked_bot import MockedBot

ADMIN_ID = 111


# With TEST_POSTGRES_URL (an admin URL of a throw-away PostgreSQL server, as .ci/run
# starts one), every test gets a fresh PostgreSQL database instead of a SQLite file.
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def postgres_template() -> str | None:
    """A database migrated once, copied for each test (CREATE DATABASE ... TEMPLATE)."""
    if not POSTGRES_URL:
        return None
    from tests.support import postgres

    return postgres.make_template(POSTGRES_URL)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A SQLite file migrated once (Alembic, to the newest revision), copied for each test
    that asks for ``db``: running every migration again cost each test ~0.3 s."""
    if POSTGRES_URL:
        return None
    path = tmp_path_factory.mktemp("sqlite-template") / "migrated.db"

    async def make() -> None:
        database = Database(f"sqlite+aiosqlite:///{path}")
        try:
            await migrate.upgrade(database)
        finally:
            await database.dispose()  # the last connection checkpoints the WAL into the file

    asyncio.run(make())
    return path


def copy_template(url: str, template: Path | None) -> bool:
    """Put a copy of ``template`` where the SQLite ``url`` points, if that file does not
    exist yet; return whether it did (else the caller migrates as the bot would)."""
    parsed = make_url(url)
    if template is None or parsed.get_backend_name() != "sqlite":
        return False
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return False
    target = Path(database)
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return True


@pytest.fixture
async def database_url(tmp_path: Path, postgres_template: str | None) -> AsyncIterator[str]:
    if postgres_template is None:
        yield f"sqlite+aiosqlite:///{tmp_path}/test.db"
        return
    from tests.support import postgres

    assert POSTGRES_URL is not None
    async with postgres.fresh_database(POSTGRES_URL, postgres_template) as url:
        yield url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        _env_file=None,
        bot_token="42:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz",
        database_url=database_url,
        admin_ids=(ADMIN_ID,),
        timezone="Europe/Moscow",
        default_language="ru",
    )


@pytest.fixture
async def db(settings: Settings, sqlite_template: Path | None) -> AsyncIterator[Database]:
    copied = copy_template(settings.database_url, sqlite_template)
    database = Database(settings.database_url)
    if not copied:
        await migrate.upgrade(database)
    await ensure_default_team(database, settings)
    yield database
    await database.dispose()


@pytest.fixture
async def team(db: Database) -> Team:
    from storage.repos import TeamsRepo

    async with db.read() as conn:
        found = await TeamsRepo(conn).default()
    assert found is not None
    return found


@pytest.fixture
def bot() -> MockedBot:
    return MockedBot()


@pytest.fixture
def dp(settings: Settings, db: Database) -> Dispatcher:
    return build_dispatcher(settings, db, AsyncIOScheduler(timezone=settings.timezone))


class Chat:
    """Feeds updates through the real Dispatcher and shows what the bot sent."""

    def __init__(self, dp: Dispatcher, bot: MockedBot, db: Database, team: Team) -> None:
        self.dp = dp
        self.bot = bot
        self.db = db
        self.team = team

    async def feed(self, update: Update) -> Any:
        return await self.dp.feed_update(self.bot, update)

    async def send(self, sender: dict, text: str, chat: dict | None = None) -> str | None:
        """Send a message; returns the last text the bot sent to that chat (or None)."""
        before = len(self.bot.requests)
        await self.feed(f.message_update(sender, text, chat=chat))
        chat_id = chat["id"] if chat else sender["id"]
        replies = [
            r.text
            for r in self.bot.requests[before:]
            if r.__api_method__ == "sendMessage" and int(r.chat_id) == chat_id
        ]
        return replies[-1] if replies else None

    async def add_member(
        self, tg_id: int, name: str, roles: set[str], username: str | None = None
    ) -> Member:
        async with self.db.transaction() as conn:
            return await MembersRepo(conn).add(
                team_id=self.team.id,
                tg_user_id=tg_id,
                display_name=name,
                username=username,
                roles=roles,
            )

    async def member(self, tg_id: int) -> Member | None:
        async with self.db.read() as conn:
            return await MembersRepo(conn).by_tg_id(tg_id)


@pytest.fixture
def chat(dp: Dispatcher, bot: MockedBot, db: Database, team: Team) -> Chat:
    return Chat(dp, bot, db, team)


@pytest.fixture
def admin() -> dict:
    return f.user(ADMIN_ID, "Olga", last_name="Head", username="olga_head", language_code="ru")
