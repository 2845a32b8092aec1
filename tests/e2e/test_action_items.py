"""End to end: an action item made from a /diagnose button, and closed by the next weekly
digest because the metric recovered, through the real bot process and the fake Bot API.

The weekly digest is due on Monday at 09:00, so the bot process runs on a clock set to
the days the story needs: a ``sitecustomize`` on its ``PYTHONPATH`` starts time-machine
at ``E2E_TRAVEL_TO`` (a Unix time; the clock ticks on from there) before anything else
is imported. On Wednesday 25.11.2026 the manager diagnoses last week (Ivan set 4
meetings where he usually sets 20) and takes the finding on; the bot is stopped and
started again on Monday 30.11 at 09:05, when the weekly digest of 23.11-29.11 is owed
and goes out at start-up: Ivan set 20 that week, so the item is closed, and said so.
The history is imported before the first start with the CLI's import.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.app import ensure_default_team
from bot.cli import run_import
from bot.settings import Settings
from storage import migrate
from storage.db import Database
from storage.repos import MembersRepo
from storage.tables import teams

from .conftest import BotProcess, RunBot
from .fake_bot_api import FakeBotAPI

ADMIN, REP = 111, 501
GROUP = -1001234567890
TIMEOUT = 90.0  # start-up and the digest's charts on a busy machine
MSK = "+03:00"
WEDNESDAY = datetime.fromisoformat(f"2026-11-25T12:00:00{MSK}")
MONDAY = datetime.fromisoformat(f"2026-11-30T09:05:00{MSK}")
FELL = date(2026, 11, 16)  # the week Ivan set 4 meetings; the 4 weeks before: 20 each
RECOVERED = date(2026, 11, 23)  # the week the digest of Monday 30.11 covers: 20 again

SITECUSTOMIZE = """\
import os

if os.environ.get("E2E_TRAVEL_TO"):
    import time_machine

    _TRAVEL = time_machine.travel(float(os.environ["E2E_TRAVEL_TO"]), tick=True)
    _TRAVEL.start()
"""


def history() -> str:
    """Ivan's meetings set, four a working day in the usual weeks, and one a day (less
    Friday) in the week that fell; Monday to Friday at 11:00 Moscow time."""
    rows = ["occurred_at,kind,person_id,meeting_ref,client"]
    weeks = {FELL - timedelta(weeks=n): 4 for n in range(1, 5)} | {FELL: 1, RECOVERED: 4}
    n = 0
    for monday, per_day in sorted(weeks.items()):
        for offset in range(5):
            day = monday + timedelta(days=offset)
            if monday == FELL and offset == 4:
                continue  # 4 that week
            for _ in range(per_day):
                n += 1
                rows.append(f"{day.isoformat()}T11:00:00{MSK},meeting_set,{REP},M{n},Client {n}")
    return "\n".join(rows) + "\n"


async def prepare(db_path: Path, token: str, tmp_path: Path) -> None:
    """The default team in Moscow time with its group chat, created long before; manager
    Olga and SDR Ivan; the history imported by the CLI's import."""
    url = f"sqlite+aiosqlite:///{db_path}"
    settings = Settings(
        _env_file=None,
        bot_token=token,
        database_url=url,
        admin_ids=(ADMIN,),
        timezone="Europe/Moscow",
        default_language="ru",
    )
    db = Database(url)
    try:
        await migrate.upgrade(db)
        team = await ensure_default_team(db, settings)
        async with db.transaction() as conn:
            await conn.execute(
                teams.update()
                .where(teams.c.id == team.id)
                .values(
                    timezone="Europe/Moscow",
                    workdays="12345",
                    digest_time="19:00",
                    created_at=datetime(2026, 10, 1, tzinfo=UTC),
                    manager_chat_id=GROUP,
                )
            )
            repo = MembersRepo(conn)
            for tg_id, name, role in ((ADMIN, "Olga", "manager"), (REP, "Ivan", "sdr")):
                await repo.add(
                    team_id=team.id,
                    tg_user_id=tg_id,
                    display_name=name,
                    username=name.lower(),
                    roles={role},
                    tg_language="ru",
                )
    finally:
        await db.dispose()
    records = tmp_path / "history.csv"
    records.write_text(history(), encoding="utf-8")
    assert await run_import(settings, argparse.Namespace(file=str(records))) == 0


def travelling(tmp_path: Path, moment: datetime) -> dict[str, str]:
    """The environment of a bot process whose clock starts at ``moment``."""
    folder = tmp_path / "travel"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return {"PYTHONPATH": str(folder), "E2E_TRAVEL_TO": str(moment.timestamp())}


def query(db_path: Path, sql: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(sql).fetchall()


async def closed(db_path: Path) -> None:
    """Poll until the digest has closed the item (after it went out); fail after TIMEOUT."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while (found := query(db_path, "SELECT status FROM action_items")) != [("auto_closed",)]:
        assert loop.time() < deadline, f"the item is {found}, not closed"
        await asyncio.sleep(0.05)


async def stop(bot: BotProcess) -> None:
    assert await bot.terminate() == 0


async def test_an_item_from_a_diagnose_button_is_closed_by_the_next_weekly_digest(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path: Path
) -> None:
    db_path = tmp_path / "actions.db"
    await prepare(db_path, fake_api.token, tmp_path)
    fake_api.group(GROUP, "Продажи", "supergroup")
    olga = fake_api.user(ADMIN, "Olga", username="olga", language_code="ru")

    # Wednesday: the diagnosis of last week names Ivan's fall; Olga takes it on
    bot = await run_bot(env=travelling(tmp_path, WEDNESDAY), db_path=db_path)
    await bot.wait_ready(TIMEOUT)
    fake_api.send_text(olga, "/diagnose прошлая неделя")
    answer = await fake_api.wait_for_message(
        ADMIN, contains="Мало назначенных встреч</b> — Ivan", timeout=TIMEOUT
    )
    assert "назначенные встречи 4 (база 20, -80,0\xa0%) ⬇" in answer.text
    button = fake_api.find_button(answer, "Взять в работу: Ivan")
    fake_api.press_button(olga, answer, button["callback_data"])
    taken = await fake_api.wait_for_message(ADMIN, contains="Взято в работу", timeout=TIMEOUT)
    assert "Ответственный: Ivan · срок: до 06.12.2026 включительно" in taken.text
    assert "Следим: назначенные встречи — при взятии 4 (база 20)" in taken.text
    await fake_api.wait_until(
        lambda: fake_api.requests_for("editMessageReplyMarkup"), TIMEOUT, "the button marked"
    )
    # the button says "taken" now, and a second tap means the same finding
    edited = fake_api.message(ADMIN, answer.message["message_id"])
    marked = fake_api.find_button(edited, "✅ 3. В работе: Ivan")
    assert marked["callback_data"] == button["callback_data"]
    fake_api.send_text(olga, "/actions")
    listed = await fake_api.wait_for_message(ADMIN, contains="В работе у отдела", timeout=TIMEOUT)
    assert "№1. Мало назначенных встреч" in listed.text
    await stop(bot)
    assert query(db_path, "SELECT status, due_day FROM action_items") == [("open", "2026-12-06")]

    # Monday 09:05: the weekly digest of 23.11-29.11 is owed and goes out at start-up
    again = await run_bot(env=travelling(tmp_path, MONDAY), db_path=db_path)
    digest = await fake_api.wait_for_message(GROUP, contains="Итоги недели", timeout=TIMEOUT)
    assert "неделя 23.11–29.11.2026" in digest.text
    assert (
        "✅ №1 Ivan: назначенные встречи 20 (база 20) — восстановилось, задача закрыта"
        in digest.text
    )
    await closed(db_path)
    fake_api.send_text(olga, "/actions")
    await fake_api.wait_for_message(ADMIN, contains="Задач в работе нет", timeout=TIMEOUT)
    await stop(again)
