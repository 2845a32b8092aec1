"""Alembic environment: runs on a connection handed over by storage.migrate.

``storage.migrate`` opens the application's async engine and passes a sync
connection in ``config.attributes["connection"]``; running ``alembic`` by hand
works too (``alembic current`` from the project's root, with ``alembic.ini``): it
builds an engine for the bot's database, ``DATABASE_URL`` from the environment or
``.env``, as the bot reads it.
"""

from __future__ import annotations

import asyncio

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
    from bot.settings import Settings  # the bot's own reading of DATABASE_URL and .env

    url = config.get_main_option("sqlalchemy.url") or Settings().database_url
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
