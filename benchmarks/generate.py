"""Generate a benchmark database: one year of a 100-rep team (~5 million calls).

    .venv/bin/python -m benchmarks.generate /tmp/bench.db [--reps 100] [--days 365]

Writes with bulk inserts through sqlite3 into a schema made by the project's
migrations. 70 % of the reps are SDRs (about 200 calls, 8 leads and 4 meetings
a working day), 20 % hunters, 10 % farmers; two sources of different quality.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.app import ensure_default_team
from bot.settings import Settings
from storage import migrate
from storage.db import Database
from storage.rollups import rebuild_call_days


async def _schema(path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{path}")
    await migrate.upgrade(db)
    await ensure_default_team(db, Settings(_env_file=None, timezone="UTC"))
    await db.dispose()


async def _rollup(path: Path) -> None:
    """Calls were written around the journal: build the per-day rollup from them."""
    db = Database(f"sqlite+aiosqlite:///{path}")
    async with db.transaction() as conn:
        await rebuild_call_days(conn, 60)
    await db.dispose()


def generate(path: Path, reps: int = 100, days: int = 365, seed: int = 1) -> dict[str, int]:
    if path.exists():
        path.unlink()
    asyncio.run(_schema(path))
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA journal_mode=WAL")
    now = datetime.now(UTC).isoformat(sep=" ")
    n_sdr, n_hunter = int(reps * 0.7), int(reps * 0.2)
    roles = ["sdr"] * n_sdr + ["hunter"] * n_hunter + ["farmer"] * (reps - n_sdr - n_hunter)
    member_ids = []
    for index, role in enumerate(roles):
        cur = conn.execute(
            "INSERT INTO members (team_id, tg_user_id, display_name, active, created_at) "
            "VALUES (1, ?, ?, 1, ?)",
            (100000 + index, f"Rep {index + 1}", now),
        )
        member_ids.append(cur.lastrowid)
        conn.execute("INSERT INTO member_roles VALUES (?, ?)", (cur.lastrowid, role))
    sources = []
    for name in ("google", "yandex"):
        cur = conn.execute(
            "INSERT INTO sources (team_id, name, key, created_at) VALUES (1, ?, ?, ?)",
            (name, name, now),
        )
        sources.append(cur.lastrowid)
    sdrs = [m for m, r in zip(member_ids, roles, strict=True) if r == "sdr"]
    hunters = [m for m, r in zip(member_ids, roles, strict=True) if r == "hunter"]
    end = date.today()
    start = end - timedelta(days=days - 1)
    totals = dict.fromkeys(("calls", "leads", "meetings", "events", "payments"), 0)
    meeting_id = 0
    for offset in range(days):
        day = start + timedelta(days=offset)
        if day.isoweekday() > 5:
            continue
        iso = day.isoformat()

        def stamp(hour: float, day: date = day) -> str:
            return f"{day.isoformat()} {int(hour):02d}:{int(hour % 1 * 60):02d}:00.000000"

        call_rows = []
        for member_id in member_ids:
            for _ in range(rng.randint(180, 220)):
                duration = rng.randint(0, 59) if rng.random() < 0.35 else rng.randint(60, 400)
                call_rows.append(
                    (1, member_id, duration, 1, "out", None, stamp(rng.uniform(6, 15)), iso)
                )
        conn.executemany(
            "INSERT INTO calls (team_id, member_id, duration_s, count, direction, source_id, "
            "occurred_at, day, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bench')",
            call_rows,
        )
        totals["calls"] += len(call_rows)
        lead_rows, meeting_rows, event_rows, payment_rows = [], [], [], []
        for sdr in sdrs:
            for _ in range(rng.randint(6, 10)):
                source = rng.choice(sources)
                qual = (
                    "targeted"
                    if rng.random() < (0.7 if source == sources[0] else 0.3)
                    else ("non_targeted")
                )
                lead_rows.append((1, sdr, source, qual, stamp(rng.uniform(6, 15)), iso))
            for _ in range(rng.randint(3, 5)):
                meeting_id += 1
                hunter = rng.choice(hunters)
                source = rng.choice(sources)
                meeting_rows.append((meeting_id, 1, sdr, hunter, hunter, source, "held", now))
                event_rows.append((meeting_id, 1, "set", sdr, stamp(8), iso))
                if rng.random() < 0.85:
                    event_rows.append((meeting_id, 1, "confirmed", sdr, stamp(10), iso))
                    if rng.random() < 0.85:
                        event_rows.append((meeting_id, 1, "held", hunter, stamp(14), iso))
                        if rng.random() < 0.35:
                            payment_rows.append(
                                (
                                    1,
                                    "new",
                                    rng.randrange(50, 500) * 1000,
                                    "RUB",
                                    meeting_id,
                                    hunter,
                                    stamp(16),
                                    iso,
                                )
                            )
        conn.executemany(
            "INSERT INTO leads (team_id, member_id, source_id, qualification, occurred_at, day, "
            "origin) VALUES (?, ?, ?, ?, ?, ?, 'bench')",
            lead_rows,
        )
        conn.executemany(
            "INSERT INTO meetings (id, team_id, setter_id, named_hunter_id, hunter_id, source_id, "
            "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            meeting_rows,
        )
        conn.executemany(
            "INSERT INTO meeting_events (meeting_id, team_id, kind, actor_id, occurred_at, day, "
            "origin) VALUES (?, ?, ?, ?, ?, ?, 'bench')",
            event_rows,
        )
        conn.executemany(
            "INSERT INTO payments (team_id, kind, amount, currency, meeting_id, member_id, "
            "occurred_at, day, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bench')",
            payment_rows,
        )
        totals["leads"] += len(lead_rows)
        totals["meetings"] += len(meeting_rows)
        totals["events"] += len(event_rows)
        totals["payments"] += len(payment_rows)
    conn.commit()
    conn.close()
    asyncio.run(_rollup(path))
    conn = sqlite3.connect(path)
    conn.execute("ANALYZE")
    conn.close()
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--reps", type=int, default=100)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    started = time.perf_counter()
    totals = generate(args.path, args.reps, args.days)
    print(f"generated {totals} in {time.perf_counter() - started:.1f} s -> {args.path}")


if __name__ == "__main__":
    main()
