"""Apply and revert schema migrations (Alembic) on the application's engine."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from storage.db import Database

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


async def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (default: the newest)."""
    config = alembic_config()

    def _upgrade(sync_conn):  # type: ignore[no-untyped-def]
        config.attributes["connection"] = sync_conn
        command.upgrade(config, revision)

    async with db.engine.connect() as conn:
        await conn.run_sync(_upgrade)
        await conn.commit()


async def downgrade(db: Database, revision: str) -> None:
    """Take the schema down to ``revision`` (``base`` drops everything)."""
    config = alembic_config()

    def _downgrade(sync_conn):  # type: ignore[no-untyped-def]
        config.attributes["connection"] = sync_conn
        command.downgrade(config, revision)

    async with db.engine.connect() as conn:
        await conn.run_sync(_downgrade)
        await conn.commit()


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
