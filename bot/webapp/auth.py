"""Who opened the Mini App: Telegram's launch parameters, checked as Telegram documents.

Telegram signs the init data it gives a Mini App: HMAC-SHA256 of the sorted
``key=value`` lines, keyed by HMAC-SHA256("WebAppData", bot token)
(https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app).
aiogram's ``safe_parse_webapp_init_data`` checks it; here also its age.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiogram.utils.web_app import safe_parse_webapp_init_data

MAX_AGE = timedelta(hours=24)
SCHEME = "tma"  # Authorization: tma <init data>


class Unauthorized(Exception):
    """The init data is missing, forged, expired or names no user; ``reason`` says which
    (for the log, never shown with any data)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Launch:
    """The Telegram user who opened the app, as the signed init data says."""

    user_id: int
    language_code: str | None


def init_data_of(authorization: str | None) -> str:
    """The init data of an ``Authorization: tma <init data>`` header."""
    scheme, _, data = (authorization or "").strip().partition(" ")
    if scheme.lower() != SCHEME or not data.strip():
        raise Unauthorized("no init data")
    return data.strip()


def verify(token: str, init_data: str, *, now: datetime | None = None) -> Launch:
    """The user of valid init data signed for the bot with ``token`` and at most
    :data:`MAX_AGE` old; raises :class:`Unauthorized` otherwise."""
    try:
        parsed = safe_parse_webapp_init_data(token, init_data)
    except (ValueError, TypeError) as error:  # a bad signature, or fields that do not parse
        raise Unauthorized("bad signature") from error
    now = now or datetime.now(UTC)
    auth_date = parsed.auth_date
    if auth_date.tzinfo is None:
        auth_date = auth_date.replace(tzinfo=UTC)
    if now - auth_date > MAX_AGE or auth_date - now > timedelta(minutes=5):
        raise Unauthorized("expired")
    if parsed.user is None:
        raise Unauthorized("no user")
    return Launch(parsed.user.id, parsed.user.language_code)
