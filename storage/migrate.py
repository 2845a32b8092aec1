"""Apply and revert schema migrations (Alembic) on the application's engine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from storage.db import Database

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _sqlite_foreign_keys(sync_conn: Connection, on: bool) -> None:
    """SQLite migrations rebuild tables (batch mode: copy, drop, rename); with
    foreign keys enforced, dropping a referenced table fails once it has rows.
    The pragma only works outside a transaction, so it goes to the driver
    connection before SQLAlchemy begins one."""
    if sync_conn.dialect.name != "sqlite":
        return
    cursor = sync_conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    cursor.close()


async def _run(db: Database, action: Callable[[Config], None]) -> None:
    config = alembic_config()

    def _migrate(sync_conn: Connection) -> None:
        config.attributes["connection"] = sync_conn
        action(config)

    async with db.engine.connect() as conn:
        await conn.run_sync(_sqlite_foreign_keys, False)
        try:
            await conn.run_sync(_migrate)
            await conn.commit()
        finally:
            await conn.rollback()
            await conn.run_sync(_sqlite_foreign_keys, True)


async def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (default: the newest)."""
    await _run(db, lambda config: command.upgrade(config, revision))


async def downgrade(db: Database, revision: str) -> None:
    """Take the schema down to ``revision`` (``base`` drops everything)."""
    await _run(db, lambda config: command.downgrade(config, revision))


async def current_revision(db: Database) -> str | None:
    async with db.engine.connect() as conn:
        return await conn.run_sync(
            lambda sync_conn: MigrationContext.configure(sync_conn).get_current_revision()
        )


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def all_revisions() -> list[str]:
    """Revision ids from the first to the newest."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
