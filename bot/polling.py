"""Long polling that confirms an update to Telegram only once it has been handled.

aiogram's polling confirms every update it has fetched (the next ``getUpdates`` carries
``offset = last id + 1``) while up to ``UPDATE_CONCURRENCY`` of them are still being
handled. A crash at that moment loses them: Telegram will not send them again, and the
reps who sent them never get an answer. Here the offset only moves past updates whose
handling has finished (committed, answered), so after a crash Telegram delivers again
every update that was not; the update ledger skips the ones that were done.

While an update is being handled, ``getUpdates`` from its id returns it again at once, so
the loop remembers which ids it has already handed out and, when a poll brings nothing
new, waits until a handler finishes (at most ``RECHECK_SECONDS``) before it asks again.
Each answer comes back with the updates still being handled (and, after a slow one, those
finished after it): only the ones not handed out yet are made into ``Update`` objects, the
rest stay JSON (issue 19: a burst of 400 commands made 4,500-7,200 of them, for nothing).
"""

from __future__ import annotations

import asyncio
import contextlib
import faulthandler
import signal
import sys
from collections.abc import AsyncGenerator
from typing import Any

from aiogram import Bot, Dispatcher, loggers
from aiogram.dispatcher.dispatcher import DEFAULT_BACKOFF_CONFIG
from aiogram.methods import GetUpdates
from aiogram.types import Update
from aiogram.utils.backoff import Backoff, BackoffConfig

RECHECK_SECONDS = 1.0
# A stop that takes longer than this writes every thread's stack to stderr (what it waits
# for), once; the process goes on stopping.
SLOW_STOP_SECONDS = 10.0

# Fail at start-up, not silently, if a future aiogram renames what is overridden here.
_OVERRIDDEN = ("_listen_updates", "_process_update", "_signal_stop_polling")
if not all(hasattr(Dispatcher, name) for name in _OVERRIDDEN):
    raise RuntimeError(f"this aiogram lacks one of Dispatcher.{', '.join(_OVERRIDDEN)}")


class GetUpdatesJSON(GetUpdates):
    """``getUpdates`` whose answer is left as JSON objects, parsed by the caller."""

    __returning__ = list[dict[str, Any]]


class DurableDispatcher(Dispatcher):
    """A Dispatcher whose long polling never confirms an update still being handled."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._unfinished: set[int] = set()
        self._finished = asyncio.Event()

    def _signal_stop_polling(self, sig: signal.Signals) -> None:
        if self._running_lock.locked():
            faulthandler.dump_traceback_later(SLOW_STOP_SECONDS, exit=False, file=sys.stderr)
        super()._signal_stop_polling(sig)

    async def _process_update(
        self, bot: Bot, update: Update, call_answer: bool = True, **kwargs: Any
    ) -> bool:
        try:
            return await super()._process_update(bot, update, call_answer, **kwargs)
        finally:
            self._unfinished.discard(update.update_id)
            self._finished.set()

    async def _listen_updates(  # type: ignore[override]
        self,
        bot: Bot,
        polling_timeout: int = 30,
        backoff_config: BackoffConfig = DEFAULT_BACKOFF_CONFIG,
        allowed_updates: list[str] | None = None,
    ) -> AsyncGenerator[Update, None]:
        backoff = Backoff(config=backoff_config)
        get_updates = GetUpdatesJSON(timeout=polling_timeout, allowed_updates=allowed_updates)
        kwargs: dict[str, Any] = {}
        if bot.session.timeout:
            kwargs["request_timeout"] = int(bot.session.timeout + polling_timeout)
        handed_out: set[int] = set()  # ids at or above the offset given to the handlers
        failed = False
        while True:
            if self._stop_signal is not None and self._stop_signal.is_set():
                return  # stopping: fetch nothing more, even if something swallowed the cancel
            if self._unfinished:
                get_updates.offset = min(self._unfinished)
            elif handed_out:
                get_updates.offset = max(handed_out) + 1
            if get_updates.offset is not None:
                handed_out = {i for i in handed_out if i >= get_updates.offset}
            self._finished.clear()
            try:
                answer = await bot(get_updates, **kwargs)
                fresh = [
                    Update.model_validate(raw, context={"bot": bot})
                    for raw in answer
                    if raw["update_id"] not in handed_out
                ]
            except Exception as error:  # Telegram unreachable: retry, as aiogram does
                failed = True
                loggers.dispatcher.error(
                    "Failed to fetch updates - %s: %s", type(error).__name__, error
                )
                await backoff.asleep()
                continue
            if failed:
                loggers.dispatcher.info("Connection established (tryings = %d)", backoff.counter)
                backoff.reset()
                failed = False
            if not fresh:
                if self._unfinished:  # only updates still being handled came back
                    # asyncio.timeout, not wait_for: Python 3.11's wait_for loses a
                    # cancellation that arrives as the awaited event is set (a handler
                    # finishing as SIGTERM cancels polling), and the bot never stopped
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(RECHECK_SECONDS):
                            await self._finished.wait()
                continue
            for update in fresh:
                handed_out.add(update.update_id)
                self._unfinished.add(update.update_id)
                yield update
