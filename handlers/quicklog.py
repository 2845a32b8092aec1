"""/log: one-tap logging of the most frequent entries of a member's roles.

A rep making 80 calls a day taps a button per call instead of typing; the
message keeps a running count for today and the last entry.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.filters import IsMember
from bot.i18n import Html, Texts, toast
from handlers.logging_common import Now, refusal_text
from handlers.render import describe_entry
from storage import journal
from storage.journal import Entry, Refused
from storage.models import Member, Team
from storage.unit import UnitOfWork

router = Router(name=__name__)
router.message.filter(IsMember())
router.callback_query.filter(IsMember())

CALL_BUTTONS = {"call_0": 0, "call_1": 60, "call_3": 180, "call_5": 300}


class QuickLog(CallbackData, prefix="qlog"):
    action: str


def _button(texts: Texts, key: str, action: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=texts(key), callback_data=QuickLog(action=action).pack())


def log_keyboard(member: Member, team: Team, texts: Texts) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    manual_calls = team.calls_mode != "telephony"  # else calls come from the telephony feed
    if manual_calls and (member.roles & {"sdr", "farmer", "hunter"} or member.is_manager):
        rows.append(
            [
                _button(texts, "log_call_1", "call_1"),
                _button(texts, "log_call_3", "call_3"),
                _button(texts, "log_call_5", "call_5"),
            ]
        )
        rows.append([_button(texts, "log_call_short", "call_0")])
    if "sdr" in member.roles or not member.roles & {"hunter", "farmer"}:
        rows.append(
            [_button(texts, "log_lead", "lead"), _button(texts, "log_lead_targeted", "lead_t")]
        )
        rows.append([_button(texts, "log_meeting_set", "meeting_set")])
    if "hunter" in member.roles:
        rows.append(
            [_button(texts, "log_proposal", "proposal"), _button(texts, "log_meetings", "meetings")]
        )
    rows.append([_button(texts, "log_undo", "undo")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def _header(uow: UnitOfWork, team: Team, member: Member, texts: Texts) -> Html:
    async with uow.read() as conn:
        counts = await journal.today_counts(conn, team, member.id, Now.for_team(team).today)
    counts["minutes"] = f"{counts['minutes']:g}"
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
    from handlers.meetings import list_meetings

    await query.answer()
    if isinstance(query.message, Message):
        await list_meetings(query.message, member, team, texts, uow)


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
