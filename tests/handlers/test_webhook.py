"""Webhook mode: Telegram's secret token is checked, updates are handled before the answer,
/healthz reports the database and the scheduler, the ingestion routes share the server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from pydantic import SecretStr

from bot.app import build_dispatcher
from bot.web import build_web_app
from tests.conftest import ADMIN_ID
from tests.support import factories as f

SECRET = "s3cret_token-1"


@pytest.fixture
async def web(settings, db, bot) -> AsyncIterator[TestClient]:
    configured = settings.model_copy(
        update={
            "bot_mode": "webhook",
            "webhook_url": "https://bot.example.com/tg/hook",
            "webhook_secret": SecretStr(SECRET),
        }
    )
    dp = build_dispatcher(configured, db, AsyncIOScheduler(timezone=configured.timezone))
    async with TestClient(TestServer(build_web_app(bot, dp, configured))) as client:
        yield client


def update_json(text: str) -> dict:
    admin = f.user(ADMIN_ID, "Olga", language_code="ru")
    return f.message_update(admin, text).model_dump(mode="json", exclude_none=True)


async def test_an_update_with_the_secret_is_handled_before_the_answer(web, bot):
    answer = await web.post(
        "/tg/hook",
        json=update_json("/start"),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    assert answer.status == 200
    assert any("Olga" in (text or "") for text in bot.texts_to(ADMIN_ID))


async def test_a_wrong_or_missing_secret_is_401_and_nothing_is_processed(web, bot):
    for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "guess"}):
        answer = await web.post("/tg/hook", json=update_json("/start"), headers=headers)
        assert answer.status == 401
    assert bot.texts_to(ADMIN_ID) == []


async def test_healthz_and_shared_ingest_routes(web):
    health = await web.get("/healthz")
    assert health.status == 200
    body = await health.json()
    assert body["ok"] is True and body["database"] == "ok" and body["scheduler"] == "running"
    # no ingestion secret configured: the route is there and says so
    assert (await web.post("/ingest/calls", data=b"[]")).status == 404
