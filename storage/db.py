"""The database handle: engine set-up, SQLite pragmas and transactions.

SQLite is the embedded default. Every connection gets:

* ``journal_mode=WAL``: readers never block the writer and vice versa;
* ``foreign_keys=ON``;
* ``busy_timeout``: a writer waits for the lock instead of failing at once;
* ``synchronous=FULL``: a transaction is on disk (WAL fsynced) when COMMIT
  returns, so an entry the bot has reported as saved survives a power cut.
  NORMAL would be faster but may lose the last commits on power loss.

Write transactions on SQLite start with ``BEGIN IMMEDIATE``: the write lock is
taken at the start, so two concurrent writers queue on the busy timeout instead
of one of them failing with "database is locked" when it upgrades a read lock.
Reads use a plain deferred transaction and never wait for writers.

Within one process, writers on SQLite queue in the event loop and share commits
(storage/group_commit.py): the writes of updates handled at the same time are
committed together, one fsync for all of them, each writer still answered only
once its writes are on disk.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storage import one_hop
from storage.group_commit import GroupCommit

# Connections kept open: enough for the updates handled at once (bot.app's
# UPDATE_CONCURRENCY) each reading, the writers' group and the jobs. With SQLAlchemy's
# default of 5, a busy minute opened and closed a connection (a thread, the file, the
# pragmas) for most updates (issue 19).
POOL_SIZE = 20
POOL_OVERFLOW = 10
SQLITE_BUSY_TIMEOUT_MS = 15_000
SQLITE_SYNCHRONOUS = "FULL"

_WRITE_OPTION = "iron_funnel_write"
_ONE_STATEMENT_OPTION = "iron_funnel_one_statement"


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _in_memory(url: str | URL) -> bool:
    parsed = make_url(url)
    database = parsed.database or ""
    return is_sqlite(parsed) and (
        database in ("", ":memory:") or "mode=memory" in str(parsed.query)
    )


def ensure_sqlite_directory(url: str | URL) -> None:
    """Create the directory of a file-based SQLite database if it is missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _install_sqlite_hooks(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        one_hop.adapt(dbapi_connection)  # a statement is one hand-off to the driver's thread
        # Take BEGIN out of the driver's hands; we emit it in _on_begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        if options.get(_ONE_STATEMENT_OPTION, False):
            return  # a single SELECT reads one snapshot by itself: no BEGIN, no ROLLBACK
        immediate = options.get(_WRITE_OPTION, False)
        statement = "BEGIN IMMEDIATE" if immediate else "BEGIN"
        dbapi_connection = conn.connection.dbapi_connection
        if isinstance(dbapi_connection, one_hop.OneHopConnection):
            dbapi_connection.begin(statement)  # sent with the first statement
        else:
            conn.exec_driver_sql(statement)


class Database:
    """App-wide database handle; hands out read connections and write transactions."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        ensure_sqlite_directory(url)
        pool: dict[str, Any] = {}
        if not _in_memory(url):  # one shared connection there: no pool to size
            pool = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
        # a file on this machine has no dropped connections to ping for; a server does
        self.engine: AsyncEngine = create_async_engine(
            url, echo=echo, pool_pre_ping=not is_sqlite(url), **pool
        )
        # the same engine and pool, its connections marked once here rather than each
        # connection on every update (see _on_begin)
        self._writes = self.engine.execution_options(**{_WRITE_OPTION: True})
        self._single_reads = self.engine.execution_options(**{_ONE_STATEMENT_OPTION: True})
        # SQLite: one writer at a time, queued here rather than in SQLite's busy handler
        self.writers: GroupCommit | None = None
        if is_sqlite(url):
            _install_sqlite_hooks(self.engine)
            self.writers = GroupCommit(self._writes.connect)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def read(self, *, one_statement: bool = False) -> AsyncIterator[AsyncConnection]:
        """A connection for reads; its implicit transaction is rolled back on exit.

        ``one_statement``: the caller runs a single statement, which on SQLite needs no
        transaction around it to read one consistent state (two hand-offs fewer)."""
        async with (self._single_reads if one_statement else self.engine).connect() as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """One write transaction: committed on normal exit, rolled back on error."""
        if self.writers is not None:  # SQLite: maybe sharing its COMMIT with others
            async with self.writers.unit() as conn:
                yield conn
            return
        async with self._writes.connect() as conn, conn.begin():
            yield conn

    async def dispose(self) -> None:
        await self.engine.dispose()
