"""What every update reads first, in one statement: was it processed already, who sent
it (the member, with their roles) and their team.

Before issue 19 these were five statements on two connections (the processed-update
marker; the member, their roles, their team), each statement several round trips between
the event loop and the database thread on SQLite. Here they are one ``SELECT`` on one
connection; the answers are the same as :meth:`UpdatesRepo.is_processed`,
:meth:`MembersRepo.by_tg_id` (an active membership wins over an old one, then the newest)
and the member's team, or :meth:`TeamsRepo.default` for someone who is not a member.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.models import Member, Team
from storage.repos import member_from_row, team_from_row
from storage.tables import member_roles, members, processed_updates, teams


@dataclass(frozen=True, slots=True)
class Arrival:
    seen: bool  # the update was processed already (a re-delivery)
    member: Member | None
    team: Team | None  # None only while no team exists at all


def _query() -> sa.Select:
    marker = sa.exists().where(
        processed_updates.c.bot_id == sa.bindparam("bot_id"),
        processed_updates.c.update_id == sa.bindparam("update_id"),
    )
    chosen = (  # MembersRepo.by_tg_id: active first, then the newest
        sa.select(members.c.id)
        .where(members.c.tg_user_id == sa.bindparam("tg_user_id"))
        .order_by(members.c.active.desc(), members.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    default_team = sa.select(sa.func.min(teams.c.id)).scalar_subquery()
    anchor = sa.select(sa.literal(1).label("one")).subquery("anchor")
    joined = (
        anchor.outerjoin(members, members.c.id == chosen)
        .outerjoin(member_roles, member_roles.c.member_id == members.c.id)
        .outerjoin(teams, teams.c.id == sa.func.coalesce(members.c.team_id, default_team))
    )
    return sa.select(
        marker.label("seen"),
        member_roles.c.role,
        *(c.label(f"m_{c.name}") for c in members.c),
        *(c.label(f"t_{c.name}") for c in teams.c),
    ).select_from(joined)


QUERY = _query()


def _prefixed(mapping: sa.RowMapping, prefix: str) -> SimpleNamespace:
    return SimpleNamespace(
        **{key[len(prefix) :]: value for key, value in mapping.items() if key.startswith(prefix)}
    )


async def arrival(
    conn: AsyncConnection, bot_id: int, update_id: int, tg_user_id: int | None
) -> Arrival:
    """The marker, the sender (``tg_user_id`` None: nobody, e.g. a channel post) and the
    team, read together."""
    rows = (
        await conn.execute(
            QUERY, {"bot_id": bot_id, "update_id": update_id, "tg_user_id": tg_user_id}
        )
    ).all()
    first = rows[0]._mapping
    member = None
    if first["m_id"] is not None:
        roles = frozenset(row.role for row in rows if row.role is not None)
        member = member_from_row(_prefixed(first, "m_"), roles)
    team = team_from_row(_prefixed(first, "t_")) if first["t_id"] is not None else None
    return Arrival(seen=bool(first["seen"]), member=member, team=team)
