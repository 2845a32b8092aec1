"""Webhook mode (``BOT_MODE=webhook``): Telegram posts updates to our web server.

One aiohttp server on ``WEB_HOST:WEB_PORT`` serves:

* the webhook, at the path of ``WEBHOOK_URL``; every request must carry Telegram's
  ``X-Telegram-Bot-Api-Secret-Token`` equal to ``WEBHOOK_SECRET`` (else 401, nothing is
  processed). An update is answered only after it was handled and committed, so a crash
  mid-way makes Telegram deliver it again, and the update-id ledger skips what was done;
* ``GET /healthz``: the database and the scheduler, for a load balancer;
* the telephony and CRM ingestion routes (``/ingest/...``), when their secrets are set;
* the wallboard Mini App and TV page (``bot.webapp``), when ``WEBAPP_URL`` is set.

In polling mode there is no webhook; when ``WEBAPP_URL`` is set, :class:`AppServer` serves
``/healthz`` and the Mini App on ``WEB_HOST:WEB_PORT`` all the same (and the ingestion
routes too when ``INGEST_PORT`` is that port).

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

from bot.ingest.server import MAX_BODY, IngestServer
from bot.jobs import Jobs
from bot.settings import Settings
from bot.webapp.server import WebApp
from storage.db import Database

log = logging.getLogger(__name__)


def webhook_path(settings: Settings) -> str:
    assert settings.webhook_url is not None
    return urlsplit(settings.webhook_url).path or "/"


def add_routes(
    app: web.Application,
    db: Database,
    jobs: Jobs,
    ingest: IngestServer | None,
    settings: Settings,
) -> None:
    """``/healthz``, the ingestion routes (``ingest`` given) and the Mini App (when
    ``WEBAPP_URL`` is set) on ``app``, whose middlewares must include ``ingest.errors``."""

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
    if ingest is not None:
        ingest.add_routes(app)
    if settings.webapp_url:
        WebApp(db, settings).add_routes(app)


def build_web_app(bot: Bot, dp: Dispatcher, settings: Settings) -> web.Application:
    """The webhook, /healthz, the ingestion routes and the Mini App on one application;
    the dispatcher's start-up and shutdown run with the application's."""
    ingest: IngestServer = dp["ingest"]
    app = web.Application(client_max_size=MAX_BODY, middlewares=[ingest.errors])
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    SimpleRequestHandler(
        dispatcher=dp, bot=bot, secret_token=secret, handle_in_background=False
    ).register(app, path=webhook_path(settings))
    add_routes(app, dp["db"], dp["jobs"], ingest, settings)
    setup_application(app, dp, bot=bot)
    return app


class AppServer:
    """Polling mode's web server for the Mini App and /healthz on WEB_HOST:WEB_PORT
    (started with the dispatcher when ``WEBAPP_URL`` is set)."""

    def __init__(self, db: Database, jobs: Jobs, ingest: IngestServer, settings: Settings) -> None:
        self.db, self.jobs, self.ingest, self.settings = db, jobs, ingest, settings
        self._runner: web.AppRunner | None = None

    @property
    def serves_ingest(self) -> bool:
        """Whether the ingestion routes are here (INGEST_PORT is WEB_PORT)."""
        return self.settings.ingest_port == self.settings.web_port

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self.ingest.errors])
        ingest = self.ingest if self.serves_ingest else None
        add_routes(app, self.db, self.jobs, ingest, self.settings)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.web_host, self.settings.web_port)
        await site.start()
        log.info(
            "web server listening",
            extra={
                "host": self.settings.web_host,
                "port": self.settings.web_port,
                "webapp": self.settings.webapp_path or "/",
            },
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


async def run_webhook(bot: Bot, dp: Dispatcher, settings: Settings) -> None:
    """Serve until SIGTERM or SIGINT; set the webhook at start."""
    from bot.app import UPDATE_CONCURRENCY  # bot.app starts polling mode's AppServer

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
