"""Showing an import's progress: one Telegram status message, edited at most every
2 seconds, or on the command line a bar (on a terminal) or plain lines.

The import (``storage.interchange``) awaits ``progress(stage, done, total)`` as it
checks and writes rows, as often as it likes; a reporter here decides what is
shown and when. An import of at most :data:`MIN_ROWS` rows (its first report's
total) shows nothing: it is over before anyone would read it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TextIO

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.i18n import Texts, plain_text
from views.interchange import progress_line

log = logging.getLogger(__name__)

MIN_ROWS = 2000  # a file of more rows shows its progress
INTERVAL_S = 2.0  # at most one edit (or one plain line) per this many seconds
REQUEST_TIMEOUT_S = 10  # a slow Telegram must not hold the import (and its transaction) long


class _Reporter:
    """What every reporter shares: whether this import shows progress at all, decided
    by its first report's total (more than :data:`MIN_ROWS` rows)."""

    active: bool | None = None  # None: no report yet

    def shows(self, total: int) -> bool:
        if self.active is None:
            self.active = total > MIN_ROWS
        return self.active


class ChatProgress(_Reporter):
    """One status message in a chat: sent at the first report, then edited with the
    latest count at most every ``interval`` seconds. A failed send or edit is
    logged and skipped: the import goes on, and its report comes after it anyway."""

    def __init__(
        self,
        bot: Bot,
        chat_id: int,
        texts: Texts,
        *,
        interval: float = INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bot = bot
        self.chat_id = chat_id
        self.texts = texts
        self.interval = interval
        self.clock = clock
        self.message_id: int | None = None
        self.shown: str | None = None
        self.last = 0.0

    async def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.shows(total):
            return
        text = progress_line(stage, done, total, self.texts)
        now = self.clock()
        if text == self.shown or (self.shown is not None and now - self.last < self.interval):
            return
        self.last, self.shown = now, text
        try:
            if self.message_id is None:
                sent = await self.bot.send_message(
                    self.chat_id, text, request_timeout=REQUEST_TIMEOUT_S
                )
                self.message_id = sent.message_id
            else:
                await self.bot.edit_message_text(
                    text,
                    chat_id=self.chat_id,
                    message_id=self.message_id,
                    request_timeout=REQUEST_TIMEOUT_S,
                )
        except TelegramAPIError as error:
            log.warning("import progress in chat %s not shown: %s", self.chat_id, error)
            if self.message_id is None:
                self.active = False  # no message to edit: the report will say it all


class LineProgress(_Reporter):
    """Plain lines (a log, a pipe): the first and last count of each stage, and between
    them at most one line every ``interval`` seconds."""

    def __init__(
        self,
        texts: Texts,
        stream: TextIO,
        *,
        interval: float = INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.texts = texts
        self.stream = stream
        self.interval = interval
        self.clock = clock
        self.stage: str | None = None
        self.shown: str | None = None
        self.last = 0.0

    async def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.shows(total):
            return
        text = plain_text(progress_line(stage, done, total, self.texts))
        now = self.clock()
        due = stage != self.stage or done >= total or now - self.last >= self.interval
        if text == self.shown or not due:
            return
        self.stage, self.shown, self.last = stage, text, now
        print(text.removeprefix("⏳ "), file=self.stream, flush=True)

    def close(self) -> None:
        pass


class BarProgress(_Reporter):
    """A progress bar on a terminal (tqdm), one per stage, captioned with the same
    words as the Telegram status message."""

    def __init__(self, texts: Texts, stream: TextIO) -> None:
        self.texts = texts
        self.stream = stream
        self.stage: str | None = None
        self.bar = None

    async def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm  # the command line only

        if not self.shows(total):
            return
        words = plain_text(progress_line(stage, done, total, self.texts)).removeprefix("⏳ ")
        if self.bar is None or stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(
                desc=words,
                total=total,
                file=self.stream,
                bar_format="{desc} |{bar}| {elapsed}",
                dynamic_ncols=True,
            )
        bar = self.bar
        bar.total = max(total, done)
        bar.set_description_str(words, refresh=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def terminal_progress(texts: Texts, stream: TextIO) -> BarProgress | LineProgress:
    """A bar when ``stream`` is a terminal, else plain lines."""
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return BarProgress(texts, stream)
    return LineProgress(texts, stream)
