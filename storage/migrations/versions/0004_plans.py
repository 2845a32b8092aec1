"""Plans: daily targets per role or member (and weekday), and members' days off.

Every existing team starts with the article's SDR plan (calls_60 80-100,
meetings_set 3-5, meetings_held 3), as a new team does.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_SDR_PLAN = (("calls_60", 80, 100), ("meetings_set", 3, 5), ("meetings_held", 3, 3))


def upgrade() -> None:
    rules = op.create_table(
        "plan_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=48), nullable=False),
        sa.Column("lower", sa.Numeric(16, 2), nullable=False),
        sa.Column("goal", sa.Numeric(16, 2), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["members.id"], name=op.f("fk_plan_rules_created_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_plan_rules_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_plan_rules_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_rules")),
    )
    op.create_index("ix_plan_rules_team", "plan_rules", ["team_id"])
    op.create_table(
        "days_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["members.id"], name=op.f("fk_days_off_created_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_days_off_member_id_members")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_days_off_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_days_off")),
    )
    op.create_index("ix_days_off_member", "days_off", ["member_id", "first_day"])
    team_ids = [row[0] for row in op.get_bind().execute(sa.text("SELECT id FROM teams"))]
    now = datetime.now(UTC)
    op.bulk_insert(
        rules,
        [
            {
                "team_id": team_id,
                "metric": metric,
                "lower": lower,
                "goal": goal,
                "role": "sdr",
                "created_at": now,
            }
            for team_id in team_ids
            for metric, lower, goal in ARTICLE_SDR_PLAN
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_days_off_member", table_name="days_off")
    op.drop_table("days_off")
    op.drop_index("ix_plan_rules_team", table_name="plan_rules")
    op.drop_table("plan_rules")
