"""Plan rules and days off: SQL in, plain data out (the rules are metrics.plans.PlanRule)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from metrics.plans import ARTICLE_SDR_PLAN, PlanRule, PlanRules, Target
from storage.ramps import RampsRepo
from storage.repos import utcnow
from storage.tables import days_off, plan_rules


def _number(value: Decimal) -> float:
    return float(value)


class PlansRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def rules(self, team_id: int) -> PlanRules:
        """The team's rules, with its members' ramps (one statement more, not one a day)."""
        rows = await self.conn.execute(
            sa.select(plan_rules).where(plan_rules.c.team_id == team_id).order_by(plan_rules.c.id)
        )
        found = [
            PlanRule(
                metric=row.metric,
                target=Target(_number(row.lower), _number(row.goal)),
                role=row.role,
                member_id=row.member_id,
                weekday=row.weekday,
            )
            for row in rows
        ]
        return PlanRules(found, await RampsRepo(self.conn).of_team(team_id))

    def _scope(self, team_id: int, rule: PlanRule) -> list[sa.ColumnElement[bool]]:
        def same(column: sa.Column, value: object) -> sa.ColumnElement[bool]:
            return column.is_(None) if value is None else column == value

        return [
            plan_rules.c.team_id == team_id,
            plan_rules.c.metric == rule.metric,
            same(plan_rules.c.role, rule.role),
            same(plan_rules.c.member_id, rule.member_id),
            same(plan_rules.c.weekday, rule.weekday),
        ]

    async def set_rule(self, team_id: int, rule: PlanRule, created_by: int | None) -> None:
        """Set a rule, replacing the one with the same metric, role/member and weekday."""
        await self.conn.execute(plan_rules.delete().where(*self._scope(team_id, rule)))
        await self.conn.execute(
            plan_rules.insert().values(
                team_id=team_id,
                metric=rule.metric,
                lower=Decimal(str(rule.target.lower)),
                goal=Decimal(str(rule.target.goal)),
                role=rule.role,
                member_id=rule.member_id,
                weekday=rule.weekday,
                created_by=created_by,
                created_at=utcnow(),
            )
        )

    async def reset_member(self, team_id: int, member_id: int) -> int:
        """Drop a member's overrides: the role plan applies again."""
        result = await self.conn.execute(
            plan_rules.delete().where(
                plan_rules.c.team_id == team_id, plan_rules.c.member_id == member_id
            )
        )
        return result.rowcount or 0

    async def seed_article_plan(self, team_id: int) -> None:
        """A new team starts with the article's SDR plan."""
        for metric, target in ARTICLE_SDR_PLAN.items():
            await self.set_rule(team_id, PlanRule(metric, target, role="sdr"), None)

    async def days_off(self, member_id: int) -> list[tuple[date, date]]:
        rows = await self.conn.execute(
            sa.select(days_off.c.first_day, days_off.c.last_day)
            .where(days_off.c.member_id == member_id)
            .order_by(days_off.c.first_day)
        )
        return [(row.first_day, row.last_day) for row in rows]

    async def team_days_off(self, team_id: int) -> dict[int, list[tuple[date, date]]]:
        """Every member's days off in one query: member id -> ranges in date order (a
        member without any is not in it)."""
        rows = await self.conn.execute(
            sa.select(days_off.c.member_id, days_off.c.first_day, days_off.c.last_day)
            .where(days_off.c.team_id == team_id)
            .order_by(days_off.c.member_id, days_off.c.first_day)
        )
        found: dict[int, list[tuple[date, date]]] = {}
        for row in rows:
            found.setdefault(row.member_id, []).append((row.first_day, row.last_day))
        return found

    async def add_day_off(
        self, team_id: int, member_id: int, first: date, last: date, created_by: int | None
    ) -> None:
        await self.conn.execute(
            days_off.insert().values(
                team_id=team_id,
                member_id=member_id,
                first_day=first,
                last_day=last,
                created_by=created_by,
                created_at=utcnow(),
            )
        )
