"""The scorecard: /score [today|week|month] [@member] for everyone; /setweight for managers."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import Problem, parse_role, split_args
from bot.filters import IsManager, IsMember
from bot.i18n import Html, Texts, shorten
from bot.settings import Settings
from metrics.periods import current_kind, split_period_words
from metrics.plans import PLANNABLE, ROLE_ORDER
from metrics.registry import metric_named
from metrics.score import ScoreError, parse_weight
from services.clock import Now
from services.members import MemberNotFound, member_named
from services.score import member_score, set_weight, team_scores, team_weights
from storage.models import Member, Team
from storage.unit import UnitOfWork
from views.score import member_score_text, team_scores_text, weight_set_text, weights_text

router = Router(name=__name__)
router.message.filter(IsMember())

SCORE_KINDS = ("day", "week", "month")


async def _whom(
    uow: UnitOfWork, team: Team, member: Member, words: list[str], texts: Texts
) -> Member | None:
    """The member asked about: the sender, or (a manager only) the one ``words`` name;
    None: a manager asking for every rep."""
    if not words:
        return None if member.is_manager else member
    if not member.is_manager:
        raise Problem(texts("only_own_numbers"))
    query = " ".join(words)
    try:
        async with uow.read() as conn:
            return await member_named(conn, team, query)
    except MemberNotFound:
        raise Problem(texts("member_not_found", query=shorten(query, 60))) from None


@router.message(Command("score"))
async def score(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    period_words, rest = split_period_words(split_args(command.args))
    kind = "day" if period_words is None else current_kind(period_words)
    if kind not in SCORE_KINDS:
        await message.answer(texts("usage_score"))
        return
    try:
        whom = await _whom(uow, team, member, rest, texts)
    except Problem as problem:
        await message.answer(problem.text)
        return
    today = Now.for_team(team).today
    if whom is None:
        found = await team_scores(uow, team, kind, today, settings)
        await message.answer(team_scores_text(found, texts))
        return
    # a member without a rep role (a manager named) has no plan: the reply says so
    card = await member_score(uow, team, whom, kind, today, settings)
    await message.answer(member_score_text(card, texts, team.currency))


def _role(word: str, texts: Texts) -> str:
    role = parse_role(word)
    if role not in PLANNABLE:
        raise Problem(texts("setweight_bad_role", value=shorten(word, 40)))
    return role


async def _set_weight(
    words: list[str], member: Member, team: Team, texts: Texts, uow: UnitOfWork
) -> Html:
    if not words:
        return Html(weights_text(ROLE_ORDER, await team_weights(uow, team), texts))
    role = _role(words[0], texts)
    if len(words) == 1:
        return Html(weights_text((role,), await team_weights(uow, team), texts))
    if len(words) == 2:
        raise Problem(texts("usage_setweight"))
    named = " ".join(words[1:-1])
    metric = metric_named(named) or named.casefold()
    if metric not in PLANNABLE[role]:
        raise Problem(
            texts(
                "setweight_bad_metric",
                role=texts.role(role),
                metric=shorten(named, 48),
                metrics=", ".join(PLANNABLE[role]),
            )
        )
    weight = parse_weight(words[-1])
    before = await set_weight(uow, team, role, metric, weight, member)
    return Html(weight_set_text(role, metric, weight, before, texts))


@router.message(Command("setweight"), IsManager())
async def setweight(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    """/setweight [role [metric weight]]: show the weights in force, or set one."""
    try:
        reply = await _set_weight(split_args(command.args), member, team, texts, uow)
    except ScoreError as error:
        value = shorten(error.value, 20)
        reply = Html(f"{texts(f'score_err_{error.code}', value=value)}\n{texts('usage_setweight')}")
    except Problem as problem:
        reply = Html(f"{problem.text}\n{texts('usage_setweight')}")
    await message.answer(reply)
