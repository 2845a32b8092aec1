"""SQLite statements in one hand-off to the database thread, not three or four.

aiosqlite runs the sqlite3 connection in a thread of its own; SQLAlchemy's adapter sends it
every step of a statement separately (open a cursor, execute, fetch the rows, close the
cursor), each a round trip through the event loop. Under load a round trip waits for a
whole turn of the loop, and a write transaction holds SQLite's write lock across all of
them: that is what capped logging throughput (issue 19).

:func:`adapt` gives a connection a cursor that does the four steps in one function run in
the database thread. The statements, their parameters, the transaction boundaries (BEGIN
is still ours, COMMIT the driver's) and the pragmas (``synchronous=FULL``: a commit is on
disk when it returns) are unchanged; errors are the driver's own, raised where they were.
"""

from __future__ import annotations

import collections
import logging
from typing import Any

from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
)
from sqlalchemy.util import EMPTY_DICT

log = logging.getLogger(__name__)


def _missing() -> list[str]:
    """What this module uses of aiosqlite and SQLAlchemy's adapter that a future release
    may rename (none: the one-hop cursor can be used)."""
    import aiosqlite

    missing = [n for n in ("_execute", "_conn") if not hasattr(aiosqlite.Connection, n)]
    missing += [
        n
        for n in ("_execute_async", "_executemany_async", "_async_soft_close")
        if not hasattr(AsyncAdapt_aiosqlite_cursor, n)
    ]
    if not hasattr(AsyncAdapt_aiosqlite_connection, "_execute_mutex"):
        missing.append("_execute_mutex")
    return missing


MISSING = _missing()
if MISSING:  # the bot still works, with the adapter's own cursor (slower): say so once
    log.warning("SQLite one-hop cursor off: this aiosqlite/SQLAlchemy lacks %s", ", ".join(MISSING))


def _run(connection: Any, operation: str, parameters: Any, many: bool, begin: str | None) -> tuple:
    """In the database thread: the transaction's BEGIN if it is still to be sent, and the
    whole statement, rows included."""
    if begin is not None:
        connection._conn.execute(begin)
    cursor = connection._conn.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else None
        return description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ("_arraysize", "_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: Any) -> None:  # no aiosqlite cursor: no hand-off
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description = None
        self._rowcount = -1
        self._lastrowid = None
        self._arraysize = 1

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> Any:
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    async def _hop(self, operation: Any, parameters: Any, many: bool) -> None:
        async with self._adapt_connection._execute_mutex:
            begin, self._connection.pending_begin = self._connection.pending_begin, None
            if begin is not None:
                self._connection.writing = begin != "BEGIN"  # BEGIN IMMEDIATE: a write
            found = await self._connection._execute(
                _run, self._connection, operation, parameters, many, begin
            )
        self._description, self._rowcount, self._lastrowid, rows = found
        if rows is not None:
            self._rows = collections.deque(rows)

    async def _execute_async(self, operation: Any, parameters: Any) -> None:
        await self._hop(operation, parameters, False)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> None:
        await self._hop(operation, seq_of_parameters, True)

    async def _async_soft_close(self) -> None:
        """The sqlite3 cursor was closed in the thread already; rows stay buffered."""

    def close(self) -> None:
        self._rows.clear()


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    """A connection whose BEGIN goes with the transaction's first statement, and whose
    COMMIT or ROLLBACK of a transaction SQLite does not have (never begun, or already
    ended: the pool rolls back every connection it is given back) costs no hand-off.

    The ROLLBACK that ends a read transaction (the pool's, as the connection goes back)
    is queued to the database thread without waiting for it: a read has nothing to undo,
    only its snapshot to let go, and whatever this connection runs next is queued behind
    it in the same thread, so it starts from a fresh snapshot all the same. A write's
    ROLLBACK is waited for (the write lock is free only after it)."""

    __slots__ = ()
    _cursor_cls = OneHopCursor

    def begin(self, statement: str) -> None:
        """BEGIN with the next statement (in the same hand-off). Kept on the aiosqlite
        connection: this adapter's layout is SQLAlchemy's (``__slots__``)."""
        self._connection.pending_begin = statement

    def _transaction_to_end(self) -> bool:
        """Whether SQLite has a transaction open on this connection (read here, in the
        event loop: no statement of this connection runs in its thread meanwhile). A BEGIN
        not sent yet is dropped: with no statement after it, there is nothing to end."""
        if self._connection.pending_begin is not None:  # no statement yet: nothing to end
            self._connection.pending_begin = None
            return False
        raw = getattr(self._connection, "_connection", None)  # aiosqlite's sqlite3 connection
        return raw is None or raw.in_transaction  # unknown: let the driver decide

    def rollback(self) -> None:
        if not self._transaction_to_end():
            return
        raw = getattr(self._connection, "_connection", None)
        queue = getattr(self._connection, "_tx", None)  # aiosqlite's queue to its thread
        if not self._connection.writing and raw is not None and queue is not None:
            queue.put_nowait((None, raw.rollback))  # no future: nobody waits
            return
        super().rollback()

    def commit(self) -> None:
        if self._transaction_to_end():
            super().commit()


def adapt(dbapi_connection: Any) -> None:
    """Give a new aiosqlite connection (SQLAlchemy's adapter of it) the one-hop cursor."""
    if not MISSING and type(dbapi_connection) is AsyncAdapt_aiosqlite_connection:
        dbapi_connection.__class__ = OneHopConnection
        dbapi_connection._connection.pending_begin = None
        dbapi_connection._connection.writing = False
