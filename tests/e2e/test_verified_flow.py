"""End to end: the real bot process sends the evening list of typed vs verified calls to
the manager privately, through the fake Bot API, and never to the team's group."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from storage import feeds, journal
from storage.db import Database
from storage.repos import MembersRepo, TeamsRepo
from tests.support import factories as f

from .conftest import RunBot
from .fake_bot_api import FakeBotAPI
from .test_scheduled_digests import (
    ADMIN,
    GROUP,
    REP,
    TIMEOUT,
    prepare,
    register_chats,
    stop,
    wait_for_group_digest,
)

LIST_TITLE = "Звонки по отчёту и по телефонии расходятся"


async def test_the_evening_list_of_typed_above_verified_calls_is_private(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path: Path
) -> None:
    prepared = await prepare(
        tmp_path / "verified.db",
        fake_api.token,
        due_ago=timedelta(minutes=10),
        created_ago=timedelta(hours=2),
    )
    # today Ivan typed 30 calls of a minute; telephony recorded 12 of his calls of 90 s
    at = prepared.due_utc - timedelta(hours=1)
    db = Database(f"sqlite+aiosqlite:///{prepared.db_path}")
    try:
        async with db.transaction() as conn:
            team = await TeamsRepo(conn).default()
            ivan = await MembersRepo(conn).by_tg_id(REP)
            await journal.log_calls_bulk(
                conn, team, ivan, count=30, total_seconds=30 * 60, occurred_at=at
            )
            phone = [f.call_event(f"e2e-{n}", str(REP), occurred_at=at) for n in range(12)]
            assert (await feeds.ingest_calls(conn, team, phone)).recorded == 12
    finally:
        await db.dispose()
    register_chats(fake_api)

    bot = await run_bot(db_path=prepared.db_path)
    digest = await wait_for_group_digest(fake_api, prepared)
    assert "Звонков от 60 с из телефонии: 28,6\xa0%" in digest.text  # 12 of 42, the team's
    listed = await fake_api.wait_for_message(ADMIN, contains=LIST_TITLE, timeout=TIMEOUT)
    assert "Ivan: по отчёту — 30, по телефонии — 12 (разница 18)" in listed.text
    assert not any(
        LIST_TITLE in (r.text or "") or "по отчёту —" in (r.text or "")
        for r in fake_api.messages_to(GROUP)
    )
    assert not any(LIST_TITLE in (r.text or "") for r in fake_api.messages_to(REP))
    await stop(bot)
