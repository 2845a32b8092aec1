"""The one path for outgoing scheduled messages (digests, charts) that respects Telegram's limits.

Everything the bot sends on its own initiative — a digest to a team's group chat, a
chart to a manager in private — goes through :class:`Delivery`.  It takes care of:

Length limits
    A text longer than 4096 characters is split into several messages at line breaks
    (a single line longer than that is cut hard).  A photo caption longer than 1024
    characters is cut at a line break; the rest follows as text.  Lengths are counted in
    Python characters of the text as given (markup included), which errs on the safe side
    for HTML; a tag spanning a line break may be split, so keep tags within one line.
    Several photos go as an album (``sendMediaGroup``, 2 to 10 photos): more than ten
    are split into as few albums as fit, as even as can be (11 -> 6 + 5, never a lone
    photo Telegram would refuse); the caption is on the first photo of the first album.

Rate limits (in memory, per process)
    * one message per second to the same chat;
    * 20 messages per minute to the same group chat (negative chat id);
    * 25 messages per second overall (Telegram allows about 30).
    An album is one request to the chat but each of its photos is a message: it takes
    one turn of the per-chat window and as many slots as it has photos in the other two.
    Each call waits (``await``, never a thread) until all three sliding windows have room.
    Calls for different chats proceed in parallel; calls for the same chat are serialised by
    a per-chat :class:`asyncio.Lock`, so they arrive in the order they were made.

Errors
    * ``TelegramRetryAfter`` (429): sleep ``retry_after`` seconds and try again;
    * ``TelegramNetworkError``: try again after 1, 2, 4 ... seconds (capped);
      both give up after ``max_retries`` retries and re-raise the last error;
    * ``TelegramForbiddenError`` (403) in a private chat: the user blocked the bot —
      ``on_unreachable(chat_id)`` is awaited and the call returns ``None``; in a group
      (the bot was removed) it is logged and the call returns ``None``;
    * ``TelegramBadRequest`` "chat not found" (400): a user who never opened a chat with
      the bot, or a group that is gone: the same as 403;
    * ``TelegramMigrateToChat``: the group became a supergroup — ``on_migrated(old, new)``
      is awaited, the message is resent to the new id and later calls for the old id go
      to the new one;
    * anything else (``TelegramBadRequest`` ...) is a bug, not a delivery problem: re-raised.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.media_group import MediaGroupBuilder

log = logging.getLogger(__name__)

T = TypeVar("T")

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
ALBUM_LIMIT = 10  # photos in one sendMediaGroup (and at least 2)

# Two instants closer than this are the same instant (float arithmetic on the clock).
_EPSILON = 1e-9


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split ``text`` into parts of at most ``limit`` characters, at line breaks.

    The line breaks where the text was split are dropped, so ``"\\n".join(parts) == text``
    as long as no single line is longer than ``limit``; such a line is cut hard into
    ``limit``-sized pieces (joined back with ``""``).  A text that fits is returned as is.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current: str | None = None
    for line in text.split("\n"):
        pieces = [line[i : i + limit] for i in range(0, len(line), limit)] or [""]
        for index, piece in enumerate(pieces):
            if current is None:
                current = piece
            elif index == 0 and len(current) + 1 + len(piece) <= limit:
                current += "\n" + piece
            else:
                parts.append(current)
                current = piece
    assert current is not None  # the loop ran at least once
    parts.append(current)
    return parts


def album_sizes(count: int, limit: int = ALBUM_LIMIT) -> list[int]:
    """How many photos each album gets: as few albums as hold ``count`` photos, as even
    as can be, so that no album is a lone photo (an album has 2 to ``limit``).

    >>> album_sizes(4), album_sizes(11), album_sizes(25)
    ([4], [6, 5], [9, 8, 8])
    """
    if count <= 0:
        return []
    albums = -(-count // limit)
    size, extra = divmod(count, albums)
    return [size + 1 if index < extra else size for index in range(albums)]


class _SlidingWindow:
    """At most ``limit`` events per ``period`` seconds for each key."""

    def __init__(self, limit: int, period: float) -> None:
        if limit < 1 or period <= 0:
            raise ValueError("a rate limit needs a positive count and period")
        self.limit = limit
        self.period = period
        self._events: dict[Any, deque[float]] = {}

    def wait_time(self, key: Any, now: float, weight: int = 1) -> float:
        """Seconds until ``key`` may have ``weight`` more events (0 when it may now); a
        weight above the limit waits for an empty window."""
        weight = min(max(weight, 1), self.limit)
        events = self._events.get(key)
        if events is None:
            return 0.0
        while events and events[0] + self.period <= now + _EPSILON:
            events.popleft()
        if not events:
            del self._events[key]
            return 0.0
        if len(events) + weight <= self.limit:
            return 0.0
        # the oldest events that must leave the window first
        return events[len(events) + weight - self.limit - 1] + self.period - now

    def record(self, key: Any, now: float, weight: int = 1) -> None:
        """Count ``weight`` events for ``key`` at ``now``."""
        self._events.setdefault(key, deque()).extend([now] * max(weight, 1))

    def sweep(self, now: float) -> None:
        """Forget keys whose events have all left the window (keeps memory bounded)."""
        for key in list(self._events):
            self.wait_time(key, now)


class Delivery:
    """Sends texts, photos and albums under Telegram's limits; see the module docstring."""

    def __init__(
        self,
        bot: Bot,
        *,
        on_unreachable: Callable[[int], Awaitable[None]] | None = None,
        on_migrated: Callable[[int, int], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        per_chat_limit: int = 1,
        per_chat_period: float = 1.0,
        per_group_limit: int = 20,
        per_group_period: float = 60.0,
        global_limit: int = 25,
        global_period: float = 1.0,
        max_retries: int = 5,
        backoff_base: float = 1.0,
        backoff_cap: float = 30.0,
    ) -> None:
        """Keep the callbacks, the clock and the limits; nothing is sent yet."""
        self.bot = bot
        self.on_unreachable = on_unreachable
        self.on_migrated = on_migrated
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._clock = clock
        self._sleep = sleep
        self._per_chat = _SlidingWindow(per_chat_limit, per_chat_period)
        self._per_group = _SlidingWindow(per_group_limit, per_group_period)
        self._global = _SlidingWindow(global_limit, global_period)
        self._sweep_every = max(per_chat_period, per_group_period, global_period)
        self._last_sweep = clock()
        # chat id -> (lock, number of calls holding or waiting for it)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}
        self._migrated: dict[int, int] = {}

    # -- public API -------------------------------------------------------------------

    async def send_text(self, chat_id: int, text: str, **kwargs: Any) -> Message | None:
        """Send ``text``, split into several messages if longer than 4096 characters.

        ``kwargs`` go to ``Bot.send_message`` for every part (``parse_mode`` defaults to
        the bot's default).  Returns the last message sent, or ``None`` when the chat is
        unreachable (then the remaining parts are not sent).
        """
        message: Message | None = None
        parts = split_text(text)
        for part in parts:
            if len(parts) > 1 and not part.strip():
                continue  # Telegram refuses blank messages
            message = await self._deliver(
                chat_id,
                lambda target, part=part: self.bot.send_message(
                    chat_id=target, text=part, **kwargs
                ),
            )
            if message is None:
                return None
        return message

    async def send_photo(
        self,
        chat_id: int,
        png: bytes,
        caption: str = "",
        filename: str = "chart.png",
        **kwargs: Any,
    ) -> Message | None:
        """Send a PNG with ``caption``; a caption over 1024 characters continues as text.

        The photo carries the first part of the caption (cut at a line break); the rest is
        sent with :meth:`send_text` (same ``kwargs``).  Returns the photo message, or
        ``None`` when the chat is unreachable.
        """
        head = split_text(caption, CAPTION_LIMIT)[0]
        rest = caption[len(head) :]
        if rest.startswith("\n"):
            rest = rest[1:]
        photo = BufferedInputFile(png, filename=filename)
        message = await self._deliver(
            chat_id,
            lambda target: self.bot.send_photo(
                chat_id=target, photo=photo, caption=head or None, **kwargs
            ),
        )
        if message is not None and rest.strip():
            if await self.send_text(chat_id, rest, **kwargs) is None:
                return None
        return message

    async def send_album(
        self,
        chat_id: int,
        pngs: list[bytes],
        caption: str = "",
        filename: str = "chart.png",
        **kwargs: Any,
    ) -> list[Message] | None:
        """Send PNGs as one album with ``caption`` on the first photo (more than ten: as
        several albums, :func:`album_sizes`); a single PNG goes as a plain photo.

        A caption over 1024 characters continues as text after the albums, as with
        :meth:`send_photo`. ``kwargs`` go to every request (``parse_mode`` to the
        caption). Returns the messages sent, or ``None`` when the chat is unreachable
        (then nothing more is sent).
        """
        if len(pngs) <= 1:
            if not pngs:
                return []
            photo = await self.send_photo(chat_id, pngs[0], caption, filename, **kwargs)
            return None if photo is None else [photo]
        head = split_text(caption, CAPTION_LIMIT)[0]
        rest = caption[len(head) :].removeprefix("\n")
        caption_options = {"parse_mode": kwargs.pop("parse_mode")} if "parse_mode" in kwargs else {}
        messages: list[Message] = []
        start = 0
        for size in album_sizes(len(pngs)):
            album = MediaGroupBuilder()
            for index in range(start, start + size):
                album.add_photo(
                    media=BufferedInputFile(pngs[index], filename=filename),
                    **({"caption": head, **caption_options} if index == 0 and head else {}),
                )
            media = album.build()
            sent = await self._deliver(
                chat_id,
                lambda target, media=media: self.bot.send_media_group(
                    chat_id=target, media=media, **kwargs
                ),
                weight=size,
            )
            if sent is None:
                return None
            messages.extend(sent)
            start += size
        if rest.strip():
            if await self.send_text(chat_id, rest, **kwargs, **caption_options) is None:
                return None
        return messages

    # -- internals --------------------------------------------------------------------

    def _resolve(self, chat_id: int) -> int:
        while chat_id in self._migrated:
            chat_id = self._migrated[chat_id]
        return chat_id

    @asynccontextmanager
    async def _chat_lock(self, chat_id: int) -> AsyncIterator[None]:
        """Hold the chat's lock; the lock is created on first use and dropped when unused."""
        lock, users = self._locks.get(chat_id, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[chat_id]
            if users <= 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)

    async def _wait_turn(self, chat_id: int, weight: int = 1) -> None:
        """Wait until the per-chat, per-group and global windows all have room, take a slot
        (``weight`` slots of the per-group and global windows: the photos of an album)."""
        while True:
            now = self._clock()
            if now - self._last_sweep >= self._sweep_every:
                for window in (self._per_chat, self._per_group, self._global):
                    window.sweep(now)
                self._last_sweep = now
            wait = max(
                self._per_chat.wait_time(chat_id, now),
                self._per_group.wait_time(chat_id, now, weight) if chat_id < 0 else 0.0,
                self._global.wait_time(None, now, weight),
            )
            if wait <= _EPSILON:
                # No await between the check and the record: the slot is ours.
                self._per_chat.record(chat_id, now)
                if chat_id < 0:
                    self._per_group.record(chat_id, now, weight)
                self._global.record(None, now, weight)
                return
            await self._sleep(wait)

    async def _deliver(
        self, chat_id: int, send: Callable[[int], Awaitable[T]], *, weight: int = 1
    ) -> T | None:
        """Call ``send(target chat id)`` in the chat's turn, handling Telegram's errors."""
        target = self._resolve(chat_id)
        async with self._chat_lock(target):
            retries = 0
            while True:
                await self._wait_turn(target, weight)
                try:
                    return await send(target)
                except TelegramRetryAfter as error:
                    if retries >= self.max_retries:
                        raise
                    retries += 1
                    log.warning("flood control in chat %s: retry in %ss", target, error.retry_after)
                    await self._sleep(float(error.retry_after))
                except TelegramNetworkError as error:
                    if retries >= self.max_retries:
                        raise
                    delay = min(self.backoff_base * 2**retries, self.backoff_cap)
                    retries += 1
                    log.warning(
                        "network error sending to %s (%s): retry in %ss", target, error, delay
                    )
                    await self._sleep(delay)
                except (TelegramForbiddenError, TelegramBadRequest) as error:
                    if isinstance(error, TelegramBadRequest) and not _chat_not_found(error):
                        raise
                    if target > 0:
                        log.info("cannot write to user %s: %s", target, error)
                        if self.on_unreachable is not None:
                            await self.on_unreachable(target)
                    else:
                        log.warning("cannot write to group %s: %s", target, error)
                    return None
                except TelegramMigrateToChat as error:
                    new = error.migrate_to_chat_id
                    if retries >= self.max_retries or new == target:
                        raise
                    retries += 1
                    log.info("chat %s migrated to %s", target, new)
                    self._migrated[target] = new
                    if self.on_migrated is not None:
                        await self.on_migrated(target, new)
                    target = new


def _chat_not_found(error: TelegramBadRequest) -> bool:
    """Telegram's 400 for a chat the bot cannot see (never started, or deleted)."""
    return "chat not found" in error.message.lower()
