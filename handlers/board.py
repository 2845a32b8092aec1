"""/board (every member) and /tv (managers): the Telegram side of the live wallboard.

Telegram opens a Mini App only from a private chat (a group's inline keyboard may not
carry a web_app button), so in a group /board links to the private chat with
``?start=board``, and ``/start board`` there answers like /board. The TV link is the
team's secret: it is given only in a private chat.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import LinkPreviewOptions, Message

from bot.arguments import parse_tv_action
from bot.commands import set_board_button
from bot.filters import IsManager, IsMember
from bot.i18n import Texts
from bot.settings import Settings
from storage.models import Member, Team
from storage.repos import TeamsRepo
from storage.unit import UnitOfWork
from views.keyboards import BOARD_START, board_keyboard, board_link_keyboard

router = Router(name=__name__)
router.message.filter(IsMember())

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # Telegram would fetch the secret TV page


def _board_off(member: Member, texts: Texts) -> str:
    return texts("board_off_manager" if member.is_manager else "board_off_rep")


async def _open_board(message: Message, member: Member, texts: Texts, settings: Settings) -> None:
    if not settings.webapp_url:
        await message.answer(_board_off(member, texts))
        return
    intro = texts("board_intro_manager" if member.is_manager else "board_intro_rep")
    await message.answer(intro, reply_markup=board_keyboard(settings.webapp_url, texts))


@router.message(CommandStart(deep_link=True, magic=F.args == BOARD_START), F.chat.type == "private")
async def start_board(
    message: Message, bot: Bot, member: Member, texts: Texts, lang: str, settings: Settings
) -> None:
    """Where the group's "open the board in a private chat" link lands."""
    await _open_board(message, member, texts, settings)
    await set_board_button(bot, member, lang, settings.webapp_url)


@router.message(Command("board"), F.chat.type == "private")
async def board(message: Message, member: Member, texts: Texts, settings: Settings) -> None:
    await _open_board(message, member, texts, settings)


@router.message(Command("board"))
async def board_in_group(
    message: Message, bot: Bot, member: Member, texts: Texts, settings: Settings
) -> None:
    if not settings.webapp_url:
        await message.answer(_board_off(member, texts))
        return
    me = await bot.me()
    assert me.username is not None  # every bot has one
    await message.answer(
        texts("board_in_group"), reply_markup=board_link_keyboard(me.username, texts)
    )


@router.message(Command("tv"), IsManager(), F.chat.type == "private")
async def tv_link(
    message: Message,
    command: CommandObject,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    action = parse_tv_action(command.args)
    if action is None:
        await message.answer(texts("usage_tv"))
        return
    if action == "revoke":  # also while the board is off: an old link must not come back
        async with uow.write() as conn:
            revoked = await TeamsRepo(conn).revoke_tv_token(team.id)
        await message.answer(texts("tv_revoked" if revoked else "tv_none"))
        return
    if not settings.webapp_url:
        await message.answer(texts("board_off_manager"))
        return
    async with uow.write() as conn:
        repo = TeamsRepo(conn)
        token = await repo.tv_token(team.id) if action == "show" else None
        if token is None:
            token = await repo.new_tv_token(team.id)
    url = f"{settings.webapp_url}/tv/{token}"
    key = "tv_link_new" if action == "new" else "tv_link"
    await message.answer(texts(key, url=url), link_preview_options=NO_PREVIEW)


@router.message(Command("tv"), IsManager())
async def tv_in_group(message: Message, texts: Texts) -> None:
    await message.answer(texts("tv_private_only"))
