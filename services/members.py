"""Finding a team member from what a person typed: a number, an @username or a name."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncConnection

from storage.models import Member, Team
from storage.repos import MembersRepo


def find_members(members: Iterable[Member], query: str) -> list[Member]:
    """Members matching ``query``: ``#12``/``12`` (number from /team or Telegram id),
    ``@username``, or a name (exact, then by word prefix), case-insensitive."""
    query = " ".join(query.split())
    candidates = list(members)
    if not query:
        return []
    number = query.removeprefix("#")
    if number.isascii() and number.isdigit():
        value = int(number)
        by_id = [m for m in candidates if m.id == value]
        return by_id or [m for m in candidates if m.tg_user_id == value]
    if query.startswith("@"):
        username = query[1:].lower()
        return [m for m in candidates if m.username and m.username.lower() == username]
    folded = query.casefold()
    exact = [m for m in candidates if m.display_name.casefold() == folded]
    if exact:
        return exact
    words = folded.split()

    def matches(member: Member) -> bool:
        name_words = member.display_name.casefold().split()
        return all(any(nw.startswith(w) for nw in name_words) for w in words)

    return [m for m in candidates if matches(m)]


async def members_named(
    conn: AsyncConnection, team: Team, query: str, *, include_inactive: bool = True
) -> list[Member]:
    """The team's members matching ``query`` (see :func:`find_members`)."""
    members = await MembersRepo(conn).list_team(team.id, include_inactive=include_inactive)
    return find_members(members, query)


class MemberNotFound(Exception):
    """Nobody, or more than one member, matches what was typed."""

    def __init__(self, query: str) -> None:
        super().__init__(query)
        self.query = query


async def member_named(conn: AsyncConnection, team: Team, query: str) -> Member:
    """The one member ``query`` names; :class:`MemberNotFound` for none or several."""
    found = await members_named(conn, team, query)
    if len(found) != 1:
        raise MemberNotFound(query)
    return found[0]
