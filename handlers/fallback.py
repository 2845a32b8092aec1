"""The last router: whatever no feature router took.

* a stranger in a private chat: "this bot is private; ask for an invite";
* a switched-off member: their access is off;
* a rep trying a manager command: "managers only";
* a member's unknown command: pointer to /help.

Group chats get no reply from here: the bot does not chat with strangers in
a team's group, and plain group messages are not for the bot.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.commands import MANAGER_COMMANDS
from bot.filters import IsMember, IsStranger
from bot.i18n import Texts, toast
from storage.models import Member, Team

router = Router(name=__name__)


def _stranger_text(member: Member | None, team: Team, texts: Texts) -> str:
    if member is not None and not member.active:
        return texts("deactivated", team=team.name)
    return texts("private_bot")


@router.message(F.chat.type == "private", IsStranger())
async def stranger(message: Message, member: Member | None, team: Team, texts: Texts) -> None:
    await message.answer(_stranger_text(member, team, texts))


@router.callback_query(IsStranger())
async def stranger_button(
    query: CallbackQuery, member: Member | None, team: Team, texts: Texts
) -> None:
    await query.answer(toast(_stranger_text(member, team, texts)), show_alert=True)


@router.message(Command(*MANAGER_COMMANDS), IsMember())
async def managers_only(message: Message, member: Member, texts: Texts) -> None:
    await message.answer(texts("managers_only", roles=texts.roles(member.sorted_roles())))


@router.message(F.chat.type == "private", F.text.startswith("/"))
async def unknown_command(message: Message, texts: Texts) -> None:
    await message.answer(texts("unknown_command"))
