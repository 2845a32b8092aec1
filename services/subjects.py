"""Whose numbers a command asks for: the team, one member or one source.

Nobody named: a rep sees themselves, a manager the team. Managers may name anyone
or a source; reps only themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.members import find_members
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.sources import Source, SourcesRepo
from storage.unit import UnitOfWork


@dataclass(frozen=True, slots=True)
class Subject:
    kind: str  # team | member | source
    member: Member | None = None
    source: Source | None = None

    @property
    def source_id(self) -> int | None:
        return self.source.id if self.source is not None else None

    @property
    def role(self) -> str:
        """Which funnel fits: sdr (also the team and sources), hunter or farmer."""
        if self.member is None or "sdr" in self.member.roles:
            return "sdr"
        if "hunter" in self.member.roles:
            return "hunter"
        if "farmer" in self.member.roles:
            return "farmer"
        return "sdr"


TEAM = Subject("team")


class SubjectRefused(Exception):
    """``only_own_numbers`` (a rep named someone else or a source) or ``subject_unknown``
    (the words name neither a member nor a source); ``value`` is what was typed."""

    def __init__(self, code: str, value: str = "") -> None:
        super().__init__(code, value)
        self.code = code
        self.value = value


async def resolve_subject(uow: UnitOfWork, team: Team, member: Member, words: list[str]) -> Subject:
    """The subject ``words`` name, as ``member`` may see it."""
    if not words:
        return TEAM if member.is_manager else Subject("member", member=member)
    query = " ".join(words)
    async with uow.read() as conn:
        found = find_members(await MembersRepo(conn).list_team(team.id), query)
        source = None if found else await SourcesRepo(conn).resolve(team.id, query)
    if len(found) == 1:
        if found[0].id != member.id and not member.is_manager:
            raise SubjectRefused("only_own_numbers")
        return Subject("member", member=found[0])
    if source is not None:
        if not member.is_manager:
            raise SubjectRefused("only_own_numbers")
        return Subject("source", source=source)
    raise SubjectRefused("subject_unknown", query)
