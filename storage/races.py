"""Races and their announcements (``races``, ``race_milestones``): SQL in, plain data out.

An announcement (a milestone or the result) is *claimed* by inserting its row before
anything is sent, in a transaction the caller commits first; the primary key (race,
mark) makes a second claim fail, so it goes out at most once, across restarts too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.tables import race_milestones, races

SENDING, SENT, UNREACHABLE, FAILED = "sending", "sent", "unreachable", "failed"
SKIPPED, NO_CHAT = "skipped", "no_chat"
RESULT = "result"
DETAIL_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Race:
    id: int
    team_id: int
    metric: str
    target: Decimal
    starts_on: date  # team-local, counted from the day's beginning
    ends_on: date  # team-local, counted to the day's end
    created_at: datetime
    stopped_at: datetime | None = None

    def over(self, today: date) -> bool:
        """Ended early by a manager, or its last day is past (team-local ``today``)."""
        return self.stopped_at is not None or today > self.ends_on


def _race(row: sa.Row) -> Race:
    return Race(
        id=row.id,
        team_id=row.team_id,
        metric=row.metric,
        target=Decimal(row.target),
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        created_at=row.created_at,
        stopped_at=row.stopped_at,
    )


class RacesRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def create(
        self,
        *,
        team_id: int,
        metric: str,
        target: Decimal,
        starts_on: date,
        ends_on: date,
        created_by: int | None,
        now: datetime,
    ) -> Race:
        result = await self.conn.execute(
            races.insert().values(
                team_id=team_id,
                metric=metric,
                target=target,
                starts_on=starts_on,
                ends_on=ends_on,
                created_by=created_by,
                created_at=now,
            )
        )
        race = await self.get(result.inserted_primary_key[0])
        assert race is not None
        return race

    async def get(self, race_id: int) -> Race | None:
        row = (await self.conn.execute(sa.select(races).where(races.c.id == race_id))).first()
        return _race(row) if row else None

    async def running(self, team_id: int, today: date) -> list[Race]:
        """The team's races on ``today``: not stopped, not past their last day; by start."""
        rows = await self.conn.execute(
            sa.select(races)
            .where(
                races.c.team_id == team_id,
                races.c.stopped_at.is_(None),
                races.c.ends_on >= today,
            )
            .order_by(races.c.starts_on, races.c.id)
        )
        return [_race(row) for row in rows]

    async def unfinished(self) -> list[Race]:
        """Every race whose result has not been claimed yet (running, or over and owed
        its result), of every team."""
        announced = sa.select(race_milestones.c.race_id).where(race_milestones.c.mark == RESULT)
        rows = await self.conn.execute(
            sa.select(races).where(races.c.id.not_in(announced)).order_by(races.c.id)
        )
        return [_race(row) for row in rows]

    async def stop(self, race_id: int, by: int | None, now: datetime) -> bool:
        result = await self.conn.execute(
            races.update()
            .where(races.c.id == race_id, races.c.stopped_at.is_(None))
            .values(stopped_at=now, stopped_by=by)
        )
        return bool(result.rowcount)

    async def claimed(self, race_id: int) -> set[str]:
        """The marks of the race's announcements claimed so far (whatever became of them)."""
        rows = await self.conn.execute(
            sa.select(race_milestones.c.mark).where(race_milestones.c.race_id == race_id)
        )
        return set(rows.scalars())

    async def claim(self, race_id: int, send: str, skip: tuple[str, ...], now: datetime) -> None:
        """Claim the announcement ``send`` (status ``sending``) and record ``skip`` as
        skipped (lower milestones crossed at the same time). A mark claimed before makes
        the INSERT fail with ``IntegrityError``: the caller's transaction rolls back and
        it sends nothing."""
        rows = [{"mark": send, "status": SENDING}] + [{"mark": m, "status": SKIPPED} for m in skip]
        await self.conn.execute(
            race_milestones.insert(),
            [{"race_id": race_id, "claimed_at": now, **row} for row in rows],
        )

    async def finish(
        self, race_id: int, mark: str, status: str, now: datetime, detail: str | None = None
    ) -> None:
        await self.conn.execute(
            race_milestones.update()
            .where(race_milestones.c.race_id == race_id, race_milestones.c.mark == mark)
            .values(status=status, finished_at=now, detail=(detail or None) and detail[:500])
        )
