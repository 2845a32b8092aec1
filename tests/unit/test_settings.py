"""Configuration: defaults, parsing, and one-line errors naming the key."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import Settings, describe_error


def make(**env: str) -> Settings:
    return Settings(_env_file=None, **env)


def error_of(**env: str) -> str:
    with pytest.raises(ValidationError) as caught:
        make(**env)
    return describe_error(caught.value)


def test_defaults(monkeypatch):
    for key in ("BOT_TOKEN", "DATABASE_URL", "TIMEZONE", "ADMIN_IDS", "DIGEST_TIME"):
        monkeypatch.delenv(key, raising=False)
    settings = make()
    assert settings.database_url == "sqlite+aiosqlite:///data/iron_funnel.db"
    assert settings.timezone == "Europe/Moscow"
    assert settings.default_language == "ru"
    assert settings.digest_time == "19:00"
    assert settings.min_call_seconds == 60
    assert settings.admin_ids == ()
    assert settings.token_problem() == "BOT_TOKEN is not set"


def test_env_parsing(monkeypatch):
    monkeypatch.setenv("ADMIN_IDS", "111, 222,333")
    monkeypatch.setenv("DIGEST_TIME", "7:05")
    monkeypatch.setenv("DEFAULT_LANGUAGE", "EN")
    monkeypatch.setenv("BOT_TOKEN", "123:abc")
    settings = make()
    assert settings.admin_ids == (111, 222, 333)
    assert settings.digest_time == "07:05"
    assert settings.default_language == "en"
    assert settings.token_problem() is None
    assert "123:abc" not in repr(settings)  # the token is a secret


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"timezone": "Mars/Olympus"}, "TIMEZONE"),
        ({"digest_time": "25:00"}, "DIGEST_TIME"),
        ({"digest_time": "seven"}, "DIGEST_TIME"),
        ({"admin_ids": "12,abc"}, "ADMIN_IDS"),
        ({"default_language": "de"}, "DEFAULT_LANGUAGE"),
        ({"min_call_seconds": "0"}, "MIN_CALL_SECONDS"),
        ({"telegram_api_base": "localhost:8081"}, "TELEGRAM_API_BASE"),
    ],
)
def test_bad_values_name_the_key(env, key):
    message = error_of(**env)
    assert message.startswith(f"Configuration error: {key}: ")
    assert "\n" not in message


@pytest.mark.parametrize("token", ["not-a-token", "abc:def", "123456", "12 3:abc"])
def test_malformed_token_is_a_problem(token):
    assert make(bot_token=token).token_problem() is not None
