"""/help: every command is listed with an example, and every example works when copied."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine

from bot.commands import COMMANDS
from bot.i18n import Texts
from storage import journal
from tests.support import factories as f

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # a Friday, 12:00 in Moscow
IVAN, ANNA = 901, 902
# where an example ends: the next example, the next clause, or the end of the text
EXAMPLE_END = re.compile(r",|;|\(|\)| или | or |$")
# the replies that mean "this is not how the command is used"
NOT_UNDERSTOOD = {
    "ru": ("Примеры:", "Пример:", "Не понимаю", "Не понял", "не знаю", "Не знаю", "Не нахожу"),
    "en": ("Examples:", "Example:", "I don't understand", "I did not understand", "I don't know"),
}
CSV = "occurred_at,kind,person_id,duration_s\n2026-11-26T10:00:00+03:00,call,{person},75\n"


# commands that take no arguments: their /help line ("/log — ...") is the example
# (/import is the caption of a file, /setchat is sent in the team's group)
WITHOUT_ARGUMENTS = frozenset(
    {"log", "meetings", "undo", "start", "help", "team", "board", "invites", "schedule"}
    | {"unmatched"}
    | {"import", "setchat"}
)


def examples(language: str) -> list[tuple[str, str]]:
    """(command, example) for every example the /help texts give, in menu order; the
    examples that take a member away, change how calls are counted or change the
    language go last."""
    found = []
    texts = Texts(language)
    for spec in COMMANDS:
        if spec.name in WITHOUT_ARGUMENTS:
            found.append((spec.name, f"/{spec.name}"))
            continue
        text = texts(f"cmd_{spec.name}")
        for match in re.finditer(rf"/{spec.name}(?![\w-])", text):
            rest = text[match.start() :]
            found.append((spec.name, rest[: EXAMPLE_END.search(rest, 1).start()].strip()))
    last = {"remove": 1, "setting": 1, "lang": 2}
    return sorted(found, key=lambda item: last.get(item[0], 0))


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
        help_text = await chat.send(manager, "/help")
        assert len(help_text) <= 4096
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
