"""/team: who is in the team, with roles."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.filters import IsMember
from bot.i18n import Texts
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork

router = Router(name=__name__)
router.message.filter(IsMember())


def team_text(texts: Texts, team: Team, members: list[Member], *, for_manager: bool) -> str:
    lines = [texts("team_header", team=team.name, count=sum(m.active for m in members))]
    for member in members:
        line = texts(
            "team_line",
            n=member.id,
            name=member.display_name,
            username=f" @{member.username}" if member.username else "",
            roles=texts.roles(member.sorted_roles()),
        )
        lines.append(line + ("" if member.active else texts("team_inactive")))
    if for_manager and members:
        lines += ["", texts("team_footer", n=members[-1].id)]
    return "\n".join(lines)


@router.message(Command("team"))
async def show_team(
    message: Message, member: Member, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    async with uow.read() as conn:
        members = await MembersRepo(conn).list_team(team.id, include_inactive=member.is_manager)
    await message.answer(team_text(texts, team, members, for_manager=member.is_manager))
