"""Speed and memory of the numbers, on a year of a 100-rep team (~5M calls).

    .venv/bin/python -m benchmarks.generate /tmp/bench.db      # once, ~1 min
    .venv/bin/python -m benchmarks.bench_metrics /tmp/bench.db [--pairs 50]
        [--funnel-only] [--memory-requests 1000 (0: none)]

Prints medians of: /funnel month for the team end to end through the real
Dispatcher with a recording Bot session (query + compute + chart); /funnel's
numbers without the chart (query + compute of its two computations, the period
and its cohort) and the same queries as bare hand-written SQL through sqlite3 on
a connection kept open (the floor), timed alternately; the same for the period
alone; `report --format json` for a month with every rep, one render of the
team's funnel chart; the our/floor ratios; then (without --funnel-only) the trend
and digest charts and RSS over consecutive /funnel requests with charts.
Targets (2 cores): /funnel's numbers <= 100 ms, chart <= 150 ms, our/floor for
/funnel month (query + compute) <= 1.5, RSS growth < 10 %.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import sqlite3
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from aiogram.types import Update
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from benchmarks.common import timed
from bot.app import build_dispatcher
from bot.i18n import Texts
from bot.settings import Settings
from metrics.engine import compute
from metrics.periods import Period, resolve_period
from metrics.report import build_report, report_json
from services import stats as stats_service
from services.digest import build_digest
from services.stats import FunnelNumbers
from services.subjects import TEAM
from services.trend import weekly_trend
from storage import analytics
from storage.db import Database
from storage.repos import MembersRepo, TeamsRepo
from tests.support.mocked_bot import MockedBot
from views.digest import digest_pngs, plan_fact_pngs
from views.stats import funnel_png
from views.trend import trend_png

MANAGER_ID = 424242


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# /funnel month for the team, by hand: the period's counts (calls from the per-day
# rollup, with the threshold it was built at; leads; proposals; repeat payments; meeting
# events; `new` payments; the meetings first paid in the period with their set instants)
# and the cohort's (the meetings set in the period: their events, their `new` payments,
# their first payments). The cohort's calls, leads, proposals and repeat sales are the
# period's (METRICS.md: in cohort mode activity counts as in period mode), so they are
# not counted twice.
_SET = "meeting_events s ON s.meeting_id = m.id AND s.kind = 'set' AND s.voided_at IS NULL"
# the meeting events counted for each kind, in one row
_BY_KIND = ", ".join(
    f"count({{0}}) FILTER (WHERE e.kind = '{kind}')"
    for kind in ("set", "confirmed", "held", "cancelled", "no_show")
)
FLOOR_PERIOD = (
    "SELECT sum(calls_total), sum(calls_long), sum(seconds), (SELECT value FROM rollup_state "
    "WHERE key = 'call_days_threshold') FROM call_days WHERE team_id = :team "
    "AND day BETWEEN :a AND :b",
    "SELECT count(*), sum(qualification = 'targeted'), sum(qualification = 'non_targeted') "
    "FROM leads WHERE team_id = :team AND day BETWEEN :a AND :b AND voided_at IS NULL",
    "SELECT count(*) FROM proposals WHERE team_id = :team AND day BETWEEN :a AND :b "
    "AND voided_at IS NULL",
    "SELECT count(*), sum(amount), count(DISTINCT client) FROM payments WHERE team_id = :team "
    "AND day BETWEEN :a AND :b AND voided_at IS NULL AND kind = 'repeat'",
    f"SELECT {_BY_KIND.format('*')} FROM meeting_events e JOIN meetings m "
    "ON m.id = e.meeting_id WHERE e.team_id = :team AND e.day BETWEEN :a AND :b "
    "AND e.voided_at IS NULL AND m.team_id = :team",
    "SELECT count(*), sum(p.amount) FROM payments p JOIN meetings m ON m.id = p.meeting_id "
    "WHERE p.team_id = :team AND p.day BETWEEN :a AND :b AND p.voided_at IS NULL "
    "AND p.kind = 'new' AND m.team_id = :team",
    "SELECT s.occurred_at, f.first_at FROM meetings m JOIN (SELECT meeting_id, "
    "min(occurred_at) AS first_at, min(day) AS first_day FROM payments WHERE kind = 'new' "
    "AND voided_at IS NULL AND meeting_id IS NOT NULL AND meeting_id IN (SELECT meeting_id "
    "FROM payments WHERE kind = 'new' AND voided_at IS NULL AND team_id = :team AND day "
    "BETWEEN :a AND :b) GROUP BY meeting_id HAVING min(day) >= :a) f ON f.meeting_id = m.id "
    f"LEFT JOIN {_SET} WHERE m.team_id = :team AND f.first_day BETWEEN :a AND :b",
)
FLOOR_COHORT = (
    f"SELECT {_BY_KIND.format('DISTINCT m.id')} FROM meetings m JOIN {_SET} "
    "JOIN meeting_events e ON e.meeting_id = m.id WHERE s.day BETWEEN :a AND :b "
    "AND m.team_id = :team AND e.voided_at IS NULL",
    f"SELECT count(*), sum(p.amount) FROM meetings m JOIN {_SET} "
    "JOIN payments p ON p.meeting_id = m.id WHERE s.day BETWEEN :a AND :b "
    "AND m.team_id = :team AND p.kind = 'new' AND p.voided_at IS NULL",
    f"SELECT s.occurred_at, f.first_at FROM meetings m JOIN {_SET} JOIN (SELECT meeting_id, "
    "min(occurred_at) AS first_at FROM payments WHERE kind = 'new' AND voided_at IS NULL "
    "AND meeting_id IS NOT NULL AND meeting_id IN (SELECT meeting_id FROM meeting_events "
    "WHERE team_id = :team AND kind = 'set' AND voided_at IS NULL AND day BETWEEN :a AND :b) "
    "GROUP BY meeting_id) f ON f.meeting_id = m.id WHERE s.day BETWEEN :a AND :b "
    "AND m.team_id = :team",
)
# for scale: the period's calls counted from every call instead of the rollup
FLOOR_RAW_CALLS = (
    "SELECT sum(count), sum(CASE WHEN duration_s >= 60 THEN count ELSE 0 END), "
    "sum(count * duration_s) FROM calls WHERE team_id = :team AND day BETWEEN :a AND :b "
    "AND voided_at IS NULL"
)


def open_floor(path: Path) -> sqlite3.Connection:
    """A read-only connection kept open, as the bot keeps its pooled ones (a fresh one
    would also pay for reading the schema and a cold page cache on every request)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)


def floor_queries(
    conn: sqlite3.Connection,
    team_id: int,
    start: date,
    end: date,
    *,
    cohort: bool = True,
    raw_calls: bool = False,
) -> None:
    """/funnel month's queries for the team as bare SQL through sqlite3, in one read
    transaction as ours: what they cost at least (``cohort`` False: the period's only;
    ``raw_calls``: scanning every call instead of the per-day rollup)."""
    values = {"team": team_id, "a": start.isoformat(), "b": end.isoformat()}
    statements = list(FLOOR_PERIOD + FLOOR_COHORT if cohort else FLOOR_PERIOD)
    if raw_calls:
        statements[0] = FLOOR_RAW_CALLS
    conn.execute("BEGIN")
    for statement in statements:
        conn.execute(statement, values).fetchall()
    conn.execute("ROLLBACK")


async def paired(
    ours: Callable[[], Awaitable[object]], floor: Callable[[], Awaitable[object]], runs: int
) -> tuple[list[float], list[float]]:
    """``ours`` and ``floor`` timed alternately ``runs`` times each (ms), after a warm-up."""
    for _ in range(3):
        await ours()
        await floor()
    ours_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(runs):
        ours_times += await timed(ours, 1)
        floor_times += await timed(floor, 1)
    return ours_times, floor_times


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--memory-requests", type=int, default=1000, help="0: skip the RSS measurement"
    )
    parser.add_argument(
        "--pairs", type=int, default=50, help="runs of ours and the floor, alternately"
    )
    parser.add_argument(
        "--funnel-only", action="store_true", help="stop after /funnel and its floor"
    )
    args = parser.parse_args()
    settings = Settings(
        _env_file=None,
        bot_token="42:BENCH",
        database_url=f"sqlite+aiosqlite:///{args.path}",
        admin_ids=(MANAGER_ID,),
        timezone="UTC",
    )
    db = Database(settings.database_url)
    async with db.read() as conn:
        team = await TeamsRepo(conn).default()
        n_calls = (await conn.exec_driver_sql("SELECT count(*) FROM calls")).scalar()
    async with db.transaction() as conn:
        if await MembersRepo(conn).by_tg_id(MANAGER_ID) is None:
            await MembersRepo(conn).add(
                team_id=team.id,
                tg_user_id=MANAGER_ID,
                display_name="Boss",
                username=None,
                roles={"manager"},
            )
    period = resolve_period("month", date.today())
    scope = analytics.Scope(team_id=team.id, start=period.start, end=period.end)
    print(f"database: {n_calls:,} calls; period {period.start}..{period.end}")

    async def query_compute() -> None:
        async with db.read() as conn:
            compute(await analytics.team_counts(conn, scope))

    async def report() -> None:
        async with db.read() as conn:
            total, people, sources = await analytics.report_counts(conn, scope)
        report_json(build_report(team.name, period, "period", total, people, sources))

    async def funnel_numbers() -> FunnelNumbers:
        return await stats_service.funnel_numbers(db, team, TEAM, period, settings)

    # the team's month as /funnel draws it: the period's counts and the cohort's funnel
    numbers = await funnel_numbers()
    texts = Texts("ru")

    async def chart() -> None:
        funnel_png(numbers, team, texts)

    dp = build_dispatcher(settings, db, AsyncIOScheduler(timezone="UTC"))
    bot = MockedBot()
    manager = {"id": MANAGER_ID, "is_bot": False, "first_name": "Boss", "language_code": "ru"}
    # fresh ids every run: processed update ids are remembered in the database
    first_id = int(time.time() * 1000)
    update_ids = iter(range(first_id, first_id + 10**7))

    async def funnel_request() -> None:
        update = Update.model_validate(
            {
                "update_id": next(update_ids),
                "message": {
                    "message_id": 1,
                    "date": int(time.time()),
                    "chat": {"id": MANAGER_ID, "type": "private"},
                    "from": manager,
                    "text": "/funnel month",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 7}],
                },
            }
        )
        await dp.feed_update(bot, update)
        assert any(r.__api_method__ == "sendPhoto" for r in bot.session.requests), "no chart sent"
        bot.session.requests.clear()

    floor_conn = open_floor(args.path)

    async def floor() -> None:
        floor_queries(floor_conn, team.id, period.start, period.end)

    async def floor_period() -> None:
        floor_queries(floor_conn, team.id, period.start, period.end, cohort=False)

    async def floor_raw() -> None:
        floor_queries(floor_conn, team.id, period.start, period.end, raw_calls=True)

    # ours and the floor alternately, so that both see the same load on a shared machine
    ours_funnel, floor_funnel = await paired(funnel_numbers, floor, args.pairs)
    ours_period, floor_alone = await paired(query_compute, floor_period, args.pairs)
    results = {
        "/funnel month, end to end (query + compute + chart)": await timed(
            funnel_request, args.runs
        ),
        "/funnel's numbers: the period and its cohort": ours_funnel,
        "floor: the same queries as bare sqlite3": floor_funnel,
        "the period's numbers alone (query + compute)": ours_period,
        "floor: the period's queries as bare sqlite3": floor_alone,
        "for scale: the floor scanning every call (no rollup)": await timed(floor_raw, 5),
        "report --format json, month, all reps": await timed(report, max(5, args.runs // 3)),
        "one funnel chart render": await timed(chart, args.runs),
    }
    medians = {name: statistics.median(values) for name, values in results.items()}
    for name, value in medians.items():
        print(f"{name:<55} median {value:8.1f} ms")
    for name, ours, base, target in (
        ("/funnel month: query + compute", ours_funnel, floor_funnel, "  (target <= 1.5)"),
        ("the period alone", ours_period, floor_alone, ""),
    ):
        ratio = statistics.median(ours) / statistics.median(base)
        print(f"{f'our/floor ratio ({name})':<55} {ratio:8.2f}{target}")
    floor_conn.close()
    if args.funnel_only:
        await db.dispose()
        return

    # the weekly trend (/trend, the weekly digest): 12 weeks of the team, and its chart
    found = await weekly_trend(db, team, today=date.today(), settings=settings)

    async def trend_data() -> None:
        await weekly_trend(db, team, today=date.today(), settings=settings)

    async def trend_chart() -> None:
        trend_png(found, team, Texts("ru"))

    # the evening digest of the 100-rep team: its plan-vs-fact pages (each rep's planned
    # metrics, several pages within Telegram's size), drawn one page at a time
    today = date.today()
    digest = await build_digest(db, team, "day", Period(today, today, "day"), settings)
    pages = len(plan_fact_pngs(digest, team, Texts("ru")))

    async def plan_fact_all() -> None:
        plan_fact_pngs(digest, team, Texts("ru"))

    async def digest_charts() -> None:
        digest_pngs(digest, team, Texts("ru"))

    for name, values in {
        "/trend data, team, 12 weeks (query + compute)": await timed(trend_data, args.runs),
        "one trend chart render (2 panels, 12 weeks)": await timed(trend_chart, args.runs),
        f"the evening digest's charts (funnel + {pages} pages)": await timed(
            digest_charts, max(3, args.runs // 5)
        ),
    }.items():
        print(f"{name:<55} median {statistics.median(values):8.1f} ms")
    per_page = [value / pages for value in await timed(plan_fact_all, max(3, args.runs // 5))]
    name = f"one plan-vs-fact page render (100 reps, {pages} pages)"
    print(f"{name:<55} median {statistics.median(per_page):8.1f} ms")

    if args.memory_requests > 0:
        await rss_growth(funnel_request, args.memory_requests)
    await db.dispose()


async def rss_growth(funnel_request: Callable[[], Awaitable[None]], requests: int) -> None:
    """RSS before and after ``requests`` consecutive /funnel requests with charts."""
    gc.collect()
    # warm up: caches (SQLAlchemy's compiled statements, fonts, glyphs) and the
    # allocator's arenas reach their working size in the first couple of hundred
    for _ in range(200):
        await funnel_request()
    gc.collect()
    before = rss_mb()
    for _ in range(requests):
        await funnel_request()
    gc.collect()
    after = rss_mb()
    growth = (after - before) / before * 100
    print(
        f"RSS over {requests} /funnel requests with charts: "
        f"{before:.1f} MB -> {after:.1f} MB ({growth:+.1f} %)"
    )


if __name__ == "__main__":
    asyncio.run(main())
