"""``python -m bot backup`` / ``restore`` as a user runs them: real processes, real files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# wide enough for a 30-day demo history whatever the team's zone
PERIOD = f"{date.today() - timedelta(days=40)}..{date.today() + timedelta(days=1)}"


def run(args: list[str], tmp_path: Path, database_url: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "ADMIN_IDS"}}
    clean.update({"DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"})
    # run from tmp_path so a developer's .env is not picked up
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def ok(args: list[str], tmp_path: Path, url: str) -> str:
    result = run(args, tmp_path, url)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(args: list[str], tmp_path: Path, url: str) -> str:
    """The command fails with one line on stderr and no traceback; returns that line."""
    result = run(args, tmp_path, url)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def report(tmp_path: Path, url: str) -> str:
    return ok(["report", "--period", PERIOD], tmp_path, url)


def leads(path: Path, add: int = 0) -> int:
    """Copy ``add`` leads (a change the report shows); the number of leads after."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        columns = "member_id, source_id, qualification, team_id, entry_id, occurred_at, day"
        conn.execute(
            f"INSERT INTO leads ({columns}) SELECT {columns} FROM leads "
            "WHERE voided_at IS NULL LIMIT ?",
            (add,),
        )
        return conn.execute("SELECT count(*) FROM leads").fetchone()[0]


def test_backup_and_restore(tmp_path: Path):
    url = f"sqlite+aiosqlite:///{tmp_path}/data/funnel.db"
    database = tmp_path / "data" / "funnel.db"
    ok(["demo", "--days", "30"], tmp_path, url)
    original = report(tmp_path, url)
    before = leads(database)
    total = json.loads(original)["total"]
    assert total["leads_new"] > 0 and total["calls_60"] > 0

    out = ok(["backup", "backups/funnel.db"], tmp_path, url)
    backup = tmp_path / "backups" / "funnel.db"
    assert backup.is_file()
    assert out.startswith(f"Backed up {tmp_path}/data/funnel.db to backups/funnel.db (")
    assert out.rstrip().endswith("MiB).") or out.rstrip().endswith("KiB).")
    saved = backup.read_bytes()

    line = refused(["backup", "backups/funnel.db"], tmp_path, url)
    assert line == "backups/funnel.db already exists. Use --force to overwrite it."
    assert backup.read_bytes() == saved
    ok(["backup", "backups/funnel.db", "--force"], tmp_path, url)

    # more records after the backup
    assert leads(database, add=9) == before + 9

    line = refused(["restore", "backups/funnel.db"], tmp_path, url)
    assert "already has data" in line and "--force" in line
    assert leads(database) == before + 9

    out = ok(["restore", "backups/funnel.db", "--force"], tmp_path, url)
    assert out.startswith("Restored backups/funnel.db (")
    assert "the database is at migration" in out
    assert leads(database) == before
    assert report(tmp_path, url) == original

    # into a database that does not exist yet: no --force needed
    fresh = f"sqlite+aiosqlite:///{tmp_path}/other/fresh.db"
    ok(["restore", str(backup)], tmp_path, fresh)
    assert report(tmp_path, fresh) == original


def test_restore_of_what_is_not_a_backup(tmp_path: Path):
    url = f"sqlite+aiosqlite:///{tmp_path}/data/funnel.db"
    (tmp_path / "notes.txt").write_text("not a database\n" * 50)
    line = refused(["restore", "notes.txt"], tmp_path, url)
    assert line == "notes.txt is not an Iron Funnel SQLite backup (file is not a database)."
    line = refused(["restore", "missing.db"], tmp_path, url)
    assert line == "missing.db does not exist."
    line = refused(["backup", "b.db"], tmp_path, url)
    assert "nothing to back up" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_postgresql_prints_the_commands_and_writes_nothing(tmp_path: Path):
    url = "postgresql+asyncpg://funnel:s3cret@db.example:5433/iron_sales"
    out = ok(["backup", "sales.dump"], tmp_path, url)
    assert "pg_dump -Fc -h db.example -p 5433 -U funnel -d iron_sales -f sales.dump" in out
    out = ok(["restore", "sales.dump"], tmp_path, url)
    assert (
        "pg_restore --clean --if-exists -h db.example -p 5433 -U funnel -d iron_sales sales.dump"
        in out
    )
    assert "python -m bot migrate" in out
    assert "s3cret" not in out
    assert list(tmp_path.iterdir()) == []
