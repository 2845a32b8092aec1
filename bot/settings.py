"""All configuration in one pydantic-settings class, read from the environment and .env."""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from metrics.grammar import time_of_day

AMOCRM_STEPS = ("meeting_set", "meeting_confirmed", "meeting_held", "payment")
# The shape BotFather gives (the same rule as aiogram.utils.token.validate_token,
# without importing aiogram, so a missing token is reported instantly).
_TOKEN_RE = re.compile(r"^\d+:\S+$")


def parse_hhmm(value: str) -> time:
    """``"19:00"`` -> ``time(19, 0)``; raises ValueError on anything else."""
    at = time_of_day(value)
    if at is None:
        raise ValueError(f"{value!r} is not a time of day in HH:MM form, e.g. 19:00")
    return at


def check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{value!r} is not a known IANA time zone, e.g. Europe/Moscow") from None
    return value


def zone_name(word: str) -> str:
    """``europe/moscow`` -> ``Europe/Moscow`` (IANA names are case-sensitive on disk).

    >>> zone_name("asia/vladivostok"), zone_name("utc")
    ('Asia/Vladivostok', 'UTC')
    """
    if word in ("UTC", "utc"):
        return "UTC"
    return "/".join(
        "_".join(part[:1].upper() + part[1:] for part in piece.split("_"))
        for piece in word.split("/")
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = None
    database_url: str = "sqlite+aiosqlite:///data/iron_funnel.db"
    telegram_api_base: str | None = None
    admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    timezone: str = "Europe/Moscow"
    default_language: Literal["ru", "en"] = "ru"
    digest_time: str = "19:00"
    # a digest due while the bot was down is sent at start-up within this many minutes
    digest_grace_minutes: int = Field(default=180, ge=0, le=1440)
    # /diagnose: the least relative drop, the significance, the baseline periods, min volume
    diagnosis_threshold: float = Field(default=0.2, gt=0, le=1)
    diagnosis_alpha: float = Field(default=0.1, gt=0, lt=1)
    diagnosis_baseline_periods: int = Field(default=4, ge=1, le=12)
    diagnosis_min_volume: int = Field(default=10, ge=1, le=1000)
    min_call_seconds: int = Field(default=60, ge=1, le=3600)
    invite_ttl_days: int = Field(default=7, ge=1, le=365)
    backdate_days: int = Field(default=7, ge=0, le=366)
    # how often the races' milestones and results are checked (/race)
    race_check_seconds: int = Field(default=60, ge=1, le=3600)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # nightly SQLite backup into BACKUP_DIR (off while unset), keeping the newest BACKUP_KEEP
    backup_dir: str | None = None
    backup_keep: int = Field(default=7, ge=0, le=365)
    # a worker killed by a signal is replaced at once by a fork of the warm parent (Linux)
    restart_on_crash: bool = True
    # how updates arrive: long polling (default) or Telegram's webhook
    bot_mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=1, le=65535)
    # the wallboard Mini App's public address (served on WEB_HOST:WEB_PORT at its path);
    # off while unset
    webapp_url: str | None = None
    # the ingestion endpoint for telephony and CRM webhooks (off while INGEST_PORT is unset)
    ingest_host: str = "127.0.0.1"
    ingest_port: int | None = Field(default=None, ge=1, le=65535)
    ingest_secret: SecretStr | None = None
    mango_api_key: str | None = None
    mango_api_salt: SecretStr | None = None
    zadarma_secret: SecretStr | None = None
    zadarma_timezone: str = "Europe/Moscow"
    amocrm_secret: SecretStr | None = None
    # "<status id>:<step>,..." with step meeting_set|meeting_confirmed|meeting_held|payment
    amocrm_status_map: Annotated[dict[int, str], NoDecode] = Field(default_factory=dict)
    amocrm_source_field: int | None = None
    # "<pipeline id>:<source name>,..."
    amocrm_pipeline_sources: Annotated[dict[int, str], NoDecode] = Field(default_factory=dict)

    @field_validator(
        "bot_token",
        "backup_dir",
        "telegram_api_base",
        "webhook_url",
        "webhook_secret",
        "webapp_url",
        "ingest_port",
        "ingest_secret",
        "mango_api_key",
        "mango_api_salt",
        "zadarma_secret",
        "amocrm_secret",
        "amocrm_source_field",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",")]
            ids = []
            for part in parts:
                if not part:
                    continue
                if not part.lstrip("-").isdigit():
                    raise ValueError(
                        f"{part!r} is not a Telegram user id; use numbers, e.g. 12345,67890"
                    )
                ids.append(int(part))
            return tuple(ids)
        return value

    @field_validator("amocrm_status_map", "amocrm_pipeline_sources", mode="before")
    @classmethod
    def _parse_pairs(cls, value: object, info: ValidationInfo) -> object:
        if not isinstance(value, str):
            return value
        pairs: dict[int, str] = {}
        for part in filter(None, (p.strip() for p in value.split(","))):
            key, _, name = part.partition(":")
            if not key.strip().isdigit() or not name.strip():
                raise ValueError(f"{part!r} is not <id>:<value>, e.g. 142:payment")
            name = name.strip()
            if info.field_name == "amocrm_status_map" and name not in AMOCRM_STEPS:
                raise ValueError(f"{name!r} is not one of {', '.join(AMOCRM_STEPS)}")
            pairs[int(key)] = name
        return pairs

    @field_validator("timezone", "zadarma_timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        return check_timezone(value)

    @field_validator("digest_time")
    @classmethod
    def _check_digest_time(cls, value: str) -> str:
        return parse_hhmm(value).strftime("%H:%M")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("default_language", mode="before")
    @classmethod
    def _lower_language(cls, value: object) -> object:
        return value.lower().strip() if isinstance(value, str) else value

    @field_validator("telegram_api_base")
    @classmethod
    def _check_api_base(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(f"{value!r} is not an http(s) URL, e.g. http://127.0.0.1:8081")
        return value.rstrip("/") if value else value

    @field_validator("backup_dir")
    @classmethod
    def _check_backup_dir(cls, value: str | None) -> str | None:
        return value.strip() if value is not None else None

    @field_validator("bot_mode", mode="before")
    @classmethod
    def _lower_mode(cls, value: object) -> object:
        return value.lower().strip() if isinstance(value, str) else value

    @field_validator("webhook_url")
    @classmethod
    def _check_webhook_url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https://[^\s/]+", value):
            raise ValueError(f"{value!r} is not an https URL, e.g. https://bot.example.com/tg")
        return value

    @field_validator("webapp_url")
    @classmethod
    def _check_webapp_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().rstrip("/")
        parts = urlsplit(value)
        local = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if parts.scheme != "https" and not (parts.scheme == "http" and local):
            raise ValueError(
                f"{value!r} is not an https URL, e.g. https://bot.example.com/app "
                "(plain http only on 127.0.0.1 or localhost)"
            )
        if not parts.hostname or parts.query or parts.fragment:
            raise ValueError(
                f"{value!r}: give a host and a path only, e.g. https://bot.example.com/app"
            )
        return value

    @property
    def webapp_path(self) -> str:
        """The path the Mini App is served at ("" for the root), no trailing slash."""
        return urlsplit(self.webapp_url).path.rstrip("/") if self.webapp_url else ""

    @field_validator("webhook_secret")
    @classmethod
    def _check_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("use 1-256 characters A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return value

    @model_validator(mode="after")
    def _webhook_needs_url_and_secret(self) -> Settings:
        if self.bot_mode == "webhook" and (self.webhook_url is None or self.webhook_secret is None):
            raise ValueError("BOT_MODE=webhook needs WEBHOOK_URL and WEBHOOK_SECRET")
        return self

    def token_problem(self) -> str | None:
        """Why the token cannot be used, or None when it looks like a real token."""
        if self.bot_token is None:
            return "BOT_TOKEN is not set"
        if not _TOKEN_RE.match(self.bot_token.get_secret_value()):
            return "BOT_TOKEN does not look like a bot token (digits, a colon, then letters)"
        return None


def describe_error(error: ValidationError) -> str:
    """A one-line message naming the key(s) that are wrong."""
    parts = []
    for item in error.errors():
        key = str(item["loc"][0]).upper() if item["loc"] else "?"
        message = str(item["msg"]).removeprefix("Value error, ")
        parts.append(f"{key}: {message}" if item["loc"] else message)
    return "Configuration error: " + "; ".join(parts)
