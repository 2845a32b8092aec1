"""/paid (a new client's payment of a meeting, or a repeat sale) and /proposal."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import Problem, client_label, extra_words, split_args
from bot.filters import IsMember
from bot.i18n import Texts
from bot.parsing import extract_amount, extract_meeting_ref, extract_work_day
from bot.replies import save_and_echo
from bot.settings import Settings
from services.clock import Now
from storage import journal
from storage.journal import Entry
from storage.models import Member, Team
from storage.unit import UnitOfWork

router = Router(name=__name__)
router.message.filter(IsMember())


async def _record_payment(
    tokens: list[str], member: Member, team: Team, texts: Texts, uow: UnitOfWork, settings: Settings
) -> Entry:
    now = Now.for_team(team)
    day, tokens = extract_work_day(tokens, now.today, settings.backdate_days)
    meeting_id, tokens = extract_meeting_ref(tokens)
    amount, tokens = extract_amount(tokens)
    if amount is None:
        raise Problem(texts("usage_paid"))
    occurred_at = journal.instant_on(team, day, now.utc)
    async with uow.write() as conn:
        if meeting_id is not None:
            if tokens:
                raise extra_words(texts, tokens, "usage_paid")
            entry, _meeting = await journal.record_new_payment(
                conn, team, member, meeting_id=meeting_id, amount=amount, occurred_at=occurred_at
            )
            return entry
        client = client_label(tokens, texts)
        if client is None:
            raise Problem(texts("usage_paid"))
        return await journal.record_repeat_payment(
            conn, team, member, client=client, amount=amount, occurred_at=occurred_at
        )


@router.message(Command("paid"))
async def paid(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    action = _record_payment(split_args(command.args), member, team, texts, uow, settings)
    await save_and_echo(message, member, team, texts, "usage_paid", action)


@router.message(Command("proposal"))
async def proposal(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    action = _record_proposal(split_args(command.args), member, team, texts, uow, settings)
    await save_and_echo(message, member, team, texts, "usage_proposal", action)


async def _record_proposal(
    tokens: list[str], member: Member, team: Team, texts: Texts, uow: UnitOfWork, settings: Settings
) -> Entry:
    now = Now.for_team(team)
    day, tokens = extract_work_day(tokens, now.today, settings.backdate_days)
    meeting_id, tokens = extract_meeting_ref(tokens)
    if meeting_id is None and tokens and tokens[0].isascii() and tokens[0].isdigit():
        meeting_id, tokens = int(tokens[0]), tokens[1:]
    if tokens:
        raise extra_words(texts, tokens, "usage_proposal")
    async with uow.write() as conn:
        return await journal.record_proposal(
            conn,
            team,
            member,
            occurred_at=journal.instant_on(team, day, now.utc),
            meeting_id=meeting_id,
        )
