"""Calls by where they came from: typed in the bot, or recorded from a telephony feed.

Calls a rep logs (``/call``, ``/calls``, the buttons of ``/log``) have the origin
``manual``; calls from a telephony feed ``telephony:<provider>`` (``storage.feeds``);
imported and demo calls neither. Void calls count nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.feeds import TELEPHONY
from storage.tables import calls

TYPED = "manual"


@dataclass(frozen=True, slots=True)
class CallOrigins:
    """One member's calls of ``min_call_seconds`` or more in a span of days."""

    typed: int = 0  # logged in the bot by hand
    verified: int = 0  # recorded from a telephony feed
    total: int = 0  # all of them, whatever their origin (``calls_60``)


def _from_telephony() -> sa.ColumnElement[bool]:
    return calls.c.origin.like(f"{TELEPHONY}:%")


async def calls_by_origin(
    conn: AsyncConnection,
    team_id: int,
    start: date,
    end: date,
    min_call_seconds: int,
    member_id: int | None = None,
) -> dict[int, CallOrigins]:
    """Member id -> their long calls of the days ``start``..``end`` by origin, in one
    GROUP BY query (only ``member_id``'s when given); members without a long call are
    absent."""
    where = [
        calls.c.team_id == team_id,
        calls.c.day >= start,
        calls.c.day <= end,
        calls.c.voided_at.is_(None),
        calls.c.duration_s >= min_call_seconds,
    ]
    if member_id is not None:
        where.append(calls.c.member_id == member_id)

    def total_of(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
        return sa.func.coalesce(sa.func.sum(sa.case((condition, calls.c.count), else_=0)), 0)

    rows = await conn.execute(
        sa.select(
            calls.c.member_id,
            total_of(calls.c.origin == TYPED),
            total_of(_from_telephony()),
            sa.func.coalesce(sa.func.sum(calls.c.count), 0),
        )
        .where(*where)
        .group_by(calls.c.member_id)
    )
    return {row[0]: CallOrigins(int(row[1]), int(row[2]), int(row[3])) for row in rows}


async def telephony_connected(conn: AsyncConnection, team_id: int, start: date, end: date) -> bool:
    """Was any call of the team (any member, any length, not void) recorded from a
    telephony feed on the days ``start``..``end``?"""
    found = await conn.execute(
        sa.select(calls.c.id)
        .where(
            calls.c.team_id == team_id,
            calls.c.day >= start,
            calls.c.day <= end,
            calls.c.voided_at.is_(None),
            _from_telephony(),
        )
        .limit(1)
    )
    return found.first() is not None
