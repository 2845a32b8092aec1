"""Telephony and CRM feeds: /link an extension or phone to a rep, /unmatched, /setting calls.

A rep links their own extension (``/link 101``); managers link anyone's (``/link @ivan
101``). Linking records at once everything that was held for that agent.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import split_args
from bot.filters import IsManager, IsMember
from bot.i18n import Texts
from bot.settings import Settings
from services.feeds import agent_links, unmatched_events
from services.members import members_named
from storage import feeds
from storage.models import Member, Team
from storage.repos import MembersRepo, TeamsRepo
from storage.unit import UnitOfWork
from views.feeds import links_text, unmatched_text

router = Router(name=__name__)
router.message.filter(IsMember())

CALLS_MODES = {
    "telephony": "telephony",
    "телефония": "telephony",
    "auto": "telephony",
    "manual": "manual",
    "вручную": "manual",
    "ручной": "manual",
}


def _looks_like_agent(word: str) -> bool:
    agent = feeds.normalize_agent(word)
    return agent.isdigit() and 2 <= len(agent) <= 15


@router.message(Command("link"))
async def link(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    words = split_args(command.args)
    if not words:
        await message.answer(links_text(await agent_links(uow, team, member), texts))
        return
    # the agent may be written with spaces: +7 916 123 45 67
    split = next((i for i in range(len(words)) if _looks_like_agent("".join(words[i:]))), None)
    if split is None:
        await message.answer(texts("usage_link"))
        return
    agent = feeds.normalize_agent("".join(words[split:]))
    whom = member
    if split > 0:
        async with uow.read() as conn:
            found = await members_named(conn, team, " ".join(words[:split]), include_inactive=False)
        if len(found) != 1:
            await message.answer(
                texts("link_who", value=" ".join(words[:split])[:60]) + "\n" + texts("usage_link")
            )
            return
        whom = found[0]
        if whom.id != member.id and not member.is_manager:
            await message.answer(texts("link_only_own"))
            return
    async with uow.write() as conn:
        previous = await feeds.link_agent(conn, team.id, agent, whom.id, member.id)
        recorded = await feeds.attribute_held(
            conn, team, agent, whom.id, settings.amocrm_status_map
        )
        previous_member = await MembersRepo(conn).get(previous) if previous else None
    lines = [texts("link_done", agent=agent, name=whom.display_name)]
    if previous_member is not None and previous_member.id != whom.id:
        lines.append(texts("link_moved", name=previous_member.display_name))
    if recorded:
        lines.append(texts("link_attributed", count=recorded))
    await message.answer("\n".join(lines))


@router.message(Command("unlink"), IsManager())
async def unlink(
    message: Message, command: CommandObject, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    words = split_args(command.args)
    if not words or not _looks_like_agent("".join(words)):
        await message.answer(texts("usage_unlink"))
        return
    agent = feeds.normalize_agent("".join(words))
    async with uow.write() as conn:
        removed = await feeds.unlink_agent(conn, team.id, agent)
    await message.answer(texts("unlink_done" if removed else "unlink_none", agent=agent))


@router.message(Command("unmatched"), IsManager())
async def unmatched(message: Message, team: Team, texts: Texts, uow: UnitOfWork) -> None:
    held = await unmatched_events(uow, team)
    if not held:
        await message.answer(texts("unmatched_none"))
        return
    await message.answer(unmatched_text(held, team, texts))


@router.message(Command("setting"), IsManager())
async def setting(
    message: Message, command: CommandObject, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    words = [w.casefold() for w in split_args(command.args)]
    if len(words) != 2 or words[0] not in ("calls", "звонки") or words[1] not in CALLS_MODES:
        await message.answer(texts("usage_setting", mode=texts(f"calls_mode_{team.calls_mode}")))
        return
    mode = CALLS_MODES[words[1]]
    async with uow.write() as conn:
        await TeamsRepo(conn).set_calls_mode(team.id, mode)
    await message.answer(texts(f"setting_calls_{mode}"))
