"""Feeds in storage: calls and CRM events recorded once, held for unknown agents, attributed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial

import sqlalchemy as sa

from storage import analytics, feeds
from storage.analytics import Scope
from storage.repos import MembersRepo
from storage.tables import call_days, calls, leads, meeting_events, meetings, payments
from storage.verified import CallOrigins, calls_by_origin
from tests.support import factories as f

DAY = date(2026, 11, 26)
AT = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


Call = partial(f.call_event, occurred_at=AT)


def Crm(
    kind: str,
    external_id: str,
    lead_id: str,
    *,
    agent: str | None = "5001",
    status_id: int | None = None,
    price: Decimal | None = None,
    source: str | None = None,
    occurred_at: datetime = AT,
) -> feeds.CrmEvent:
    return feeds.CrmEvent(
        provider="amocrm",
        kind=kind,
        external_id=external_id,
        lead_id=lead_id,
        occurred_at=occurred_at,
        agent=agent,
        status_id=status_id,
        pipeline_id=None,
        price=price,
        name="ООО Ромашка",
        source=source,
    )


STEPS = {11: "meeting_set", 12: "meeting_confirmed", 13: "meeting_held", 142: "payment"}


async def rep(db, team, tg_id=701, name="Ivan"):
    async with db.transaction() as conn:
        return await MembersRepo(conn).add(
            team_id=team.id, tg_user_id=tg_id, display_name=name, username=None, roles={"sdr"}
        )


async def team_calls(db, team) -> tuple[int, float]:
    async with db.read() as conn:
        counts = await analytics.team_counts(conn, Scope(team.id, DAY, DAY))
    return counts.activity.calls_60, counts.activity.call_seconds


async def test_normalize_agent_spellings():
    assert feeds.normalize_agent("+7 (916) 123-45-67") == "79161234567"
    assert feeds.normalize_agent("8-916-123-45-67") == "79161234567"
    assert feeds.normalize_agent(101) == "101"


async def test_calls_of_a_linked_agent_are_recorded_once(db, team):
    ivan = await rep(db, team)
    async with db.transaction() as conn:
        await feeds.link_agent(conn, team.id, "101", ivan.id, None)
        first = await feeds.ingest_calls(
            conn, team, [Call("a1", "101"), Call("a2", "101", duration_s=30), Call("a1", "101")]
        )
    assert first == feeds.Ingested(recorded=2, duplicates=1, held=0)
    async with db.transaction() as conn:  # the provider delivers the same calls again
        again = await feeds.ingest_calls(conn, team, [Call("a1", "101"), Call("a2", "101")])
    assert again == feeds.Ingested(recorded=0, duplicates=2, held=0)
    assert await team_calls(db, team) == (1, 120)
    async with db.read() as conn:
        origins = (await conn.execute(sa.select(calls.c.origin, calls.c.external_id))).all()
        rollup = (await conn.execute(sa.select(sa.func.sum(call_days.c.calls_long)))).scalar()
        by_origin = await calls_by_origin(conn, team.id, DAY, DAY, min_call_seconds=0)
    assert sorted(origins) == [("telephony:mango", "mango:a1"), ("telephony:mango", "mango:a2")]
    assert rollup == 1
    assert by_origin == {ivan.id: CallOrigins(typed=0, verified=2, total=2)}


async def test_an_unknown_agent_is_held_then_attributed_by_link(db, team):
    ivan = await rep(db, team)
    async with db.transaction() as conn:
        result = await feeds.ingest_calls(conn, team, [Call("b1", "102"), Call("b2", "102")])
    assert result.held == 2 and result.recorded == 0
    async with db.transaction() as conn:  # redelivery while held: still held once
        again = await feeds.ingest_calls(conn, team, [Call("b1", "102")])
    assert again == feeds.Ingested(duplicates=1)
    async with db.read() as conn:
        held = await feeds.held_summary(conn, team.id)
    assert [(h.agent, h.provider, h.kind, h.count) for h in held] == [("102", "mango", "call", 2)]
    assert await team_calls(db, team) == (0, 0)
    async with db.transaction() as conn:
        await feeds.link_agent(conn, team.id, "102", ivan.id, None)
        assert await feeds.attribute_held(conn, team, "102", ivan.id) == 2
    assert await team_calls(db, team) == (2, 180)
    async with db.read() as conn:
        assert await feeds.held_summary(conn, team.id) == []
    async with db.transaction() as conn:  # and a late redelivery is a duplicate
        assert (await feeds.ingest_calls(conn, team, [Call("b2", "102")])).duplicates == 1


async def test_a_telegram_id_needs_no_link(db, team):
    await rep(db, team, tg_id=777001)
    async with db.transaction() as conn:
        result = await feeds.ingest_calls(conn, team, [Call("c1", "777001", provider="generic")])
    assert result.recorded == 1


async def test_an_unknown_source_is_added_not_lost(db, team):
    ivan = await rep(db, team)
    async with db.transaction() as conn:
        await feeds.link_agent(conn, team.id, "101", ivan.id, None)
        await feeds.ingest_calls(conn, team, [Call("d1", "101", source="Avito")])
        source = (await conn.execute(sa.select(calls.c.source_id))).scalar()
    assert source is not None


async def test_crm_lead_and_meeting_steps_and_payment(db, team):
    ivan = await rep(db, team)
    later = AT + timedelta(hours=1)
    events = [
        Crm("lead", "lead:9", "9", source="google"),
        Crm("status", "status:9:11", "9", status_id=11),
        Crm("status", "status:9:12", "9", status_id=12, occurred_at=later),
        Crm("status", "status:9:13", "9", status_id=13, occurred_at=later),
        Crm("status", "status:9:142", "9", status_id=142, price=Decimal(150000), occurred_at=later),
        Crm("status", "status:9:77", "9", status_id=77),  # not mapped: ignored
    ]
    async with db.transaction() as conn:
        await feeds.link_agent(conn, team.id, "5001", ivan.id, None)
        result = await feeds.ingest_crm(conn, team, events, STEPS)
    assert result == feeds.Ingested(recorded=5, duplicates=0, held=0)
    async with db.transaction() as conn:
        assert (await feeds.ingest_crm(conn, team, events, STEPS)).duplicates == 5
    async with db.read() as conn:
        lead = (await conn.execute(sa.select(leads.c.origin, leads.c.client))).one()
        meeting = (await conn.execute(sa.select(meetings))).one()
        kinds = (await conn.execute(sa.select(meeting_events.c.kind))).scalars().all()
        paid = (await conn.execute(sa.select(payments.c.amount, payments.c.kind))).one()
        counts = await analytics.team_counts(conn, Scope(team.id, DAY, DAY))
    assert lead == ("crm:amocrm", "ООО Ромашка")
    assert (meeting.status, meeting.hunter_id, meeting.external_ref) == (
        "held",
        ivan.id,
        "amocrm:9",
    )
    assert sorted(kinds) == ["confirmed", "held", "set"]
    assert paid == (Decimal(150000), "new")
    m = counts.as_setter
    assert (m.meetings_set, m.meetings_confirmed, m.meetings_held, m.payments) == (1, 1, 1, 1)
    assert counts.activity.leads_new == 1


async def test_crm_held_for_an_unknown_user_and_replayed_on_link(db, team):
    ivan = await rep(db, team)
    events = [
        Crm("lead", "lead:5", "5", agent="6002"),
        Crm("status", "status:5:13", "5", status_id=13, agent="6002"),
        # a payment before the meeting is held stays held
        Crm("status", "status:6:142", "6", status_id=142, agent="6002", price=Decimal(10)),
    ]
    async with db.transaction() as conn:
        assert (await feeds.ingest_crm(conn, team, events, STEPS)).held == 3
    async with db.transaction() as conn:
        await feeds.link_agent(conn, team.id, "6002", ivan.id, None)
        assert await feeds.attribute_held(conn, team, "6002", ivan.id, STEPS) == 2
    async with db.read() as conn:
        held = await feeds.held_summary(conn, team.id)
        meeting = (await conn.execute(sa.select(meetings.c.status))).scalar()
    assert [(h.kind, h.count) for h in held] == [("crm", 1)]
    assert meeting == "held"
