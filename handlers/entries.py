"""/undo, /history and the Undo / Void buttons: voiding is a mark, never a delete."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.filters import IsMember
from bot.i18n import Texts, shorten, toast
from services.members import members_named
from storage import journal
from storage.journal import Entry, Refused
from storage.models import Member, Team
from storage.unit import UnitOfWork
from views.entries import describe_entry, history_text
from views.keyboards import EntryAction, void_keyboard
from views.problems import refusal_text

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
            found = await members_named(conn, team, command.args)
            if len(found) != 1:
                await message.answer(texts("member_not_found", query=shorten(command.args, 60)))
                return
            whose = found[0]
        recent = await journal.recent_entries(conn, team, whose.id)
    if not recent:
        await message.answer(texts("history_empty"))
        return
    await message.answer(
        history_text(recent, whose, member, team, texts),
        reply_markup=void_keyboard(recent, texts),
    )
