"""Charts are rendered off the event loop, in one worker thread; a slow one shows
"sending photo" in the chat (:func:`sending_photo`).

One thread, not asyncio's default pool: command handling never waits for a
render, and the large raster buffers always come from the same allocator
arena, so the process's memory stays flat over thousands of charts (with a
pool of threads glibc spreads them over several arenas and RSS creeps up).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from aiogram import Bot
from aiogram.utils.chat_action import ChatActionSender

T = TypeVar("T")

#: A chart that takes longer than this to draw and send shows "sending photo" in the chat
#: (a quick one would only add a request).
ACTION_AFTER_S = 0.25

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")


async def render(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run a chart function (PNG bytes out) in the chart worker thread."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_executor, partial(fn, *args, **kwargs))


def sending_photo(bot: Bot, chat_id: int | str, thread_id: int | None = None) -> ChatActionSender:
    """``async with sending_photo(bot, chat_id):`` around drawing and sending a chart: the
    chat shows "sending photo" (repeated every 5 s) once it takes longer than
    :data:`ACTION_AFTER_S`."""
    return ChatActionSender.upload_photo(
        chat_id=chat_id, bot=bot, message_thread_id=thread_id, initial_sleep=ACTION_AFTER_S
    )
