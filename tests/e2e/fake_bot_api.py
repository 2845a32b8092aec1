"""A local fake of the Telegram Bot API for end-to-end tests.

:class:`FakeBotAPI` is an aiohttp application that speaks the Bot API wire protocol the way
aiogram 3 uses it (``POST {base}/bot{token}/{method}`` with form data, JSON answers
``{"ok": ..., "result": ...}``), keeps the state a bot can observe (chats, message ids, uploaded
files, commands, the update queue) and records every request so that tests can assert on what
the bot did.  It binds ``127.0.0.1`` on an ephemeral port and never touches the network.

Typical use from a test::

    alice = fake_api.user(1001, "Alice")
    fake_api.send_text(alice, "/start")
    reply = await fake_api.wait_for_message(alice["id"], contains="Привет")
    fake_api.press_button(alice, reply, fake_api.find_button(reply, "Отчёт")["callback_data"])

Webhook mode: after the bot's ``setWebhook`` the fake delivers pushed updates the way
Telegram does - one at a time, in order, as a JSON ``POST`` with the header
``X-Telegram-Bot-Api-Secret-Token``, retrying with a small backoff until the bot answers 2xx -
instead of queueing them for getUpdates.  The URL the bot registers is https and public, so the
test says where the bot really listens::

    fake_api.deliver_to = "http://127.0.0.1:8081/tg/hook"  # or a list: a load balancer

Where the real API returns an error for a request (empty text, unknown message to edit,
"message is not modified", bad HTML markup, oversized callback_data, a user who blocked the
bot, ...) the fake returns the same error code and description, so such bugs surface in tests.
"""

from __future__ import annotations

import asyncio
import copy
import io
import itertools
import json
import mimetypes
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Self, TypeVar

import aiohttp
from aiohttp import web

try:  # Pillow is a matplotlib dependency; without it photo dimensions are guessed.
    from PIL import Image
except ImportError:  # pragma: no cover - depends on the environment
    Image = None  # type: ignore[assignment]

__all__ = [
    "ALL_UPDATE_TYPES",
    "DEFAULT_UPDATE_TYPES",
    "TEST_TOKEN_SECRET",
    "FakeBotAPI",
    "Request",
    "UploadedFile",
    "WebhookDelivery",
]

T = TypeVar("T")
JSON = dict[str, Any]

#: The part after ``{bot_id}:`` in tokens produced by :meth:`FakeBotAPI.token`.  It passes
#: aiogram's ``validate_token`` (digits, a colon, then letters/digits/``-``/``_``).
TEST_TOKEN_SECRET = "AAE_test_token_0123456789abcdefghijk"

#: Every update type of Bot API 9.x, in the order of the ``Update`` object documentation.
ALL_UPDATE_TYPES: tuple[str, ...] = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "message_reaction",
    "message_reaction_count",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
)
#: What Telegram delivers when ``allowed_updates`` was never set or set to ``[]``.
DEFAULT_UPDATE_TYPES: frozenset[str] = frozenset(ALL_UPDATE_TYPES) - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}

# Form fields that are plain strings in the Bot API.  aiogram sends ``str`` values verbatim and
# JSON-encodes everything else, so these must not go through ``json.loads`` (a text "42" must
# stay the string "42"); every other field is JSON-decoded when possible.
_STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "ip_address",
        "action",
        "file_id",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "emoji",
        "title",
        "name",
        "description",
        "short_description",
        "photo",
        "document",
        "video",
        "audio",
        "animation",
        "voice",
        "video_note",
        "sticker",
        "thumbnail",
        "certificate",
        "question",
        "address",
        "first_name",
        "last_name",
        "phone_number",
        "vcard",
        "query",
        "payload",
        "currency",
        "provider_token",
        "start_parameter",
        "custom_title",
        "invite_link",
        "sticker_set_name",
    }
)

_SEND_METHODS = ("sendMessage", "sendPhoto", "sendDocument")
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_BOT_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_COMMAND_NAME_RE = re.compile(r"[a-z0-9_]{1,32}")
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_SECRET_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_MAX_TEXT = 4096
_MAX_CAPTION = 1024
_MAX_CALLBACK_ANSWER = 200
_PHOTO_SIZE_STEPS = (90, 320, 800, 1280, 2560)


@dataclass(frozen=True)
class UploadedFile:
    """A file that arrived in a multipart request: what the bot uploaded, byte for byte."""

    filename: str
    content: bytes
    content_type: str


@dataclass
class Request:
    """One HTTP request received by the fake server, recorded in arrival order.

    ``params`` holds the decoded form fields: JSON-typed fields (``reply_markup``, ``commands``,
    ``scope``, ``chat_id``, ``offset``, booleans, ...) are Python objects, text fields are
    strings.  ``files`` maps the parameter that referenced an upload (``"photo"``,
    ``"document"``) to the uploaded file; uploads referenced only from inside JSON (media
    groups) are keyed by their multipart part name.  ``time`` is ``time.monotonic()`` at
    arrival, so differences between requests are meaningful (e.g. a retry after a 429).
    ``status``/``response`` are filled in once the answer is known (``None`` while a
    ``getUpdates`` long poll is still waiting).  File downloads are recorded with the
    pseudo-method ``"downloadFile"`` and ``params == {"file_path": ...}``.  A method the bot
    returned in its answer to a webhook delivery has ``http_method == "WEBHOOK"``.
    """

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    time: float
    token: str = ""
    http_method: str = "POST"
    status: int | None = None
    response: JSON | None = None

    @property
    def ok(self) -> bool:
        """Whether the server answered ``{"ok": true, ...}``."""
        return self.response is not None and self.response.get("ok") is True

    @property
    def result(self) -> Any:
        """The ``result`` of a successful answer (a Message dict for ``send*``), else None."""
        return self.response.get("result") if self.ok and self.response else None

    @property
    def error(self) -> str | None:
        """The ``description`` of an error answer, else None."""
        if self.response is None or self.response.get("ok"):
            return None
        return str(self.response.get("description"))

    @property
    def chat_id(self) -> Any:
        """The ``chat_id`` parameter as sent (an int, or an ``@username`` string)."""
        return self.params.get("chat_id")

    @property
    def text(self) -> str | None:
        """The ``text`` or ``caption`` parameter as sent (raw, with any HTML markup)."""
        value = self.params.get("text", self.params.get("caption"))
        return value if isinstance(value, str) else None

    @property
    def message(self) -> JSON | None:
        """The Message returned for a ``send*``/``edit*`` call (None for other results)."""
        result = self.result
        return result if isinstance(result, dict) and "message_id" in result else None

    def summary(self) -> str:
        """A one-line human readable description, used in timeout dumps."""
        parts = [self.method]
        for key, value in self.params.items():
            if key in self.files:
                upload = self.files[key]
                parts.append(f"{key}=<{upload.filename}: {len(upload.content)} bytes>")
            elif key == "reply_markup" and isinstance(value, dict):
                parts.append(f"reply_markup={_markup_summary(value)}")
            else:
                parts.append(f"{key}={_short(value)}")
        if self.status is None:
            parts.append("-> (pending)")
        elif self.ok:
            message = self.message
            parts.append(f"-> ok message_id={message['message_id']}" if message else "-> ok")
        else:
            parts.append(f"-> {self.status} {self.error}")
        return " ".join(parts)


@dataclass
class WebhookDelivery:
    """One attempt to deliver an update to the bot's webhook, recorded in attempt order.

    ``address`` is where the fake posted (see :attr:`FakeBotAPI.deliver_to`), ``webhook_url``
    the URL the bot registered.  ``status`` is the HTTP status of the bot's answer; ``None``
    while the request is in flight or when there was no answer (``error`` then says why:
    connection refused, timeout).  ``reply`` is the request the bot put into its answer (a
    method in the webhook response, which Telegram executes), if any.
    """

    update_id: int
    address: str
    webhook_url: str
    secret_token: str | None
    time: float
    status: int | None = None
    error: str | None = None
    reply: Request | None = None

    @property
    def ok(self) -> bool:
        """Whether the bot answered 2xx (Telegram then considers the update delivered)."""
        return self.status is not None and 200 <= self.status < 300

    def summary(self) -> str:
        """A one-line human readable description, used in timeout dumps."""
        if self.status is not None:
            outcome = f"-> {self.status}"
        else:
            outcome = f"-> {self.error}" if self.error else "-> (pending)"
        reply = f" reply={self.reply.summary()}" if self.reply is not None else ""
        return f"deliver update {self.update_id} to {self.address} {outcome}{reply}"


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    mime_type: str


@dataclass
class _Failure:
    method: str
    error_code: int
    description: str
    parameters: JSON
    times: int
    chat_id: int | str | None


class _ApiError(Exception):
    """Raised by method handlers; turned into a Telegram-style error answer."""

    def __init__(self, error_code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(f"{error_code} {description}")
        self.error_code = error_code
        self.description = description
        self.parameters = dict(parameters or {})

    def payload(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


def _short(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = repr(text) if isinstance(value, str) else text
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _markup_summary(markup: JSON) -> str:
    rows = markup.get("inline_keyboard") or markup.get("keyboard")
    if not isinstance(rows, list):
        return _short(markup)
    kind = "inline" if "inline_keyboard" in markup else "reply"
    labels = [
        "|".join(str(b.get("text") if isinstance(b, dict) else b) for b in row)
        for row in rows
        if isinstance(row, list)
    ]
    return f"{kind}[{' / '.join(labels)}]"


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _now() -> int:
    return int(time.time())


def _decode_field(key: str, value: str) -> Any:
    if key in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _decoded_params(
    raw: dict[str, Any], uploads: dict[str, UploadedFile], json_body: JSON
) -> tuple[JSON, dict[str, UploadedFile]]:
    """Decode form fields (see ``_STRING_FIELDS``) and match uploads to their parameters."""
    params = {key: _decode_field(key, value) for key, value in raw.items()}
    params.update(json_body)
    files: dict[str, UploadedFile] = {}
    for key, value in params.items():
        if isinstance(value, str) and value.startswith("attach://"):
            name = value.removeprefix("attach://")
            if name in uploads:
                files[key] = uploads.pop(name)
    # The rest: sent directly under the parameter name, or referenced from inside JSON
    # (``attach://`` in sendMediaGroup's ``media``), keyed by their part name.
    for key, upload in uploads.items():
        files.setdefault(key, upload)
    return params, files


def _update_type(update: JSON) -> str:
    return next((key for key in update if key != "update_id"), "")


def _chat_member(user: JSON, status: str) -> JSON:
    """A ChatMember object of the given status with the fields Telegram always sends."""
    member: JSON = {"status": status, "user": copy.deepcopy(user)}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(
            can_be_edited=False,
            is_anonymous=False,
            can_manage_chat=True,
            can_delete_messages=True,
            can_manage_video_chats=True,
            can_restrict_members=True,
            can_promote_members=False,
            can_change_info=True,
            can_invite_users=True,
            can_post_stories=False,
            can_edit_stories=False,
            can_delete_stories=False,
            can_send_welcome_messages=False,
            can_pin_messages=True,
        )
    elif status == "restricted":
        member.update(
            is_member=True,
            can_send_messages=True,
            can_send_audios=True,
            can_send_documents=True,
            can_send_photos=True,
            can_send_videos=True,
            can_send_video_notes=True,
            can_send_voice_notes=True,
            can_send_polls=True,
            can_send_other_messages=True,
            can_add_web_page_previews=True,
            can_react_to_messages=True,
            can_edit_tag=False,
            can_change_info=False,
            can_invite_users=True,
            can_pin_messages=False,
            can_manage_topics=False,
            until_date=0,
        )
    elif status == "kicked":
        member["until_date"] = 0
    elif status not in ("member", "left"):
        raise ValueError(f"unknown chat member status {status!r}")
    return member


# --------------------------------------------------------------------------------------------
# Telegram HTML parse mode, modelled on tdlib's parse_html (same error texts).

_HTML_ENTITY_TYPES = {
    "a": "text_link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_HTML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")


def _parse_error(message: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: can't parse entities: {message}")


def _decode_html_entity(text: str, pos: int) -> tuple[str, int] | None:
    match = _HTML_ENTITY_RE.match(text, pos)
    if match is None:
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        char = _NAMED_HTML_ENTITIES.get(name)
        return (char, match.end()) if char is not None else None
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def _html_attributes(text: str, pos: int, tag: str, byte_offset: int) -> tuple[JSON, int]:
    """Parse the attributes of a start tag; returns them and the position of the ``>``."""
    attrs: JSON = {}
    n = len(text)
    while True:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            raise _parse_error(f"Unclosed start tag at byte offset {byte_offset}")
        if text[pos] == ">":
            return attrs, pos
        start = pos
        while pos < n and not text[pos].isspace() and text[pos] not in "=>":
            pos += 1
        name = text[start:pos].lower()
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n or text[pos] != "=":
            if tag == "blockquote" and name == "expandable":
                attrs[name] = ""
                continue
            raise _parse_error(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {byte_offset}"
            )
        pos += 1
        while pos < n and text[pos].isspace():
            pos += 1
        if pos < n and text[pos] in "'\"":
            end = text.find(text[pos], pos + 1)
            if end < 0:
                raise _parse_error(f"Unclosed start tag at byte offset {byte_offset}")
            raw, pos = text[pos + 1 : end], end + 1
        else:
            start = pos
            while pos < n and not text[pos].isspace() and text[pos] != ">":
                pos += 1
            raw = text[start:pos]
        attrs[name] = _html_unescape(raw)


def _html_unescape(text: str) -> str:
    out, pos = [], 0
    while pos < len(text):
        decoded = _decode_html_entity(text, pos) if text[pos] == "&" else None
        if decoded is None:
            out.append(text[pos])
            pos += 1
        else:
            out.append(decoded[0])
            pos = decoded[1]
    return "".join(out)


def parse_html(text: str) -> tuple[str, list[JSON]]:
    """Render Telegram-HTML into (plain text, entities) or raise the error Telegram returns.

    Offsets and lengths of entities are in UTF-16 code units, like Telegram's.
    """
    out: list[str] = []
    length16 = 0
    stack: list[tuple[str, int, JSON]] = []
    entities: list[JSON] = []
    n = len(text)
    pos = 0

    def byte_offset(index: int) -> int:
        return len(text[:index].encode("utf-8"))

    while pos < n:
        char = text[pos]
        if char == "&":
            decoded = _decode_html_entity(text, pos)
            if decoded is not None:
                out.append(decoded[0])
                length16 += _utf16_len(decoded[0])
                pos = decoded[1]
                continue
        if char != "<":
            out.append(char)
            length16 += _utf16_len(char)
            pos += 1
            continue
        begin = pos
        if pos + 1 < n and text[pos + 1] == "/":
            if not stack:
                raise _parse_error(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            end = pos + 2
            while end < n and not text[end].isspace() and text[end] != ">":
                end += 1
            end_name = text[pos + 2 : end].lower()
            while end < n and text[end].isspace():
                end += 1
            if end >= n or text[end] != ">":
                raise _parse_error(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            tag, start16, attrs = stack.pop()
            if end_name and end_name != tag:
                raise _parse_error(
                    f'Unmatched end tag at byte offset {byte_offset(begin)}, expected "</{tag}>", '
                    f'found "</{end_name}>"'
                )
            pos = end + 1
            entity = _html_entity(tag, attrs, start16, length16 - start16, stack, entities)
            if entity is not None:
                entities.append(entity)
            continue
        end = pos + 1
        while end < n and not text[end].isspace() and text[end] != ">":
            end += 1
        if end >= n:
            raise _parse_error(f"Unclosed start tag at byte offset {byte_offset(begin)}")
        tag = text[pos + 1 : end].lower()
        if tag not in _HTML_ENTITY_TYPES:
            raise _parse_error(f'Unsupported start tag "{tag}" at byte offset {byte_offset(begin)}')
        attrs, end = _html_attributes(text, end, tag, byte_offset(begin))
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise _parse_error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
            )
        stack.append((tag, length16, attrs))
        pos = end + 1
    if stack:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _html_entity(
    tag: str,
    attrs: JSON,
    offset: int,
    length: int,
    stack: list[tuple[str, int, JSON]],
    entities: list[JSON],
) -> JSON | None:
    if length <= 0:
        return None
    kind = _HTML_ENTITY_TYPES[tag]
    entity: JSON = {"type": kind, "offset": offset, "length": length}
    if tag == "a":
        href = attrs.get("href")
        if not href:
            return None
        entity["url"] = href
    elif tag == "code" and stack and stack[-1][0] == "pre":
        language = str(attrs.get("class", ""))
        if language.startswith("language-"):
            stack[-1][2]["language"] = language.removeprefix("language-")
        return None
    elif tag == "pre" and attrs.get("language"):
        entity["language"] = attrs["language"]
    elif tag == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    elif tag == "tg-emoji":
        entity["custom_emoji_id"] = str(attrs.get("emoji-id", ""))
    return entity


# --------------------------------------------------------------------------------------------


class FakeBotAPI:
    """An in-process fake Telegram Bot API server (see the module docstring).

    State a test may inspect directly: ``requests`` (every request, in order), ``bot_user``,
    ``base_url``, ``pending_updates``, ``dropped_updates``, ``updates_confirmed``,
    ``webhook_url``, ``webhook_secret_token``, ``webhook_deliveries``, ``my_commands()``,
    ``menu_buttons``, ``bot_status``.  Tests set :attr:`deliver_to` for webhook mode.
    """

    def __init__(
        self,
        bot_id: int = 123456,
        username: str = "iron_funnel_test_bot",
        first_name: str = "Iron Funnel",
        *,
        strict_chats: bool = False,
    ) -> None:
        """Configure the bot identity.

        ``strict_chats=True`` makes sending to a chat the fake has never heard of (through
        :meth:`user`, :meth:`group`, :meth:`register_chat` or an injected update) fail with
        ``400 Bad Request: chat not found`` as Telegram does; by default such chats are
        accepted so that e.g. admin ids from the environment work without registration.
        """
        self.bot_id = bot_id
        self.username = username
        self.first_name = first_name
        self.strict_chats = strict_chats
        self.base_url = ""
        #: Every request received, in arrival order.
        self.requests: list[Request] = []
        #: Updates waiting to be fetched by getUpdates (not yet confirmed by an offset) or,
        #: while a webhook is set, to be delivered to it (not yet answered with 2xx).
        self.pending_updates: list[JSON] = []
        #: Updates pushed while the bot's ``allowed_updates`` excluded their type; Telegram
        #: never creates those, so the fake never delivers them.
        self.dropped_updates: list[JSON] = []
        #: The ``allowed_updates`` of the last getUpdates or setWebhook that sent one
        #: (None = the default set).
        self.allowed_updates: list[str] | None = None
        #: The webhook as set by setWebhook ("" / None: no webhook, updates go to getUpdates).
        self.webhook_url = ""
        self.webhook_secret_token: str | None = None
        self.webhook_max_connections: int | None = None
        #: Every attempt to deliver an update to the webhook, in order (retries included).
        self.webhook_deliveries: list[WebhookDelivery] = []
        #: Pauses between failed attempts to deliver the same update (the last one repeats).
        self.webhook_retry_delays: tuple[float, ...] = (0.05, 0.1, 0.25, 0.5, 1.0)
        #: How long a webhook request may take before it counts as failed (seconds).
        self.webhook_timeout = 30.0
        #: The bot's own membership status per chat id, as set by chat_member_update & co.
        self.bot_status: dict[int, str] = {}
        #: setChatMenuButton state: chat id (None = default for all chats) -> MenuButton.
        self.menu_buttons: dict[int | None, JSON] = {}
        #: setMyDescription / setMyShortDescription / setMyName: kind -> last value.
        self.bot_texts: dict[str, str] = {}
        #: Seconds to wait before answering a method ({"editMessageText": 2.1}): a slow
        #: network to Telegram. The request is recorded (with its time) when it arrives.
        self.answer_delays: dict[str, float] = {}

        self._runner: web.AppRunner | None = None
        self._closing = False
        self._changed = asyncio.Event()
        self._update_ids = itertools.count(100_000_001)
        self._last_update_id = 0
        self._confirmed = 0
        self._poll_generation = 0
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._media_group_ids = itertools.count(1)
        self._chats: dict[int, JSON] = {}
        self._users: dict[int, JSON] = {}
        self._message_ids: dict[int, int] = {}
        self._messages: dict[tuple[int, int], JSON] = {}
        self._files: dict[str, _StoredFile] = {}
        self._files_by_path: dict[str, _StoredFile] = {}
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self._callback_queries: dict[str, bool] = {}
        self._members: dict[tuple[int, int], str] = {}
        self._migrated: dict[int, int] = {}
        self._failures: list[_Failure] = []
        self._cursors: dict[str, int] = {}
        self._message_cursors: dict[int | str, int] = {}
        self._started_at = time.monotonic()
        self._deliver_to: tuple[str, ...] = ()
        self._delivery_turn = itertools.count()
        self._delivery_task: asyncio.Task[None] | None = None
        self._webhook_error: tuple[int, str] | None = None

        handlers: dict[str, Callable[[Request], Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates_placeholder,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendMediaGroup": self._send_media_group,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getMyCommands": self._get_my_commands,
            "setMyDescription": partial(self._set_bot_text, "description"),
            "setMyShortDescription": partial(self._set_bot_text, "short_description"),
            "setMyName": partial(self._set_bot_text, "name"),
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "sendChatAction": self._send_chat_action,
            "leaveChat": self._leave_chat,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "getFile": self._get_file,
        }
        # Telegram method names are case-insensitive.
        self._handlers = {name.lower(): (name, fn) for name, fn in handlers.items()}

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on an ephemeral port and set :attr:`base_url`."""
        if self._runner is not None:
            raise RuntimeError("FakeBotAPI is already started")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self._closing = False
        host, port = runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"

    async def stop(self) -> None:
        """Answer pending long polls with ``[]`` and shut the server down."""
        if self._runner is None:
            return
        self._closing = True
        self._notify()
        task, self._delivery_task = self._delivery_task, None
        if task is not None and not task.done():
            task.cancel()
            await asyncio.wait([task])
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The TCP port the server listens on (after :meth:`start`)."""
        if self._runner is None:
            raise RuntimeError("FakeBotAPI is not started")
        return int(self._runner.addresses[0][1])

    @property
    def addresses(self) -> list[Any]:
        """The socket addresses the server is bound to (for the "loopback only" check)."""
        return list(self._runner.addresses) if self._runner is not None else []

    @property
    def token(self) -> str:
        """A token this server accepts, in the format aiogram's ``validate_token`` wants."""
        return f"{self.bot_id}:{TEST_TOKEN_SECRET}"

    @property
    def bot_user(self) -> JSON:
        """The bot's own ``User`` object (what getMe returns, and ``from`` of its messages)."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    # ---------------------------------------------------------------- HTTP layer

    def _token_ok(self, token: str) -> bool:
        bot_id, sep, secret = token.partition(":")
        return bool(sep and secret) and bot_id == str(self.bot_id)

    async def _read_params(self, request: web.Request) -> tuple[JSON, dict[str, UploadedFile]]:
        raw: dict[str, Any] = dict(request.query)
        uploads: dict[str, UploadedFile] = {}
        json_body: JSON = {}
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    json_body = body
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        with value.file as handle:
                            content = handle.read()
                        mime = value.content_type.split(";")[0].strip()
                        uploads[key] = UploadedFile(value.filename, content, mime)
                    elif isinstance(value, bytes | bytearray):
                        raw[key] = bytes(value).decode("utf-8", errors="replace")
                    else:
                        raw[key] = value
        return _decoded_params(raw, uploads, json_body)

    async def _handle_method(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        name = request.match_info["method"]
        params, files = await self._read_params(request)
        canonical, handler = self._handlers.get(name.lower(), (name, None))
        record = Request(canonical, params, files, time.monotonic(), token, request.method)
        status, body = await self._call(record, handler)
        return web.json_response(body, status=status, dumps=partial(json.dumps, ensure_ascii=False))

    async def _call(
        self, record: Request, handler: Callable[[Request], Any] | None
    ) -> tuple[int, JSON]:
        """Record ``record``, run the method and return (HTTP status, answer body)."""
        self.requests.append(record)
        self._notify()
        status = 200
        try:
            if not self._token_ok(record.token):
                raise _ApiError(401, "Unauthorized")
            if handler is None:
                raise _ApiError(404, "Not Found: method not found")
            self._raise_injected_failure(record)
            delay = self.answer_delays.get(record.method)
            if delay:
                await asyncio.sleep(delay)
            if record.method == "getUpdates":
                result = await self._get_updates(record)
            else:
                result = handler(record)
            body: JSON = {"ok": True, "result": result}
        except _ApiError as error:
            status, body = error.error_code, error.payload()
        except asyncio.CancelledError:  # the client went away (e.g. a bot killed mid-poll)
            record.status = 499
            record.response = {"ok": False, "description": "client disconnected"}
            self._notify()
            raise
        record.status, record.response = status, body
        self._notify()
        return status, body

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        path = request.match_info["file_path"]
        record = Request(
            "downloadFile", {"file_path": path}, {}, time.monotonic(), token, request.method
        )
        self.requests.append(record)
        stored = self._files_by_path.get(path)
        response: web.StreamResponse
        if not self._token_ok(token):
            body: JSON = {"ok": False, "error_code": 401, "description": "Unauthorized"}
            response = web.json_response(body, status=401)
        elif stored is None:
            body = {"ok": False, "error_code": 404, "description": "Not Found"}
            response = web.json_response(body, status=404)
        else:
            body = {"ok": True, "result": {"file_path": path, "size": len(stored.content)}}
            response = web.Response(body=stored.content, content_type=stored.mime_type)
        record.status, record.response = response.status, body
        self._notify()
        return response

    def _notify(self) -> None:
        """Wake every waiter (long polls and wait helpers) so they re-check their condition."""
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    # ---------------------------------------------------------------- error injection

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
        chat_id: int | str | None = None,
        *,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (to ``chat_id`` only, if given) fail.

        The answer is exactly Telegram's error payload, so aiogram raises the matching
        exception: 429 + ``retry_after`` -> ``TelegramRetryAfter``, 403 ->
        ``TelegramForbiddenError``, 400 + ``migrate_to_chat_id`` -> ``TelegramMigrateToChat``.
        Without ``description`` a typical Telegram text for the code is used.  The failed
        calls are still recorded in :attr:`requests` (with ``ok == False``).
        """
        if description is None:
            description = {
                400: "Bad Request: group chat was upgraded to a supergroup chat"
                if migrate_to_chat_id is not None
                else "Bad Request: chat not found",
                401: "Unauthorized",
                403: "Forbidden: bot was blocked by the user",
                409: "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
                429: f"Too Many Requests: retry after {retry_after or 1}",
                500: "Internal Server Error",
                502: "Bad Gateway",
            }.get(error_code, f"Error {error_code}")
        parameters: JSON = {}
        if retry_after is not None:
            parameters["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
        canonical = self._handlers.get(method.lower(), (method, None))[0]
        self._failures.append(
            _Failure(canonical, error_code, description, parameters, times, chat_id)
        )

    def _raise_injected_failure(self, record: Request) -> None:
        for failure in self._failures:
            if failure.method != record.method:
                continue
            if failure.chat_id is not None and record.chat_id != failure.chat_id:
                continue
            failure.times -= 1
            if failure.times <= 0:
                self._failures.remove(failure)
            raise _ApiError(failure.error_code, failure.description, failure.parameters)

    # ---------------------------------------------------------------- chats and users

    def user(
        self,
        id: int,
        first_name: str,
        username: str | None = None,
        language_code: str | None = "ru",
        *,
        last_name: str | None = None,
    ) -> JSON:
        """Create a Telegram user (the ``from`` object of its updates) and its private chat."""
        if id <= 0:
            raise ValueError("user ids are positive")
        user: JSON = {"id": id, "is_bot": False, "first_name": first_name}
        if last_name is not None:
            user["last_name"] = last_name
        if username is not None:
            user["username"] = username
        if language_code is not None:
            user["language_code"] = language_code
        self._users[id] = user
        self.register_chat(self._private_chat(user))
        return copy.deepcopy(user)

    def group(self, id: int, title: str, type: str = "group") -> JSON:
        """Create a group (``type="group"``) or supergroup chat dict and register it."""
        if id >= 0:
            raise ValueError("group chat ids are negative (supergroups look like -100...)")
        if type not in ("group", "supergroup", "channel"):
            raise ValueError(f"bad chat type {type!r}")
        return self.register_chat({"id": id, "type": type, "title": title})

    def register_chat(self, chat: JSON) -> JSON:
        """Remember a chat so messages to it carry its title/first_name and getChat knows it."""
        self._chats[int(chat["id"])] = copy.deepcopy(chat)
        return copy.deepcopy(chat)

    def _private_chat(self, user: JSON) -> JSON:
        chat: JSON = {"id": user["id"], "type": "private"}
        for key in ("first_name", "last_name", "username"):
            if key in user:
                chat[key] = user[key]
        return chat

    def _chat(self, chat_id: int) -> JSON:
        known = self._chats.get(chat_id)
        if known is not None:
            return copy.deepcopy(known)
        if chat_id > 0:
            user = self._users.get(chat_id)
            return self._private_chat(user) if user else {"id": chat_id, "type": "private"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind}

    def _learn(self, update: JSON) -> None:
        """Register chats, users and messages that appear in an injected update."""
        for value in update.values():
            if not isinstance(value, dict):
                continue
            candidates = [value]
            if isinstance(value.get("message"), dict):
                candidates.append(value["message"])
            for obj in candidates:
                sender = obj.get("from")
                if isinstance(sender, dict) and not sender.get("is_bot"):
                    self._users.setdefault(int(sender["id"]), copy.deepcopy(sender))
                chat = obj.get("chat")
                if isinstance(chat, dict) and "id" in chat:
                    self._chats.setdefault(int(chat["id"]), copy.deepcopy(chat))
                    if "message_id" in obj:
                        self._remember_message(obj)

    def _remember_message(self, message: JSON) -> None:
        chat_id = int(message["chat"]["id"])
        message_id = int(message["message_id"])
        self._message_ids[chat_id] = max(self._message_ids.get(chat_id, 0), message_id)
        self._messages.setdefault((chat_id, message_id), copy.deepcopy(message))

    def _resolve_chat_id(self, value: Any) -> int:
        if isinstance(value, bool) or value is None:
            raise _ApiError(400, "Bad Request: chat_id is empty")
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.startswith("@"):
            for chat_id, chat in self._chats.items():
                if str(chat.get("username", "")).lower() == value[1:].lower():
                    return chat_id
        raise _ApiError(400, "Bad Request: chat not found")

    def _writable_chat(self, params: JSON) -> JSON:
        """Resolve ``chat_id`` and apply the checks Telegram makes before sending to a chat."""
        chat_id = self._resolve_chat_id(params.get("chat_id"))
        if chat_id in self._migrated:
            raise _ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        if self.strict_chats and chat_id not in self._chats:
            raise _ApiError(400, "Bad Request: chat not found")
        chat = self._chat(chat_id)
        status = self.bot_status.get(chat_id)
        if chat["type"] == "private" and status == "kicked":
            raise _ApiError(403, "Forbidden: bot was blocked by the user")
        if chat["type"] != "private" and status in ("left", "kicked"):
            kind = "supergroup chat" if chat["type"] == "supergroup" else "group chat"
            if status == "kicked":
                raise _ApiError(403, f"Forbidden: bot was kicked from the {kind}")
            raise _ApiError(403, f"Forbidden: bot is not a member of the {kind}")
        return chat

    # ---------------------------------------------------------------- update injection

    def push_update(self, update: JSON) -> JSON:
        """Queue a raw update for getUpdates; assigns ``update_id`` if missing and returns it.

        While a webhook is set the update is posted to it instead (see :attr:`deliver_to`),
        after the updates queued before it.

        If the bot's current ``allowed_updates`` excludes the update's type, it goes to
        :attr:`dropped_updates` instead, because Telegram would never create it.
        """
        if "update_id" not in update:
            update["update_id"] = next(self._update_ids)
        else:
            update_id = int(update["update_id"])
            if update_id > self._last_update_id:
                self._update_ids = itertools.count(update_id + 1)
        self._last_update_id = max(self._last_update_id, int(update["update_id"]))
        self._learn(update)
        allowed = set(self.allowed_updates) if self.allowed_updates else DEFAULT_UPDATE_TYPES
        if _update_type(update) in allowed:
            self.pending_updates.append(copy.deepcopy(update))
        else:
            self.dropped_updates.append(copy.deepcopy(update))
        self._notify()
        return update

    def _next_message_id(self, chat_id: int) -> int:
        self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
        return self._message_ids[chat_id]

    def _user_message(self, user: JSON, chat: JSON | None, **content: Any) -> JSON:
        chat = self._private_chat(user) if chat is None else copy.deepcopy(chat)
        self._users.setdefault(int(user["id"]), copy.deepcopy(user))
        self._chats.setdefault(int(chat["id"]), copy.deepcopy(chat))
        message: JSON = {
            "message_id": self._next_message_id(int(chat["id"])),
            "from": copy.deepcopy(user),
            "chat": chat,
            "date": _now(),
            **content,
        }
        self._messages[(int(chat["id"]), message["message_id"])] = copy.deepcopy(message)
        return message

    def send_text(
        self,
        user: JSON,
        text: str,
        chat: JSON | None = None,
        *,
        reply_to: JSON | Request | None = None,
    ) -> JSON:
        """Inject a text message from ``user``: in their private chat, or in ``chat``.

        A leading ``/command`` (optionally ``/command@botname``) gets a ``bot_command``
        entity at offset 0, as Telegram adds it.  ``reply_to`` makes it a reply.
        """
        content: JSON = {"text": text}
        match = _BOT_COMMAND_RE.match(text)
        if match is not None:
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(match.group())}
            ]
        if reply_to is not None:
            content["reply_to_message"] = self._current_message(reply_to)
        return self.push_update({"message": self._user_message(user, chat, **content)})

    def send_document(
        self,
        user: JSON,
        content: bytes,
        filename: str,
        caption: str | None = None,
        chat: JSON | None = None,
        *,
        mime_type: str | None = None,
    ) -> JSON:
        """Inject a message with a document; the bot can getFile and download its bytes."""
        mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        stored = self._store_file(content, "documents", filename, mime)
        document = {
            "file_name": filename,
            "mime_type": mime,
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(content),
        }
        extra: JSON = {"document": document}
        if caption is not None:
            extra["caption"] = caption
        return self.push_update({"message": self._user_message(user, chat, **extra)})

    def press_button(
        self,
        user: JSON,
        message: JSON | Request,
        data: str,
        chat: JSON | None = None,
        *,
        check: bool = True,
    ) -> JSON:
        """Inject a callback_query as if ``user`` pressed an inline button of ``message``.

        ``message`` is the Message dict (or the Request whose result it is) the button
        belongs to; the update carries its current (possibly edited) version.  ``chat``
        overrides the message's chat.  With ``check`` the button must exist on the message.
        """
        current = self._current_message(message)
        if chat is not None:
            current["chat"] = copy.deepcopy(chat)
        if check:
            datas = [b.get("callback_data") for b in self.buttons(current)]
            if data not in datas:
                raise ValueError(
                    f"message {current.get('message_id')} has no button with callback_data "
                    f"{data!r}; its buttons have {datas!r}"
                )
        query_id = f"{self.bot_id}{next(self._callback_ids):010d}"
        self._callback_queries[query_id] = False
        chat_id = int(current["chat"]["id"])
        query: JSON = {
            "id": query_id,
            "from": copy.deepcopy(user),
            "message": current,
            "chat_instance": str(-((abs(chat_id) * 7_919 + self.bot_id) % 2**62)),
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def chat_member_update(self, chat: JSON, actor: JSON, old_status: str, new_status: str) -> JSON:
        """Inject a ``my_chat_member`` update: ``actor`` changed the bot's status in ``chat``.

        E.g. ``("left", "member")`` = the bot was added to a group, ``("member", "kicked")``
        = removed; the fake then answers sends to that chat with 403 like Telegram.
        """
        update = {
            "my_chat_member": {
                "chat": copy.deepcopy(chat),
                "from": copy.deepcopy(actor),
                "date": _now(),
                "old_chat_member": _chat_member(self.bot_user, old_status),
                "new_chat_member": _chat_member(self.bot_user, new_status),
            }
        }
        self.register_chat(chat)
        self.bot_status[int(chat["id"])] = new_status
        return self.push_update(update)

    def block_bot(self, user: JSON) -> JSON:
        """``user`` blocks the bot: a my_chat_member update, then 403 on every send to them."""
        return self.chat_member_update(self._private_chat(user), user, "member", "kicked")

    def unblock_bot(self, user: JSON) -> JSON:
        """``user`` unblocks the bot (restarts it): my_chat_member from kicked to member."""
        return self.chat_member_update(self._private_chat(user), user, "kicked", "member")

    def migrate_group(self, chat: JSON, actor: JSON, new_id: int) -> JSON:
        """Upgrade a group to a supergroup, as Telegram does; returns the new chat dict.

        Pushes the ``migrate_to_chat_id`` service message in the old group and the
        ``migrate_from_chat_id`` one in the supergroup; afterwards every send to the old id
        fails with 400 ``group chat was upgraded`` + ``parameters.migrate_to_chat_id``.
        """
        old_id = int(chat["id"])
        new_chat = self.group(new_id, str(chat.get("title", "")), "supergroup")
        self._migrated[old_id] = new_id
        if self.bot_status.get(old_id):
            self.bot_status[new_id] = self.bot_status[old_id]
        self.push_update({"message": self._user_message(actor, chat, migrate_to_chat_id=new_id)})
        self.push_update(
            {"message": self._user_message(actor, new_chat, migrate_from_chat_id=old_id)}
        )
        return new_chat

    def set_chat_member(self, chat_id: int, user: JSON, status: str) -> None:
        """Set what getChatMember/getChatAdministrators report for ``user`` in a chat."""
        _chat_member(user, status)  # validates the status
        self._users.setdefault(int(user["id"]), copy.deepcopy(user))
        self._members[(chat_id, int(user["id"]))] = status

    def add_file(self, content: bytes, filename: str, mime_type: str | None = None) -> JSON:
        """Store a file as if a user had uploaded it; returns a Document dict for updates."""
        mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        stored = self._store_file(content, "documents", filename, mime)
        return {
            "file_name": filename,
            "mime_type": mime,
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(content),
        }

    # ---------------------------------------------------------------- webhook delivery

    @property
    def deliver_to(self) -> str | tuple[str, ...] | None:
        """Where webhook updates are really posted, e.g. ``http://127.0.0.1:<port><path>``.

        The bot registers its public https URL with setWebhook (kept in :attr:`webhook_url`);
        Telegram would connect to it, the fake posts to this local address instead.  A list
        of addresses acts as a load balancer: each attempt goes to the next address in turn
        (starting with the first after every assignment), so a retry after a connection
        error reaches another instance.  While it is unset,
        updates stay pending (``getWebhookInfo`` counts them) and are delivered once it is set.
        """
        if not self._deliver_to:
            return None
        return self._deliver_to[0] if len(self._deliver_to) == 1 else self._deliver_to

    @deliver_to.setter
    def deliver_to(self, value: str | Sequence[str] | None) -> None:
        if value is None:
            addresses: tuple[str, ...] = ()
        elif isinstance(value, str):
            addresses = (value,)
        else:
            addresses = tuple(value)
        for address in addresses:
            if not address.startswith(("http://", "https://")):
                raise ValueError(f"deliver_to needs http(s) URLs, got {address!r}")
        self._deliver_to = addresses
        self._delivery_turn = itertools.count()
        self._notify()

    def deliveries_of(self, update: JSON | int) -> list[WebhookDelivery]:
        """Every attempt to deliver one update to the webhook, in order."""
        update_id = update if isinstance(update, int) else int(update["update_id"])
        return [d for d in self.webhook_deliveries if d.update_id == update_id]

    def _start_delivery(self) -> None:
        """Run the delivery worker while a webhook is set (one per server: in order)."""
        if not self.webhook_url or self._closing:
            return
        if self._delivery_task is None or self._delivery_task.done():
            self._delivery_task = asyncio.get_running_loop().create_task(
                self._deliver_updates(), name="FakeBotAPI webhook delivery"
            )

    async def _deliver_updates(self) -> None:
        """Post pending updates one at a time, oldest first; on a non-2xx answer or no
        answer, wait (backoff) and post the same update again.  Ends when the webhook is
        deleted (the rest stays pending for getUpdates) or the server stops."""
        failures = 0
        timeout = aiohttp.ClientTimeout(total=self.webhook_timeout)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while self.webhook_url and not self._closing:
                if not self.pending_updates or not self._deliver_to:
                    await self.wait_for_change(1.0)  # a pushed update, deliver_to set, ...
                    continue
                update = self.pending_updates[0]
                delivery = await self._post_update(session, update)
                if delivery.ok:
                    failures = 0
                    update_id = int(update["update_id"])
                    self.pending_updates = [
                        u for u in self.pending_updates if u["update_id"] != update_id
                    ]
                    self._confirmed = max(self._confirmed, update_id + 1)
                    self._notify()
                    continue
                delays = self.webhook_retry_delays or (0.0,)
                await asyncio.sleep(delays[min(failures, len(delays) - 1)])
                failures += 1

    async def _post_update(self, session: aiohttp.ClientSession, update: JSON) -> WebhookDelivery:
        secret = self.webhook_secret_token
        address = self._deliver_to[next(self._delivery_turn) % len(self._deliver_to)]
        delivery = WebhookDelivery(
            int(update["update_id"]), address, self.webhook_url, secret, time.monotonic()
        )
        self.webhook_deliveries.append(delivery)
        self._notify()
        headers = {"Content-Type": "application/json"}
        if secret:
            headers[_SECRET_HEADER] = secret
        body = json.dumps(update, ensure_ascii=False).encode("utf-8")
        try:
            async with session.post(address, data=body, headers=headers) as response:
                delivery.status = response.status
                if delivery.ok:
                    try:
                        delivery.reply = await self._webhook_reply(response)
                    except (ValueError, aiohttp.ClientError) as error:  # Telegram ignores it
                        delivery.error = f"unreadable webhook reply: {error}"
                else:
                    self._webhook_error = (
                        _now(),
                        f"Wrong response from the webhook: {response.status} {response.reason}",
                    )
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            delivery.error = (
                "Connection timed out"
                if isinstance(error, TimeoutError)
                else f"{type(error).__name__}: {error}"
            )
            self._webhook_error = (_now(), delivery.error)
        self._notify()
        return delivery

    async def _webhook_reply(self, response: aiohttp.ClientResponse) -> Request | None:
        """Execute a method the bot put into its webhook answer, as Telegram does (its
        result goes nowhere; the request is recorded with ``http_method="WEBHOOK"``)."""
        raw: dict[str, Any] = {}
        uploads: dict[str, UploadedFile] = {}
        json_body: JSON = {}
        if response.content_type == "application/json":
            body = await response.json()
            if isinstance(body, dict):
                json_body = body
        elif response.content_type == "multipart/form-data":
            reader = aiohttp.MultipartReader.from_response(response)
            while (part := await reader.next()) is not None:
                assert isinstance(part, aiohttp.BodyPartReader)
                content = await part.read(decode=True)
                if part.filename is not None:
                    mime = part.headers.get("Content-Type", "").split(";")[0].strip()
                    uploads[str(part.name)] = UploadedFile(part.filename, content, mime)
                else:
                    raw[str(part.name)] = content.decode("utf-8", errors="replace")
        else:
            await response.read()
            return None
        params, files = _decoded_params(raw, uploads, json_body)
        method = params.pop("method", None)
        if not isinstance(method, str) or not method:
            return None
        canonical, handler = self._handlers.get(method.lower(), (method, None))
        if canonical == "getUpdates":
            handler = None
        record = Request(canonical, params, files, time.monotonic(), self.token, "WEBHOOK")
        await self._call(record, handler)
        return record

    # ---------------------------------------------------------------- message helpers

    def _current_message(self, message: JSON | Request) -> JSON:
        """The stored latest version of a message (falls back to the given dict)."""
        if isinstance(message, Request):
            found = message.message
            if found is None:
                raise ValueError(f"request {message.summary()} did not return a message")
            message = found
        key = (int(message["chat"]["id"]), int(message["message_id"]))
        return copy.deepcopy(self._messages.get(key, message))

    @staticmethod
    def buttons(message: JSON | Request) -> list[JSON]:
        """All inline keyboard buttons of a message, row by row, left to right."""
        if isinstance(message, Request):
            message = message.message or {}
        markup = message.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    def find_button(self, message: JSON | Request, text: str) -> JSON:
        """The inline button whose label equals ``text`` (or, failing that, contains it)."""
        buttons = self.buttons(message)
        exact = [b for b in buttons if b.get("text") == text]
        found = exact or [b for b in buttons if text in str(b.get("text", ""))]
        if len(found) != 1:
            labels = [b.get("text") for b in buttons]
            raise ValueError(
                f"expected one button labelled {text!r}, found {len(found)} in {labels}"
            )
        return found[0]

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        """The current state of a message in the fake's store (after edits), if it exists."""
        stored = self._messages.get((chat_id, message_id))
        return copy.deepcopy(stored) if stored is not None else None

    # ---------------------------------------------------------------- waiting helpers

    async def wait_for_change(self, timeout: float) -> bool:  # noqa: ASYNC109
        """Sleep until anything happens on the server (a request, an update); False on timeout."""
        try:
            async with asyncio.timeout(timeout):
                await self._changed.wait()
        except TimeoutError:
            return False
        return True

    async def wait_until(
        self,
        condition: Callable[[], T | None],
        timeout: float = 10.0,  # noqa: ASYNC109 - the documented test API
        what: str = "a condition",
    ) -> T:
        """Re-check ``condition`` after every server event until it returns non-None/False.

        On timeout raise AssertionError with ``what`` and a dump of the recorded requests.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = condition()
            if result is not None and result is not False:
                return result
            remaining = deadline - loop.time()
            if remaining > 0:
                await self.wait_for_change(remaining)
            else:
                raise AssertionError(
                    f"Timed out after {timeout:g}s waiting for {what}\n{self.dump()}"
                )

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Request], bool] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - the documented test API
    ) -> Request:
        """Wait for the next request of ``method`` matching ``predicate`` and return it.

        Keeps a cursor per method: each call returns a request recorded after the one the
        previous call for that method returned.  Failed requests are included (check
        ``request.ok``).  Calls still waiting (a pending long poll) are returned too.
        """
        canonical = self._handlers.get(method.lower(), (method, None))[0]

        def find() -> Request | None:
            for index in range(self._cursors.get(canonical, 0), len(self.requests)):
                request = self.requests[index]
                if request.method == canonical and (predicate is None or predicate(request)):
                    self._cursors[canonical] = index + 1
                    return request
            return None

        return await self.wait_until(find, timeout, f"a {canonical} request")

    def requests_for(self, method: str) -> list[Request]:
        """All recorded requests of one method, in order."""
        canonical = self._handlers.get(method.lower(), (method, None))[0]
        return [r for r in self.requests if r.method == canonical]

    def messages_to(self, chat_id: int | str) -> list[Request]:
        """Successful sendMessage/sendPhoto/sendDocument requests to ``chat_id``, in order.

        Requests that got an error (injected or real) are left out: these are the messages
        the user actually received.
        """
        return [
            r for r in self.requests if r.method in _SEND_METHODS and r.chat_id == chat_id and r.ok
        ]

    async def wait_for_message(
        self,
        chat_id: int | str,
        contains: str | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - the documented test API
    ) -> Request:
        """Wait for the next message delivered to ``chat_id`` whose text/caption has ``contains``.

        The substring is looked for both in the raw text the bot sent and in the text the
        user sees (HTML markup rendered).  A cursor per chat makes successive calls return
        successive messages; messages skipped by a ``contains`` filter are not revisited.
        """

        def find() -> Request | None:
            messages = self.messages_to(chat_id)
            for index in range(self._message_cursors.get(chat_id, 0), len(messages)):
                request = messages[index]
                if contains is None or any(contains in t for t in _visible_texts(request)):
                    self._message_cursors[chat_id] = index + 1
                    return request
            return None

        what = f"a message to chat {chat_id!r}"
        if contains is not None:
            what += f" containing {contains!r}"
        return await self.wait_until(find, timeout, what)

    @property
    def updates_confirmed(self) -> int:
        """The highest ``offset`` getUpdates was called with: updates below it are consumed."""
        return self._confirmed

    async def wait_consumed(self, update: JSON | int, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot confirmed (fetched and moved past) ``update``.

        aiogram confirms an update with the next getUpdates, i.e. after it has been fetched
        and handed to the dispatcher - not necessarily after the handler finished.  In
        webhook mode an update is consumed when the bot answered its delivery with 2xx.
        Dropped updates (type not in ``allowed_updates``) count as consumed.
        """
        update_id = update if isinstance(update, int) else int(update["update_id"])
        dropped = {u["update_id"] for u in self.dropped_updates}
        await self.wait_until(
            lambda: self._confirmed > update_id or update_id in dropped,
            timeout,
            f"update {update_id} to be confirmed",
        )

    def dump(self, limit: int = 60) -> str:
        """A readable list of recorded requests (getUpdates collapsed) and the update queue."""
        polls = sum(1 for r in self.requests if r.method == "getUpdates")
        interesting = [
            (index, r) for index, r in enumerate(self.requests) if r.method != "getUpdates"
        ]
        lines = [
            f"FakeBotAPI {self.base_url or '(stopped)'}: {len(self.requests)} requests "
            f"({polls} getUpdates not listed), updates_confirmed={self._confirmed}, "
            f"pending update ids={[u['update_id'] for u in self.pending_updates]}",
        ]
        if self.dropped_updates:
            lines.append(
                f"dropped updates (not in allowed_updates={self.allowed_updates}): "
                + ", ".join(f"{u['update_id']}:{_update_type(u)}" for u in self.dropped_updates)
            )
        if self.webhook_url or self.webhook_deliveries:
            failed = [d for d in self.webhook_deliveries if not d.ok]
            lines.append(
                f"webhook {self.webhook_url or '(deleted)'} delivered to {self.deliver_to}: "
                f"{len(self.webhook_deliveries)} attempts, {len(failed)} failed"
            )
            lines.extend(f"  {d.summary()}" for d in self.webhook_deliveries[-10:])
        if len(interesting) > limit:
            lines.append(f"  ... {len(interesting) - limit} earlier requests omitted")
        for index, request in interesting[-limit:]:
            offset = request.time - self._started_at
            lines.append(f"  #{index:<3} +{offset:7.3f}s {request.summary()}")
        if not interesting:
            lines.append("  (no requests other than getUpdates)")
        return "\n".join(lines)

    def my_commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """The command list set with setMyCommands for this scope/language (default scope)."""
        return copy.deepcopy(self._commands.get(_commands_key(scope, language_code), []))

    # ---------------------------------------------------------------- method handlers

    def _get_me(self, _: Request) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _get_updates_placeholder(self, _: Request) -> Any:  # pragma: no cover
        raise AssertionError("getUpdates is dispatched to the async handler")

    async def _get_updates(self, record: Request) -> list[JSON]:
        params = record.params
        if self.webhook_url:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = [str(kind) for kind in allowed] or None
        if offset > 0:
            self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
            self._confirmed = max(self._confirmed, offset)
        elif offset < 0:
            self.pending_updates = self.pending_updates[offset:]
            if self.pending_updates:
                self._confirmed = max(self._confirmed, self.pending_updates[0]["update_id"])
        self._poll_generation += 1
        generation = self._poll_generation
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        self._notify()
        while True:
            if generation != self._poll_generation:
                raise _ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            remaining = deadline - loop.time()
            batch = self._ready_batch(limit, final=self._closing or remaining <= 0)
            if batch is not None:
                return batch
            await self.wait_for_change(remaining)

    def _ready_batch(self, limit: int, final: bool) -> list[JSON] | None:
        """What a long poll answers now, or None to keep it waiting; ``final`` when it must
        answer (its timeout is up, or the server is closing). A hook for subclasses."""
        if self.pending_updates or final:
            return copy.deepcopy(self.pending_updates[:limit])
        return None

    def _delete_webhook(self, record: Request) -> bool:
        self.webhook_url = ""
        self.webhook_secret_token = None
        self.webhook_max_connections = None
        if record.params.get("drop_pending_updates"):
            self.pending_updates.clear()
        self._notify()  # the delivery worker ends; pending updates wait for getUpdates
        return True

    def _set_webhook(self, record: Request) -> bool:
        params = record.params
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise _ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_TOKEN_RE.fullmatch(str(secret)):
            raise _ApiError(400, "Bad Request: secret token contains unallowed characters")
        max_connections = params.get("max_connections")
        if max_connections is not None and not 1 <= int(max_connections) <= 100:
            raise _ApiError(400, "Bad Request: bad webhook: invalid max_connections specified")
        if not url:  # "Use an empty string to remove webhook integration"
            return self._delete_webhook(record)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = [str(kind) for kind in allowed] or None
        self.webhook_url = url
        self.webhook_secret_token = str(secret) if secret is not None else None
        self.webhook_max_connections = int(max_connections) if max_connections else None
        if params.get("drop_pending_updates"):
            self.pending_updates.clear()
        self._start_delivery()
        return True

    def _get_webhook_info(self, _: Request) -> JSON:
        info: JSON = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.pending_updates),
        }
        if self.webhook_url:
            info["max_connections"] = self.webhook_max_connections or 40
            if self._webhook_error is not None:
                info["last_error_date"], info["last_error_message"] = self._webhook_error
        if self.allowed_updates is not None:
            info["allowed_updates"] = list(self.allowed_updates)
        return info

    def _formatted(self, params: JSON, field_name: str, limit: int) -> tuple[str, list[JSON]]:
        """Apply parse_mode/entities to a text or caption and check Telegram's limits."""
        raw = params.get(field_name)
        text = "" if raw is None else str(raw)
        entities_key = "entities" if field_name == "text" else "caption_entities"
        entities = params.get(entities_key)
        parse_mode = str(params.get("parse_mode") or "").lower()
        if isinstance(entities, list):
            plain, result = text, entities
        elif parse_mode == "html":
            plain, result = parse_html(text)
        else:  # Markdown / MarkdownV2 are passed through unparsed.
            plain, result = text, []
        if field_name == "text" and not plain.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        if _utf16_len(plain) > limit:
            if field_name == "text":
                raise _ApiError(400, "Bad Request: message is too long")
            raise _ApiError(400, "Bad Request: message caption is too long")
        return plain, result

    def _inline_markup(self, params: JSON) -> JSON | None:
        """Validate ``reply_markup``; return it if it is an inline keyboard (what is echoed)."""
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        rows = markup.get("inline_keyboard")
        if rows is None:
            return None  # reply keyboards are not part of the returned Message
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _ApiError(
                400,
                "Bad Request: can't parse inline keyboard button: "
                'Field "inline_keyboard" must be an Array',
            )
        for row in rows:
            for button in row:
                actions = [key for key in _INLINE_BUTTON_ACTIONS if key in button]
                if not actions:
                    raise _ApiError(
                        400,
                        "Bad Request: can't parse inline keyboard button: "
                        "Text buttons are unallowed in the inline keyboard",
                    )
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                    raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return copy.deepcopy(markup) if any(rows) else None

    def _bot_message(self, chat: JSON, params: JSON, **content: Any) -> JSON:
        """Store and return a new Message from the bot (validations first, then the id)."""
        chat_id = int(chat["id"])
        reply_to = self._reply_target(chat_id, params)
        markup = self._inline_markup(params)
        message: JSON = {
            "message_id": self._next_message_id(chat_id),
            "from": self.bot_user,
            "chat": chat,
            "date": _now(),
        }
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update({key: value for key, value in content.items() if value not in (None, [])})
        if markup is not None:
            message["reply_markup"] = markup
        self._messages[(chat_id, message["message_id"])] = copy.deepcopy(message)
        return message

    def _reply_target(self, chat_id: int, params: JSON) -> JSON | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow = bool(reply.get("allow_sending_without_reply"))
        else:
            message_id = params.get("reply_to_message_id")
            allow = bool(params.get("allow_sending_without_reply"))
        if message_id is None:
            return None
        target = self._messages.get((chat_id, int(message_id)))
        if target is None:
            if allow:
                return None
            raise _ApiError(400, "Bad Request: message to be replied not found")
        target = copy.deepcopy(target)
        target.pop("reply_to_message", None)
        return target

    def _send_message(self, record: Request) -> JSON:
        chat = self._writable_chat(record.params)
        text, entities = self._formatted(record.params, "text", _MAX_TEXT)
        return self._bot_message(chat, record.params, text=text, entities=entities)

    def _caption(self, params: JSON) -> JSON:
        if params.get("caption") is None:
            return {}
        caption, entities = self._formatted(params, "caption", _MAX_CAPTION)
        return {"caption": caption, "caption_entities": entities}

    def _store_file(self, content: bytes, folder: str, filename: str, mime: str) -> _StoredFile:
        number = next(self._file_ids)
        prefix = "AgACAgIAAxkBAAI" if folder == "photos" else "BQACAgIAAxkBAAI"
        extension = mimetypes.guess_extension(mime) or ""
        if "." in filename:
            extension = "." + filename.rsplit(".", 1)[1]
        stored = _StoredFile(
            file_id=f"{prefix}{number:08d}_{self.bot_id}",
            file_unique_id=f"AQAD{number:08d}",
            file_path=f"{folder}/file_{number}{extension}",
            content=content,
            mime_type=mime,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def _input_file(self, record: Request, key: str, kind: str) -> UploadedFile | _StoredFile:
        """The upload behind parameter ``key``: new multipart bytes or a known file_id."""
        value = record.params.get(key)
        upload = record.files.get(key)
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = record.files.get(value.removeprefix("attach://"))
        if upload is not None:
            if not upload.content:
                raise _ApiError(400, "Bad Request: file must be non-empty")
            return upload
        if value is None:
            raise _ApiError(400, f"Bad Request: there is no {kind} in the request")
        if isinstance(value, str) and value in self._files:
            return self._files[value]
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            name = value.rsplit("/", 1)[-1] or kind
            return UploadedFile(name, b"", mimetypes.guess_type(name)[0] or "")
        raise _ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")

    def _photo_sizes(self, source: UploadedFile | _StoredFile) -> list[JSON]:
        content = source.content
        size = _image_size(content)
        if size is None:
            if content and Image is not None:
                raise _ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
            size = (800, 600)
        width, height = size
        if width + height > 10_000 or max(width, height) > 20 * min(width, height):
            raise _ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
        biggest = max(width, height)
        limits = [*[step for step in _PHOTO_SIZE_STEPS if step < biggest][:4], biggest]
        sizes = []
        for limit in limits[-5:]:
            scale = min(1.0, limit / biggest)
            w, h = max(1, round(width * scale)), max(1, round(height * scale))
            stored = self._store_file(content, "photos", "photo.jpg", "image/jpeg")
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": max(1, round(len(content) * scale * scale)),
                    "width": w,
                    "height": h,
                }
            )
        sizes[-1]["file_size"] = len(content)
        return sizes

    def _send_photo(self, record: Request) -> JSON:
        chat = self._writable_chat(record.params)
        caption = self._caption(record.params)
        source = self._input_file(record, "photo", "photo")
        return self._bot_message(chat, record.params, photo=self._photo_sizes(source), **caption)

    def _document(self, source: UploadedFile | _StoredFile) -> JSON:
        if isinstance(source, _StoredFile):
            name = source.file_path.rsplit("/", 1)[-1]
            stored, mime = source, source.mime_type
        else:
            name = source.filename
            mime = source.content_type
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            stored = self._store_file(source.content, "documents", name, mime)
        return {
            "file_name": name,
            "mime_type": mime,
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
        }

    def _send_document(self, record: Request) -> JSON:
        chat = self._writable_chat(record.params)
        caption = self._caption(record.params)
        source = self._input_file(record, "document", "document")
        return self._bot_message(chat, record.params, document=self._document(source), **caption)

    def _send_media_group(self, record: Request) -> list[JSON]:
        chat = self._writable_chat(record.params)
        media = record.params.get("media")
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            raise _ApiError(400, "Bad Request: wrong number of messages in the album")
        group_id = f"{self.bot_id}{next(self._media_group_ids):08d}"
        messages = []
        for item in media:
            if not isinstance(item, dict):
                raise _ApiError(400, "Bad Request: can't parse InputMedia JSON object")
            kind = str(item.get("type"))
            source = self._input_file(
                Request(record.method, {kind: item.get("media")}, record.files, record.time),
                kind,
                kind,
            )
            content: JSON = {"media_group_id": group_id, **self._caption(item)}
            if kind == "photo":
                content["photo"] = self._photo_sizes(source)
            elif kind == "document":
                content["document"] = self._document(source)
            else:
                raise _ApiError(400, f"Bad Request: unsupported media type {kind!r} in the fake")
            messages.append(self._bot_message(chat, {}, **content))
        return messages

    def _editable(self, params: JSON) -> tuple[tuple[int, int], JSON] | None:
        """Locate the message an edit* call targets; None for inline messages."""
        if params.get("inline_message_id"):
            return None
        chat_id = self._resolve_chat_id(params.get("chat_id"))
        message_id = params.get("message_id")
        if message_id is None:
            raise _ApiError(400, "Bad Request: message identifier is not specified")
        key = (chat_id, int(message_id))
        message = self._messages.get(key)
        if message is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        if message.get("from", {}).get("id") != self.bot_id:
            raise _ApiError(400, "Bad Request: message can't be edited")
        return key, message

    def _apply_edit(self, key: tuple[int, int], old: JSON, new: JSON) -> JSON:
        def content(message: JSON) -> JSON:
            return {k: v for k, v in message.items() if k not in ("edit_date", "date")}

        if content(old) == content(new):
            raise _ApiError(400, _NOT_MODIFIED)
        new["edit_date"] = _now()
        self._messages[key] = copy.deepcopy(new)
        return new

    def _edit_message_text(self, record: Request) -> JSON | bool:
        text, entities = self._formatted(record.params, "text", _MAX_TEXT)
        markup = self._inline_markup(record.params)
        target = self._editable(record.params)
        if target is None:
            return True
        key, old = target
        if "text" not in old:
            raise _ApiError(400, "Bad Request: there is no text in the message to edit")
        new = copy.deepcopy(old)
        new["text"] = text
        new.pop("entities", None)
        if entities:
            new["entities"] = entities
        new.pop("reply_markup", None)  # an edit without reply_markup removes the keyboard
        if markup is not None:
            new["reply_markup"] = markup
        return self._apply_edit(key, old, new)

    def _edit_message_caption(self, record: Request) -> JSON | bool:
        caption = self._caption(record.params)
        markup = self._inline_markup(record.params)
        target = self._editable(record.params)
        if target is None:
            return True
        key, old = target
        if "text" in old:
            raise _ApiError(400, "Bad Request: there is no caption in the message to edit")
        new = copy.deepcopy(old)
        for name in ("caption", "caption_entities", "reply_markup"):
            new.pop(name, None)
        new.update({k: v for k, v in caption.items() if v})
        if markup is not None:
            new["reply_markup"] = markup
        return self._apply_edit(key, old, new)

    def _edit_message_reply_markup(self, record: Request) -> JSON | bool:
        markup = self._inline_markup(record.params)
        target = self._editable(record.params)
        if target is None:
            return True
        key, old = target
        new = copy.deepcopy(old)
        new.pop("reply_markup", None)
        if markup is not None:
            new["reply_markup"] = markup
        return self._apply_edit(key, old, new)

    def _delete_message(self, record: Request) -> bool:
        chat_id = self._resolve_chat_id(record.params.get("chat_id"))
        key = (chat_id, int(record.params.get("message_id") or 0))
        if self._messages.pop(key, None) is None:
            raise _ApiError(400, "Bad Request: message to delete not found")
        return True

    def _answer_callback_query(self, record: Request) -> bool:
        query_id = str(record.params.get("callback_query_id") or "")
        if self._callback_queries.get(query_id, True):
            raise _ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        if len(str(record.params.get("text") or "")) > _MAX_CALLBACK_ANSWER:
            raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._callback_queries[query_id] = True
        return True

    def _set_my_commands(self, record: Request) -> bool:
        commands = record.params.get("commands")
        if not isinstance(commands, list):
            raise _ApiError(400, "Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise _ApiError(400, "Bad Request: too many commands")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_NAME_RE.fullmatch(
                str(command.get("command", ""))
            ):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        key = _commands_key(record.params.get("scope"), record.params.get("language_code"))
        self._commands[key] = copy.deepcopy(commands)
        return True

    def _delete_my_commands(self, record: Request) -> bool:
        key = _commands_key(record.params.get("scope"), record.params.get("language_code"))
        self._commands.pop(key, None)
        return True

    def _get_my_commands(self, record: Request) -> list[JSON]:
        params = record.params
        return self.my_commands(params.get("scope"), params.get("language_code") or "")

    def _set_bot_text(self, kind: str, record: Request) -> bool:
        self.bot_texts[kind] = str(record.params.get(kind) or "")
        return True

    def _set_chat_menu_button(self, record: Request) -> bool:
        chat_id = record.params.get("chat_id")
        button = record.params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in (
            "default",
            "commands",
            "web_app",
        ):
            raise _ApiError(400, "Bad Request: can't parse menu button JSON object")
        key = None if chat_id is None else self._resolve_chat_id(chat_id)
        self.menu_buttons[key] = copy.deepcopy(button)
        return True

    def _get_chat_menu_button(self, record: Request) -> JSON:
        chat_id = record.params.get("chat_id")
        key = None if chat_id is None else self._resolve_chat_id(chat_id)
        button = self.menu_buttons.get(key) or self.menu_buttons.get(None)
        return copy.deepcopy(button) if button else {"type": "default"}

    def _send_chat_action(self, record: Request) -> bool:
        self._writable_chat(record.params)
        if record.params.get("action") not in _CHAT_ACTIONS:
            raise _ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _leave_chat(self, record: Request) -> bool:
        chat_id = self._resolve_chat_id(record.params.get("chat_id"))
        chat = self._chat(chat_id)
        if chat["type"] == "private":
            raise _ApiError(
                400, "Bad Request: chat member status can't be changed in private chats"
            )
        old = self.bot_status.get(chat_id, "member")
        if old in ("left", "kicked"):
            kind = "supergroup chat" if chat["type"] == "supergroup" else "group chat"
            raise _ApiError(403, f"Forbidden: bot is not a member of the {kind}")
        # Telegram reports the bot's own departure with a my_chat_member update.
        self.chat_member_update(chat, self.bot_user, old, "left")
        return True

    def _get_chat(self, record: Request) -> JSON:
        chat_id = self._resolve_chat_id(record.params.get("chat_id"))
        if chat_id not in self._chats:
            raise _ApiError(400, "Bad Request: chat not found")
        return {
            **self._chat(chat_id),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": True,
                "limited_gifts": True,
                "unique_gifts": True,
                "premium_subscription": True,
                "gifts_from_channels": True,
            },
        }

    def _get_chat_member(self, record: Request) -> JSON:
        chat_id = self._resolve_chat_id(record.params.get("chat_id"))
        user_id = int(record.params.get("user_id") or 0)
        if user_id == self.bot_id:
            return _chat_member(self.bot_user, self.bot_status.get(chat_id, "member"))
        user = self._users.get(user_id)
        if user is None:
            raise _ApiError(400, "Bad Request: user not found")
        default = "member" if chat_id == user_id else "left"
        return _chat_member(user, self._members.get((chat_id, user_id), default))

    def _get_chat_administrators(self, record: Request) -> list[JSON]:
        chat_id = self._resolve_chat_id(record.params.get("chat_id"))
        admins = [
            _chat_member(self._users[user_id], status)
            for (chat, user_id), status in self._members.items()
            if chat == chat_id and status in ("creator", "administrator")
        ]
        if self.bot_status.get(chat_id) == "administrator":
            admins.append(_chat_member(self.bot_user, "administrator"))
        return admins

    def _get_file(self, record: Request) -> JSON:
        stored = self._files.get(str(record.params.get("file_id") or ""))
        if stored is None:
            raise _ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }


def _commands_key(scope: Any, language_code: Any) -> tuple[str, str]:
    scope = scope if isinstance(scope, dict) else {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(language_code or "")


def _image_size(content: bytes) -> tuple[int, int] | None:
    if Image is None or not content:
        return None
    try:
        with Image.open(io.BytesIO(content)) as image:
            return int(image.width), int(image.height)
    except Exception:
        return None


def _visible_texts(request: Request) -> list[str]:
    """The raw text/caption a message request sent and the rendered one the user sees."""
    message = request.message or {}
    return [request.text or "", str(message.get("text", message.get("caption", "")))]
