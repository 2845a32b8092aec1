"""A burst of 1,000 telephony events is accepted without blocking command handling.

    .venv/bin/python benchmarks/bench_ingest.py [--commands 60] [--rate 20] [--events 1000]

Runs the real bot (``python -m bot``) against the fake Bot API of the end-to-end tests
(``tests/e2e/fake_bot_api.py``), with a throw-away SQLite database and the ingestion
endpoint on (``INGEST_PORT``). One admin invites five SDRs; the events name the SDRs'
Telegram ids as agents, so no ``/link`` is needed. Then:

1. baseline: ``--commands`` ``/call 75s <tag>`` commands from the reps, ``--rate`` per
   second; the latency of each is from pushing the update to the fake server until the
   bot's reply (which echoes the tag) reaches it;
2. burst: ``--events`` single-event signed POSTs to ``/ingest/calls`` with
   ``--concurrency`` requests in flight, fired from a separate process (so the load
   generator does not slow the fake server down), while the same commands are sent at
   the same pace;
3. batches: the same number of events again as requests of 100 events (10 in flight),
   with the commands again.

Prints the command latencies (p50/p95/max; "in burst" = the commands sent while the
burst was running), the burst's duration and events/s, the HTTP status counts, and
checks with sqlite3 that every event became exactly one telephony call, that nothing
was held, and that the manual calls equal the commands sent. Exits 1 if a check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a script: make `bot` and `tests` importable
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.common import Checks, free_port, ms, quantile, stop  # noqa: E402
from bot.ingest.adapters import sign_generic  # noqa: E402
from tests.e2e.fake_bot_api import TEST_TOKEN_SECRET, FakeBotAPI  # noqa: E402

ADMIN = 111
REPS = (501, 502, 503, 504, 505)
SECRET = "bench-ingest-secret"
READY_TIMEOUT = 60.0
REPLY_TIMEOUT = 120.0
ANSWER_COUNTS = ("recorded", "duplicates", "held")


# --- the bot process ---------------------------------------------------------------------


async def start_bot(
    fake: FakeBotAPI, db_path: Path, port: int, log_path: Path
) -> asyncio.subprocess.Process:
    """``python -m bot`` as tests/e2e/conftest.py starts it, plus the ingest endpoint."""
    env = dict(os.environ)
    env.update(
        BOT_TOKEN=f"{fake.bot_id}:{TEST_TOKEN_SECRET}",
        TELEGRAM_API_BASE=fake.base_url,
        DATABASE_URL=f"sqlite+aiosqlite:///{db_path}",
        ADMIN_IDS=str(ADMIN),
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
        INGEST_PORT=str(port),
        INGEST_SECRET=SECRET,
    )
    no_proxy = ",".join(filter(None, [env.get("NO_PROXY", ""), "127.0.0.1", "localhost"]))
    env["NO_PROXY"] = env["no_proxy"] = no_proxy
    with log_path.open("wb") as log:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=REPO_ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
        )


async def wait_ready(process: asyncio.subprocess.Process, fake: FakeBotAPI, port: int) -> None:
    """Until the bot polls getUpdates and the ingest port accepts connections."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + READY_TIMEOUT
    while not any(r.method == "getUpdates" for r in fake.requests):
        if process.returncode is not None or loop.time() > deadline:
            raise RuntimeError(f"the bot did not start polling (exit code {process.returncode})")
        await fake.wait_for_change(0.1)
    while True:
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if process.returncode is not None or loop.time() > deadline:
                raise RuntimeError(f"the ingest endpoint is not listening on {port}") from None
            await asyncio.sleep(0.05)
        else:
            writer.close()
            await writer.wait_closed()
            return


async def set_up_team(fake: FakeBotAPI) -> list[dict]:
    admin = fake.user(ADMIN, "Olga")
    fake.send_text(admin, "/start")
    await fake.wait_for_message(ADMIN, timeout=30)
    reps = []
    for number, rep_id in enumerate(REPS, start=1):
        rep = fake.user(rep_id, f"Rep{number}", username=f"rep{number}")
        fake.send_text(admin, "/invite sdr")
        created = await fake.wait_for_message(ADMIN, contains="start=", timeout=30)
        code = created.text.split("start=", 1)[1].split()[0].strip("\"'<>")
        fake.send_text(rep, f"/start {code}")
        await fake.wait_for_message(rep_id, timeout=30)
        reps.append(rep)
    return reps


# --- commands and their latency ----------------------------------------------------------


@dataclass
class Commands:
    tag: str
    sent: list[tuple[int, str, float]] = field(default_factory=list)  # chat, tag, pushed at
    latency: dict[str, float] = field(default_factory=dict)  # tag -> seconds
    refused: list[str] = field(default_factory=list)

    def stats(self, since: float | None = None, until: float | None = None) -> list[float]:
        return [
            self.latency[tag]
            for _chat, tag, pushed in self.sent
            if tag in self.latency
            and (since is None or pushed >= since)
            and (until is None or pushed <= until)
        ]


async def send_commands(
    fake: FakeBotAPI, reps: list[dict], n: int, rate: float, tag: str, start_at: float
) -> Commands:
    """``/call 75s <tag><i>`` round-robin from the reps at ``rate`` per second from
    ``start_at`` (time.monotonic), then wait for every reply and measure it."""
    result = Commands(tag)
    first_request = len(fake.requests)
    for i in range(n):
        delay = start_at + i / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        rep = reps[i % len(reps)]
        label = f"{tag}{i:03d}"
        pushed = time.monotonic()
        fake.send_text(rep, f"/call 75s {label}")
        result.sent.append((rep["id"], label, pushed))
    pushed_at = {label: (chat, at) for chat, label, at in result.sent}
    pattern = re.compile(rf"\b{re.escape(tag)}\d{{3}}\b")

    def collect() -> bool:
        for request in fake.requests[first_request:]:
            if request.method != "sendMessage" or request.response is None:
                continue
            text = request.text or ""
            for word in pattern.findall(text):
                if word in pushed_at and word not in result.latency:
                    chat, at = pushed_at[word]
                    if request.chat_id == chat:
                        result.latency[word] = request.time - at
                        if "звонок" not in text or not request.ok:
                            result.refused.append(f"{word}: {text[:120]}")
        return len(result.latency) == n

    await fake.wait_until(collect, timeout=REPLY_TIMEOUT, what=f"replies to the {tag} commands")
    return result


# --- the burst (in a separate process) ---------------------------------------------------


def build_bodies(prefix: str, events: int, per_request: int) -> list[bytes]:
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    items = [
        {
            "external_id": f"{prefix}-{k}",
            "occurred_at": now,
            "duration_s": 20 + (k * 37) % 300,
            "direction": "out" if k % 3 else "in",
            "agent": str(REPS[k % len(REPS)]),
            "client": f"7916{k:07d}",
        }
        for k in range(events)
    ]
    if per_request == 1:
        return [json.dumps(item).encode() for item in items]
    return [json.dumps(items[i : i + per_request]).encode() for i in range(0, events, per_request)]


async def _burst(url: str, bodies: list[bytes], concurrency: int, start_at: float) -> dict:
    signed = [(body, {"X-Signature": sign_generic(body, SECRET)}) for body in bodies]
    statuses: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    latencies: list[float] = []
    pending = iter(signed)
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:

        async def worker() -> None:
            for body, headers in pending:
                began = time.monotonic()
                try:
                    async with http.post(url, data=body, headers=headers) as answer:
                        statuses[str(answer.status)] += 1
                        payload = await answer.json(content_type=None)
                        if answer.status == 200:
                            totals.update({k: payload[k] for k in ANSWER_COUNTS})
                except (aiohttp.ClientError, TimeoutError, ValueError) as error:
                    statuses[type(error).__name__] += 1
                latencies.append(time.monotonic() - began)

        delay = start_at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        began = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        ended = time.monotonic()
    return {
        "start": began,
        "end": ended,
        "requests": len(bodies),
        "statuses": dict(statuses),
        "totals": dict(totals),
        "latencies": latencies,
    }


def burst_process(
    url: str, prefix: str, events: int, per_request: int, concurrency: int, start_at: float
) -> dict:
    """Entry point of the load-generator process."""
    bodies = build_bodies(prefix, events, per_request)
    return asyncio.run(_burst(url, bodies, concurrency, start_at))


def warm_up() -> int:
    return os.getpid()


# --- checks ------------------------------------------------------------------------------


def db_counts(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        telephony_rows, telephony = conn.execute(
            "SELECT count(*), coalesce(sum(count), 0) FROM calls "
            "WHERE origin LIKE 'telephony:%' AND voided_at IS NULL"
        ).fetchone()
        manual = conn.execute(
            "SELECT coalesce(sum(count), 0) FROM calls "
            "WHERE origin = 'manual' AND voided_at IS NULL"
        ).fetchone()[0]
        distinct = conn.execute(
            "SELECT count(DISTINCT external_id) FROM calls WHERE origin LIKE 'telephony:%'"
        ).fetchone()[0]
        held = conn.execute("SELECT count(*) FROM held_events").fetchone()[0]
    return {
        "telephony_rows": telephony_rows,
        "telephony": telephony,
        "distinct": distinct,
        "manual": manual,
        "held": held,
    }


def latency_line(label: str, values: list[float]) -> str:
    if not values:
        return f"  {label:<34} n=0"
    return (
        f"  {label:<34} n={len(values):<3} p50 {ms(values, 0.5):>5} ms  "
        f"p95 {ms(values, 0.95):>5} ms  max {max(values) * 1000:>5.0f} ms"
    )


@dataclass
class Phase:
    name: str
    commands: Commands
    burst: dict | None = None


# --- main --------------------------------------------------------------------------------


async def run_phase(
    name: str,
    fake: FakeBotAPI,
    reps: list[dict],
    args: argparse.Namespace,
    pool: ProcessPoolExecutor | None,
    url: str,
    per_request: int,
    concurrency: int,
) -> Phase:
    loop = asyncio.get_running_loop()
    start_at = time.monotonic() + 0.5
    future = None
    if pool is not None:
        future = loop.run_in_executor(
            pool, burst_process, url, name, args.events, per_request, concurrency, start_at
        )
    commands = await send_commands(fake, reps, args.commands, args.rate, name[:3], start_at)
    burst = await future if future is not None else None
    return Phase(name, commands, burst)


def report_phase(phase: Phase, check: Checks, events: int) -> None:
    print(f"\n{phase.name}")
    values = phase.commands.stats()
    print(latency_line("command latency, all", values))
    refused = phase.commands.refused
    shown = f": {refused[:3]}" if refused else ""
    check(not refused, f"every command was answered 'saved'{shown}")
    if phase.burst is None:
        return
    b = phase.burst
    in_burst = phase.commands.stats(b["start"], b["end"])
    print(latency_line("command latency, sent in the burst", in_burst))
    took = b["end"] - b["start"]
    print(
        f"  burst: {b['requests']} requests, {events} events in {took:.2f} s = "
        f"{events / took:.0f} events/s, {b['requests'] / took:.0f} requests/s"
    )
    print(
        f"  request latency: p50 {ms(b['latencies'], 0.5)} ms, "
        f"p95 {ms(b['latencies'], 0.95)} ms, max {max(b['latencies']) * 1000:.0f} ms"
    )
    print(f"  HTTP statuses: {b['statuses']}, answers: {b['totals']}")
    check(b["statuses"] == {"200": b["requests"]}, "every request answered 200")
    check(
        b["totals"].get("recorded") == events and not b["totals"].get("held"),
        f"the answers say {events} recorded, none held",
    )


async def main(args: argparse.Namespace) -> int:
    check = Checks()
    port = free_port()
    url = f"http://127.0.0.1:{port}/ingest/calls"
    phases: list[Phase] = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        db_path, log_path = Path(tmp) / "bench.db", Path(tmp) / "bot.log"
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(pool, warm_up)  # spawn and import before timing
            async with FakeBotAPI() as fake:
                began = time.monotonic()
                process = await start_bot(fake, db_path, port, log_path)
                try:
                    await wait_ready(process, fake, port)
                    print(f"bot ready in {time.monotonic() - began:.1f} s (ingest on {port})")
                    reps = await set_up_team(fake)
                    warm = await send_commands(fake, reps, len(reps), args.rate, "warm", 0)
                    manual = len(warm.sent)
                    print(f"team: 1 admin, {len(reps)} SDRs; warm-up {manual} commands")

                    plan = [
                        ("baseline", None, 1, 0),
                        ("burst", pool, 1, args.concurrency),
                        ("batches", pool, args.batch, args.batch_concurrency),
                    ]
                    telephony = 0
                    for name, executor, per_request, concurrency in plan:
                        if name == "batches" and args.batch <= 1:
                            continue
                        phase = await run_phase(
                            name, fake, reps, args, executor, url, per_request, concurrency
                        )
                        phases.append(phase)
                        manual += len(phase.commands.sent)
                        telephony += args.events if phase.burst is not None else 0
                        report_phase(phase, check, args.events)
                        counts = db_counts(db_path)
                        check(
                            counts["telephony_rows"] == counts["telephony"] == telephony
                            and counts["distinct"] == telephony,
                            f"calls table: {counts['telephony_rows']} telephony calls "
                            f"(expected {telephony}, each once)",
                        )
                        check(counts["held"] == 0, f"held events: {counts['held']}")
                        check(
                            counts["manual"] == manual,
                            f"manual calls {counts['manual']} = commands sent {manual}",
                        )
                except Exception as error:  # a timeout, the bot died...: report, then stop it
                    check(False, f"{type(error).__name__}: {str(error)[:2000]}")
                finally:
                    code = await stop(process, timeout=20)
                    log = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
                check(code == 0, f"the bot exited with code {code}")
                errors = [line for line in log if '"ERROR"' in line]
                check(not errors, f"no ERROR in the bot's log ({len(errors)} found)")
                if check.failed:
                    print("--- bot log (tail, lines cut at 300 characters) ---")
                    print("\n".join(line[:300] for line in log[-30:]))

    print(f"\nFigures ({args.commands} commands at {args.rate:g}/s, {args.events} events a burst)")
    print(
        f"  {'phase':<9} {'cmd p50':>8} {'cmd p95':>8} {'cmd max':>8} {'in-burst p95':>13}"
        f" {'burst s':>8} {'events/s':>9}"
    )
    for phase in phases:
        values = phase.commands.stats()
        b = phase.burst
        in_burst = phase.commands.stats(b["start"], b["end"]) if b else []
        took = (b["end"] - b["start"]) if b else None
        print(
            f"  {phase.name:<9} {ms(values, 0.5):>8} {ms(values, 0.95):>8} "
            f"{max(values) * 1000 if values else 0:>8.0f} {ms(in_burst, 0.95):>13} "
            f"{f'{took:.2f}' if took else '—':>8} "
            f"{f'{args.events / took:.0f}' if took else '—':>9}"
        )
    print("  (latencies in ms; in-burst = commands pushed while the burst was running)")
    if args.max_p95_ms:
        for phase in phases:
            if phase.burst is not None:
                in_burst = phase.commands.stats(phase.burst["start"], phase.burst["end"])
                worst = quantile(in_burst, 0.95) if in_burst else 0.0
                check(
                    worst * 1000 <= args.max_p95_ms,
                    f"{phase.name}: in-burst command p95 {worst * 1000:.0f} ms "
                    f"<= {args.max_p95_ms:g} ms",
                )
    return check.verdict()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--commands", type=int, default=60, help="commands per phase")
    parser.add_argument("--rate", type=float, default=20.0, help="commands per second")
    parser.add_argument("--events", type=int, default=1000, help="events per burst")
    parser.add_argument("--concurrency", type=int, default=50, help="requests in flight")
    parser.add_argument("--batch", type=int, default=100, help="events per request, phase 3")
    parser.add_argument("--batch-concurrency", type=int, default=10)
    parser.add_argument(
        "--max-p95-ms",
        type=float,
        default=0,
        help="also fail if the p95 of the commands sent during a burst exceeds this (0: off)",
    )
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
