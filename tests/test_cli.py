"""The ``python -m bot`` entry point as a newcomer meets it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "ADMIN_IDS"}}
    clean.update({"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/db/cli.db", **env})
    # run from tmp_path so a developer's .env is not picked up
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_no_token_explains_botfather_and_fails(tmp_path):
    result = run([], tmp_path)
    assert result.returncode != 0
    assert "BOT_TOKEN is not set" in result.stderr
    assert "@BotFather" in result.stderr and "/newbot" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_token_is_refused(tmp_path):
    result = run([], tmp_path, BOT_TOKEN="hello")
    assert result.returncode != 0
    assert "does not look like a bot token" in result.stderr


def test_bad_timezone_is_one_line_naming_the_key(tmp_path):
    result = run([], tmp_path, BOT_TOKEN="1:abc", TIMEZONE="Mars/Olympus")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "Configuration error: TIMEZONE: 'Mars/Olympus' is not a known IANA time zone, "
        "e.g. Europe/Moscow"
    ]


def test_migrate_creates_database_and_default_team(tmp_path):
    result = run(["migrate"], tmp_path, DEFAULT_LANGUAGE="en", TIMEZONE="Asia/Vladivostok")
    assert result.returncode == 0, result.stderr
    assert "Database is at migration" in result.stdout
    engine = sa.create_engine(f"sqlite:///{tmp_path}/db/cli.db")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT name, timezone, language FROM teams")).all()
    engine.dispose()
    assert rows == [("Sales", "Asia/Vladivostok", "en")]
    # running it again changes nothing
    assert run(["migrate"], tmp_path).returncode == 0
