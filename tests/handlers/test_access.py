"""Who may do what: strangers, reps, managers, bootstrap admins."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa

from storage.tables import calls
from tests.support import factories as f


async def test_stranger_gets_private_bot_message_in_their_language(chat):
    stranger = f.user(999, "Stranger", language_code="en")
    reply = await chat.send(stranger, "/start")
    assert "This bot is private" in reply
    assert "invite link" in reply
    assert await chat.member(999) is None


async def test_stranger_russian_gets_russian(chat):
    reply = await chat.send(f.user(998, "Пётр", language_code="ru"), "привет")
    assert "закрытый бот" in reply


async def test_stranger_in_group_is_ignored(chat):
    group = f.group_chat()
    reply = await chat.send(f.user(997, "X"), "/help", chat=group)
    assert reply is None
    assert chat.bot.sent() == []


async def test_bootstrap_admin_is_recognised_as_manager(chat, admin):
    reply = await chat.send(admin, "/start")
    assert "Olga Head" in reply
    assert "руководитель" in reply
    # the team is not set up yet: the first answer offers the setup
    (sent,) = chat.bot.sent(admin["id"])
    assert sent.reply_markup.inline_keyboard[0][0].callback_data == "setup:start"
    member = await chat.member(admin["id"])
    assert member is not None and member.is_manager and member.active


async def test_a_bootstrap_admins_first_messages_at_once_are_all_handled(chat, admin):
    """Several first messages handled concurrently: one adds the admin, the others find
    them, and every call is saved (none is answered "something went wrong")."""
    updates = [f.message_update(admin, f"/call {60 + n}s") for n in range(5)]
    await asyncio.gather(*(chat.feed(update) for update in updates))
    replies = chat.bot.texts_to(admin["id"])
    assert len(replies) == 5 and all(": сохранено 📞 звонок" in reply for reply in replies), replies
    async with chat.db.read() as conn:
        stored = (await conn.execute(sa.select(calls.c.duration_s))).scalars().all()
    assert sorted(stored) == [60, 61, 62, 63, 64]
    member = await chat.member(admin["id"])
    assert member is not None and member.is_manager


async def test_rep_cannot_run_manager_commands(chat):
    await chat.add_member(200, "Ivan", {"sdr"})
    rep = f.user(200, "Ivan", language_code="en")
    for command in ("/invite sdr", "/invites", "/role 1 manager", "/remove 1", "/setchat"):
        reply = await chat.send(rep, command)
        assert reply is not None and "Only managers" in reply, command
    member = await chat.member(200)
    assert member.roles == frozenset({"sdr"})


async def test_rep_help_lists_only_rep_commands(chat):
    await chat.add_member(201, "Anna", {"hunter"})
    reply = await chat.send(f.user(201, "Anna", language_code="en"), "/help")
    assert "/team" in reply and "/lang" in reply
    assert "/invite" not in reply and "/remove" not in reply


async def test_deactivated_member_is_told_access_is_off(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(202, "Boris", {"sdr"})
    await chat.send(admin, "/remove Boris")
    reply = await chat.send(f.user(202, "Boris", language_code="en"), "/help")
    assert "switched off" in reply


async def test_unknown_command_points_to_help(chat):
    await chat.add_member(203, "Vera", {"farmer"})
    reply = await chat.send(f.user(203, "Vera", language_code="en"), "/frobnicate")
    assert "/help" in reply


async def test_language_choice_overrides_telegram_language(chat):
    await chat.add_member(204, "Gleb", {"sdr"})
    gleb = f.user(204, "Gleb", language_code="ru")
    assert await chat.send(gleb, "/lang en") == "Done: I will speak English with you."
    reply = await chat.send(gleb, "/help")
    assert "What you can do" in reply
    reply = await chat.send(gleb, "/lang de")
    assert "/lang ru" in reply  # usage with an example
    member = await chat.member(204)
    assert member.language == "en"


async def test_admin_stays_manager_even_if_roles_were_changed_in_db(chat, admin):
    await chat.send(admin, "/start")
    reply = await chat.send(admin, "/role @olga_head sdr")
    assert "ADMIN_IDS" in reply
    member = await chat.member(admin["id"])
    assert member.is_manager
