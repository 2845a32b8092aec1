"""Feeds: agents linked to members, events held for unknown agents, calls-from-telephony mode.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("calls_mode", sa.String(length=16), server_default="manual", nullable=False)
        )
    op.create_table(
        "agent_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("agent", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["members.id"], name=op.f("fk_agent_links_created_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_agent_links_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_agent_links_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_links")),
        sa.UniqueConstraint("team_id", "agent", name="uq_agent_links_team_agent"),
    )
    op.create_table(
        "held_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("agent", sa.String(length=64), nullable=True),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_held_events_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_events")),
        sa.UniqueConstraint("team_id", "provider", "external_id", name="uq_held_events_team_event"),
    )
    op.create_index("ix_held_events_agent", "held_events", ["team_id", "agent"])


def downgrade() -> None:
    op.drop_index("ix_held_events_agent", table_name="held_events")
    op.drop_table("held_events")
    op.drop_table("agent_links")
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.drop_column("calls_mode")
