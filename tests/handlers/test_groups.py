"""The bot in groups: who may add it, /setchat, supergroup migration."""

from __future__ import annotations

from storage.repos import TeamsRepo
from tests.support import factories as f


async def team_chat_id(db) -> int | None:
    async with db.read() as conn:
        return (await TeamsRepo(conn).default()).manager_chat_id


async def test_added_by_non_manager_explains_and_leaves(chat):
    await chat.add_member(500, "Rep", {"sdr"})
    group = f.group_chat(-200)
    await chat.feed(f.my_chat_member_update(f.user(500, "Rep", language_code="en"), group))
    assert "Only a manager" in chat.bot.last_text(-200)
    leave = chat.bot.sent(method="leaveChat")
    assert [int(r.chat_id) for r in leave] == [-200]


async def test_added_by_stranger_leaves(chat):
    await chat.feed(f.my_chat_member_update(f.user(501, "Nobody"), f.group_chat(-201)))
    assert [int(r.chat_id) for r in chat.bot.sent(method="leaveChat")] == [-201]


async def test_added_by_manager_stays_and_setchat_registers_chat(chat, admin, db):
    group = f.group_chat(-202)
    await chat.feed(f.my_chat_member_update(admin, group))
    assert "/setchat" in chat.bot.last_text(-202)
    assert chat.bot.sent(method="leaveChat") == []
    reply = await chat.send(admin, "/setchat@iron_funnel_bot", chat=group)
    assert "дайджесты «Отдел продаж» будут приходить в этот чат" in reply
    assert await team_chat_id(db) == -202


async def test_setchat_in_private_explains(chat, admin, db):
    reply = await chat.send(admin, "/setchat")
    assert "в групповом чате" in reply
    assert await team_chat_id(db) is None


async def test_rep_setchat_in_group_is_refused(chat, db):
    await chat.add_member(502, "Rep", {"sdr"})
    reply = await chat.send(f.user(502, "Rep"), "/setchat", chat=f.group_chat(-203))
    assert "только руководитель" in reply
    assert await team_chat_id(db) is None


async def test_group_upgraded_to_supergroup_keeps_digest_chat(chat, admin, db):
    group = f.group_chat(-204)
    await chat.send(admin, "/setchat", chat=group)
    await chat.feed(f.service_update(admin, group, migrate_to_chat_id=-1009999))
    assert await team_chat_id(db) == -1009999


async def test_bot_removed_from_digest_chat_forgets_it(chat, admin, db):
    group = f.group_chat(-205)
    await chat.send(admin, "/setchat", chat=group)
    await chat.feed(f.my_chat_member_update(admin, group, old="member", new="left"))
    assert await team_chat_id(db) is None
