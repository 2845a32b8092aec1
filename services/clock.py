"""The moment a request is handled, as the team's calendar sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from storage.journal import local_day
from storage.models import Team
from storage.repos import utcnow


@dataclass(frozen=True, slots=True)
class Now:
    """The moment an update is handled, in UTC and as the team's calendar day."""

    utc: datetime
    today: date

    @classmethod
    def for_team(cls, team: Team) -> Now:
        now = utcnow()
        return cls(now, local_day(team, now))
