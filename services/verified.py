"""Typed versus phone-verified calls (docs/metrics.md, "Typed and verified calls").

Where the team has a telephony feed: a subject's calls of 60 s+ typed in the bot, those
recorded from telephony and the verified share (/stats and the digest's team line,
:class:`Telephony`), and the evening's list, for the managers only, of the reps whose
typed calls exceed what telephony recorded (:func:`over_typed_reps`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncConnection

from metrics.plans import ROLE_ORDER
from metrics.verified import CallCheck, over_typed
from storage.db import Database
from storage.models import Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork
from storage.verified import calls_by_origin, telephony_connected

# A team has a telephony feed on a day when a call came from telephony on that day or on
# one of the 6 days before (a feed that went quiet for a week is no longer connected).
FEED_WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Telephony:
    """A subject's calls of 60 s+ where the team has a telephony feed."""

    typed: int  # logged in the bot by hand
    verified: int  # recorded from telephony
    total: int  # all calls of 60 s+ (``calls_60``): typed, verified, imported

    @property
    def share(self) -> float | None:
        """The verified share of all calls of 60 s+; None without any."""
        return self.verified / self.total if self.total else None


def feed_since(start: date) -> date:
    """The first day a telephony call must be found from, for ``start``..: the feed window."""
    return start - FEED_WINDOW + timedelta(days=1)


async def typed_and_verified(
    conn: AsyncConnection,
    team: Team,
    start: date,
    end: date,
    min_call_seconds: int,
    member_id: int | None = None,
) -> Telephony | None:
    """The calls of 60 s+ of the days ``start``..``end`` by origin, of one member or (no
    ``member_id``) of the whole team; None when the team has no telephony feed for those
    days (:data:`FEED_WINDOW`) or there is no call of 60 s+ to show."""
    if not await telephony_connected(conn, team.id, feed_since(start), end):
        return None
    found = (await calls_by_origin(conn, team.id, start, end, min_call_seconds, member_id)).values()
    total = sum(o.total for o in found)
    if not total:
        return None
    return Telephony(sum(o.typed for o in found), sum(o.verified for o in found), total)


async def over_typed_reps(
    db: Database | UnitOfWork, team: Team, day: date, min_call_seconds: int
) -> tuple[CallCheck, ...]:
    """The team's active reps whose typed calls of 60 s+ on ``day`` exceed their verified
    ones (:func:`metrics.verified.typed_exceeds_verified`), biggest excess first; empty
    when the team has no telephony feed that day. One query for every rep's calls."""
    async with db.read() as conn:
        if not await telephony_connected(conn, team.id, feed_since(day), day):
            return ()
        by_member = await calls_by_origin(conn, team.id, day, day, min_call_seconds)
        members = await MembersRepo(conn).list_team(team.id, include_inactive=False)
    return over_typed(
        CallCheck(member.display_name, calls.typed, calls.verified)
        for member in members
        if member.roles & set(ROLE_ORDER) and (calls := by_member.get(member.id)) is not None
    )
