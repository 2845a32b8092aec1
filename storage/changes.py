"""Has a team's data changed? A cheap fingerprint of everything a board reads.

The live wallboard is polled every two seconds by every open page; computing the board
costs far more than telling whether anything it shows could have changed. The
fingerprint is one statement of index range reads: for each kind of record since a day
(the oldest day the board shows), how many there are, the newest id and how many are
void (an entry, an undo, a correction, a re-import all move one of them; calls through
the per-day rollup, which every call and void keeps in step), and the team's plans,
score weights, days off, ramps, members, roles and sources. Equal fingerprints: the same
numbers, but for edits no count or id shows (a member or a source renamed); a reader that
caches on it also recomputes after a while.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.tables import (
    call_days,
    days_off,
    entries,
    leads,
    meeting_events,
    member_ramps,
    member_roles,
    members,
    payments,
    plan_rules,
    proposals,
    score_weights,
    sources,
)


def _records(table: sa.Table, team_id: int, since: date) -> list[sa.ScalarSelect[Any]]:
    where = (table.c.team_id == team_id, table.c.day >= since)
    return [
        sa.select(sa.func.count()).where(*where).scalar_subquery(),
        sa.select(sa.func.max(table.c.id)).where(*where).scalar_subquery(),
        sa.select(sa.func.count(table.c.voided_at)).where(*where).scalar_subquery(),
    ]


def _rows(table: sa.Table, where: sa.ColumnElement[bool]) -> list[sa.ScalarSelect[Any]]:
    return [
        sa.select(sa.func.count()).where(where).scalar_subquery(),
        sa.select(sa.func.max(table.c.id)).where(where).scalar_subquery(),
    ]


async def team_fingerprint(conn: AsyncConnection, team_id: int, since: date) -> tuple[Any, ...]:
    """What the team's numbers from ``since`` on are made of, as one comparable tuple."""
    calls = (call_days.c.team_id == team_id, call_days.c.day >= since)
    team_members = members.c.team_id == team_id
    columns = [
        sa.select(sa.func.count()).where(*calls).scalar_subquery(),
        sa.select(sa.func.sum(call_days.c.calls_total)).where(*calls).scalar_subquery(),
        sa.select(sa.func.sum(call_days.c.calls_long)).where(*calls).scalar_subquery(),
        sa.select(sa.func.sum(call_days.c.seconds)).where(*calls).scalar_subquery(),
        *_records(leads, team_id, since),
        *_records(meeting_events, team_id, since),
        *_records(payments, team_id, since),
        *_records(proposals, team_id, since),
        sa.select(sa.func.max(entries.c.id)).scalar_subquery(),
        *_rows(plan_rules, plan_rules.c.team_id == team_id),
        *_rows(days_off, days_off.c.team_id == team_id),
        *_rows(score_weights, score_weights.c.team_id == team_id),
        # a ramp started, replaced or ended scales a member's plan
        *(
            sa.select(aggregate).where(member_ramps.c.team_id == team_id).scalar_subquery()
            for aggregate in (
                sa.func.count(),
                sa.func.sum(member_ramps.c.weeks),
                sa.func.max(member_ramps.c.created_at),
            )
        ),
        *_rows(members, team_members),
        sa.select(sa.func.sum(sa.cast(members.c.active, sa.Integer)))
        .where(team_members)
        .scalar_subquery(),
        sa.select(sa.func.count())
        .select_from(member_roles.join(members, members.c.id == member_roles.c.member_id))
        .where(team_members)
        .scalar_subquery(),
        *_rows(sources, sources.c.team_id == team_id),
    ]
    row = (await conn.execute(sa.select(*columns))).one()
    return tuple(row)
