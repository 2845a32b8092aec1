"""The numbers: /funnel, /stats, /top, /report, /settop (/sources <period> is in sources)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.arguments import Problem, Request, parse_request
from bot.filters import IsManager, IsMember
from bot.i18n import Texts
from bot.rendering import render, sending_photo
from bot.settings import Settings
from metrics.grammar import parse_switch
from metrics.report import report_csv
from services import report as report_service
from services import stats as stats_service
from services.empty import empty_state
from services.subjects import Subject, SubjectRefused, resolve_subject
from storage.models import Member, Team
from storage.repos import TeamsRepo
from storage.unit import UnitOfWork
from views.empty import empty_text
from views.problems import subject_refused_text
from views.report import report_caption, report_stem, report_xlsx
from views.stats import funnel_caption, funnel_png, stats_text, top_text

router = Router(name=__name__)
router.message.filter(IsMember())


async def _asked(
    message: Message,
    args: str | None,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    name: str,
) -> tuple[Request, Subject] | None:
    """The period and whose numbers ``/<name> [period] [cohort] [@member|source]`` asks
    for; None after telling the user what was wrong."""
    usage = f"usage_{name}"
    try:
        request = parse_request(args, team, texts, usage)
        subject = await resolve_subject(uow, team, member, request.words)
    except Problem as problem:
        await message.answer(problem.text)
        return None
    except SubjectRefused as refused:
        await message.answer(subject_refused_text(texts, refused, usage))
        return None
    return request, subject


@router.message(Command("funnel"))
async def funnel(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    asked = await _asked(message, command.args, member, team, texts, uow, "funnel")
    if asked is None:
        return
    request, subject = asked
    # the period's counts and the cohort's funnel, whatever the mode asked: the chart
    # shows both (in cohort mode calls and leads count as in period mode anyway)
    numbers = await stats_service.funnel_numbers(uow, team, subject, request.period, settings)
    if numbers.nothing_logged:  # what to do to see a funnel, not a chart of zeros
        state = await empty_state(uow, team, member, subject, request.period)
        await message.answer(empty_text(state, texts))
        return
    thread = message.message_thread_id if message.is_topic_message else None
    async with sending_photo(message.bot, message.chat.id, thread):
        png = await render(funnel_png, numbers, team, texts)
        await message.answer_photo(
            BufferedInputFile(png, filename="funnel.png"),
            caption=funnel_caption(numbers, team, texts)[:1024],
        )


@router.message(Command("stats"))
async def stats(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    asked = await _asked(message, command.args, member, team, texts, uow, "stats")
    if asked is None:
        return
    request, subject = asked
    # a member's typed vs verified calls are never posted in a group chat
    private = message.chat.type == "private"
    found = await stats_service.stats(
        uow, team, subject, request.period, request.mode, settings, private=private
    )
    if found.numbers.nothing_logged:  # what to do to see numbers, not a table of zeros
        state = await empty_state(uow, team, member, subject, request.period)
        await message.answer(empty_text(state, texts))
        return
    await message.answer(stats_text(found, team, texts))


@router.message(Command("top"))
async def top(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    if not member.is_manager and not team.reps_see_top:
        await message.answer(texts("top_hidden"))
        return
    try:
        request = parse_request(command.args, team, texts, "usage_top")
    except Problem as problem:
        await message.answer(problem.text)
        return
    rankings = await stats_service.top(uow, team, request.period, request.mode, settings)
    label = request.period.label(texts.language)
    await message.answer(top_text(rankings, label, team, texts)[:4096])


@router.message(Command("settop"), IsManager())
async def set_top_visibility(
    message: Message, command: CommandObject, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    visible = parse_switch(command.args or "")
    if visible is None:
        await message.answer(texts("usage_settop"))
        return
    async with uow.write() as conn:
        await TeamsRepo(conn).set_reps_see_top(team.id, visible)
    await message.answer(texts("top_visibility_on" if visible else "top_visibility_off"))


@router.message(Command("report"), IsManager())
async def report(
    message: Message,
    command: CommandObject,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    try:
        request = parse_request(command.args, team, texts, "usage_report")
    except Problem as problem:
        await message.answer(problem.text)
        return
    data = await report_service.report(uow, team, request.period, request.mode, settings)
    stem = report_stem(request.period)
    await message.answer_document(
        BufferedInputFile(report_csv(data).encode("utf-8"), filename=f"{stem}.csv"),
        caption=report_caption(team, request.period, request.mode, texts),
    )
    xlsx = await render(report_xlsx, data, texts, team.currency)
    await message.answer_document(BufferedInputFile(xlsx, filename=f"{stem}.xlsx"))
