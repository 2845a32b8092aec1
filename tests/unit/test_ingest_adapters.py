"""Webhook adapters: signatures, parsing and the reasons given for malformed bodies.

Sample payloads are built from the documented formats and signed here the way each
provider signs (not with the module's own code): generic = hex HMAC-SHA256 of the body;
Mango = sha256_hex(api_key + json + salt); Zadarma = base64 of the hex HMAC-SHA1 of the
event's fields.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import pickle
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest

from bot.ingest.adapters import (
    MAX_EVENTS,
    CallEvent,
    CrmEvent,
    PayloadError,
    SignatureError,
    check_mango,
    parse_amocrm,
    parse_form_brackets,
    parse_generic,
    parse_mango,
    parse_zadarma,
    sign_generic,
    zadarma_echo,
)

SECRET = "generic-test-secret"
MANGO_KEY = "mango-test-key"
MANGO_SALT = "mango-test-salt"
ZD_SECRET = "zadarma-test-secret"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def reason(func, *args, **kwargs) -> str:
    with pytest.raises(PayloadError) as caught:
        func(*args, **kwargs)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == caught.value.reason
    return caught.value.reason


# --- generic: helpers -----------------------------------------------------------------------


def hmac_sha256_hex(body: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def call(**overrides: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "external_id": "c-1",
        "occurred_at": "2026-11-26T10:15:00+03:00",
        "duration_s": 95,
        "direction": "out",
        "agent": "101",
    }
    item.update(overrides)
    return {key: value for key, value in item.items() if value is not ...}


def generic(payload: Any, *, raw: bytes | None = None) -> list[CallEvent]:
    body = raw if raw is not None else json.dumps(payload).encode()
    return parse_generic(body, "sha256=" + hmac_sha256_hex(body), SECRET)


# --- errors ---------------------------------------------------------------------------------


def test_payload_error_carries_reason_and_pickles():
    error = PayloadError("item 3: duration_s must be a non-negative integer")
    assert isinstance(error, ValueError)
    assert error.reason == "item 3: duration_s must be a non-negative integer"
    assert pickle.loads(pickle.dumps(error)).reason == error.reason
    assert not issubclass(SignatureError, ValueError)


# --- generic: signature ---------------------------------------------------------------------


def test_sign_generic_is_prefixed_hex_hmac_sha256_and_round_trips():
    body = json.dumps(call()).encode()
    header = sign_generic(body, SECRET)
    assert header == "sha256=" + hmac_sha256_hex(body)
    assert len(header) == len("sha256=") + 64
    assert parse_generic(body, header, SECRET)[0].external_id == "c-1"


@pytest.mark.parametrize(
    "transform",
    [
        lambda hexdigest: hexdigest,  # the bare hex
        lambda hexdigest: "sha256=" + hexdigest.upper(),
        lambda hexdigest: "  SHA256=" + hexdigest + " ",
    ],
)
def test_generic_accepts_bare_or_prefixed_hex_in_any_case(transform):
    body = json.dumps(call()).encode()
    events = parse_generic(body, transform(hmac_sha256_hex(body)), SECRET)
    assert [event.external_id for event in events] == ["c-1"]


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "   ",
        "sha256=",
        "sha256=" + "0" * 64,
        "sha256=" + hmac_sha256_hex(b"another body"),
        "sha256=" + hmac_sha256_hex(json.dumps(call()).encode(), "wrong-secret"),
        "sha1=" + hashlib.sha1(b"x").hexdigest(),
        "подпись",
    ],
)
def test_generic_rejects_missing_or_wrong_signature(signature):
    body = json.dumps(call()).encode()
    with pytest.raises(SignatureError):
        parse_generic(body, signature, SECRET)


def test_generic_checks_signature_before_reading_json():
    with pytest.raises(SignatureError):
        parse_generic(b"{not json", "sha256=" + "0" * 64, SECRET)
    with pytest.raises(SignatureError):
        parse_generic(b"[]", None, SECRET)


def test_generic_refuses_an_empty_secret():
    body = b"{}"
    with pytest.raises(ValueError, match="empty"):
        parse_generic(body, "sha256=" + hmac_sha256_hex(body, ""), "")


# --- generic: parsing -----------------------------------------------------------------------


def test_generic_object_gives_one_event_in_utc():
    (event,) = generic(call(source="Авито", client="+7 (999) 123-45-67"))
    assert event == CallEvent(
        provider="generic",
        external_id="c-1",
        occurred_at=datetime(2026, 11, 26, 7, 15, tzinfo=UTC),
        duration_s=95,
        direction="out",
        agent="101",
        source="Авито",
        client="79991234567",
    )
    assert event.occurred_at.utcoffset() == timedelta(0)


def test_generic_array_gives_events_in_order():
    events = generic(
        [
            call(external_id="a", direction="incoming", agent=5551234),
            call(external_id="b", occurred_at="2026-11-26T07:00:00Z", duration_s=0),
        ]
    )
    assert [(e.external_id, e.direction, e.agent, e.duration_s) for e in events] == [
        ("a", "in", "5551234", 95),
        ("b", "out", "101", 0),
    ]
    assert events[1].occurred_at == datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
    assert events[0].source is None and events[0].client is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("in", "in"),
        ("IN", "in"),
        ("inbound", "in"),
        ("incoming", "in"),
        ("out", "out"),
        ("Outbound", "out"),
        (" outgoing ", "out"),
    ],
)
def test_generic_direction_aliases(given, expected):
    assert generic(call(direction=given))[0].direction == expected


@pytest.mark.parametrize("stamp", [1795677300, 1795677300.0])
def test_generic_unix_timestamp(stamp):
    (event,) = generic(call(occurred_at=stamp))
    assert event.occurred_at == datetime(2026, 11, 26, 7, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("agent", "expected"),
    [
        ("+7 (999) 123-45-67", "79991234567"),
        (" 101 ", "101"),
        (123456789, "123456789"),
        ("ivan.petrov", "ivan.petrov"),
    ],
)
def test_generic_agent_is_text_and_phone_numbers_are_digits(agent, expected):
    assert generic(call(agent=agent))[0].agent == expected


def test_generic_duration_of_exactly_24_hours_is_accepted():
    assert generic(call(duration_s=86400))[0].duration_s == 86400


def test_generic_accepts_the_maximum_number_of_events():
    events = generic([call(external_id=str(n)) for n in range(MAX_EVENTS)])
    assert len(events) == MAX_EVENTS


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ([], "body is an empty array"),
        ("just text", "body must be a JSON object or an array of objects"),
        ([call(), 7], "item 1 must be a JSON object"),
        (call(external_id=...), "item 0: external_id is missing"),
        (call(external_id=" "), "item 0: external_id is missing"),
        (call(external_id=["x"]), "item 0: external_id must be a string"),
        (call(external_id="x" * 300), "item 0: external_id is longer than 255 characters"),
        (call(agent=...), "item 0: agent is missing"),
        (call(agent=True), "item 0: agent must be a string"),
        ([call(), call(duration_s=-1)], "item 1: duration_s must be a non-negative integer"),
        (call(duration_s="95"), "item 0: duration_s must be a non-negative integer"),
        (call(duration_s=9.5), "item 0: duration_s must be a non-negative integer"),
        (call(duration_s=True), "item 0: duration_s must be a non-negative integer"),
        (call(duration_s=...), "item 0: duration_s is missing"),
        (call(duration_s=86401), "item 0: duration_s is over 24 hours"),
        (call(direction="sideways"), "item 0: direction must be 'in' or 'out'"),
        (call(direction=1), "item 0: direction must be 'in' or 'out'"),
        (call(direction=...), "item 0: direction is missing"),
        (call(occurred_at="2026-11-26T10:15:00"), "item 0: occurred_at has no UTC offset"),
        (call(occurred_at="2026-11-26"), "item 0: occurred_at has no UTC offset"),
        (call(occurred_at="yesterday"), "item 0: occurred_at must be ISO 8601 with an offset"),
        (call(occurred_at=...), "item 0: occurred_at is missing"),
        (call(occurred_at=True), "item 0: occurred_at must be an ISO 8601 string"),
        (call(occurred_at=[2026]), "item 0: occurred_at must be an ISO 8601 string"),
        (call(occurred_at=1795677300000), "item 0: occurred_at is not a valid Unix timestamp"),
        (call(occurred_at=0), "item 0: occurred_at is out of range"),
        (call(source=5.5), "item 0: source must be a string"),
        (call(client={"n": 1}), "item 0: client must be a string"),
    ],
)
def test_generic_malformed_items_name_index_and_field(payload, expected):
    assert reason(generic, payload).startswith(expected)


@pytest.mark.parametrize(
    "raw", [b"", b"{not json", b"\xff\xfe\x00", b"[" * 100_000, b'{"a": 1} trailing']
)
def test_generic_bad_json_is_a_payload_error(raw):
    assert reason(generic, None, raw=raw) == "body is not valid UTF-8 JSON"


def test_generic_rejects_more_than_the_maximum_number_of_events():
    payload = [call(external_id=str(n)) for n in range(MAX_EVENTS + 1)]
    assert reason(generic, payload) == "body has 1001 events; at most 1000 per request"


# --- Mango Office -----------------------------------------------------------------------------


def mango_form(
    summary: dict[str, Any], *, key: str = MANGO_KEY, salt: str = MANGO_SALT, raw: str | None = None
) -> dict[str, str]:
    """A POST as the VPBX sends it: the form fields, sign = sha256(key + json + salt)."""
    text = raw if raw is not None else json.dumps(summary, ensure_ascii=False)
    sign = hashlib.sha256((key + text + salt).encode()).hexdigest()
    encoded = urlencode({"vpbx_api_key": key, "sign": sign, "json": text})
    return dict(parse_qsl(encoded))  # what aiohttp's request.post() decodes


def summary(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "entry_id": "NTg2NjkwNDM5NQ==",
        "call_direction": 1,
        "from": {"number": "79250991030"},
        "to": {"extension": "106", "number": "sip:user6@vpbx400137851.mangosip.ru"},
        "line_number": "74959266384",
        "create_time": 1795677300,
        "forward_time": 1795677305,
        "talk_time": 1795677310,
        "end_time": 1795677442,
        "entry_result": 1,
        "disconnect_reason": 1110,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not ...}


def test_mango_incoming_call():
    (event,) = parse_mango(mango_form(summary()), MANGO_KEY, MANGO_SALT)
    assert event == CallEvent(
        provider="mango",
        external_id="NTg2NjkwNDM5NQ==",
        occurred_at=datetime(2026, 11, 26, 7, 15, tzinfo=UTC),
        duration_s=132,
        direction="in",
        agent="106",
        client="79250991030",
    )


def test_mango_outgoing_call_agent_is_the_caller():
    data = summary(
        call_direction=2,
        **{"from": {"extension": "201", "number": "74959266384"}, "to": {"number": "79161234567"}},
    )
    (event,) = parse_mango(mango_form(data), MANGO_KEY, MANGO_SALT)
    assert (event.direction, event.agent, event.client) == ("out", "201", "79161234567")


def test_mango_agent_falls_back_to_number_then_line():
    by_number = summary(**{"to": {"number": "+7 495 926-63-84"}})
    (event,) = parse_mango(mango_form(by_number), MANGO_KEY, MANGO_SALT)
    assert event.agent == "74959266384"
    by_sip = summary(**{"to": {"number": "sip:user6@vpbx400137851.mangosip.ru"}})
    (event,) = parse_mango(mango_form(by_sip), MANGO_KEY, MANGO_SALT)
    assert event.agent == "sip:user6@vpbx400137851.mangosip.ru"
    reached_nobody = summary(to=..., talk_time=0)
    (event,) = parse_mango(mango_form(reached_nobody), MANGO_KEY, MANGO_SALT)
    assert (event.agent, event.duration_s) == ("74959266384", 0)


def test_mango_unanswered_call_has_zero_duration():
    data = summary(talk_time=0, entry_result=0, end_time=1795677330)
    (event,) = parse_mango(mango_form(data), MANGO_KEY, MANGO_SALT)
    assert event.duration_s == 0
    assert event.occurred_at == datetime(2026, 11, 26, 7, 15, tzinfo=UTC)


def test_mango_accepts_numbers_as_strings():
    data = summary(call_direction="1", create_time="1795677300", talk_time="0", end_time="1")
    (event,) = parse_mango(mango_form(data), MANGO_KEY, MANGO_SALT)
    assert (event.direction, event.duration_s) == ("in", 0)


def test_mango_internal_call_is_not_a_sales_call():
    data = summary(call_direction=0, **{"from": {"extension": "101"}})
    assert parse_mango(mango_form(data), MANGO_KEY, MANGO_SALT) == []


def test_mango_signature_covers_the_exact_json_text():
    text = json.dumps(summary(), indent=2, ensure_ascii=False)  # spacing is part of it
    (event,) = parse_mango(mango_form({}, raw=text), MANGO_KEY, MANGO_SALT)
    assert event.external_id == "NTg2NjkwNDM5NQ=="


@pytest.mark.parametrize(
    "form",
    [
        mango_form(summary(), key="someone-elses-key"),
        mango_form(summary(), salt="wrong-salt"),
        {**mango_form(summary()), "sign": ""},
        {k: v for k, v in mango_form(summary()).items() if k != "sign"},
        {k: v for k, v in mango_form(summary()).items() if k != "vpbx_api_key"},
        {**mango_form(summary()), "json": json.dumps(summary(entry_id="forged"))},
        {**mango_form(summary()), "sign": "подпись"},
    ],
)
def test_mango_wrong_key_or_sign_is_a_signature_error(form):
    with pytest.raises(SignatureError):
        parse_mango(form, MANGO_KEY, MANGO_SALT)
    with pytest.raises(SignatureError):
        check_mango(form, MANGO_KEY, MANGO_SALT)


def test_check_mango_accepts_any_signed_event():
    call_event = {"entry_id": "x", "call_id": "y", "seq": 1, "call_state": "Appeared"}
    form = mango_form(call_event)
    assert check_mango(form, MANGO_KEY, MANGO_SALT) is None
    upper = {**form, "sign": form["sign"].upper()}
    assert check_mango(upper, MANGO_KEY, MANGO_SALT) is None


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        (mango_form({}, raw="{oops"), "json is not valid JSON"),
        (mango_form({}, raw="[1, 2]"), "json must be a JSON object"),
        (mango_form(summary(entry_id=...)), "json.entry_id is missing"),
        (mango_form(summary(call_direction=5)), "json.call_direction must be 0"),
        (mango_form(summary(call_direction=...)), "json.call_direction is missing"),
        (mango_form(summary(create_time="soon")), "json.create_time must be a non-negative"),
        (mango_form(summary(talk_time=-5)), "json.talk_time must be a non-negative integer"),
        (mango_form(summary(end_time=True)), "json.end_time must be a non-negative integer"),
        (mango_form(summary(end_time=1795677300)), "json.end_time is before json.talk_time"),
        (mango_form(summary(to="106")), "json.to must be an object"),
        (mango_form(summary(to=..., line_number=...)), "json.to has neither extension"),
    ],
)
def test_mango_malformed_summary(form, expected):
    assert reason(parse_mango, form, MANGO_KEY, MANGO_SALT).startswith(expected)


# --- Zadarma --------------------------------------------------------------------------------

ZADARMA_SIGNED = {  # getSignatureString() of zadarma/user-api-v1 lib/Webhook/*.php
    "NOTIFY_START": ("caller_id", "called_did", "call_start"),
    "NOTIFY_END": ("caller_id", "called_did", "call_start"),
    "NOTIFY_OUT_END": ("internal", "destination", "call_start"),
    "NOTIFY_RECORD": ("pbx_call_id", "call_id_with_rec"),
}


def zadarma_signature(fields: dict[str, str], secret: str = ZD_SECRET) -> str:
    """PHP: base64_encode(hash_hmac('sha1', <fields>, $secret)) -- base64 of the hex."""
    names = ZADARMA_SIGNED.get(fields.get("event", ""), ())
    message = "".join(fields.get(name, "") for name in names)
    hexdigest = hmac.new(secret.encode(), message.encode(), hashlib.sha1).hexdigest()
    return base64.b64encode(hexdigest.encode()).decode()


def notify_end(**overrides: str) -> dict[str, str]:
    fields = {
        "event": "NOTIFY_END",
        "call_start": "2026-11-26 10:15:00",
        "pbx_call_id": "in_0123456789abcdef",
        "caller_id": "79991234567",
        "called_did": "74951234567",
        "internal": "101",
        "duration": "95",
        "disposition": "answered",
        "status_code": "16",
        "is_recorded": "1",
        "call_id_with_rec": "1795677300.123",
    }
    fields.update(overrides)
    return fields


def notify_out_end(**overrides: str) -> dict[str, str]:
    fields = notify_end(event="NOTIFY_OUT_END", pbx_call_id="out_0123456789abcdef")
    del fields["called_did"]
    fields.update(caller_id="74951234567", destination="79161234567")
    fields.update(overrides)
    return fields


def zadarma(fields: dict[str, str], **kwargs: Any) -> list[CallEvent]:
    return parse_zadarma(fields, zadarma_signature(fields), ZD_SECRET, **kwargs)


def test_zadarma_incoming_call_end_in_account_time_zone():
    (event,) = zadarma(notify_end(), tz="Europe/Moscow")
    assert event == CallEvent(
        provider="zadarma",
        external_id="in_0123456789abcdef",
        occurred_at=datetime(2026, 11, 26, 7, 15, tzinfo=UTC),
        duration_s=95,
        direction="in",
        agent="101",
        client="79991234567",
    )


def test_zadarma_outgoing_call_end_is_signed_with_internal_and_destination():
    fields = notify_out_end()
    (event,) = zadarma(fields)
    assert (event.direction, event.agent, event.client) == ("out", "101", "79161234567")
    assert event.external_id == "out_0123456789abcdef"
    incoming_style = base64.b64encode(
        hmac.new(
            ZD_SECRET.encode(),
            (fields["caller_id"] + fields["destination"] + fields["call_start"]).encode(),
            hashlib.sha1,
        )
        .hexdigest()
        .encode()
    ).decode()
    with pytest.raises(SignatureError):
        parse_zadarma(fields, incoming_style, ZD_SECRET)


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("UTC", datetime(2026, 11, 26, 10, 15, tzinfo=UTC)),
        (" utc ", datetime(2026, 11, 26, 10, 15, tzinfo=UTC)),
        ("Europe/Moscow", datetime(2026, 11, 26, 7, 15, tzinfo=UTC)),
        ("UTC+3", datetime(2026, 11, 26, 7, 15, tzinfo=UTC)),  # as /v1/info/timezone says
        ("GMT-05:30", datetime(2026, 11, 26, 15, 45, tzinfo=UTC)),
        ("Europe/Berlin", datetime(2026, 11, 26, 9, 15, tzinfo=UTC)),  # winter time
    ],
)
def test_zadarma_call_start_is_read_in_the_given_zone(tz, expected):
    (event,) = zadarma(notify_end(), tz=tz)
    assert event.occurred_at == expected
    assert event.occurred_at.tzinfo is UTC


def test_zadarma_summer_time_follows_the_zone_rules():
    (event,) = zadarma(notify_end(call_start="2026-07-01 10:15:00"), tz="Europe/Berlin")
    assert event.occurred_at == datetime(2026, 7, 1, 8, 15, tzinfo=UTC)


def test_zadarma_default_zone_is_utc():
    (event,) = zadarma(notify_end())
    assert event.occurred_at == datetime(2026, 11, 26, 10, 15, tzinfo=UTC)


@pytest.mark.parametrize("tz", ["Mars/Olympus", "Europe", "UTC+25", "", "../etc/passwd"])
def test_zadarma_unknown_zone_is_a_setting_error_not_a_payload_error(tz):
    with pytest.raises(ValueError, match="unknown time zone") as caught:
        zadarma(notify_end(), tz=tz)
    assert not isinstance(caught.value, PayloadError)


@pytest.mark.parametrize("disposition", ["no answer", "busy", "cancel", "failed", "NO ANSWER"])
def test_zadarma_unanswered_call_has_zero_duration(disposition):
    (event,) = zadarma(notify_end(disposition=disposition, duration="27"))
    assert event.duration_s == 0
    assert event.external_id == "in_0123456789abcdef"


def test_zadarma_incoming_without_extension_falls_back_to_our_number():
    fields = notify_end(internal="", disposition="no answer")
    assert zadarma(fields)[0].agent == "74951234567"


def test_zadarma_start_and_other_events_give_nothing():
    start = {
        k: v
        for k, v in notify_end(event="NOTIFY_START").items()
        if k in {"event", "call_start", "pbx_call_id", "caller_id", "called_did"}
    }
    assert zadarma(start) == []
    with pytest.raises(SignatureError):
        parse_zadarma(start, zadarma_signature({**start, "caller_id": "1"}), ZD_SECRET)
    record = {"event": "NOTIFY_RECORD", "pbx_call_id": "in_1", "call_id_with_rec": "17.1"}
    assert zadarma(record) == []
    with pytest.raises(SignatureError):
        parse_zadarma(record, None, ZD_SECRET)
    assert parse_zadarma({"event": "SMS", "caller_id": "1", "text": "hi"}, None, ZD_SECRET) == []


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "bm90IGEgc2lnbmF0dXJl",
        zadarma_signature(notify_end(), "wrong-secret"),
        zadarma_signature(notify_end(caller_id="70000000000")),
        # base64 of the raw 20-byte digest is not what Zadarma sends
        base64.b64encode(
            hmac.new(
                ZD_SECRET.encode(),
                b"79991234567" + b"74951234567" + b"2026-11-26 10:15:00",
                hashlib.sha1,
            ).digest()
        ).decode(),
        "подпись",
    ],
)
def test_zadarma_missing_or_wrong_signature(signature):
    with pytest.raises(SignatureError):
        parse_zadarma(notify_end(), signature, ZD_SECRET)


def test_zadarma_signature_is_checked_before_the_fields():
    fields = notify_end(duration="lots")
    with pytest.raises(SignatureError):
        parse_zadarma(fields, "AAAA", ZD_SECRET)
    assert reason(zadarma, fields).startswith("duration must be a non-negative integer")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"caller_id": "1"}, "event is missing"),
        (notify_end(call_start="26.11.2026 10:15"), "call_start must be 'YYYY-MM-DD HH:MM:SS'"),
        (notify_end(call_start=""), "call_start is missing"),
        (notify_end(duration="-3"), "duration must be a non-negative integer"),
        (notify_end(duration=""), "duration must be a non-negative integer"),
        (notify_end(pbx_call_id=""), "pbx_call_id is missing"),
        (notify_end(disposition=" "), "disposition is missing"),
        (notify_out_end(internal="", caller_id=""), "internal (the extension) is missing"),
    ],
)
def test_zadarma_malformed_notification(fields, expected):
    assert reason(zadarma, fields).startswith(expected)


def test_zadarma_echo():
    assert zadarma_echo({"zd_echo": "a1b2c3"}) == "a1b2c3"
    assert zadarma_echo({"other": "x"}) is None
    assert zadarma_echo({}) is None


# --- amoCRM ---------------------------------------------------------------------------------

SOURCE_FIELD = 1119321


def amocrm_form(**leads: list[dict[str, Any]]) -> dict[str, str]:
    """Flatten ``{action: [lead, ...]}`` into amoCRM's bracketed form keys, as posted."""
    flat: dict[str, str] = {"account[subdomain]": "test000002", "account[id]": "10216991"}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                walk(f"{prefix}[{key}]", child)
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(f"{prefix}[{index}]", child)
        else:
            flat[prefix] = str(value)

    for action, items in leads.items():
        walk(f"leads[{action}]", items)
    return dict(parse_qsl(urlencode(flat)))


def lead(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "31926529",
        "name": "ООО Ромашка",
        "status_id": "10216993",
        "price": "24234",
        "responsible_user_id": "102525",
        "last_modified": "1795677400",
        "modified_user_id": "102525",
        "created_user_id": "102525",
        "date_create": "1795677300",
        "pipeline_id": "2116",
        "account_id": "10216991",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not ...}


def source_field(value: str, field_id: int = SOURCE_FIELD) -> dict[str, Any]:
    return {"id": str(field_id), "name": "Источник", "values": [{"value": value, "enum": "7"}]}


def test_parse_form_brackets_nests_dicts_and_lists():
    form = {
        "leads[add][1][id]": "2",
        "leads[add][0][id]": "1",
        "leads[add][0][custom_fields][0][id]": "5",
        "leads[add][0][custom_fields][0][values][0][value]": "Авито",
        "leads[add][0][custom_fields][0][values][1][value]": "Сайт",
        "account[subdomain]": "acme",
        "tags[]": "a",
        "plain": "x",
    }
    assert parse_form_brackets(form) == {
        "leads": {
            "add": [
                {
                    "id": "1",
                    "custom_fields": [
                        {"id": "5", "values": [{"value": "Авито"}, {"value": "Сайт"}]}
                    ],
                },
                {"id": "2"},
            ]
        },
        "account": {"subdomain": "acme"},
        "tags": ["a"],
        "plain": "x",
    }


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"leads[add]": "x", "leads[add][0][id]": "1"}, "conflicts with another key"),
        ({"leads[add][0][id]": "1", "leads[add]": "x"}, "conflicts with another key"),
        ({"leads[add": "1"}, "malformed form key"),
        ({"[add]": "1"}, "malformed form key"),
        ({"a" + "[b]" * 20: "1"}, "nested too deeply"),
    ],
)
def test_parse_form_brackets_rejects_bad_keys(form, expected):
    assert expected in reason(parse_form_brackets, form)


def test_amocrm_two_new_leads_with_custom_fields():
    form = amocrm_form(
        add=[
            lead(custom_fields=[{"id": "42", "values": [{"value": "x"}]}, source_field("Авито")]),
            lead(id="31926530", name="Иван", price="", responsible_user_id="", pipeline_id="77"),
        ]
    )
    first, second = parse_amocrm(
        form, source_field_id=SOURCE_FIELD, pipeline_sources={77: "Сайт"}, now=NOW
    )
    assert first == CrmEvent(
        provider="amocrm",
        kind="lead",
        external_id="lead:31926529",
        lead_id="31926529",
        occurred_at=datetime(2026, 11, 26, 7, 15, tzinfo=UTC),
        agent="102525",
        status_id=10216993,
        pipeline_id=2116,
        price=Decimal("24234"),
        name="ООО Ромашка",
        source="Авито",
    )
    assert (second.external_id, second.name, second.price, second.agent) == (
        "lead:31926530",
        "Иван",
        None,
        None,
    )
    assert second.source == "Сайт"  # no custom field: the pipeline mapping


def test_amocrm_status_change_and_new_lead_in_one_request():
    form = amocrm_form(
        add=[lead()],
        status=[lead(status_id="142", old_status_id="10216993", price="150000.50")],
        update=[lead(status_id="143")],
    )
    events = parse_amocrm(form, now=NOW)
    assert [(e.kind, e.external_id) for e in events] == [
        ("lead", "lead:31926529"),
        ("status", "status:31926529:142"),
    ]
    status = events[1]
    assert status.occurred_at == datetime(2026, 11, 26, 7, 16, 40, tzinfo=UTC)  # last_modified
    assert (status.status_id, status.price, status.source) == (142, Decimal("150000.50"), None)


def test_amocrm_source_priority():
    with_field = amocrm_form(add=[lead(custom_fields=[source_field("Авито")])])
    mapping = {2116: "Яндекс"}
    kwargs = {"source_field_id": SOURCE_FIELD, "pipeline_sources": mapping, "now": NOW}
    assert parse_amocrm(with_field, **kwargs)[0].source == "Авито"
    empty_field = amocrm_form(add=[lead(custom_fields=[source_field(" ")])])
    assert parse_amocrm(empty_field, **kwargs)[0].source == "Яндекс"
    other_field = amocrm_form(add=[lead(custom_fields=[source_field("Авито", 99)])])
    assert parse_amocrm(other_field, **kwargs)[0].source == "Яндекс"
    unmapped = amocrm_form(add=[lead(pipeline_id="5")])
    assert parse_amocrm(unmapped, **kwargs)[0].source is None
    assert parse_amocrm(with_field, now=NOW)[0].source is None  # no field id configured


def test_amocrm_missing_date_uses_now_in_utc():
    form = amocrm_form(add=[lead(date_create=...)], status=[lead(last_modified=...)])
    moscow_now = NOW.astimezone(timezone(timedelta(hours=3)))
    events = parse_amocrm(form, now=moscow_now)
    assert [e.occurred_at for e in events] == [NOW, NOW]
    assert all(e.occurred_at.tzinfo is UTC for e in events)


def test_amocrm_without_leads_gives_nothing():
    contacts = {"contacts[add][0][id]": "5", "account[subdomain]": "acme"}
    assert parse_amocrm(contacts, now=NOW) == []
    assert parse_amocrm(amocrm_form(update=[lead()]), now=NOW) == []


def test_amocrm_naive_now_is_a_programming_error():
    with pytest.raises(ValueError, match="aware") as caught:
        parse_amocrm(amocrm_form(add=[lead()]), now=datetime(2026, 11, 26, 12, 0))
    assert not isinstance(caught.value, PayloadError)


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        (amocrm_form(add=[lead(price="12 000")]), "leads[add][0][price] must be a non-negative"),
        (amocrm_form(add=[lead(price="-5")]), "leads[add][0][price] must be a non-negative"),
        (amocrm_form(add=[lead(price="NaN")]), "leads[add][0][price] must be a non-negative"),
        (amocrm_form(add=[lead(), lead(id="x1")]), "leads[add][1][id] must be a non-negative"),
        (amocrm_form(add=[lead(id=...)]), "leads[add][0][id] is missing"),
        (amocrm_form(status=[lead(status_id=...)]), "leads[status][0][status_id] is missing"),
        (amocrm_form(status=[lead(status_id="new")]), "leads[status][0][status_id] must be"),
        (amocrm_form(add=[lead(pipeline_id="1.5")]), "leads[add][0][pipeline_id] must be"),
        (
            amocrm_form(add=[lead(responsible_user_id="Ivan")]),
            "leads[add][0][responsible_user_id] must be",
        ),
        (amocrm_form(add=[lead(date_create="yesterday")]), "leads[add][0][date_create] must be"),
        (amocrm_form(add=[lead(date_create="5")]), "leads[add][0][date_create] is out of range"),
        (amocrm_form(add=[lead(id={"a": "1"})]), "leads[add][0][id] must be a single value"),
        ({"leads": "x"}, "leads must be a group"),
        ({"leads[add][x][id]": "1"}, "leads[add] must be a list"),
        ({"leads[add][0]": "1"}, "leads[add][0] must be a group of fields"),
    ],
)
def test_amocrm_bad_values_name_the_form_key(form, expected):
    assert reason(parse_amocrm, form, now=NOW).startswith(expected)
