"""End to end: the bot process is killed with SIGKILL and comes back by itself.

``python -m bot`` is a supervising parent and a forked worker (``bot/supervisor.py``). A
worker killed by a signal is replaced from the parent's memory, without a restart of the
service; killing the parent takes the worker down with it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from bot import supervisor

from .conftest import RunBot, alive
from .fake_bot_api import FakeBotAPI

pytestmark = pytest.mark.skipif(not supervisor.available(), reason="needs Linux fork")

ADMIN = 111


async def eventually(condition, what: str, timeout: float = 30.0) -> None:  # noqa: ASYNC109
    """Poll ``condition`` (process states in /proc have no event to wait on)."""
    try:
        async with asyncio.timeout(timeout):
            while not condition():  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"timed out waiting until {what}") from None


def calls_stored(db_path: Path) -> list[int]:
    with sqlite3.connect(db_path) as conn:
        return [row[0] for row in conn.execute("SELECT duration_s FROM calls ORDER BY id")]


async def test_a_killed_worker_is_replaced_and_nothing_confirmed_is_lost(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path: Path
) -> None:
    db_path = tmp_path / "crash.db"
    bot = await run_bot(db_path=db_path)
    await bot.wait_ready()
    [worker] = bot.worker_pids()
    admin = fake_api.user(ADMIN, "Olga", language_code="en")
    fake_api.send_text(admin, "/call 75s")
    await fake_api.wait_for_message(ADMIN, contains="Saved")

    os.kill(worker, signal.SIGKILL)
    await eventually(lambda: not alive(worker), "the worker died")
    polls = len(fake_api.requests)
    await eventually(
        lambda: any(r.method == "getUpdates" for r in fake_api.requests[polls:]),
        "a new worker polls",
    )
    [replacement] = bot.worker_pids()
    assert replacement != worker
    assert bot.returncode is None  # the service itself never went down

    fake_api.send_text(admin, "/call 2m")
    await fake_api.wait_for_message(ADMIN, contains="Saved")
    assert calls_stored(db_path) == [75, 120]
    assert "bot worker died; starting a new one" in bot.logs()

    assert await bot.terminate() == 0
    assert not alive(replacement)


async def test_updates_being_handled_when_the_worker_dies_are_handled_after_it(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path: Path
) -> None:
    """A burst of more updates than are handled at once (10): some are in the handlers,
    the rest fetched and waiting for a turn, when the worker dies. Telegram must not have
    been told that any of them is done before it is, or the crash loses them (aiogram's
    own polling confirms a batch with its next getUpdates, while it is being handled)."""
    db_path = tmp_path / "burst.db"
    bot = await run_bot(db_path=db_path)
    await bot.wait_ready()
    [worker] = bot.worker_pids()
    admin = fake_api.user(ADMIN, "Olga", language_code="en")
    for duration in (60, 61):  # the first one makes Olga a member, then one more
        fake_api.send_text(admin, f"/call {duration}s")
        await fake_api.wait_for_message(ADMIN, contains="Saved")

    burst = list(range(62, 87))  # 25 calls of 62..86 s, sent at once
    for duration in burst:
        fake_api.send_text(admin, f"/call {duration}s")
    await fake_api.wait_for_message(ADMIN, contains="Saved")
    os.kill(worker, signal.SIGKILL)  # the first of the burst saved, the rest not yet
    await eventually(lambda: not alive(worker), "the worker died")
    expected = [60, 61, *burst]
    assert len(calls_stored(db_path)) < len(expected)  # the crash left work undone

    await eventually(lambda: sorted(calls_stored(db_path)) == expected, "all calls stored")
    assert bot.returncode is None  # the service itself never went down
    [replacement] = bot.worker_pids()
    assert replacement != worker
    assert await bot.terminate() == 0
    assert sorted(calls_stored(db_path)) == expected  # each stored exactly once
    # Each answered at most once. One committed in the instant before the kill, its
    # answer not yet sent, stays unanswered: the update comes again and is skipped.
    answers = Counter(m.text.split("📞", 1)[1].split(",")[0] for m in fake_api.messages_to(ADMIN))
    assert max(answers.values()) == 1, answers


async def test_killing_the_service_kills_its_worker(fake_api: FakeBotAPI, run_bot: RunBot) -> None:
    bot = await run_bot()
    await bot.wait_ready()
    [worker] = bot.worker_pids()
    assert await bot.kill() == -signal.SIGKILL
    await eventually(lambda: not alive(worker), "the worker died with its parent")


async def test_restart_on_crash_off_runs_one_process(fake_api: FakeBotAPI, run_bot: RunBot) -> None:
    bot = await run_bot(env={"RESTART_ON_CRASH": "false"})
    await bot.wait_ready()
    assert bot.worker_pids() == []
    admin = fake_api.user(ADMIN, "Olga", language_code="en")
    fake_api.send_text(admin, "/call 75s")
    await fake_api.wait_for_message(ADMIN, contains="Saved")
    assert await bot.terminate() == 0
