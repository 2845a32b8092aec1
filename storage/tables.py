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
    # may reps name a source that is not on the team's list? (managers decide)
    sa.Column("free_sources", sa.Boolean, nullable=False, server_default=sa.false()),
    # may reps see /top? (public ranking is a known anti-pattern: off by default)
    sa.Column("reps_see_top", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", UTCDateTime, nullable=False),
    # "HH:MM" team-local: the private nudge to reps who logged nothing; NULL = off
    sa.Column("nudge_time", sa.String(5), nullable=True),
    # "HH:MM" team-local: the managers' mid-day pace alert; NULL = off
    sa.Column("pace_time", sa.String(5), nullable=True),
    # "manual": reps log calls; "telephony": calls come only from the telephony feed
    sa.Column("calls_mode", sa.String(16), nullable=False, server_default="manual"),
    # the secret of the office TV's read-only board link (/tv); NULL = no link
    sa.Column("tv_token", sa.String(64), nullable=True, unique=True),
    # the /setup wizard: NULL = never started, "done" = finished, else the step to resume at
    sa.Column("setup_step", sa.String(32), nullable=True),
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
    # a manager's /digest me: a private copy of every digest
    sa.Column("digest_private", sa.Boolean, nullable=False, server_default=sa.false()),
    # set when Telegram answers 403 (blocked the bot); cleared when they write again
    sa.Column("unreachable_at", UTCDateTime, nullable=True),
    # /optout: False hides the member from every public ranking (their numbers still count)
    sa.Column("public_ranking", sa.Boolean, nullable=False, server_default=sa.true()),
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


# --- Records (METRICS.md section 2) -----------------------------------------
#
# Every record has ``occurred_at`` (UTC) and ``day`` (its calendar date in the
# team's time zone, computed when written). Records are append-only: undo marks
# them void (``voided_at``/``voided_by``) and void records count nowhere.
# ``entry_id`` groups the records one user action wrote, so that action can be
# undone as a whole; ``origin`` says where a record came from (``manual``,
# ``import``, later ``telephony:<provider>``...); ``external_id`` is the id in
# the source system, unique per team and table, so a re-import adds nothing.

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("name", sa.String(64), nullable=False),
    # casefolded name: what matching compares
    sa.Column("key", sa.String(64), nullable=False),
    sa.Column("merged_into", sa.Integer, sa.ForeignKey("sources.id"), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("team_id", "key", name="uq_sources_team_key"),
)

source_aliases = sa.Table(
    "source_aliases",
    metadata,
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), primary_key=True),
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
)

entries = sa.Table(
    "entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    # whose entry it is (the member it is credited to / who may undo it)
    sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    # who typed it (a manager may log for someone else; an import has its runner)
    sa.Column("created_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("origin", sa.String(32), nullable=False, server_default="manual"),
    sa.Column("details", sa.JSON, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("voided_at", UTCDateTime, nullable=True),
    sa.Column("voided_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
)
sa.Index("ix_entries_member_created", entries.c.member_id, entries.c.created_at)
sa.Index("ix_entries_team_created", entries.c.team_id, entries.c.created_at)


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id"), nullable=True),
        sa.Column("occurred_at", UTCDateTime, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("origin", sa.String(32), nullable=False, server_default="manual"),
        sa.Column("external_id", sa.String(128), nullable=True),
        sa.Column("voided_at", UTCDateTime, nullable=True),
        sa.Column("voided_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    ]


calls = sa.Table(
    "calls",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    # this row stands for ``count`` calls of ``duration_s`` seconds each
    sa.Column("duration_s", sa.Integer, nullable=False),
    sa.Column("count", sa.Integer, nullable=False, server_default="1"),
    sa.Column("direction", sa.String(3), nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=True),
    sa.Column("client", sa.String(200), nullable=True),
    *_record_columns(),
    sa.UniqueConstraint("team_id", "external_id", name="uq_calls_team_external"),
    sa.CheckConstraint("duration_s >= 0", name="duration_non_negative"),
    sa.CheckConstraint("count >= 1", name="count_positive"),
)
sa.Index("ix_calls_team_day", calls.c.team_id, calls.c.day)
sa.Index("ix_calls_member_day", calls.c.member_id, calls.c.day)

leads = sa.Table(
    "leads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=True),
    # 'targeted' | 'non_targeted' | NULL (not qualified yet)
    sa.Column("qualification", sa.String(16), nullable=True),
    sa.Column("client", sa.String(200), nullable=True),
    *_record_columns(),
    sa.UniqueConstraint("team_id", "external_id", name="uq_leads_team_external"),
)
sa.Index("ix_leads_team_day", leads.c.team_id, leads.c.day)
sa.Index("ix_leads_member_day", leads.c.member_id, leads.c.day)

meetings = sa.Table(
    "meetings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("setter_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    # the hunter named when it was set
    sa.Column("named_hunter_id", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    # the meeting's hunter: who marked it held, else the one named
    sa.Column("hunter_id", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=True),
    sa.Column("client", sa.String(200), nullable=True),
    sa.Column("scheduled_at", UTCDateTime, nullable=True),
    # current state from its non-void events: set|confirmed|held|cancelled|no_show|void
    sa.Column("status", sa.String(16), nullable=False),
    # the meeting's id in an imported file (meeting_ref), unique per team
    sa.Column("external_ref", sa.String(128), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("team_id", "external_ref", name="uq_meetings_team_ref"),
)
sa.Index("ix_meetings_setter", meetings.c.setter_id)
sa.Index("ix_meetings_hunter", meetings.c.hunter_id)

meeting_events = sa.Table(
    "meeting_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=False),
    # set | confirmed | held | cancelled | no_show
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("actor_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    *_record_columns(),
    sa.UniqueConstraint("team_id", "external_id", name="uq_meeting_events_team_external"),
)
sa.Index("ix_meeting_events_team_day", meeting_events.c.team_id, meeting_events.c.day)
# the events of some kinds over a run of days (a trend's meetings held, a cohort's set
# events) from the index alone: kind first, so a query that names no kind (a report) keeps
# the index above; day before team for the cohort's set events (migration 0010)
sa.Index(
    "ix_meeting_events_kind_day",
    meeting_events.c.kind,
    meeting_events.c.day,
    meeting_events.c.team_id,
    meeting_events.c.voided_at,
    meeting_events.c.meeting_id,
)
sa.Index("ix_meeting_events_meeting", meeting_events.c.meeting_id)

payments = sa.Table(
    "payments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # 'new' (of a meeting) | 'repeat' (existing client, farmer)
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("amount", sa.Numeric(16, 2), nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=True),
    sa.Column("client", sa.String(200), nullable=True),
    # who recorded it (for a repeat payment: the farmer it is credited to)
    sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    *_record_columns(),
    sa.UniqueConstraint("team_id", "external_id", name="uq_payments_team_external"),
    sa.CheckConstraint("amount > 0", name="amount_positive"),
)
sa.Index("ix_payments_team_day", payments.c.team_id, payments.c.day)
sa.Index("ix_payments_meeting", payments.c.meeting_id)
# each meeting's first `new` payment, read from the index alone
sa.Index(
    "ix_payments_first",
    payments.c.meeting_id,
    payments.c.kind,
    payments.c.voided_at,
    payments.c.occurred_at,
    payments.c.day,
)

proposals = sa.Table(
    "proposals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=True),
    *_record_columns(),
    sa.UniqueConstraint("team_id", "external_id", name="uq_proposals_team_external"),
)
sa.Index("ix_proposals_team_day", proposals.c.team_id, proposals.c.day)


# --- Rollups -------------------------------------------------------------------
#
# A year of a 100-rep team is ~5 million calls; the reports read calls per day
# from this rollup instead (a few thousand rows a month). It is derived data:
# storage.rollups refreshes the (member, day) rows every write touches, in the
# same transaction, and rebuilds it whole when MIN_CALL_SECONDS changes.

call_days = sa.Table(
    "call_days",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=True),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("calls_total", sa.Integer, nullable=False),
    # calls of at least rollup_state["call_days_threshold"] seconds
    sa.Column("calls_long", sa.Integer, nullable=False),
    sa.Column("seconds", sa.BigInteger, nullable=False),
)
sa.Index("ix_call_days_team_day", call_days.c.team_id, call_days.c.day)
sa.Index("ix_call_days_member_day", call_days.c.member_id, call_days.c.day)

rollup_state = sa.Table(
    "rollup_state",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)


# --- Plans (METRICS.md section 5) -------------------------------------------------
#
# A rule is a daily target (lower..goal) of one metric, for a role (the team's
# default) or for one member (an override), optionally for one ISO weekday.
# The most specific rule in force wins (metrics.plans.daily_target); setting a
# rule replaces the one with the same scope.

plan_rules = sa.Table(
    "plan_rules",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("metric", sa.String(48), nullable=False),
    sa.Column("lower", sa.Numeric(16, 2), nullable=False),
    sa.Column("goal", sa.Numeric(16, 2), nullable=False),
    sa.Column("role", sa.String(16), nullable=True),
    sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("weekday", sa.Integer, nullable=True),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)
sa.Index("ix_plan_rules_team", plan_rules.c.team_id)

days_off = sa.Table(
    "days_off",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    sa.Column("first_day", sa.Date, nullable=False),
    sa.Column("last_day", sa.Date, nullable=False),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)
sa.Index("ix_days_off_member", days_off.c.member_id, days_off.c.first_day)

# A new member's ramp (issue 17): their plan rises from 50 % on ``start_day`` (the day
# they joined, team-local) to 100 % ``weeks`` weeks later (metrics.ramp). One per member.
member_ramps = sa.Table(
    "member_ramps",
    metadata,
    sa.Column(
        "member_id", sa.Integer, sa.ForeignKey("members.id"), primary_key=True, nullable=False
    ),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("start_day", sa.Date, nullable=False),
    sa.Column("weeks", sa.Integer, nullable=False),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)
sa.Index("ix_member_ramps_team", member_ramps.c.team_id)

# A suggested plan (/setplan ... suggest) waiting for its Apply / Cancel button: the
# button carries only the id. ``resolution`` (applied | cancelled) is set once, by the
# first tap; a later tap finds it set and changes nothing.
plan_suggestions = sa.Table(
    "plan_suggestions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("metric", sa.String(48), nullable=False),
    sa.Column("role", sa.String(16), nullable=True),
    sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("lower", sa.Numeric(16, 2), nullable=False),
    sa.Column("goal", sa.Numeric(16, 2), nullable=False),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("resolution", sa.String(16), nullable=True),
    sa.Column("resolved_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("resolved_at", UTCDateTime, nullable=True),
)


# --- Scheduled digests (issue 5) ---------------------------------------------
#
# One row per digest (or nudge round) a team is owed: claimed (inserted) before
# anything is sent, so the unique key makes it go out at most once, also across
# restarts. ``status``: sending -> sent | failed; missed (the bot was down past
# the grace window); interrupted (the process died while sending).

digest_runs = sa.Table(
    "digest_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),  # day | week | month | nudge
    sa.Column("period_start", sa.Date, nullable=False),
    sa.Column("period_end", sa.Date, nullable=False),
    sa.Column("scheduled_for", UTCDateTime, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("claimed_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime, nullable=True),
    sa.Column("detail", sa.String(500), nullable=True),
    sa.UniqueConstraint("team_id", "kind", "period_start", name="uq_digest_runs_key"),
)


# --- Feeds (issue 7) -----------------------------------------------------------
#
# A telephony or CRM event names its "agent" (an extension, a phone number, a
# CRM user id); ``agent_links`` says which member that is. An event for an agent
# nobody is linked to is kept in ``held_events`` (nothing lost) until a manager
# links the agent, and is then recorded for that member.

agent_links = sa.Table(
    "agent_links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("agent", sa.String(64), nullable=False),
    sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("team_id", "agent", name="uq_agent_links_team_agent"),
)

held_events = sa.Table(
    "held_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("provider", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),  # call | crm
    sa.Column("external_id", sa.String(128), nullable=False),
    sa.Column("agent", sa.String(64), nullable=True),
    sa.Column("occurred_at", UTCDateTime, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("resolved_at", UTCDateTime, nullable=True),
    sa.UniqueConstraint("team_id", "provider", "external_id", name="uq_held_events_team_event"),
)
sa.Index("ix_held_events_agent", held_events.c.team_id, held_events.c.agent)


# --- Leases (issue 8) -------------------------------------------------------------
#
# Several bot instances may share one database; only the holder of the
# "scheduler" lease runs scheduled jobs. A lease is renewed well before it
# expires; when its holder dies, another instance takes it once it has expired.

leases = sa.Table(
    "leases",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("holder", sa.String(128), nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
)


# --- The scorecard (issue 17) ----------------------------------------------------------
#
# The weight of a metric in the score of a role's reps (metrics.score): one row per
# (team, role, metric) a manager set with /setweight; a pair without a row has its
# default (3 for the role's main indicator, 1 for the others). 0 leaves the metric out.

score_weights = sa.Table(
    "score_weights",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("metric", sa.String(48), nullable=False),
    sa.Column("weight", sa.Numeric(6, 2), nullable=False),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("team_id", "role", "metric", name="uq_score_weights_key"),
)


# --- Action items (issue 17, item 5) ----------------------------------------------
#
# A finding of the diagnosis someone took on: who owns it, the check to make (a catalog
# key and its values, so each reader sees it in their language), the metric and subject
# it watches, the number it must recover to, and when it is due. ``open_key`` is set
# while the item is open and cleared when it closes: its unique constraint keeps one open
# item per subject, situation and metric (NULLs never collide, on SQLite and PostgreSQL).

action_items = sa.Table(
    "action_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    sa.Column("subject_kind", sa.String(16), nullable=False),  # team | source | member
    # the team's id, the source's id (NULL: records without a source), the member's id
    sa.Column("subject_id", sa.Integer, nullable=True),
    sa.Column("subject_name", sa.String(200), nullable=True),  # as it was when taken
    sa.Column("situation", sa.Integer, nullable=False),  # 1 | 2 | 3 (METRICS.md section 6)
    sa.Column("metric", sa.String(48), nullable=False),
    sa.Column("check_key", sa.String(64), nullable=False),
    sa.Column("check_params", sa.JSON, nullable=False),
    # baseline: the subject's own baseline; plan: the plan's lower bound (behind plan)
    sa.Column("reference", sa.String(16), nullable=False),
    sa.Column("baseline", sa.Float, nullable=False),
    sa.Column("value_at_creation", sa.Float, nullable=True),  # NULL: an undefined ratio
    # the stretch the diagnosis measured (its working days scale a count's baseline)
    sa.Column("period_start", sa.Date, nullable=False),
    sa.Column("period_end", sa.Date, nullable=False),
    sa.Column("baseline_days", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("due_day", sa.Date, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # open | done | auto_closed
    sa.Column("closed_at", UTCDateTime, nullable=True),
    sa.Column("closed_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("open_key", sa.String(120), nullable=True),
    sa.UniqueConstraint("open_key", name="uq_action_items_open_key"),
)
sa.Index("ix_action_items_team_status", action_items.c.team_id, action_items.c.status)


# --- Races (issue 17, item 4) ------------------------------------------------------
#
# A team race toward a team total of one count or money metric, from ``starts_on`` to
# ``ends_on`` (team-local days, both included); ``stopped_at`` when a manager ended it
# early. Each announcement to the team chat (a milestone "50", "100", "150" or the
# "result") is claimed in ``race_milestones`` before it is sent: the key (race, mark)
# makes it go out at most once, across restarts too.

races = sa.Table(
    "races",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("metric", sa.String(48), nullable=False),
    sa.Column("target", sa.Numeric(16, 2), nullable=False),
    sa.Column("starts_on", sa.Date, nullable=False),
    sa.Column("ends_on", sa.Date, nullable=False),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("stopped_at", UTCDateTime, nullable=True),
    sa.Column("stopped_by", sa.Integer, sa.ForeignKey("members.id"), nullable=True),
    sa.CheckConstraint("target > 0", name="target_positive"),
)
sa.Index("ix_races_team", races.c.team_id, races.c.ends_on)

race_milestones = sa.Table(
    "race_milestones",
    metadata,
    sa.Column("race_id", sa.Integer, sa.ForeignKey("races.id"), primary_key=True),
    # "50" | "100" | "150" (percent of the target) | "result"
    sa.Column("mark", sa.String(8), primary_key=True),
    # sending -> sent | unreachable | failed; skipped (a higher one was announced instead);
    # no_chat (the team had no chat)
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("claimed_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime, nullable=True),
    sa.Column("detail", sa.String(500), nullable=True),
)
