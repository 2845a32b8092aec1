"""/diagnose: the article's three situations, found in the numbers, with the checks to make
(services.diagnosis finds them, views.diagnosis says them)."""

from __future__ import annotations

from datetime import date

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.arguments import Problem, split_args
from bot.delivery import split_text
from bot.filters import IsMember
from bot.i18n import Texts, toast
from bot.rendering import render, sending_photo
from bot.settings import Settings
from metrics.periods import Period, PeriodError, resolve_period, split_period_words
from services.actions import taken_keys
from services.clock import Now
from services.diagnosis import build_diagnosis, diagnose_subject
from services.subjects import SubjectRefused, resolve_subject
from storage.db import Database
from storage.models import Member, Team
from storage.unit import UnitOfWork
from views.actions import take_rows, with_take_buttons
from views.diagnosis import diagnose_text, drill_down_text, top_finding_png
from views.keyboards import DiagnoseView, diagnosis_keyboard
from views.problems import subject_refused_text
from views.stats import subject_label

router = Router(name=__name__)
router.message.filter(IsMember())
router.callback_query.filter(IsMember())


def _parse(args: str | None, team: Team, texts: Texts) -> tuple[Period, list[str]]:
    words = split_args(args)
    period_text, rest = split_period_words(words)
    try:
        period = resolve_period(period_text or "week", Now.for_team(team).today)
    except PeriodError as error:
        raise Problem(
            f"{texts('period_unknown', value=error.value[:40])}\n{texts('usage_diagnose')}"
        ) from None
    return period, rest


@router.message(Command("diagnose"))
async def diagnose_command(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    db: Database,
    uow: UnitOfWork,
    settings: Settings,
    bot: Bot,
) -> None:
    """Nobody named is everyone for a manager and themselves for a rep (as in /funnel)."""
    try:
        period, words = _parse(command.args, team, texts)
        subject = await resolve_subject(uow, team, member, words)
    except Problem as problem:
        await message.answer(problem.text)
        return
    except SubjectRefused as refused:
        await message.answer(subject_refused_text(texts, refused, "usage_diagnose"))
        return
    today = Now.for_team(team).today
    if period.start > today:
        await message.answer(texts("diag_future", period=period.label(texts.language)))
        return
    answer = await diagnose_subject(db, team, subject, period, today, settings)
    label = texts("diag_subject_all") if answer.everyone else subject_label(subject, team, texts)
    markup = diagnosis_keyboard(answer.diagnosed.period, texts) if member.is_manager else None
    if answer.findings:  # each finding can be taken on (views.actions; handlers.actions)
        taken = await taken_keys(db, team)
        rows = take_rows(answer.diagnosed, answer.findings, texts, taken)
        markup = with_take_buttons(markup, rows)
    chunks = split_text(diagnose_text(answer, label, texts))
    for index, chunk in enumerate(chunks):
        await message.answer(chunk, reply_markup=markup if index == len(chunks) - 1 else None)
    if answer.findings:
        async with sending_photo(bot, message.chat.id, message.message_thread_id):
            png = await render(top_finding_png, answer.diagnosed, answer.findings[0], texts)
            await message.answer_photo(BufferedInputFile(png, filename="diagnosis.png"))


@router.callback_query(DiagnoseView.filter(F.view.in_({"reps", "sources"})))
async def drill_down(
    query: CallbackQuery,
    callback_data: DiagnoseView,
    member: Member,
    team: Team,
    texts: Texts,
    db: Database,
    settings: Settings,
) -> None:
    if not member.is_manager:
        roles = texts.roles(member.sorted_roles())
        await query.answer(toast(texts("managers_only", roles=roles)), show_alert=True)
        return
    try:
        period = Period(
            date.fromisoformat(callback_data.start),
            date.fromisoformat(callback_data.end),
            callback_data.kind,
        )
    except ValueError:
        await query.answer()
        return
    diagnosed = await build_diagnosis(db, team, period, Now.for_team(team).today, settings)
    await query.answer()
    if query.message is not None:
        for chunk in split_text(drill_down_text(diagnosed, callback_data.view, texts)):
            await query.message.answer(chunk)
