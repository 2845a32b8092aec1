"""/trend [metric...] [@member|source]: the last 12 weeks against the plan, as a chart."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.arguments import leading_metrics, split_args
from bot.filters import IsMember
from bot.i18n import Texts
from bot.rendering import render, sending_photo
from bot.settings import Settings
from services.clock import Now
from services.subjects import SubjectRefused, resolve_subject
from services.trend import TrendRefused, subject_metrics, weekly_trend
from storage.models import Member, Team
from storage.unit import UnitOfWork
from views.trend import trend_caption, trend_png, trend_problem_text

router = Router(name=__name__)
router.message.filter(IsMember())


@router.message(Command("trend"))
async def trend(
    message: Message,
    command: CommandObject,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    keys, words = leading_metrics(split_args(command.args))
    try:
        subject = await resolve_subject(uow, team, member, words)
        metrics = subject_metrics(keys, subject)
    except (SubjectRefused, TrendRefused) as refused:
        await message.answer(trend_problem_text(texts, refused))
        return
    async with sending_photo(bot, message.chat.id, message.message_thread_id):
        found = await weekly_trend(
            uow, team, subject, metrics, today=Now.for_team(team).today, settings=settings
        )
        png = await render(trend_png, found, team, texts)
        await message.answer_photo(
            BufferedInputFile(png, filename="trend.png"), caption=trend_caption(found, team, texts)
        )
