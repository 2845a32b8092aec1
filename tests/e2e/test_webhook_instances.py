"""End to end on PostgreSQL: webhook mode, and two instances behind one webhook URL.

The real bot runs as ``python -m bot`` with ``BOT_MODE=webhook``: it registers its public
https URL with the fake Bot API, which posts the updates to the bot's local address instead
(``fake_api.deliver_to``).  Two instances on one database share the scheduled work through
the ``scheduler`` lease: exactly one sends the evening digest, and when it is killed (no
clean shutdown, the lease is not released) the other takes the lease over once it expires
and sends what is then due.

Runs only with ``TEST_POSTGRES_URL`` (an admin URL of a throw-away PostgreSQL server, as
``tests/run_postgres.sh`` starts one); without it this module defines no tests at all.
"""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import asyncpg
from sqlalchemy.engine import make_url

from tests.support.ports import free_port

from .conftest import BotProcess, RunBot
from .fake_bot_api import FakeBotAPI, Request
from .test_scheduled_digests import EVENING, NUDGE, prepare_database

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")

ADMIN, REP = 111, 501
GROUP = -1001234567890
HOOK_PATH = "/tg/hook"
WEBHOOK_URL = f"https://bot.example.test{HOOK_PATH}"
SECRET = "e2e-Webhook_secret-42"
TIMEOUT = 60.0  # start-up (imports, migrations; two at once) plus chart rendering, on a busy box
# bot.jobs: the lease lives 40 s and is renewed every 15 s, so a survivor takes over at
# most 55 s after the holder died; plus the catch-up and the send.
TAKEOVER_TIMEOUT = 70.0
LEASE_EVERY, LEASE_TTL = 15.0, 40.0


def albums_to(fake_api: FakeBotAPI, chat_id: int) -> list[Request]:
    """The albums (sendMediaGroup) the chat received."""
    return [r for r in fake_api.requests_for("sendMediaGroup") if r.chat_id == chat_id and r.ok]


def webhook_env(database_url: str, port: int) -> dict[str, str | None]:
    return {
        "DATABASE_URL": database_url,
        "BOT_MODE": "webhook",
        "WEBHOOK_URL": WEBHOOK_URL,
        "WEBHOOK_SECRET": SECRET,
        "WEB_HOST": "127.0.0.1",
        "WEB_PORT": str(port),
        "INGEST_PORT": None,
    }


def hook_address(bot: BotProcess) -> str:
    """Where the fake server really posts the updates for this instance."""
    return f"{bot.web_url}{HOOK_PATH}"


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def sql(database_url: str, query: str, *args: Any) -> list[asyncpg.Record]:
    """Run one statement on the test database (its own short connection)."""
    conn = await asyncpg.connect(_dsn(database_url))
    try:
        return await conn.fetch(query, *args)
    finally:
        await conn.close()


async def lease_holder_pid(database_url: str) -> int | None:
    """The pid of the scheduler lease's holder (``<host>:<pid>:<hex>``), None when free."""
    rows = await sql(database_url, "SELECT holder FROM leases WHERE name = 'scheduler'")
    return int(rows[0]["holder"].split(":")[-2]) if rows else None


async def wait_before_renewal(database_url: str, leader: BotProcess) -> None:
    """Return ~1.5 s before ``leader`` renews the scheduler lease again (it renews every
    15 s for 40 s: the next renewal is due 25 s before the lease's current expiry)."""
    while True:
        [row] = await sql(database_url, "SELECT holder, expires_at FROM leases")
        assert int(row["holder"].split(":")[-2]) == leader.serving_pid, row["holder"]
        expires = row["expires_at"].replace(tzinfo=UTC)
        before_renewal = expires - timedelta(seconds=LEASE_TTL - LEASE_EVERY + 1.5)
        wait = (before_renewal - datetime.now(UTC)).total_seconds()
        if wait >= 0:
            await asyncio.sleep(wait)
            return
        # too close to (or past) the renewal: wait for it and aim at the one after
        await asyncio.sleep(0.25)


async def digest_runs(database_url: str) -> list[tuple[str, str]]:
    rows = await sql(database_url, "SELECT kind, status FROM digest_runs ORDER BY id")
    return [(row["kind"], row["status"]) for row in rows]


async def wait_for_runs(database_url: str, expected: list[tuple[str, str]]) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while (found := await digest_runs(database_url)) != expected:
        if loop.time() > deadline:
            raise AssertionError(f"digest_runs is {found}, expected {expected}")
        await asyncio.sleep(0.1)


async def healthz(bot: BotProcess) -> tuple[int, dict[str, Any]]:
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session,
        session.get(f"{bot.web_url}/healthz") as response,
    ):
        return response.status, await response.json()


async def wait_until_leader(bot: BotProcess) -> None:
    """Until the instance's /healthz reports it holds the scheduler lease."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LEASE_EVERY + 5
    while not (health := (await healthz(bot))[1])["leader"]:
        if loop.time() > deadline:
            raise AssertionError(f"{bot.web_url}/healthz still says {health}")
        await asyncio.sleep(0.2)


async def post_to_hook(bot: BotProcess, update: dict[str, Any], secret: str | None) -> int:
    """POST an update to the bot's webhook as an outsider would; returns the HTTP status."""
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session,
        session.post(hook_address(bot), json=update, headers=headers) as response,
    ):
        await response.read()
        return response.status


async def prepare_team(database_url: str, token: str) -> datetime:
    """The default team with its group chat, every day a working day, created two hours
    ago, the evening digest due three minutes ago (team-local ~20:xx, so no scenario
    crosses local midnight); manager Olga (ADMIN) and SDR Ivan (REP). Returns the local
    instant the digest was due."""
    _zone, due = await prepare_database(
        database_url, token, due_ago=timedelta(minutes=3), created_ago=timedelta(hours=2)
    )
    return due


def message_update(user: dict[str, Any], text: str, update_id: int) -> dict[str, Any]:
    """A private text message update built by hand (for posting it past the fake server)."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": 9_000 + update_id % 1_000,
            "from": user,
            "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
            "date": int(time.time()),
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


if POSTGRES_URL:

    async def test_webhook_mode_sets_the_webhook_answers_users_and_refuses_a_wrong_secret(
        database_url: str, fake_api: FakeBotAPI, run_bot: RunBot
    ) -> None:
        port = free_port()
        fake_api.deliver_to = f"http://127.0.0.1:{port}{HOOK_PATH}"
        bot = await run_bot(webhook_env(database_url, port))
        await bot.wait_webhook_ready(TIMEOUT)

        # the webhook Telegram would call, with the secret it must present
        [registered] = fake_api.requests_for("setWebhook")
        assert registered.params["url"] == WEBHOOK_URL
        assert registered.params["secret_token"] == SECRET
        allowed = registered.params["allowed_updates"]
        assert {"message", "callback_query"} <= set(allowed)
        assert fake_api.allowed_updates == allowed
        assert (fake_api.webhook_url, fake_api.webhook_secret_token) == (WEBHOOK_URL, SECRET)
        # a webhook bot never polls (a getUpdates would be refused with 409 anyway)
        assert fake_api.requests_for("getUpdates") == []
        assert fake_api.requests_for("deleteWebhook") == []

        status, health = await healthz(bot)
        assert status == 200
        assert health["database"] == "ok"
        assert (health["ok"], health["scheduler"]) == (True, "running")
        assert await lease_holder_pid(database_url) == bot.serving_pid  # the only instance

        # a user's /start travels Telegram -> webhook -> bot -> Bot API
        olga = fake_api.user(ADMIN, "Olga", username="olga", language_code="en")
        start = fake_api.send_text(olga, "/start")
        await fake_api.wait_for_message(ADMIN, contains="Hi, Olga")
        await fake_api.wait_consumed(start)  # the bot answers the post after handling it
        [delivery] = fake_api.deliveries_of(start)
        assert (delivery.status, delivery.secret_token) == (200, SECRET)
        assert delivery.address == f"http://127.0.0.1:{port}{HOOK_PATH}"

        # someone who does not know the secret: 401, nothing handled
        forged = message_update(olga, "/help", start["update_id"] + 1)
        assert await post_to_hook(bot, forged, "not-the-secret") == 401
        assert await post_to_hook(bot, forged, None) == 401
        assert len(fake_api.messages_to(ADMIN)) == 1
        # the same update from Telegram itself is answered, once: the refused posts left
        # no trace (it was not recorded as processed)
        fake_api.push_update(forged)
        await fake_api.wait_for_message(ADMIN, contains="What you can do:")  # /help
        await fake_api.wait_consumed(forged)
        assert len(fake_api.messages_to(ADMIN)) == 2
        assert [d.status for d in fake_api.webhook_deliveries] == [200, 200]
        # /healthz says it leads (its two start-up lease requests may race each other on
        # PostgreSQL and leave it saying "not leader" until the next round, 15 s later)
        await wait_until_leader(bot)

        assert await bot.terminate() == 0
        assert "bot stopped" in bot.logs()
        # a clean stop hands the scheduler lease over at once; the webhook stays set
        # (other instances may still serve it)
        assert await lease_holder_pid(database_url) is None
        assert fake_api.requests_for("deleteWebhook") == []

    async def test_two_instances_send_the_digest_once_and_the_survivor_takes_over(
        database_url: str, fake_api: FakeBotAPI, run_bot: RunBot
    ) -> None:
        due = await prepare_team(database_url, fake_api.token)
        fake_api.group(GROUP, "Продажи", "supergroup")
        fake_api.user(ADMIN, "Olga", username="olga", language_code="ru")
        ivan = fake_api.user(REP, "Ivan", username="ivan", language_code="ru")

        # two instances behind one webhook URL (a load balancer in front of both)
        first = await run_bot(webhook_env(database_url, free_port()))
        second = await run_bot(webhook_env(database_url, free_port()))
        fake_api.deliver_to = [hook_address(first), hook_address(second)]
        await asyncio.gather(first.wait_webhook_ready(TIMEOUT), second.wait_webhook_ready(TIMEOUT))
        assert [r.params["url"] for r in fake_api.requests_for("setWebhook")] == [WEBHOOK_URL] * 2

        # the evening digest due three minutes ago reaches the group: the text, then its
        # two charts as one album
        digest = await fake_api.wait_for_message(GROUP, contains=EVENING, timeout=TIMEOUT)
        assert f"{due:%d.%m.%Y}" in (digest.text or "")
        assert "Ivan" in (digest.text or "")
        await fake_api.wait_until(
            lambda: albums_to(fake_api, GROUP) or None, TIMEOUT, "the digest's album"
        )
        holder = await lease_holder_pid(database_url)
        assert holder in (first.serving_pid, second.serving_pid)
        leader, survivor = (first, second) if holder == first.serving_pid else (second, first)

        # The other instance has had its chance to send it too: its start-up catch-up ran
        # seconds ago, as a follower.  The leader is killed a moment before its next lease
        # renewal, so that the lease expires ~26 s later rather than ~40 s.
        await wait_before_renewal(database_url, leader)
        assert [r.method for r in fake_api.messages_to(GROUP)] == ["sendMessage"]
        assert [len(album.params["media"]) for album in albums_to(fake_api, GROUP)] == [2]
        assert await digest_runs(database_url) == [("day", "sent")]
        assert (await healthz(survivor))[1]["leader"] is False
        assert fake_api.messages_to(REP) == []

        # The nudge is switched on for a minute ago, then the leader dies without
        # releasing the lease: the survivor owes the nudge once it takes the lease over
        # (taking it over runs the catch-up, which re-reads the teams).
        nudge_at = (datetime.now(due.tzinfo) - timedelta(minutes=1)).strftime("%H:%M")
        await sql(database_url, "UPDATE teams SET nudge_time = $1", nudge_at)
        killed_at = time.monotonic()
        assert await leader.kill() == -9

        # meanwhile Ivan writes: the balancer tries the dead instance first, the update is
        # delivered again, to the survivor, and answered once
        fake_api.deliver_to = [hook_address(leader), hook_address(survivor)]
        hello = fake_api.send_text(ivan, "/start")
        await fake_api.wait_for_message(REP, contains="Здравствуйте, Ivan", timeout=TIMEOUT)
        await fake_api.wait_consumed(hello)
        attempts = fake_api.deliveries_of(hello)
        assert [(d.address, d.status) for d in attempts] == [
            (hook_address(leader), None),  # connection refused
            (hook_address(survivor), 200),
        ]
        assert len(fake_api.messages_to(REP)) == 1

        nudge = await fake_api.wait_for_message(
            REP, contains=NUDGE, timeout=TAKEOVER_TIMEOUT - (time.monotonic() - killed_at)
        )
        assert killed_at < nudge.time < killed_at + TAKEOVER_TIMEOUT
        await wait_for_runs(database_url, [("day", "sent"), ("nudge", "sent")])
        assert await lease_holder_pid(database_url) == survivor.serving_pid
        status, health = await healthz(survivor)
        assert (status, health["leader"]) == (200, True)
        # exactly once each: the survivor's catch-up did not resend the evening digest
        assert [r for r in fake_api.messages_to(REP) if NUDGE in (r.text or "")] == [nudge]
        assert len(fake_api.messages_to(GROUP)) == 1
        assert len(albums_to(fake_api, GROUP)) == 1

        assert await survivor.terminate() == 0
        assert "bot stopped" in survivor.logs()
