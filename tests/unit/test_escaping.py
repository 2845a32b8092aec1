"""Typed text is escaped once, where a message is rendered; plain text gets it back as typed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.i18n import Html, Texts, plain_text, shorten, toast
from storage.journal import Entry
from storage.models import Team
from tests.support.telegram_html import telegram_length, visible_text
from views.entries import describe_entry

TYPED = "Рога & Копыта <i> \"Ltd\" 'n' 🦄"
TEAM = Team(
    id=1,
    name="Sales",
    timezone="Europe/Moscow",
    language="ru",
    workdays=(1, 2, 3, 4, 5),
    digest_time="19:00",
    currency="RUB",
    manager_chat_id=None,
)


def entry(kind: str, /, void: bool = False, **details) -> Entry:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    return Entry(
        id=7,
        team_id=1,
        member_id=1,
        created_by=1,
        kind=kind,
        origin="manual",
        details={"day": "2026-11-27", **details},
        created_at=now,
        voided_at=now if void else None,
        voided_by=1 if void else None,
    )


ENTRIES = [
    entry("call", duration_s=75, direction="out", source=TYPED, client=TYPED),
    entry("lead", lead_id=3, source=TYPED, qualification="targeted", client=TYPED),
    entry("meeting_set", meeting_id=2, client=TYPED, source=TYPED, hunter=TYPED),
    entry("meeting_held", meeting_id=2, client=TYPED),
    entry("payment", kind="repeat", amount="5000", currency="RUB", client=TYPED),
    entry("payment", kind="new", amount="5000", currency="RUB", meeting_id=2, client=TYPED),
]


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("void", [False, True])
@pytest.mark.parametrize("recorded", ENTRIES, ids=lambda e: e.kind)
def test_an_entry_line_is_html_that_shows_the_names_as_typed(recorded, void, language):
    texts = Texts(language)
    recorded = entry(recorded.kind, void=void, **recorded.details)
    line = describe_entry(recorded, TEAM, texts)
    # it is Html, so a message that quotes it does not escape it a second time
    assert isinstance(line, Html)
    for outer in (line, texts("saved", name=TYPED, entry=line), texts("voided", entry=line)):
        assert TYPED in visible_text(outer)
        assert "&amp;" not in visible_text(outer)


def test_a_list_line_shortens_long_names_before_escaping():
    texts = Texts("ru")
    long = "&<>" * 100
    line = describe_entry(entry("meeting_held", meeting_id=2, client=long), TEAM, texts)
    assert long in visible_text(line)
    short = describe_entry(
        entry("meeting_held", meeting_id=2, client=long), TEAM, texts, in_list=True
    )
    assert shorten(long, 60) in visible_text(short) and long not in visible_text(short)


def test_plain_text_reads_each_entity_once_and_drops_tags():
    html = Texts("ru")("with_client", client="A&amp;B <b>x</b>")
    assert plain_text(Html(f"<b>{html}</b>")) == ", A&amp;B <b>x</b>"


def test_a_callback_answer_is_plain_and_short():
    texts = Texts("ru")
    answer = toast(texts("voided", entry=texts("with_client", client=TYPED)))
    assert TYPED in answer
    long = toast(texts("with_client", client="🦄" * 300))
    assert telegram_length(long) <= 200 and long.endswith("…")


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("abcdef", 6, "abcdef"),
        ("abcdef", 4, "abc…"),
        ("ab cdef", 4, "ab…"),  # no space before the ellipsis
        ("ab🦄cd", 4, "ab…"),  # an emoji is two units: it does not fit in the one left
        ("ab🦄cd", 5, "ab🦄…"),
        ("a👩\u200d💻bc", 5, "a…"),  # a joined emoji is kept whole or left out
        ("e\u0301\u0301abc", 3, "…"),  # a letter is not parted from its accents
        ("&amp;&lt;", 6, "&amp;…"),  # plain text: "&amp;" here is what was typed
    ],
)
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected
    assert telegram_length(shorten(text, limit)) <= limit


def test_a_right_to_left_override_is_kept_inside_the_value():
    texts = Texts("ru")
    typed = "\u202eabc"
    shown = visible_text(texts("saved", name=typed, entry=Html("x")))
    # the name as typed, in an isolate that ends before the rest of the line
    assert "\u2068\u202eabc\u2069: сохранено x" in shown
    # a name without overrides is left alone (right-to-left letters and marks included)
    assert texts("with_client", client="\u200fשלום") == ", \u200fשלום"
