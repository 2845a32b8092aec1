"""What the benchmarks share: checks with a verdict, quantiles, timing an awaitable, a free
port, stopping the bot."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Awaitable, Callable

from tests.support.ports import free_port  # noqa: F401 - the benchmarks' own servers too


class Checks:
    """``check(ok, what)`` prints ``[ok]``/``[FAIL] what``; ``verdict()`` is the exit code."""

    def __init__(self) -> None:
        self.failed: list[str] = []

    def __call__(self, ok: bool, what: str) -> None:
        print(f"  [{'ok' if ok else 'FAIL'}] {what}")
        if not ok:
            self.failed.append(what)

    def verdict(self) -> int:
        if self.failed:
            print(f"\nFAILED: {len(self.failed)} check(s)")
            return 1
        print("\nall checks passed")
        return 0


async def timed(fn: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    """How long each of ``runs`` awaits of ``fn()`` took, in ms."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def quantile(values: list[float], q: float) -> float:
    """The nearest-rank quantile (``values`` not empty)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def ms(values: list[float], q: float) -> str:
    """The quantile in whole milliseconds, or a dash for no values."""
    return f"{quantile(values, q) * 1000:.0f}" if values else "—"


async def stop(process: asyncio.subprocess.Process, timeout: float = 30.0) -> int:  # noqa: ASYNC109
    """SIGTERM, wait (SIGKILL after ``timeout`` s); the exit code."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(timeout):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()
    return process.returncode if process.returncode is not None else -1
