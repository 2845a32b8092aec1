"""The calls rollup kept in step by each write (two statements per member and day, the
threshold read by the INSERT itself) equals the rollup rebuilt from the calls table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from storage import journal
from storage.repos import MembersRepo
from storage.rollups import THRESHOLD_KEY, call_days_threshold, rebuild_call_days
from storage.sources import SourcesRepo
from storage.tables import call_days, rollup_state

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


async def rollup(db) -> list[tuple]:
    columns = [c for c in call_days.c if c.name != "id"]
    async with db.read() as conn:
        rows = await conn.execute(sa.select(*columns))
    return sorted((tuple(row) for row in rows), key=repr)


async def test_kept_in_step_equals_rebuilt(db, team):
    async with db.transaction() as conn:
        repo = MembersRepo(conn)
        ivan = await repo.add(
            team_id=team.id, tg_user_id=1, display_name="Ivan", username=None, roles={"sdr"}
        )
        oleg = await repo.add(
            team_id=team.id, tg_user_id=2, display_name="Oleg", username=None, roles={"sdr"}
        )
        google = await SourcesRepo(conn).add(team.id, "google")
    logged = []
    async with db.transaction() as conn:
        for member, seconds, source, at in [
            (ivan, 75, None, NOW),
            (ivan, 30, None, NOW),  # short: counted, not long
            (ivan, 200, google.id, NOW),
            (oleg, 61, None, NOW),
            (ivan, 90, None, NOW - timedelta(days=1)),
        ]:
            entry = await journal.log_call(
                conn,
                team,
                member,
                duration_s=seconds,
                direction="out",
                occurred_at=at,
                source_id=source,
            )
            logged.append(entry)
        await journal.log_calls_bulk(
            conn, team, oleg, count=12, total_seconds=15 * 60, occurred_at=NOW
        )
        await journal.void_entry(conn, team, ivan, logged[0].id)
    kept = await rollup(db)
    day = journal.local_day(team, NOW)
    ivan_today = {r[2:] for r in kept if r[1] == ivan.id and r[3] == day}
    assert ivan_today == {(google.id, day, 1, 1, 200), (None, day, 1, 0, 30)}
    async with db.transaction() as conn:
        await rebuild_call_days(conn, await call_days_threshold(conn))
    assert kept == await rollup(db)
    assert len(kept) == 4  # ivan: 2 today + yesterday; oleg: today


async def test_nothing_is_added_while_the_rollup_is_not_built(db, team):
    async with db.transaction() as conn:
        ivan = await MembersRepo(conn).add(
            team_id=team.id, tg_user_id=1, display_name="Ivan", username=None, roles={"sdr"}
        )
        await conn.execute(rollup_state.delete().where(rollup_state.c.key == THRESHOLD_KEY))
        await journal.log_call(conn, team, ivan, duration_s=75, direction="out", occurred_at=NOW)
    assert await rollup(db) == []
