"""Duplicate deliveries, errors inside handlers, concurrent updates."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from storage.tables import invites, processed_updates
from storage.unit import UnitOfWork
from tests.support import factories as f


async def count(db, table) -> int:
    async with db.read() as conn:
        return (await conn.execute(sa.select(sa.func.count()).select_from(table))).scalar()


async def test_same_update_delivered_twice_is_handled_once(chat, admin, db):
    await chat.send(admin, "/start")
    update = f.message_update(admin, "/invite sdr")
    await chat.feed(update)
    await chat.feed(update)  # Telegram re-sends after a crash
    assert await count(db, invites) == 1
    replies = [t for t in chat.bot.texts_to(admin["id"]) if "t.me" in t]
    assert len(replies) == 1


async def test_handler_error_rolls_back_and_apologises(chat, admin, db, dp):
    broken = Router(name="broken")

    @broken.message(Command("boom"))
    async def boom(message: Message, uow: UnitOfWork, team) -> None:
        async with uow.write() as conn:
            await conn.execute(
                invites.insert().values(
                    team_id=team.id,
                    code="half-done",
                    role="sdr",
                    created_at=sa.func.now(),
                    expires_at=sa.func.now(),
                )
            )
            raise RuntimeError("disk on fire")

    dp.include_router(broken)
    group = f.group_chat(-300)
    update = f.message_update(admin, "/boom", chat=group)
    await chat.feed(update)
    apology = "Что-то пошло не так, ничего не сохранено. Попробуйте ещё раз через минуту."
    assert chat.bot.texts_to(-300) == [apology]
    assert await count(db, invites) == 0
    # the update is remembered, so a re-delivery does not fail (and apologise) again
    async with db.read() as conn:
        ids = (await conn.execute(sa.select(processed_updates.c.update_id))).scalars().all()
    assert update.update_id in ids
    await chat.feed(update)
    assert chat.bot.texts_to(-300) == [apology]
    # and the bot keeps working
    assert "Olga" in await chat.send(admin, "/start")


async def test_concurrent_updates_all_land(chat, admin, db):
    await chat.send(admin, "/start")
    updates = [f.message_update(admin, "/invite hunter") for _ in range(20)]
    await asyncio.gather(*(chat.feed(u) for u in updates))
    assert await count(db, invites) == 20


async def test_concurrent_duplicate_is_recorded_once(chat, admin, db):
    await chat.send(admin, "/start")
    update = f.message_update(admin, "/invite farmer")
    await asyncio.gather(*(chat.feed(update) for _ in range(5)))
    assert await count(db, invites) == 1


async def test_a_database_that_does_not_answer_gets_an_apology_not_silence(
    chat, admin, monkeypatch
):
    """Under overload the connection pool may time out before anything is read: the user
    is told nothing was saved (in their Telegram language), and nothing was."""
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    async def pool_timeout(self) -> bool:
        raise PoolTimeout("QueuePool limit reached, connection timed out")

    monkeypatch.setattr(UnitOfWork, "already_processed", pool_timeout)
    english = f.user(4242, "Mary", language_code="en")
    await chat.feed(f.message_update(english, "/call 75s"))
    assert chat.bot.texts_to(4242) == [
        "Something went wrong, nothing was saved. Please try again in a minute."
    ]
    await chat.feed(f.message_update(admin, "/start"))
    assert chat.bot.texts_to(admin["id"]) == [
        "Что-то пошло не так, ничего не сохранено. Попробуйте ещё раз через минуту."
    ]
