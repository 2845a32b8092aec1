"""Building the application: bot, dispatcher, scheduler, start-up and shutdown."""

from __future__ import annotations

import asyncio
import faulthandler
import logging
from datetime import timedelta
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.commands import set_board_button, set_default_menus, set_member_menu
from bot.i18n import pick_language
from bot.ingest.server import IngestServer
from bot.inline_filters import inline_magic_filters
from bot.jobs import Jobs
from bot.middlewares import MemberMiddleware, UpdateMiddleware
from bot.polling import DurableDispatcher
from bot.session import TelegramSession
from bot.settings import Settings
from bot.web import AppServer
from handlers import get_routers
from storage.db import Database
from storage.models import Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo, TeamsRepo, UpdatesRepo, utcnow
from storage.rollups import ensure_call_days

log = logging.getLogger(__name__)

DEFAULT_TEAM_NAMES = {"ru": "Отдел продаж", "en": "Sales"}
SHUTDOWN_GRACE_SECONDS = 10.0
PROCESSED_UPDATES_KEEP = timedelta(days=14)
# At most this many updates are handled at once. The rest wait at Telegram (polling
# fetches no more; a webhook gets no more connections), so an overload queues there
# instead of in memory, where a crash would lose it and the database pool would run
# dry (benchmarks/bench_load.py: 200 updates/s against about 40/s of capacity).
UPDATE_CONCURRENCY = 10


def create_bot(settings: Settings) -> Bot:
    assert settings.bot_token is not None
    if settings.telegram_api_base:
        session = TelegramSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
    else:
        session = TelegramSession()
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def build_dispatcher(settings: Settings, db: Database, scheduler: AsyncIOScheduler) -> Dispatcher:
    """The Dispatcher with app-wide dependencies, middlewares and routers."""
    jobs = Jobs(scheduler, db, settings)
    ingest = IngestServer(db, settings)
    web = AppServer(db, jobs, ingest, settings)
    dp = DurableDispatcher(
        settings=settings, db=db, scheduler=scheduler, jobs=jobs, ingest=ingest, web=web
    )
    dp.update.outer_middleware(UpdateMiddleware(db, settings.default_language))
    dp.update.outer_middleware(MemberMiddleware(db, settings))
    dp.include_routers(*get_routers())
    inline_magic_filters(dp)
    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    return dp


async def ensure_default_team(db: Database, settings: Settings) -> Team:
    """The first start creates the default team in the configured zone and language,
    and the calls rollup is (re)built for the configured MIN_CALL_SECONDS."""
    async with db.transaction() as conn:
        if await ensure_call_days(conn, settings.min_call_seconds):
            log.info("calls rollup built", extra={"threshold": settings.min_call_seconds})
        repo = TeamsRepo(conn)
        team = await repo.default()
        if team is None:
            team = await repo.create(
                name=DEFAULT_TEAM_NAMES[settings.default_language],
                timezone=settings.timezone,
                language=settings.default_language,
                digest_time=settings.digest_time,
            )
            await PlansRepo(conn).seed_article_plan(team.id)
            log.info("default team created", extra={"team_id": team.id})
        return team


async def prune_processed_updates(db: Database) -> None:
    async with db.transaction() as conn:
        removed = await UpdatesRepo(conn).prune(utcnow() - PROCESSED_UPDATES_KEEP)
    log.info("processed updates pruned", extra={"removed": removed})


async def set_menus(bot: Bot, db: Database, default_language: str) -> None:
    """The default menus, and each manager's own in their private chat."""
    await set_default_menus(bot, default_language)
    async with db.read() as conn:
        managers = [
            (manager, team)
            for team in await TeamsRepo(conn).all()
            for manager in await MembersRepo(conn).managers(team.id)
        ]
    for manager, team in managers:
        language = pick_language(
            manager.language, manager.tg_language, team.language, team.language
        )
        await set_member_menu(bot, manager, language)


async def set_board_buttons(bot: Bot, db: Database, webapp_url: str | None) -> None:
    """Every active member's private chat gets the wallboard's menu button, in their
    language (a member who joined while WEBAPP_URL was unset gets it now)."""
    if not webapp_url:
        return
    async with db.read() as conn:
        found = [
            (member, team)
            for team in await TeamsRepo(conn).all()
            for member in await MembersRepo(conn).list_team(team.id, include_inactive=False)
        ]
    for member, team in found:
        language = pick_language(member.language, member.tg_language, team.language, team.language)
        await set_board_button(bot, member, language, webapp_url)
    log.info("menu buttons set", extra={"count": len(found)})


def _in_background(scheduler: AsyncIOScheduler, name: str, job: Any, *args: Any) -> None:
    """Run ``job(*args)`` once, now, as a scheduler job (not awaited here)."""
    scheduler.add_job(
        job,
        "date",
        run_date=utcnow(),
        args=list(args),
        id=name,
        replace_existing=True,
        misfire_grace_time=None,
    )


async def on_startup(
    bot: Bot,
    db: Database,
    settings: Settings,
    scheduler: AsyncIOScheduler,
    jobs: Jobs,
    ingest: IngestServer,
    web: AppServer,
) -> None:
    # Requests to Telegram that polling need not wait for (a worker started again after a
    # crash answers the reps first), in the background; they run however late they start.
    # The command menus: a dozen requests.
    _in_background(scheduler, "menus", set_menus, bot, db, settings.default_language)
    if settings.webapp_url:  # the board buttons: one request per member
        _in_background(scheduler, "board_buttons", set_board_buttons, bot, db, settings.webapp_url)
    scheduler.add_job(
        prune_processed_updates,
        "interval",
        hours=24,
        args=[db],
        id="prune_processed_updates",
        replace_existing=True,
        next_run_time=utcnow() + timedelta(minutes=5),
    )
    await jobs.start(bot)
    scheduler.start()
    if settings.bot_mode == "polling":  # in webhook mode the web server carries the routes
        if settings.webapp_url:
            await web.start()  # the Mini App and /healthz on WEB_HOST:WEB_PORT
        if settings.ingest_port is not None and not (settings.webapp_url and web.serves_ingest):
            await ingest.start()
    log.info("bot started", extra={"bot_id": bot.id})


async def on_shutdown(
    dispatcher: Dispatcher,
    db: Database,
    scheduler: AsyncIOScheduler,
    jobs: Jobs,
    ingest: IngestServer,
    web: AppServer,
) -> None:
    """Stop taking webhooks, let in-flight handlers and digests finish (bounded), stop the
    scheduler, close the database."""
    await ingest.stop()
    await web.stop()
    # aiogram keeps the tasks of updates being handled in this set while polling.
    in_flight = set(getattr(dispatcher, "_handle_update_tasks", set()))
    if in_flight:
        log.info("waiting for handlers", extra={"count": len(in_flight)})
        _done, pending = await asyncio.wait(in_flight, timeout=SHUTDOWN_GRACE_SECONDS)
        for task in pending:
            task.cancel()
    if scheduler.running:
        scheduler.pause()  # no new digest starts while the ones being sent finish
    await jobs.stop()
    if scheduler.running:
        scheduler.shutdown(wait=False)
    await db.dispose()
    faulthandler.cancel_dump_traceback_later()  # stopped in time: no stacks to show
    log.info("bot stopped")
