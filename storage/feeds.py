"""Records nobody has to type: calls from telephony, leads and meetings from the CRM.

An event names its *agent* (an extension, a phone number, a CRM user id or a Telegram
id). :func:`resolve_agents` maps agents to members: a link made with ``/link`` first,
else a member whose Telegram id the agent is. An event whose agent is unknown is kept
in ``held_events`` (nothing is lost) and recorded when the agent is linked
(:func:`attribute_held`).

Each event is recorded once: its provider's id becomes the record's ``external_id``
(``<provider>:<id>``, unique per team and table), and a held event is unique by
(team, provider, id) too, so a webhook delivered again adds nothing. Calls refresh the
calls rollup (``call_days``) like every other writer of calls.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.journal import _new_entry, _record, local_day
from storage.models import Team
from storage.repos import utcnow
from storage.rollups import refresh_call_days
from storage.sources import SourceError, SourcesRepo
from storage.tables import (
    agent_links,
    calls,
    held_events,
    leads,
    meeting_events,
    meetings,
    members,
    payments,
)

TELEPHONY = "telephony"


@dataclass(frozen=True, slots=True)
class CallEvent:
    """One finished call, as reported by a telephony provider.

    ``occurred_at`` is aware and in UTC (when the call started); ``duration_s`` is the
    conversation in seconds (0 for an unanswered call); ``direction`` is ``"in"`` or
    ``"out"``; ``agent`` is who in the team took or made it (an extension, a phone number
    in digits, or a Telegram id, as text). The same ``external_id`` delivered again is the
    same call.
    """

    provider: str
    external_id: str
    occurred_at: datetime
    duration_s: int
    direction: str
    agent: str
    source: str | None = None
    client: str | None = None


@dataclass(frozen=True, slots=True)
class CrmEvent:
    """A new lead (``kind="lead"``) or a lead moved to a status (``kind="status"``).

    ``external_id`` is ``lead:{id}`` or ``status:{id}:{status_id}``; ``occurred_at`` is
    aware UTC; ``agent`` is the responsible user's id in the CRM, as text.
    """

    provider: str
    kind: str
    external_id: str
    lead_id: str
    occurred_at: datetime
    agent: str | None
    status_id: int | None
    pipeline_id: int | None
    price: Decimal | None
    name: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class Ingested:
    """What one delivery did: calls recorded, already known (re-delivered), held."""

    recorded: int = 0
    duplicates: int = 0
    held: int = 0


@dataclass(frozen=True, slots=True)
class HeldAgent:
    """Events waiting for an agent to be linked."""

    agent: str | None
    provider: str
    kind: str
    count: int
    first: datetime
    last: datetime


_AGENT_JUNK = re.compile(r"[\s\-()+.]")


def normalize_agent(text: str | int) -> str:
    """One spelling per agent: ``+7 (916) 123-45-67`` and ``89161234567`` -> ``79161234567``;
    an extension ``101`` stays ``101``; anything else is kept, trimmed and lower-cased.

    >>> normalize_agent("+7 (916) 123-45-67"), normalize_agent("8 916 123 45 67")
    ('79161234567', '79161234567')
    >>> normalize_agent(" 101 "), normalize_agent("Ivan.Petrov@Mango")
    ('101', 'ivan.petrov@mango')
    """
    raw = str(text).strip()
    digits = _AGENT_JUNK.sub("", raw)
    if digits.isdigit():
        if len(digits) == 11 and digits.startswith("8"):
            digits = "7" + digits[1:]
        return digits
    return raw.lower()


async def link_agent(
    conn: AsyncConnection, team_id: int, agent: str, member_id: int, created_by: int | None
) -> int | None:
    """Link ``agent`` to the member (moving it from whoever had it); returns the previous
    member id, or ``None``."""
    agent = normalize_agent(agent)
    previous = (
        await conn.execute(
            sa.select(agent_links.c.member_id).where(
                agent_links.c.team_id == team_id, agent_links.c.agent == agent
            )
        )
    ).scalar()
    if previous is not None:
        await conn.execute(
            agent_links.update()
            .where(agent_links.c.team_id == team_id, agent_links.c.agent == agent)
            .values(member_id=member_id, created_by=created_by, created_at=utcnow())
        )
    else:
        await conn.execute(
            agent_links.insert().values(
                team_id=team_id,
                agent=agent,
                member_id=member_id,
                created_by=created_by,
                created_at=utcnow(),
            )
        )
    return previous


async def unlink_agent(conn: AsyncConnection, team_id: int, agent: str) -> bool:
    result = await conn.execute(
        agent_links.delete().where(
            agent_links.c.team_id == team_id, agent_links.c.agent == normalize_agent(agent)
        )
    )
    return bool(result.rowcount)


async def links(conn: AsyncConnection, team_id: int) -> list[tuple[str, int]]:
    rows = await conn.execute(
        sa.select(agent_links.c.agent, agent_links.c.member_id)
        .where(agent_links.c.team_id == team_id)
        .order_by(agent_links.c.member_id, agent_links.c.agent)
    )
    return [(row.agent, row.member_id) for row in rows]


async def resolve_agents(
    conn: AsyncConnection, team_id: int, agents: Iterable[str]
) -> dict[str, int]:
    """Agent -> active member id, for the agents that are known."""
    wanted = {normalize_agent(a) for a in agents}
    if not wanted:
        return {}
    found: dict[str, int] = {}
    rows = await conn.execute(
        sa.select(agent_links.c.agent, agent_links.c.member_id)
        .join(members, members.c.id == agent_links.c.member_id)
        .where(
            agent_links.c.team_id == team_id,
            agent_links.c.agent.in_(wanted),
            members.c.active.is_(True),
        )
    )
    found.update((row.agent, row.member_id) for row in rows)
    telegram_ids = {int(a) for a in wanted - set(found) if a.isdigit() and len(a) <= 15}
    if telegram_ids:
        rows = await conn.execute(
            sa.select(members.c.tg_user_id, members.c.id).where(
                members.c.team_id == team_id,
                members.c.tg_user_id.in_(telegram_ids),
                members.c.active.is_(True),
            )
        )
        found.update((str(row.tg_user_id), row.id) for row in rows)
    return found


async def _existing(
    conn: AsyncConnection, team_id: int, provider: str, ids: Sequence[str]
) -> set[str]:
    """The provider ids already recorded as calls or held."""
    keys = [f"{provider}:{i}" for i in ids]
    known: set[str] = set()
    for chunk in range(0, len(keys), 500):
        part = keys[chunk : chunk + 500]
        rows = await conn.execute(
            sa.select(calls.c.external_id).where(
                calls.c.team_id == team_id, calls.c.external_id.in_(part)
            )
        )
        known.update(row.external_id.split(":", 1)[1] for row in rows)
        rows = await conn.execute(
            sa.select(held_events.c.external_id).where(
                held_events.c.team_id == team_id,
                held_events.c.provider == provider,
                held_events.c.external_id.in_(ids[chunk : chunk + 500]),
            )
        )
        known.update(row.external_id for row in rows)
    return known


async def _source_ids(
    conn: AsyncConnection, team_id: int, names: Iterable[str | None]
) -> dict[str, int]:
    """Source name -> id; a source the team does not know yet is added (not lost)."""
    repo = SourcesRepo(conn)
    found: dict[str, int] = {}
    for name in {n.strip() for n in names if n and n.strip()}:
        source = await repo.resolve(team_id, name)
        if source is None:
            try:
                source = await repo.add(team_id, name[:64])
            except SourceError:
                continue
        found[name] = source.id
    return found


async def _record_calls(
    conn: AsyncConnection, team: Team, by_member: dict[int, list[CallEvent]]
) -> int:
    """Insert the calls, one entry per member and provider, and refresh the rollup."""
    touched: set[tuple[int, date]] = set()
    sources = await _source_ids(
        conn, team.id, (e.source for events in by_member.values() for e in events)
    )
    recorded = 0
    for member_id, events in by_member.items():
        by_provider: dict[str, list[CallEvent]] = defaultdict(list)
        for event in events:
            by_provider[event.provider].append(event)
        for provider, group in by_provider.items():
            origin = f"{TELEPHONY}:{provider}"
            entry = await _new_entry(
                conn,
                team,
                member_id,
                TELEPHONY,
                {"provider": provider, "calls": len(group)},
                created_by=None,
                origin=origin,
            )
            await conn.execute(
                calls.insert(),
                [
                    {
                        "member_id": member_id,
                        "duration_s": e.duration_s,
                        "count": 1,
                        "direction": e.direction,
                        "source_id": sources.get((e.source or "").strip()),
                        "client": (e.client or None) and e.client[:200],
                        "external_id": f"{provider}:{e.external_id}",
                        **_record(team, entry, e.occurred_at, origin),
                    }
                    for e in group
                ],
            )
            recorded += len(group)
            touched.update((member_id, local_day(team, e.occurred_at)) for e in group)
    if touched:
        await refresh_call_days(conn, team.id, sorted(touched))
    return recorded


async def ingest_calls(conn: AsyncConnection, team: Team, events: Sequence[CallEvent]) -> Ingested:
    """Record the calls of known agents, hold the others, skip what was seen before."""
    if not events:
        return Ingested()
    unique: dict[tuple[str, str], CallEvent] = {}
    for event in events:
        unique.setdefault((event.provider, event.external_id), event)
    duplicates = len(events) - len(unique)
    fresh: list[CallEvent] = []
    by_provider: dict[str, list[CallEvent]] = defaultdict(list)
    for event in unique.values():
        by_provider[event.provider].append(event)
    for provider, group in by_provider.items():
        known = await _existing(conn, team.id, provider, [e.external_id for e in group])
        duplicates += sum(1 for e in group if e.external_id in known)
        fresh.extend(e for e in group if e.external_id not in known)
    agents = await resolve_agents(conn, team.id, (e.agent for e in fresh))
    by_member: dict[int, list[CallEvent]] = defaultdict(list)
    held = []
    for event in fresh:
        member_id = agents.get(normalize_agent(event.agent))
        if member_id is None:
            held.append(event)
        else:
            by_member[member_id].append(event)
    recorded = await _record_calls(conn, team, by_member)
    if held:
        now = utcnow()
        await conn.execute(held_events.insert(), [_held_row(team.id, e, "call", now) for e in held])
    return Ingested(recorded=recorded, duplicates=duplicates, held=len(held))


def _held_row(team_id: int, event: Any, kind: str, now: datetime) -> dict[str, Any]:
    """The ``held_events`` row of an event (``kind``: call | crm) kept for later."""
    return {
        "team_id": team_id,
        "provider": event.provider,
        "kind": kind,
        "external_id": event.external_id,
        "agent": normalize_agent(event.agent) if event.agent else None,
        "occurred_at": event.occurred_at,
        "payload": _payload(event),
        "received_at": now,
    }


def _payload(event: Any) -> dict[str, Any]:
    data = asdict(event) if hasattr(event, "__dataclass_fields__") else dict(vars(event))
    data["occurred_at"] = event.occurred_at.isoformat()
    plain = (str, int, float, bool, type(None))
    return {k: v if isinstance(v, plain) else str(v) for k, v in data.items()}


def _held_crm(row: sa.Row) -> CrmEvent:
    p = row.payload
    price = p.get("price")
    return CrmEvent(
        provider=row.provider,
        kind=p["kind"],
        external_id=row.external_id,
        lead_id=str(p["lead_id"]),
        occurred_at=row.occurred_at,
        agent=p.get("agent"),
        status_id=p.get("status_id"),
        pipeline_id=p.get("pipeline_id"),
        price=Decimal(str(price)) if price not in (None, "", "None") else None,
        name=p.get("name"),
        source=p.get("source"),
    )


async def attribute_held(
    conn: AsyncConnection,
    team: Team,
    agent: str,
    member_id: int,
    steps: dict[int, str] | None = None,
) -> int:
    """Record what was held for ``agent`` (now linked to the member); returns how many
    records were written. CRM events are replayed in order (``steps``: the status map);
    those that still cannot be recorded stay held."""
    agent = normalize_agent(agent)
    rows = (
        await conn.execute(
            sa.select(held_events)
            .where(
                held_events.c.team_id == team.id,
                held_events.c.agent == agent,
                held_events.c.resolved_at.is_(None),
            )
            .order_by(held_events.c.occurred_at, held_events.c.id)
        )
    ).all()
    if not rows:
        return 0
    call_rows = [row for row in rows if row.kind == "call"]
    crm_rows = [row for row in rows if row.kind == "crm"]
    recorded = 0
    if call_rows:
        events = []
        for row in call_rows:
            p = row.payload
            events.append(
                CallEvent(
                    provider=row.provider,
                    external_id=row.external_id,
                    occurred_at=row.occurred_at,
                    duration_s=int(p["duration_s"]),
                    direction=p["direction"],
                    agent=agent,
                    source=p.get("source"),
                    client=p.get("client"),
                )
            )
        recorded += await _record_calls(conn, team, {member_id: events})
        await conn.execute(
            held_events.update()
            .where(held_events.c.id.in_([row.id for row in call_rows]))
            .values(resolved_at=utcnow())
        )
    if crm_rows:
        # replayed from scratch: what still cannot be recorded is held again
        await conn.execute(
            held_events.delete().where(held_events.c.id.in_([row.id for row in crm_rows]))
        )
        result = await ingest_crm(conn, team, [_held_crm(row) for row in crm_rows], steps or {})
        recorded += result.recorded
    return recorded


async def held_summary(conn: AsyncConnection, team_id: int) -> list[HeldAgent]:
    """Unresolved held events per agent, provider and kind, most events first."""
    rows = await conn.execute(
        sa.select(
            held_events.c.agent,
            held_events.c.provider,
            held_events.c.kind,
            sa.func.count().label("n"),
            sa.func.min(held_events.c.occurred_at).label("first"),
            sa.func.max(held_events.c.occurred_at).label("last"),
        )
        .where(held_events.c.team_id == team_id, held_events.c.resolved_at.is_(None))
        .group_by(held_events.c.agent, held_events.c.provider, held_events.c.kind)
    )
    found = [
        HeldAgent(row.agent, row.provider, row.kind, row.n, row.first, row.last) for row in rows
    ]
    return sorted(found, key=lambda h: (-h.count, h.agent or ""))


# --- CRM (amoCRM) ----------------------------------------------------------------------

CRM_ORIGIN = "crm"
# a step and the meeting states it may follow
_AFTER = {"confirmed": ("set",), "held": ("set", "confirmed")}


async def _known(conn: AsyncConnection, table: sa.Table, team_id: int, key: str) -> bool:
    return (
        await conn.execute(
            sa.select(table.c.id).where(table.c.team_id == team_id, table.c.external_id == key)
        )
    ).first() is not None


async def _hold(conn: AsyncConnection, team: Team, event: Any, kind: str) -> bool:
    """Keep an event for later; False when it was already held."""
    exists = (
        await conn.execute(
            sa.select(held_events.c.id).where(
                held_events.c.team_id == team.id,
                held_events.c.provider == event.provider,
                held_events.c.external_id == event.external_id,
            )
        )
    ).first()
    if exists:
        return False
    await conn.execute(held_events.insert().values(_held_row(team.id, event, kind, utcnow())))
    return True


async def _lead_name(
    conn: AsyncConnection, team_id: int, provider: str, lead_id: str
) -> str | None:
    """A status event carries no name: the lead's, as recorded when it was added."""
    return (
        await conn.execute(
            sa.select(leads.c.client).where(
                leads.c.team_id == team_id, leads.c.external_id == f"{provider}:lead:{lead_id}"
            )
        )
    ).scalar()


async def _meeting_of(conn: AsyncConnection, team_id: int, ref: str) -> sa.Row | None:
    return (
        await conn.execute(
            sa.select(meetings).where(meetings.c.team_id == team_id, meetings.c.external_ref == ref)
        )
    ).first()


async def ingest_crm(
    conn: AsyncConnection, team: Team, events: Sequence[CrmEvent], steps: dict[int, str]
) -> Ingested:
    """Leads become ``lead`` records; a lead moved to a mapped status becomes a meeting
    step (``meeting_set`` / ``meeting_confirmed`` / ``meeting_held``) or a ``payment``
    of its meeting. The meeting of a lead is found by its ref ``<provider>:<lead id>``.

    Held (not lost): events of an unknown responsible user, and a payment whose lead has
    no held meeting yet or no price. Statuses that are not mapped are ignored; a step
    the meeting has already passed is a duplicate.
    """
    recorded = duplicates = held = 0
    agents = await resolve_agents(conn, team.id, (e.agent for e in events if e.agent))
    sources = await _source_ids(conn, team.id, (e.source for e in events))
    for event in events:
        key = f"{event.provider}:{event.external_id}"
        origin = f"{CRM_ORIGIN}:{event.provider}"
        step = steps.get(event.status_id) if event.kind == "status" else "lead"
        if step is None:
            continue  # a status nobody mapped: not a sales step
        table = {"lead": leads, "payment": payments}.get(step, meeting_events)
        if await _known(conn, table, team.id, key):
            duplicates += 1
            continue
        member_id = agents.get(normalize_agent(event.agent)) if event.agent else None
        if member_id is None:
            held += await _hold(conn, team, event, "crm")
            continue
        source_id = sources.get((event.source or "").strip())
        name = event.name or await _lead_name(conn, team.id, event.provider, event.lead_id)
        client = (name or f"{event.provider} #{event.lead_id}")[:200]
        entry = await _new_entry(
            conn,
            team,
            member_id,
            CRM_ORIGIN,
            {"provider": event.provider, "lead": event.lead_id, "step": step},
            created_by=None,
            origin=origin,
        )
        record = {**_record(team, entry, event.occurred_at, origin), "external_id": key}
        if step == "lead":
            await conn.execute(
                leads.insert().values(
                    member_id=member_id, source_id=source_id, client=client, **record
                )
            )
            recorded += 1
            continue
        ref = f"{event.provider}:{event.lead_id}"
        meeting = await _meeting_of(conn, team.id, ref)
        if step == "payment":
            if meeting is None or meeting.status != "held" or not event.price:
                held += await _hold(conn, team, event, "crm")
                continue
            await conn.execute(
                payments.insert().values(
                    kind="new",
                    amount=event.price,
                    currency=team.currency,
                    meeting_id=meeting.id,
                    client=meeting.client,
                    member_id=member_id,
                    **record,
                )
            )
            recorded += 1
            continue
        kind = step.removeprefix("meeting_")
        if meeting is None:
            result = await conn.execute(
                meetings.insert().values(
                    team_id=team.id,
                    setter_id=member_id,
                    source_id=source_id,
                    client=client,
                    status="set",
                    external_ref=ref,
                    created_at=utcnow(),
                )
            )
            meeting_id = result.inserted_primary_key[0]
            set_key = key if kind == "set" else f"{key}:set"
            await conn.execute(
                meeting_events.insert().values(
                    meeting_id=meeting_id,
                    kind="set",
                    actor_id=member_id,
                    **{**record, "external_id": set_key},
                )
            )
            status = "set"
            if kind == "set":
                recorded += 1
                continue
        else:
            meeting_id, status = meeting.id, meeting.status
        if kind == "set" or status not in _AFTER.get(kind, ()):
            duplicates += 1  # the meeting is already there or past this step
            continue
        await conn.execute(
            meeting_events.insert().values(
                meeting_id=meeting_id, kind=kind, actor_id=member_id, **record
            )
        )
        changes: dict[str, Any] = {"status": kind}
        if kind == "held":
            changes["hunter_id"] = member_id
        await conn.execute(meetings.update().where(meetings.c.id == meeting_id).values(**changes))
        recorded += 1
    return Ingested(recorded=recorded, duplicates=duplicates, held=held)
