"""Telephony and CRM feeds: /link an extension or phone to a rep, /unmatched, /setting calls.

A rep links their own extension (``/link 101``); managers link anyone's (``/link @ivan
101``). Linking records at once everything that was held for that agent.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import split_args
from bot.filters import IsManager, IsMember
from bot.i18n import Texts
from bot.settings import Settings
from services.members import find_members
from storage import feeds
from storage.models import Member, Team
from storage.repos import MembersRepo, TeamsRepo
from storage.unit import UnitOfWork

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
        await message.answer(await _links_text(uow, team, member, texts))
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
            found = find_members(
                await MembersRepo(conn).list_team(team.id, include_inactive=False),
                " ".join(words[:split]),
            )
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


async def _links_text(uow: UnitOfWork, team: Team, member: Member, texts: Texts) -> str:
    async with uow.read() as conn:
        pairs = await feeds.links(conn, team.id)
        people = {m.id: m for m in await MembersRepo(conn).list_team(team.id)}
    if not member.is_manager:
        pairs = [(agent, owner) for agent, owner in pairs if owner == member.id]
    if not pairs:
        return texts("links_none")
    lines = [texts("links_title")]
    for agent, owner in pairs:
        name = people[owner].display_name if owner in people else "?"
        lines.append(texts("links_line", agent=agent, name=name))
    return "\n".join(lines)


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


def unmatched_text(held: list[feeds.HeldAgent], team: Team, texts: Texts) -> str:
    zone = ZoneInfo(team.timezone)
    lines = [texts("unmatched_title")]
    for h in held:
        first = h.first.astimezone(zone).strftime("%d.%m")
        last = h.last.astimezone(zone).strftime("%d.%m")
        lines.append(
            texts(
                f"unmatched_line_{h.kind}",
                agent=h.agent or "?",
                provider=h.provider,
                count=h.count,
                days=first if first == last else f"{first}–{last}",
            )
        )
    lines.append(texts("unmatched_hint", agent=held[0].agent or "101"))
    return "\n".join(lines)


@router.message(Command("unmatched"), IsManager())
async def unmatched(message: Message, team: Team, texts: Texts, uow: UnitOfWork) -> None:
    async with uow.read() as conn:
        held = await feeds.held_summary(conn, team.id)
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
