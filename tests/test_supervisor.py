"""The supervising parent of ``python -m bot run``: restart policy and signals.

Each test runs :func:`bot.supervisor.supervise` in its own Python process (it forks and
installs signal handlers, which must not happen inside pytest) with a small ``work``
function that records every run in a file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bot import supervisor

pytestmark = pytest.mark.skipif(not supervisor.available(), reason="needs Linux fork")

REPO_ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """\
import os, signal, sys, time
from pathlib import Path
from bot.supervisor import supervise

runs = Path(sys.argv[1])

def work():
    with runs.open("a") as f:
        f.write(f"{{os.getpid()}}\\n")
    n = len(runs.read_text().split())
{body}

sys.exit(supervise(work, fast_crash_seconds=5, max_fast_crashes=3, backoff_base=0.01))
"""


def start(tmp_path: Path, body: str) -> tuple[subprocess.Popen[bytes], Path]:
    """Start the supervised script; its output goes to ``tmp_path/"output"``."""
    runs = tmp_path / "runs"
    script = tmp_path / "supervised.py"
    script.write_text(SCRIPT.format(body=textwrap.indent(textwrap.dedent(body), "    ")))
    with (tmp_path / "output").open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, str(script), str(runs)],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return process, runs


def output(tmp_path: Path) -> str:
    return (tmp_path / "output").read_text()


def worker_pids(runs: Path) -> list[int]:
    return [int(pid) for pid in runs.read_text().split()] if runs.exists() else []


def wait_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in "ZX"  # a zombie has already died


def test_a_worker_killed_by_a_signal_is_replaced_and_its_exit_code_returned(
    tmp_path: Path,
) -> None:
    process, runs = start(
        tmp_path,
        """
        if n == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return 3
        """,
    )
    assert process.wait(timeout=30) == 3
    pids = worker_pids(runs)
    assert len(pids) == 2 and pids[0] != pids[1] and process.pid not in pids


def test_a_worker_that_exits_by_itself_is_not_restarted(tmp_path: Path) -> None:
    process, runs = start(tmp_path, "return 2  # e.g. Telegram rejected the token")
    assert process.wait(timeout=30) == 2
    assert len(worker_pids(runs)) == 1


def test_a_python_error_in_the_worker_ends_the_service_with_1(tmp_path: Path) -> None:
    process, runs = start(tmp_path, "raise RuntimeError('boom')")
    assert process.wait(timeout=30) == 1
    assert len(worker_pids(runs)) == 1
    assert "RuntimeError: boom" in output(tmp_path)


def test_workers_that_keep_dying_at_start_up_make_it_give_up(tmp_path: Path) -> None:
    process, runs = start(tmp_path, "os.kill(os.getpid(), signal.SIGSEGV)")
    assert process.wait(timeout=60) == 1
    assert len(worker_pids(runs)) == 3  # max_fast_crashes
    assert "keeps dying at start-up; giving up" in output(tmp_path)


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stop_signal_reaches_the_worker_which_stops_gracefully(
    tmp_path: Path, sent: signal.Signals
) -> None:
    stopped = tmp_path / "stopped"
    process, runs = start(
        tmp_path,
        f"""
        got = []
        signal.signal(signal.SIGTERM, lambda s, f: got.append(s))
        signal.signal(signal.SIGINT, lambda s, f: got.append(s))
        while not got:
            time.sleep(0.01)
        Path({str(stopped)!r}).write_text(signal.Signals(got[0]).name)
        return 0
        """,
    )
    wait_until(lambda: len(worker_pids(runs)) == 1)
    time.sleep(0.2)  # let the worker install its handlers
    process.send_signal(sent)
    assert process.wait(timeout=30) == 0
    expected = "SIGINT" if sent == signal.SIGINT else "SIGTERM"
    assert stopped.read_text() == expected
    assert len(worker_pids(runs)) == 1


def test_killing_the_parent_kills_the_worker(tmp_path: Path) -> None:
    process, runs = start(tmp_path, "time.sleep(120)")
    wait_until(lambda: len(worker_pids(runs)) == 1)
    worker = worker_pids(runs)[0]
    assert not gone(worker)
    process.kill()
    process.wait(timeout=30)
    wait_until(lambda: gone(worker))
