"""Backups on real SQLite files: a snapshot taken while a writer is busy restores to the
same report; the checks a restore makes; the nightly backup's retention."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.settings import Settings
from metrics.periods import resolve_period
from metrics.report import build_report, report_json
from storage import analytics, migrate
from storage.backup import (
    BackupError,
    BackupExists,
    DatabaseNotEmpty,
    backup_sqlite,
    inspect_backup,
    nightly_backup,
    pg_dump_command,
    pg_restore_command,
    restore,
    restore_sqlite,
)
from storage.db import Database
from storage.demo import generate_demo
from storage.models import Team
from storage.repos import TeamsRepo

TODAY = date(2026, 11, 30)
PERIOD = "2026-11-01..2026-11-30"
LEAD_COLUMNS = "member_id, source_id, qualification, client, team_id, entry_id, occurred_at, day"
COPY_LEADS = (
    f"INSERT INTO leads ({LEAD_COLUMNS}) SELECT {LEAD_COLUMNS} FROM leads "
    "WHERE voided_at IS NULL ORDER BY id LIMIT ?"
)


def url_of(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def db_path(settings: Settings) -> Path:
    return Path(settings.database_url.removeprefix("sqlite+aiosqlite:///"))


async def reports(url: str, settings: Settings) -> dict[str, str]:
    """What ``python -m bot report --period PERIOD --mode M`` prints, for both modes."""
    db = Database(url)
    out = {}
    try:
        async with db.read() as conn:
            team = await TeamsRepo(conn).default()
            assert team is not None
            period = resolve_period(PERIOD, TODAY)
            for mode in ("period", "cohort"):
                scope = analytics.Scope(
                    team_id=team.id,
                    start=period.start,
                    end=period.end,
                    min_call_seconds=settings.min_call_seconds,
                    mode=mode,
                )
                total, people, sources = await analytics.report_counts(conn, scope)
                out[mode] = report_json(
                    build_report(team.name, period, mode, total, people, sources)
                )
    finally:
        await db.dispose()
    return out


def count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


async def fill(db: Database, team: Team) -> None:
    async with db.transaction() as conn:
        await generate_demo(conn, team, days=30, seed=7, today=TODAY)


async def test_snapshot_while_writing_restores_to_the_same_report(
    settings: Settings, db: Database, team: Team, tmp_path: Path
):
    await fill(db, team)
    await db.dispose()  # the bot's pool closed: everything checkpointed into the file
    source = db_path(settings)
    leads = count(source, "leads")
    assert leads > 10

    writer = sqlite3.connect(source, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute(COPY_LEADS, (5,))  # committed, but only in the -wal file so far
        naive = tmp_path / "naive-copy.db"
        shutil.copyfile(source, naive)  # what a plain file copy would get
        assert count(naive, "leads") == leads
        assert count(source, "leads") == leads + 5
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(COPY_LEADS, (7,))  # not committed while the backup runs

        expected = await reports(settings.database_url, settings)
        backup = tmp_path / "backups" / "snapshot.db"
        size = backup_sqlite(source, backup)
        writer.execute("COMMIT")
    finally:
        writer.close()

    assert size == backup.stat().st_size > 0
    assert not backup.with_name("snapshot.db-wal").exists()
    assert [p.name for p in backup.parent.iterdir()] == ["snapshot.db"]  # no temp file left
    assert count(backup, "leads") == leads + 5
    checked = inspect_backup(backup, migrate.all_revisions())
    assert (checked.revision, checked.teams) == (migrate.head_revision(), 1)

    fresh = tmp_path / "restored" / "fresh.db"
    restored, revision = await restore(url_of(fresh), backup)
    assert restored == checked
    assert revision == migrate.head_revision()
    assert await reports(url_of(fresh), settings) == expected
    # the source went on: the uncommitted rows were not in the snapshot
    assert count(source, "leads") == leads + 12
    assert await reports(settings.database_url, settings) != expected


async def test_restore_refuses_a_database_with_teams_unless_forced(
    settings: Settings, db: Database, team: Team, tmp_path: Path
):
    await fill(db, team)
    source = db_path(settings)
    backup = tmp_path / "b.db"
    backup_sqlite(source, backup)
    expected = await reports(settings.database_url, settings)
    with pytest.raises(BackupExists):
        backup_sqlite(source, backup)
    backup_sqlite(source, backup, force=True)

    other = tmp_path / "other.db"
    other_db = Database(url_of(other))
    await migrate.upgrade(other_db)
    async with other_db.transaction() as conn:
        await TeamsRepo(conn).create(
            name="Other", timezone="UTC", language="en", digest_time="19:00"
        )
    await other_db.dispose()
    with pytest.raises(DatabaseNotEmpty) as refused:
        await restore(url_of(other), backup)
    assert refused.value.teams == 1
    assert count(other, "leads") == 0

    _, revision = await restore(url_of(other), backup, force=True)
    assert revision == migrate.head_revision()
    assert await reports(url_of(other), settings) == expected


async def test_restore_upgrades_an_older_backup(tmp_path: Path):
    old = Database(url_of(tmp_path / "old.db"))
    await migrate.upgrade(old, migrate.all_revisions()[2])
    await old.dispose()
    backup = tmp_path / "old-backup.db"
    backup_sqlite(tmp_path / "old.db", backup)
    assert inspect_backup(backup).revision == migrate.all_revisions()[2]

    target = tmp_path / "new.db"
    _, revision = await restore(url_of(target), backup)
    assert revision == migrate.head_revision()


def test_what_is_not_a_backup(tmp_path: Path):
    junk = tmp_path / "notes.txt"
    junk.write_text("hello\n" * 100)
    with pytest.raises(BackupError, match="not an Iron Funnel SQLite backup"):
        inspect_backup(junk)
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(BackupError, match="no alembic_version or teams table"):
        inspect_backup(other)
    with pytest.raises(BackupError, match="does not exist"):
        inspect_backup(tmp_path / "missing.db")
    with pytest.raises(BackupError, match="does not exist"):
        restore_sqlite(tmp_path / "missing.db", tmp_path / "target.db")
    assert not (tmp_path / "target.db").exists()
    with pytest.raises(BackupError, match="no database"):
        backup_sqlite(tmp_path / "missing.db", tmp_path / "b.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "other.db"]


async def test_a_backup_from_a_newer_version_is_refused(
    settings: Settings, db: Database, tmp_path: Path
):
    backup = tmp_path / "b.db"
    backup_sqlite(db_path(settings), backup)
    with closing(sqlite3.connect(backup)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    with pytest.raises(BackupError, match="newer version of Iron Funnel"):
        await restore(url_of(tmp_path / "target.db"), backup)
    assert not (tmp_path / "target.db").exists()


async def test_nightly_keeps_the_newest_and_nothing_else_is_touched(
    settings: Settings, db: Database, team: Team, tmp_path: Path
):
    await fill(db, team)
    directory = tmp_path / "backups" / "nightly"
    start = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    first = await nightly_backup(settings.database_url, directory, 3, start)
    assert first == directory / "iron_funnel-20261101-030000.db"
    unrelated = [
        "notes.txt",
        "iron_funnel.db",
        "iron_funnel-latest.db",
        "iron_funnel-20200101-000000.db.bak",
        "other-20200101-000000.db",
    ]
    for name in unrelated:
        (directory / name).write_text("keep me")
    (directory / "iron_funnel-20200102-000000.db").mkdir()  # a directory is not a backup

    written = [first]
    for day in range(1, 6):
        written.append(
            await nightly_backup(settings.database_url, directory, 3, start + timedelta(days=day))
        )
    names = sorted(p.name for p in directory.iterdir())
    assert names == sorted(
        [*unrelated, "iron_funnel-20200102-000000.db", *(p.name for p in written[-3:])]
    )
    assert [p.name for p in written[-3:]] == [
        "iron_funnel-20261104-030000.db",
        "iron_funnel-20261105-030000.db",
        "iron_funnel-20261106-030000.db",
    ]
    for path in written[-3:]:
        assert inspect_backup(path).teams == 1
    for name in unrelated:
        assert (directory / name).read_text() == "keep me"

    # keep=1 leaves only the newest
    last = await nightly_backup(settings.database_url, directory, 1, start + timedelta(days=9))
    assert last is not None
    assert sorted(p.name for p in directory.iterdir()) == sorted(
        [*unrelated, "iron_funnel-20200102-000000.db", last.name]
    )
    with pytest.raises(ValueError):
        await nightly_backup(settings.database_url, directory, 0, start)


async def test_nightly_on_postgresql_writes_nothing(tmp_path: Path):
    url = "postgresql+asyncpg://funnel:secret@db.example:5433/sales"
    assert await nightly_backup(url, tmp_path / "nightly", 7, datetime.now(UTC)) is None
    assert not (tmp_path / "nightly").exists()


def test_postgresql_commands():
    url = "postgresql+asyncpg://funnel:s3cret@db.example:5433/sales"
    assert pg_dump_command(url, "/backups/sales.dump") == (
        "pg_dump -Fc -h db.example -p 5433 -U funnel -d sales -f /backups/sales.dump"
    )
    assert pg_restore_command(url, "/backups/my sales.dump") == (
        "pg_restore --clean --if-exists -h db.example -p 5433 -U funnel -d sales "
        "'/backups/my sales.dump'"
    )
    assert "s3cret" not in pg_dump_command(url, "x") + pg_restore_command(url, "x")
