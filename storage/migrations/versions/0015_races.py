"""Opt-in races (/race) and opting out of public rankings (/optout, /optin): the races,
the milestones announced for each (claimed before sending, so never twice), and the
members' ``public_ranking`` switch.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("public_ranking", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    op.create_table(
        "races",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=48), nullable=False),
        sa.Column("target", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("stopped_at", UTCDateTime(), nullable=True),
        sa.Column("stopped_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("target > 0", name=op.f("ck_races_target_positive")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["members.id"], name=op.f("fk_races_created_by_members")
        ),
        sa.ForeignKeyConstraint(
            ["stopped_by"], ["members.id"], name=op.f("fk_races_stopped_by_members")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_races_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_races")),
    )
    op.create_index("ix_races_team", "races", ["team_id", "ends_on"], unique=False)
    op.create_table(
        "race_milestones",
        sa.Column("race_id", sa.Integer(), nullable=False),
        sa.Column("mark", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("detail", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["race_id"], ["races.id"], name=op.f("fk_race_milestones_race_id_races")
        ),
        sa.PrimaryKeyConstraint("race_id", "mark", name=op.f("pk_race_milestones")),
    )


def downgrade() -> None:
    op.drop_table("race_milestones")
    op.drop_index("ix_races_team", table_name="races")
    op.drop_table("races")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("public_ranking")
