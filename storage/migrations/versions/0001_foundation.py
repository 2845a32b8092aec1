"""Foundation: teams, members and their roles, invites, processed updates.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("workdays", sa.String(7), nullable=False, server_default="12345"),
        sa.Column("digest_time", sa.String(5), nullable=False, server_default="19:00"),
        sa.Column("currency", sa.String(3), nullable=False, server_default="RUB"),
        sa.Column("manager_chat_id", sa.BigInteger, nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("tg_user_id", sa.BigInteger, nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("username", sa.String(64), nullable=True),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("tg_language", sa.String(16), nullable=True),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("joined_via", sa.Integer, nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("team_id", "tg_user_id", name="uq_members_team_user"),
    )
    op.create_index("ix_members_tg_user_id", "members", ["tg_user_id"])
    op.create_table(
        "member_roles",
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
    )
    op.create_table(
        "invites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
        sa.Column("revoked_at", UTCDateTime, nullable=True),
        sa.Column("revoked_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    )
    op.create_index("ix_invites_team_id", "invites", ["team_id"])
    op.create_table(
        "processed_updates",
        sa.Column("bot_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("update_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("processed_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_processed_updates_processed_at", "processed_updates", ["processed_at"])


def downgrade() -> None:
    op.drop_index("ix_processed_updates_processed_at", table_name="processed_updates")
    op.drop_table("processed_updates")
    op.drop_index("ix_invites_team_id", table_name="invites")
    op.drop_table("invites")
    op.drop_table("member_roles")
    op.drop_index("ix_members_tg_user_id", table_name="members")
    op.drop_table("members")
    op.drop_table("teams")
