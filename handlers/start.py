"""/start, /help and /lang for members."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message

from bot.commands import set_board_button, set_member_menu
from bot.filters import IsMember
from bot.i18n import LANGUAGES, Texts, normalize_language
from bot.settings import Settings
from services.clock import Now
from services.empty import setup_done
from services.plans import progress
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork
from views.help import help_text
from views.keyboards import setup_keyboard
from views.start import manager_start, rep_start

router = Router(name=__name__)
router.message.filter(IsMember())


@router.message(CommandStart())
async def start(
    message: Message,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    lang: str,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    """A short first answer: a manager is offered the setup until it is done (the button
    only in a private chat, where the setup happens), a rep gets what to log and today's
    plan."""
    if member.is_manager:
        done = setup_done(team)
        markup = None if done or message.chat.type != "private" else setup_keyboard(texts)
        text = manager_start(member, team, texts, setup_done=done)
        await message.answer(text, reply_markup=markup)
    else:
        today = await progress(uow, team, member, "day", Now.for_team(team).today, settings)
        await message.answer(rep_start(member, team, texts, today))
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
