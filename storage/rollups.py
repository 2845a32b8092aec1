"""Keeping the per-day calls rollup (``call_days``) equal to the ``calls`` table.

Every write that adds or voids calls calls :func:`refresh_call_days` for the
(member, day) pairs it touched, inside its own transaction, so the rollup is
never out of step with what was committed. The rollup counts "long" calls at
one threshold (MIN_CALL_SECONDS); :func:`ensure_call_days` rebuilds it when
the setting changes, and analytics falls back to the calls table for any
other threshold.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.tables import call_days, calls, rollup_state

THRESHOLD_KEY = "call_days_threshold"
_DAYS_AT_ONCE = 500  # days in one IN (...): far below SQLite's and asyncpg's limits


async def call_days_threshold(conn: AsyncConnection) -> int | None:
    """The threshold the rollup was built with, or None while it is not built."""
    return (
        await conn.execute(
            sa.select(rollup_state.c.value).where(rollup_state.c.key == THRESHOLD_KEY)
        )
    ).scalar()


def _aggregate(threshold: int | sa.ColumnElement[int], *where: sa.ColumnElement[bool]) -> sa.Select:
    long_calls = sa.case((calls.c.duration_s >= threshold, calls.c.count), else_=0)
    return (
        sa.select(
            calls.c.team_id,
            calls.c.member_id,
            calls.c.source_id,
            calls.c.day,
            sa.func.sum(calls.c.count),
            sa.func.sum(long_calls),
            sa.func.sum(calls.c.count * calls.c.duration_s),
        )
        .where(calls.c.voided_at.is_(None), *where)
        .group_by(calls.c.team_id, calls.c.member_id, calls.c.source_id, calls.c.day)
    )


_COLUMNS = ["team_id", "member_id", "source_id", "day", "calls_total", "calls_long", "seconds"]


async def rebuild_call_days(conn: AsyncConnection, threshold: int) -> None:
    """Recompute the whole rollup at ``threshold`` seconds (seconds for a few million calls)."""
    await conn.execute(call_days.delete())
    await conn.execute(call_days.insert().from_select(_COLUMNS, _aggregate(threshold)))
    await conn.execute(rollup_state.delete().where(rollup_state.c.key == THRESHOLD_KEY))
    await conn.execute(rollup_state.insert().values(key=THRESHOLD_KEY, value=threshold))


async def ensure_call_days(conn: AsyncConnection, threshold: int) -> bool:
    """Build the rollup if it is missing or was built at another threshold; True if rebuilt."""
    if await call_days_threshold(conn) == threshold:
        return False
    await rebuild_call_days(conn, threshold)
    return True


def _refresh_statements() -> tuple[sa.Delete, sa.Insert]:
    """Two statements per member and up to ``_DAYS_AT_ONCE`` days: the old rows out, the
    recomputed ones in. The threshold is read by the INSERT itself (a join with
    ``rollup_state``): no rows while the rollup is not built (analytics reads the calls
    table then, and :func:`ensure_call_days` builds it), and no third statement to read
    it first (issue 19: every logged call runs these)."""
    team_id, member_id = sa.bindparam("team_id"), sa.bindparam("member_id")
    days = sa.bindparam("days", expanding=True, type_=sa.Date)
    delete = call_days.delete().where(
        call_days.c.team_id == team_id,
        call_days.c.member_id == member_id,
        call_days.c.day.in_(days),
    )
    built = calls.join(rollup_state, rollup_state.c.key == THRESHOLD_KEY)
    insert = call_days.insert().from_select(
        _COLUMNS,
        _aggregate(
            rollup_state.c.value,
            calls.c.team_id == team_id,
            calls.c.member_id == member_id,
            calls.c.day.in_(days),
        ).select_from(built),
    )
    return delete, insert


_REFRESH_DELETE, _REFRESH_INSERT = _refresh_statements()


async def refresh_call_days(
    conn: AsyncConnection, team_id: int, pairs: Iterable[tuple[int, date]]
) -> None:
    """Recompute the rollup rows of these (member, day) pairs from the calls table.

    Two statements per member and up to ``_DAYS_AT_ONCE`` days, not per pair: an
    import of a year of calls touches thousands of pairs (6,000 statements took
    most of a 100,000-row import).
    """
    days_of: dict[int, set[date]] = {}
    for member_id, day in pairs:
        days_of.setdefault(member_id, set()).add(day)
    for member_id, days in sorted(days_of.items()):
        ordered = sorted(days)
        for start in range(0, len(ordered), _DAYS_AT_ONCE):
            values = {
                "team_id": team_id,
                "member_id": member_id,
                "days": ordered[start : start + _DAYS_AT_ONCE],
            }
            await conn.execute(_REFRESH_DELETE, values)
            await conn.execute(_REFRESH_INSERT, values)


async def refresh_call_days_of_entry(conn: AsyncConnection, entry_id: int) -> None:
    """After an entry's calls were written or voided."""
    rows = (
        await conn.execute(
            sa.select(calls.c.team_id, calls.c.member_id, calls.c.day)
            .where(calls.c.entry_id == entry_id)
            .distinct()
        )
    ).all()
    by_team: dict[int, list[tuple[int, date]]] = {}
    for team_id, member_id, day in rows:
        by_team.setdefault(team_id, []).append((member_id, day))
    for team_id, pairs in by_team.items():
        await refresh_call_days(conn, team_id, pairs)


async def refresh_call_days_of_team(conn: AsyncConnection, team_id: int) -> None:
    """After many calls of a team changed at once (a source merge, generated history)."""
    threshold = await call_days_threshold(conn)
    if threshold is None:
        return
    await conn.execute(call_days.delete().where(call_days.c.team_id == team_id))
    await conn.execute(
        call_days.insert().from_select(_COLUMNS, _aggregate(threshold, calls.c.team_id == team_id))
    )
