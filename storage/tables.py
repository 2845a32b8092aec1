"""SQLAlchemy Core tables. Every change here is also an Alembic migration.

Instants are stored as naive UTC (``UTCDateTime``) so SQLite and PostgreSQL
behave alike; dates that belong to a team's calendar are stored as plain
``Date`` columns computed in the team's time zone when a record is written, so
no query needs a dialect-specific date function.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC ``datetime`` in Python, a naive UTC timestamp in the database."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


teams = sa.Table(
    "teams",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    # ISO weekdays that are working days, e.g. "12345" for Monday to Friday.
    sa.Column("workdays", sa.String(7), nullable=False, server_default="12345"),
    sa.Column("digest_time", sa.String(5), nullable=False, server_default="19:00"),
    sa.Column("currency", sa.String(3), nullable=False, server_default="RUB"),
    sa.Column("manager_chat_id", sa.BigInteger, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

members = sa.Table(
    "members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("tg_user_id", sa.BigInteger, nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("username", sa.String(64), nullable=True),
    # The member's own choice (/lang); NULL means "follow Telegram, then the team".
    sa.Column("language", sa.String(8), nullable=True),
    sa.Column("tg_language", sa.String(16), nullable=True),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    # The invite the member joined with (no FK: invites reference members too).
    sa.Column("joined_via", sa.Integer, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("team_id", "tg_user_id", name="uq_members_team_user"),
)
sa.Index("ix_members_tg_user_id", members.c.tg_user_id)

member_roles = sa.Table(
    "member_roles",
    metadata,
    sa.Column(
        "member_id", sa.Integer, sa.ForeignKey("members.id"), primary_key=True, nullable=False
    ),
    sa.Column("role", sa.String(16), primary_key=True, nullable=False),
)

invites = sa.Table(
    "invites",
    metadata,
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
sa.Index("ix_invites_team_id", invites.c.team_id)

# Durable de-duplication of Telegram updates: an update id is inserted in the
# same transaction as whatever the update wrote, so a re-delivered update is
# recognised and skipped.
processed_updates = sa.Table(
    "processed_updates",
    metadata,
    sa.Column("bot_id", sa.BigInteger, primary_key=True, nullable=False, autoincrement=False),
    sa.Column("update_id", sa.BigInteger, primary_key=True, nullable=False, autoincrement=False),
    sa.Column("processed_at", UTCDateTime, nullable=False),
)
sa.Index("ix_processed_updates_processed_at", processed_updates.c.processed_at)
