"""Suggested plans waiting for their Apply / Cancel button (/setplan ... suggest)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from metrics.plans import PlanRule, Target
from storage.repos import utcnow
from storage.tables import plan_suggestions

APPLIED = "applied"
CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class StoredSuggestion:
    """A suggestion as it was offered: ``rule`` is the plan Apply sets; ``resolution``
    is None until the first tap (then ``applied`` or ``cancelled``)."""

    id: int
    team_id: int
    rule: PlanRule
    resolution: str | None


def _stored(row: sa.Row) -> StoredSuggestion:
    rule = PlanRule(
        metric=row.metric,
        target=Target(float(row.lower), float(row.goal)),
        role=row.role,
        member_id=row.member_id,
    )
    return StoredSuggestion(row.id, row.team_id, rule, row.resolution)


class SuggestionsRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def add(self, team_id: int, rule: PlanRule, created_by: int | None) -> int:
        """Keep a suggestion for its buttons; returns its id."""
        result = await self.conn.execute(
            plan_suggestions.insert().values(
                team_id=team_id,
                metric=rule.metric,
                role=rule.role,
                member_id=rule.member_id,
                lower=Decimal(str(rule.target.lower)),
                goal=Decimal(str(rule.target.goal)),
                created_by=created_by,
                created_at=utcnow(),
            )
        )
        return int(result.inserted_primary_key[0])

    async def get(self, team_id: int, suggestion_id: int) -> StoredSuggestion | None:
        row = (
            await self.conn.execute(
                sa.select(plan_suggestions).where(
                    plan_suggestions.c.id == suggestion_id, plan_suggestions.c.team_id == team_id
                )
            )
        ).first()
        return _stored(row) if row else None

    async def resolve(self, team_id: int, suggestion_id: int, resolution: str, by: int) -> bool:
        """Mark the suggestion ``applied`` or ``cancelled``, once: False when it was
        resolved already (or is not the team's), so only the first tap acts."""
        result = await self.conn.execute(
            plan_suggestions.update()
            .where(
                plan_suggestions.c.id == suggestion_id,
                plan_suggestions.c.team_id == team_id,
                plan_suggestions.c.resolution.is_(None),
            )
            .values(resolution=resolution, resolved_by=by, resolved_at=utcnow())
        )
        return result.rowcount == 1
