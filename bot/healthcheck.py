"""``python -m bot healthcheck``: is the bot running on this machine healthy? The Docker
image's ``HEALTHCHECK`` (README, "Docker"); exit 0 when it is, 1 with one line saying why
when it is not.

It asks the bot's own ``GET /healthz`` (the database answers, the scheduler runs) on
``WEB_PORT`` wherever the bot serves it: in webhook mode, and in polling mode when
``WEBAPP_URL`` is set. In polling mode without ``WEBAPP_URL`` the bot has no web server
to ask; then the check is that the database answers.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from bot.settings import Settings

TIMEOUT_S = 5.0
_ANY = {"", "0.0.0.0", "::"}


def serves_healthz(settings: Settings) -> bool:
    """Whether the bot answers ``/healthz`` (bot.app starts polling mode's web server
    only for the Mini App)."""
    return settings.bot_mode == "webhook" or bool(settings.webapp_url)


def healthz_url(settings: Settings) -> str:
    """``http://127.0.0.1:8080/healthz``: the address the bot listens on, loopback when it
    listens on every address (``WEB_HOST=0.0.0.0`` in a container).

    >>> healthz_url(Settings(_env_file=None, web_host="0.0.0.0", web_port=8080))
    'http://127.0.0.1:8080/healthz'
    >>> healthz_url(Settings(_env_file=None, web_host="::1", web_port=9000))
    'http://[::1]:9000/healthz'
    """
    host = settings.web_host.strip()
    if host in _ANY:
        host = "127.0.0.1"
    else:
        try:
            if ipaddress.ip_address(host).version == 6:
                host = f"[{host}]"
        except ValueError:
            pass  # a name
    return f"http://{host}:{settings.web_port}/healthz"


def ask_healthz(url: str, timeout: float = TIMEOUT_S) -> tuple[bool, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read().decode("utf-8", "replace")
            status = response.status
    except urllib.error.HTTPError as error:  # 503: the bot says what is wrong
        status, body = error.code, error.read().decode("utf-8", "replace")
    except (OSError, ValueError) as error:
        return False, f"{url}: no answer ({error})"
    try:
        ok = status == 200 and json.loads(body).get("ok") is True
    except (ValueError, AttributeError):
        ok = False
    return ok, f"{url}: {status} {body.strip()}"


def missing_sqlite_file(database_url: str) -> str | None:
    """The path of a SQLite database file that is not there yet, else None: the check
    does not create it (the bot does, when it starts)."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return None if Path(url.database).exists() else url.database


async def ask_database(database_url: str) -> tuple[bool, str]:
    """Does the database answer ``SELECT 1``?"""
    import sqlalchemy as sa

    from storage.db import Database

    db = Database(database_url)
    try:
        async with db.read() as conn:
            await conn.execute(sa.text("SELECT 1"))
        return True, "database: ok (polling mode without WEBAPP_URL serves no /healthz)"
    except Exception as error:  # the line says what is wrong
        return False, f"database: {type(error).__name__}: {error}"
    finally:
        await db.dispose()


def run_healthcheck(settings: Settings) -> int:
    if serves_healthz(settings):
        ok, line = ask_healthz(healthz_url(settings))
    elif missing := missing_sqlite_file(settings.database_url):
        ok, line = False, f"database: {missing} does not exist (has the bot started?)"
    else:
        ok, line = asyncio.run(ask_database(settings.database_url))
    print(line, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1
