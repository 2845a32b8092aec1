"""End to end: the real ``python -m bot`` process against the local fake Bot API server."""

from __future__ import annotations

import re

from .conftest import RunBot
from .fake_bot_api import FakeBotAPI

ADMIN = 111
LINK = re.compile(r"https://t\.me/iron_funnel_test_bot\?start=([A-Za-z0-9_-]+)")


async def test_invite_flow(fake_api: FakeBotAPI, run_bot: RunBot) -> None:
    bot = await run_bot()
    await bot.wait_ready()

    admin = fake_api.user(ADMIN, "Olga", username="olga", language_code="ru")
    fake_api.send_text(admin, "/start")
    welcome = await fake_api.wait_for_message(ADMIN, contains="Здравствуйте, Olga")
    assert "руководитель" in welcome.text
    # a new team: the first answer offers the setup, which walks through the invites
    [[setup]] = welcome.params["reply_markup"]["inline_keyboard"]
    assert setup["callback_data"] == "setup:start"

    fake_api.send_text(admin, "/invite sdr")
    created = await fake_api.wait_for_message(ADMIN, contains="t.me/")
    code = LINK.search(created.text).group(1)

    ivan = fake_api.user(222, "Ivan", username="ivan", language_code="en")
    fake_api.send_text(ivan, f"/start {code}")
    joined = await fake_api.wait_for_message(222, contains="Welcome to")
    assert "SDR" in joined.text
    note = await fake_api.wait_for_message(ADMIN, contains="Новый участник")
    assert note.text.endswith("»: Ivan, роль — лидоруб.")

    stranger = fake_api.user(333, "Mallory", language_code="en")
    fake_api.send_text(stranger, "/start")
    refused = await fake_api.wait_for_message(333, contains="This bot is private")
    assert "invite link" in refused.text
    fake_api.send_text(stranger, "/team")
    await fake_api.wait_for_message(333, contains="This bot is private")

    fake_api.send_text(ivan, "/invite sdr")
    await fake_api.wait_for_message(222, contains="Only managers")

    fake_api.send_text(ivan, "/team")
    team = await fake_api.wait_for_message(222, contains="members")
    assert "Olga" in team.text and "Ivan" in team.text

    # the command menus were set, per language, with the manager's own scope
    assert fake_api.my_commands(None, "en")
    manager_menu = fake_api.my_commands({"type": "chat", "chat_id": ADMIN}, "")
    assert "invite" in {c["command"] for c in manager_menu}

    assert await bot.terminate() == 0
    assert "bot stopped" in bot.logs()
    assert fake_api.token.split(":")[1] not in bot.logs()


async def test_restart_keeps_the_team(fake_api: FakeBotAPI, run_bot: RunBot, tmp_path) -> None:
    db_path = tmp_path / "keep.db"
    bot = await run_bot(db_path=db_path)
    await bot.wait_ready()
    admin = fake_api.user(ADMIN, "Olga", language_code="en")
    fake_api.send_text(admin, "/invite hunter")
    created = await fake_api.wait_for_message(ADMIN, contains="t.me/")
    code = LINK.search(created.text).group(1)
    assert await bot.terminate() == 0

    again = await run_bot(db_path=db_path)
    await again.wait_ready()
    anna = fake_api.user(444, "Anna", language_code="en")
    fake_api.send_text(anna, f"/start {code}")
    joined = await fake_api.wait_for_message(444, contains="Welcome to")
    assert "hunter" in joined.text
    assert await again.terminate() == 0
