"""Plain data objects returned by the repositories (never driver rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

ROLES: tuple[str, ...] = ("sdr", "hunter", "farmer", "manager")


@dataclass(frozen=True, slots=True)
class Team:
    id: int
    name: str
    timezone: str
    language: str
    workdays: tuple[int, ...]  # ISO weekdays, 1 = Monday
    digest_time: str  # "HH:MM", team-local
    currency: str
    manager_chat_id: int | None
    free_sources: bool = False
    reps_see_top: bool = False
    nudge_time: str | None = None  # "HH:MM", team-local; None = no nudge
    pace_time: str | None = None  # "HH:MM", team-local; None = no pace alert
    calls_mode: str = "manual"  # "telephony": calls come only from the telephony feed
    created_at: datetime | None = None
    setup_step: str | None = None  # /setup: None = never started, "done", else the step


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    team_id: int
    tg_user_id: int
    display_name: str
    username: str | None
    roles: frozenset[str]
    language: str | None
    tg_language: str | None
    active: bool
    digest_private: bool = False  # /digest me: private copies of the digests
    unreachable_at: datetime | None = None  # blocked the bot (Telegram said 403)
    public_ranking: bool = True  # False after /optout: left out of every public ranking

    @property
    def is_manager(self) -> bool:
        return "manager" in self.roles

    def sorted_roles(self) -> list[str]:
        return [role for role in ROLES if role in self.roles]


@dataclass(frozen=True, slots=True)
class Invite:
    id: int
    team_id: int
    code: str
    role: str
    created_by: int | None
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at


@dataclass(frozen=True, slots=True)
class DigestRun:
    """One row of the digest ledger: a digest (or nudge round) a team was owed."""

    id: int
    team_id: int
    kind: str
    period_start: date
    period_end: date
    scheduled_for: datetime
    status: str  # sending | sent | failed | missed | interrupted
    claimed_at: datetime
    finished_at: datetime | None
    detail: str | None
