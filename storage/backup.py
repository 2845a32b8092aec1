"""Backups of the database: ``python -m bot backup`` / ``restore`` and the nightly copy.

SQLite
    A backup is made with SQLite's online backup API (``sqlite3.Connection.backup``):
    it reads one consistent snapshot of the database while the bot keeps running,
    committed transactions still in the write-ahead log (WAL) included, uncommitted
    ones not. The copy goes to a temporary file next to the target, is fsynced and
    then renamed into place, so a backup file is either complete or absent. Backup
    files are plain single-file databases (rollback journal, no ``-wal`` beside them).

    A restore checks the file first (a SQLite database with ``alembic_version`` and
    ``teams``, ``PRAGMA integrity_check`` ok, a migration this version knows), copies
    it into the configured database with the same backup API, then the caller brings
    the schema up to head (:func:`restore` does both). The bot should be stopped for
    a restore: it keeps what it has in memory (schedules, caches) from before.

PostgreSQL
    Nothing is written here: :func:`pg_dump_command` and :func:`pg_restore_command`
    give the commands to run, and the nightly backup is left to ``pg_dump`` (cron).

Everything here except :func:`restore` and :func:`nightly_backup` is blocking I/O;
those two run it in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shlex
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 15.0
REQUIRED_TABLES = ("alembic_version", "teams")
NIGHTLY_PREFIX = "iron_funnel-"
NIGHTLY_FORMAT = "%Y%m%d-%H%M%S"
NIGHTLY_PATTERN = re.compile(r"^iron_funnel-\d{8}-\d{6}\.db$")


class BackupError(Exception):
    """A backup or restore that cannot be done; ``str()`` is one line for the user."""


class BackupExists(BackupError):
    """The target file exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists.")
        self.path = path


class DatabaseNotEmpty(BackupError):
    """The database to restore into has teams and overwriting was not asked for."""

    def __init__(self, path: Path, teams: int) -> None:
        super().__init__(f"The database {path} is not empty ({teams} team(s)).")
        self.path = path
        self.teams = teams


@dataclass(frozen=True, slots=True)
class BackupFile:
    """A checked backup: where, how big, at which migration, how many teams."""

    path: Path
    size: int
    revision: str
    teams: int


# -- where the database is ----------------------------------------------------------------


def backend(database_url: str) -> str:
    """``sqlite`` or ``postgresql``; BackupError for anything else."""
    try:
        name = make_url(database_url).get_backend_name()
    except ArgumentError:
        raise BackupError("DATABASE_URL is not a database URL.") from None
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL; DATABASE_URL is {name}.")
    return name


def sqlite_path(database_url: str) -> Path:
    """The file of a SQLite DATABASE_URL (relative paths are relative to the current
    directory, as for the bot itself)."""
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("DATABASE_URL is an in-memory SQLite database: there is no file.")
    if database.startswith("file:"):
        raise BackupError("SQLite URI file names (file:...) are not supported for backups.")
    return Path(database)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


# -- SQLite -----------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a file that is not ours (a backup to restore).

    On a WAL-mode file SQLite creates ``-wal``/``-shm`` beside it and a read-only
    connection cannot remove them on close; the ones it created are removed here."""
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = {p for p in sidecars if p.exists()}
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()
        for sidecar in sidecars:
            if sidecar not in existed:
                sidecar.unlink(missing_ok=True)


def _fsync(path: Path, *, directory: bool = False) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0))
    except OSError:
        if directory:
            return  # not possible on every platform; the file itself was synced
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


def _publish(temp: Path, target: Path, *, force: bool) -> None:
    """Move the finished temp file to ``target`` atomically; without ``force`` never
    replace an existing file (a hard link fails if the name is taken)."""
    if force:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)
    except FileExistsError:
        raise BackupExists(target) from None
    except OSError:
        # no hard links on this file system: check, then rename
        if target.exists():
            raise BackupExists(target) from None
        os.replace(temp, target)
    else:
        temp.unlink()


def backup_sqlite(source: Path, target: Path, *, force: bool = False) -> int:
    """Copy the SQLite database ``source`` to ``target`` with the online backup API;
    returns the size of the backup in bytes. Safe while the bot runs."""
    if not source.is_file():
        raise BackupError(f"There is no database at {source}: nothing to back up.")
    if target.is_dir():
        raise BackupError(f"{target} is a directory; give the backup a file name.")
    if _same_file(source, target):
        raise BackupError(f"{target} is the database itself; choose another file.")
    if target.exists() and not force:
        raise BackupExists(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise BackupError(f"Cannot write to {target.parent}: {error.strerror or error}.") from None
    os.close(fd)
    temp = Path(name)
    try:
        with closing(_connect(source)) as src, closing(_connect(temp)) as dst:
            # one step (pages=-1): a single read transaction, so one consistent snapshot
            src.backup(dst)
            # a standalone file: no -wal beside it, openable read-only anywhere
            dst.execute("PRAGMA journal_mode=DELETE")
        _fsync(temp)
        size = temp.stat().st_size
        _publish(temp, target, force=force)
        _fsync(target.parent, directory=True)
    except sqlite3.Error as error:
        raise BackupError(f"Cannot back up {source}: {error}.") from None
    except OSError as error:
        raise BackupError(f"Cannot write {target}: {error.strerror or error}.") from None
    finally:
        temp.unlink(missing_ok=True)
    return size


def inspect_backup(path: Path, known_revisions: Sequence[str] | None = None) -> BackupFile:
    """Check that ``path`` is an intact Iron Funnel SQLite database (and, given
    ``known_revisions``, at a migration this version knows)."""
    if not path.exists():
        raise BackupError(f"{path} does not exist.")
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    problem = f"{path} is not an Iron Funnel SQLite backup"
    try:
        with _read_only(path) as conn:
            tables = {
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            missing = [t for t in REQUIRED_TABLES if t not in tables]
            if missing:
                raise BackupError(f"{problem} (no {' or '.join(missing)} table).")
            versions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
            if len(versions) != 1:
                raise BackupError(f"{problem} (no migration recorded).")
            checked = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if checked != ["ok"]:
                raise BackupError(f"{path} is damaged (integrity check: {checked[0]}).")
            teams = conn.execute("SELECT count(*) FROM teams").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{problem} ({error}).") from None
    except OSError as error:
        raise BackupError(f"Cannot read {path}: {error.strerror or error}.") from None
    revision = versions[0]
    if known_revisions is not None and revision not in known_revisions:
        raise BackupError(
            f"{path} was made by a newer version of Iron Funnel (migration {revision}); "
            "update the bot before restoring it."
        )
    return BackupFile(path=path, size=path.stat().st_size, revision=revision, teams=teams)


def count_teams(path: Path) -> int:
    """Rows in ``teams`` of the database at ``path``; 0 if it has no such table (or no
    file). A file that is not a SQLite database is an error."""
    if not path.exists():
        return 0
    try:
        with closing(_connect(path)) as conn:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'teams'"
            ).fetchone()
            if found is None:
                return 0
            return conn.execute("SELECT count(*) FROM teams").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"The database {path} cannot be read ({error}).") from None


def looks_in_use(path: Path) -> bool:
    """True if the database has a write-ahead log beside it: the bot (or another
    program) probably has it open. SQLite removes the ``-wal`` file when the last
    connection closes cleanly."""
    return path.with_name(path.name + "-wal").exists()


def restore_sqlite(
    backup: Path,
    target: Path,
    *,
    force: bool = False,
    known_revisions: Sequence[str] | None = None,
) -> BackupFile:
    """Check ``backup`` and copy it over the database ``target`` with the backup API.
    Refuses a target with teams unless ``force``. The schema is not migrated here."""
    checked = inspect_backup(backup, known_revisions)
    if _same_file(backup, target):
        raise BackupError(f"{backup} is the configured database itself.")
    if not force:
        teams = count_teams(target)
        if teams:
            raise DatabaseNotEmpty(target, teams)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _read_only(backup) as src, closing(_connect(target)) as dst:
            src.backup(dst)
    except sqlite3.Error as error:
        raise BackupError(f"Cannot restore into {target}: {error}.") from None
    except OSError as error:
        raise BackupError(f"Cannot write {target}: {error.strerror or error}.") from None
    return checked


async def restore(
    database_url: str, backup: Path, *, force: bool = False
) -> tuple[BackupFile, str]:
    """Restore a SQLite backup into DATABASE_URL and migrate it to head; returns the
    backup checked and the migration the database is at now."""
    from storage import migrate
    from storage.db import Database

    target = sqlite_path(database_url)
    checked = await asyncio.to_thread(
        restore_sqlite, backup, target, force=force, known_revisions=migrate.all_revisions()
    )
    db = Database(database_url)
    try:
        await migrate.upgrade(db)
        revision = await migrate.current_revision(db)
    finally:
        await db.dispose()
    return checked, revision or checked.revision


# -- PostgreSQL ---------------------------------------------------------------------------


def _pg_connection_args(database_url: str) -> list[str]:
    url = make_url(database_url)
    if not url.database:
        raise BackupError("DATABASE_URL names no database.")
    args = []
    if url.host:
        args += ["-h", url.host]
    if url.port:
        args += ["-p", str(url.port)]
    if url.username:
        args += ["-U", url.username]
    return [*args, "-d", url.database]


def pg_dump_command(database_url: str, path: str | Path) -> str:
    """The shell command that dumps the PostgreSQL database to ``path`` (custom format).
    The password is not in it: pg_dump asks, or reads PGPASSWORD / ~/.pgpass."""
    return shlex.join(["pg_dump", "-Fc", *_pg_connection_args(database_url), "-f", str(path)])


def pg_restore_command(database_url: str, path: str | Path) -> str:
    """The shell command that restores a ``pg_dump -Fc`` file over the database."""
    return shlex.join(
        ["pg_restore", "--clean", "--if-exists", *_pg_connection_args(database_url), str(path)]
    )


# -- nightly ------------------------------------------------------------------------------


def nightly_name(now: datetime) -> str:
    return f"{NIGHTLY_PREFIX}{now.strftime(NIGHTLY_FORMAT)}.db"


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete the oldest nightly backups (``iron_funnel-YYYYmmdd-HHMMSS.db``) beyond the
    newest ``keep``; other files are never touched. Returns the deleted paths."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    backups = sorted(
        p for p in directory.iterdir() if NIGHTLY_PATTERN.match(p.name) and p.is_file()
    )
    removed = backups[:-keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _nightly(source: Path, directory: Path, keep: int, now: datetime) -> tuple[Path, int, list]:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / nightly_name(now)
    size = backup_sqlite(source, target, force=True)
    return target, size, prune(directory, keep)


async def nightly_backup(
    database_url: str, directory: Path, keep: int, now: datetime
) -> Path | None:
    """The scheduled backup: ``iron_funnel-YYYYmmdd-HHMMSS.db`` (``now``'s own clock
    fields; pass UTC so names sort in time order) in ``directory``, then the oldest
    beyond ``keep`` are deleted. Runs in a worker thread; raises BackupError if it
    fails. PostgreSQL: nothing is done (use pg_dump), returns None."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    if backend(database_url) == "postgresql":
        log.info(
            "nightly backup skipped: PostgreSQL is backed up with pg_dump",
            extra={"command": pg_dump_command(database_url, directory / "iron_funnel.dump")},
        )
        return None
    source = sqlite_path(database_url)
    try:
        target, size, removed = await asyncio.to_thread(_nightly, source, directory, keep, now)
    except OSError as error:
        raise BackupError(f"Cannot write to {directory}: {error.strerror or error}.") from None
    log.info(
        "nightly backup written",
        extra={"path": str(target), "bytes": size, "deleted": [p.name for p in removed]},
    )
    return target
