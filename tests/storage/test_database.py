"""The SQLite connection set-up and the durable update de-duplication."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from storage.db import Database
from storage.repos import DuplicateUpdate, InvitesRepo, UpdatesRepo
from storage.unit import UnitOfWork


async def test_sqlite_pragmas(tmp_path):
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/nested/dir/p.db")
    async with db.read() as conn:
        pragmas = {
            name: (await conn.exec_driver_sql(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    await db.dispose()
    assert (tmp_path / "nested" / "dir" / "p.db").exists()  # the directory was created
    assert pragmas == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 15000,
        "synchronous": 2,
    }


async def test_foreign_keys_are_enforced(db):
    with pytest.raises(sa.exc.IntegrityError):
        async with db.transaction() as conn:
            await InvitesRepo(conn).create(
                team_id=999,
                role="sdr",
                created_by=None,
                ttl=__import__("datetime").timedelta(days=1),
            )


async def test_same_update_id_is_processed_once(db):
    first = UnitOfWork(db, bot_id=1, update_id=500)
    assert not await first.already_processed()
    async with first.write() as conn:
        await conn.execute(sa.text("SELECT 1"))
    second = UnitOfWork(db, bot_id=1, update_id=500)
    assert await second.already_processed()
    with pytest.raises(DuplicateUpdate):
        async with second.write():
            pass
    # another bot's update with the same id is a different update
    assert not await UnitOfWork(db, bot_id=2, update_id=500).already_processed()


async def test_rolled_back_update_is_not_marked(db):
    uow = UnitOfWork(db, bot_id=1, update_id=600)
    with pytest.raises(RuntimeError):
        async with uow.write():
            raise RuntimeError("crash before commit")
    assert not await UnitOfWork(db, bot_id=1, update_id=600).already_processed()


async def test_concurrent_writers_wait_instead_of_failing(db):
    async def mark(update_id: int) -> None:
        uow = UnitOfWork(db, bot_id=1, update_id=update_id)
        async with uow.write() as conn:
            await conn.execute(sa.text("SELECT 1"))
            await asyncio.sleep(0.01)  # hold the write lock a little

    await asyncio.gather(*(mark(n) for n in range(1000, 1030)))
    async with db.read() as conn:
        assert all([await UpdatesRepo(conn).is_processed(1, n) for n in range(1000, 1030)])
