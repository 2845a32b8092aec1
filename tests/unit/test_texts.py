"""Both languages say everything, with the same placeholders; language choice."""

from __future__ import annotations

import string

import pytest

from bot.commands import COMMANDS
from bot.i18n import LANGUAGES, Raw, Texts, normalize_language, pick_language
from storage.models import ROLES


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_same_keys_in_every_language():
    keys = {lang: set(messages) for lang, messages in LANGUAGES.items()}
    assert keys["ru"] == keys["en"]


@pytest.mark.parametrize("key", sorted(LANGUAGES["en"]))
def test_same_placeholders(key):
    assert fields(LANGUAGES["ru"][key]) == fields(LANGUAGES["en"][key])


def test_every_command_and_role_has_a_text():
    for language in LANGUAGES:
        texts = Texts(language)
        for spec in COMMANDS:
            description = texts(f"cmd_{spec.name}")
            assert 3 <= len(description) <= 256  # Telegram's limit for a command description
        for role in ROLES:
            assert texts.role(role)


def test_values_are_escaped_but_raw_is_not():
    texts = Texts("en")
    assert texts("welcome", name="<b>x</b>", team="A&B", roles="r") == (
        "Hi, &lt;b&gt;x&lt;/b&gt;! You are in «A&amp;B» as r."
    )
    assert "<i>" in texts("invites_item", n=1, role="r", expires="e", link=Raw("<i>l</i>"))


@pytest.mark.parametrize(
    ("chosen", "telegram", "team", "expected"),
    [
        ("en", "ru", "ru", "en"),
        (None, "en-GB", "ru", "en"),
        (None, "de", "en", "en"),
        (None, None, None, "ru"),
    ],
)
def test_pick_language(chosen, telegram, team, expected):
    assert pick_language(chosen, telegram, team, "ru") == expected


def test_normalize_language():
    assert normalize_language("ru-RU") == "ru"
    assert normalize_language("uk") is None
    assert normalize_language(None) is None


def test_composed_messages_are_escaped_once():
    texts = Texts("en")
    inner = texts("with_client", client="A & B <x>")
    outer = texts("entry_meeting_confirmed", meeting_id=1, client=inner, day="d")
    assert "A &amp; B &lt;x&gt;" in outer
    assert "&amp;amp;" not in outer
