"""Action items taken from a diagnosis's findings (/actions; the weekly digest re-checks them).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "action_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("subject_name", sa.String(length=200), nullable=True),
        sa.Column("situation", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=48), nullable=False),
        sa.Column("check_key", sa.String(length=64), nullable=False),
        sa.Column("check_params", sa.JSON(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("baseline", sa.Float(), nullable=False),
        sa.Column("value_at_creation", sa.Float(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("baseline_days", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("due_day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("open_key", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_action_items_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["members.id"], name=op.f("fk_action_items_owner_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["members.id"], name=op.f("fk_action_items_created_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["closed_by"], ["members.id"], name=op.f("fk_action_items_closed_by_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_items")),
        sa.UniqueConstraint("open_key", name="uq_action_items_open_key"),
    )
    op.create_index(
        "ix_action_items_team_status", "action_items", ["team_id", "status"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_action_items_team_status", table_name="action_items")
    op.drop_table("action_items")
