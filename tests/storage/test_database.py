"""The SQLite connection set-up and the durable update de-duplication."""

from __future__ import annotations

import asyncio
import sqlite3

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


async def one_table(path) -> Database:
    """A SQLite database at ``path`` with one table, ``t (x)``."""
    db = Database(f"sqlite+aiosqlite:///{path}")
    async with db.transaction() as conn:
        await conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    return db


async def test_a_read_sees_one_state_from_its_first_statement_to_its_end(tmp_path):
    """On SQLite the BEGIN goes with a read's first statement: what others commit
    meanwhile is not seen by the read's later statements (one consistent state)."""
    path = tmp_path / "snap.db"
    db = await one_table(path)
    try:
        async with db.read() as conn:
            first = (await conn.exec_driver_sql("SELECT count(*) FROM t")).scalar()
            with sqlite3.connect(path) as other:
                other.execute("INSERT INTO t VALUES (1)")
            second = (await conn.exec_driver_sql("SELECT count(*) FROM t")).scalar()
        async with db.read() as conn:
            after = (await conn.exec_driver_sql("SELECT count(*) FROM t")).scalar()
    finally:
        await db.dispose()
    assert (first, second, after) == (0, 0, 1)


async def test_a_write_holds_the_write_lock_from_its_first_statement(tmp_path):
    """BEGIN IMMEDIATE still opens every write transaction: another process cannot
    write until it commits, and nothing it wrote is visible before."""
    path = tmp_path / "lock.db"
    db = await one_table(path)
    try:
        async with db.transaction() as conn:
            await conn.exec_driver_sql("SELECT count(*) FROM t")  # a read first: still locked
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("INSERT INTO t VALUES (2)")
            await conn.exec_driver_sql("INSERT INTO t VALUES (1)")
            assert other.execute("SELECT count(*) FROM t").fetchone() == (0,)
        assert other.execute("SELECT count(*) FROM t").fetchone() == (1,)
        other.close()
    finally:
        await db.dispose()


async def test_a_read_lets_its_snapshot_go_when_it_ends(tmp_path):
    """The ROLLBACK that ends a read is not waited for, but it runs before anything else
    on that connection: the next read (the same pooled connection) sees what others
    committed in between, and a checkpoint is not held back by the old snapshot."""
    path = tmp_path / "release.db"
    db = await one_table(path)
    try:
        seen = []
        for value in range(5):
            async with db.read() as conn:
                await conn.exec_driver_sql("SELECT 1")  # begins the read
                seen.append((await conn.exec_driver_sql("SELECT count(*) FROM t")).scalar())
            with sqlite3.connect(path) as other:
                other.execute("INSERT INTO t VALUES (?)", (value,))
        with sqlite3.connect(path, isolation_level=None) as other:
            for _ in range(100):  # the last ROLLBACK runs in its thread soon, unwaited
                busy = other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                if not busy:
                    break
                await asyncio.sleep(0.01)
    finally:
        await db.dispose()
    assert seen == [0, 1, 2, 3, 4]
    assert busy == 0  # no read of ours still holds an old snapshot
