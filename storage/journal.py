"""The journal: writing and voiding the records of section 2 of METRICS.md.

Each function takes an open write transaction (the caller commits) and plain
values, checks the domain rules, writes one *entry* (the unit a user can undo)
with its records, and returns an :class:`Entry`. A rule that forbids the action
raises :class:`Refused` with a code the handlers turn into a message.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from metrics.lifecycle import LifecycleError, next_status, replay
from storage.models import Member, Team
from storage.repos import utcnow
from storage.rollups import refresh_call_days, refresh_call_days_of_entry
from storage.tables import (
    calls,
    entries,
    leads,
    meeting_events,
    meetings,
    payments,
    proposals,
    sources,
)

UNDO_WINDOW = timedelta(hours=24)


@functools.cache
def _insert(table: sa.Table) -> sa.Insert:
    """The table's INSERT, built once and run with a dict of values: SQLAlchemy finds it
    compiled by the statement's remembered cache key, instead of making a bound parameter
    of every value and a cache key of the whole (``.values(...)``: a tenth of the event
    loop's time when logging under load, issue 19)."""
    return table.insert()


# entries that carry many records at once (a file import, the demo history)
BULK_KINDS = frozenset({"import", "demo"})
RECORD_TABLES = (calls, leads, meeting_events, payments, proposals)


class Refused(Exception):
    """A domain rule forbids the action; ``code`` names the rule, ``values`` the details."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    team_id: int
    member_id: int | None
    created_by: int | None
    kind: str
    origin: str
    details: dict[str, Any]
    created_at: datetime
    voided_at: datetime | None
    voided_by: int | None

    @property
    def void(self) -> bool:
        return self.voided_at is not None


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    team_id: int
    setter_id: int
    named_hunter_id: int | None
    hunter_id: int | None
    source_id: int | None
    source: str | None
    client: str | None
    scheduled_at: datetime | None
    status: str
    set_at: datetime | None = None
    last_step_at: datetime | None = None
    held_at: datetime | None = None
    paid_total: Decimal = field(default=Decimal(0))

    def involves(self, member_id: int) -> bool:
        return member_id in {self.setter_id, self.named_hunter_id, self.hunter_id}


def local_day(team: Team, instant: datetime) -> date:
    """The calendar date of ``instant`` in the team's time zone."""
    return instant.astimezone(ZoneInfo(team.timezone)).date()


def instant_on(team: Team, day: date | None, now: datetime) -> datetime:
    """When a record logged at ``now`` for ``day`` happened: now for today (or no
    day given), else the same local time of day on that (earlier) day."""
    zone = ZoneInfo(team.timezone)
    local_now = now.astimezone(zone)
    if day is None or day == local_now.date():
        return now
    return datetime.combine(day, local_now.time().replace(tzinfo=None), tzinfo=zone)


def _entry(row: sa.Row) -> Entry:
    return Entry(
        id=row.id,
        team_id=row.team_id,
        member_id=row.member_id,
        created_by=row.created_by,
        kind=row.kind,
        origin=row.origin,
        details=dict(row.details),
        created_at=row.created_at,
        voided_at=row.voided_at,
        voided_by=row.voided_by,
    )


async def _new_entry(
    conn: AsyncConnection,
    team: Team,
    member_id: int | None,
    kind: str,
    details: dict[str, Any],
    *,
    created_by: int | None,
    origin: str = "manual",
) -> Entry:
    now = utcnow()
    result = await conn.execute(
        _insert(entries),
        dict(
            team_id=team.id,
            member_id=member_id,
            created_by=created_by,
            kind=kind,
            origin=origin,
            details=details,
            created_at=now,
        ),
    )
    return Entry(
        id=result.inserted_primary_key[0],
        team_id=team.id,
        member_id=member_id,
        created_by=created_by,
        kind=kind,
        origin=origin,
        details=details,
        created_at=now,
        voided_at=None,
        voided_by=None,
    )


def _record(team: Team, entry: Entry, occurred_at: datetime, origin: str = "manual") -> dict:
    return {
        "team_id": team.id,
        "entry_id": entry.id,
        "occurred_at": occurred_at,
        "day": local_day(team, occurred_at),
        "origin": origin,
    }


async def source_name(conn: AsyncConnection, source_id: int | None) -> str | None:
    if source_id is None:
        return None
    return (await conn.execute(sa.select(sources.c.name).where(sources.c.id == source_id))).scalar()


# --- calls -------------------------------------------------------------------


async def log_call(
    conn: AsyncConnection,
    team: Team,
    member: Member,
    *,
    duration_s: int,
    direction: str,
    occurred_at: datetime,
    source_id: int | None = None,
    client: str | None = None,
    created_by: Member | None = None,
) -> Entry:
    """One call of ``duration_s`` seconds."""
    details = {
        "duration_s": duration_s,
        "direction": direction,
        "source": await source_name(conn, source_id),
        "client": client,
        "day": local_day(team, occurred_at).isoformat(),
    }
    entry = await _new_entry(
        conn, team, member.id, "call", details, created_by=(created_by or member).id
    )
    await conn.execute(
        _insert(calls),
        dict(
            member_id=member.id,
            duration_s=duration_s,
            count=1,
            direction=direction,
            source_id=source_id,
            client=client,
            **_record(team, entry, occurred_at),
        ),
    )
    await refresh_call_days(conn, team.id, [(member.id, local_day(team, occurred_at))])
    return entry


def split_bulk(count: int, total_seconds: int) -> list[tuple[int, int]]:
    """``count`` calls lasting ``total_seconds`` together, as (n, seconds each) rows
    whose sum is exact: 80 calls in 250 min -> [(40, 188), (40, 187)].

    >>> split_bulk(80, 250 * 60)
    [(40, 188), (40, 187)]
    >>> split_bulk(3, 540)
    [(3, 180)]
    """
    each, extra = divmod(total_seconds, count)
    rows = [(extra, each + 1), (count - extra, each)]
    return [(n, seconds) for n, seconds in rows if n]


async def log_calls_bulk(
    conn: AsyncConnection,
    team: Team,
    member: Member,
    *,
    count: int,
    total_seconds: int,
    occurred_at: datetime,
    created_by: Member | None = None,
) -> Entry:
    """An end-of-day summary: ``count`` calls of at least a minute, ``total_seconds`` in all."""
    details = {
        "count": count,
        "total_seconds": total_seconds,
        "day": local_day(team, occurred_at).isoformat(),
    }
    entry = await _new_entry(
        conn, team, member.id, "calls", details, created_by=(created_by or member).id
    )
    await conn.execute(
        calls.insert(),
        [
            {
                "member_id": member.id,
                "duration_s": seconds,
                "count": n,
                "direction": "out",
                **_record(team, entry, occurred_at),
            }
            for n, seconds in split_bulk(count, total_seconds)
        ],
    )
    await refresh_call_days(conn, team.id, [(member.id, local_day(team, occurred_at))])
    return entry


# --- leads -------------------------------------------------------------------


async def log_lead(
    conn: AsyncConnection,
    team: Team,
    member: Member,
    *,
    occurred_at: datetime,
    source_id: int | None = None,
    qualification: str | None = None,
    client: str | None = None,
    created_by: Member | None = None,
) -> Entry:
    entry = await _new_entry(
        conn, team, member.id, "lead", {}, created_by=(created_by or member).id
    )
    result = await conn.execute(
        _insert(leads),
        dict(
            member_id=member.id,
            source_id=source_id,
            qualification=qualification,
            client=client,
            **_record(team, entry, occurred_at),
        ),
    )
    details = {
        "lead_id": result.inserted_primary_key[0],
        "source": await source_name(conn, source_id),
        "qualification": qualification,
        "client": client,
        "day": local_day(team, occurred_at).isoformat(),
    }
    await conn.execute(entries.update().where(entries.c.id == entry.id).values(details=details))
    return Entry(**{**_as_dict(entry), "details": details})


def _as_dict(entry: Entry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in Entry.__slots__}


async def qualify_lead(
    conn: AsyncConnection, team: Team, member: Member, *, lead_id: int, qualification: str
) -> Entry:
    """Set (or change) the qualification of an earlier lead: its owner or a manager."""
    row = (
        await conn.execute(
            sa.select(leads).where(leads.c.id == lead_id, leads.c.team_id == team.id)
        )
    ).first()
    if row is None or row.voided_at is not None:
        raise Refused("lead_not_found", lead_id=lead_id)
    if row.member_id != member.id and not member.is_manager:
        raise Refused("lead_not_yours", lead_id=lead_id)
    details = {"lead_id": lead_id, "from": row.qualification, "to": qualification}
    entry = await _new_entry(
        conn, team, row.member_id, "lead_qualified", details, created_by=member.id
    )
    await conn.execute(
        leads.update().where(leads.c.id == lead_id).values(qualification=qualification)
    )
    return entry


# --- meetings ----------------------------------------------------------------


async def get_meeting(conn: AsyncConnection, team: Team, meeting_id: int) -> Meeting | None:
    query = (
        sa.select(meetings, sources.c.name.label("source_name"))
        .select_from(meetings.outerjoin(sources, sources.c.id == meetings.c.source_id))
        .where(meetings.c.id == meeting_id, meetings.c.team_id == team.id)
    )
    row = (await conn.execute(query)).first()
    if row is None:
        return None
    paid = (
        await conn.execute(
            sa.select(sa.func.coalesce(sa.func.sum(payments.c.amount), 0)).where(
                payments.c.meeting_id == meeting_id, payments.c.voided_at.is_(None)
            )
        )
    ).scalar()
    steps = {
        kind: at
        for kind, at in (
            await conn.execute(
                sa.select(meeting_events.c.kind, meeting_events.c.occurred_at).where(
                    meeting_events.c.meeting_id == meeting_id,
                    meeting_events.c.voided_at.is_(None),
                )
            )
        ).all()
    }
    return Meeting(
        id=row.id,
        team_id=row.team_id,
        setter_id=row.setter_id,
        named_hunter_id=row.named_hunter_id,
        hunter_id=row.hunter_id,
        source_id=row.source_id,
        source=row.source_name,
        client=row.client,
        scheduled_at=row.scheduled_at,
        status=row.status,
        set_at=steps.get("set"),
        last_step_at=max(steps.values()) if steps else None,
        held_at=steps.get("held"),
        paid_total=Decimal(paid),
    )


async def open_meetings(conn: AsyncConnection, team: Team, member_id: int) -> list[Meeting]:
    """Meetings set or confirmed where the member is the setter or the hunter."""
    ids = (
        await conn.execute(
            sa.select(meetings.c.id)
            .where(
                meetings.c.team_id == team.id,
                meetings.c.status.in_(("set", "confirmed")),
                sa.or_(
                    meetings.c.setter_id == member_id,
                    meetings.c.named_hunter_id == member_id,
                    meetings.c.hunter_id == member_id,
                ),
            )
            .order_by(sa.func.coalesce(meetings.c.scheduled_at, meetings.c.created_at))
            .limit(30)
        )
    ).scalars()
    found = [await get_meeting(conn, team, meeting_id) for meeting_id in ids]
    return [meeting for meeting in found if meeting is not None]


async def set_meeting(
    conn: AsyncConnection,
    team: Team,
    setter: Member,
    *,
    occurred_at: datetime,
    client: str | None,
    source_id: int | None = None,
    hunter: Member | None = None,
    scheduled_at: datetime | None = None,
    created_by: Member | None = None,
) -> tuple[Entry, Meeting]:
    result = await conn.execute(
        _insert(meetings),
        dict(
            team_id=team.id,
            setter_id=setter.id,
            named_hunter_id=hunter.id if hunter else None,
            hunter_id=hunter.id if hunter else None,
            source_id=source_id,
            client=client,
            scheduled_at=scheduled_at,
            status="set",
            created_at=utcnow(),
        ),
    )
    meeting_id = result.inserted_primary_key[0]
    details = {
        "meeting_id": meeting_id,
        "client": client,
        "source": await source_name(conn, source_id),
        "hunter": hunter.display_name if hunter else None,
        "scheduled_at": scheduled_at.isoformat() if scheduled_at else None,
        "day": local_day(team, occurred_at).isoformat(),
    }
    entry = await _new_entry(
        conn, team, setter.id, "meeting_set", details, created_by=(created_by or setter).id
    )
    await conn.execute(
        _insert(meeting_events),
        dict(
            meeting_id=meeting_id,
            kind="set",
            actor_id=setter.id,
            **_record(team, entry, occurred_at),
        ),
    )
    meeting = await get_meeting(conn, team, meeting_id)
    assert meeting is not None
    return entry, meeting


def may_act_on(meeting: Meeting, member: Member) -> bool:
    """The setter, the hunter (named or actual), or a manager; a hunter may take
    a meeting that has no hunter yet."""
    if member.is_manager or meeting.involves(member.id):
        return True
    return "hunter" in member.roles and meeting.named_hunter_id is None


async def meeting_to_act_on(
    conn: AsyncConnection, team: Team, member: Member, meeting_id: int
) -> Meeting:
    """The meeting a member is about to change: it must exist, not be void, and be
    theirs to act on (see :func:`may_act_on`)."""
    meeting = await get_meeting(conn, team, meeting_id)
    if meeting is None or meeting.status == "void":
        raise Refused("meeting_not_found", meeting_id=meeting_id)
    if not may_act_on(meeting, member):
        raise Refused("meeting_not_yours", meeting_id=meeting_id)
    return meeting


async def transition_meeting(
    conn: AsyncConnection,
    team: Team,
    member: Member,
    *,
    meeting_id: int,
    event: str,
    occurred_at: datetime,
) -> tuple[Entry, Meeting]:
    """confirmed | held | cancelled | no_show, with the lifecycle and access rules."""
    meeting = await meeting_to_act_on(conn, team, member, meeting_id)
    try:
        status = next_status(meeting.status, event)
    except LifecycleError as error:
        raise Refused(
            "meeting_lifecycle", meeting_id=meeting_id, current=error.current, event=event
        ) from None
    if meeting.last_step_at is not None and occurred_at < meeting.last_step_at:
        raise Refused(
            "meeting_step_too_early",
            meeting_id=meeting_id,
            last_day=local_day(team, meeting.last_step_at).isoformat(),
        )
    values: dict[str, Any] = {"status": status}
    hunter_id = meeting.hunter_id
    if event == "held":
        # the meeting's hunter: who marked it held, unless a setter or a manager
        # marks it for the hunter who was named
        acts_for_named = meeting.named_hunter_id is not None and (
            member.id == meeting.setter_id or ("hunter" not in member.roles)
        )
        hunter_id = meeting.named_hunter_id if acts_for_named else member.id
        values["hunter_id"] = hunter_id
    details = {
        "meeting_id": meeting_id,
        "client": meeting.client,
        "from": meeting.status,
        "day": local_day(team, occurred_at).isoformat(),
    }
    credited = hunter_id if event == "held" and hunter_id else member.id
    entry = await _new_entry(
        conn, team, credited, f"meeting_{event}", details, created_by=member.id
    )
    await conn.execute(
        _insert(meeting_events),
        dict(
            meeting_id=meeting_id,
            kind=event,
            actor_id=credited,
            **_record(team, entry, occurred_at),
        ),
    )
    await conn.execute(meetings.update().where(meetings.c.id == meeting_id).values(**values))
    updated = await get_meeting(conn, team, meeting_id)
    assert updated is not None
    return entry, updated


# --- payments and proposals --------------------------------------------------


async def record_new_payment(
    conn: AsyncConnection,
    team: Team,
    member: Member,
    *,
    meeting_id: int,
    amount: Decimal,
    occurred_at: datetime,
) -> tuple[Entry, Meeting]:
    """A sale to a new client, credited to the meeting's setter, hunter and source."""
    meeting = await meeting_to_act_on(conn, team, member, meeting_id)
    if meeting.status != "held":
        raise Refused("meeting_not_held", meeting_id=meeting_id, current=meeting.status)
    if meeting.held_at is not None and occurred_at < meeting.held_at:
        raise Refused(
            "payment_before_held",
            meeting_id=meeting_id,
            held_day=local_day(team, meeting.held_at).isoformat(),
        )
    details = {
        "kind": "new",
        "amount": str(amount),
        "currency": team.currency,
        "meeting_id": meeting_id,
        "client": meeting.client,
        "day": local_day(team, occurred_at).isoformat(),
    }
    entry = await _new_entry(conn, team, member.id, "payment", details, created_by=member.id)
    await conn.execute(
        _insert(payments),
        dict(
            kind="new",
            amount=amount,
            currency=team.currency,
            meeting_id=meeting_id,
            client=meeting.client,
            member_id=member.id,
            **_record(team, entry, occurred_at),
        ),
    )
    updated = await get_meeting(conn, team, meeting_id)
    assert updated is not None
    return entry, updated


async def record_repeat_payment(
    conn: AsyncConnection,
    team: Team,
    member: Member,
    *,
    client: str,
    amount: Decimal,
    occurred_at: datetime,
) -> Entry:
    """A sale to an existing client, credited to the member (a farmer)."""
    details = {
        "kind": "repeat",
        "amount": str(amount),
        "currency": team.currency,
        "client": client,
        "day": local_day(team, occurred_at).isoformat(),
    }
    entry = await _new_entry(conn, team, member.id, "payment", details, created_by=member.id)
    await conn.execute(
        _insert(payments),
        dict(
            kind="repeat",
            amount=amount,
            currency=team.currency,
            client=client,
            member_id=member.id,
            **_record(team, entry, occurred_at),
        ),
    )
    return entry


async def record_proposal(
    conn: AsyncConnection,
    team: Team,
    member: Member,
    *,
    occurred_at: datetime,
    meeting_id: int | None = None,
) -> Entry:
    client = None
    if meeting_id is not None:
        meeting = await meeting_to_act_on(conn, team, member, meeting_id)
        client = meeting.client
    details = {
        "meeting_id": meeting_id,
        "client": client,
        "day": local_day(team, occurred_at).isoformat(),
    }
    entry = await _new_entry(conn, team, member.id, "proposal", details, created_by=member.id)
    await conn.execute(
        _insert(proposals),
        dict(member_id=member.id, meeting_id=meeting_id, **_record(team, entry, occurred_at)),
    )
    return entry


# --- reading and voiding entries --------------------------------------------


async def get_entry(conn: AsyncConnection, team: Team, entry_id: int) -> Entry | None:
    row = (
        await conn.execute(
            sa.select(entries).where(entries.c.id == entry_id, entries.c.team_id == team.id)
        )
    ).first()
    return _entry(row) if row else None


async def recent_entries(
    conn: AsyncConnection, team: Team, member_id: int, limit: int = 10
) -> list[Entry]:
    """The member's latest entries (their own or credited to them), newest first."""
    rows = await conn.execute(
        sa.select(entries)
        .where(
            entries.c.team_id == team.id,
            sa.or_(entries.c.member_id == member_id, entries.c.created_by == member_id),
        )
        .order_by(entries.c.id.desc())
        .limit(limit)
    )
    return [_entry(row) for row in rows]


async def last_undoable(conn: AsyncConnection, team: Team, member: Member) -> Entry | None:
    """The member's newest entry that is not void, typed by them, within the undo window."""
    row = (
        await conn.execute(
            sa.select(entries)
            .where(
                entries.c.team_id == team.id,
                entries.c.created_by == member.id,
                entries.c.voided_at.is_(None),
                entries.c.origin == "manual",
                entries.c.created_at >= utcnow() - UNDO_WINDOW,
            )
            .order_by(entries.c.id.desc())
            .limit(1)
        )
    ).first()
    return _entry(row) if row else None


async def void_entry(conn: AsyncConnection, team: Team, member: Member, entry_id: int) -> Entry:
    """Mark an entry and its records void (append-only: nothing is deleted).

    The author may void their entry; a manager may void anyone's. A meeting
    step cannot be voided while later steps or payments of that meeting stand.
    """
    entry = await get_entry(conn, team, entry_id)
    if entry is None:
        raise Refused("entry_not_found", entry_id=entry_id)
    if entry.void:
        raise Refused("entry_already_void", entry_id=entry_id)
    if not member.is_manager and member.id not in {entry.created_by, entry.member_id}:
        raise Refused("entry_not_yours", entry_id=entry_id)
    now = utcnow()
    if entry.kind.startswith("meeting_"):
        await _void_meeting_step(conn, team, entry, member, now)
    elif entry.kind == "payment" and entry.details.get("meeting_id") is not None:
        pass  # a payment voids like any record; the meeting stays held
    elif entry.kind in BULK_KINDS:
        touched = await _check_bulk_void(conn, entry)
    elif entry.kind == "lead_qualified":
        await conn.execute(
            leads.update()
            .where(leads.c.id == entry.details["lead_id"])
            .values(qualification=entry.details.get("from"))
        )
    for table in RECORD_TABLES:
        await conn.execute(
            table.update()
            .where(table.c.entry_id == entry.id, table.c.voided_at.is_(None))
            .values(voided_at=now, voided_by=member.id)
        )
    await conn.execute(
        entries.update().where(entries.c.id == entry.id).values(voided_at=now, voided_by=member.id)
    )
    if entry.kind in BULK_KINDS:
        await conn.execute(
            meetings.update().where(meetings.c.id.in_(touched)).values(status="void")
        )
    await refresh_call_days_of_entry(conn, entry.id)
    voided = await get_entry(conn, team, entry.id)
    assert voided is not None
    return voided


async def _check_bulk_void(conn: AsyncConnection, entry: Entry) -> list[int]:
    """The meetings an import set; refuses while records outside it follow them."""
    touched = list(
        (
            await conn.execute(
                sa.select(meeting_events.c.meeting_id).where(
                    meeting_events.c.entry_id == entry.id, meeting_events.c.kind == "set"
                )
            )
        ).scalars()
    )
    if not touched:
        return []
    for table in (meeting_events, payments, proposals):
        other = (
            await conn.execute(
                sa.select(table.c.meeting_id)
                .where(
                    table.c.meeting_id.in_(touched),
                    table.c.voided_at.is_(None),
                    sa.or_(table.c.entry_id.is_(None), table.c.entry_id != entry.id),
                )
                .limit(1)
            )
        ).scalar()
        if other is not None:
            raise Refused("void_later_first", meeting_id=other)
    return touched


async def _void_meeting_step(
    conn: AsyncConnection, team: Team, entry: Entry, member: Member, now: datetime
) -> None:
    meeting_id = entry.details["meeting_id"]
    rows = (
        await conn.execute(
            sa.select(
                meeting_events.c.id,
                meeting_events.c.kind,
                meeting_events.c.entry_id,
                meeting_events.c.actor_id,
            )
            .where(meeting_events.c.meeting_id == meeting_id, meeting_events.c.voided_at.is_(None))
            .order_by(meeting_events.c.occurred_at, meeting_events.c.id)
        )
    ).all()
    mine = [row for row in rows if row.entry_id == entry.id]
    later = rows[rows.index(mine[0]) + 1 :] if mine else []
    paid = (
        await conn.execute(
            sa.select(sa.func.count()).where(
                payments.c.meeting_id == meeting_id, payments.c.voided_at.is_(None)
            )
        )
    ).scalar()
    if later or (paid and entry.kind in {"meeting_set", "meeting_held"}):
        raise Refused("void_later_first", meeting_id=meeting_id)
    remaining = [row for row in rows if row.entry_id != entry.id]
    status = replay(row.kind for row in remaining) or "void"
    values: dict[str, Any] = {"status": status}
    if entry.kind == "meeting_held":
        named = (
            await conn.execute(
                sa.select(meetings.c.named_hunter_id).where(meetings.c.id == meeting_id)
            )
        ).scalar()
        values["hunter_id"] = named
    await conn.execute(meetings.update().where(meetings.c.id == meeting_id).values(**values))


async def members_with_records(conn: AsyncConnection, team_id: int, day: date) -> set[int]:
    """The members who logged anything (not void) on ``day``: a call, a lead, a meeting
    step, a payment or a proposal."""
    queries = [
        sa.select(table.c.member_id).where(
            table.c.team_id == team_id, table.c.day == day, table.c.voided_at.is_(None)
        )
        for table in (calls, leads, payments, proposals)
    ]
    queries.append(
        sa.select(meeting_events.c.actor_id).where(
            meeting_events.c.team_id == team_id,
            meeting_events.c.day == day,
            meeting_events.c.voided_at.is_(None),
        )
    )
    rows = await conn.execute(sa.union(*queries))
    return {row[0] for row in rows}


async def today_counts(conn: AsyncConnection, team: Team, member_id: int, day: date) -> dict:
    """What a member logged on one day: calls, minutes, leads, meetings set and held."""
    calls_row = (
        await conn.execute(
            sa.select(
                sa.func.coalesce(sa.func.sum(calls.c.count), 0),
                sa.func.coalesce(sa.func.sum(calls.c.count * calls.c.duration_s), 0),
            ).where(calls.c.member_id == member_id, calls.c.day == day, calls.c.voided_at.is_(None))
        )
    ).one()
    lead_count = (
        await conn.execute(
            sa.select(sa.func.count()).where(
                leads.c.member_id == member_id, leads.c.day == day, leads.c.voided_at.is_(None)
            )
        )
    ).scalar()
    events = dict(
        (
            await conn.execute(
                sa.select(meeting_events.c.kind, sa.func.count())
                .where(
                    meeting_events.c.actor_id == member_id,
                    meeting_events.c.day == day,
                    meeting_events.c.voided_at.is_(None),
                    meeting_events.c.kind.in_(("set", "held")),
                )
                .group_by(meeting_events.c.kind)
            )
        ).all()
    )
    return {
        "calls": int(calls_row[0]),
        "minutes": round(int(calls_row[1]) / 60, 1),
        "leads": int(lead_count or 0),
        "set": int(events.get("set", 0)),
        "held": int(events.get("held", 0)),
    }
