"""Digests (managers): /digest previews the team's digest of a day, week or month, exactly
as the scheduled delivery sends it; /digest me turns private copies on or off."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.delivery import Delivery
from bot.filters import IsManager
from bot.i18n import Texts
from bot.rendering import sending_photo
from bot.schedule import DIGEST_KINDS, digest_period
from bot.settings import Settings
from metrics.grammar import parse_switch
from metrics.periods import current_kind
from services.clock import Now
from services.digest import build_digest
from services.empty import empty_state, subject_logged_nothing
from services.subjects import TEAM
from storage.db import Database
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork
from views.digest import render_digest
from views.empty import empty_text

router = Router(name=__name__)
router.message.filter(IsManager())


ME = {"me", "мне", "я"}


@router.message(Command("digest", magic=F.args.func(lambda args: _first_word(args) in ME)))
async def private_copies(
    message: Message, command: CommandObject, member: Member, texts: Texts, uow: UnitOfWork
) -> None:
    """/digest me: this manager also gets every digest privately; /digest me off: not."""
    words = (command.args or "").split()
    on = len(words) == 1
    if len(words) > 2 or (len(words) == 2 and parse_switch(words[1]) is not False):
        await message.answer(texts("usage_digest_me"))
        return
    async with uow.write() as conn:
        await MembersRepo(conn).set_digest_private(member.id, on)
    await message.answer(texts("digest_me_on" if on else "digest_me_off"))


def _first_word(args: str | None) -> str | None:
    words = (args or "").split()
    return words[0].casefold() if words else None


@router.message(Command("digest"))
async def preview_digest(
    message: Message,
    command: CommandObject,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    db: Database,
    settings: Settings,
) -> None:
    kind = current_kind(command.args or "day")
    if kind not in DIGEST_KINDS:
        await message.answer(texts("usage_digest"))
        return
    # the day so far; the last full week or month, as the scheduled digest sends them
    period = digest_period(kind, Now.for_team(team).today)
    if await subject_logged_nothing(db, team, TEAM, period, settings):
        # what to do to see a digest; the scheduled one still goes out as it is
        state = await empty_state(db, team, member, TEAM, period)
        await message.answer(empty_text(state, texts))
        return
    thread = message.message_thread_id if message.is_topic_message else None
    async with sending_photo(bot, message.chat.id, thread):
        data = await build_digest(db, team, kind, period, settings)
        digest = await render_digest(data, team, texts)
        for index, part in enumerate(digest.texts):
            last = index == len(digest.texts) - 1
            await message.answer(part, reply_markup=digest.markup if last else None)
        # the album the scheduled digest sends, through the same code
        await Delivery(bot).send_album(
            message.chat.id,
            digest.photos,
            digest.caption,
            filename="digest.png",
            message_thread_id=thread,
        )
