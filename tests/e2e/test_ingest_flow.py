"""End to end: telephony webhooks reach the real bot process and show up in what users see.

One bot process with the ingestion endpoint on (``INGEST_PORT``): signed calls of an
agent nobody is linked to are held, ``/unmatched`` lists them, ``/link`` records them for
the rep, a re-delivery adds nothing, a bad signature writes nothing, a Zadarma call end is
recorded, ``/stats`` shows typed against verified calls, and ``/setting calls telephony`` turns
``/call`` into an explanation.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp

from bot.ingest.adapters import sign_generic

from .conftest import BotProcess, RunBot
from .fake_bot_api import FakeBotAPI

ADMIN, SDR = 111, 501
LINK = re.compile(r"start=([A-Za-z0-9_-]+)")
INGEST_SECRET = "e2e-ingest-secret"
ZADARMA_SECRET = "e2e-zadarma-secret"
TIMEOUT = 30.0  # start-up: imports and migrations on a slow CI box


async def wait_listening(bot: BotProcess, port: int, timeout: float = TIMEOUT) -> None:  # noqa: ASYNC109
    """Poll until 127.0.0.1:port accepts a TCP connection (fails with the logs)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if bot.returncode is not None or loop.time() > deadline:
                raise AssertionError(
                    f"the ingest endpoint is not listening on port {port} "
                    f"(bot exit code {bot.returncode})\n--- bot logs ---\n{bot.logs()}"
                ) from None
            await asyncio.sleep(0.05)
        else:
            writer.close()
            await writer.wait_closed()
            return


def calls_rows(db_path: Path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "SELECT duration_s, origin, external_id FROM calls ORDER BY id"
        ).fetchall()


def held_count(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM held_events").fetchone()[0]


def zadarma_signature(form: dict[str, str]) -> str:
    """base64 of the hex HMAC-SHA1 of internal + destination + call_start (NOTIFY_OUT_END)."""
    signed = form["internal"] + form["destination"] + form["call_start"]
    digest = hmac.new(ZADARMA_SECRET.encode(), signed.encode(), hashlib.sha1).hexdigest()
    return base64.b64encode(digest.encode()).decode()


async def test_telephony_webhooks_end_to_end(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path: Path, unused_tcp_port: int
) -> None:
    db_path = tmp_path / "ingest.db"
    port = unused_tcp_port
    bot = await run_bot(
        env={
            "INGEST_PORT": str(port),
            "INGEST_SECRET": INGEST_SECRET,
            "ZADARMA_SECRET": ZADARMA_SECRET,
            "ZADARMA_TIMEZONE": "Europe/Moscow",
        },
        db_path=db_path,
    )
    await bot.wait_ready(TIMEOUT)
    await wait_listening(bot, port)
    assert "ingest endpoint listening" in bot.logs()
    base = f"http://127.0.0.1:{port}"

    # 1. the admin and an SDR invited by them (both Russian-speaking)
    admin = fake_api.user(ADMIN, "Olga")
    ivan = fake_api.user(SDR, "Ivan", username="ivan")
    fake_api.send_text(admin, "/start")
    await fake_api.wait_for_message(ADMIN)
    fake_api.send_text(admin, "/invite sdr")
    created = await fake_api.wait_for_message(ADMIN, contains="start=")
    code = LINK.search(created.text).group(1)
    fake_api.send_text(ivan, f"/start {code}")
    await fake_api.wait_for_message(SDR)

    now = datetime.now(UTC).replace(microsecond=0)
    stamp = now.isoformat().replace("+00:00", "Z")
    body = json.dumps(
        [
            {
                "external_id": "e2e-1",
                "occurred_at": stamp,
                "duration_s": 95,
                "direction": "out",
                "agent": "101",
            },
            {
                "external_id": "e2e-2",
                "occurred_at": stamp,
                "duration_s": 20,
                "direction": "out",
                "agent": "101",
            },
        ]
    ).encode()
    signed = {"X-Signature": sign_generic(body, INGEST_SECRET), "Content-Type": "application/json"}

    async with aiohttp.ClientSession() as http:
        # 2. nobody is linked to 101 yet: both calls are held
        async with http.post(f"{base}/ingest/calls", data=body, headers=signed) as answer:
            assert answer.status == 200
            assert await answer.json() == {"ok": True, "recorded": 0, "duplicates": 0, "held": 2}
        assert calls_rows(db_path) == []
        assert held_count(db_path) == 2

        # 3. the admin sees them
        fake_api.send_text(admin, "/unmatched")
        held = await fake_api.wait_for_message(ADMIN, contains="События без сотрудника")
        assert "101 · generic: 2 звонка" in held.message["text"]

        # 4. the SDR links the extension: the held calls are recorded for them
        fake_api.send_text(ivan, "/link 101")
        linked = await fake_api.wait_for_message(SDR, contains="Готово: 101")
        assert "Записаны 2 события" in linked.text
        assert sorted(calls_rows(db_path)) == [
            (20, "telephony:generic", "generic:e2e-2"),
            (95, "telephony:generic", "generic:e2e-1"),
        ]
        fake_api.send_text(admin, "/unmatched")
        await fake_api.wait_for_message(ADMIN, contains="Неопознанных событий нет")

        # 5. a provider's retry adds nothing; a wrong signature is refused, nothing written
        async with http.post(f"{base}/ingest/calls", data=body, headers=signed) as answer:
            assert answer.status == 200
            assert await answer.json() == {"ok": True, "recorded": 0, "duplicates": 2, "held": 0}
        forged = json.dumps(
            [{**json.loads(body)[0], "external_id": "e2e-forged", "duration_s": 600}]
        ).encode()
        wrong = {"X-Signature": sign_generic(forged, "not-the-secret")}
        async with http.post(f"{base}/ingest/calls", data=forged, headers=wrong) as answer:
            assert answer.status == 401
            assert (await answer.json())["ok"] is False
        async with http.post(f"{base}/ingest/calls", data=forged) as answer:
            assert answer.status == 401
        assert len(calls_rows(db_path)) == 2
        assert held_count(db_path) == 2  # the two resolved ones, nothing new

        # 6. Zadarma: the URL check, then the end of an outgoing call of extension 101
        async with http.get(f"{base}/ingest/zadarma", params={"zd_echo": "x"}) as answer:
            assert answer.status == 200
            assert await answer.text() == "x"
        form = {
            "event": "NOTIFY_OUT_END",
            "call_start": now.astimezone(ZoneInfo("Europe/Moscow")).strftime("%Y-%m-%d %H:%M:%S"),
            "pbx_call_id": "out_e2e_1",
            "internal": "101",
            "destination": "79161234567",
            "caller_id": "74951234567",
            "duration": "125",
            "disposition": "answered",
            "status_code": "16",
            "is_recorded": "0",
        }
        headers = {"Signature": zadarma_signature(form)}
        async with http.post(f"{base}/ingest/zadarma", data=form, headers=headers) as answer:
            assert answer.status == 200
            assert await answer.json() == {"ok": True, "recorded": 1, "duplicates": 0, "held": 0}
        assert calls_rows(db_path)[-1] == (125, "telephony:zadarma", "zadarma:out_e2e_1")

    # 7. the SDR also types 12 calls of a minute; telephony recorded 95 s and 125 s (its
    # calls of 60 s+) and 20 s: /stats shows typed against verified calls of 60 s+
    fake_api.send_text(ivan, "/calls 12")
    await fake_api.wait_for_message(SDR, contains="12")
    fake_api.send_text(ivan, "/stats")
    stats = await fake_api.wait_for_message(SDR, contains="звонки от 60 с")
    seen = stats.message["text"]
    assert "звонки от 60 с: 14" in seen, seen
    assert "все звонки: 15" in seen, seen
    line = "Звонки от 60 с: по отчёту — 12, по телефонии — 2 (14,3\xa0% всех звонков от 60 с)"
    assert line in seen, seen

    # 8. calls from telephony only: /call explains instead of recording
    rows = len(calls_rows(db_path))
    fake_api.send_text(admin, "/setting calls telephony")
    await fake_api.wait_for_message(ADMIN, contains="звонки теперь считаются только из телефонии")
    fake_api.send_text(ivan, "/call 75s")
    await fake_api.wait_for_message(SDR, contains="Звонки считаются автоматически")
    assert len(calls_rows(db_path)) == rows

    assert await bot.terminate() == 0
