"""An import's progress as people see it (bot/progress.py): one Telegram status message
edited at most every 2 seconds; on the command line a bar on a terminal, plain lines
otherwise."""

from __future__ import annotations

import io

from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import EditMessageText

from bot.i18n import Texts
from bot.progress import BarProgress, ChatProgress, LineProgress, terminal_progress
from storage.interchange import CHECKED, WRITTEN
from tests.support.mocked_bot import MockedBot

CHAT = 111


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_one_status_message_edited_at_most_every_two_seconds():
    bot, clock = MockedBot(), Clock()
    progress = ChatProgress(bot, CHAT, Texts("ru"), clock=clock)
    await progress(CHECKED, 0, 48000)  # sent at once
    for done in range(1000, 48001, 1000):  # a thousand rows every 0.5 s
        clock.now += 0.5
        await progress(CHECKED, done, 48000)
    for done in range(5000, 48001, 5000):
        clock.now += 0.7
        await progress(WRITTEN, done, 48000)
    methods = [r.__api_method__ for r in bot.requests]
    assert methods[0] == "sendMessage" and set(methods[1:]) == {"editMessageText"}
    texts = [r.text for r in bot.requests]
    assert texts[0] == "⏳ Импорт: проверено 0 строк из 48\xa0000"
    assert texts[1] == "⏳ Импорт: проверено 4\xa0000 строк из 48\xa0000"  # 2 s later
    assert texts[2] == "⏳ Импорт: проверено 8\xa0000 строк из 48\xa0000"
    assert "⏳ Импорт: записано 15\xa0000 строк из 48\xa0000" in texts
    # 24 s of checking and 6.3 s of writing: 1 message and at most one edit per 2 s
    assert len(texts) == 1 + 12 + 3
    edits = [r for r in bot.requests if isinstance(r, EditMessageText)]
    assert progress.message_id is not None
    assert {(r.chat_id, r.message_id) for r in edits} == {(CHAT, progress.message_id)}


async def test_an_import_of_at_most_2000_rows_shows_nothing():
    bot = MockedBot()
    progress = ChatProgress(bot, CHAT, Texts("en"), clock=Clock())
    for done in (0, 1000, 2000):
        await progress(CHECKED, done, 2000)
    await progress(WRITTEN, 2000, 2000)
    assert bot.requests == []


async def test_english_and_every_plural_form():
    bot, clock = MockedBot(), Clock()
    progress = ChatProgress(bot, CHAT, Texts("en"), clock=clock)
    await progress(CHECKED, 0, 2001)
    clock.now += 2
    await progress(WRITTEN, 2001, 2001)
    assert [r.text for r in bot.requests] == [
        "⏳ Import: checked 0 of 2,001 rows",
        "⏳ Import: written 2,001 of 2,001 rows",
    ]
    bot = MockedBot()
    progress = ChatProgress(bot, CHAT, Texts("ru"), clock=clock)
    for stage, done in ((CHECKED, 0), (CHECKED, 21), (WRITTEN, 22), (WRITTEN, 2021)):
        await progress(stage, done, 2021)
        clock.now += 2
    assert [r.text for r in bot.requests] == [
        "⏳ Импорт: проверено 0 строк из 2\xa0021",
        "⏳ Импорт: проверена 21 строка из 2\xa0021",
        "⏳ Импорт: записаны 22 строки из 2\xa0021",
        "⏳ Импорт: записана 2\xa0021 строка из 2\xa0021",
    ]


async def test_a_failed_edit_does_not_stop_the_import():
    bot, clock = MockedBot(), Clock()
    progress = ChatProgress(bot, CHAT, Texts("ru"), clock=clock)
    await progress(CHECKED, 0, 5000)
    bot.session.fail_next(
        "editMessageText",
        TelegramRetryAfter(
            method=EditMessageText(text="x"), message="Too Many Requests", retry_after=5
        ),
    )
    clock.now += 2
    await progress(CHECKED, 1000, 5000)  # refused by Telegram: logged, skipped
    clock.now += 2
    await progress(CHECKED, 2000, 5000)
    assert [r.text for r in bot.requests][-1] == "⏳ Импорт: проверено 2\xa0000 строк из 5\xa0000"


async def test_plain_lines_the_first_and_last_of_each_stage_and_one_per_two_seconds():
    out, clock = io.StringIO(), Clock()
    progress = LineProgress(Texts("en"), out, clock=clock)
    await progress(CHECKED, 0, 5000)
    for done in range(1000, 5001, 1000):
        clock.now += 0.9
        await progress(CHECKED, done, 5000)
    await progress(WRITTEN, 0, 5000)
    await progress(WRITTEN, 5000, 5000)
    assert out.getvalue().splitlines() == [
        "Import: checked 0 of 5,000 rows",
        "Import: checked 3,000 of 5,000 rows",
        "Import: checked 5,000 of 5,000 rows",
        "Import: written 0 of 5,000 rows",
        "Import: written 5,000 of 5,000 rows",
    ]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


async def test_a_bar_on_a_terminal_plain_lines_elsewhere():
    assert isinstance(terminal_progress(Texts("ru"), Terminal()), BarProgress)
    assert isinstance(terminal_progress(Texts("ru"), io.StringIO()), LineProgress)

    screen = Terminal()
    bar = BarProgress(Texts("ru"), screen)
    for done in range(0, 3001, 1000):
        await bar(CHECKED, done, 3000)
    await bar(WRITTEN, 3000, 3000)
    bar.close()
    drawn = screen.getvalue()
    # redrawn in place (a carriage return), the words first, then the bar (in ASCII here:
    # the test's stream has no encoding)
    assert drawn.startswith("\rИмпорт: проверено 0 строк из 3\xa0000 |          |")
    assert "\rИмпорт: проверено 3\xa0000 строк из 3\xa0000 |##########|" in drawn
    assert "\rИмпорт: записано 3\xa0000 строк из 3\xa0000 |##########|" in drawn
    assert drawn.endswith("\n")
