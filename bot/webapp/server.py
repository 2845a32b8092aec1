"""The wallboard's routes on the bot's aiohttp server, at the path of ``WEBAPP_URL``.

* ``GET <path>`` (and ``<path>/``): the Mini App page. Telegram opens it with the launch
  parameters in the fragment; the page sends the init data with every data request.
* ``GET <path>/api/board?period=day|week|month[&since=<stamp>]`` with
  ``Authorization: tma <init data>``: ``{"ok": true, "stamp", "period", "html",
  "updated", "offline"}``, or ``{"ok": true, "stamp", "unchanged": true, ...}`` when the
  board is the one the page has (``since``). 401 and no data for missing, forged or
  expired init data and for a Telegram user who is not an active member.
* ``GET <path>/tv/<token>``: the office TV page; ``GET <path>/api/tv/<token>?period=``:
  its data, the team view. 404 for an unknown or revoked token.
* ``GET <path>/static/<file>``: the page's script and style (nothing from the internet).

The page polls every 2 s, so an entry shows within seconds and the page rides over a
restart of the bot (it keeps polling and says it is reconnecting). A poll costs one
cheap statement when nothing changed: the board is computed again only when the team's
data fingerprint changed (:func:`services.board.fingerprint`: a new entry, an undo, a
plan), and at least every :data:`MAX_AGE_S` (for what no fingerprint sees: a rename);
the pages polling one team share each computation, and each viewer's rendering is kept
until the board changes. Each viewer gets the part they may see
(:func:`services.board.seen_by`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from bot.i18n import Texts, pick_language
from bot.settings import Settings
from bot.webapp.auth import Launch, Unauthorized, init_data_of, verify
from services.board import KINDS, Board, build_board, fingerprint, seen_by
from services.clock import Now
from storage.db import Database
from storage.models import Member, Team
from storage.repos import MembersRepo, TeamsRepo
from views.board import board_html
from views.formatting import format_clock

log = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
ASSETS = {"app.js": "text/javascript", "app.css": "text/css"}
MAX_AGE_S = 30.0  # a board is computed again after this long, changed or not
RENDERED_KEEP = 512  # renderings kept (viewers x periods x languages)
DEFAULT_PERIOD = "day"
# The page's own script and style only; Telegram Web shows a Mini App in a frame.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}


@dataclass(frozen=True, slots=True)
class _Computed:
    fingerprint: tuple[object, ...]
    at: float  # time.monotonic()
    board: Board


def _version(name: str) -> str:
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]


class WebApp:
    """The Mini App and the TV page inside the bot process."""

    def __init__(self, db: Database, settings: Settings) -> None:
        assert settings.webapp_url is not None
        self.db = db
        self.settings = settings
        self.base = settings.webapp_path
        self._token = settings.bot_token.get_secret_value() if settings.bot_token else ""
        self._assets = {name: (STATIC / name).read_bytes() for name in ASSETS}
        self._template = (STATIC / "index.html").read_text(encoding="utf-8")
        self._versions = {name: _version(name) for name in ASSETS}
        # an open page whose files are older than the bot's reloads itself (a TV that
        # nobody touches gets the new page after an upgrade)
        self.version = "-".join(self._versions[name] for name in sorted(ASSETS))
        self._boards: dict[tuple[int, str], _Computed] = {}
        self._locks: dict[tuple[int, str], asyncio.Lock] = {}
        self._rendered: OrderedDict[tuple[object, ...], tuple[Board, str, str]] = OrderedDict()

    def add_routes(self, app: web.Application) -> None:
        base = self.base
        app.router.add_get(base or "/", self.page)
        if base:
            app.router.add_get(f"{base}/", self.page)
        app.router.add_get(f"{base}/static/{{name}}", self.asset)
        app.router.add_get(f"{base}/api/board", self.board)
        app.router.add_get(f"{base}/tv/{{token}}", self.tv_page)
        app.router.add_get(f"{base}/api/tv/{{token}}", self.tv_board)

    # -- pages ----------------------------------------------------------------------

    def _page(self, *, tv: str = "", period: str = DEFAULT_PERIOD) -> web.Response:
        html = (
            self._template.replace("__BASE__", self.base)
            .replace("__V_CSS__", self._versions["app.css"])
            .replace("__V_JS__", self._versions["app.js"])
            .replace("__VERSION__", self.version)
            .replace("__TV__", tv)
            .replace("__PERIOD__", period)
            .replace("__CLASS__", "tv" if tv else "app")
        )
        return web.Response(text=html, content_type="text/html", headers=PAGE_HEADERS)

    async def page(self, request: web.Request) -> web.Response:
        return self._page()

    async def asset(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in ASSETS:
            raise web.HTTPNotFound()
        # the page asks for ?v=<content hash>: a changed file has a new address
        cache = "public, max-age=31536000, immutable" if request.query.get("v") else "no-cache"
        return web.Response(
            body=self._assets[name],
            content_type=ASSETS[name],
            charset="utf-8",
            headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"},
        )

    async def tv_page(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        if await self._tv_team(token) is None:
            raise web.HTTPNotFound()
        period = request.query.get("period", DEFAULT_PERIOD)
        return self._page(tv=token, period=period if period in KINDS else DEFAULT_PERIOD)

    # -- data -----------------------------------------------------------------------

    async def board(self, request: web.Request) -> web.Response:
        try:
            launch = verify(self._token, init_data_of(request.headers.get("Authorization")))
        except Unauthorized as refused:
            return self._denied(request, refused.reason)
        async with self.db.read() as conn:
            member = await MembersRepo(conn).by_tg_id(launch.user_id)
            team = await TeamsRepo(conn).get(member.team_id) if member else None
        if member is None or team is None or not member.active:
            return self._denied(request, "not a member", launch)
        language = pick_language(
            member.language, launch.language_code, team.language, self.settings.default_language
        )
        return await self._answer(request, team, member, Texts(language), tv=False)

    async def tv_board(self, request: web.Request) -> web.Response:
        team = await self._tv_team(request.match_info["token"])
        if team is None:
            return web.json_response({"ok": False, "error": "not found"}, status=404)
        language = pick_language(None, None, team.language, self.settings.default_language)
        return await self._answer(request, team, None, Texts(language), tv=True)

    async def _tv_team(self, token: str) -> Team | None:
        async with self.db.read() as conn:
            return await TeamsRepo(conn).by_tv_token(token)

    def _denied(
        self, request: web.Request, reason: str, launch: Launch | None = None
    ) -> web.Response:
        log.info("webapp: refused", extra={"reason": reason, "peer": request.remote})
        language = pick_language(
            None, launch.language_code if launch else None, None, self.settings.default_language
        )
        return web.json_response(
            {"ok": False, "error": "unauthorized", "message": Texts(language)("wall_denied")},
            status=401,
        )

    async def _answer(
        self, request: web.Request, team: Team, viewer: Member | None, texts: Texts, *, tv: bool
    ) -> web.Response:
        kind = request.query.get("period", DEFAULT_PERIOD)
        if kind not in KINDS:
            return web.json_response(
                {"ok": False, "error": f"period is one of {', '.join(KINDS)}"}, status=400
            )
        board = await self.team_board(team, kind)
        html, stamp = self._render(board, team, viewer, texts, tv=tv)
        now = Now.for_team(team).utc
        answer: dict[str, object] = {
            "ok": True,
            "stamp": stamp,
            "period": kind,
            "updated": texts("wall_updated", time=format_clock(now, team.timezone, texts.language)),
            "offline": texts("wall_offline"),
            "version": self.version,
        }
        if request.query.get("since") == stamp:
            answer["unchanged"] = True
        else:
            answer["html"] = html
        response = web.json_response(answer, headers={"Cache-Control": "no-store"})
        response.enable_compression()  # when the browser accepts it: 100 reps' board is ~200 KB
        return response

    async def team_board(self, team: Team, kind: str) -> Board:
        """The team's board, computed again only when its fingerprint changed or it is
        :data:`MAX_AGE_S` old; the pages asking at once wait for one computation."""
        key = (team.id, kind)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            today = Now.for_team(team).today
            now = await fingerprint(self.db, team, kind, today)
            cached = self._boards.get(key)
            if (
                cached is not None
                and cached.fingerprint == now
                and time.monotonic() - cached.at < MAX_AGE_S
            ):
                return cached.board
            board = await build_board(self.db, team, kind, self.settings, today=today)
            self._boards[key] = _Computed(now, time.monotonic(), board)
            return board

    def _render(
        self, board: Board, team: Team, viewer: Member | None, texts: Texts, *, tv: bool
    ) -> tuple[str, str]:
        """The viewer's board as HTML and its stamp, rendered once per board."""
        whom = "tv" if viewer is None else "all" if viewer.is_manager else viewer.tg_user_id
        key = (team.id, board.kind, whom, texts.language, team.reps_see_top, tv)
        kept = self._rendered.get(key)
        if kept is not None and kept[0] is board:
            self._rendered.move_to_end(key)
            return kept[1], kept[2]
        html = board_html(seen_by(board, team, viewer), team, texts, tv=tv)
        stamp = hashlib.sha256(html.encode()).hexdigest()[:20]
        self._rendered[key] = (board, html, stamp)
        self._rendered.move_to_end(key)
        while len(self._rendered) > RENDERED_KEEP:
            self._rendered.popitem(last=False)
        return html, stamp
