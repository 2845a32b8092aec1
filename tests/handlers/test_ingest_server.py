"""The ingestion endpoint over real HTTP: signed provider payloads become records once.

Each provider's payload is built and signed here the way the provider does it (see the
module docstring of ``bot.ingest.adapters`` for the documented formats).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from bot.ingest.adapters import sign_generic
from bot.ingest.server import IngestServer
from storage import analytics, feeds
from storage.analytics import Scope
from storage.repos import MembersRepo
from storage.tables import calls, held_events, leads, meetings

SECRET = "generic-secret"
MANGO_KEY, MANGO_SALT = "mango-key", "mango-salt"
ZADARMA_SECRET = "zadarma-secret"
AMO_TOKEN = "amo-token-123"
DAY = date(2026, 11, 26)
IVAN, ANNA = 701, 702


@pytest.fixture
async def client(settings, db, team) -> AsyncIterator[TestClient]:
    configured = settings.model_copy(
        update={
            "ingest_secret": SECRET,
            "mango_api_key": MANGO_KEY,
            "mango_api_salt": MANGO_SALT,
            "zadarma_secret": ZADARMA_SECRET,
            "zadarma_timezone": "Europe/Moscow",
            "amocrm_secret": AMO_TOKEN,
            "amocrm_status_map": {11: "meeting_set", 13: "meeting_held", 142: "payment"},
            "amocrm_pipeline_sources": {500: "google"},
        }
    )
    async with db.transaction() as conn:
        repo = MembersRepo(conn)
        ivan = await repo.add(
            team_id=team.id, tg_user_id=IVAN, display_name="Ivan", username=None, roles={"sdr"}
        )
        await feeds.link_agent(conn, team.id, "101", ivan.id, None)
        await feeds.link_agent(conn, team.id, "5001", ivan.id, None)
    server = IngestServer(db, configured)
    async with TestClient(TestServer(server.app())) as test_client:
        yield test_client


async def report(db, team) -> tuple[int, float, int]:
    async with db.read() as conn:
        counts = await analytics.team_counts(conn, Scope(team.id, DAY, DAY))
    a = counts.activity
    return a.calls_60, round(a.call_seconds / 60, 1), a.calls_total


async def count(db, table) -> int:
    async with db.read() as conn:
        return (await conn.execute(sa.select(sa.func.count()).select_from(table))).scalar()


def generic_body(*items: dict) -> bytes:
    return json.dumps(list(items)).encode()


CALL = {
    "external_id": "pbx-1",
    "occurred_at": "2026-11-26T10:00:00+03:00",
    "duration_s": 95,
    "direction": "out",
    "agent": "101",
}


async def test_generic_calls_are_recorded_once_for_the_right_rep(client, db, team):
    body = generic_body(CALL, {**CALL, "external_id": "pbx-2", "duration_s": 20})
    answer = await client.post(
        "/ingest/calls", data=body, headers={"X-Signature": sign_generic(body, SECRET)}
    )
    assert answer.status == 200
    assert await answer.json() == {"ok": True, "recorded": 2, "duplicates": 0, "held": 0}
    again = await client.post(
        "/ingest/calls", data=body, headers={"X-Signature": sign_generic(body, SECRET)}
    )
    assert (await again.json())["duplicates"] == 2
    assert await report(db, team) == (1, 1.9, 2)  # 95 s + 20 s on the line, one call of 60 s+


async def test_a_bad_or_missing_signature_is_401_and_nothing_is_written(client, db):
    body = generic_body(CALL)
    for headers in ({}, {"X-Signature": "sha256=" + "0" * 64}):
        answer = await client.post("/ingest/calls", data=body, headers=headers)
        assert answer.status == 401
        assert (await answer.json())["ok"] is False
    assert await count(db, calls) == 0


async def test_a_malformed_body_is_400_with_the_reason(client, db):
    body = generic_body({**CALL, "duration_s": -5})
    answer = await client.post(
        "/ingest/calls", data=body, headers={"X-Signature": sign_generic(body, SECRET)}
    )
    assert answer.status == 400
    assert "duration_s" in (await answer.json())["error"]
    body = b"{not json"
    answer = await client.post(
        "/ingest/calls", data=body, headers={"X-Signature": sign_generic(body, SECRET)}
    )
    assert answer.status == 400
    assert await count(db, calls) == 0


async def test_a_body_over_one_mebibyte_is_413(client, db):
    body = b"[" + b" " * (1024 * 1024) + b"]"
    answer = await client.post(
        "/ingest/calls", data=io.BytesIO(body), headers={"X-Signature": sign_generic(body, SECRET)}
    )
    assert answer.status == 413
    assert await count(db, calls) == 0


async def test_an_unknown_agent_is_held_not_lost(client, db):
    body = generic_body({**CALL, "agent": "109"})
    answer = await client.post(
        "/ingest/calls", data=body, headers={"X-Signature": sign_generic(body, SECRET)}
    )
    assert (await answer.json())["held"] == 1
    assert await count(db, held_events) == 1
    assert await count(db, calls) == 0


def mango_form(summary: dict, key: str = MANGO_KEY) -> dict:
    text = json.dumps(summary)
    sign = hashlib.sha256((key + text + MANGO_SALT).encode()).hexdigest()
    return {"vpbx_api_key": key, "sign": sign, "json": text}


MANGO_SUMMARY = {
    "entry_id": "MTAxNTI3NTM1Mg==",
    "call_direction": 2,
    "from": {"extension": "101", "number": "sip:ivan@vpbx.mangosip.ru"},
    "to": {"number": "79161234567"},
    "line_number": "74951234567",
    "create_time": int(datetime(2026, 11, 26, 7, 0, tzinfo=UTC).timestamp()),
    "forward_time": 0,
    "talk_time": int(datetime(2026, 11, 26, 7, 0, 10, tzinfo=UTC).timestamp()),
    "end_time": int(datetime(2026, 11, 26, 7, 3, 10, tzinfo=UTC).timestamp()),
    "entry_result": 1,
    "disconnect_reason": 1110,
}


async def test_mango_summary_becomes_a_call_of_the_extension(client, db, team):
    answer = await client.post("/ingest/mango/events/summary", data=mango_form(MANGO_SUMMARY))
    assert answer.status == 200 and (await answer.json())["recorded"] == 1
    # Mango retries: the same entry_id again is not a second call
    await client.post("/ingest/mango/events/summary", data=mango_form(MANGO_SUMMARY))
    assert await report(db, team) == (1, 3.0, 1)
    async with db.read() as conn:
        row = (await conn.execute(sa.select(calls.c.client, calls.c.origin))).one()
    assert row == ("79161234567", "telephony:mango")
    # other events are acknowledged, a wrong key is refused
    call_event = await client.post("/ingest/mango/events/call", data=mango_form({"x": 1}))
    assert call_event.status == 200
    wrong = await client.post(
        "/ingest/mango/events/summary", data=mango_form(MANGO_SUMMARY, key="other")
    )
    assert wrong.status == 401


def zadarma_form(**fields: str) -> tuple[dict, dict]:
    signed = fields["internal"] + fields["destination"] + fields["call_start"]
    digest = hmac.new(ZADARMA_SECRET.encode(), signed.encode(), hashlib.sha1).hexdigest()
    return fields, {"Signature": base64.b64encode(digest.encode()).decode()}


async def test_zadarma_outgoing_call_end_and_url_check(client, db, team):
    echo = await client.get("/ingest/zadarma", params={"zd_echo": "abc123"})
    assert echo.status == 200 and await echo.text() == "abc123"
    form, headers = zadarma_form(
        event="NOTIFY_OUT_END",
        call_start="2026-11-26 10:00:00",  # the account's zone: Moscow
        pbx_call_id="out_1",
        internal="101",
        destination="79161234567",
        caller_id="74951234567",
        duration="125",
        disposition="answered",
        status_code="16",
        is_recorded="0",
        call_id_with_rec="",
    )
    answer = await client.post("/ingest/zadarma", data=form, headers=headers)
    assert answer.status == 200 and (await answer.json())["recorded"] == 1
    async with db.read() as conn:
        when = (await conn.execute(sa.select(calls.c.occurred_at))).scalar()
    assert when == datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
    assert await report(db, team) == (1, 2.1, 1)
    bad = await client.post("/ingest/zadarma", data=form, headers={"Signature": "Zm9v"})
    assert bad.status == 401


async def test_amocrm_lead_and_status_steps(client, db, team):
    form = {
        "leads[add][0][id]": "9",
        "leads[add][0][name]": "ООО Ромашка",
        "leads[add][0][status_id]": "10",
        "leads[add][0][pipeline_id]": "500",
        "leads[add][0][responsible_user_id]": "5001",
        "leads[add][0][date_create]": str(int(datetime(2026, 11, 26, 8, tzinfo=UTC).timestamp())),
        "leads[status][0][id]": "9",
        "leads[status][0][status_id]": "11",
        "leads[status][0][old_status_id]": "10",
        "leads[status][0][pipeline_id]": "500",
        "leads[status][0][responsible_user_id]": "5001",
        "leads[status][0][last_modified]": str(
            int(datetime(2026, 11, 26, 9, tzinfo=UTC).timestamp())
        ),
        "account[subdomain]": "acme",
    }
    answer = await client.post(f"/ingest/amocrm/{AMO_TOKEN}", data=form)
    assert answer.status == 200
    assert (await answer.json())["recorded"] == 2
    async with db.read() as conn:
        lead_source = (await conn.execute(sa.select(leads.c.source_id))).scalar()
        meeting = (await conn.execute(sa.select(meetings.c.status, meetings.c.client))).one()
        counts = await analytics.team_counts(conn, Scope(team.id, DAY, DAY))
    assert lead_source is not None  # pipeline 500 -> google
    assert meeting == ("set", "ООО Ромашка")
    assert counts.as_setter.meetings_set == 1 and counts.activity.leads_new == 1
    wrong = await client.post("/ingest/amocrm/not-the-token", data=form)
    assert wrong.status == 401


async def test_endpoints_without_a_secret_are_not_there(settings, db):
    server = IngestServer(db, settings)  # nothing configured
    async with TestClient(TestServer(server.app())) as bare:
        body = generic_body(CALL)
        answer = await bare.post("/ingest/calls", data=body)
        assert answer.status == 404
        assert (await bare.post("/ingest/zadarma", data={})).status == 404
