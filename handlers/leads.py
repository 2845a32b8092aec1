"""/lead: a new lead (with source and qualification), or qualify an earlier one."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import Problem, split_args
from bot.filters import IsMember
from bot.i18n import Texts
from bot.parsing import extract_work_day, parse_qualification
from bot.replies import save_and_echo
from bot.settings import Settings
from services.clock import Now
from services.sources import source_from_words
from storage import journal
from storage.journal import Entry
from storage.models import Member, Team
from storage.unit import UnitOfWork

router = Router(name=__name__)
router.message.filter(IsMember())


def take_qualification(tokens: list[str]) -> tuple[str | None, list[str]]:
    for index, token in enumerate(tokens):
        qualification = parse_qualification(token)
        if qualification is not None:
            return qualification, tokens[:index] + tokens[index + 1 :]
    return None, tokens


def lead_number(tokens: list[str]) -> tuple[int | None, list[str]]:
    """``/lead 17 targeted``: a leading number (or #17) is an earlier lead."""
    if tokens:
        word = tokens[0].lstrip("#№")
        if word.isascii() and word.isdigit() and len(word) <= 12:
            return int(word), tokens[1:]
    return None, tokens


@router.message(Command("lead"))
async def log_lead(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    action = _log_lead(split_args(command.args), member, team, texts, uow, settings)
    await save_and_echo(message, member, team, texts, "usage_lead", action)


async def _log_lead(
    tokens: list[str], member: Member, team: Team, texts: Texts, uow: UnitOfWork, settings: Settings
) -> Entry:
    now = Now.for_team(team)
    day, tokens = extract_work_day(tokens, now.today, settings.backdate_days)
    qualification, tokens = take_qualification(tokens)
    lead_id, rest = lead_number(tokens)
    async with uow.write() as conn:
        if lead_id is not None:
            if qualification is None or rest:
                raise Problem(texts("usage_lead"))
            return await journal.qualify_lead(
                conn, team, member, lead_id=lead_id, qualification=qualification
            )
        source = await source_from_words(conn, team, tokens)
        return await journal.log_lead(
            conn,
            team,
            member,
            occurred_at=journal.instant_on(team, day, now.utc),
            source_id=source.id if source else None,
            qualification=qualification,
        )
