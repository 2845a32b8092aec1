"""Verify and parse the webhooks of telephony and CRM providers into plain records.

Pure functions: no I/O, no database, no clock (amoCRM's fallback time is passed in).
Each ``parse_*`` function either returns a list of records or raises one of two
exceptions, which the HTTP layer maps to a status code:

* :class:`SignatureError` -- a missing or wrong signature, key or token: HTTP 401, nothing
  is written. Signatures are always checked *before* the body is interpreted.
* :class:`PayloadError` -- a malformed body: HTTP 400 with ``reason``, a short English
  sentence naming the field (``"item 3: duration_s must be a non-negative integer"``).

A misconfiguration on our side (an empty secret, an unknown time zone, a naive ``now``)
raises a plain :class:`ValueError`: that is a bug or a bad setting, not the sender's fault.
Secrets are compared with :func:`hmac.compare_digest`.

Generic endpoint (our own format)
---------------------------------
``POST /ingest/calls`` with a JSON object or array of objects ``{external_id,
occurred_at, duration_s, direction, agent, source?, client?}`` and the header
``X-Signature: sha256=<hex HMAC-SHA256 of the raw body keyed with the secret>`` (the bare
hex is accepted too); :func:`sign_generic` computes it. ``occurred_at`` is ISO 8601 with an
offset or ``Z``, or Unix seconds; ``direction`` is ``in``/``out`` (or
``inbound``/``outbound``, ``incoming``/``outgoing``); at most 1000 events per body and
24 h per call.

Mango Office (VPBX API), :func:`parse_mango`, :func:`check_mango`
-----------------------------------------------------------------
The VPBX posts ``application/x-www-form-urlencoded`` fields ``vpbx_api_key``, ``sign`` and
``json`` to ``<our url>/events/<name>``; ``sign = sha256_hex(vpbx_api_key + json +
vpbx_api_salt)`` over the ``json`` text exactly as sent. Only ``/events/summary`` (the
final event of a call) becomes a record; :func:`check_mango` verifies the other events
(``/events/call``, ``/events/recording``, ``/events/dtmf``...). Fields of the summary
JSON used here: ``entry_id`` (the dedupe key), ``call_direction`` (0 internal, 1
incoming, 2 outgoing), ``from``/``to`` objects with ``extension`` and ``number``,
``line_number``, ``create_time`` (start), ``talk_time`` (answer, 0 if unanswered) and
``end_time``, all Unix seconds (so no time-zone question). ``forward_time``,
``entry_result`` and ``disconnect_reason`` are not needed.

Sources: the official "MangoOffice_VPBX_API_v1.9.pdf"
(https://www.mango-office.ru/upload/api/MangoOffice_VPBX_API_v1.9.pdf, stored as a binary
in github.com/maxodrom/yii2-mango-office-api ``docs/``, not readable here), so the details
are taken from that module's code: ``src/controllers/BaseController.php`` (``buildSign``:
``hash('sha256', apiKey . json . apiSalt)``, and the api key compared first),
``src/controllers/EventsController.php`` (the summary field list) and
``src/models/events/Summary.php`` (field meanings); the values of ``call_direction``
(0/1/2) and ``entry_result`` (1 success, 0 missed) come from a public Laravel handler's
``MangoCallEnums``, whose sample summary also shows that an employee's ``number`` may be
a SIP URI (``sip:user6@vpbx400137851.mangosip.ru``). Several other public webhook handlers
check ``sign`` the same way.

* ``duration_s`` = ``end_time - talk_time`` when ``talk_time > 0``, else 0.
* ``agent`` is the employee's side: ``to`` for incoming, ``from`` for outgoing; its
  ``extension``, else its ``number`` (digits only if it is a phone number, the SIP URI as
  is otherwise); an incoming call that reached nobody falls back to ``line_number``.
* ``client`` is the other side's ``number`` when it is a phone number.
* Internal calls (``call_direction`` 0) are not sales calls: ``[]``.

Zadarma, :func:`parse_zadarma`, :func:`zadarma_echo`
----------------------------------------------------
Zadarma posts form fields to the notification URL with the header ``Signature =
base64(hex(HMAC-SHA1(<fields of the event concatenated>, api_secret)))`` -- note the hex
step: PHP's ``hash_hmac`` returns lowercase hex, and the base64 is of those 40 ASCII
characters, not of the 20 raw bytes. The concatenated fields per event
(``getSignatureString()`` in github.com/zadarma/user-api-v1 ``lib/Webhook/*.php``):

=====================================  =============================================
``NOTIFY_START``, ``NOTIFY_IVR``,      ``caller_id + called_did + call_start``
``NOTIFY_INTERNAL``, ``NOTIFY_END``
``NOTIFY_ANSWER``                      ``caller_id + destination + call_start``
``NOTIFY_OUT_START``,                  ``internal + destination + call_start``
``NOTIFY_OUT_END``
``NOTIFY_RECORD``                      ``pbx_call_id + call_id_with_rec``
=====================================  =============================================

Other events (``SMS``, ``SPEECH_RECOGNITION``, unknown ones) have no defined signature and
give ``[]`` unchecked. Only ``NOTIFY_END`` (end of an incoming call) and ``NOTIFY_OUT_END``
(end of an outgoing call) become records; the other signed events give ``[]`` after their
signature is checked. Fields used: ``pbx_call_id`` (dedupe key), ``call_start``
(``YYYY-MM-DD HH:MM:SS``), ``caller_id``, ``called_did``, ``destination``, ``internal``
(the extension: the agent), ``duration`` (seconds) and ``disposition`` (``answered``,
``busy``, ``cancel``, ``no answer``, ``failed``...; anything but ``answered`` gives
duration 0). Zadarma checks the URL with ``GET ?zd_echo=<text>`` and expects the text back.

Sources: zadarma/user-api-v1 ``lib/Webhook/NotifyEnd.php``, ``NotifyOutEnd.php`` (fields,
disposition values), ``lib/Api.php`` (``getWebhookEvent``: which class checks which
event), ``examples/callinfo_callback.php`` (``zd_echo``, ``base64_encode(hash_hmac('sha1',
...))``); zadarma/user-api-py-v1 ``zadarma/api.py`` encodes its API signatures the same
way (``b64encode(hexdigest)``); https://zadarma.com/en/support/api/ (API reference) and a
reseller's copy of its notification chapter
(https://phoenixsolutionssl.freshdesk.com/support/solutions/articles/48001258477) with the
event list and ``base64_encode(hash_hmac('sha1', caller_id . called_did . call_start, ...))``.

**Unconfirmed: the time zone of** ``call_start``. The documentation does not name it; it is
a wall-clock time without an offset, which a public integration
(Nik1125/twenty-zadarma, ``handle-zadarma-pbx-webhook.logic-function.ts``) reports to be
the time zone set in the Zadarma personal account (``GET /v1/info/timezone`` returns it,
e.g. ``"UTC+3"``). So it is the ``tz`` parameter (default ``"UTC"``): an IANA name
(``"Europe/Moscow"``) or a fixed offset as Zadarma writes it (``"UTC+3"``, ``"GMT-05:30"``).

amoCRM (leads), :func:`parse_amocrm`, :func:`parse_form_brackets`
-----------------------------------------------------------------
amoCRM posts ``application/x-www-form-urlencoded`` with PHP-style bracketed keys
(``leads[add][0][id]``, ``leads[status][0][status_id]``, ``account[subdomain]``...), i.e.
``{entity: {action: {0: {fields}}}}``; :func:`parse_form_brackets` turns the flat form
into nested dicts and lists. Fields used: ``id``, ``name``, ``status_id``,
``pipeline_id``, ``responsible_user_id``, ``price``, ``date_create`` (the time of a new
lead), ``last_modified`` (the time of a status change) and
``custom_fields[i][id]``/``custom_fields[i][values][0][value]``. A lead may appear both in
``leads[add]`` and ``leads[status]`` of one request: each gives its own record.
``leads[update]`` and the other entities (contacts, companies, tasks) are ignored: a status
change arrives as ``leads[status]`` when that event is subscribed. amoCRM webhooks carry
**no signature**; the server authenticates them with a secret token in the URL path.

Sources: https://www.amocrm.ru/developers/content/crm_platform/webhooks-format (format
and encoding); real captured payloads in github.com/Bolid1/zapier_build
``app/tests/add_lead_catch_hook.js`` and ``status_lead_catch_hook.js`` (by an amoCRM
developer; User-Agent ``amoCRM-WebHook-client/1.0``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.feeds import CallEvent, CrmEvent

__all__ = [
    "MAX_DURATION_S",
    "MAX_EVENTS",
    "CallEvent",
    "CrmEvent",
    "PayloadError",
    "SignatureError",
    "check_mango",
    "parse_amocrm",
    "parse_form_brackets",
    "parse_generic",
    "parse_mango",
    "parse_zadarma",
    "sign_generic",
    "zadarma_echo",
]

MAX_EVENTS = 1000
"""Most events accepted in one generic body."""

MAX_DURATION_S = 24 * 3600
"""Longest call accepted by the generic endpoint, in seconds."""

_MAX_TEXT = 255
_MAX_BRACKET_DEPTH = 12
_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
_LATEST = datetime(2100, 1, 1, tzinfo=UTC)

_PHONE = re.compile(r"\+?[\d(][\d\s().-]*", re.ASCII)
_NON_DIGIT = re.compile(r"\D", re.ASCII)
_UNSIGNED = re.compile(r"\d{1,18}", re.ASCII)
_AMOUNT = re.compile(r"\d{1,15}(?:\.\d{1,6})?", re.ASCII)
_OFFSET_ZONE = re.compile(r"(?:UTC|GMT)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?", re.ASCII | re.I)
_FORM_KEY = re.compile(r"([^\[\]]+)((?:\[[^\[\]]*\])*)")
_BRACKET = re.compile(r"\[([^\[\]]*)\]")

_DIRECTIONS = {
    "in": "in",
    "inbound": "in",
    "incoming": "in",
    "out": "out",
    "outbound": "out",
    "outgoing": "out",
}

_ZADARMA_SIGNED_FIELDS: dict[str, tuple[str, ...]] = {
    "NOTIFY_START": ("caller_id", "called_did", "call_start"),
    "NOTIFY_IVR": ("caller_id", "called_did", "call_start"),
    "NOTIFY_INTERNAL": ("caller_id", "called_did", "call_start"),
    "NOTIFY_END": ("caller_id", "called_did", "call_start"),
    "NOTIFY_ANSWER": ("caller_id", "destination", "call_start"),
    "NOTIFY_OUT_START": ("internal", "destination", "call_start"),
    "NOTIFY_OUT_END": ("internal", "destination", "call_start"),
    "NOTIFY_RECORD": ("pbx_call_id", "call_id_with_rec"),
}
_ZADARMA_CALL_ENDS = {"NOTIFY_END": "in", "NOTIFY_OUT_END": "out"}
_ZADARMA_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class PayloadError(ValueError):
    """A malformed body: HTTP 400 with ``reason`` (a short English sentence naming the field)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SignatureError(Exception):
    """A missing or wrong signature/token: HTTP 401, nothing written."""


# --- shared helpers -------------------------------------------------------------------------


def _equal(given: str, expected: str) -> bool:
    """Constant-time comparison of two texts (any characters, unlike ``compare_digest(str)``)."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _require_secret(secret: str, what: str) -> None:
    if not secret:
        raise ValueError(f"the {what} is empty: refusing to accept unauthenticated webhooks")


def _shown(value: object) -> str:
    """A short, safe rendering of an offending value for a reason."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _phone_digits(text: str) -> str | None:
    """The digits of a phone number (``+7 (999) 123-45-67`` -> ``79991234567``), else None."""
    text = text.strip()
    if _PHONE.fullmatch(text) is None:
        return None
    return _NON_DIGIT.sub("", text) or None


def _agent_text(text: str) -> str:
    """An agent label: a phone number becomes its digits, anything else stays as written."""
    text = text.strip()
    return _phone_digits(text) or text


def _in_range(moment: datetime, what: str) -> datetime:
    if not _EARLIEST <= moment < _LATEST:
        raise PayloadError(f"{what} is out of range (expected a time between 2000 and 2100)")
    return moment


def _from_unix(seconds: float, what: str) -> datetime:
    """Aware UTC time from Unix seconds, with a reason naming ``what`` when impossible."""
    try:
        moment = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        raise PayloadError(f"{what} is not a valid Unix timestamp in seconds") from None
    return _in_range(moment, what)


def _text(value: object, what: str) -> str | None:
    """An optional short text field (a JSON string or integer); None when absent or blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PayloadError(f"{what} must be a string")
    text = str(value).strip()
    if len(text) > _MAX_TEXT:
        raise PayloadError(f"{what} is longer than {_MAX_TEXT} characters")
    return text


def _required_text(value: object, what: str) -> str:
    """Like :func:`_text`, but absent or blank is an error."""
    text = _text(value, what)
    if text is None:
        raise PayloadError(f"{what} is missing")
    return text


# --- generic ----------------------------------------------------------------------------


def sign_generic(body: bytes, secret: str) -> str:
    """The ``X-Signature`` header value a sender computes for ``body``.

    >>> sign_generic(b'{"a": 1}', "s3cret")[:7]
    'sha256='
    """
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _check_generic_signature(body: bytes, signature: str | None, secret: str) -> None:
    _require_secret(secret, "generic ingest secret")
    given = (signature or "").strip()
    if not given:
        raise SignatureError("missing X-Signature header")
    if given[:7].lower() == "sha256=":
        given = given[7:].strip()
    if not _equal(given.lower(), sign_generic(body, secret)[7:]):
        raise SignatureError("wrong X-Signature")


def parse_generic(body: bytes, signature: str | None, secret: str) -> list[CallEvent]:
    """Verify ``X-Signature`` over the raw ``body``, then parse our own JSON call format.

    The body is one object or an array of 1 to :data:`MAX_EVENTS` objects. Reasons of
    :class:`PayloadError` name the item (0-based) and the field.
    """
    _check_generic_signature(body, signature, secret)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise PayloadError("body is not valid UTF-8 JSON") from None
    if isinstance(data, dict):
        items: list[Any] = [data]
    elif isinstance(data, list):
        items = data
    else:
        raise PayloadError("body must be a JSON object or an array of objects")
    if not items:
        raise PayloadError("body is an empty array: send at least one call")
    if len(items) > MAX_EVENTS:
        raise PayloadError(f"body has {len(items)} events; at most {MAX_EVENTS} per request")
    return [_generic_item(index, item) for index, item in enumerate(items)]


def _generic_item(index: int, item: object) -> CallEvent:
    where = f"item {index}"
    if not isinstance(item, dict):
        raise PayloadError(f"{where} must be a JSON object")
    external_id = _required_text(item.get("external_id"), f"{where}: external_id")
    agent = _required_text(item.get("agent"), f"{where}: agent")
    source = _text(item.get("source"), f"{where}: source")
    client = _text(item.get("client"), f"{where}: client")
    return CallEvent(
        provider="generic",
        external_id=external_id,
        occurred_at=_generic_time(item.get("occurred_at"), f"{where}: occurred_at"),
        duration_s=_generic_duration(item.get("duration_s"), f"{where}: duration_s"),
        direction=_generic_direction(item.get("direction"), f"{where}: direction"),
        agent=_agent_text(agent),
        source=source,
        client=(_phone_digits(client) or client) if client else None,
    )


def _generic_time(value: object, what: str) -> datetime:
    if value is None:
        raise PayloadError(f"{what} is missing")
    if isinstance(value, bool):
        raise PayloadError(f"{what} must be an ISO 8601 string or a Unix timestamp")
    if isinstance(value, int | float):
        return _from_unix(value, what)
    if not isinstance(value, str):
        raise PayloadError(f"{what} must be an ISO 8601 string or a Unix timestamp")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise PayloadError(
            f"{what} must be ISO 8601 with an offset, like 2026-11-26T10:15:00+03:00, "
            f"got {_shown(value)}"
        ) from None
    if moment.utcoffset() is None:
        raise PayloadError(
            f"{what} has no UTC offset; add 'Z' or '+03:00' (a naive time is ambiguous)"
        )
    try:
        return _in_range(moment.astimezone(UTC), what)
    except OverflowError:
        raise PayloadError(f"{what} is out of range") from None


def _generic_duration(value: object, what: str) -> int:
    if value is None:
        raise PayloadError(f"{what} is missing")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PayloadError(f"{what} must be a non-negative integer")
    if value > MAX_DURATION_S:
        raise PayloadError(f"{what} is over 24 hours ({MAX_DURATION_S} seconds)")
    return value


def _generic_direction(value: object, what: str) -> str:
    if value is None:
        raise PayloadError(f"{what} is missing")
    direction = _DIRECTIONS.get(value.strip().lower()) if isinstance(value, str) else None
    if direction is None:
        raise PayloadError(f"{what} must be 'in' or 'out', got {_shown(value)}")
    return direction


# --- Mango Office -----------------------------------------------------------------------


def check_mango(form: Mapping[str, str], api_key: str, api_salt: str) -> None:
    """Verify any Mango Office VPBX event: its ``vpbx_api_key`` and its ``sign``.

    Raises :class:`SignatureError` when the key is not ours or ``sign`` is not
    ``sha256_hex(vpbx_api_key + json + vpbx_api_salt)``; returns None otherwise.
    """
    _require_secret(api_key, "Mango vpbx_api_key")
    _require_secret(api_salt, "Mango vpbx_api_salt")
    key = form.get("vpbx_api_key") or ""
    if not key or not _equal(key.strip(), api_key):
        raise SignatureError("wrong or missing vpbx_api_key")
    sign = (form.get("sign") or "").strip()
    if not sign:
        raise SignatureError("missing sign")
    payload = form.get("json") or ""
    expected = hashlib.sha256((api_key + payload + api_salt).encode("utf-8")).hexdigest()
    if not _equal(sign.lower(), expected):
        raise SignatureError("wrong sign")


def parse_mango(form: Mapping[str, str], api_key: str, api_salt: str) -> list[CallEvent]:
    """Verify and parse a Mango Office ``/events/summary`` post (form-decoded fields).

    Returns one :class:`CallEvent`, or ``[]`` for an internal call (``call_direction``
    0). See the module docstring for the fields and their sources.
    """
    check_mango(form, api_key, api_salt)
    try:
        data = json.loads(form.get("json") or "")
    except (ValueError, RecursionError):
        raise PayloadError("json is not valid JSON") from None
    if not isinstance(data, dict):
        raise PayloadError("json must be a JSON object (the summary event)")
    external_id = _required_text(data.get("entry_id"), "json.entry_id")
    kind = _mango_int(data, "call_direction")
    if kind not in (0, 1, 2):
        raise PayloadError("json.call_direction must be 0 (internal), 1 (in) or 2 (out)")
    if kind == 0:
        return []
    started = _from_unix(_mango_int(data, "create_time"), "json.create_time")
    answered = _mango_int(data, "talk_time")
    ended = _mango_int(data, "end_time")
    if answered > 0 and ended < answered:
        raise PayloadError("json.end_time is before json.talk_time")
    caller, callee = _mango_party(data, "from"), _mango_party(data, "to")
    if kind == 1:
        direction, ours, theirs = "in", callee, caller
        fallback = _text(data.get("line_number"), "json.line_number")
    else:
        direction, ours, theirs = "out", caller, callee
        fallback = None
    side = "to" if kind == 1 else "from"
    agent = ours["extension"] or ours["number"] or fallback
    if agent is None:
        raise PayloadError(f"json.{side} has neither extension nor number (who took the call?)")
    return [
        CallEvent(
            provider="mango",
            external_id=external_id,
            occurred_at=started,
            duration_s=ended - answered if answered > 0 else 0,
            direction=direction,
            agent=_agent_text(agent),
            client=_phone_digits(theirs["number"]) if theirs["number"] else None,
        )
    ]


def _mango_int(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    if value is None:
        raise PayloadError(f"json.{key} is missing")
    if isinstance(value, str) and _UNSIGNED.fullmatch(value.strip()):
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PayloadError(f"json.{key} must be a non-negative integer, got {_shown(value)}")
    return value


def _mango_party(data: Mapping[str, Any], key: str) -> dict[str, str | None]:
    value = data.get(key)
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise PayloadError(f"json.{key} must be an object with extension and number")
    return {
        field: _text(value.get(field), f"json.{key}.{field}") for field in ("extension", "number")
    }


# --- Zadarma ----------------------------------------------------------------------------


def zadarma_echo(query: Mapping[str, str]) -> str | None:
    """Zadarma's URL check: the ``zd_echo`` query value to answer (as text/plain), or None."""
    value = query.get("zd_echo")
    return value if isinstance(value, str) else None


def _zadarma_signature(form: Mapping[str, str], fields: tuple[str, ...], secret: str) -> str:
    message = "".join(form.get(field) or "" for field in fields).encode("utf-8")
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha1).hexdigest()
    return base64.b64encode(digest.encode("ascii")).decode("ascii")


def _zone(name: str) -> tzinfo:
    """An IANA zone (``Europe/Moscow``) or a fixed offset (``UTC``, ``UTC+3``, ``GMT-05:30``)."""
    text = name.strip()
    match = _OFFSET_ZONE.fullmatch(text)
    if match is not None:
        sign, hours, minutes = match.groups()
        if sign is None:
            return UTC
        offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if offset > timedelta(hours=14) or int(minutes or 0) >= 60:
            raise ValueError(f"unknown time zone {name!r}")
        return timezone(-offset if sign == "-" else offset)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a directory
        raise ValueError(f"unknown time zone {name!r}") from None


def parse_zadarma(
    form: Mapping[str, str], signature: str | None, secret: str, *, tz: str = "UTC"
) -> list[CallEvent]:
    """Verify and parse a Zadarma PBX notification (form-decoded POST fields).

    ``signature`` is the ``Signature`` header; ``tz`` is the time zone of ``call_start``
    (the Zadarma account's zone; see the module docstring, it is not documented). Returns
    one :class:`CallEvent` for ``NOTIFY_END``/``NOTIFY_OUT_END`` and ``[]`` for the other
    events. An unknown ``tz`` raises :class:`ValueError` (a setting, not the sender's fault).
    """
    zone = _zone(tz)
    _require_secret(secret, "Zadarma API secret")
    event = (form.get("event") or "").strip()
    if not event:
        raise PayloadError("event is missing")
    fields = _ZADARMA_SIGNED_FIELDS.get(event)
    if fields is None:
        return []
    given = (signature or "").strip()
    if not given:
        raise SignatureError("missing Signature header")
    if not _equal(given, _zadarma_signature(form, fields, secret)):
        raise SignatureError("wrong Signature")
    direction = _ZADARMA_CALL_ENDS.get(event)
    if direction is None:
        return []

    external_id = _required_text(form.get("pbx_call_id"), "pbx_call_id")
    started = _zadarma_time(form.get("call_start"), zone)
    duration = (form.get("duration") or "").strip()
    if not _UNSIGNED.fullmatch(duration):
        raise PayloadError(f"duration must be a non-negative integer, got {_shown(duration)}")
    disposition = (form.get("disposition") or "").strip().lower()
    if not disposition:
        raise PayloadError("disposition is missing")
    internal = _text(form.get("internal"), "internal")
    if direction == "in":
        ours = _text(form.get("called_did"), "called_did")
        theirs = _text(form.get("caller_id"), "caller_id")
    else:
        ours = _text(form.get("caller_id"), "caller_id")
        theirs = _text(form.get("destination"), "destination")
    agent = internal or ours
    if agent is None:
        raise PayloadError("internal (the extension) is missing, and so is our number")
    return [
        CallEvent(
            provider="zadarma",
            external_id=external_id,
            occurred_at=started,
            duration_s=int(duration) if disposition == "answered" else 0,
            direction=direction,
            agent=_agent_text(agent),
            client=_phone_digits(theirs) if theirs else None,
        )
    ]


def _zadarma_time(value: str | None, zone: tzinfo) -> datetime:
    text = (value or "").strip()
    if not text:
        raise PayloadError("call_start is missing")
    try:
        local = datetime.strptime(text, _ZADARMA_TIME_FORMAT)
    except ValueError:
        raise PayloadError(
            f"call_start must be 'YYYY-MM-DD HH:MM:SS', got {_shown(text)}"
        ) from None
    return _in_range(local.replace(tzinfo=zone).astimezone(UTC), "call_start")


# --- amoCRM -----------------------------------------------------------------------------


def parse_form_brackets(form: Mapping[str, str]) -> dict[str, Any]:
    """Nest a flat form with PHP-style bracketed keys into dicts and lists.

    A group whose keys are all small non-negative integers becomes a list in index order;
    ``[]`` appends. A key that is both a value and a group, or a key that is not
    ``name[part][part]...``, raises :class:`PayloadError`.

    >>> parse_form_brackets({"leads[add][0][id]": "7", "account[subdomain]": "acme"})
    {'leads': {'add': [{'id': '7'}]}, 'account': {'subdomain': 'acme'}}
    """
    root: dict[str, Any] = {}
    for key, value in form.items():
        if not isinstance(value, str):
            raise PayloadError(f"{key} must be a text field")
        match = _FORM_KEY.fullmatch(key)
        if match is None:
            raise PayloadError(f"malformed form key {_shown(key)}")
        parts = [match.group(1), *_BRACKET.findall(match.group(2))]
        if len(parts) > _MAX_BRACKET_DEPTH:
            raise PayloadError(f"form key {_shown(key)} is nested too deeply")
        node = root
        for part in parts[:-1]:
            name = part or str(len(node))
            child = node.setdefault(name, {})
            if not isinstance(child, dict):
                raise PayloadError(f"form key {_shown(key)} conflicts with another key")
            node = child
        name = parts[-1] or str(len(node))
        if isinstance(node.get(name), dict):
            raise PayloadError(f"form key {_shown(key)} conflicts with another key")
        node[name] = value
    return {name: _as_lists(child) for name, child in root.items()}


def _as_lists(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    nested = {name: _as_lists(child) for name, child in node.items()}
    if nested and all(_is_index(name) for name in nested):
        return [nested[name] for name in sorted(nested, key=int)]
    return nested


def _is_index(name: str) -> bool:
    return name.isascii() and name.isdigit() and len(name) <= 9


def parse_amocrm(
    form: Mapping[str, str],
    *,
    source_field_id: int | None = None,
    pipeline_sources: Mapping[int, str] | None = None,
    now: datetime,
) -> list[CrmEvent]:
    """Parse an amoCRM webhook (form-decoded fields) into new-lead and status records.

    ``leads[add]`` gives ``kind="lead"`` (time: ``date_create``), ``leads[status]`` gives
    ``kind="status"`` (time: ``last_modified``); a missing time is ``now`` (aware, given by
    the caller). ``source`` is the first value of the custom field ``source_field_id``, else
    ``pipeline_sources[pipeline_id]``, else None. A form without leads gives ``[]``. There is
    no signature to check (see the module docstring). A bad number raises
    :class:`PayloadError` naming the form key, e.g. ``leads[add][0][price]``.
    """
    if now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    fallback = now.astimezone(UTC)
    leads = parse_form_brackets(form).get("leads")
    if leads is None:
        return []
    if not isinstance(leads, dict):
        raise PayloadError("leads must be a group like leads[add][0][id]")
    events: list[CrmEvent] = []
    for action, kind in (("add", "lead"), ("status", "status")):
        group = leads.get(action)
        if group is None:
            continue
        if not isinstance(group, list):
            raise PayloadError(f"leads[{action}] must be a list like leads[{action}][0][id]")
        for index, lead in enumerate(group):
            prefix = f"leads[{action}][{index}]"
            if not isinstance(lead, dict):
                raise PayloadError(f"{prefix} must be a group of fields like {prefix}[id]")
            events.append(
                _amocrm_event(lead, prefix, kind, fallback, source_field_id, pipeline_sources or {})
            )
    return events


def _amocrm_event(
    lead: Mapping[str, Any],
    prefix: str,
    kind: str,
    fallback: datetime,
    source_field_id: int | None,
    pipeline_sources: Mapping[int, str],
) -> CrmEvent:
    lead_id = _amo_int(lead, prefix, "id")
    if lead_id is None:
        raise PayloadError(f"{prefix}[id] is missing")
    status_id = _amo_int(lead, prefix, "status_id")
    if status_id is None and kind == "status":
        raise PayloadError(f"{prefix}[status_id] is missing")
    pipeline_id = _amo_int(lead, prefix, "pipeline_id")
    responsible = _amo_int(lead, prefix, "responsible_user_id")
    time_field = "date_create" if kind == "lead" else "last_modified"
    seconds = _amo_int(lead, prefix, time_field)
    occurred_at = fallback if seconds is None else _from_unix(seconds, f"{prefix}[{time_field}]")
    external_id = f"lead:{lead_id}" if kind == "lead" else f"status:{lead_id}:{status_id}"
    source = _amo_custom_value(lead.get("custom_fields"), source_field_id)
    if source is None and pipeline_id is not None:
        source = pipeline_sources.get(pipeline_id)
    return CrmEvent(
        provider="amocrm",
        kind=kind,
        external_id=external_id,
        lead_id=str(lead_id),
        occurred_at=occurred_at,
        agent=None if responsible is None else str(responsible),
        status_id=status_id,
        pipeline_id=pipeline_id,
        price=_amo_price(lead, prefix),
        name=_amo_text(lead.get("name")),
        source=source,
    )


def _amo_scalar(lead: Mapping[str, Any], prefix: str, field: str) -> str | None:
    value = lead.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PayloadError(f"{prefix}[{field}] must be a single value, not a group")
    return value.strip() or None


def _amo_int(lead: Mapping[str, Any], prefix: str, field: str) -> int | None:
    text = _amo_scalar(lead, prefix, field)
    if text is None:
        return None
    if _UNSIGNED.fullmatch(text) is None:
        raise PayloadError(f"{prefix}[{field}] must be a non-negative integer, got {_shown(text)}")
    return int(text)


def _amo_price(lead: Mapping[str, Any], prefix: str) -> Decimal | None:
    text = _amo_scalar(lead, prefix, "price")
    if text is None:
        return None
    if _AMOUNT.fullmatch(text) is None:
        raise PayloadError(f"{prefix}[price] must be a non-negative number, got {_shown(text)}")
    return Decimal(text)


def _amo_text(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()[:_MAX_TEXT]


def _amo_custom_value(fields: object, field_id: int | None) -> str | None:
    """The first value of the custom field ``field_id``, if the lead has it filled."""
    if field_id is None or not isinstance(fields, list):
        return None
    for field in fields:
        if not isinstance(field, dict) or str(field.get("id", "")).strip() != str(field_id):
            continue
        values = field.get("values")
        first = values[0] if isinstance(values, list) and values else None
        if isinstance(first, dict):
            first = first.get("value")
        text = _amo_text(first)
        if text is not None:
            return text
    return None
