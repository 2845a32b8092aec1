"""Managing the team (managers): /role, /remove, /setchat."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import parse_role, split_args
from bot.commands import set_board_button, set_member_menu
from bot.filters import IsManager
from bot.i18n import Html, Texts, pick_language
from bot.settings import Settings
from services import setup
from services.members import find_members
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork
from views.setup import summary_text

log = logging.getLogger(__name__)

router = Router(name=__name__)
router.message.filter(IsManager())


class Refusal(Exception):
    """A manager's request that cannot be carried out; the text says why."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def split_member_and_roles(args: list[str]) -> tuple[str, list[str]] | None:
    """``["Ivan", "Petrov", "sdr", "hunter"]`` -> ``("Ivan Petrov", ["sdr", "hunter"])``.

    A leading ``@username`` or number is the member and every other word must
    be a role; otherwise the trailing run of role words are the roles.
    """
    if len(args) < 2:
        return None
    number = args[0].removeprefix("#")
    if args[0].startswith("@") or (number.isascii() and number.isdigit()):
        return args[0], args[1:]
    cut = len(args)
    while cut > 1 and parse_role(args[cut - 1]) is not None:
        cut -= 1
    if cut == len(args):
        return None
    return " ".join(args[:cut]), args[cut:]


def resolve(texts: Texts, members: list[Member], query: str) -> Member:
    found = find_members(members, query)
    if not found:
        raise Refusal(texts("member_not_found", query=query[:60]))
    if len(found) > 1:
        names = ", ".join(f"{m.id}. {m.display_name}" for m in found[:5])
        raise Refusal(texts("member_ambiguous", query=query[:60], names=names))
    return found[0]


def check_keeps_a_manager(
    texts: Texts, settings: Settings, members: list[Member], target: Member, stays_manager: bool
) -> None:
    if stays_manager or not target.is_manager:
        return
    if target.tg_user_id in settings.admin_ids:
        raise Refusal(texts("admin_keeps_manager", name=target.display_name))
    others = [m for m in members if m.active and m.is_manager and m.id != target.id]
    if not others:
        raise Refusal(texts("last_manager"))


@router.message(Command("role"))
async def change_roles(
    message: Message,
    command: CommandObject,
    bot: Bot,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    parsed = split_member_and_roles(split_args(command.args))
    if parsed is None:
        await message.answer(texts("member_usage_role"))
        return
    query, role_words = parsed
    roles = {parse_role(word) for word in role_words}
    if None in roles:
        bad = next(word for word in role_words if parse_role(word) is None)
        await message.answer(texts("role_unknown", role=bad[:40]))
        return
    try:
        async with uow.write() as conn:
            repo = MembersRepo(conn)
            members = await repo.list_team(team.id)
            target = resolve(texts, members, query)
            check_keeps_a_manager(texts, settings, members, target, "manager" in roles)
            await repo.set_roles(target.id, {role for role in roles if role})
            updated = await repo.get(target.id)
    except Refusal as refusal:
        await message.answer(refusal.text)
        return
    assert updated is not None
    await message.answer(
        texts("roles_updated", name=updated.display_name, roles=texts.roles(updated.sorted_roles()))
    )
    await set_member_menu(bot, updated, _language_of(updated, team))


@router.message(Command("remove"))
async def remove_member(
    message: Message,
    command: CommandObject,
    bot: Bot,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    if not command.args:
        await message.answer(texts("member_usage_remove"))
        return
    try:
        async with uow.write() as conn:
            repo = MembersRepo(conn)
            members = await repo.list_team(team.id)
            target = resolve(texts, members, command.args)
            if not target.active:
                raise Refusal(texts("member_already_removed", name=target.display_name))
            check_keeps_a_manager(texts, settings, members, target, stays_manager=False)
            await repo.set_active(target.id, False)
            updated = await repo.get(target.id)
    except Refusal as refusal:
        await message.answer(refusal.text)
        return
    assert updated is not None
    await message.answer(texts("member_removed", name=updated.display_name))
    await set_member_menu(bot, updated, _language_of(updated, team))
    await set_board_button(bot, updated, _language_of(updated, team), settings.webapp_url)


@router.message(Command("setchat"), F.chat.type.in_({"group", "supergroup"}))
async def set_digest_chat(
    message: Message, bot: Bot, member: Member, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    finished_setup = await setup.set_chat(uow, team, message.chat.id)
    await message.answer(texts("setchat_done", team=team.name))
    if finished_setup:  # /setup waited for this: its last step is done, say so in private
        summary = summary_text(await setup.summary(uow, team.id), texts)
        text = Html(f"{texts('setup_chat_confirmed')}\n\n{summary}")
        try:
            await bot.send_message(member.tg_user_id, text)
        except TelegramAPIError as exc:  # no private chat with the bot (yet)
            log.info("setup summary not sent", extra={"member_id": member.id, "reason": str(exc)})


@router.message(Command("setchat"))
async def set_digest_chat_in_private(message: Message, texts: Texts) -> None:
    await message.answer(texts("setchat_private"))


def _language_of(member: Member, team: Team) -> str:
    return pick_language(member.language, member.tg_language, team.language, team.language)
