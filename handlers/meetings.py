"""/meeting set|confirm|held|noshow|cancel, /meetings, and the meeting buttons."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.arguments import Problem, client_label, split_args
from bot.filters import IsMember
from bot.i18n import Texts, pick_language, shorten, toast
from bot.parsing import (
    ParseError,
    extract_day,
    extract_meeting_ref,
    extract_meeting_time,
    extract_work_day,
)
from bot.replies import REFUSALS, problem_text, reply_saved
from bot.settings import Settings
from metrics.grammar import fold, looks_like_clock
from services.clock import Now
from services.meetings import names_of, open_meetings
from services.members import find_members
from services.sources import take_source
from storage import journal
from storage.journal import Entry, Meeting, Refused
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork
from views.entries import describe_entry, meeting_card, meetings_list
from views.keyboards import MeetingAction, meeting_keyboard, undo_keyboard, with_undo
from views.problems import refusal_text

log = logging.getLogger(__name__)

router = Router(name=__name__)
router.message.filter(IsMember())
router.callback_query.filter(IsMember())

ACTIONS = {
    "set": "set",
    "назначить": "set",
    "назначена": "set",
    "confirm": "confirmed",
    "confirmed": "confirmed",
    "подтвердить": "confirmed",
    "подтверждена": "confirmed",
    "held": "held",
    "hold": "held",
    "done": "held",
    "проведена": "held",
    "провели": "held",
    "провёл": "held",
    "провел": "held",
    "noshow": "no_show",
    "no-show": "no_show",
    "no_show": "no_show",
    "неявка": "no_show",
    "непришел": "no_show",
    "не_пришел": "no_show",
    "cancel": "cancelled",
    "cancelled": "cancelled",
    "отмена": "cancelled",
    "отменить": "cancelled",
    "отменена": "cancelled",
}


def find_hunter(
    tokens: list[str], team_members: list[Member], texts: Texts
) -> tuple[Member | None, list[str]]:
    """``@anna`` (must be a hunter), or a token that is a hunter's first name."""
    hunters = [m for m in team_members if m.active and "hunter" in m.roles]
    for index, token in enumerate(tokens):
        if token.startswith("@"):
            found = find_members(hunters, token)
            if len(found) != 1:
                names = ", ".join(m.display_name for m in hunters) or "—"
                raise Problem(texts("hunter_unknown", name=shorten(token, 40), hunters=names))
            return found[0], tokens[:index] + tokens[index + 1 :]
    for index, token in enumerate(tokens):
        word = token.casefold()
        found = [m for m in hunters if m.display_name.split()[0].casefold() == word]
        if len(found) == 1:
            return found[0], tokens[:index] + tokens[index + 1 :]
    return None, tokens


async def _set_meeting(
    message: Message,
    tokens: list[str],
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    now = Now.for_team(team)
    day = None
    # "yesterday" or a past date without a time backdates the setting itself;
    # a future date, or a date with a time, is when the meeting is scheduled
    try:
        past_day, rest = extract_day(tokens, now.today, settings.backdate_days)
    except ParseError as error:
        if error.code != "day_in_future":
            raise
        past_day, rest = None, tokens
    if past_day is not None and past_day < now.today and not any(looks_like_clock(t) for t in rest):
        day, tokens = past_day, rest
    local_now = now.utc.astimezone(ZoneInfo(team.timezone))
    scheduled, tokens = extract_meeting_time(tokens, local_now)
    async with uow.write() as conn:
        team_members = await MembersRepo(conn).list_team(team.id)
        hunter, tokens = find_hunter(tokens, team_members, texts)
        source, tokens = await take_source(conn, team, tokens)
        client = client_label(tokens, texts)
        if client is None:
            raise Problem(texts("meeting_client_missing"))
        entry, meeting = await journal.set_meeting(
            conn,
            team,
            member,
            occurred_at=journal.instant_on(team, day, now.utc),
            client=client,
            source_id=source.id if source else None,
            hunter=hunter,
            scheduled_at=scheduled,
        )
    await message.answer(
        texts("saved", name=member.display_name, entry=describe_entry(entry, team, texts)),
        reply_markup=with_undo(meeting_keyboard(meeting, texts), entry, texts),
    )
    if hunter is not None and hunter.id != member.id:
        await _tell_hunter(bot, hunter, member, meeting, team, team_members)


async def _tell_hunter(
    bot: Bot,
    hunter: Member,
    setter: Member,
    meeting: Meeting,
    team: Team,
    team_members: list[Member],
) -> None:
    texts = Texts(pick_language(hunter.language, hunter.tg_language, team.language, team.language))
    card = meeting_card(meeting, team, texts, names_of(team_members))
    try:
        await bot.send_message(
            hunter.tg_user_id,
            f"{texts('meeting_for_hunter', setter=setter.display_name)}\n\n{card}",
            reply_markup=meeting_keyboard(meeting, texts),
        )
    except Exception as exc:  # a hunter who never opened the bot: the meeting is saved anyway
        log.info("could not notify hunter", extra={"member_id": hunter.id, "reason": str(exc)})


async def _transition(
    uow: UnitOfWork,
    member: Member,
    team: Team,
    meeting_id: int,
    event: str,
    day_tokens: list[str],
    settings: Settings,
) -> Entry:
    now = Now.for_team(team)
    day, rest = extract_work_day(day_tokens, now.today, settings.backdate_days)
    if rest:
        raise ParseError("bad_day", " ".join(rest))
    async with uow.write() as conn:
        entry, _meeting = await journal.transition_meeting(
            conn,
            team,
            member,
            meeting_id=meeting_id,
            event=event,
            occurred_at=journal.instant_on(team, day, now.utc),
        )
    return entry


@router.message(Command("meeting"))
async def meeting_command(
    message: Message,
    command: CommandObject,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    tokens = split_args(command.args)
    action = ACTIONS.get(fold(tokens[0])) if tokens else None
    try:
        if action is None:
            raise Problem(f"{texts('meeting_unknown_action')}\n{texts('usage_meeting')}")
        if action == "set":
            await _set_meeting(message, tokens[1:], bot, member, team, texts, uow, settings)
            return
        meeting_id, rest = extract_meeting_ref(tokens[1:])
        if meeting_id is None and rest and rest[0].isascii() and rest[0].isdigit():
            meeting_id, rest = int(rest[0]), rest[1:]
        if meeting_id is None:
            raise Problem(f"{texts('meeting_number_missing')}\n{texts('usage_meeting')}")
        entry = await _transition(uow, member, team, meeting_id, action, rest, settings)
    except REFUSALS as error:
        await message.answer(problem_text(texts, error, "usage_meeting"))
        return
    await reply_saved(message, entry, member, team, texts)


@router.callback_query(MeetingAction.filter())
async def meeting_button(
    query: CallbackQuery,
    callback_data: MeetingAction,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    if callback_data.event not in {"confirmed", "held", "no_show", "cancelled"}:
        await query.answer()
        return
    try:
        entry = await _transition(
            uow, member, team, callback_data.meeting_id, callback_data.event, [], settings
        )
    except Refused as refused:
        await query.answer(toast(refusal_text(texts, refused)), show_alert=True)
        return
    line = describe_entry(entry, team, texts)
    await query.answer(toast(texts("log_saved_toast", entry=line)))
    if isinstance(query.message, Message):
        await query.message.answer(
            texts("saved", name=member.display_name, entry=line),
            reply_markup=undo_keyboard(entry, texts),
        )


@router.message(Command("meetings"))
async def list_meetings(
    message: Message, member: Member, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    found = await open_meetings(uow, team, member)
    text, markup = meetings_list(found.meetings, found.names, team, texts)
    await message.answer(text, reply_markup=markup)
