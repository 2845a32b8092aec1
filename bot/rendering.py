"""Charts are rendered off the event loop, in one worker thread.

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

T = TypeVar("T")

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")


async def render(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run a chart function (PNG bytes out) in the chart worker thread."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_executor, partial(fn, *args, **kwargs))
