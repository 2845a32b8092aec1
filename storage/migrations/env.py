"""Alembic environment: runs on a connection handed over by storage.migrate.

``storage.migrate`` opens the application's async engine and passes a sync
connection in ``config.attributes["connection"]``; running ``alembic`` by hand
works too (it builds an engine from ``DATABASE_URL``).
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

from storage.db import Database
from storage.tables import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine() -> None:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get(
        "DATABASE_URL", "sqlite+aiosqlite:///data/iron_funnel.db"
    )
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            await conn.run_sync(_run)
            await conn.commit()
    finally:
        await db.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
elif context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported")
else:
    asyncio.run(_run_with_own_engine())
