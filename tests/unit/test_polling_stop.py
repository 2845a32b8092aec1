"""Stopping the durable long polling (bot/polling.py) while updates are being handled.

SIGTERM cancels the polling task. When that cancellation arrived just as a handler
finished (the event the loop waits on was set in the same turn of the event loop),
Python 3.11's ``asyncio.wait_for`` returned normally instead of raising, the cancellation
was lost, and the bot went on polling until the test harness killed it."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiogram.methods import GetUpdates

from bot.polling import DurableDispatcher


class Telegram:
    """Always answers getUpdates with the one update that is still being handled."""

    id = 1
    session = type("Session", (), {"timeout": None})()

    def __init__(self) -> None:
        self.polls = 0
        self.polled_twice = asyncio.Event()

    async def __call__(self, method: Any, **kwargs: Any) -> list[dict[str, Any]]:
        assert isinstance(method, GetUpdates)
        self.polls += 1
        if self.polls == 2:
            self.polled_twice.set()
        await asyncio.sleep(0)
        return [{"update_id": 7}]  # the JSON: the loop makes Update objects of new ones


async def waiting_for_the_handler(
    dp: DurableDispatcher, bot: Telegram, steps: int = 1
) -> asyncio.Task:
    """A polling task that has handed out update 7 and asked again, ``steps`` turns of the
    event loop after its second poll (on its way to, or in, the wait for its handler)."""

    async def poll() -> None:
        async for _update in dp._listen_updates(bot):  # type: ignore[arg-type]
            pass  # update 7 stays unfinished: a handler is still on it

    task = asyncio.create_task(poll())
    await bot.polled_twice.wait()  # the second poll brings only update 7 back: the loop waits
    for _ in range(2):  # let it reach that wait
        await asyncio.sleep(0)
    return task


@pytest.mark.parametrize("steps", range(5))
async def test_a_cancel_that_arrives_as_a_handler_finishes_stops_polling(steps: int) -> None:
    dp, bot = DurableDispatcher(), Telegram()
    task = await waiting_for_the_handler(dp, bot, steps)
    task.cancel()
    dp._finished.set()  # the handler finished in the same turn of the loop
    done, _ = await asyncio.wait({task}, timeout=3)
    assert done, "polling went on after it was cancelled"
    assert task.cancelled()


async def test_polling_fetches_nothing_more_once_the_stop_signal_is_set() -> None:
    dp, bot = DurableDispatcher(), Telegram()
    dp._stop_signal = asyncio.Event()
    task = await waiting_for_the_handler(dp, bot)
    dp._stop_signal.set()
    dp._unfinished.clear()  # the handler finished; nobody cancelled the task
    dp._finished.set()
    await asyncio.wait_for(task, timeout=3)
    polls = bot.polls
    await asyncio.sleep(0.05)
    assert bot.polls == polls
