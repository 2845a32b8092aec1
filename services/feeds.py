"""Telephony and CRM feeds: the events held for agents nobody is linked to (/unmatched and
the managers' evening note), and who is linked to which agent (/link)."""

from __future__ import annotations

from dataclasses import dataclass

from storage import feeds
from storage.db import Database
from storage.feeds import HeldAgent
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork


async def unmatched_events(db: Database | UnitOfWork, team: Team) -> list[HeldAgent]:
    """The held events per agent, provider and kind, most events first."""
    async with db.read() as conn:
        return await feeds.held_summary(conn, team.id)


@dataclass(frozen=True, slots=True)
class AgentLink:
    agent: str
    name: str  # the linked member's name ("?" if they are gone)


async def agent_links(db: Database | UnitOfWork, team: Team, reader: Member) -> list[AgentLink]:
    """The team's links for a manager; a rep's own links for a rep."""
    async with db.read() as conn:
        pairs = await feeds.links(conn, team.id)
        people = {m.id: m for m in await MembersRepo(conn).list_team(team.id)}
    if not reader.is_manager:
        pairs = [(agent, owner) for agent, owner in pairs if owner == reader.id]
    return [
        AgentLink(agent, people[owner].display_name if owner in people else "?")
        for agent, owner in pairs
    ]
