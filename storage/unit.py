"""The unit of work of one Telegram update.

Whatever an update writes is committed together with the update's
"processed" marker, in one transaction: if the process dies before the commit,
Telegram delivers the update again and nothing was half-done; if it dies after,
the re-delivered update is recognised and skipped.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection

from storage.arrival import Arrival, arrival
from storage.db import Database
from storage.repos import DuplicateUpdate, UpdatesRepo


class UnitOfWork:
    def __init__(
        self, db: Database, bot_id: int, update_id: int, tg_user_id: int | None = None
    ) -> None:
        self.db = db
        self.bot_id = bot_id
        self.update_id = update_id
        self.tg_user_id = tg_user_id  # who sent the update (None: nobody, or a bot)
        self.marked = False
        self.arrival: Arrival | None = None

    async def already_processed(self) -> bool:
        """Whether the update was processed already. The same statement reads who sent
        it and their team (:attr:`arrival`), for the member middleware."""
        async with self.db.read(one_statement=True) as conn:
            self.arrival = await arrival(conn, self.bot_id, self.update_id, self.tg_user_id)
        return self.arrival.seen

    def read(self):  # type: ignore[no-untyped-def]
        """A read-only connection (see Database.read)."""
        return self.db.read()

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """A write transaction that also records this update as processed.

        Committed when the block exits normally, so a handler replies "saved"
        only after the data is on disk. Raises DuplicateUpdate when another
        worker processed the same update in the meantime (nothing is written).
        """
        async with self.db.transaction() as conn:
            if not self.marked:
                await UpdatesRepo(conn).mark_processed(self.bot_id, self.update_id)
            yield conn
        self.marked = True

    async def finish(self) -> None:
        """Record the update as processed if no write transaction did it yet."""
        if self.marked:
            return
        try:
            async with self.write():
                pass
        except DuplicateUpdate:
            self.marked = True
