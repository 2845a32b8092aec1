"""/team, /role, /remove, and the guards that keep a team manageable."""

from __future__ import annotations

from tests.support import factories as f


async def test_team_lists_members_with_roles(chat, admin):
    await chat.send(admin, "/start")
    ivan = await chat.add_member(400, "Ivan Petrov", {"sdr"}, username="ivan")
    await chat.add_member(401, "Anna", {"hunter", "farmer"})
    ivan_user = f.user(400, "Ivan", last_name="Petrov", username="ivan", language_code="en")
    reply = await chat.send(ivan_user, "/team")
    assert "3 members" in reply
    assert f"{ivan.id}. Ivan Petrov @ivan: SDR (lead generator)" in reply
    assert "Anna: hunter (closer), farmer (account manager)" in reply


async def test_manager_changes_roles_by_name_username_or_number(chat, admin):
    await chat.send(admin, "/start")
    ivan = await chat.add_member(402, "Ivan Petrov", {"sdr"}, username="ivan")
    reply = await chat.send(admin, "/role Ivan Petrov лидоруб хантер")
    assert "Ivan Petrov: теперь роли — лидоруб, хантер" in reply
    await chat.send(admin, "/role @ivan farmer")
    assert (await chat.member(402)).roles == frozenset({"farmer"})
    await chat.send(admin, f"/role {ivan.id} sdr manager")
    assert (await chat.member(402)).roles == frozenset({"sdr", "manager"})
    # the new manager gets the manager menu in their private chat
    scoped = [
        r for r in chat.bot.sent(method="setMyCommands") if getattr(r.scope, "chat_id", None) == 402
    ]
    assert scoped and any(c.command == "invite" for c in scoped[-1].commands)


async def test_role_errors_change_nothing(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(403, "Ivan Petrov", {"sdr"})
    await chat.add_member(404, "Ivan Sidorov", {"sdr"})
    assert "Пример: /role" in await chat.send(admin, "/role")
    assert "Не нахожу «Kolya»" in await chat.send(admin, "/role Kolya sdr")
    assert "подходит нескольким" in await chat.send(admin, "/role Ivan hunter")
    assert "Не знаю роль «pilot»" in await chat.send(admin, "/role @x sdr pilot")
    assert (await chat.member(403)).roles == frozenset({"sdr"})
    assert (await chat.member(404)).roles == frozenset({"sdr"})


async def test_second_manager_can_be_removed_while_admin_stays(chat, admin):
    await chat.send(admin, "/start")
    boss = await chat.add_member(405, "Second Boss", {"manager"})
    # with the admin around, the second manager may go
    reply = await chat.send(admin, f"/remove {boss.id}")
    assert reply.startswith("Second Boss: доступ отключён.")
    assert not (await chat.member(405)).active
    assert "Second Boss: доступ уже отключён" in await chat.send(admin, f"/remove {boss.id}")


async def test_non_admin_last_manager_is_kept(chat, db, settings, team):
    # a team whose only manager is not a bootstrap admin
    boss = await chat.add_member(406, "Boss", {"manager"})
    boss_user = f.user(406, "Boss", language_code="en")
    reply = await chat.send(boss_user, f"/role {boss.id} sdr")
    assert "at least one active manager" in reply
    reply = await chat.send(boss_user, f"/remove {boss.id}")
    assert "at least one active manager" in reply
    member = await chat.member(406)
    assert member.active and member.is_manager


async def test_removed_member_history_stays_and_invite_brings_them_back(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(407, "Pavel", {"sdr"})
    await chat.send(admin, "/remove Pavel")
    assert not (await chat.member(407)).active
    reply = await chat.send(admin, "/team")
    assert "2. Pavel: лидоруб (доступ отключён)" in reply
    assert reply.startswith("«Отдел продаж»: 1 сотрудник\n")  # Pavel is not counted
    code_reply = await chat.send(admin, "/invite sdr")
    code = code_reply.split("start=")[1].split()[0]
    await chat.send(f.user(407, "Pavel"), f"/start {code}")
    member = await chat.member(407)
    assert member.active and member.roles == frozenset({"sdr"})
