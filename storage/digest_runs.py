"""The digest ledger: one row per digest (or nudge round) a team is owed.

A run is *claimed* by inserting its row (status ``sending``) in its own committed
transaction before anything is sent. The unique key (team, kind, period start)
makes a second claim fail, so a digest goes out at most once, also across
restarts. Only a ``failed`` run may be claimed again (a retry).
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.models import DigestRun
from storage.tables import digest_runs

SENDING, SENT, FAILED, MISSED, INTERRUPTED = "sending", "sent", "failed", "missed", "interrupted"
DETAIL_LIMIT = 500


def _run(row: sa.Row) -> DigestRun:
    return DigestRun(
        id=row.id,
        team_id=row.team_id,
        kind=row.kind,
        period_start=row.period_start,
        period_end=row.period_end,
        scheduled_for=row.scheduled_for,
        status=row.status,
        claimed_at=row.claimed_at,
        finished_at=row.finished_at,
        detail=row.detail,
    )


class DigestRunsRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def get(self, team_id: int, kind: str, period_start: date) -> DigestRun | None:
        row = (
            await self.conn.execute(
                sa.select(digest_runs).where(
                    digest_runs.c.team_id == team_id,
                    digest_runs.c.kind == kind,
                    digest_runs.c.period_start == period_start,
                )
            )
        ).first()
        return _run(row) if row else None

    async def claim(
        self,
        team_id: int,
        kind: str,
        period: tuple[date, date],
        scheduled_for: datetime,
        now: datetime,
    ) -> int | None:
        """Claim the run (status ``sending``); ``None`` when it exists and is not ``failed``.

        Two claims racing on PostgreSQL: the loser's INSERT raises ``IntegrityError``, which
        the caller treats as "already claimed" (on SQLite writers are serialised).
        """
        existing = await self.get(team_id, kind, period[0])
        if existing is not None:
            if existing.status != FAILED:
                return None
            result = await self.conn.execute(
                digest_runs.update()
                .where(digest_runs.c.id == existing.id, digest_runs.c.status == FAILED)
                .values(status=SENDING, claimed_at=now, finished_at=None, detail=None)
            )
            return existing.id if result.rowcount else None
        return await self._insert(team_id, kind, period, scheduled_for, now, status=SENDING)

    async def finish(self, run_id: int, status: str, now: datetime, detail: str | None) -> None:
        await self.conn.execute(
            digest_runs.update()
            .where(digest_runs.c.id == run_id)
            .values(
                status=status,
                finished_at=now,
                detail=detail[:DETAIL_LIMIT] if detail else None,
            )
        )

    async def mark_missed(
        self,
        team_id: int,
        kind: str,
        period: tuple[date, date],
        scheduled_for: datetime,
        now: datetime,
    ) -> bool:
        """Record that a run was not sent because the bot was down past the grace window."""
        if await self.get(team_id, kind, period[0]) is not None:
            return False
        await self._insert(
            team_id,
            kind,
            period,
            scheduled_for,
            now,
            status=MISSED,
            finished_at=now,
            detail="the bot was not running within the grace window",
        )
        return True

    async def _insert(
        self,
        team_id: int,
        kind: str,
        period: tuple[date, date],
        scheduled_for: datetime,
        now: datetime,
        **values: object,
    ) -> int:
        result = await self.conn.execute(
            digest_runs.insert().values(
                team_id=team_id,
                kind=kind,
                period_start=period[0],
                period_end=period[1],
                scheduled_for=scheduled_for,
                claimed_at=now,
                **values,
            )
        )
        return int(result.inserted_primary_key[0])

    async def interrupt_stale(self, claimed_before: datetime, now: datetime) -> int:
        """Runs left ``sending`` by a process that died: marked ``interrupted``, not resent
        (part of them may have reached the chat; a second copy is worse than a gap)."""
        result = await self.conn.execute(
            digest_runs.update()
            .where(digest_runs.c.status == SENDING, digest_runs.c.claimed_at < claimed_before)
            .values(status=INTERRUPTED, finished_at=now)
        )
        return result.rowcount or 0

    async def recent(self, team_id: int, limit: int = 6) -> list[DigestRun]:
        rows = await self.conn.execute(
            sa.select(digest_runs)
            .where(digest_runs.c.team_id == team_id)
            .order_by(digest_runs.c.scheduled_for.desc(), digest_runs.c.id.desc())
            .limit(limit)
        )
        return [_run(row) for row in rows]
