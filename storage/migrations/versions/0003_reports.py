"""Reports: the /top visibility flag, the per-day calls rollup, a first-payment index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reps_see_top", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "call_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("calls_total", sa.Integer(), nullable=False),
        sa.Column("calls_long", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_call_days_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_call_days_source_id_sources")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_call_days_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_days")),
    )
    op.create_index("ix_call_days_team_day", "call_days", ["team_id", "day"])
    op.create_index("ix_call_days_member_day", "call_days", ["member_id", "day"])
    op.create_table(
        "rollup_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rollup_state")),
    )
    op.create_index(
        "ix_payments_first", "payments", ["meeting_id", "kind", "voided_at", "occurred_at", "day"]
    )


def downgrade() -> None:
    op.drop_index("ix_payments_first", table_name="payments")
    op.drop_table("rollup_state")
    op.drop_index("ix_call_days_member_day", table_name="call_days")
    op.drop_index("ix_call_days_team_day", table_name="call_days")
    op.drop_table("call_days")
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.drop_column("reps_see_top")
