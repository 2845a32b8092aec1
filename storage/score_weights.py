"""The scorecard's weights (/setweight): SQL in, plain data out (metrics.score.Weights)."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.repos import utcnow
from storage.tables import score_weights


class ScoreWeightsRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def weights(self, team_id: int) -> dict[tuple[str, str], float]:
        """The weights the team set: (role, metric) -> weight."""
        rows = await self.conn.execute(
            sa.select(score_weights.c.role, score_weights.c.metric, score_weights.c.weight).where(
                score_weights.c.team_id == team_id
            )
        )
        return {(row.role, row.metric): float(row.weight) for row in rows}

    async def set_weight(
        self, team_id: int, role: str, metric: str, weight: float, created_by: int | None
    ) -> None:
        """Set the weight of ``metric`` for ``role``, replacing the one set before (a new
        row, so the wallboard's fingerprint sees the change)."""
        key = (
            score_weights.c.team_id == team_id,
            score_weights.c.role == role,
            score_weights.c.metric == metric,
        )
        await self.conn.execute(score_weights.delete().where(*key))
        await self.conn.execute(
            score_weights.insert().values(
                team_id=team_id,
                role=role,
                metric=metric,
                weight=Decimal(str(weight)),
                created_by=created_by,
                created_at=utcnow(),
            )
        )
