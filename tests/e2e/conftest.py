"""Fixtures for end-to-end tests: a fake Bot API server and the real bot as a subprocess.

``fake_api`` is a started :class:`FakeBotAPI`; ``run_bot`` starts ``python -m bot`` pointed at
it (``TELEGRAM_API_BASE``) with a throw-away SQLite database, and cleans up afterwards::

    async def test_start(fake_api: FakeBotAPI, run_bot: RunBot) -> None:
        bot = await run_bot()
        await bot.wait_ready()
        alice = fake_api.user(1001, "Alice")
        fake_api.send_text(alice, "/start")
        await fake_api.wait_for_message(alice["id"], contains="Привет")
        assert await bot.terminate() == 0
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Mapping
from pathlib import Path
from typing import Protocol

import aiohttp
import pytest
import pytest_asyncio
from playwright.async_api import Browser, ConsoleMessage, Page, async_playwright

from .browser import PHONE, launch_chromium
from .fake_bot_api import TEST_TOKEN_SECRET, FakeBotAPI

REPO_ROOT = Path(__file__).resolve().parents[2]

_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    """Remember each phase's report on the item so fixtures can tell if the test failed."""
    report: pytest.TestReport = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie has died already)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except FileNotFoundError:
        return False
    return state not in "ZX"


class BotProcess:
    """The bot running as ``python -m bot`` against the fake server.

    stdout and stderr go (interleaved) to one log file, so a chatty process never blocks.
    """

    def __init__(
        self,
        process: asyncio.subprocess.Process,
        server: FakeBotAPI,
        log_path: Path,
        env: Mapping[str, str],
        first_request: int,
    ) -> None:
        self.process = process
        self.server = server
        self.log_path = log_path
        #: The complete environment the process was started with.
        self.env = dict(env)
        self._first_request = first_request

    @property
    def pid(self) -> int:
        """The process id."""
        return self.process.pid

    def worker_pids(self) -> list[int]:
        """The worker processes the supervising parent forked (``bot/supervisor.py``)."""
        path = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except FileNotFoundError:
            return []

    @property
    def serving_pid(self) -> int:
        """The process that talks to Telegram and the database: the supervisor's worker,
        or the process itself when it runs without one (``RESTART_ON_CRASH=false``)."""
        workers = self.worker_pids()
        assert len(workers) <= 1, workers
        return workers[0] if workers else self.pid

    @property
    def returncode(self) -> int | None:
        """The exit code (negative = killed by that signal), None while it is running."""
        return self.process.returncode

    def logs(self) -> str:
        """Everything the process wrote to stdout and stderr so far."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def _polled(self) -> bool:
        return any(r.method == "getUpdates" for r in self.server.requests[self._first_request :])

    async def wait_ready(self, timeout: float = 30.0) -> None:  # noqa: ASYNC109 - test API
        """Wait until the bot polls the fake server (a ``getUpdates`` after it was started).

        Fails at once, with the logs, if the process exits before that.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._polled():
            if self.returncode is not None:
                raise AssertionError(
                    f"bot exited with code {self.returncode} before polling started\n"
                    f"--- bot logs ---\n{self.logs()}\n{self.server.dump()}"
                )
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"bot did not call getUpdates within {timeout:g}s\n"
                    f"--- bot logs ---\n{self.logs()}\n{self.server.dump()}"
                )
            # Re-check on every server event, and at least every 0.1 s for a process exit.
            await self.server.wait_for_change(min(remaining, 0.1))

    @property
    def web_url(self) -> str:
        """``http://WEB_HOST:WEB_PORT``: the bot's own web server in webhook mode."""
        host = self.env.get("WEB_HOST") or "127.0.0.1"
        return f"http://{host}:{self.env.get('WEB_PORT') or 8080}"

    def _webhook_set(self) -> bool:
        requests = self.server.requests[self._first_request :]
        return any(r.method == "setWebhook" and r.ok for r in requests) and (
            '"msg": "webhook mode"' in self.logs()  # this process set it (not another bot)
        )

    async def _healthy(self, session: aiohttp.ClientSession) -> bool:
        try:
            async with session.get(f"{self.web_url}/healthz") as response:
                await response.read()
                return response.status == 200
        except (aiohttp.ClientError, OSError, TimeoutError):
            return False

    async def wait_webhook_ready(self, timeout: float = 30.0) -> None:  # noqa: ASYNC109 - test API
        """Webhook mode (``BOT_MODE=webhook``): wait until the bot has set its webhook on the
        fake server (and logged "webhook mode") and ``GET /healthz`` answers 200.

        Fails at once, with the logs, if the process exits before that.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
            while not (self._webhook_set() and await self._healthy(session)):
                if self.returncode is not None:
                    raise AssertionError(
                        f"bot exited with code {self.returncode} before its webhook was ready\n"
                        f"--- bot logs ---\n{self.logs()}\n{self.server.dump()}"
                    )
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise AssertionError(
                        f"bot did not set its webhook and answer {self.web_url}/healthz "
                        f"within {timeout:g}s\n--- bot logs ---\n{self.logs()}\n"
                        f"{self.server.dump()}"
                    )
                await self.server.wait_for_change(min(remaining, 0.1))

    async def terminate(self, timeout: float = 15.0) -> int:  # noqa: ASYNC109 - test API
        """Send SIGTERM and wait for the exit; return the exit code.

        If the process does not exit within ``timeout`` it is SIGKILLed and the test fails.
        """
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(timeout):
                    await self.process.wait()
            except TimeoutError:
                await self.kill()
                pytest.fail(
                    f"bot did not exit within {timeout:g}s after SIGTERM and was killed\n"
                    f"--- bot logs ---\n{self.logs()}"
                )
        return self.process.returncode if self.process.returncode is not None else -1

    async def kill(self) -> int:
        """SIGKILL the process (a crash, no cleanup) and wait until it and its worker are
        gone (the kernel kills the worker with its parent); return the exit code."""
        workers = self.worker_pids()
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
        code = await self.process.wait()
        async with asyncio.timeout(10):
            while any(alive(pid) for pid in workers):  # noqa: ASYNC110 - no event to wait on
                await asyncio.sleep(0.01)
        return code


class RunBot(Protocol):
    """Type of the ``run_bot`` fixture."""

    def __call__(
        self, env: Mapping[str, str | None] | None = None, db_path: Path | None = None
    ) -> Awaitable[BotProcess]: ...


async def start_bot(
    fake_api: FakeBotAPI,
    database: Path,
    log_path: Path,
    env: Mapping[str, str | None] | None = None,
) -> BotProcess:
    """Start ``python -m bot`` against ``fake_api`` on the SQLite file ``database``, its
    output going to ``log_path`` (the environment is described at ``run_bot``).

    The caller terminates it; ``run_bot`` does that for a test, and a module-scoped fixture
    that starts one bot for all its tests uses this directly.
    """
    full_env = dict(os.environ)
    full_env.update(
        BOT_TOKEN=f"{fake_api.bot_id}:{TEST_TOKEN_SECRET}",
        TELEGRAM_API_BASE=fake_api.base_url,
        DATABASE_URL=f"sqlite+aiosqlite:///{database}",
        ADMIN_IDS="111",
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    no_proxy = ",".join(filter(None, [full_env.get("NO_PROXY", ""), "127.0.0.1", "localhost"]))
    full_env["NO_PROXY"] = full_env["no_proxy"] = no_proxy
    for key, value in (env or {}).items():
        if value is None:
            full_env.pop(key, None)
        else:
            full_env[key] = value
    first_request = len(fake_api.requests)
    with log_path.open("wb") as log:  # the child keeps its own descriptor
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=REPO_ROOT,
            env=full_env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
        )
    return BotProcess(process, fake_api, log_path, full_env, first_request)


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotAPI]:
    """A started fake Bot API server on 127.0.0.1 (ephemeral port), stopped afterwards."""
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def run_bot(
    fake_api: FakeBotAPI, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[RunBot]:
    """Factory: ``await run_bot(env=None, db_path=None)`` starts ``python -m bot``.

    The environment is ``os.environ`` plus ``BOT_TOKEN`` (accepted by ``fake_api``),
    ``TELEGRAM_API_BASE``, ``DATABASE_URL`` (SQLite at ``db_path``, by default
    ``tmp_path/"bot.db"``, shared by every bot started in the test, so a restarted bot sees
    the same data), ``ADMIN_IDS=111``, ``LOG_LEVEL=INFO``, ``PYTHONUNBUFFERED=1``, then
    ``env`` (a ``None`` value removes the variable).  Still-running processes are
    terminated at teardown; if the test failed, their logs are printed.
    """
    started: list[BotProcess] = []

    async def start(
        env: Mapping[str, str | None] | None = None, db_path: Path | None = None
    ) -> BotProcess:
        database = db_path if db_path is not None else tmp_path / "bot.db"
        log_path = tmp_path / f"bot-{len(started) + 1}.log"
        bot = await start_bot(fake_api, database, log_path, env)
        started.append(bot)
        return bot

    yield start

    problems: list[str] = []
    for bot in started:
        if bot.returncode is None:
            try:
                await bot.terminate()
            except pytest.fail.Exception as error:
                problems.append(str(error))
    reports = request.node.stash.get(_REPORTS, {})
    if problems or any(report.failed for report in reports.values()):
        for number, bot in enumerate(started, start=1):
            print(f"--- logs of bot #{number} (pid {bot.pid}, exit {bot.returncode}) ---")
            print(bot.logs())
    if problems:
        pytest.fail("\n".join(problems))


# ---------------------------------------------------------------- the browser
# One Chromium per test module (a start costs about a second), a fresh context per page.
# Its fixtures live on the module's event loop: a module that uses them marks its tests
# ``pytestmark = pytest.mark.asyncio(loop_scope="module")``.


class OpenPage(Protocol):
    """Type of the ``open_page`` fixture."""

    def __call__(
        self, url: str | None = None, *, viewport: Mapping[str, int] = ..., locale: str = ...
    ) -> Awaitable[Page]: ...


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chromium() -> AsyncIterator[Browser]:
    """Debian's Chromium through Playwright (``tests/e2e/browser.py``), closed after the
    module."""
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        try:
            yield browser
        finally:
            await browser.close()


@pytest_asyncio.fixture(loop_scope="module")
async def open_page(chromium: Browser, request: pytest.FixtureRequest) -> AsyncIterator[OpenPage]:
    """Factory: ``await open_page(url=None, viewport=PHONE, locale="ru-RU")`` opens a page in
    a new browser context (no cookies or storage shared with another page) and goes to
    ``url``. The contexts are closed after the test; if it failed, what the pages wrote to
    their console and their uncaught errors are printed."""
    contexts = []
    console: list[str] = []

    async def open_one(
        url: str | None = None, *, viewport: Mapping[str, int] = PHONE, locale: str = "ru-RU"
    ) -> Page:
        context = await chromium.new_context(viewport=dict(viewport), locale=locale)  # type: ignore[arg-type]
        contexts.append(context)
        page = await context.new_page()
        number = len(contexts)

        def on_console(message: ConsoleMessage, number: int = number) -> None:
            console.append(f"page {number} console.{message.type}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: console.append(f"page {number} error: {error}"))
        if url is not None:
            await page.goto(url)
        return page

    yield open_one

    for context in contexts:
        await context.close()
    reports = request.node.stash.get(_REPORTS, {})
    if console and any(report.failed for report in reports.values()):
        print("--- browser console ---", *console, sep="\n")


@pytest.fixture(scope="session")
def screenshot_dir(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    """Where the browser tests write their screenshots: ``SCREENSHOT_DIR``, or a
    ``screenshots`` folder in pytest's base temporary folder. Printed once."""
    configured = os.environ.get("SCREENSHOT_DIR")
    folder = Path(configured) if configured else tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"screenshots go to {folder}")
    return folder
