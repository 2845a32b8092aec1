"""End to end: every command that answers with a chart, and the digests, send their charts
through the real bot process and the fake Bot API, as PNGs a phone shows without zooming.

The database is prepared before the bot starts: the default team with 60 days of the demo
history (``python -m bot demo``'s generator), its manager Olga (ADMIN_IDS) and a new SDR
who has set nothing yet (the diagnosis finds him behind the plan).
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from .conftest import RunBot
from .demo_team import prepare_demo_team
from .fake_bot_api import FakeBotAPI, Request

ADMIN, NEW_REP = 111, 555
TIMEOUT = 60.0  # start-up plus several charts on a slow CI box
SENT_MAX_SIDE_PX = 2560  # Telegram's largest stored photo size


def pngs_of(request: Request) -> list[bytes]:
    """The PNGs a sendPhoto or sendMediaGroup request uploaded."""
    return [upload.content for upload in request.files.values()]


def photo_requests(fake_api: FakeBotAPI, since: int) -> list[Request]:
    return [
        r
        for r in fake_api.requests[since:]
        if r.method in ("sendPhoto", "sendMediaGroup") and r.chat_id == ADMIN and r.ok
    ]


@pytest.fixture
async def olga(fake_api: FakeBotAPI, run_bot: RunBot, tmp_path) -> dict:
    db_path = tmp_path / "charts.db"
    # a new SDR with nothing set this week: behind the plan on any day of the week (every
    # day is a working day), so /diagnose has a finding to draw
    await prepare_demo_team(
        f"sqlite+aiosqlite:///{db_path}",
        f"{fake_api.bot_id}:x",
        ADMIN,
        "Olga",
        new_reps=((NEW_REP, "Пётр Новиков", "petr"),),
    )
    bot = await run_bot(db_path=db_path, env={"TIMEZONE": "UTC"})
    await bot.wait_ready(timeout=TIMEOUT)
    return fake_api.user(ADMIN, "Olga", language_code="ru")


COMMANDS = [
    "/funnel week",
    "/funnel month cohort",
    "/sources month",
    "/diagnose @petr",
    "/trend",
    "/trend звонки @petr",
    "/digest day",
    "/digest week",
    "/digest month",
]


async def test_every_chart_command_sends_phone_sized_pngs(fake_api: FakeBotAPI, olga: dict) -> None:
    for command in COMMANDS:
        since = len(fake_api.requests)
        fake_api.send_text(olga, command)
        sent = await fake_api.wait_until(
            lambda since=since: photo_requests(fake_api, since) or None,
            timeout=TIMEOUT,
            what=f"a chart in answer to {command}",
        )
        pictures = [png for request in sent for png in pngs_of(request)]
        assert pictures, command
        for png in pictures:
            with Image.open(io.BytesIO(png)) as image:
                assert image.format == "PNG", command
                width, height = image.size
            assert width in (1280, 1440), (command, image.size)
            assert max(width, height) <= SENT_MAX_SIDE_PX, (command, image.size)
