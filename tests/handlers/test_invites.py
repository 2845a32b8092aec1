"""Invite links: creation, joining with a role, expiry and revocation."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from storage.tables import invites
from tests.support import factories as f

LINK = re.compile(r"https://t\.me/iron_funnel_bot\?start=([A-Za-z0-9_-]+)")


async def make_invite(chat, admin, role: str = "sdr") -> str:
    reply = await chat.send(admin, f"/invite {role}")
    match = LINK.search(reply)
    assert match, reply
    return match.group(1)


async def test_invite_link_joins_team_with_role(chat, admin):
    await chat.send(admin, "/start")
    code = await make_invite(chat, admin, "лидоруб")
    assert len(code) >= 20  # not guessable
    newcomer = f.user(300, "Ivan", last_name="Petrov", username="ivan_p", language_code="en")
    reply = await chat.send(newcomer, f"/start {code}")
    assert "Welcome to «Отдел продаж», Ivan Petrov" in reply
    assert "SDR" in reply
    member = await chat.member(300)
    assert member.roles == frozenset({"sdr"}) and member.active
    # the manager hears about it, in Russian
    assert "Новый участник «Отдел продаж»: Ivan Petrov, роль — лидоруб." == chat.bot.last_text(
        admin["id"]
    )


async def test_same_link_serves_several_reps_and_second_role_is_added(chat, admin):
    await chat.send(admin, "/start")
    sdr_code = await make_invite(chat, admin, "sdr")
    hunter_code = await make_invite(chat, admin, "hunter")
    for tg_id in (301, 302):
        await chat.send(f.user(tg_id, f"Rep{tg_id}"), f"/start {sdr_code}")
    await chat.send(f.user(301, "Rep301"), f"/start {hunter_code}")
    assert (await chat.member(301)).roles == frozenset({"sdr", "hunter"})
    assert (await chat.member(302)).roles == frozenset({"sdr"})
    reply = await chat.send(f.user(302, "Rep302", language_code="en"), f"/start {sdr_code}")
    assert "already" in reply


async def test_expired_invite_is_refused(chat, admin, db):
    await chat.send(admin, "/start")
    code = await make_invite(chat, admin)
    async with db.transaction() as conn:
        await conn.execute(
            invites.update().values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    reply = await chat.send(f.user(303, "Late", language_code="en"), f"/start {code}")
    assert "expired or was revoked" in reply
    assert await chat.member(303) is None


async def test_garbage_code_is_refused(chat):
    reply = await chat.send(
        f.user(304, "Guess", language_code="en"), "/start AAAAAAAAAAAAAAAAAAAAAA"
    )
    assert "expired or was revoked" in reply
    assert await chat.member(304) is None


async def test_revoke_from_invites_list(chat, admin):
    await chat.send(admin, "/start")
    code = await make_invite(chat, admin, "hunter")
    reply = await chat.send(admin, "/invites")
    assert code in reply
    listing = chat.bot.sent(admin["id"])[-1]
    button = listing.reply_markup.inline_keyboard[0][0]
    assert "Отозвать" in button.text
    await chat.feed(f.callback_update(admin, button.callback_data))
    answer = chat.bot.sent(method="answerCallbackQuery")[-1]
    assert answer.text == "Приглашение отозвано."
    edited = chat.bot.sent(method="editMessageText")[-1]
    assert "Активных приглашений нет" in edited.text
    # a double tap is answered, nothing breaks
    await chat.feed(f.callback_update(admin, button.callback_data))
    assert "уже отозвано" in chat.bot.sent(method="answerCallbackQuery")[-1].text
    reply = await chat.send(f.user(305, "Late"), f"/start {code}")
    assert "истекла или отозвана" in reply


async def test_invite_usage_and_unknown_role(chat, admin, db):
    await chat.send(admin, "/start")
    assert "Пример: /invite лидоруб" in await chat.send(admin, "/invite")
    reply = await chat.send(admin, "/invite astronaut")
    assert "Не знаю роль «astronaut»" in reply
    async with db.read() as conn:
        assert (await conn.execute(sa.select(sa.func.count()).select_from(invites))).scalar() == 0
