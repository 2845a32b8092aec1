"""Action items: «Взять в работу» under a finding (of /diagnose and of the digest), /actions
with Done buttons, /actions assign (services.actions does the work, views.actions says it).

Who may: a manager takes any finding; a rep takes a finding about themselves (it is their
item then). The owner or a manager closes an item; a manager reassigns it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.arguments import split_args
from bot.filters import IsMember
from bot.i18n import Texts, toast
from bot.settings import Settings
from services.actions import (
    CREATED,
    DONE,
    EXISTS,
    REFUSED,
    close_by_hand,
    open_actions,
    reassign,
    take_finding,
)
from services.clock import Now
from services.members import MemberNotFound, member_named
from storage.db import Database
from storage.models import Member, Team
from storage.unit import UnitOfWork
from views.actions import (
    ActionDone,
    TakeFinding,
    actions_messages,
    finding_of,
    item_subject,
    marked_taken,
    taken_text,
)

router = Router(name=__name__)
router.message.filter(IsMember())
router.callback_query.filter(IsMember())

ASSIGN = {"assign", "передать"}


@router.message(Command("actions"))
async def list_actions(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    db: Database,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    """/actions: the open items (a rep's own, the team's for a manager);
    /actions assign <n> @member: a manager gives item n to someone else."""
    words = split_args(command.args)
    if words and words[0].casefold() in ASSIGN:
        await _assign(message, words[1:], member, team, texts, uow)
        return
    if words:
        await message.answer(texts("usage_actions"))
        return
    today = Now.for_team(team).today
    items = await open_actions(db, team, member, today, settings)
    for text, markup in actions_messages(items, member, today, texts):
        await message.answer(text, reply_markup=markup)


async def _assign(
    message: Message, words: list[str], member: Member, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    if not member.is_manager:
        await message.answer(texts("act_assign_managers"))
        return
    number = words[0].removeprefix("#").removeprefix("№") if words else ""
    if len(words) < 2 or not (number.isascii() and number.isdigit()):
        await message.answer(texts("usage_actions"))
        return
    who = " ".join(words[1:])
    try:
        async with uow.read() as conn:
            owner = await member_named(conn, team, who)
    except MemberNotFound:
        await message.answer(texts("act_assign_unknown", who=who[:40]))
        return
    item = await reassign(uow, team, int(number), owner)
    if item is None:
        await message.answer(texts("act_assign_missing", item_id=int(number)))
        return
    await message.answer(texts("act_assigned", item_id=item.id, owner=owner.display_name))


@router.callback_query(TakeFinding.filter())
async def take(
    query: CallbackQuery,
    callback_data: TakeFinding,
    member: Member,
    team: Team,
    texts: Texts,
    db: Database,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    ref = finding_of(callback_data)
    if ref is None:
        await query.answer()
        return
    taken = await take_finding(db, uow, team, member, ref, settings, Now.for_team(team).utc)
    if taken.outcome == REFUSED:
        await query.answer(toast(texts("act_refused")), show_alert=True)
        return
    if taken.item is None or taken.owner is None:  # the finding is gone
        await query.answer(toast(texts("act_gone")), show_alert=True)
        return
    item, owner = taken.item, taken.owner
    if taken.outcome == CREATED:
        await query.answer(toast(texts("act_created_toast", item_id=item.id)))
    elif taken.outcome == EXISTS:
        await query.answer(
            toast(texts("act_exists_toast", item_id=item.id, owner=owner.display_name))
        )
    if not isinstance(query.message, Message):
        return
    markup = marked_taken(
        query.message.reply_markup,
        query.data or "",
        callback_data.o,
        item_subject(item, texts),
        texts,
    )
    if markup is not None:
        await query.message.edit_reply_markup(reply_markup=markup)
    if taken.outcome == CREATED:
        await query.message.answer(taken_text(item, owner, texts))


@router.callback_query(ActionDone.filter())
async def done(
    query: CallbackQuery,
    callback_data: ActionDone,
    member: Member,
    team: Team,
    texts: Texts,
    db: Database,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    now = Now.for_team(team)
    closed = await close_by_hand(uow, team, member, callback_data.item_id, now.utc)
    if closed.outcome == REFUSED:
        await query.answer(toast(texts("act_done_refused")), show_alert=True)
        return
    if closed.outcome != DONE:
        await query.answer(toast(texts("act_done_gone")))
        return
    await query.answer(toast(texts("act_done_toast", item_id=callback_data.item_id)))
    if isinstance(query.message, Message):
        items = await open_actions(db, team, member, now.today, settings)
        text, markup = actions_messages(items, member, now.today, texts)[-1]
        await query.message.edit_text(text, reply_markup=markup)
