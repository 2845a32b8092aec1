"""Group commit on SQLite (storage/group_commit.py): writers at the same time share one
COMMIT, each is back only once its writes are on disk, and one writer's error or a failed
COMMIT never saves or loses anything it should not."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage import group_commit
from storage.db import Database


@pytest.fixture(autouse=True)
def groups_by_units_only(monkeypatch):
    """Groups end by writers, not by age (a loaded machine would make age decide);
    the test of the age limit sets its own."""
    monkeypatch.setattr(group_commit, "MAX_SECONDS", 60.0)


@pytest.fixture
async def sqlite_db(tmp_path: Path):
    path = tmp_path / "group.db"
    db = Database(f"sqlite+aiosqlite:///{path}")
    async with db.transaction() as conn:
        await conn.exec_driver_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        await conn.exec_driver_sql(
            "CREATE TABLE entry (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, "
            "parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
        )
    db.path = path  # type: ignore[attr-defined]
    yield db
    await db.dispose()


def stored(db: Database) -> set[str]:
    """What another process would read from the file now: the committed rows."""
    with sqlite3.connect(db.path) as other:  # type: ignore[attr-defined]
        return {label for (label,) in other.execute("SELECT label FROM entry")}


async def insert(conn, label: str, parent_id: int | None = None) -> None:
    await conn.execute(
        sa.text("INSERT INTO entry (label, parent_id) VALUES (:label, :parent)"),
        {"label": label, "parent": parent_id},
    )


async def queue_behind(
    db: Database, writers
) -> tuple[asyncio.Event, asyncio.Task, list[asyncio.Task]]:
    """A first writer that holds its turn until the returned event is set, with the
    given writers queued behind it (so that they all land in one group)."""
    release = asyncio.Event()

    async def first() -> str:
        async with db.transaction() as conn:
            await insert(conn, "first")
            await release.wait()
        return "first"

    holder = asyncio.create_task(first())
    await asyncio.sleep(0.05)  # it has the turn
    tasks = [asyncio.create_task(w) for w in writers]
    await asyncio.sleep(0.05)
    assert db.writers._queued == len(tasks)  # every writer is waiting for its turn
    return release, holder, tasks


async def test_writers_at_once_share_one_commit_and_return_only_once_it_is_on_disk(
    sqlite_db, monkeypatch
):
    db = sqlite_db
    seen_after: dict[str, bool] = {}

    async def writer(label: str) -> None:
        async with db.transaction() as conn:
            await insert(conn, label)
        seen_after[label] = label in stored(db)  # back from the block: on disk

    before = db.writers.commits
    release, holder, tasks = await queue_behind(db, [writer(f"w{i}") for i in range(30)])
    release.set()
    await asyncio.gather(holder, *tasks)
    assert db.writers.commits == before + 1  # 31 writers, one COMMIT
    assert stored(db) == {"first", *(f"w{i}" for i in range(30))}
    assert seen_after == {f"w{i}": True for i in range(30)}


async def test_a_writer_alone_commits_at_once(sqlite_db):
    db = sqlite_db
    before = db.writers.commits
    async with db.transaction() as conn:
        await insert(conn, "alone")
    assert "alone" in stored(db)
    assert db.writers.commits == before + 1


async def test_an_error_in_one_writer_rolls_back_its_writes_only(sqlite_db):
    db = sqlite_db

    async def writer(label: str, fail: bool = False) -> str:
        async with db.transaction() as conn:
            await insert(conn, label)
            await insert(conn, label + "-2")
            if fail:
                raise ValueError(label)
        return label

    release, holder, tasks = await queue_behind(
        db, [writer("a"), writer("b", fail=True), writer("c")]
    )
    release.set()
    results = await asyncio.gather(holder, *tasks, return_exceptions=True)
    assert results[0] == "first" and results[1] == "a" and results[3] == "c"
    assert isinstance(results[2], ValueError)
    assert stored(db) == {"first", "a", "a-2", "c", "c-2"}


async def test_a_database_error_in_one_writer_keeps_the_others(sqlite_db):
    db = sqlite_db

    async def writer(label: str) -> str:
        async with db.transaction() as conn:
            await insert(conn, label)
        return label

    release, holder, tasks = await queue_behind(
        db,
        [writer("x"), writer("first"), writer("y")],  # "first" again: UNIQUE fails
    )
    release.set()
    results = await asyncio.gather(holder, *tasks, return_exceptions=True)
    assert isinstance(results[2], sa.exc.IntegrityError)
    assert stored(db) == {"first", "x", "y"}


async def test_an_error_in_the_first_writer_of_a_group(sqlite_db):
    db = sqlite_db
    with pytest.raises(RuntimeError, match="before the commit"):
        async with db.transaction() as conn:
            await insert(conn, "lost")
            raise RuntimeError("before the commit")
    async with db.transaction() as conn:
        await insert(conn, "next")
    assert stored(db) == {"next"}


async def test_a_failed_commit_reaches_every_writer_of_the_group(sqlite_db):
    """A COMMIT that fails (here a deferred foreign key, checked at COMMIT) saved nothing
    of the group: every writer in it gets the error, none returns as if saved."""
    db = sqlite_db

    async def writer(label: str, parent: int | None = None) -> str:
        async with db.transaction() as conn:
            await insert(conn, label, parent)
        return label

    release, holder, tasks = await queue_behind(db, [writer("p"), writer("orphan", parent=99)])
    release.set()
    results = await asyncio.gather(holder, *tasks, return_exceptions=True)
    assert all(isinstance(r, sa.exc.IntegrityError) for r in results), results
    assert stored(db) == set()
    async with db.transaction() as conn:  # the next writer starts afresh
        await insert(conn, "after")
    assert stored(db) == {"after"}


async def test_a_queued_writer_that_gives_up_does_not_strand_the_group(sqlite_db):
    """The first writer leaves the group open for the writer queued behind it; that one
    is cancelled before its turn. The group is still committed, soon."""
    db = sqlite_db
    exiting = asyncio.Event()

    async def first() -> None:
        async with db.transaction() as conn:
            await insert(conn, "kept")
            await asyncio.sleep(0.05)
            exiting.set()

    async def queued() -> None:
        async with db.transaction() as conn:
            await insert(conn, "never")

    holder = asyncio.create_task(first())
    await asyncio.sleep(0.01)
    behind = asyncio.create_task(queued())
    await exiting.wait()
    behind.cancel()
    async with asyncio.timeout(5):
        await holder
    assert stored(db) == {"kept"}
    with pytest.raises(asyncio.CancelledError):
        await behind


async def test_a_write_inside_a_write_fails_at_once(sqlite_db):
    db = sqlite_db
    with pytest.raises(RuntimeError, match="inside another"):
        async with db.transaction() as conn:
            await insert(conn, "outer")
            async with db.transaction():
                pass
    assert stored(db) == set()


async def test_a_steady_stream_of_writers_is_never_kept_waiting(sqlite_db, monkeypatch):
    """With writers always queued, a group still commits after MAX_UNITS writers."""
    db = sqlite_db
    monkeypatch.setattr(group_commit, "MAX_UNITS", 5)

    async def writer(label: str) -> None:
        async with db.transaction() as conn:
            await insert(conn, label)

    before = db.writers.commits
    release, holder, tasks = await queue_behind(db, [writer(f"s{i}") for i in range(19)])
    release.set()
    await asyncio.gather(holder, *tasks)
    assert db.writers.commits - before == 4  # 20 writers in groups of 5
    assert len(stored(db)) == 20


async def test_a_group_open_too_long_commits_with_its_next_writer(sqlite_db, monkeypatch):
    """Writers always queued: a group still commits once it is MAX_SECONDS old."""
    db = sqlite_db
    monkeypatch.setattr(group_commit, "MAX_SECONDS", 0.2)

    async def writer(label: str) -> None:
        async with db.transaction() as conn:
            await insert(conn, label)
            await asyncio.sleep(0.15)

    before = db.writers.commits
    release, holder, tasks = await queue_behind(db, [writer(f"t{i}") for i in range(3)])
    await asyncio.sleep(0.25)  # the first writer's group is old when it ends
    release.set()
    await asyncio.gather(holder, *tasks)
    # first (old) | t0 t1 (0.3 s) | t2
    assert db.writers.commits - before == 3
    assert len(stored(db)) == 4


async def test_a_writer_that_fails_on_a_row_of_its_group_finds_it_committed(sqlite_db):
    """Two first messages of a new member at once: one adds them, the other fails on the
    unique row and looks it up on another connection. It must find it there, as it did
    when each had a transaction of its own: the group is committed before the error
    reaches the writer that failed."""
    db = sqlite_db
    found: list[set[str]] = []

    async def writer() -> str:
        try:
            async with db.transaction() as conn:
                await insert(conn, "member")
        except sa.exc.IntegrityError:
            found.append(stored(db))  # another connection: only what is committed
            return "found"
        return "added"

    async def another() -> str:  # queued behind them: the group stays open after the second
        async with db.transaction() as conn:
            await insert(conn, "another")
        return "another"

    release, holder, tasks = await queue_behind(db, [writer(), writer(), another()])
    release.set()
    results = await asyncio.gather(holder, *tasks)
    assert results == ["first", "added", "found", "another"]
    assert found and "member" in found[0]
