"""The migration "stairway": every revision goes up, down and up again on an empty DB."""

from __future__ import annotations

import sqlalchemy as sa

from storage import migrate
from storage.db import Database
from storage.tables import metadata


async def table_names(db: Database) -> set[str]:
    async with db.engine.connect() as conn:
        names = await conn.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
    return names - {"alembic_version"}


async def test_stairway_up_and_down(tmp_path):
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/stairs.db")
    revisions = migrate.all_revisions()
    assert revisions and revisions[-1] == migrate.head_revision()
    previous = "base"
    for revision in revisions:
        await migrate.upgrade(db, revision)
        assert await migrate.current_revision(db) == revision
        await migrate.downgrade(db, previous)
        assert await migrate.current_revision(db) == (None if previous == "base" else previous)
        await migrate.upgrade(db, revision)
        previous = revision
    assert await table_names(db) == set(metadata.tables)
    await migrate.downgrade(db, "base")
    assert await table_names(db) == set()
    await db.dispose()


async def test_migrations_match_table_definitions(tmp_path):
    """The schema built by the migrations is the schema the code describes."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db = Database(f"sqlite+aiosqlite:///{tmp_path}/diff.db")
    await migrate.upgrade(db)
    async with db.engine.connect() as conn:
        diff = await conn.run_sync(
            lambda c: compare_metadata(MigrationContext.configure(c), metadata)
        )
    await db.dispose()
    assert diff == []


async def test_migrations_keep_data_and_foreign_keys(tmp_path):
    """Later migrations rebuild tables on SQLite; rows that others reference survive,
    and the connection enforces foreign keys again afterwards."""
    from bot.app import ensure_default_team
    from bot.settings import Settings
    from storage.journal import log_call
    from storage.repos import MembersRepo, utcnow

    db = Database(f"sqlite+aiosqlite:///{tmp_path}/data.db")
    revisions = migrate.all_revisions()
    await migrate.upgrade(db, "0002")
    async with db.transaction() as conn:
        await conn.execute(
            sa.text(
                "INSERT INTO teams (name, timezone, language, created_at) "
                "VALUES ('Sales', 'UTC', 'en', '2026-11-01 00:00:00')"
            )
        )
    await migrate.upgrade(db)
    team = await ensure_default_team(db, Settings(_env_file=None, timezone="UTC"))
    async with db.transaction() as conn:
        member = await MembersRepo(conn).add(
            team_id=team.id, tg_user_id=1, display_name="Ivan", username=None, roles={"sdr"}
        )
        await log_call(conn, team, member, duration_s=90, direction="out", occurred_at=utcnow())
    for previous in reversed(revisions[1:-1]):
        await migrate.downgrade(db, previous)  # rebuilds tables that hold rows
        await migrate.upgrade(db)
    async with db.read() as conn:
        assert (await conn.exec_driver_sql("SELECT count(*) FROM calls")).scalar() == 1
        assert (await conn.exec_driver_sql("PRAGMA foreign_key_check")).all() == []
        assert (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar() == 1
    await db.dispose()
