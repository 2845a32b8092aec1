"""Webhook mode (``BOT_MODE=webhook``): Telegram posts updates to our web server.

One aiohttp server on ``WEB_HOST:WEB_PORT`` serves:

* the webhook, at the path of ``WEBHOOK_URL``; every request must carry Telegram's
  ``X-Telegram-Bot-Api-Secret-Token`` equal to ``WEBHOOK_SECRET`` (else 401, nothing is
  processed). An update is answered only after it was handled and committed, so a crash
  mid-way makes Telegram deliver it again, and the update-id ledger skips what was done;
* ``GET /healthz``: the database and the scheduler, for a load balancer;
* the telephony and CRM ingestion routes (``/ingest/...``), when their secrets are set.

Several instances may run behind a load balancer on one PostgreSQL database: updates are
deduplicated in the database, and only the holder of the scheduler lease sends digests.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from urllib.parse import urlsplit

import sqlalchemy as sa
from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app import UPDATE_CONCURRENCY
from bot.ingest.server import MAX_BODY, IngestServer
from bot.jobs import Jobs
from bot.settings import Settings
from storage.db import Database

log = logging.getLogger(__name__)


def webhook_path(settings: Settings) -> str:
    assert settings.webhook_url is not None
    return urlsplit(settings.webhook_url).path or "/"


def build_web_app(bot: Bot, dp: Dispatcher, settings: Settings) -> web.Application:
    """The webhook, /healthz and the ingestion routes on one application; the dispatcher's
    start-up and shutdown run with the application's."""
    ingest: IngestServer = dp["ingest"]
    db: Database = dp["db"]
    jobs: Jobs = dp["jobs"]
    app = web.Application(client_max_size=MAX_BODY, middlewares=[ingest.errors])
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    SimpleRequestHandler(
        dispatcher=dp, bot=bot, secret_token=secret, handle_in_background=False
    ).register(app, path=webhook_path(settings))

    async def healthz(request: web.Request) -> web.Response:
        try:
            async with db.read() as conn:
                await conn.execute(sa.text("SELECT 1"))
            database = "ok"
        except Exception as error:  # the answer says what is wrong
            database = f"error: {type(error).__name__}"
        scheduler = "running" if jobs.scheduler.running else "stopped"
        ok = database == "ok" and scheduler == "running"
        return web.json_response(
            {"ok": ok, "database": database, "scheduler": scheduler, "leader": jobs.leader},
            status=200 if ok else 503,
        )

    app.router.add_get("/healthz", healthz)
    ingest.add_routes(app)
    setup_application(app, dp, bot=bot)
    return app


async def run_webhook(bot: Bot, dp: Dispatcher, settings: Settings) -> None:
    """Serve until SIGTERM or SIGINT; set the webhook at start."""
    app = build_web_app(bot, dp, settings)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()  # runs the dispatcher's start-up
    site = web.TCPSite(runner, settings.web_host, settings.web_port)
    await site.start()
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    await bot.set_webhook(
        settings.webhook_url,
        secret_token=settings.webhook_secret.get_secret_value(),
        allowed_updates=dp.resolve_used_update_types(),
        drop_pending_updates=False,
        max_connections=UPDATE_CONCURRENCY,
    )
    log.info(
        "webhook mode",
        extra={
            "host": settings.web_host,
            "port": settings.web_port,
            "path": webhook_path(settings),
        },
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        await runner.cleanup()  # runs the dispatcher's shutdown
        await bot.session.close()
