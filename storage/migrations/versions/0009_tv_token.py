"""The office TV's read-only board link: a secret token per team (/tv, /tv revoke).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tv_token", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_teams_tv_token"), ["tv_token"])


def downgrade() -> None:
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_teams_tv_token"), type_="unique")
        batch_op.drop_column("tv_token")
