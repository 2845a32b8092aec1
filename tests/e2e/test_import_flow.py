"""End to end: a 5,000-row file sent with /import through the real bot process and the
fake Bot API: one status message edited with the progress, then the report."""

from __future__ import annotations

import sqlite3
from itertools import pairwise

from .conftest import RunBot
from .fake_bot_api import FakeBotAPI

ADMIN = 111
ROWS = 5000
# Telegram answering slowly: each send and edit takes this long, so that a 5,000-row import
# (half a second on its own) lasts long enough to show its progress more than once
SLOW_ANSWER_S = 2.1


def russian_excel_csv() -> bytes:
    """What Excel in Russia saves as "CSV": Windows-1251, ";", dates as 07.12.2026 10:15."""
    lines = ["occurred_at;kind;person_id;person_name;duration_s;source"]
    for i in range(ROWS):
        day, minute = 1 + i // 600, i % 600
        lines.append(
            f"{day:02d}.12.2026 {9 + minute // 60:02d}:{minute % 60:02d};call;{ADMIN};Ольга;"
            f"{30 + i % 300};Яндекс"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")


async def test_a_big_import_shows_its_progress_then_the_report(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path
) -> None:
    db_path = tmp_path / "import.db"
    bot = await run_bot(db_path=db_path)
    await bot.wait_ready()
    admin = fake_api.user(ADMIN, "Olga", language_code="ru")
    fake_api.send_text(admin, "/start")
    await fake_api.wait_for_message(ADMIN, contains="Olga")

    fake_api.answer_delays.update(sendMessage=SLOW_ANSWER_S, editMessageText=SLOW_ANSWER_S)
    fake_api.send_document(admin, russian_excel_csv(), "звонки.csv", caption="/import")
    status = await fake_api.wait_for_message(ADMIN, contains="⏳ Импорт", timeout=60)
    report = await fake_api.wait_for_message(ADMIN, contains="📥", timeout=120)
    assert report.text.split("\n") == [
        "📥 Прочитано как Windows-1251, разделитель «;».",
        "В файле 5\xa0000 строк.",
        "Импортировано 5\xa0000 строк: 5\xa0000 звонков.",
        "Добавлен 1 источник: «Яндекс».",
    ]

    message_id = status.response["result"]["message_id"]
    edits = [r for r in fake_api.requests_for("editMessageText") if r.ok]
    assert edits and {int(r.params["message_id"]) for r in edits} == {message_id}
    assert status.text == "⏳ Импорт: проверено 0 строк из 5\xa0000"
    shown = [r.text for r in edits]
    assert any(text.startswith("⏳ Импорт: проверено ") for text in shown), shown
    assert any(text.startswith("⏳ Импорт: записано ") for text in shown), shown
    assert shown[-1] == "⏳ Импорт: записано 5\xa0000 строк из 5\xa0000"
    # at most one edit every 2 seconds (the fake records when each request arrived), and
    # the report after the last one
    times = [status.time, *(r.time for r in edits)]
    assert all(later - earlier >= 2.0 for earlier, later in pairwise(times)), times
    assert report.time > times[-1]

    assert await bot.terminate() == 0
    with sqlite3.connect(db_path) as conn:
        count, first = conn.execute("SELECT count(*), min(occurred_at) FROM calls").fetchone()
    assert count == ROWS
    assert first.startswith("2026-12-01 06:00:00")  # 09:00 in Moscow, the team's zone
