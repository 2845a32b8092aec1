"""Joining a team through an invite deep link: ``t.me/<bot>?start=<code>``."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.commands import set_board_button, set_member_menu
from bot.i18n import Html, Texts, pick_language
from bot.settings import Settings
from storage.models import Member, Team
from storage.repos import InvitesRepo, MembersRepo, TeamsRepo, utcnow
from storage.unit import UnitOfWork
from views.keyboards import BOARD_START

log = logging.getLogger(__name__)

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")


# ``/start board`` is the board's link from a group (handlers.board): a member gets the
# board there, anyone else what the fallback tells a stranger, not "invite expired".
@router.message(CommandStart(deep_link=True, magic=F.args != BOARD_START))
async def join_by_invite(
    message: Message,
    command: CommandObject,
    bot: Bot,
    uow: UnitOfWork,
    texts: Texts,
    settings: Settings,
) -> None:
    user = message.from_user
    assert user is not None and command.args is not None
    code = command.args.strip()
    async with uow.write() as conn:
        invite = await InvitesRepo(conn).by_code(code)
        if invite is None or not invite.is_usable(utcnow()):
            outcome = None
        else:
            team = await TeamsRepo(conn).get(invite.team_id)
            assert team is not None
            repo = MembersRepo(conn)
            existing = await repo.by_tg_id(user.id, team_id=team.id)
            if existing is None:
                member = await repo.add(
                    team_id=team.id,
                    tg_user_id=user.id,
                    display_name=user.full_name,
                    username=user.username,
                    roles={invite.role},
                    tg_language=user.language_code,
                    joined_via=invite.id,
                )
                outcome = "joined"
            elif existing.active and invite.role in existing.roles:
                member, outcome = existing, "joined_already"
            else:
                await repo.set_active(existing.id, True)
                await repo.set_roles(existing.id, set(existing.roles) | {invite.role})
                member = await repo.get(existing.id)
                outcome = "joined_role_added"
            managers = await repo.managers(team.id)
    if outcome is None:
        await message.answer(texts("invite_invalid"))
        return
    assert member is not None
    lang = pick_language(member.language, user.language_code, team.language, texts.language)
    mine = Texts(lang)
    roles = mine.roles(member.sorted_roles())
    reply = mine(outcome, team=team.name, name=member.display_name, roles=roles)
    if outcome == "joined" and invite.role != "manager":  # a rep's first contact: what to log
        reply = Html(f"{reply}\n\n{mine('start_rep_log')}\n\n{mine('start_rep_more')}")
    await message.answer(reply)
    await set_board_button(bot, member, lang, settings.webapp_url)
    if outcome == "joined_already":
        return
    log.info("member joined", extra={"member_id": member.id, "role": invite.role})
    await set_member_menu(bot, member, lang)
    await _tell_managers(bot, managers, member, invite.role, team)


async def _tell_managers(
    bot: Bot, managers: list[Member], member: Member, role: str, team: Team
) -> None:
    for manager in managers:
        if manager.id == member.id:
            continue
        texts = Texts(
            pick_language(manager.language, manager.tg_language, team.language, team.language)
        )
        try:
            await bot.send_message(
                manager.tg_user_id,
                texts(
                    "joined_notify_managers",
                    name=member.display_name,
                    team=team.name,
                    role=texts.role(role),
                ),
            )
        except Exception as exc:  # a manager who blocked the bot must not break joining
            log.info(
                "could not notify manager", extra={"member_id": manager.id, "reason": str(exc)}
            )
