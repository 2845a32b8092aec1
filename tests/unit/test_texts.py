"""Both languages say everything, with the same placeholders; language choice."""

from __future__ import annotations

import pytest

from bot.commands import COMMANDS
from bot.i18n import LANGUAGES, Raw, Texts, catalog, normalize_language, pick_language
from storage.models import ROLES

CATALOGS = {language: catalog(language) for language in LANGUAGES}


def test_same_keys_in_every_language():
    assert set(CATALOGS["ru"]) == set(CATALOGS["en"])
    assert len(CATALOGS["ru"]) > 400


@pytest.mark.parametrize("key", sorted(CATALOGS["en"]))
def test_same_placeholders(key):
    assert CATALOGS["ru"][key] == CATALOGS["en"][key]


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


def test_catalog_numbers_choose_plural_forms_and_identifiers_are_not_grouped():
    texts = Texts("ru")
    # an identifier keeps its digits together, a count is grouped by CLDR
    assert "№12345" in texts("with_meeting", meeting_id=12345)
    assert "12345" not in texts("entry_import", rows=12345)
    assert "12\xa0345" in texts("entry_import", rows=12345)


def test_a_missing_value_is_an_error_not_a_silent_blank():
    from bot.i18n import CatalogError

    with pytest.raises(CatalogError):
        Texts("en")("welcome", name="x")


@pytest.mark.parametrize(
    ("language", "number", "shown"),
    [
        ("ru", 1250, "1\xa0250"),
        ("en", 1250, "1,250"),
        ("ru", 4140.66, "4\xa0140,7"),
        ("en", 2.5, "2.5"),
    ],
)
def test_numbers_in_texts_are_written_by_the_one_formatter(language, number, shown):
    from views.formatting import format_count

    assert format_count(number, language) == shown
    assert shown in Texts(language)("entry_import", rows=number)
