"""Speed of the 12-week trend (services.trend.weekly_trend) on a year of a 100-rep team.

    .venv/bin/python -m benchmarks.generate /tmp/bench.db      # once, ~1 min
    .venv/bin/python -m benchmarks.bench_trend /tmp/bench.db [--runs 50]

The live wallboard recomputes the team's trend whenever the team's data changes, the
weekly digest and /trend draw it. Prints the median of the team's default trend
(``meetings_held`` and ``payments``, with the plan bands of 100 reps; target <= 15 ms)
and, for scale, other subjects and metrics: an SDR, a source, the cohort conversions
(counted week by week), every count of calls and leads. The database is migrated to the
newest schema first (an older file gets the index the trend reads).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import date
from pathlib import Path

from benchmarks.common import Checks
from bot.settings import Settings
from services.subjects import TEAM, Subject
from services.trend import weekly_trend
from storage import migrate
from storage.db import Database
from storage.repos import MembersRepo, TeamsRepo
from storage.sources import SourcesRepo

TARGET_MS = 15.0


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    settings = Settings(
        _env_file=None,
        bot_token="42:BENCH",
        database_url=f"sqlite+aiosqlite:///{args.path}",
        timezone="UTC",
    )
    db = Database(settings.database_url)
    await migrate.upgrade(db)
    async with db.read() as conn:
        team = await TeamsRepo(conn).default()
        assert team is not None
        members = await MembersRepo(conn).list_team(team.id, include_inactive=False)
        sources = await SourcesRepo(conn).list(team.id)
    sdr = next(m for m in members if "sdr" in m.roles)
    today = date.today()
    cases = {
        "the team's default trend (meetings held, payments)": (TEAM, ()),
        "an SDR's default trend (meetings held, calls 60 s+)": (Subject("member", member=sdr), ()),
        "a source's default trend": (Subject("source", source=sources[0]), ()),
        "the team's cohort conversions (set->held, held->paid)": (
            TEAM,
            ("conv_set_to_held", "conv_held_to_paid"),
        ),
        "the team's calls 60 s+, minutes on line, leads": (
            TEAM,
            ("calls_60", "minutes_on_line", "leads_new"),
        ),
    }
    print(f"{len(members)} active members; 12 weeks to {today}; {args.runs} runs each")
    medians = {}
    for name, (subject, metrics) in cases.items():
        for _ in range(3):  # warm the page cache and SQLAlchemy's compiled statements
            await weekly_trend(db, team, subject, metrics, today=today, settings=settings)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            await weekly_trend(db, team, subject, metrics, today=today, settings=settings)
            times.append((time.perf_counter() - started) * 1000)
        medians[name] = statistics.median(times)
        print(f"{name:<55} median {medians[name]:7.1f} ms  (min {min(times):.1f})")
    await db.dispose()
    check = Checks()
    default = medians["the team's default trend (meetings held, payments)"]
    check(default <= TARGET_MS, f"the team's default trend <= {TARGET_MS:.0f} ms")
    return check.verdict()


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
