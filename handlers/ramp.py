"""/ramp @member <weeks> and /ramp @member off (managers): a new member's plan rises from
50 % to 100 % over that many weeks from the day they joined."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import Problem, split_args
from bot.filters import IsManager
from bot.i18n import Html, Texts
from metrics.plans import ROLE_ORDER
from metrics.ramp import MAX_WEEKS
from services.clock import Now
from services.members import MemberNotFound, member_named
from services.ramp import end_ramp, start_ramp
from storage.models import Member, Team
from storage.unit import UnitOfWork
from views.ramp import ramp_set_text

router = Router(name=__name__)
router.message.filter(IsManager())

OFF_WORDS = frozenset({"off", "stop", "end", "выкл", "стоп", "снять", "отключить", "нет"})


def _wrong(texts: Texts, key: str, **values: object) -> Problem:
    """What was wrong, then a correct example."""
    return Problem(f"{texts(key, **values)}\n{texts('usage_ramp')}")


def _weeks(word: str, texts: Texts) -> int:
    if word.isascii() and word.isdigit() and 1 <= int(word) <= MAX_WEEKS:
        return int(word)
    raise _wrong(texts, "ramp_bad_weeks", value=word[:20], max=MAX_WEEKS)


async def _ramp(
    words: list[str], member: Member, team: Team, texts: Texts, uow: UnitOfWork
) -> Html:
    if len(words) < 2:
        raise Problem(texts("usage_ramp"))
    query, last = " ".join(words[:-1]), words[-1]
    try:
        async with uow.read() as conn:
            whom = await member_named(conn, team, query)
    except MemberNotFound:
        raise _wrong(texts, "member_not_found", query=query[:60]) from None
    if last.casefold() in OFF_WORDS:
        ended = await end_ramp(uow, whom)
        return texts("ramp_off" if ended else "ramp_none", name=whom.display_name)
    weeks = _weeks(last, texts)
    if not whom.roles & set(ROLE_ORDER):
        raise _wrong(texts, "ramp_no_plan_role", name=whom.display_name)
    state = await start_ramp(uow, team, whom, weeks, member.id, Now.for_team(team).today)
    return ramp_set_text(state, whom.display_name, texts)


@router.message(Command("ramp"))
async def ramp(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    try:
        reply = await _ramp(split_args(command.args), member, team, texts, uow)
    except Problem as problem:
        reply = Html(problem.text)
    await message.answer(reply)
