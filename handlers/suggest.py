"""/setplan <role|@member> <metric> suggest (managers): a suggested daily plan from the
history, with Apply / Cancel buttons. Its router comes before the plans router, so
/setplan without the word ``suggest`` goes on to the typed /setplan."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.arguments import Problem, parse_role, split_args
from bot.filters import IsManager, IsMember
from bot.i18n import Texts, toast
from bot.settings import Settings
from metrics.registry import metric_named
from services.clock import Now
from services.members import MemberNotFound, member_named
from services.plans import plannable_for
from services.suggest import resolve_suggestion, suggest_plan
from storage.models import Member, Team
from storage.unit import UnitOfWork
from views.keyboards import SuggestAction
from views.plans import setplan_done
from views.suggest import suggestion_keyboard, suggestion_text

router = Router(name=__name__)
router.message.filter(IsManager())
router.callback_query.filter(IsMember())

SUGGEST_WORDS = frozenset({"suggest", "предложи", "предложить", "подбери", "подобрать"})


def asks_suggestion(message: Message, command: CommandObject) -> bool:
    """``/setplan ... suggest``: the last word asks for a suggestion."""
    words = split_args(command.args)
    return bool(words) and words[-1].casefold() in SUGGEST_WORDS


def _wrong(texts: Texts, key: str, **values: object) -> Problem:
    """What was wrong, then a correct example."""
    return Problem(f"{texts(key, **values)}\n{texts('usage_suggest')}")


async def _subject(
    words: list[str], team: Team, texts: Texts, uow: UnitOfWork
) -> tuple[str | None, Member | None, str]:
    """The role or the member of ``/setplan <role|@member> <metric> suggest``, and the
    metric, checked as a typed /setplan checks them; :class:`Problem` when wrong."""
    if len(words) != 3:
        raise Problem(texts("usage_suggest"))
    role = parse_role(words[0])
    member = None
    if role is None:
        try:
            async with uow.read() as conn:
                member = await member_named(conn, team, words[0])
        except MemberNotFound:
            raise _wrong(texts, "member_not_found", query=words[0][:60]) from None
    metric = metric_named(words[1]) or words[1].casefold()
    allowed = plannable_for({role} if role else set(member.roles if member else ()))
    if metric not in allowed:
        subject = texts.role(role) if role else member.display_name  # type: ignore[union-attr]
        raise _wrong(
            texts,
            "setplan_bad_metric",
            metric=metric[:48],
            subject=subject,
            metrics=", ".join(allowed) or "—",
        )
    return role, member, metric


@router.message(Command("setplan"), asks_suggestion)
async def suggest(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    try:
        role, whom, metric = await _subject(split_args(command.args), team, texts, uow)
    except Problem as problem:
        await message.answer(problem.text)
        return
    found = await suggest_plan(
        uow,
        team,
        metric,
        role=role,
        member=whom,
        today=Now.for_team(team).today,
        settings=settings,
        created_by=member.id,
    )
    await message.answer(
        suggestion_text(found, texts), reply_markup=suggestion_keyboard(found, texts)
    )


@router.callback_query(SuggestAction.filter(), IsManager())
async def apply_or_cancel(
    query: CallbackQuery,
    callback_data: SuggestAction,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    """The first tap applies (as a typed /setplan) or cancels and removes the buttons; a
    later one changes nothing and says so."""
    done = await resolve_suggestion(
        uow, team, callback_data.suggestion_id, callback_data.action, member.id
    )
    if done.outcome == "applied" and done.rule is not None:
        subject = done.subject.display_name if done.subject else texts.role(done.rule.role or "")
        reply = setplan_done(done.rule, subject, texts)
    elif done.outcome == "cancelled":
        reply = texts("suggest_cancelled")
    else:
        await query.answer(toast(texts(f"suggest_{done.outcome}")), show_alert=True)
        return
    await query.answer(toast(reply))
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await query.message.answer(reply)


@router.callback_query(SuggestAction.filter())
async def not_a_manager(query: CallbackQuery, texts: Texts) -> None:
    """A rep taps Apply or Cancel (in a group, say): nothing changes."""
    await query.answer(toast(texts("suggest_managers_only")), show_alert=True)
