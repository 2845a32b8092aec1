"""/undo, /history and the Undo / Void buttons: voiding is a mark, never a delete."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.filters import IsMember
from bot.i18n import Texts, shorten, toast
from handlers.common import find_members
from handlers.logging_common import refusal_text
from handlers.render import EntryAction, describe_entry
from storage import journal
from storage.journal import Entry, Refused
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork

router = Router(name=__name__)
router.message.filter(IsMember())
router.callback_query.filter(IsMember())


async def _void(uow: UnitOfWork, team: Team, member: Member, entry_id: int) -> Entry:
    async with uow.write() as conn:
        return await journal.void_entry(conn, team, member, entry_id)


@router.message(Command("undo"))
async def undo_last(
    message: Message, member: Member, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    async with uow.read() as conn:
        last = await journal.last_undoable(conn, team, member)
    if last is None:
        await message.answer(texts("nothing_to_undo"))
        return
    try:
        voided = await _void(uow, team, member, last.id)
    except Refused as refused:
        await message.answer(refusal_text(texts, refused))
        return
    await message.answer(texts("voided", entry=describe_entry(voided, team, texts)))


@router.callback_query(EntryAction.filter())
async def void_button(
    query: CallbackQuery,
    callback_data: EntryAction,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    try:
        voided = await _void(uow, team, member, callback_data.entry_id)
    except Refused as refused:
        await query.answer(toast(refusal_text(texts, refused)), show_alert=True)
        return
    line = describe_entry(voided, team, texts)
    await query.answer(toast(texts("voided", entry=line)))
    if isinstance(query.message, Message):
        await query.message.answer(texts("voided", entry=line))


@router.message(Command("history"))
async def history(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    async with uow.read() as conn:
        whose = member
        if command.args:
            if not member.is_manager:
                await message.answer(texts("usage_history"))
                return
            found = find_members(await MembersRepo(conn).list_team(team.id), command.args)
            if len(found) != 1:
                await message.answer(texts("member_not_found", query=shorten(command.args, 60)))
                return
            whose = found[0]
        recent = await journal.recent_entries(conn, team, whose.id)
    if not recent:
        await message.answer(texts("history_empty"))
        return
    header = (
        texts("history_header")
        if whose.id == member.id
        else texts("history_header_of", name=whose.display_name)
    )
    lines = [header]
    buttons = []
    for entry in recent:
        line = describe_entry(entry, team, texts, in_list=True)
        lines.append(texts("history_line", n=entry.id, entry=line))
        if not entry.void:
            buttons.append(
                InlineKeyboardButton(
                    text=texts("void_button", n=entry.id),
                    callback_data=EntryAction(entry_id=entry.id).pack(),
                )
            )
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    await message.answer(
        "\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
    )
