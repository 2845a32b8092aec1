"""``python -m bot healthcheck`` (the Docker image's HEALTHCHECK): healthy when the bot's
/healthz says so, or (polling mode without a web server) when the database answers."""

from __future__ import annotations

import asyncio
import doctest
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import bot.healthcheck
from bot.healthcheck import run_healthcheck
from bot.settings import Settings
from storage import migrate
from storage.db import Database


class _Healthz(BaseHTTPRequestHandler):
    answer: tuple[int, dict] = (200, {"ok": True})

    def do_GET(self) -> None:
        status, body = self.server.answer if self.path == "/healthz" else (404, {})  # type: ignore[attr-defined]
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def healthz() -> Iterator[ThreadingHTTPServer]:
    """A stand-in for the bot's web server on a free port of 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Healthz)
    server.answer = (200, {"ok": True, "database": "ok", "scheduler": "running"})  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def webhook_settings(port: int) -> Settings:
    return Settings(
        _env_file=None,
        bot_mode="webhook",
        webhook_url="https://bot.example.com/tg/hook",
        webhook_secret="s3cret",
        web_host="0.0.0.0",
        web_port=port,
    )


def test_webhook_mode_asks_healthz(healthz, capsys):
    settings = webhook_settings(healthz.server_address[1])
    assert run_healthcheck(settings) == 0
    assert '"ok": true' in capsys.readouterr().out

    healthz.answer = (503, {"ok": False, "database": "error: OperationalError"})
    assert run_healthcheck(settings) == 1
    err = capsys.readouterr().err
    assert "503" in err and "OperationalError" in err


def test_no_answer_is_unhealthy(healthz, capsys):
    port = healthz.server_address[1]
    healthz.shutdown()
    healthz.server_close()
    assert run_healthcheck(webhook_settings(port)) == 1
    assert "no answer" in capsys.readouterr().err


def test_polling_with_the_mini_app_asks_healthz_too(healthz, capsys):
    settings = Settings(
        _env_file=None,
        webapp_url=f"http://127.0.0.1:{healthz.server_address[1]}/app",
        web_port=healthz.server_address[1],
    )
    assert run_healthcheck(settings) == 0
    assert "/healthz: 200" in capsys.readouterr().out


async def _migrated(url: str) -> None:
    db = Database(url)
    await migrate.upgrade(db)
    await db.dispose()


def test_polling_without_a_web_server_checks_the_database(tmp_path, capsys):
    path = tmp_path / "iron_funnel.db"
    settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{path}")
    assert run_healthcheck(settings) == 1  # the bot has not started: no database yet
    assert "does not exist" in capsys.readouterr().err
    assert not path.exists()  # and the check did not create one

    asyncio.run(_migrated(settings.database_url))
    assert run_healthcheck(settings) == 0
    assert capsys.readouterr().out.startswith("database: ok")


def test_doctests():
    assert doctest.testmod(bot.healthcheck).failed == 0
