"""The ingestion endpoint: telephony and CRM webhooks, served by the bot process (aiohttp).

Routes (each is on only when its secret is configured; otherwise 404):

* ``POST /ingest/calls``: our JSON format, one object or an array (``INGEST_SECRET``);
* ``POST /ingest/mango/{event}``: Mango Office VPBX events; ``events/summary`` is recorded,
  the others are checked and acknowledged (``MANGO_API_KEY``, ``MANGO_API_SALT``);
* ``GET|POST /ingest/zadarma``: Zadarma call notifications and its ``zd_echo`` URL check
  (``ZADARMA_SECRET``);
* ``POST /ingest/amocrm/{token}``: amoCRM lead webhooks (``AMOCRM_SECRET`` as the token).

Answers: 200 with ``{"ok": true, "recorded": n, "duplicates": n, "held": n}``; 401 for a
missing or wrong signature (nothing is written); 400 with the reason for a malformed
body; 413 for a body over 1 MiB. A delivery is written in one transaction, so it is all
recorded or not at all, and a provider's retry of the same events records nothing twice.

The server binds to ``INGEST_HOST`` (127.0.0.1 unless configured) and never looks at
``X-Forwarded-For``: authentication is the signature, not the address. Put it behind a
reverse proxy with TLS to receive webhooks from the internet (README).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiohttp import web
from sqlalchemy.exc import IntegrityError

from bot.ingest import adapters
from bot.ingest.adapters import PayloadError, SignatureError
from bot.settings import Settings
from storage.db import Database, is_sqlite
from storage.feeds import Ingested, ingest_calls, ingest_crm
from storage.repos import TeamsRepo, utcnow

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024


def _secret(value: Any) -> str | None:
    if value is None:
        return None
    return value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)


def _answer(result: Ingested) -> web.Response:
    return web.json_response(
        {
            "ok": True,
            "recorded": result.recorded,
            "duplicates": result.duplicates,
            "held": result.held,
        }
    )


def _error(status: int, reason: str) -> web.Response:
    return web.json_response({"ok": False, "error": reason}, status=status)


class IngestServer:
    """The aiohttp application and its lifecycle inside the bot process."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        # At most this many deliveries write at once. On SQLite one writer at a time:
        # a burst of webhooks queued on the write lock would otherwise hold every pooled
        # connection and make the commands of reps wait for the whole backlog.
        self._writes = asyncio.Semaphore(1 if is_sqlite(db.url) else 4)

    def app(self) -> web.Application:
        """A web application of its own (polling mode: INGEST_HOST:INGEST_PORT)."""
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self.errors])
        self.add_routes(app)
        return app

    def add_routes(self, app: web.Application) -> None:
        """The ingestion routes, also for sharing the webhook mode's server (which must
        use :meth:`errors` as a middleware too)."""
        app.router.add_post("/ingest/calls", self.generic)
        app.router.add_post("/ingest/mango/{event:.*}", self.mango)
        app.router.add_get("/ingest/zadarma", self.zadarma_check)
        app.router.add_post("/ingest/zadarma", self.zadarma)
        app.router.add_post("/ingest/amocrm/{token}", self.amocrm)

    async def start(self) -> None:
        """Listen on INGEST_HOST:INGEST_PORT (port 0 picks a free one, for tests)."""
        assert self.settings.ingest_port is not None or self.port == 0
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        port = self.settings.ingest_port if self.settings.ingest_port is not None else 0
        site = web.TCPSite(self._runner, self.settings.ingest_host, port)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self.port = sockets[0].getsockname()[1] if sockets else port
        log.info(
            "ingest endpoint listening",
            extra={"host": self.settings.ingest_host, "port": self.port},
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- plumbing ---------------------------------------------------------------------

    @web.middleware
    async def errors(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            return await handler(request)
        except SignatureError:
            log.warning(
                "ingest: bad signature", extra={"path": request.path, "peer": request.remote}
            )
            return _error(401, "missing or wrong signature")
        except PayloadError as error:
            log.warning("ingest: bad payload", extra={"path": request.path, "reason": error.reason})
            return _error(400, error.reason)
        except web.HTTPRequestEntityTooLarge:
            return _error(413, f"the body is over {MAX_BODY} bytes")

    async def _store(
        self, store: Callable[[Any, Any], Awaitable[Ingested]], events: Sequence[Any]
    ) -> Ingested:
        """Write a delivery in one transaction (retried once if a parallel delivery of the
        same events won the race on the unique keys)."""
        for attempt in (1, 2):
            try:
                async with self._writes, self.db.transaction() as conn:
                    team = await TeamsRepo(conn).default()
                    assert team is not None, "the default team is created at start-up"
                    return await store(conn, team, events)
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _done(self, provider: str, result: Ingested) -> web.Response:
        log.info(
            "ingested",
            extra={
                "provider": provider,
                "recorded": result.recorded,
                "duplicates": result.duplicates,
                "held": result.held,
            },
        )
        return _answer(result)

    # -- routes -----------------------------------------------------------------------

    async def generic(self, request: web.Request) -> web.Response:
        secret = _secret(self.settings.ingest_secret)
        if not secret:
            raise web.HTTPNotFound()
        body = await request.read()
        events = adapters.parse_generic(body, request.headers.get("X-Signature"), secret)
        return self._done("generic", await self._store(ingest_calls, events))

    async def mango(self, request: web.Request) -> web.Response:
        key = self.settings.mango_api_key
        salt = _secret(self.settings.mango_api_salt)
        if not key or not salt:
            raise web.HTTPNotFound()
        form = {k: str(v) for k, v in (await request.post()).items()}
        if not request.match_info["event"].rstrip("/").endswith("summary"):
            # other events (call, recording, dtmf...) are checked and acknowledged
            adapters.check_mango(form, key, salt)
            return _answer(Ingested())
        events = adapters.parse_mango(form, key, salt)
        return self._done("mango", await self._store(ingest_calls, events))

    async def zadarma_check(self, request: web.Request) -> web.Response:
        if not _secret(self.settings.zadarma_secret):
            raise web.HTTPNotFound()
        echo = adapters.zadarma_echo(request.query)
        if echo is None:
            raise PayloadError("expected ?zd_echo=<text>")
        return web.Response(text=echo)

    async def zadarma(self, request: web.Request) -> web.Response:
        secret = _secret(self.settings.zadarma_secret)
        if not secret:
            raise web.HTTPNotFound()
        if "zd_echo" in request.query:
            return await self.zadarma_check(request)
        form = {k: str(v) for k, v in (await request.post()).items()}
        events = adapters.parse_zadarma(
            form, request.headers.get("Signature"), secret, tz=self.settings.zadarma_timezone
        )
        return self._done("zadarma", await self._store(ingest_calls, events))

    async def amocrm(self, request: web.Request) -> web.Response:
        secret = _secret(self.settings.amocrm_secret)
        if not secret:
            raise web.HTTPNotFound()
        if not hmac.compare_digest(request.match_info["token"].encode(), secret.encode()):
            raise SignatureError()
        form = {k: str(v) for k, v in (await request.post()).items()}
        events = adapters.parse_amocrm(
            form,
            source_field_id=self.settings.amocrm_source_field,
            pipeline_sources=self.settings.amocrm_pipeline_sources,
            now=utcnow(),
        )
        steps = self.settings.amocrm_status_map

        async def store(conn: Any, team: Any, items: Any) -> Ingested:
            return await ingest_crm(conn, team, items, steps)

        return self._done("amocrm", await self._store(store, events))
