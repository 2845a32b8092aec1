"""A crashed bot is back in well under a second: the warm parent forks a new worker.

``python -m bot run`` on Linux is two processes. The parent imports everything the bot
needs (aiogram alone takes seconds: it builds a pydantic schema for each of Telegram's
types), then forks the worker that opens the database and talks to Telegram. The parent
does nothing else: it waits. When the worker dies of a signal (``kill -9``, the OOM
killer, a segfault in a C extension), the parent forks a fresh worker from its
already-imported memory, and polling resumes after the worker's start-up alone, instead
of after a new interpreter's imports (benchmarks/bench_load.py ``--crash``).

* The worker exiting by itself (a normal stop, or a start-up error such as a rejected
  token) ends the parent with the worker's exit code: nothing to restart.
* Workers that keep dying right after start are restarted with a growing pause; after
  ``MAX_FAST_CRASHES`` in a row the parent gives up (exit 1) and leaves it to systemd.
* SIGTERM, SIGINT and SIGHUP to the parent are passed on to the worker, which stops
  gracefully; the parent exits with its code.
* If the parent itself is killed, the kernel kills the worker too (``PR_SET_PDEATHSIG``),
  so a stopped service never leaves a worker polling on its own.

The parent must not start threads, an event loop or database connections before it
forks: only imports happen there.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from types import FrameType
from typing import NoReturn

log = logging.getLogger("bot.supervisor")

# A worker that dies within this many seconds of its start counts as a fast crash.
FAST_CRASH_SECONDS = 30.0
MAX_FAST_CRASHES = 5
# The first crash is restarted at once; the n-th fast crash in a row (n >= 2) after a pause
# of min(CAP, BASE * 2**(n-2)) seconds.
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
_PR_SET_PDEATHSIG = 1
_FORWARDED = {
    signal.SIGTERM: signal.SIGTERM,
    signal.SIGINT: signal.SIGINT,
    signal.SIGHUP: signal.SIGTERM,  # a closed terminal: stop the worker gracefully
}


def available() -> bool:
    """Forking a warm worker needs fork() and PR_SET_PDEATHSIG: Linux."""
    return sys.platform == "linux"


def supervise(
    work: Callable[[], int],
    *,
    fast_crash_seconds: float = FAST_CRASH_SECONDS,
    max_fast_crashes: int = MAX_FAST_CRASHES,
    backoff_base: float = BACKOFF_BASE,
    backoff_cap: float = BACKOFF_CAP,
) -> int:
    """Run ``work`` in a forked worker, again each time the worker dies of a signal.

    Returns the exit code for the parent process.
    """
    state = _State()
    previous = {sig: signal.signal(sig, state.on_signal) for sig in _FORWARDED}
    try:
        fast_crashes = 0
        while True:
            started = time.monotonic()
            pid = _fork_worker(work, previous)
            state.child = pid
            status = _wait(pid)
            state.child = None
            if os.WIFEXITED(status):
                code = os.WEXITSTATUS(status)
                if code != 0:
                    log.warning("bot worker exited", extra={"pid": pid, "exit_code": code})
                return code
            died_of = signal.Signals(os.WTERMSIG(status))
            if state.stopping:
                return 128 + died_of.value
            ran = time.monotonic() - started
            fast_crashes = fast_crashes + 1 if ran < fast_crash_seconds else 0
            if fast_crashes >= max_fast_crashes:
                log.critical(
                    "bot worker keeps dying at start-up; giving up",
                    extra={"signal": died_of.name, "crashes": fast_crashes},
                )
                return 1
            pause = (
                min(backoff_cap, backoff_base * 2 ** (fast_crashes - 2)) if fast_crashes > 1 else 0
            )
            log.error(
                "bot worker died; starting a new one",
                extra={
                    "pid": pid,
                    "signal": died_of.name,
                    "ran_seconds": round(ran, 1),
                    "pause_seconds": pause,
                },
            )
            if pause and state.sleep(pause):
                return 0  # asked to stop while pausing: nothing is running
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def exit_now(code: int) -> NoReturn:
    """End the supervising parent with ``code`` once its worker is gone, skipping the
    interpreter's teardown: the parent holds nothing to close (no connections, threads or
    files of its own), and freeing the modules it warmed took a second or two, which a
    stop (systemd, Docker, a restart) waited for."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


class _State:
    def __init__(self) -> None:
        self.child: int | None = None
        self.stopping = False

    def on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.stopping = True
        if self.child is not None:
            try:
                os.kill(self.child, _FORWARDED[signal.Signals(signum)])
            except ProcessLookupError:
                pass

    def sleep(self, seconds: float) -> bool:
        """Sleep, waking early on a stop request; True if stopping."""
        deadline = time.monotonic() + seconds
        while not self.stopping and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.1))
        return self.stopping


def _fork_worker(work: Callable[[], int], handlers: dict[signal.Signals, object]) -> int:
    parent = os.getpid()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    # The worker: die with the parent, handle signals as a plain process would.
    code = 1
    try:
        _die_with_parent(parent)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
        code = work()
    except KeyboardInterrupt:
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        log.exception("bot worker failed")
        code = 1
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _die_with_parent(parent: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _wait(pid: int) -> int:
    while True:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return 0
        if os.WIFEXITED(status) or os.WIFSIGNALED(status):
            return status
