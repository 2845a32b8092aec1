"""/call and /calls: one call, or the day's calls in bulk."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import Problem, client_label, reject_number_words, split_args
from bot.filters import IsMember
from bot.i18n import Texts
from bot.parsing import extract_duration, extract_work_day, parse_count, parse_direction
from bot.replies import save_and_echo
from bot.settings import Settings
from services.clock import Now
from services.sources import take_source
from storage import journal
from storage.journal import Entry
from storage.models import Member, Team
from storage.unit import UnitOfWork

BULK_MAX_SECONDS = 24 * 3600  # a day on the line, for /calls

router = Router(name=__name__)
router.message.filter(IsMember())


def take_direction(tokens: list[str]) -> tuple[str, list[str]]:
    for index, token in enumerate(tokens):
        direction = parse_direction(token)
        if direction is not None:
            return direction, tokens[:index] + tokens[index + 1 :]
    return "out", tokens


@router.message(Command("call"))
async def log_call(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    action = _log_call(split_args(command.args), member, team, texts, uow, settings)
    await save_and_echo(message, member, team, texts, "usage_call", action)


async def _log_call(
    tokens: list[str], member: Member, team: Team, texts: Texts, uow: UnitOfWork, settings: Settings
) -> Entry:
    if team.calls_mode == "telephony":
        raise Problem(texts("calls_from_telephony"))
    now = Now.for_team(team)
    day, tokens = extract_work_day(tokens, now.today, settings.backdate_days)
    duration, tokens = extract_duration(tokens)
    if duration is None:
        reject_number_words(tokens, texts, "usage_call")
        raise Problem(texts("usage_call"))
    direction, tokens = take_direction(tokens)
    async with uow.write() as conn:
        source, tokens = await take_source(conn, team, tokens)
        return await journal.log_call(
            conn,
            team,
            member,
            duration_s=duration,
            direction=direction,
            occurred_at=journal.instant_on(team, day, now.utc),
            source_id=source.id if source else None,
            client=client_label(tokens, texts),
        )


@router.message(Command("calls"))
async def log_calls_bulk(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    action = _log_calls_bulk(split_args(command.args), member, team, texts, uow, settings)
    await save_and_echo(message, member, team, texts, "usage_calls", action)


async def _log_calls_bulk(
    tokens: list[str], member: Member, team: Team, texts: Texts, uow: UnitOfWork, settings: Settings
) -> Entry:
    if team.calls_mode == "telephony":
        raise Problem(texts("calls_from_telephony"))
    now = Now.for_team(team)
    day, tokens = extract_work_day(tokens, now.today, settings.backdate_days)
    total, tokens = extract_duration(tokens, max_seconds=BULK_MAX_SECONDS)
    counts = [parse_count(token) for token in tokens]
    if len(counts) != 1 or counts[0] is None:
        raise Problem(texts("usage_calls"))
    count = counts[0]
    if total is None:  # no minutes given: each call lasted at least the minimum
        total = count * settings.min_call_seconds
    if total < count * settings.min_call_seconds:
        minutes = round(total / 60, 1)
        raise Problem(texts("calls_minutes_too_few", count=count, minutes=minutes))
    async with uow.write() as conn:
        return await journal.log_calls_bulk(
            conn,
            team,
            member,
            count=count,
            total_seconds=total,
            occurred_at=journal.instant_on(team, day, now.utc),
        )
