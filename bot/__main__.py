"""``python -m bot``: run the bot (default), or ``python -m bot migrate``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from pydantic import ValidationError

from bot import cli, supervisor
from bot.logs import setup_logging
from bot.settings import Settings, describe_error

# aiogram, SQLAlchemy and Alembic are imported inside the functions that need
# them: they take seconds to import, and a newcomer without a token should get
# the BotFather hint at once.

log = logging.getLogger("bot")

BOTFATHER_HINT = """\
Iron Funnel cannot start: {problem}.

To get a bot token:
  1. Open Telegram and start a chat with @BotFather (https://t.me/BotFather).
  2. Send /newbot, choose a name and a username ending in "bot".
  3. BotFather replies with a token like 123456789:AAE1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW.
  4. Put it into the file .env next to README.md (copy .env.example to .env first):
       BOT_TOKEN=123456789:AAE1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW
     and add your own Telegram user id to ADMIN_IDS (ask @userinfobot for it).
  5. Run the start command again: make run
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Iron Funnel bot")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="apply migrations and start the bot (default)")
    sub.add_parser("migrate", help="apply database migrations and exit")
    sub.add_parser("healthcheck", help="exit 0 if the bot running here is healthy (Docker)")
    cli.add_import_parser(sub)
    cli.add_export_parser(sub)
    cli.add_demo_parser(sub)
    cli.add_report_parser(sub)
    cli.add_charts_parser(sub)
    cli.add_backup_parser(sub)
    cli.add_restore_parser(sub)
    return parser.parse_args(argv)


async def run_migrations(settings: Settings) -> str | None:
    from bot.app import ensure_default_team
    from storage import migrate
    from storage.db import Database

    db = Database(settings.database_url)
    try:
        await migrate.upgrade(db)
        await ensure_default_team(db, settings)
        return await migrate.current_revision(db)
    finally:
        await db.dispose()


async def run_bot(settings: Settings) -> int:
    from aiogram.exceptions import TelegramUnauthorizedError
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from bot.app import UPDATE_CONCURRENCY, build_dispatcher, create_bot, ensure_default_team
    from storage import migrate
    from storage.db import Database

    db = Database(settings.database_url)
    await migrate.upgrade(db)
    log.info("database ready", extra={"revision": await migrate.current_revision(db)})
    await ensure_default_team(db, settings)
    bot = create_bot(settings)
    try:
        me = await bot.me()  # kept: polling asks for it again before its first getUpdates
    except TelegramUnauthorizedError:
        await bot.session.close()
        await db.dispose()
        print(
            "Iron Funnel cannot start: Telegram rejected BOT_TOKEN (401 Unauthorized). "
            "Check the token with @BotFather (/token) and update .env.",
            file=sys.stderr,
        )
        return 2
    log.info("connected to Telegram", extra={"bot_username": me.username})
    scheduler = AsyncIOScheduler(timezone=settings.timezone)
    dp = build_dispatcher(settings, db, scheduler)
    if settings.bot_mode == "webhook":
        from bot.web import run_webhook

        await run_webhook(bot, dp, settings)
        return 0
    await bot.delete_webhook(drop_pending_updates=False)
    await dp.start_polling(
        bot,
        allowed_updates=dp.resolve_used_update_types(),
        tasks_concurrency_limit=UPDATE_CONCURRENCY,
    )
    return 0


def preload() -> None:
    """Import, in the supervising parent, everything a worker needs, so a worker forked
    after a crash starts without the seconds of imports."""
    import aiogram.exceptions  # noqa: F401
    import aiosqlite  # noqa: F401
    import apscheduler.schedulers.asyncio  # noqa: F401
    import asyncpg  # noqa: F401
    import sqlalchemy.dialects.postgresql.asyncpg
    import sqlalchemy.dialects.sqlite.aiosqlite  # noqa: F401

    import bot.app
    import bot.web  # noqa: F401
    import storage.backup
    import storage.db
    import storage.migrate  # noqa: F401
    from handlers import get_routers

    get_routers()  # imports every feature's handlers (charts, matplotlib included)


def serve(settings: Settings) -> int:
    try:
        return asyncio.run(run_bot(settings))
    except KeyboardInterrupt:
        return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        print(describe_error(error), file=sys.stderr)
        return 2
    secret = settings.bot_token.get_secret_value() if settings.bot_token else ""
    setup_logging(settings.log_level, secrets=(secret,))
    if args.command == "migrate":
        revision = asyncio.run(run_migrations(settings))
        print(f"Database is at migration {revision}.")
        return 0
    if args.command == "healthcheck":
        from bot.healthcheck import run_healthcheck

        return run_healthcheck(settings)
    offline = {
        "import": cli.run_import,
        "export": cli.run_export,
        "demo": cli.run_demo,
        "report": cli.run_report,
        "charts": cli.run_charts,
        "backup": cli.run_backup,
        "restore": cli.run_restore,
    }
    if args.command in offline:
        return asyncio.run(offline[args.command](settings, args))
    problem = settings.token_problem()
    if problem:
        print(BOTFATHER_HINT.format(problem=problem), file=sys.stderr)
        return 2
    if settings.restart_on_crash and supervisor.available():
        preload()
        supervisor.exit_now(supervisor.supervise(lambda: serve(settings)))
    return serve(settings)


if __name__ == "__main__":
    sys.exit(main())
