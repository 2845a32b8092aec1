"""Races and public rankings: /race (the boards for everyone; start and stop for
managers), /optout and /optin (every member, about themselves)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import Problem
from bot.filters import IsManager, IsMember
from bot.i18n import Texts
from bot.race_arguments import RaceStart, parse_race
from bot.settings import Settings
from services.clock import Now
from services.races import RaceRunning, running_boards, start_race, stop_race
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork
from views.races import (
    race_boards_text,
    race_running_text,
    race_started_text,
    race_stopped_text,
)

router = Router(name=__name__)
router.message.filter(IsMember())

WITH_WORDS = F.args.func(lambda args: bool(args and args.strip()))


@router.message(Command("race", magic=WITH_WORDS), IsManager())
async def race_manage(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    """``/race <metric> <target> [until <date>]`` starts a race, ``/race stop <metric>``
    ends one early."""
    now = Now.for_team(team)
    try:
        asked = parse_race(command.args, now.today, texts)
    except Problem as problem:
        await message.answer(problem.text)
        return
    assert asked is not None  # there were words
    if isinstance(asked, RaceStart):
        try:
            board = await start_race(
                uow, team, member, asked.metric, asked.target, asked.ends_on, now.utc, settings
            )
        except RaceRunning as running:
            await message.answer(race_running_text(running.board, team, texts))
            return
        await message.answer(race_started_text(board, team, texts))
        return
    stopped = await stop_race(uow, team, member, asked.metric, now.utc, settings)
    if stopped is None:
        await message.answer(texts("race_not_running", metric=texts.metric(asked.metric)))
        return
    await message.answer(race_stopped_text(stopped, team, texts))


@router.message(Command("race", magic=WITH_WORDS))
async def race_not_a_manager(message: Message, texts: Texts) -> None:
    await message.answer(texts("race_managers_only"))


@router.message(Command("race"))
async def race_boards(
    message: Message, team: Team, texts: Texts, uow: UnitOfWork, settings: Settings
) -> None:
    boards = await running_boards(uow, team, Now.for_team(team).today, settings)
    await message.answer(race_boards_text(boards, team, texts)[:4096])


async def _public(
    message: Message, member: Member, texts: Texts, uow: UnitOfWork, *, shown: bool
) -> None:
    """/optin (``shown``) and /optout: committed before the reply says so."""
    word = "optin" if shown else "optout"
    if member.public_ranking == shown:
        await message.answer(texts(f"{word}_already"))
        return
    async with uow.write() as conn:
        await MembersRepo(conn).set_public_ranking(member.id, shown)
    await message.answer(texts(f"{word}_done"))


@router.message(Command("optout"))
async def opt_out(message: Message, member: Member, texts: Texts, uow: UnitOfWork) -> None:
    await _public(message, member, texts, uow, shown=False)


@router.message(Command("optin"))
async def opt_in(message: Message, member: Member, texts: Texts, uow: UnitOfWork) -> None:
    await _public(message, member, texts, uow, shown=True)
