"""Meeting events by kind and day (then team, void mark, meeting): the events of some
kinds over a run of days are read from this index alone.

A trend counts the meetings held over twelve weeks: the held events, not every event of
those weeks from the table. A cohort finds the meetings set in a period: the set events
of those days, where without statistics (no ANALYZE) SQLite would otherwise walk every
meeting of the team. Kind first, so that the queries that name no kind (a report, every
kind over a month) keep ix_meeting_events_team_day; day before team, so that a query
that names a kind and no team (the cohort's set events) is a range of days.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_meeting_events_kind_day",
        "meeting_events",
        ["kind", "day", "team_id", "voided_at", "meeting_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_meeting_events_kind_day", table_name="meeting_events")
