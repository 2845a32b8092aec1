"""/setup (managers): the team's setup, one question at a time, resumable.

The step machine is ``services.setup``, the questions are ``views.setup``. The progress
lives in the database (``teams.setup_step``), not in aiogram's memory: a typed message
goes to the wizard only while the team waits at a step that takes text, and commands
are never taken.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import timedelta

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, Filter
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.deep_linking import create_start_link

from bot.filters import IsManager
from bot.i18n import Html, Texts, toast
from bot.jobs import Jobs
from bot.settings import Settings
from services import setup
from services.setup import SetupError
from storage.models import Member, Team
from storage.sources import SourceError
from storage.unit import UnitOfWork
from views.keyboards import SETUP_START, SetupAnswer
from views.setup import question_view, revisit_keyboard, saved_text, summary_text

router = Router(name=__name__)
router.message.filter(IsManager())
router.callback_query.filter(IsManager())

# the answers that change when the team's digests are due
RESCHEDULES = frozenset({"timezone", "workdays", "digest_time"})


class DuringSetup(Filter):
    """A plain message (not a command) in a private chat while the team's setup is under
    way: the answer to a step that takes text, or a hint to use the buttons."""

    async def __call__(self, message: Message, team: Team) -> bool:
        return (
            message.chat.type == "private"
            and bool(message.text)
            and not (message.text or "").startswith("/")
            and setup.in_progress(team.setup_step)
        )


async def ask(
    bot: Bot,
    chat_id: int,
    uow: UnitOfWork,
    team: Team,
    member: Member,
    texts: Texts,
    settings: Settings,
    before: str | None = None,
) -> None:
    """Send the question of the team's current step (the summary when it is done), after
    ``before`` (what the last answer saved)."""
    parts = [before] if before else []
    markup: InlineKeyboardMarkup | None = None
    if team.setup_step == setup.DONE:
        parts.append(summary_text(await setup.summary(uow, team.id), texts))
    else:
        ttl = timedelta(days=settings.invite_ttl_days)
        question = await setup.question(uow, team, member, ttl)
        links = {i.code: await create_start_link(bot, i.code) for i in question.invites}
        text, markup = question_view(question, texts, links=links)
        parts.append(text)
    await bot.send_message(
        chat_id, "\n\n".join(parts), reply_markup=markup, disable_web_page_preview=True
    )


@router.message(Command("setup"), F.chat.type != "private")
async def setup_in_group(message: Message, texts: Texts) -> None:
    await message.answer(texts("setup_in_private"))


async def _start(
    bot: Bot, chat_id: int, uow: UnitOfWork, team: Team, member: Member, texts: Texts, s: Settings
) -> None:
    """/setup and the first /start's button: start, resume, or offer to go through again."""
    resuming = setup.in_progress(team.setup_step)
    team = await setup.begin(uow, team)
    if team.setup_step == setup.DONE:
        summary = summary_text(await setup.summary(uow, team.id), texts)
        text = Html(f"{summary}\n\n{texts('setup_already_done')}")
        await bot.send_message(chat_id, text, reply_markup=revisit_keyboard(texts))
        return
    before = texts("setup_resume") if resuming else None
    await ask(bot, chat_id, uow, team, member, texts, s, before)


@router.message(Command("setup"))
async def setup_command(
    message: Message,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    await _start(bot, message.chat.id, uow, team, member, texts, settings)


@router.callback_query(F.data == SETUP_START)
async def setup_button(
    query: CallbackQuery,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    if query.message is None or query.message.chat.type != "private":
        await query.answer(toast(texts("setup_in_private")), show_alert=True)
        return
    await query.answer()
    await _start(bot, query.message.chat.id, uow, team, member, texts, settings)


@router.callback_query(SetupAnswer.filter())
async def button_answer(
    query: CallbackQuery,
    callback_data: SetupAnswer,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
    jobs: Jobs,
) -> None:
    message = query.message
    step, action = team.setup_step, callback_data.action
    if not isinstance(message, Message) or message.chat.type != "private":
        await query.answer(toast(texts("setup_in_private")), show_alert=True)
        return
    if action == "again" and step == setup.DONE:
        team = await setup.begin(uow, team, again=True)
    elif step is None or setup.base_step(step) != callback_data.step:
        await query.answer(toast(texts("setup_stale")))
        if setup.in_progress(step):
            await ask(bot, message.chat.id, uow, team, member, texts, settings)
        return
    elif action == "toggle":
        await _toggle(query, message, callback_data.value, team, texts)
        return
    try:
        team, before = await _apply(uow, team, member, texts, action, callback_data.value)
    except SetupError as error:
        key = f"setup_err_{error.code}"
        text = texts(key, **error.values) if texts.has(key) else texts("setup_stale")
        await query.answer(toast(text), show_alert=True)
        return
    await query.answer()
    if step in RESCHEDULES and action == "pick":
        await jobs.reschedule(team.id)
    with suppress(TelegramBadRequest):  # the answer is saved: an old keyboard may stay
        await message.edit_reply_markup(reply_markup=None)
    await ask(bot, message.chat.id, uow, team, member, texts, settings, before)


async def _toggle(
    query: CallbackQuery, message: Message, value: str, team: Team, texts: Texts
) -> None:
    """A weekday switched on or off: the question is edited, nothing is saved until Done."""
    try:
        days = setup.parse_days(value)
    except SetupError:
        await query.answer(toast(texts("setup_err_no_days")), show_alert=True)
        return
    await query.answer()
    text, markup = question_view(setup.Question("workdays", team), texts, days=days)
    with suppress(TelegramBadRequest):  # "not modified": the same day tapped twice at once
        await message.edit_text(text, reply_markup=markup)


async def _apply(
    uow: UnitOfWork, team: Team, member: Member, texts: Texts, action: str, value: str
) -> tuple[Team, str | None]:
    """Carry out a button of the current step; the team after it and what to say first."""
    step = team.setup_step or setup.FIRST
    if action == "again":
        return team, None
    if action == "skip":
        return await setup.skip(uow, team), texts("setup_skipped")
    if action == "back":
        return await setup.go_to(uow, team.id, setup.previous_step(step)), None
    if action == "edit" and step == "plan" and value in setup.PLAN_METRICS:
        return await setup.go_to(uow, team.id, setup.PLAN_EDIT + value), None
    if action == "accept" and step == "plan":
        return await setup.save(uow, team, member, None), texts("setup_saved_plan")
    if action != "pick":
        raise SetupError("not_a_choice")
    saved = await setup.save(uow, team, member, setup.parse_pick(step, value))
    return saved, saved_text(step, saved, texts)


@router.message(DuringSetup())
async def typed_answer(
    message: Message,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
    jobs: Jobs,
) -> None:
    step = team.setup_step or setup.FIRST
    if not setup.takes_text(step):  # a question answered with buttons: show it again
        await ask(bot, message.chat.id, uow, team, member, texts, settings, texts("setup_buttons"))
        return
    try:
        saved = await setup.save(uow, team, member, setup.parse_typed(step, message.text or ""))
    except SetupError as error:
        await message.answer(texts(f"setup_err_{error.code}", **error.values))
        return
    except SourceError as error:
        values = {k: str(v)[:64] for k, v in error.values.items()}
        await message.answer(
            Html(f"{texts(error.code, **values)}\n{texts('setup_sources_nothing_saved')}")
        )
        return
    if step in RESCHEDULES:
        await jobs.reschedule(saved.id)
    before = saved_text(step, saved, texts, metric=setup.editing_metric(step))
    await ask(bot, message.chat.id, uow, saved, member, texts, settings, before)
