"""/start, /help and /lang for members."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message

from bot.commands import set_board_button, set_member_menu, visible_commands
from bot.filters import IsMember
from bot.i18n import LANGUAGES, Texts, normalize_language
from bot.settings import Settings
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork

router = Router(name=__name__)
router.message.filter(IsMember())


def help_text(texts: Texts, member: Member, *, group: bool = False) -> str:
    lines = [texts("help_header")]
    lines += [
        f"/{spec.name} — {texts(f'cmd_{spec.name}')}"
        for spec in visible_commands(manager=False, group=group)
    ]
    if member.is_manager:
        manager_specs = [
            spec for spec in visible_commands(manager=True, group=group) if spec.manager_only
        ]
        if manager_specs:
            lines += ["", texts("help_manager_header")]
            lines += [f"/{spec.name} — {texts(f'cmd_{spec.name}')}" for spec in manager_specs]
    lines += ["", texts("help_footer")]
    return "\n".join(lines)


@router.message(CommandStart())
async def start(
    message: Message,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    lang: str,
    settings: Settings,
) -> None:
    welcome = texts(
        "welcome",
        name=member.display_name,
        team=team.name,
        roles=texts.roles(member.sorted_roles()),
    )
    group = message.chat.type != "private"
    await message.answer(f"{welcome}\n\n{help_text(texts, member, group=group)}")
    await set_board_button(bot, member, lang, settings.webapp_url)


@router.message(Command("help"))
async def show_help(message: Message, member: Member, texts: Texts) -> None:
    await message.answer(help_text(texts, member, group=message.chat.type != "private"))


@router.message(Command("lang"))
async def set_language(
    message: Message,
    command: CommandObject,
    member: Member,
    texts: Texts,
    uow: UnitOfWork,
    bot: Bot,
    settings: Settings,
) -> None:
    if not command.args:
        await message.answer(texts("lang_current"))
        return
    language = normalize_language(command.args.strip())
    if language is None or language not in LANGUAGES:
        await message.answer(texts("lang_usage"))
        return
    async with uow.write() as conn:
        await MembersRepo(conn).set_language(member.id, language)
    await message.answer(Texts(language)("lang_set"))
    await set_member_menu(bot, member, language)
    await set_board_button(bot, member, language, settings.webapp_url)
