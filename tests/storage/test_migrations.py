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
