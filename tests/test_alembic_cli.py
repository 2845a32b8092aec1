"""Alembic's own command line works from the project's root (alembic.ini), on the bot's
database (DATABASE_URL), and agrees with the migrations the bot applies itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from storage import migrate

ROOT = Path(__file__).resolve().parents[1]


def alembic(*args: str, database: Path) -> str:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{database}"}
    done = subprocess.run(
        [sys.executable, "-m", "alembic", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_current_history_upgrade_and_downgrade_from_the_root(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    head = migrate.head_revision()
    assert head is not None
    assert "(head)" not in alembic("current", database=database)  # an empty database
    alembic("upgrade", "head", database=database)
    assert alembic("current", database=database).split() == [head, "(head)"]
    history = alembic("history", database=database)
    assert all(f"-> {revision}" in history for revision in migrate.all_revisions()[1:])
    alembic("downgrade", "-1", database=database)
    assert alembic("current", database=database).split() == [migrate.all_revisions()[-2]]
