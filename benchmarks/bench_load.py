"""Load and crash test: logging commands at 200 updates/s with re-delivered updates.

    .venv/bin/python benchmarks/bench_load.py [--db sqlite|postgres] [--postgres-url URL]
        [--rate 200] [--seconds 60] [--reps 50] [--dup 0.1]
        [--crash | --crash-service | --echo] [--seed N] [--burst N]

Runs the real bot (``python -m bot``) against the fake Bot API of the end-to-end tests
(``tests/e2e/fake_bot_api.py``) with a throw-away database: SQLite (default) or, with
``--db postgres``, a fresh database created on the server of ``--postgres-url`` or
``TEST_POSTGRES_URL`` (an admin URL such as ``postgresql+asyncpg://postgres@127.0.0.1:5432/
postgres``) and dropped afterwards. One admin adds the source ``google`` and invites
``--reps`` SDRs; each rep logs one warm-up call. Then, for ``--seconds``, ``--rate`` updates
a second are pushed to the fake server on a fixed schedule (whether or not the bot keeps up):

* new commands from random reps: ``/call <duration> [вх] c<serial>`` (70 %),
  ``/meeting set m<serial> google`` (10 %), ``/lead google [целевой]`` (12 %),
  ``/calls <n> <2n>m`` (8 %); calls and meetings carry a unique client label, leads and bulk
  calls are counted per rep;
* ``--dup`` of the updates are re-deliveries: the same update object (same ``update_id``) of
  a command pushed up to 2 s earlier is delivered again in a later getUpdates answer, as
  Telegram does when it did not see the offset confirmed (the original may still be being
  handled, or done).

Latency is from pushing an update to the fake server until the bot's reply to it reaches the
fake server. After the load the queue is drained (until every command is answered, or no
reply came for ``--stall`` seconds), the bot is stopped, and the database is checked: every
unique command is stored exactly once (calls and meetings by label, entries per rep and kind,
bulk call counts per rep, processed-update markers), none lost, none doubled.

``--crash``: the bot's worker process (``bot/supervisor.py``: the one that handles updates, the
one a crash or the OOM killer takes down) is killed with SIGKILL at a random moment of the
middle third of the load; the supervisor forks a new one (the load goes on).
``--crash-service``: the whole service, supervisor included, is killed and started again at
once, as systemd would after a crash of the supervisor. Both print the time from the kill
(restart) to the first getUpdates and to the first reply, and check that every command
is stored (updates are confirmed to Telegram only once handled: ``bot/polling.py``), every
command answered "saved" is stored exactly once, nothing is stored twice, every labelled command
the killed bot had not confirmed (getUpdates offset) is answered or stored, and polling
resumed within 5 s.

``--echo``: the same load (same seed) also against a bare aiogram echo bot
(``benchmarks/echo_bot.py``) on a fresh fake server; prints our/echo throughput and latency
ratios. Exits 1 if a check fails.

``--burst N`` (400 in the issue's comparison): instead of the load, one rep sends N
``/call 75s`` at once (all queued before the bot fetches them); prints how long until the
last of the N replies and the commands per second, checks that every reply says saved and
that N calls are stored. With ``--echo`` the echo bot gets the same N messages from one
user, and the ours/echo throughput ratio is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import json
import os
import random
import re
import secrets
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict, deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a script: make `tests` importable
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.common import Checks, ms, quantile, stop  # noqa: E402
from tests.e2e.fake_bot_api import TEST_TOKEN_SECRET, FakeBotAPI, Request  # noqa: E402

ADMIN = 111
REP_BASE = 2001
READY_TIMEOUT = 60.0
DUP_WINDOW = 2.0  # a re-delivered update was first pushed at most this long before
RESUME_LIMIT = 5.0  # --crash: polling must resume within this many seconds of the restart
QUIET = 3.0  # --crash: after the expected replies, wait until none came for this long
KIND_WEIGHTS = {"call": 70, "meeting": 10, "lead": 12, "calls": 8}
DURATIONS = ("75s", "2m", "45s", "3m10s", "1:30")
ENTRY_KIND = {"call": "call", "meeting": "meeting_set", "lead": "lead", "calls": "calls"}
LABEL_RE = re.compile(r"\b([cm]\d{6})\b")
SAVED = ": сохранено "  # "✔️ Иван: сохранено 📞 …"
ERROR_TEXT = "Что-то пошло не так"
ERROR_MARKS = ('"ERROR"', '"CRITICAL"', "ERROR:", "CRITICAL:", "Traceback")

JSON = dict[str, Any]


# --- the schedule ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    at: float  # seconds from the start of the load
    rep: int  # index of the rep
    kind: str  # call | meeting | lead | calls | dup
    text: str = ""
    label: str | None = None
    amount: int = 0  # /calls: the number of calls
    ref: int = -1  # dup: the index of the step it re-delivers


def build_plan(
    rate: float, seconds: float, reps: int, dup: float, rng: random.Random
) -> list[Step]:
    steps: list[Step] = []
    recent: deque[int] = deque()  # commands pushed within DUP_WINDOW
    duplicated: set[int] = set()
    kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
    serial = 0
    for i in range(round(rate * seconds)):
        at = i / rate
        while recent and steps[recent[0]].at < at - DUP_WINDOW:
            recent.popleft()
        if recent and rng.random() < dup:
            candidates = [recent[rng.randrange(len(recent))] for _ in range(8)]
            ref = next((c for c in candidates if c not in duplicated), None)
            if ref is not None:
                duplicated.add(ref)
                steps.append(Step(at, steps[ref].rep, "dup", ref=ref))
                continue
        serial += 1
        rep = rng.randrange(reps)
        kind = rng.choices(kinds, weights)[0]
        if kind == "call":
            label = f"c{serial:06d}"
            direction = " вх" if rng.random() < 0.2 else ""
            step = Step(at, rep, kind, f"/call {rng.choice(DURATIONS)}{direction} {label}", label)
        elif kind == "meeting":
            label = f"m{serial:06d}"
            step = Step(at, rep, kind, f"/meeting set {label} google", label)
        elif kind == "lead":
            step = Step(at, rep, kind, "/lead google" + (" целевой" if rng.random() < 0.3 else ""))
        else:
            n = rng.randint(5, 40)
            step = Step(at, rep, kind, f"/calls {n} {2 * n}m", amount=n)
        recent.append(len(steps))
        steps.append(step)
    return steps


# --- commands and replies ----------------------------------------------------------------


@dataclass(eq=False)
class Cmd:
    step: Step
    chat: int
    update: JSON
    update_id: int
    pushed: float
    reply_at: float | None = None
    saved: bool = False
    replies: int = 0


class Tracker:
    """Matches the replies the fake server receives to the commands pushed.

    Our bot: calls and meetings by their label; leads and bulk calls per chat in order.
    The echo bot: by the update id its reply starts with.
    """

    def __init__(self, echo: bool, rep_ids: list[int]) -> None:
        self.echo = echo
        self.rep_ids = set(rep_ids)
        self.active = False
        self.cmds: list[Cmd] = []
        self.by_update: dict[int, Cmd] = {}
        self.by_label: dict[str, Cmd] = {}
        self.fifo: dict[tuple[int, str], deque[Cmd]] = defaultdict(deque)
        self.answered = 0
        self.last_reply = 0.0
        self.extra_replies = 0
        self.errors: list[str] = []
        self.unexpected: list[str] = []

    def add(self, step: Step, chat: int, update: JSON, pushed: float) -> Cmd:
        cmd = Cmd(step, chat, update, int(update["update_id"]), pushed)
        self.cmds.append(cmd)
        self.by_update[cmd.update_id] = cmd
        if step.label:
            self.by_label[step.label] = cmd
        else:
            self.fifo[(chat, step.kind)].append(cmd)
        return cmd

    def on_reply(self, record: Request) -> None:
        chat, text = record.chat_id, record.text or ""
        if not self.active or chat not in self.rep_ids:
            return
        cmd: Cmd | None = None
        if self.echo:
            head = text.split(" ", 1)[0]
            cmd = self.by_update.get(int(head)) if head.isdigit() else None
        else:
            match = LABEL_RE.search(text)
            if match:
                cmd = self.by_label.get(match.group(1))
            else:
                kind = "lead" if "лид №" in text else "calls" if " от 60 с, " in text else ""
                queue = self.fifo.get((chat, kind))
                cmd = queue.popleft() if queue else None
        if cmd is None or cmd.chat != chat:
            (self.errors if ERROR_TEXT in text else self.unexpected).append(f"{chat}: {text[:100]}")
            return
        cmd.replies += 1
        if cmd.replies > 1:
            self.extra_replies += 1
            return
        cmd.reply_at = record.time
        cmd.saved = self.echo or SAVED in text
        self.answered += 1
        self.last_reply = max(self.last_reply, record.time)

    def forget_in_flight(self, confirmed: int) -> None:
        """--crash: unlabelled commands the killed bot had confirmed but not answered will
        never be answered; drop them from the in-order matching."""
        for key, queue in self.fifo.items():
            self.fifo[key] = deque(c for c in queue if c.update_id >= confirmed)


class LoadFake(FakeBotAPI):
    """The fake server, plus re-delivery of updates and a hook on every sent message."""

    def __init__(self, on_reply: Callable[[Request], None]) -> None:
        super().__init__()
        self._on_reply = on_reply
        self.redeliveries: list[JSON] = []
        self.deliveries: Counter[int] = Counter()  # update_id -> times delivered
        self.redelivered_at: dict[int, float] = {}  # update_id -> time of the 2nd delivery

    def redeliver(self, update: JSON) -> None:
        """Deliver ``update`` once more (as soon as it has been delivered once)."""
        self.redeliveries.append(copy.deepcopy(update))
        self._notify()

    def _ready_batch(self, limit: int, final: bool) -> list[JSON] | None:
        # The queued re-deliveries at the head of an answer (lower ids first, so the
        # bot's next offset still confirms the whole answer).
        again = [u for u in self.redeliveries if self.deliveries[u["update_id"]]][:limit]
        if not (again or self.pending_updates or final):
            return None
        for update in again:
            self.redeliveries.remove(update)
        batch = again + copy.deepcopy(self.pending_updates[: limit - len(again)])
        batch.sort(key=lambda u: u["update_id"])
        now = time.monotonic()
        for update in batch:
            self.deliveries[update["update_id"]] += 1
            if self.deliveries[update["update_id"]] == 2:
                self.redelivered_at[update["update_id"]] = now
        return batch

    def _send_message(self, record: Request) -> JSON:
        result = super()._send_message(record)
        self._on_reply(record)
        return result


# --- databases ---------------------------------------------------------------------------


class SqliteStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.url = f"sqlite+aiosqlite:///{path}"
        self.name = "sqlite"

    async def rows(self, sql: str) -> list[tuple]:
        with contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as conn:
            return conn.execute(sql).fetchall()


class PostgresStore:
    def __init__(self, url: str, dsn: str) -> None:
        self.url = url
        self.dsn = dsn
        self.name = "postgres"

    async def rows(self, sql: str) -> list[tuple]:
        import asyncpg

        conn = await asyncpg.connect(self.dsn)
        try:
            return [tuple(row) for row in await conn.fetch(sql)]
        finally:
            await conn.close()


@contextlib.asynccontextmanager
async def open_store(args: argparse.Namespace, tmp: Path) -> AsyncIterator[Any]:
    if args.db == "sqlite":
        yield SqliteStore(tmp / "bench.db")
        return
    import asyncpg
    from sqlalchemy.engine import make_url

    admin = make_url(args.postgres_url)
    name = f"bench_load_{secrets.token_hex(4)}"

    def dsn(database: str | None) -> str:
        url = admin.set(drivername="postgresql")
        url = url.set(database=database) if database else url
        return url.render_as_string(hide_password=False)

    conn = await asyncpg.connect(dsn(None))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    url = admin.set(drivername="postgresql+asyncpg", database=name)
    try:
        yield PostgresStore(url.render_as_string(hide_password=False), dsn(name))
    finally:
        conn = await asyncpg.connect(dsn(None))
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()


# --- processes ---------------------------------------------------------------------------


def bot_env(fake: FakeBotAPI, database_url: str | None, log_level: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        BOT_TOKEN=f"{fake.bot_id}:{TEST_TOKEN_SECRET}",
        TELEGRAM_API_BASE=fake.base_url,
        ADMIN_IDS=str(ADMIN),
        LOG_LEVEL=log_level,
        PYTHONUNBUFFERED="1",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    no_proxy = ",".join(filter(None, [env.get("NO_PROXY", ""), "127.0.0.1", "localhost"]))
    env["NO_PROXY"] = env["no_proxy"] = no_proxy
    return env


async def spawn(argv: list[str], env: dict[str, str], log_path: Path) -> asyncio.subprocess.Process:
    with log_path.open("ab") as log:  # the child keeps its own descriptor
        return await asyncio.create_subprocess_exec(
            sys.executable,
            *argv,
            cwd=REPO_ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
        )


async def wait_request(
    fake: FakeBotAPI,
    start: int,
    predicate: Callable[[Request], bool],
    process: asyncio.subprocess.Process | None = None,
    timeout: float = READY_TIMEOUT,  # noqa: ASYNC109
) -> tuple[int, Request]:
    """The first request from index ``start`` on that matches ``predicate``."""
    index, deadline = start, time.monotonic() + timeout
    while True:
        while index < len(fake.requests):
            if predicate(fake.requests[index]):
                return index, fake.requests[index]
            index += 1
        if process is not None and process.returncode is not None:
            raise RuntimeError(f"the bot exited with code {process.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError("the bot did not make the expected request")
        await fake.wait_for_change(0.05)


# --- one run -----------------------------------------------------------------------------


@dataclass
class Crash:
    at: float = 0.0  # seconds into the load
    service: bool = False  # the whole service was killed and started again, not the worker
    confirmed: int = 0  # the getUpdates offset the killed bot had confirmed
    in_flight: int = 0  # delivered to the killed bot, not answered
    killed: float = 0.0
    restarted: float = 0.0
    restarted_wall: float = 0.0  # time.time() of the restart, to read the log's timestamps
    db_ready: float | None = None  # the new process logged "database ready"
    first_call: float | None = None  # its first Bot API request (getMe)
    first_poll: float | None = None
    first_reply: float | None = None


@dataclass
class Run:
    name: str
    tracker: Tracker
    fake: LoadFake
    started: float = 0.0  # the first push
    load_end: float = 0.0  # the last push
    steps: int = 0
    dups: int = 0
    crash: Crash | None = None
    log: list[str] = field(default_factory=list)
    exit_code: int = 0
    failed: str = ""
    cpu: float | None = None  # the bot's CPU seconds from the load's start to the drain

    def latencies(self) -> list[float]:
        return [c.reply_at - c.pushed for c in self.tracker.cmds if c.reply_at is not None]

    @property
    def span(self) -> float:
        return max(self.load_end - self.started, 1e-9)

    def throughput(self) -> float:
        end = max(self.tracker.last_reply, self.load_end)
        return self.tracker.answered / max(end - self.started, 1e-9)

    def backlog(self) -> int:
        done = sum(1 for c in self.tracker.cmds if c.reply_at and c.reply_at <= self.load_end)
        return len(self.tracker.cmds) - done

    def drain(self) -> float:
        return max(0.0, self.tracker.last_reply - self.load_end)


async def push_load(
    fake: LoadFake, tracker: Tracker, plan: list[Step], users: list[JSON], run: Run
):
    """Push the schedule at its pace (late steps are pushed at once, never dropped)."""
    updates: dict[int, JSON] = {}
    start = time.monotonic() + 0.1
    run.started = start
    for index, step in enumerate(plan):
        delay = start + step.at - time.monotonic()
        await asyncio.sleep(max(delay, 0))
        if step.kind == "dup":
            fake.redeliver(updates[step.ref])
            run.dups += 1
        else:
            pushed = time.monotonic()
            update = fake.send_text(users[step.rep], step.text)
            updates[index] = update
            tracker.add(step, users[step.rep]["id"], update, pushed)
        run.steps += 1
    run.load_end = time.monotonic()


async def crash_and_restart(
    fake: LoadFake,
    tracker: Tracker,
    run: Run,
    proc: list,
    start_bot: Callable,
    at: float,
    service: bool,
) -> None:
    """SIGKILL the worker (the supervisor forks a new one), or with ``service`` the whole
    service, which is then started again as systemd would."""
    await asyncio.sleep(max(0.0, run.started + at - time.monotonic()))
    crash = run.crash = Crash(at=at, service=service)
    old = proc[0]
    victim = old.pid if service else worker_pid(old.pid)
    crash.killed = time.monotonic()
    crash.confirmed = fake.updates_confirmed
    delivered = {uid for uid in fake.deliveries if uid < crash.confirmed}
    crash.in_flight = sum(
        1 for c in tracker.cmds if c.update_id in delivered and c.reply_at is None
    )
    mark = len(fake.requests)
    os.kill(victim, signal.SIGKILL)  # no shutdown, no cleanup
    if service:
        await old.wait()
    tracker.forget_in_flight(crash.confirmed)
    crash.restarted, crash.restarted_wall = time.monotonic(), time.time()
    new = old
    if service:
        new = proc[0] = await start_bot()
    _, call = await wait_request(fake, mark, lambda r: r.method == "getMe", new)
    crash.first_call = call.time - crash.restarted
    index, _ = await wait_request(fake, mark, lambda r: r.method == "deleteWebhook", new)
    index, poll = await wait_request(fake, index, lambda r: r.method == "getUpdates", new)
    crash.first_poll = poll.time - crash.restarted

    def reply(r: Request) -> bool:
        return r.method == "sendMessage" and r.chat_id in tracker.rep_ids

    _, first = await wait_request(fake, index, reply, new)
    crash.first_reply = first.time - crash.restarted


async def drain(run: Run, stall: float) -> None:
    """Until every command is answered (--crash: every labelled command pushed after the
    kill, then QUIET seconds without a reply), or no reply came for ``stall`` seconds."""
    tracker = run.tracker
    last, changed = tracker.answered, time.monotonic()

    def done() -> bool:
        if run.crash is None:
            return tracker.answered == len(tracker.cmds)
        return all(
            c.reply_at is not None
            for c in tracker.cmds
            if c.step.label and c.pushed > run.crash.killed
        ) and (time.monotonic() - changed >= QUIET)

    while not done():
        await asyncio.sleep(0.2)
        if tracker.answered != last:
            last, changed = tracker.answered, time.monotonic()
        elif time.monotonic() - changed > stall:
            return


async def run_load(
    name: str,
    args: argparse.Namespace,
    plan: list[Step],
    tmp: Path,
    *,
    store: Any = None,
    crash_at: float | None = None,
) -> Run:
    echo = store is None
    rep_ids = [REP_BASE + i for i in range(args.reps)]
    tracker = Tracker(echo, rep_ids)
    async with LoadFake(tracker.on_reply) as fake:
        run = Run(name, tracker, fake)
        log_path = tmp / f"{name.replace('/', '-')}.log"
        env = bot_env(fake, store.url if store else None, args.log_level)
        argv = [str(REPO_ROOT / "benchmarks" / "echo_bot.py")] if echo else ["-m", "bot"]
        if args.profile and not echo:  # cProfile writes the file when the bot exits
            argv = ["-m", "cProfile", "-o", args.profile, *argv]
            env["RESTART_ON_CRASH"] = "false"  # one process: the profiled one

        async def start_bot() -> asyncio.subprocess.Process:
            return await spawn(argv, env, log_path)

        users = [
            fake.user(rep_id, f"Rep{i + 1}", username=f"rep{i + 1}")
            for i, rep_id in enumerate(rep_ids)
        ]
        began = time.monotonic()
        proc = [await start_bot()]
        try:
            await wait_request(fake, 0, lambda r: r.method == "getUpdates", proc[0])
            ready = time.monotonic() - began
            if not echo:
                await set_up_team(fake, users)
            for i, user in enumerate(users):  # warm-up: one command each
                fake.send_text(user, f"/call 75s w{i:04d}" if not echo else f"warm w{i:04d}")
            for i, user in enumerate(users):
                await fake.wait_for_message(user["id"], contains=f"w{i:04d}", timeout=60)
            print(
                f"\n{name}: ready in {ready:.1f} s; team of {len(users)} reps set up and warm "
                f"after {time.monotonic() - began:.1f} s"
            )
            tracker.active = True
            cpu_before = bot_cpu(proc[0], echo)
            async with asyncio.TaskGroup() as group:  # a failure cancels the other task
                group.create_task(push_load(fake, tracker, plan, users, run))
                if crash_at is not None:
                    group.create_task(
                        crash_and_restart(
                            fake, tracker, run, proc, start_bot, crash_at, args.crash_service
                        )
                    )
            await drain(run, args.stall)
            if crash_at is None:  # a killed worker's CPU is gone with it
                run.cpu = bot_cpu(proc[0], echo) - cpu_before
        except Exception as error:  # a timeout, the bot died...: report, then stop it
            if isinstance(error, ExceptionGroup):
                error = error.exceptions[0]
            run.failed = f"{type(error).__name__}: {str(error)[:500]}"
        finally:
            run.exit_code = await stop(proc[0])
            run.log = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
            if run.crash is not None:
                since = run.crash.restarted_wall
                run.crash.db_ready = logged_after(run.log, "database ready", since)
    return run


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bot_cpu(proc: asyncio.subprocess.Process, echo: bool) -> float:
    """CPU seconds of the process that handles updates: the echo bot itself, or our
    supervisor's worker (the profiled process itself with ``--profile``)."""
    try:
        return process_cpu(proc.pid if echo else worker_pid(proc.pid))
    except RuntimeError:  # --profile: no supervisor, one process
        return process_cpu(proc.pid)


def worker_pid(parent: int) -> int:
    """The worker the supervising ``python -m bot`` forked (``bot/supervisor.py``)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    if len(children) != 1:
        raise RuntimeError(f"expected one bot worker under pid {parent}, found {children}")
    return int(children[0])


def logged_after(lines: list[str], message: str, since: float) -> float | None:
    """Seconds from ``since`` (time.time()) to the first JSON log line with ``message``."""
    for line in lines:
        if message not in line:
            continue
        with contextlib.suppress(ValueError, KeyError, TypeError):
            at = datetime.fromisoformat(json.loads(line)["ts"]).timestamp()
            if at >= since:
                return at - since
    return None


async def set_up_team(fake: FakeBotAPI, users: list[JSON]) -> None:
    admin = fake.user(ADMIN, "Olga")
    fake.send_text(admin, "/start")
    await fake.wait_for_message(ADMIN, timeout=30)
    fake.send_text(admin, "/source add google")
    await fake.wait_for_message(ADMIN, contains="google", timeout=30)
    for user in users:
        fake.send_text(admin, "/invite sdr")
        created = await fake.wait_for_message(ADMIN, contains="start=", timeout=30)
        code = created.text.split("start=", 1)[1].split()[0].strip("\"'<>")
        fake.send_text(user, f"/start {code}")
        await fake.wait_for_message(user["id"], timeout=30)


# --- checks and figures ------------------------------------------------------------------


def secs(value: float | None) -> str:
    return f"{value:.2f} s" if value is not None else "—"


def some(items: Any, n: int = 5) -> str:
    items = sorted(items)
    return f" e.g. {items[:n]}" if items else ""


OUR_PACKAGES = "bot|handlers|services|views|metrics|storage"
OUR_FRAME = re.compile(rf'File "[^"]*/((?:{OUR_PACKAGES})/[^"]+)", line (\d+), in (\w+)')


def error_kinds(lines: list[str]) -> Counter[str]:
    """ERROR log lines grouped by message (digits masked), exception and our frames."""
    kinds: Counter[str] = Counter()
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            kinds[re.sub(r"\d+", "N", line[:120])] += 1
            continue
        message = str(entry.get("msg", "")).splitlines() or [""]
        exc = str(entry.get("exc", "")).strip().splitlines() or message
        frames = [f"{Path(f).name}:{n}" for f, n, _ in OUR_FRAME.findall(str(entry.get("exc")))]
        if len(frames) > 4:
            frames = [*frames[:2], "…", *frames[-2:]]
        head = re.sub(r"\d+", "N", message[0][:50])
        kinds[f"{entry.get('logger')}: {head} | {exc[-1][:70]} | {' > '.join(frames)}"] += 1
    return kinds


def report_run(run: Run, check: Checks) -> None:
    t = run.tracker
    lat = run.latencies()
    unique = len(t.cmds)
    print(
        f"  pushed {run.steps} updates in {run.span:.1f} s = {run.steps / run.span:.1f}/s "
        f"({unique} unique commands, {run.dups} re-deliveries)"
    )
    delivered = sum(1 for uid, n in run.fake.deliveries.items() if n > 1 and uid in t.by_update)
    during = sum(
        1
        for uid, at in run.fake.redelivered_at.items()
        if uid in t.by_update and (t.by_update[uid].reply_at or float("inf")) > at
    )
    print(
        f"  updates delivered more than once: {delivered} ({during} before the original "
        "was answered; --crash adds the killed bot's unconfirmed last batch)"
    )
    print(
        f"  answered {t.answered}/{unique}; throughput {run.throughput():.1f} commands/s; "
        f"backlog at the end of the load {run.backlog()}, drained {run.drain():.1f} s later"
    )
    if lat:
        print(
            f"  latency p50 {ms(lat, 0.5)} ms, p95 {ms(lat, 0.95)} ms, p99 {ms(lat, 0.99)} ms, "
            f"max {max(lat) * 1000:.0f} ms"
        )
    if run.crash is not None:
        c = run.crash
        print(
            f"  kill -9 of the {'service' if c.service else 'worker'} at {c.at:.1f} s into the "
            f"load ({c.in_flight} delivered commands unanswered); "
            f"{'restart' if c.service else 'kill'} -> 'database ready' logged {secs(c.db_ready)}, "
            f"-> getMe {secs(c.first_call)}, -> first getUpdates {secs(c.first_poll)}, "
            f"-> first reply {secs(c.first_reply)}"
        )
    check(not run.failed, f"the run completed{': ' + run.failed if run.failed else ''}")
    if run.crash is None:  # --crash: see verify_store (stored, maybe without a reply)
        check(
            t.answered == unique,
            f"every command answered ({unique - t.answered} without a reply)",
        )
    if not t.echo:
        not_saved = [c.step.text for c in t.cmds if c.reply_at is not None and not c.saved]
        check(not not_saved, f"every reply says saved ({len(not_saved)} do not){some(not_saved)}")
        check(t.extra_replies == 0, f"no command answered twice ({t.extra_replies})")
    check(not t.errors, f"no 'something went wrong' replies ({len(t.errors)}){some(t.errors, 3)}")
    check(not t.unexpected, f"no unexpected replies ({len(t.unexpected)}){some(t.unexpected, 3)}")
    check(run.exit_code == 0, f"the bot exited with code {run.exit_code} after SIGTERM")
    errors = [
        line
        for line in run.log
        if any(m in line for m in ERROR_MARKS)
        and not (run.crash is not None and "bot worker died; starting a new one" in line)
    ]
    check(not errors, f"no ERROR in the bot's log ({len(errors)} lines)")
    if errors:
        print("  bot log errors by kind (message | last line | where in our code):")
        for what, n in error_kinds(errors).most_common(8):
            print(f"    {n:>6} x {what}")
    elif run.failed:
        print("  --- bot log (tail, lines cut at 300 characters) ---")
        print("\n".join("  " + line[:300] for line in run.log[-20:]))
    if run.crash is not None:
        c = run.crash
        check(
            c.first_poll is not None and c.first_poll <= RESUME_LIMIT,
            f"polling resumed within {RESUME_LIMIT:g} s of the restart",
        )


async def verify_store(run: Run, store: Any, check: Checks) -> dict[str, int]:
    """Stored records against the commands sent; returns a few counts for the figures."""
    t, crash = run.tracker, run.crash
    stored_calls = dict(
        await store.rows(
            "SELECT client, count(*) FROM calls WHERE client LIKE 'c%' GROUP BY client"
        )
    )
    stored_meetings = dict(
        await store.rows(
            "SELECT client, count(*) FROM meetings WHERE client LIKE 'm%' GROUP BY client"
        )
    )
    entries = Counter()
    for tg_id, kind, n in await store.rows(
        "SELECT m.tg_user_id, e.kind, count(*) FROM entries e "
        "JOIN members m ON m.id = e.member_id WHERE e.voided_at IS NULL "
        "GROUP BY m.tg_user_id, e.kind"
    ):
        entries[(int(tg_id), kind)] = int(n)
    bulk = {
        int(tg_id): int(n)
        for tg_id, n in await store.rows(
            "SELECT m.tg_user_id, coalesce(sum(c.count), 0) FROM calls c "
            "JOIN members m ON m.id = c.member_id "
            "WHERE c.client IS NULL AND c.origin = 'manual' GROUP BY m.tg_user_id"
        )
    }
    ids = [c.update_id for c in t.cmds]
    markers = (
        await store.rows(
            f"SELECT count(*) FROM processed_updates "
            f"WHERE update_id >= {min(ids)} AND update_id <= {max(ids)}"
        )
    )[0][0]

    sent: Counter[tuple[int, str]] = Counter()
    saved: Counter[tuple[int, str]] = Counter()
    bulk_sent: Counter[int] = Counter()
    for c in t.cmds:
        key = (c.chat, ENTRY_KIND[c.step.kind])
        sent[key] += 1
        saved[key] += c.saved
        if c.step.kind == "calls":
            bulk_sent[c.chat] += c.step.amount
    for rep_id in t.rep_ids:  # the warm-up call
        sent[(rep_id, "call")] += 1
        saved[(rep_id, "call")] += 1
    stored_total = sum(entries[k] for k in entries if k[0] in t.rep_ids) - len(t.rep_ids)

    for what, stored, prefix in (("calls", stored_calls, "c"), ("meetings", stored_meetings, "m")):
        labelled = {c.step.label: c for c in t.cmds if c.step.label and c.step.label[0] == prefix}
        twice = [label for label, n in stored.items() if n > 1]
        unknown = [label for label in stored if label not in labelled]
        check(not twice, f"{what}: no label stored twice ({len(twice)}){some(twice)}")
        check(not unknown, f"{what}: no label that was not sent ({len(unknown)}){some(unknown)}")
        if crash is None:
            missing = [label for label in labelled if label not in stored]
            check(
                not missing,
                f"{what}: {len(stored)} stored = {len(labelled)} sent, each once "
                f"({len(missing)} lost){some(missing)}",
            )
        else:
            bad = [lb for lb, c in labelled.items() if c.saved and stored.get(lb) != 1]
            n_saved = sum(1 for c in labelled.values() if c.saved)
            check(not bad, f"{what}: all {n_saved} answered 'saved' stored exactly once{some(bad)}")
            lost = [
                lb
                for lb, c in labelled.items()
                if c.update_id >= crash.confirmed and c.reply_at is None and lb not in stored
            ]
            check(
                not lost,
                f"{what}: none lost that the killed bot had not confirmed "
                f"({len(lost)}){some(lost)}",
            )
            late = [lb for lb, c in labelled.items() if c.pushed > crash.killed and not c.saved]
            check(not late, f"{what}: all pushed after the kill answered 'saved'{some(late)}")

    keys = set(sent) | {k for k in entries if k[0] in t.rep_ids}
    if crash is None:
        wrong = [(k, entries[k], sent[k]) for k in keys if entries[k] != sent[k]]
        check(
            not wrong,
            f"entries per rep and kind = commands sent ({stored_total} stored, "
            f"{len(t.cmds)} sent; {len(wrong)} mismatches){some(wrong, 3)}",
        )
        bad_bulk = [(r, bulk.get(r, 0), n) for r, n in bulk_sent.items() if bulk.get(r, 0) != n]
        check(
            not bad_bulk and sum(bulk.values()) == sum(bulk_sent.values()),
            f"bulk calls per rep: {sum(bulk.values())} stored = {sum(bulk_sent.values())} sent",
        )
        check(
            markers == len(t.cmds),
            f"processed-update markers {markers} = unique updates {len(t.cmds)}",
        )
    else:
        wrong = [
            (k, saved[k], entries[k], sent[k])
            for k in keys
            if not saved[k] <= entries[k] <= sent[k]
        ]
        check(
            not wrong,
            f"entries per rep and kind: answered 'saved' <= stored <= sent "
            f"({len(wrong)} violations){some(wrong, 3)}",
        )
        bad_bulk = [(r, bulk.get(r, 0), n) for r, n in bulk_sent.items() if bulk.get(r, 0) > n]
        check(not bad_bulk, f"bulk calls per rep: stored <= sent{some(bad_bulk, 3)}")
        # The bot confirms an update to Telegram only once it has been handled
        # (bot/polling.py): whatever the killed worker had not finished came again. One
        # committed just before the kill is stored but was never answered.
        check(
            stored_total == len(t.cmds),
            f"none lost: all {len(t.cmds)} unique commands stored ({stored_total})",
        )
    n_saved = sum(1 for c in t.cmds if c.saved)
    return {
        "stored": stored_total,
        "saved": n_saved,
        "lost": len(t.cmds) - stored_total,
        "unanswered_stored": stored_total - n_saved,
        "markers": markers,
    }


def summary_row(run: Run) -> str:
    lat = run.latencies()
    worst = f"{max(lat) * 1000:.0f}" if lat else "—"
    return (
        f"  {run.name:<16} {run.steps / run.span:>7.1f} {len(run.tracker.cmds):>7} "
        f"{run.tracker.answered:>8} {run.throughput():>7.1f} {ms(lat, 0.5):>6} {ms(lat, 0.95):>6} "
        f"{ms(lat, 0.99):>6} {worst:>6} {run.backlog():>8} {run.drain():>7.1f}"
    )


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "—"


@contextlib.contextmanager
def work_dir(args: argparse.Namespace, prefix: str) -> Iterator[Path]:
    """``--keep``'s folder, or a temporary one removed afterwards (logs, SQLite file)."""
    if args.keep:
        yield args.keep
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield Path(tmp)


async def main(args: argparse.Namespace) -> int:
    check = Checks()
    rng = random.Random(args.seed)
    plan = build_plan(args.rate, args.seconds, args.reps, args.dup, rng)
    crash_at = rng.uniform(args.seconds / 3, 2 * args.seconds / 3) if args.crash else None
    runs: list[Run] = []
    extra: dict[str, int] = {}
    print(
        f"{args.seconds:g} s at {args.rate:g} updates/s from {args.reps} reps, "
        f"{args.dup:.0%} re-delivered, seed {args.seed}, database {args.db}"
        + (", kill -9 in the middle third" if args.crash else "")
    )
    with work_dir(args, "bench-load-") as tmp:
        async with open_store(args, tmp) as store:
            ours = await run_load(
                f"ours/{args.db}", args, plan, tmp, store=store, crash_at=crash_at
            )
            runs.append(ours)
            print(f"\n{ours.name}")
            report_run(ours, check)
            try:
                extra = await verify_store(ours, store, check)
            except Exception as error:
                check(False, f"database check: {type(error).__name__}: {error}")
        if args.echo:
            echo = await run_load("echo", args, plan, tmp)
            runs.append(echo)
            print(f"\n{echo.name}")
            report_run(echo, check)

    print(
        f"\nFigures ({args.seconds:g} s at {args.rate:g} updates/s, {args.reps} reps, "
        f"{args.dup:.0%} re-delivered; thr/s = unique commands answered per second; "
        "latencies in ms, update pushed -> reply received)"
    )
    print(
        f"  {'run':<16} {'sent/s':>7} {'unique':>7} {'answered':>8} {'thr/s':>7} {'p50':>6} "
        f"{'p95':>6} {'p99':>6} {'max':>6} {'backlog':>8} {'drain s':>7}"
    )
    for run in runs:
        print(summary_row(run))
    if extra:
        print(
            f"  stored {extra['stored']} of {len(ours.tracker.cmds)} unique commands "
            f"({extra['lost']} not stored), {extra['saved']} answered 'saved', "
            f"{extra['unanswered_stored']} stored without a reply; "
            f"{extra['markers']} processed-update markers"
        )
    if ours.crash is not None and ours.crash.first_poll is not None:
        c = ours.crash
        print(
            f"  crash at {c.at:.1f} s: restart -> first getUpdates {secs(c.first_poll)}, "
            f"-> first reply {secs(c.first_reply)}; "
            f"{c.in_flight} commands in flight were dropped with the process"
        )
    if len(runs) == 2:
        ours, echo = runs
        a, b = ours.latencies(), echo.latencies()
        if a and b:
            print(
                f"  ours/echo: throughput {ratio(ours.throughput(), echo.throughput())}, "
                f"p50 {ratio(quantile(a, 0.5), quantile(b, 0.5))}, "
                f"p95 {ratio(quantile(a, 0.95), quantile(b, 0.95))}, "
                f"p99 {ratio(quantile(a, 0.99), quantile(b, 0.99))}"
            )
        print_cpu(ours, echo, len(ours.tracker.cmds))
    return check.verdict()


def print_cpu(ours: Any, echo: Any, commands: int) -> None:
    """The bot's CPU per command: the work, which a busy machine does not change much
    (throughput and latency it does)."""
    if ours.cpu is None or echo.cpu is None or not commands:
        return
    a, b = ours.cpu / commands * 1000, echo.cpu / commands * 1000
    print(f"  bot CPU per command: ours {a:.2f} ms, echo {b:.2f} ms, ours/echo {ratio(a, b)}")


# --- a single-user burst -----------------------------------------------------------------


BURST_TEXT = "/call 75s"


@dataclass
class Burst:
    name: str
    sent: int = 0
    answered: int = 0
    saved: int = 0
    first_push: float = 0.0
    first_reply: float = 0.0
    last_reply: float = 0.0
    stored: int | None = None
    cpu: float | None = None  # the bot's CPU seconds from the first push to the last reply
    polls: int = 0  # getUpdates requests from the first push to the last reply
    delivered: int = 0  # updates those answers carried (the same one again counts again)
    log: list[str] = field(default_factory=list)
    exit_code: int = 0
    failed: str = ""

    @property
    def seconds(self) -> float:
        return max(self.last_reply - self.first_push, 1e-9)

    def throughput(self) -> float:
        return self.answered / self.seconds


async def run_burst(name: str, args: argparse.Namespace, tmp: Path, *, store: Any = None) -> Burst:
    """One user sends ``args.burst`` messages at once (``/call 75s`` to our bot); the time
    from the first push to the last reply."""
    echo = store is None
    result = Burst(name)
    async with FakeBotAPI() as fake:
        log_path = tmp / f"{name.replace('/', '-')}.log"
        env = bot_env(fake, store.url if store else None, args.log_level)
        argv = [str(REPO_ROOT / "benchmarks" / "echo_bot.py")] if echo else ["-m", "bot"]
        if args.profile and not echo:
            argv = ["-m", "cProfile", "-o", args.profile, *argv]
            env["RESTART_ON_CRASH"] = "false"
        rep = fake.user(REP_BASE, "Rep1", username="rep1")
        proc = await spawn(argv, env, log_path)
        try:
            await wait_request(fake, 0, lambda r: r.method == "getUpdates", proc)
            if not echo:
                await set_up_team(fake, [rep])
            fake.send_text(rep, "/call 75s w0000" if not echo else "warm w0000")
            await fake.wait_for_message(rep["id"], contains="w0000", timeout=60)
            await asyncio.sleep(0.5)  # the warm-up reply's confirmation
            mark = len(fake.requests)
            cpu_before = bot_cpu(proc, echo)
            result.first_push = time.monotonic()
            for _ in range(args.burst):
                fake.send_text(rep, BURST_TEXT)
                result.sent += 1
            index, last_change = mark, time.monotonic()
            while result.answered < result.sent:
                while index < len(fake.requests):
                    record = fake.requests[index]
                    index += 1
                    if record.method == "getUpdates" and result.answered < result.sent:
                        result.polls += 1
                        result.delivered += len(record.result or [])
                    if record.method != "sendMessage" or record.chat_id != rep["id"]:
                        continue
                    result.answered += 1
                    result.saved += echo or SAVED in (record.text or "")
                    result.first_reply = result.first_reply or record.time
                    result.last_reply, last_change = record.time, time.monotonic()
                if time.monotonic() - last_change > args.stall:
                    raise TimeoutError(f"no reply for {args.stall:g} s")
                await fake.wait_for_change(0.05)
            result.cpu = bot_cpu(proc, echo) - cpu_before
        except Exception as error:
            result.failed = f"{type(error).__name__}: {str(error)[:500]}"
        finally:
            result.exit_code = await stop(proc)
            result.log = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    if store is not None and not result.failed:
        result.stored = (
            await store.rows(
                "SELECT count(*) FROM calls c JOIN members m ON m.id = c.member_id "
                f"WHERE m.tg_user_id = {REP_BASE} AND c.voided_at IS NULL"
            )
        )[0][0] - 1  # the warm-up call
    return result


def report_burst(burst: Burst, check: Checks) -> None:
    print(
        f"\n{burst.name}: {burst.sent} messages from one user at once; answered "
        f"{burst.answered}, first reply after {burst.first_reply - burst.first_push:.2f} s, "
        f"last after {burst.seconds:.2f} s = {burst.throughput():.1f} commands/s; "
        f"{burst.polls} getUpdates delivered {burst.delivered} updates"
    )
    check(not burst.failed, f"the run completed{': ' + burst.failed if burst.failed else ''}")
    check(burst.answered == burst.sent, f"every message answered ({burst.answered})")
    check(burst.saved == burst.sent, f"every reply says saved ({burst.saved})")
    if burst.stored is not None:
        check(burst.stored == burst.sent, f"{burst.stored} calls stored = {burst.sent} sent")
    errors = [line for line in burst.log if any(m in line for m in ERROR_MARKS)]
    check(not errors, f"no ERROR in the bot's log ({len(errors)} lines)")
    check(burst.exit_code == 0, f"the bot exited with code {burst.exit_code} after SIGTERM")


async def main_burst(args: argparse.Namespace) -> int:
    check = Checks()
    bursts: list[Burst] = []
    print(f"a burst of {args.burst} x {BURST_TEXT!r} from one user, database {args.db}")
    with work_dir(args, "bench-burst-") as tmp:
        async with open_store(args, tmp) as store:
            bursts.append(await run_burst(f"ours/{args.db}", args, tmp, store=store))
        report_burst(bursts[-1], check)
        if args.echo:
            bursts.append(await run_burst("echo", args, tmp))
            report_burst(bursts[-1], check)
    print(f"\nFigures (a burst of {args.burst} from one user; commands answered per second)")
    for burst in bursts:
        print(f"  {burst.name:<16} {burst.throughput():>7.1f}/s  last reply {burst.seconds:.2f} s")
    if len(bursts) == 2:
        ours, echo = bursts
        print(f"  ours/echo: throughput {ratio(ours.throughput(), echo.throughput())}")
        print_cpu(ours, echo, args.burst)
    return check.verdict()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("TEST_POSTGRES_URL"),
        help="an admin URL of a PostgreSQL server (default: $TEST_POSTGRES_URL)",
    )
    parser.add_argument("--rate", type=float, default=200.0, help="updates per second")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration of the load")
    parser.add_argument("--reps", type=int, default=50, help="SDRs sending commands")
    parser.add_argument("--dup", type=float, default=0.1, help="share of re-delivered updates")
    parser.add_argument(
        "--crash", action="store_true", help="kill -9 the bot's worker process mid-load"
    )
    parser.add_argument(
        "--crash-service",
        action="store_true",
        help="kill -9 the whole service (supervisor and worker) mid-load and start it again",
    )
    parser.add_argument("--echo", action="store_true", help="also run a bare aiogram echo bot")
    parser.add_argument(
        "--burst",
        type=int,
        metavar="N",
        help="instead of the load: N '/call 75s' at once from one user (400 in issue 19)",
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    parser.add_argument(
        "--stall", type=float, default=30.0, help="stop draining after this long without a reply"
    )
    parser.add_argument("--log-level", default="INFO", help="LOG_LEVEL of the bot")
    parser.add_argument("--keep", metavar="DIR", help="keep the bot logs (and SQLite file) here")
    parser.add_argument(
        "--profile", metavar="FILE", help="run our bot under cProfile, stats to FILE"
    )
    args = parser.parse_args()
    if args.db == "postgres" and not args.postgres_url:
        parser.error("--db postgres needs --postgres-url or TEST_POSTGRES_URL")
    args.crash = args.crash or args.crash_service
    if args.crash and args.echo:
        parser.error("--crash and --echo are separate runs")
    if args.keep:
        args.keep = Path(args.keep).resolve()
        args.keep.mkdir(parents=True, exist_ok=True)
    if args.profile:
        args.profile = str(Path(args.profile).resolve())
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1_000_000)
    return args


if __name__ == "__main__":
    arguments = parse_args()
    sys.exit(asyncio.run(main_burst(arguments) if arguments.burst else main(arguments)))
