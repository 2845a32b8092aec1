"""Action items (``action_items``): findings of the diagnosis someone took on.

One open item per team, subject, situation and metric: ``open_key`` carries that key
while the item is open (a unique column) and is cleared when it closes, so a second tap
on the same finding, even racing the first, cannot make a second item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.tables import action_items

OPEN, DONE, AUTO_CLOSED = "open", "done", "auto_closed"


@dataclass(frozen=True, slots=True)
class ActionItem:
    id: int
    team_id: int
    owner_id: int
    created_by: int
    subject_kind: str  # team | source | member
    subject_id: int | None
    subject_name: str | None
    situation: int
    metric: str
    check_key: str
    check_params: dict[str, Any]
    reference: str  # baseline | plan
    baseline: float
    value_at_creation: float | None
    period_start: date
    period_end: date
    baseline_days: int
    created_at: datetime
    due_day: date
    status: str = OPEN
    closed_at: datetime | None = None
    closed_by: int | None = None


@dataclass(frozen=True, slots=True)
class NewActionItem:
    """What taking a finding records (the repository adds the id, status and key)."""

    team_id: int
    owner_id: int
    created_by: int
    subject_kind: str
    subject_id: int | None
    subject_name: str | None
    situation: int
    metric: str
    check_key: str
    reference: str
    baseline: float
    value_at_creation: float | None
    period_start: date
    period_end: date
    baseline_days: int
    created_at: datetime
    due_day: date
    check_params: dict[str, Any] = field(default_factory=dict)


def open_key(team_id: int, kind: str, subject_id: int | None, situation: int, metric: str) -> str:
    """The key of "one open item per subject, situation and metric"."""
    return f"{team_id}:{kind}:{'' if subject_id is None else subject_id}:{situation}:{metric}"


def _item(row: sa.Row) -> ActionItem:
    return ActionItem(
        id=row.id,
        team_id=row.team_id,
        owner_id=row.owner_id,
        created_by=row.created_by,
        subject_kind=row.subject_kind,
        subject_id=row.subject_id,
        subject_name=row.subject_name,
        situation=row.situation,
        metric=row.metric,
        check_key=row.check_key,
        check_params=dict(row.check_params or {}),
        reference=row.reference,
        baseline=row.baseline,
        value_at_creation=row.value_at_creation,
        period_start=row.period_start,
        period_end=row.period_end,
        baseline_days=row.baseline_days,
        created_at=row.created_at,
        due_day=row.due_day,
        status=row.status,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
    )


class ActionItemsRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def get(self, item_id: int) -> ActionItem | None:
        row = (
            await self.conn.execute(sa.select(action_items).where(action_items.c.id == item_id))
        ).first()
        return _item(row) if row else None

    async def find_open(
        self, team_id: int, kind: str, subject_id: int | None, situation: int, metric: str
    ) -> ActionItem | None:
        key = open_key(team_id, kind, subject_id, situation, metric)
        row = (
            await self.conn.execute(sa.select(action_items).where(action_items.c.open_key == key))
        ).first()
        return _item(row) if row else None

    async def add(self, new: NewActionItem) -> ActionItem | None:
        """Record an open item; ``None`` when one is open for that subject, situation and
        metric already (nothing is written)."""
        key = open_key(new.team_id, new.subject_kind, new.subject_id, new.situation, new.metric)
        values = {name: getattr(new, name) for name in NewActionItem.__dataclass_fields__}
        try:
            async with self.conn.begin_nested():
                result = await self.conn.execute(
                    action_items.insert().values(**values, status=OPEN, open_key=key)
                )
        except IntegrityError:
            return None
        return await self.get(result.inserted_primary_key[0])

    async def open_items(self, team_id: int, owner_id: int | None = None) -> list[ActionItem]:
        """The team's open items (or one owner's), the earliest due first."""
        where = [action_items.c.team_id == team_id, action_items.c.status == OPEN]
        if owner_id is not None:
            where.append(action_items.c.owner_id == owner_id)
        rows = await self.conn.execute(
            sa.select(action_items)
            .where(*where)
            .order_by(action_items.c.due_day, action_items.c.id)
        )
        return [_item(row) for row in rows]

    async def close(self, item_id: int, status: str, at: datetime, by: int | None) -> bool:
        """Close an open item (``done`` by hand, ``auto_closed`` by the weekly digest);
        False when it was not open (closed a moment before)."""
        result = await self.conn.execute(
            action_items.update()
            .where(action_items.c.id == item_id, action_items.c.status == OPEN)
            .values(status=status, closed_at=at, closed_by=by, open_key=None)
        )
        return bool(result.rowcount)

    async def reassign(self, item_id: int, owner_id: int) -> bool:
        result = await self.conn.execute(
            action_items.update()
            .where(action_items.c.id == item_id, action_items.c.status == OPEN)
            .values(owner_id=owner_id)
        )
        return bool(result.rowcount)
