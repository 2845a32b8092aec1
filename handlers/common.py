"""Small helpers shared by the handlers: argument parsing and member look-up."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from storage.models import ROLES, Member, Team

ROLE_ALIASES: dict[str, str] = {
    "sdr": "sdr",
    "sdrs": "sdr",
    "setter": "sdr",
    "лидоруб": "sdr",
    "лидорубы": "sdr",
    "лидген": "sdr",
    "сдр": "sdr",
    "hunter": "hunter",
    "hunters": "hunter",
    "closer": "hunter",
    "хантер": "hunter",
    "хантеры": "hunter",
    "farmer": "farmer",
    "farmers": "farmer",
    "am": "farmer",
    "фермер": "farmer",
    "фермеры": "farmer",
    "manager": "manager",
    "managers": "manager",
    "head": "manager",
    "руководитель": "manager",
    "рук": "manager",
    "роп": "manager",
}
assert set(ROLE_ALIASES.values()) == set(ROLES)


def parse_role(word: str) -> str | None:
    """``"Лидоруб"`` -> ``"sdr"``; None for a word that is not a role."""
    return ROLE_ALIASES.get(word.strip().lower().strip(",.;"))


def split_args(text: str | None) -> list[str]:
    return text.split() if text else []


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


def local_time(team: Team, moment: datetime) -> str:
    """An instant as the team sees it: ``2026-12-04 11:40``."""
    return moment.astimezone(ZoneInfo(team.timezone)).strftime("%Y-%m-%d %H:%M")
