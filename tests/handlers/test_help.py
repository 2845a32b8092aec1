"""/help: every command is listed in its group with one example, only what the reader's
roles can use, and every example works when copied."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine

from bot.commands import COMMANDS, GROUPS
from bot.i18n import Texts
from storage import journal
from storage.models import Member
from tests.support import factories as f
from tests.support.telegram_html import TEXT_LIMIT, telegram_length, visible_text
from views.help import help_groups, help_text

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # a Friday, 12:00 in Moscow
IVAN, ANNA = 901, 902
# the replies that mean "this is not how the command is used"
NOT_UNDERSTOOD = {
    "ru": ("Примеры:", "Пример:", "Не понимаю", "Не понял", "не знаю", "Не знаю", "Не нахожу"),
    "en": ("Examples:", "Example:", "I don't understand", "I did not understand", "I don't know"),
}
CSV = "occurred_at,kind,person_id,duration_s\n2026-11-26T10:00:00+03:00,call,{person},75\n"


# commands whose /help example is the bare command ("/log — ...")
# (/import is the caption of a file, /setchat is sent in the team's group)
WITHOUT_ARGUMENTS = frozenset(
    {"log", "meetings", "undo", "start", "help", "team", "board", "invites", "schedule"}
    | {"unmatched", "setup"}
    | {"optout", "optin"}
    | {"import", "setchat"}
)


def example_of(name: str, language: str) -> str:
    """The one example of a command in /help: its line up to " — " (as people read it)."""
    line = visible_text(Texts(language)(f"help_{name}"))
    return line.split(" — ")[0]


def examples(language: str) -> list[tuple[str, str]]:
    """(command, example) for every command's /help example, in menu order; the examples
    that take a member away, change how calls are counted or change the language go last."""
    found = [(spec.name, example_of(spec.name, language)) for spec in COMMANDS]
    last = {"remove": 1, "setting": 1, "lang": 2}
    return sorted(found, key=lambda item: last.get(item[0], 0))


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_command_is_in_one_group_with_one_example(language):
    """A new command cannot be left out of /help: it names its group (the registry
    requires it) and has its example line in both catalogs."""
    for spec in COMMANDS:
        assert [group for group in GROUPS if group == spec.group] == [spec.group], spec
        example = example_of(spec.name, language)
        assert example == f"/{spec.name}" or example.startswith(f"/{spec.name} "), example
    for group in GROUPS:
        assert Texts(language)(f"help_group_{group}")


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("in_group", [False, True])
def test_help_is_grouped_collapsed_and_fits_one_message(language, in_group):
    texts = Texts(language)
    manager = Member(1, 1, 111, "Olga", None, frozenset({"manager"}), language, None, True)
    rep = Member(2, 1, 901, "Ivan", None, frozenset({"sdr"}), language, None, True)
    for member in (manager, rep):
        html = help_text(texts, member, group=in_group)
        visible = visible_text(html)  # Telegram would parse it
        assert telegram_length(visible) <= TEXT_LIMIT and len(html) <= TEXT_LIMIT
        shown = help_groups(member, group=in_group)
        assert html.count("<blockquote expandable>") == len(shown)
        for group, specs in shown.items():
            assert visible_text(texts(f"help_group_{group}")) in visible
            for spec in specs:
                assert visible_text(texts(f"help_{spec.name}")) in visible
    # a rep sees no manager command, and no group made only of them
    rep_help = visible_text(help_text(texts, rep, group=in_group))
    for spec in COMMANDS:
        if spec.manager_only:
            assert f"/{spec.name} " not in rep_help and f"/{spec.name}\n" not in rep_help
    assert all(not spec.manager_only for specs in help_groups(rep).values() for spec in specs)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_command_that_takes_arguments_shows_an_example(language):
    texts = Texts(language)
    for spec in COMMANDS:
        description = texts(f"cmd_{spec.name}")
        assert len(description) <= 256  # Telegram's limit for a command description
        if spec.name not in WITHOUT_ARGUMENTS:
            assert re.search(rf"/{spec.name} \S", description), description


def document(sender: dict, caption: str):
    return f.service_update(
        sender,
        f.private_chat(sender),
        document={"file_id": "f", "file_unique_id": "u", "file_name": "r.csv", "file_size": 99},
        caption=caption,
        caption_entities=[{"type": "bot_command", "offset": 0, "length": len("/import")}],
    )


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_every_example_in_help_works_as_written(chat, bot, language, monkeypatch):
    """A manager copies each example of /help as it is written: none is answered with
    the usage, "I don't understand" or an unknown name."""
    manager = f.user(111, "Olga", username="olga_head", language_code=language)
    group = f.group_chat()
    with time_machine.travel(NOW, tick=False):
        await chat.send(manager, "/start")
        ivan = await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
        anna = await chat.add_member(ANNA, "Anna", {"hunter"}, username="anna")
        await chat.send(manager, "/source add google")
        async with chat.db.transaction() as conn:  # meeting #42 of the examples
            for _ in range(42):
                await journal.set_meeting(
                    conn, chat.team, ivan, occurred_at=NOW, client="Ромашка", hunter=anna
                )

        async def fake_download(file, destination=None, **_):
            destination.write(CSV.format(person=IVAN).encode())
            return destination

        monkeypatch.setattr(bot, "download", fake_download)
        help_text = visible_text(await chat.send(manager, "/help"))
        for name, example in examples(language):
            assert example in help_text
            before = len(bot.requests)
            if name == "import":  # the example is the caption of a file
                await chat.feed(document(manager, example))
            elif name == "setchat":  # the example is sent in the team's group
                await chat.feed(f.message_update(manager, example, chat=group))
            else:
                await chat.feed(f.message_update(manager, example))
            sent = [r for r in bot.requests[before:] if hasattr(r, "chat_id")]
            assert sent, example
            for request in sent:
                answer = getattr(request, "text", None) or getattr(request, "caption", None) or ""
                assert not any(marker in answer for marker in NOT_UNDERSTOOD[language]), (
                    example,
                    answer,
                )
