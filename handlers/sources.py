"""/sources (the team's lead sources) and /source (managers: add, rename, merge, alias)."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.arguments import Problem, parse_request, split_args
from bot.delivery import split_text
from bot.filters import IsManager, IsMember
from bot.i18n import Html, Texts
from bot.rendering import render, sending_photo
from bot.settings import Settings
from metrics.grammar import parse_switch
from services.sources import source_numbers
from storage.models import Team
from storage.repos import TeamsRepo
from storage.sources import SourceError, SourcesRepo
from storage.unit import UnitOfWork
from views.sources import sources_png, sources_text

router = Router(name=__name__)
router.message.filter(IsMember())


@router.message(Command("sources"))
async def list_sources(
    message: Message,
    command: CommandObject,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
    bot: Bot,
) -> None:
    if command.args:  # /sources week: the numbers per source
        await _sources_report(message, bot, command.args, team, texts, uow, settings)
        return
    async with uow.read() as conn:
        found = await SourcesRepo(conn).list(team.id)
    if not found:
        lines = [texts("sources_empty")]
    else:
        lines = [texts("sources_header", team=team.name)]
        for source in found:
            aliases = (
                texts("sources_aliases", aliases=", ".join(source.aliases))
                if source.aliases
                else ""
            )
            lines.append(texts("sources_line", name=source.name, aliases=aliases))
    if team.free_sources:
        lines.append(texts("sources_free_on"))
    lines += ["", texts("sources_hint"), texts("sources_footer")]
    await message.answer("\n".join(lines))


async def _sources_report(
    message: Message,
    bot: Bot,
    args: str,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    """Per-source text and chart (``/sources week``); the text is the photo's caption when
    it fits, else it follows the photo."""
    try:
        request = parse_request(args, team, texts, "sources_hint")
    except Problem as problem:
        await message.answer(problem.text)
        return
    rows = await source_numbers(uow, team, request.period, request.mode, settings)
    label = request.period.label(texts.language)
    text = sources_text(rows, label, team, texts, request.mode)
    if not rows:
        await message.answer(text)
        return
    async with sending_photo(bot, message.chat.id, message.message_thread_id):
        png = await render(sources_png, rows, label, team, texts, request.mode)
        photo = BufferedInputFile(png, filename="sources.png")
        if len(text) <= 1024:
            await message.answer_photo(photo, caption=text)
            return
        await message.answer_photo(photo)
    for chunk in split_text(text):
        await message.answer(chunk)


async def _apply(uow: UnitOfWork, team: Team, texts: Texts, words: list[str]) -> Html:
    action = words[0].casefold() if words else ""
    args = words[1:]
    async with uow.write() as conn:
        repo = SourcesRepo(conn)
        if action in {"add", "добавить"} and args:
            source = await repo.add(team.id, " ".join(args))
            return texts("source_added", name=source.name)
        if action in {"rename", "переименовать"} and len(args) == 2:
            old = await repo.resolve(team.id, args[0])
            source = await repo.rename(team.id, args[0], args[1])
            return texts("source_renamed", old=old.name if old else args[0], name=source.name)
        if action in {"merge", "объединить"} and len(args) == 2:
            old, target = await repo.merge(team.id, args[0], args[1])
            return texts("source_merged", old=old.name, name=target.name)
        if action in {"alias", "синоним"} and len(args) == 2:
            source = await repo.alias(team.id, args[0], args[1])
            return texts("source_aliased", alias=args[1], name=source.name)
        free = parse_switch(args[0]) if len(args) == 1 else None
        if action in {"free", "свободные"} and free is not None:
            await TeamsRepo(conn).set_free_sources(team.id, free)
            return texts("source_free_set_on" if free else "source_free_set_off")
    return texts("usage_source")


@router.message(Command("source"), IsManager())
async def manage_source(
    message: Message, command: CommandObject, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    try:
        reply = await _apply(uow, team, texts, split_args(command.args))
    except SourceError as error:
        values = {k: str(v)[:64] for k, v in error.values.items()}
        reply = texts(error.code, **values)
        if error.code == "source_unknown":
            async with uow.read() as conn:
                known = [s.name for s in await SourcesRepo(conn).list(team.id)]
            reply = texts("source_unknown", name=values["name"], sources=", ".join(known) or "—")
    await message.answer(reply)
