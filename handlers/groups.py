"""The bot in group chats: who may add it, and groups upgraded to supergroups."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import JOIN_TRANSITION, LEAVE_TRANSITION, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated, Message

from bot.filters import IsManager
from bot.i18n import Texts
from storage.repos import TeamsRepo
from storage.unit import UnitOfWork

log = logging.getLogger(__name__)

router = Router(name=__name__)
router.my_chat_member.filter(F.chat.type.in_({"group", "supergroup"}))


@router.my_chat_member(ChatMemberUpdatedFilter(JOIN_TRANSITION), IsManager())
async def added_by_manager(event: ChatMemberUpdated, bot: Bot, texts: Texts) -> None:
    await bot.send_message(event.chat.id, texts("group_hello_manager"))


@router.my_chat_member(ChatMemberUpdatedFilter(JOIN_TRANSITION))
async def added_by_someone_else(event: ChatMemberUpdated, bot: Bot, texts: Texts) -> None:
    log.info("added to a group by a non-manager; leaving", extra={"chat_id": event.chat.id})
    await bot.send_message(event.chat.id, texts("group_not_allowed"))
    await bot.leave_chat(event.chat.id)


@router.my_chat_member(ChatMemberUpdatedFilter(LEAVE_TRANSITION))
async def removed_from_group(event: ChatMemberUpdated, uow: UnitOfWork) -> None:
    async with uow.write() as conn:
        cleared = await TeamsRepo(conn).clear_chat(event.chat.id)
    if cleared:
        log.info("removed from a digest chat", extra={"chat_id": event.chat.id})


@router.message(F.migrate_to_chat_id)
async def group_migrated(message: Message, uow: UnitOfWork) -> None:
    """A group became a supergroup: its id changed, the team follows it."""
    assert message.migrate_to_chat_id is not None
    async with uow.write() as conn:
        await TeamsRepo(conn).migrate_chat(message.chat.id, message.migrate_to_chat_id)


@router.message(F.migrate_from_chat_id)
async def supergroup_created(message: Message, uow: UnitOfWork) -> None:
    assert message.migrate_from_chat_id is not None
    async with uow.write() as conn:
        await TeamsRepo(conn).migrate_chat(message.migrate_from_chat_id, message.chat.id)
