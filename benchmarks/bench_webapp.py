"""The wallboard's data endpoint and page weight, on a year of a 100-rep team.

    .venv/bin/python -m benchmarks.generate /tmp/bench.db      # once, ~1 min
    .venv/bin/python -m benchmarks.bench_webapp /tmp/bench.db [--runs 30]

Serves the Mini App as the bot does (``bot.webapp``) on a free loopback port and asks
``GET <path>/api/board?period=month`` as a manager (every rep) with signed init data,
over HTTP: the median of a poll when nothing changed (the pages' usual request: the
team's data fingerprint, then the board computed before), of a request right after an
entry (the board computed again), and the parts of one computation. Then the page's
weight uncached: the page, its script and style, and the month's board as the manager
gets it, uncompressed and as sent gzip-compressed.
Targets: data endpoint <= 50 ms median, page <= 300 KB.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import statistics
from datetime import date
from pathlib import Path

import aiohttp
from aiohttp import web

from benchmarks.common import free_port, timed
from bot.settings import Settings
from bot.webapp.server import WebApp
from metrics.periods import Period
from services.digest import reps_against_plan
from services.sources import source_numbers
from services.stats import funnel_numbers, scope_of
from services.subjects import TEAM
from services.trend import weekly_trend
from storage import migrate
from storage.db import Database
from storage.repos import MembersRepo, TeamsRepo
from tests.support.webapp import init_data

MANAGER_ID = 424242
TOKEN = "42:BENCH_token_abcdefghijklmnopqrstuvwxyz"


def line(label: str, times: list[float]) -> str:
    return f"  {label:<44} median {statistics.median(times):7.1f} ms   min {min(times):7.1f} ms"


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    port = free_port()
    settings = Settings(
        _env_file=None,
        bot_token=TOKEN,
        database_url=f"sqlite+aiosqlite:///{args.path}",
        admin_ids=(MANAGER_ID,),
        timezone="UTC",
        webapp_url=f"http://127.0.0.1:{port}/app",
    )
    db = Database(settings.database_url)
    await migrate.upgrade(db)
    async with db.transaction() as conn:
        team = await TeamsRepo(conn).default()
        assert team is not None
        if await MembersRepo(conn).by_tg_id(MANAGER_ID) is None:
            await MembersRepo(conn).add(
                team_id=team.id,
                tg_user_id=MANAGER_ID,
                display_name="Boss",
                username=None,
                roles={"manager"},
            )
        reps = len(await MembersRepo(conn).list_team(team.id, include_inactive=False)) - 1
        calls = (await conn.exec_driver_sql("SELECT count(*) FROM calls")).scalar()
    print(f"database: {calls:,} calls, {reps} reps; the board of this month as a manager")

    webapp = WebApp(db, settings)
    app = web.Application()
    webapp.add_routes(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    base = settings.webapp_url
    user = {"id": MANAGER_ID, "first_name": "Boss", "language_code": "ru"}
    headers = {"Authorization": f"tma {init_data(TOKEN, user)}", "Accept-Encoding": "identity"}
    try:
        async with aiohttp.ClientSession() as http:

            async def board() -> bytes:
                async with http.get(f"{base}/api/board?period=month", headers=headers) as answer:
                    assert answer.status == 200, await answer.text()
                    return await answer.read()

            await board()  # warm: imports, the first connection, SQLite's cache
            unchanged = await timed(board, args.runs)

            async def after_an_entry() -> None:
                webapp._boards.clear()  # as if a call had just been logged
                await board()

            changed = await timed(after_an_entry, args.runs)

            today = date.today()
            period = Period.containing(today, "month")

            async def funnel() -> None:
                await funnel_numbers(db, team, TEAM, period, settings)

            async def plan_fact() -> None:
                async with db.read() as conn:
                    await reps_against_plan(
                        conn, team, "month", period, scope_of(team, period, "period", settings)
                    )

            async def sources() -> None:
                await source_numbers(db, team, period, "period", settings)

            async def trend() -> None:
                await weekly_trend(db, team, today=today, settings=settings)

            print("data endpoint (HTTP, JSON with the rendered board):")
            print(line("a poll, nothing changed (fingerprint)", unchanged))
            print(line("after an entry (the board computed again)", changed))
            print("one computation, by part:")
            for label, part in (
                ("team counts and cohort (funnel)", funnel),
                ("every rep against the plan", plan_fact),
                ("sources, period and cohort", sources),
                ("12-week trend", trend),
            ):
                print(line(label, await timed(part, max(5, args.runs // 3))))

            weights = []
            for name, url in (
                ("page", base),
                ("app.js", f"{base}/static/app.js"),
                ("app.css", f"{base}/static/app.css"),
            ):
                async with http.get(url) as answer:
                    weights.append((name, await answer.read()))
            weights.append(("board, month, 100 reps (JSON)", await board()))
            print("page weight, uncached:")
            total = total_gz = 0
            for name, body in weights:
                packed = len(gzip.compress(body))
                total, total_gz = total + len(body), total_gz + packed
                print(f"  {name:<44} {len(body) / 1024:7.1f} KB   gzip {packed / 1024:6.1f} KB")
            print(f"  {'total':<44} {total / 1024:7.1f} KB   gzip {total_gz / 1024:6.1f} KB")
    finally:
        await runner.cleanup()
        await db.dispose()


if __name__ == "__main__":
    asyncio.run(main())
