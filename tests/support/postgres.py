"""Throw-away PostgreSQL databases for tests: one migrated template, a copy per test."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

REPO_ROOT = Path(__file__).resolve().parents[2]


def _dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def _with_database(url: str, database: str) -> str:
    return make_url(url).set(database=database).render_as_string(hide_password=False)


def make_template(admin_url: str) -> str:
    """Create (again) the template database and migrate it with the real CLI."""
    name = f"iron_funnel_template_{os.getpid()}"
    subprocess.run(
        [
            "psql",
            _dsn(admin_url),
            "-q",
            "-c",
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            "-c",
            f'CREATE DATABASE "{name}"',
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "DATABASE_URL": _with_database(admin_url, name), "BOT_TOKEN": ""}
    subprocess.run(
        [sys.executable, "-m", "bot", "migrate"],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return name


@asynccontextmanager
async def fresh_database(admin_url: str, template: str) -> AsyncIterator[str]:
    """A new database copied from ``template``; dropped afterwards."""
    name = f"t_{secrets.token_hex(6)}"
    conn = await asyncpg.connect(_dsn(admin_url))
    try:
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        await conn.close()
    try:
        yield _with_database(admin_url, name)
    finally:
        conn = await asyncpg.connect(_dsn(admin_url))
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()
