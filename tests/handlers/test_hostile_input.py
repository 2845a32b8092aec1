"""Names a person types come back exactly as typed, wherever the bot shows them.

Client and source names with ``&``, ``<``, ``>``, quotes, emoji, right-to-left
marks and overrides go through every logging command and come back in the
echo, the lists, /undo, /history, the buttons' answers and the CSV export. Each
reply is read as Telegram reads HTML (``visible_text``): the text a person sees
holds the name as typed, never an entity (``&amp;``) or a tag of the input, and
every reply is HTML Telegram accepts, under its length limit.
"""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from storage.tables import calls, entries, leads, meetings, members, payments, sources, teams
from tests.support import factories as f
from tests.support.telegram_html import (
    CALLBACK_ANSWER_LIMIT,
    TEXT_LIMIT,
    telegram_length,
    visible_text,
)
from tests.support.xlsx import cells
from views.keyboards import EntryAction, MeetingAction, QuickLog

REP, HUNTER, FARMER = 901, 902, 903

RLM, RLO = "\u200f", "\u202e"
# a client's name: markup characters, an HTML tag pair, quotes, emoji, RTL text and marks
CLIENT = f"Рога & Копыта <i> <b>bold</b> \"Ltd\" 'n' 🦄 {RLM}שלום{RLO} end"
# a source is one word (so /call and /meeting pick it out of the other words)
SOURCE = f'A&B<"src">\'🦄{RLM}מקור{RLO}'
# the rep's Telegram name (first and last name as Telegram sends them)
REP_FIRST, REP_LAST = 'Ив<ан> & "Ко"', f"🦄{RLO}'"
REP_NAME = f"{REP_FIRST} {REP_LAST}"
ENTITIES = ("&amp;", "&lt;", "&gt;", "&quot;", "&#")
INPUT_TAGS = ("<i>", "<b>", "</b>")

CLIENT_LIMIT = 200  # what the client column holds
SOURCE_LIMIT = 64  # what a source name may be


def rep() -> dict:
    return f.user(REP, REP_FIRST, last_name=REP_LAST, language_code="ru")


def hunter() -> dict:
    return f.user(HUNTER, "Anna", username="anna", language_code="ru")


def farmer(lang: str = "ru") -> dict:
    return f.user(FARMER, "Fedor", language_code=lang)


def seen(html: str | None) -> str:
    """What a person sees of a reply; the reply must be HTML that Telegram accepts."""
    assert html is not None, "no reply"
    text = visible_text(html)
    assert 0 < telegram_length(text) <= TEXT_LIMIT
    return text


def shows(html: str | None, *typed: str) -> str:
    """The reply shows each typed value exactly, and no entity or tag of the input."""
    text = seen(html)
    for value in typed:
        assert value in text, f"{value!r} not in {text!r}"
    for entity in ENTITIES:
        assert entity not in text, f"{entity} shown literally in {text!r}"
    return text


def toasts(bot) -> list[str]:
    return [r.text for r in bot.sent(method="answerCallbackQuery") if r.text]


def assert_plain(label: str) -> None:
    """Button labels and callback answers are plain text: nothing is escaped there."""
    for entity in ENTITIES:
        assert entity not in label, f"{entity} in a plain-text label {label!r}"


async def rows(db, table, *where):
    async with db.read() as conn:
        return (await conn.execute(sa.select(table).where(*where).order_by(table.c.id))).all()


async def every_message_reads_well(bot) -> None:
    """Whatever was sent in the test: HTML Telegram accepts, plain labels and answers."""
    for request in bot.requests:
        name = request.__api_method__
        if name in {"sendMessage", "editMessageText"}:
            seen(request.text)
        if name in {"sendPhoto", "sendDocument"} and request.caption:
            visible_text(request.caption)
        if name == "answerCallbackQuery" and request.text:
            assert telegram_length(request.text) <= CALLBACK_ANSWER_LIMIT
            assert_plain(request.text)
        markup = getattr(request, "reply_markup", None)
        for row in getattr(markup, "inline_keyboard", None) or []:
            for button in row:
                assert_plain(button.text)


@pytest.fixture
async def team_ready(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(REP, "Rep", {"sdr"})
    await chat.add_member(HUNTER, "Anna", {"hunter"}, username="anna")
    await chat.add_member(FARMER, "Fedor", {"farmer"})
    assert "добавлен" in await chat.send(admin, f"/source add {SOURCE}")
    return chat


async def meeting_of(db, client: str) -> int:
    (found,) = await rows(db, meetings, meetings.c.client == client)
    return found.id


async def test_every_logging_command_echoes_the_names_as_typed(team_ready, db, bot):
    chat = team_ready
    # the rep's Telegram name is taken as sent, and shown as sent
    reply = await chat.send(rep(), f"/call 75s {SOURCE} {CLIENT}")
    shows(reply, REP_NAME, SOURCE, CLIENT)
    reply = await chat.send(rep(), f"/call 2m {CLIENT} src:{SOURCE}")
    shows(reply, SOURCE, CLIENT)

    reply = await chat.send(rep(), f"/lead {SOURCE}")
    shows(reply, SOURCE)
    reply = await chat.send(rep(), f"/lead {SOURCE} целевой")
    shows(reply, SOURCE)

    reply = await chat.send(rep(), f"/meeting set {CLIENT} {SOURCE} @anna")
    shows(reply, CLIENT, SOURCE, "Anna")
    # the hunter is told, with the meeting's card
    shows(bot.last_text(HUNTER), REP_NAME, CLIENT, SOURCE)
    meeting_id = await meeting_of(db, CLIENT)

    reply = await chat.send(hunter(), f"/meeting confirm {meeting_id}")
    shows(reply, CLIENT)
    reply = await chat.send(hunter(), f"/meeting held {meeting_id}")
    shows(reply, CLIENT)
    reply = await chat.send(hunter(), f"/paid 100k #{meeting_id}")
    shows(reply, CLIENT)
    reply = await chat.send(hunter(), f"/proposal #{meeting_id}")
    shows(reply)
    reply = await chat.send(farmer(), f"/paid 50k {CLIENT}")
    shows(reply, CLIENT)

    # stored as typed: nothing is escaped before it is saved
    assert {r.client for r in await rows(db, calls)} == {CLIENT}
    assert [r.client for r in await rows(db, meetings)] == [CLIENT]
    assert [r.client for r in await rows(db, payments)] == [CLIENT, CLIENT]
    assert [r.name for r in await rows(db, sources)] == [SOURCE]
    assert len({r.source_id for r in await rows(db, leads)} | {None}) == 2
    (stored_rep,) = await rows(db, members, members.c.tg_user_id == REP)
    assert stored_rep.display_name == REP_NAME
    await every_message_reads_well(bot)


async def test_a_name_typed_with_an_entity_in_it_comes_back_with_it(team_ready, db, bot):
    typed = "AT&amp;T &lt;Ltd&gt;"  # the person typed the entity's letters themselves
    reply = await team_ready.send(rep(), f"/meeting set {typed}")
    assert typed in seen(reply)
    assert "AT&T" not in seen(reply)
    assert typed in seen(await team_ready.send(rep(), "/meetings"))
    assert typed in seen(await team_ready.send(rep(), "/undo"))
    assert [r.client for r in await rows(db, meetings)] == [typed]
    await every_message_reads_well(bot)


async def test_words_a_command_has_no_place_for_are_quoted_as_typed(team_ready, db, bot):
    reply = await team_ready.send(hunter(), "/proposal #1 <b>&")
    assert "<b>&" in seen(reply)
    reply = await team_ready.send(rep(), "/calls 5 <b>&")
    assert "/calls" in seen(reply)
    reply = await team_ready.send(rep(), f"/meeting set {CLIENT} @<b>&")
    assert "@<b>&" in seen(reply)
    assert await rows(db, entries) == []
    await every_message_reads_well(bot)


async def test_lists_history_and_undo_show_the_names_as_typed(team_ready, db, bot):
    chat = team_ready
    await chat.send(rep(), f"/call 75s {SOURCE} {CLIENT}")
    await chat.send(rep(), f"/meeting set {CLIENT} {SOURCE} @anna")
    meeting_id = await meeting_of(db, CLIENT)

    shows(await chat.send(rep(), "/meetings"), CLIENT, "Anna")
    shows(await chat.send(hunter(), "/meetings"), CLIENT)
    history = shows(await chat.send(rep(), "/history"), CLIENT, SOURCE)
    assert history.count(CLIENT) == 2
    admin_view = await chat.send(f.user(111, "Olga"), f"/history {REP}")
    shows(admin_view, REP_NAME, CLIENT)

    # /undo voids the meeting and says so with the client's name as typed
    shows(await chat.send(rep(), "/undo"), CLIENT, SOURCE)
    # the Undo button of the call: the answer (plain text) and the message
    (call_entry,) = await rows(db, entries, entries.c.kind == "call")
    await chat.feed(f.callback_update(rep(), EntryAction(entry_id=call_entry.id).pack()))
    shows(bot.last_text(REP), CLIENT, SOURCE)
    assert CLIENT in toasts(bot)[-1]
    assert all(r.voided_at is not None for r in await rows(db, entries))
    shows(await chat.send(rep(), "/history"), CLIENT, SOURCE)
    assert meeting_id
    await every_message_reads_well(bot)


async def test_meeting_buttons_and_quick_log_answer_with_the_names_as_typed(team_ready, db, bot):
    chat = team_ready
    await chat.send(rep(), f"/meeting set {CLIENT} @anna")
    meeting_id = await meeting_of(db, CLIENT)
    held = MeetingAction(meeting_id=meeting_id, event="held").pack()
    await chat.feed(f.callback_update(hunter(), held))
    assert CLIENT in toasts(bot)[-1]
    shows(bot.last_text(HUNTER), CLIENT)

    # /log's Undo button voids the last entry: the answer and the edited message
    await chat.send(hunter(), "/log")
    await chat.feed(f.callback_update(hunter(), QuickLog(action="undo").pack()))
    assert CLIENT in toasts(bot)[-1]
    edited = bot.sent(HUNTER, method="editMessageText")[-1]
    shows(edited.text, CLIENT)
    await every_message_reads_well(bot)


async def test_export_cells_equal_what_was_typed(team_ready, admin, bot):
    chat = team_ready
    await chat.send(rep(), f"/call 75s {SOURCE} {CLIENT}")
    await chat.send(rep(), f"/lead {SOURCE}")
    await chat.send(rep(), f"/meeting set {CLIENT} {SOURCE}")
    await chat.send(farmer(), f"/paid 50k {CLIENT}")
    await chat.send(admin, "/export")
    document = bot.sent(admin["id"], method="sendDocument")[-1]
    visible_text(document.caption)
    records = list(csv.DictReader(io.StringIO(document.document.data.decode("utf-8"))))
    by_kind = {record["kind"]: record for record in records}
    assert by_kind["call"]["client"] == CLIENT and by_kind["call"]["source"] == SOURCE
    assert by_kind["lead"]["source"] == SOURCE
    assert by_kind["meeting_set"]["client"] == CLIENT
    assert by_kind["meeting_set"]["source"] == SOURCE
    assert by_kind["payment"]["client"] == CLIENT
    assert by_kind["call"]["person_name"] == REP_NAME
    await every_message_reads_well(bot)


async def test_report_cells_equal_the_names_as_typed(team_ready, admin, bot):
    formula_like = "=1+2 <b>&"  # a Telegram name that a spreadsheet would take for a formula
    await team_ready.send(rep(), f"/call 75s {SOURCE} {CLIENT}")
    await team_ready.send(f.user(FARMER, formula_like, language_code="ru"), "/paid 5k x")
    await team_ready.send(admin, "/report month")
    csv_doc, xlsx_doc = bot.sent(admin["id"], method="sendDocument")[-2:]
    visible_text(csv_doc.caption)
    names = [row["name"] for row in csv.DictReader(io.StringIO(csv_doc.document.data.decode()))]
    assert REP_NAME in names and formula_like in names
    sheet = cells(xlsx_doc.document.data)
    column = {value for ref, value in sheet.items() if ref.startswith("B")}
    assert ("text", REP_NAME) in column and ("text", formula_like) in column
    assert not [value for value in sheet.values() if value[0] == "formula"]
    await every_message_reads_well(bot)


def long_name(length: int) -> str:
    """A name of ``length`` characters made of the hostile pieces, in words of 20
    (every 21st character is a space; none at either end for the lengths used)."""
    pieces = "Рога&Копыта<i>\"'🦄" + RLM + "שלום" + RLO + "<b>x</b>"
    text = (pieces * (length // len(pieces) + 1))[:length]
    name = "".join(" " if i % 21 == 20 else char for i, char in enumerate(text))
    assert len(name) == length and name == name.strip()
    return name


async def test_a_client_name_over_the_limit_is_refused_and_nothing_is_saved(team_ready, db, bot):
    name = long_name(4000)
    for command in (f"/meeting set {name}", f"/call 75s {name}", f"/paid 50k {name}"):
        sender = farmer() if command.startswith("/paid") else rep()
        reply = seen(await team_ready.send(sender, command))
        assert f"не больше {CLIENT_LIMIT} символов" in reply
        assert "Ничего не сохранено" in reply
    assert await rows(db, entries) == []
    assert "at most 200 characters" in seen(await team_ready.send(farmer("en"), f"/paid 5k {name}"))
    await every_message_reads_well(bot)


async def test_the_longest_client_names_come_back_whole_and_lists_stay_in_one_message(
    team_ready, db, bot
):
    names = [long_name(CLIENT_LIMIT - 1) + str(n % 10) for n in range(12)]
    for name in names:
        reply = await team_ready.send(rep(), f"/meeting set {name} {SOURCE} @anna")
        shows(reply, name, SOURCE)  # the echo of what was saved: the whole name
    assert [r.client for r in await rows(db, meetings)] == names

    for reply in (
        await team_ready.send(rep(), "/meetings"),
        await team_ready.send(hunter(), "/meetings"),
        await team_ready.send(rep(), "/history"),
    ):
        text = seen(reply)  # well-formed and within Telegram's limit
        # lists shorten a long name: its beginning, then "…", never a broken entity
        assert names[0][:20] in text and "…" in text
        assert names[0] not in text
    await every_message_reads_well(bot)


async def test_a_source_name_over_the_limit_is_refused(team_ready, admin, db, bot):
    name = long_name(4000).replace(" ", "")
    reply = seen(await team_ready.send(admin, f"/source add {name}"))
    assert f"не больше {SOURCE_LIMIT} символов" in reply
    assert [r.name for r in await rows(db, sources)] == [SOURCE]

    # with free sources a rep names new ones: a name over the limit is refused too
    await team_ready.send(admin, "/source free on")
    for command in (f"/lead {name}", f"/call 75s src:{name}"):
        reply = seen(await team_ready.send(rep(), command))
        assert f"не больше {SOURCE_LIMIT} символов" in reply
    assert await rows(db, entries) == []
    assert [r.name for r in await rows(db, sources)] == [SOURCE]

    # a source of the longest allowed name comes back whole
    longest = name[:SOURCE_LIMIT]
    shows(await team_ready.send(rep(), f"/lead {longest}"), longest)

    # without free sources an unknown name is refused, quoted (shortened), nothing saved
    await team_ready.send(admin, "/source free off")
    reply = seen(await team_ready.send(rep(), f"/lead x{name}"))
    assert "Не знаю источник" in reply and "…" in reply
    assert len(await rows(db, leads)) == 1
    await every_message_reads_well(bot)


async def test_member_and_source_names_in_team_today_sources_and_digest(team_ready, admin, bot):
    chat = team_ready
    await chat.send(rep(), f"/meeting set {CLIENT} {SOURCE}")  # Telegram's name is taken here
    shows(await chat.send(admin, "/team"), REP_NAME)
    shows(await chat.send(rep(), "/today"), REP_NAME)
    shows(await chat.send(admin, "/sources"), SOURCE)
    shows(await chat.send(rep(), "/sources"), SOURCE)
    shows(await chat.send(admin, "/digest"), REP_NAME)
    await every_message_reads_well(bot)


async def test_the_team_name_in_a_list_and_in_a_removed_members_alert(team_ready, admin, db, bot):
    team_name = 'Рога & Копыта <Ltd> "Sales"'
    async with db.transaction() as conn:
        await conn.execute(teams.update().values(name=team_name))
    shows(await team_ready.send(admin, "/team"), team_name)
    (removed,) = await rows(db, members, members.c.tg_user_id == REP)
    await team_ready.send(admin, f"/remove {removed.id}")
    # a button pressed by someone who was removed: the alert is plain text
    await team_ready.feed(f.callback_update(rep(), EntryAction(entry_id=1).pack()))
    assert team_name in toasts(bot)[-1]
    await every_message_reads_well(bot)
