"""A rep's open meetings, with the names of the people on them."""

from __future__ import annotations

from dataclasses import dataclass

from storage import journal
from storage.journal import Meeting
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork


def names_of(members: list[Member]) -> dict[int, str]:
    return {m.id: m.display_name for m in members}


@dataclass(frozen=True, slots=True)
class OpenMeetings:
    meetings: list[Meeting]
    names: dict[int, str]  # member id -> display name, for setters and hunters


async def open_meetings(uow: UnitOfWork, team: Team, member: Member) -> OpenMeetings:
    """The meetings ``member`` set or holds that are not final yet."""
    async with uow.read() as conn:
        found = await journal.open_meetings(conn, team, member.id)
        names = names_of(await MembersRepo(conn).list_team(team.id))
    return OpenMeetings(found, names)
