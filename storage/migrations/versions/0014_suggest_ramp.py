"""Coaching (issue 17): new members' ramps (/ramp) and suggested plans waiting for their
Apply / Cancel button (/setplan ... suggest).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "member_ramps",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["members.id"], name=op.f("fk_member_ramps_created_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_member_ramps_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_member_ramps_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_member_ramps")),
    )
    op.create_index("ix_member_ramps_team", "member_ramps", ["team_id"])
    op.create_table(
        "plan_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=48), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("lower", sa.Numeric(16, 2), nullable=False),
        sa.Column("goal", sa.Numeric(16, 2), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("resolution", sa.String(length=16), nullable=True),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["members.id"], name=op.f("fk_plan_suggestions_created_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_plan_suggestions_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by"], ["members.id"], name=op.f("fk_plan_suggestions_resolved_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_plan_suggestions_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_suggestions")),
    )


def downgrade() -> None:
    op.drop_table("plan_suggestions")
    op.drop_index("ix_member_ramps_team", table_name="member_ramps")
    op.drop_table("member_ramps")
