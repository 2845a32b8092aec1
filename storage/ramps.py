"""New members' ramps (/ramp): SQL in, :class:`metrics.ramp.Ramp` out."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from metrics.ramp import Ramp
from storage.repos import utcnow
from storage.tables import member_ramps


def _ramp(row: sa.Row) -> Ramp:
    return Ramp(member_id=row.member_id, start=row.start_day, weeks=row.weeks)


class RampsRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def of_team(self, team_id: int) -> dict[int, Ramp]:
        """Every ramp of the team in one statement: member id -> ramp."""
        rows = await self.conn.execute(
            sa.select(member_ramps).where(member_ramps.c.team_id == team_id)
        )
        return {row.member_id: _ramp(row) for row in rows}

    async def get(self, member_id: int) -> Ramp | None:
        row = (
            await self.conn.execute(
                sa.select(member_ramps).where(member_ramps.c.member_id == member_id)
            )
        ).first()
        return _ramp(row) if row else None

    async def set(
        self, team_id: int, member_id: int, start: date, weeks: int, created_by: int | None
    ) -> Ramp:
        """Start (or replace) the member's ramp."""
        await self.conn.execute(member_ramps.delete().where(member_ramps.c.member_id == member_id))
        await self.conn.execute(
            member_ramps.insert().values(
                member_id=member_id,
                team_id=team_id,
                start_day=start,
                weeks=weeks,
                created_by=created_by,
                created_at=utcnow(),
            )
        )
        return Ramp(member_id=member_id, start=start, weeks=weeks)

    async def end(self, member_id: int) -> bool:
        """End the member's ramp; False when there was none."""
        result = await self.conn.execute(
            member_ramps.delete().where(member_ramps.c.member_id == member_id)
        )
        return bool(result.rowcount)
