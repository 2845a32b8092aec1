"""Group commit on SQLite: the writes of updates handled at the same time share a COMMIT.

SQLite has one writer at a time, and a commit with ``synchronous=FULL`` waits for the
disk (an fsync, 2-3 ms here). One transaction per update made that wait, and the write
lock held across it, the limit of logging throughput (issue 19). Here writers queue in
the event loop, first come first served, and take turns in one open transaction:

* the first writer of a group runs in the transaction itself; each later one in a
  SAVEPOINT of it, so an error rolls back that writer's statements alone, and the
  others' stay;
* a writer that finishes with nobody queued behind it commits the group (one COMMIT,
  one fsync) for everyone in it; a group also commits after ``MAX_UNITS`` writers or
  ``MAX_SECONDS``, so a steady stream of writers is never kept waiting;
* each writer's ``async with`` returns only once the COMMIT has returned: a handler
  still says "saved" only when its entry is on disk. If the COMMIT fails, every writer
  of the group gets the error (nothing of theirs was saved, and nobody was told it was).

Alone, a writer costs what it did: BEGIN IMMEDIATE, its statements, COMMIT. Queueing
here also replaces SQLite's busy handler between the bot's own writers, which waits by
sleeping (1, 2, 5, 10... up to 100 ms) and does not wake when the lock is free; the
busy timeout still covers other processes on the same file (the CLI).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncTransaction

log = logging.getLogger(__name__)

MAX_UNITS = 64  # writers in one group at most
MAX_SECONDS = 0.05  # a group open this long commits with the writer that ends next
# A writer waiting this long for its group's COMMIT looks whether the group was left open
# (the writer queued behind it gave up before its turn) and commits it itself.
STRANDED_SECONDS = 0.1


class _Group:
    """One open transaction and the writers in it."""

    def __init__(
        self, connection: AsyncExitStack, conn: AsyncConnection, transaction: AsyncTransaction
    ) -> None:
        loop = asyncio.get_running_loop()
        self.connection = connection  # closing it gives the connection back to the pool
        self.conn = conn
        self.transaction = transaction
        self.opened = loop.time()
        self.units = 0
        self.done: asyncio.Future[None] = loop.create_future()
        # an error nobody waits for must not be logged as "never retrieved"
        self.done.add_done_callback(lambda f: f.cancelled() or f.exception())

    def old(self) -> bool:
        loop = asyncio.get_running_loop()
        return self.units >= MAX_UNITS or loop.time() - self.opened >= MAX_SECONDS


class GroupCommit:
    """The writers of one process on one SQLite database (see the module's text)."""

    def __init__(self, begin: Callable[[], AbstractAsyncContextManager[AsyncConnection]]):
        self._connect = begin  # a write connection, not in a transaction yet
        self._lock = asyncio.Lock()
        self._queued = 0  # writers waiting for their turn
        self._group: _Group | None = None
        self._writer: asyncio.Task | None = None
        self.commits = 0  # COMMITs so far (tests and benchmarks read it)

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[AsyncConnection]:
        """One writer's turn; returns after its writes are committed."""
        if self._writer is not None and self._writer is asyncio.current_task():
            # it would wait for itself: SQLite has one writer, and it is this task
            raise RuntimeError("a write transaction inside another one on the same database")
        self._queued += 1
        try:
            await self._lock.acquire()
        finally:
            self._queued -= 1
        group: _Group | None = None
        try:
            try:
                self._writer = asyncio.current_task()
                group = self._group or await self._open()
                group.units += 1
                # the first writer of a group has the transaction to itself; a later one
                # a savepoint of it
                savepoint = await group.conn.begin_nested() if group.units > 1 else None
                try:
                    yield group.conn
                except BaseException:
                    await asyncio.shield(self._undo(group, savepoint))
                    raise
                if savepoint is not None:
                    await savepoint.commit()  # RELEASE: part of the group's transaction
            finally:
                try:
                    if (
                        group is not None
                        and self._group is group
                        and (not self._queued or group.old())
                    ):
                        await asyncio.shield(self._close(group, commit=True))
                finally:
                    self._writer = None
                    self._lock.release()
        except Exception:
            # Whatever came before this writer in its group is committed (or failed)
            # before its error reaches the caller: a writer that failed on a row another
            # writer of the group had just written finds that row when it looks again,
            # as it would have with a transaction of its own after the other's.
            if group is not None:
                with contextlib.suppress(Exception):
                    await self._committed(group)
            raise
        await self._committed(group)

    async def _undo(self, group: _Group, savepoint: AsyncTransaction | None) -> None:
        """A writer failed: its savepoint rolled back, or the group's transaction when it
        was the first (nothing else is in it yet), or when the savepoint cannot be."""
        if savepoint is None:
            await self._close(group, commit=False)
            return
        try:
            await savepoint.rollback()
        except Exception as error:  # the transaction is unusable: end it
            log.exception("rollback to a savepoint failed; the group is lost")
            await self._close(group, commit=False, error=error)

    async def _open(self) -> _Group:
        async with AsyncExitStack() as stack:
            conn = await stack.enter_async_context(self._connect())
            transaction = await conn.begin()
            group = _Group(stack.pop_all(), conn, transaction)
        self._group = group
        return group

    async def _close(self, group: _Group, *, commit: bool, error: BaseException | None = None):
        """COMMIT (or ROLLBACK) the group, return its connection, and tell its writers."""
        if self._group is not group:
            return
        self._group = None
        try:
            if commit and error is None:
                await group.transaction.commit()
                self.commits += 1
            else:
                with contextlib.suppress(Exception):
                    await group.transaction.rollback()
        except BaseException as failure:
            error = failure
            with contextlib.suppress(Exception):
                await group.transaction.rollback()
        finally:
            with contextlib.suppress(Exception):
                await group.connection.aclose()
            if error is None:
                group.done.set_result(None)
            elif isinstance(error, Exception):
                group.done.set_exception(error)
            else:  # cancelled or stopped while committing: the outcome is unknown
                group.done.set_exception(RuntimeError("the commit was interrupted"))

    async def _committed(self, group: _Group) -> None:
        """Wait until the group is committed; its error if the COMMIT failed. A group its
        last writer left open (a writer queued behind it gave up) is committed here."""
        while not group.done.done():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(STRANDED_SECONDS):
                    await asyncio.shield(group.done)
            if not group.done.done():
                async with self._lock:
                    if self._group is group:
                        await asyncio.shield(self._close(group, commit=True))
        group.done.result()
