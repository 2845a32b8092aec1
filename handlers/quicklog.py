"""/log: one-tap logging of the most frequent entries of a member's roles.

A rep making 80 calls a day taps a button per call instead of typing; the
message keeps a running count for today and the last entry.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.filters import IsMember
from bot.i18n import Html, Texts, toast
from services.clock import Now
from services.meetings import open_meetings
from storage import journal
from storage.journal import Entry, Refused
from storage.models import Member, Team
from storage.unit import UnitOfWork
from views.entries import describe_entry, meetings_list
from views.keyboards import QuickLog, log_keyboard
from views.problems import refusal_text

router = Router(name=__name__)
router.message.filter(IsMember())
router.callback_query.filter(IsMember())

CALL_BUTTONS = {"call_0": 0, "call_1": 60, "call_3": 180, "call_5": 300}


async def _header(uow: UnitOfWork, team: Team, member: Member, texts: Texts) -> Html:
    async with uow.read() as conn:
        counts = await journal.today_counts(conn, team, member.id, Now.for_team(team).today)
    return texts("log_header", summary=texts("log_summary", **counts))


@router.message(Command("log"))
async def show_log(
    message: Message, member: Member, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    await message.answer(
        await _header(uow, team, member, texts), reply_markup=log_keyboard(member, team, texts)
    )


async def _quick_entry(uow: UnitOfWork, team: Team, member: Member, action: str) -> Entry:
    now = Now.for_team(team).utc
    async with uow.write() as conn:
        if action in CALL_BUTTONS:
            return await journal.log_call(
                conn,
                team,
                member,
                duration_s=CALL_BUTTONS[action],
                direction="out",
                occurred_at=now,
            )
        if action in {"lead", "lead_t"}:
            return await journal.log_lead(
                conn,
                team,
                member,
                occurred_at=now,
                qualification="targeted" if action == "lead_t" else None,
            )
        if action == "meeting_set":
            entry, _meeting = await journal.set_meeting(
                conn, team, member, occurred_at=now, client=None
            )
            return entry
        if action == "proposal":
            return await journal.record_proposal(conn, team, member, occurred_at=now)
        last = await journal.last_undoable(conn, team, member)
        if last is None:
            raise Refused("nothing_to_undo")
        return await journal.void_entry(conn, team, member, last.id)


@router.callback_query(QuickLog.filter(F.action == "meetings"))
async def quick_meetings(
    query: CallbackQuery, member: Member, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        found = await open_meetings(uow, team, member)
        text, markup = meetings_list(found.meetings, found.names, team, texts)
        await query.message.answer(text, reply_markup=markup)


@router.callback_query(QuickLog.filter())
async def quick_log(
    query: CallbackQuery,
    callback_data: QuickLog,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    if callback_data.action in CALL_BUTTONS and team.calls_mode == "telephony":
        await query.answer(toast(texts("calls_from_telephony")), show_alert=True)
        return
    try:
        entry = await _quick_entry(uow, team, member, callback_data.action)
    except Refused as refused:
        text = (
            texts(refused.code)
            if refused.code == "nothing_to_undo"
            else refusal_text(texts, refused)
        )
        await query.answer(toast(text), show_alert=True)
        return
    line = describe_entry(entry, team, texts)
    await query.answer(toast(texts("log_saved_toast", entry=line)))
    if isinstance(query.message, Message):
        header = await _header(uow, team, member, texts)
        await query.message.edit_text(
            f"{header}\n{texts('log_last', entry=line)}",
            reply_markup=log_keyboard(member, team, texts),
        )
