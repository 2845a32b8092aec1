"""A monotonic clock for Delivery that only moves when someone sleeps."""

from __future__ import annotations

import asyncio


class FakeTime:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        wake = self.now + seconds
        for _ in range(10):  # let tasks that are ready run at the current instant first
            await asyncio.sleep(0)
        self.now = max(self.now, wake)
