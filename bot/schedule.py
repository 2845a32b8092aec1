"""When a team's digests and nudges are due: cron triggers and the latest due occurrence.

Pure time arithmetic (no I/O). Every time here is the team's wall-clock time in its
own zone, so a team in Asia/Vladivostok and one in Europe/Moscow each get their
digest at their own 19:00, and a zone with daylight saving keeps 19:00 local.

=========  ===============================================  ==========================
kind       when (team-local)                                covers
=========  ===============================================  ==========================
``day``    the team's working days at ``digest_time``       that day
``week``   Monday 09:00                                     the week before
``month``  the 1st at 09:00                                 the month before
``nudge``  working days at ``nudge_time`` (when set)        that day
``pace``   working days at ``pace_time`` (when set)         that day so far
=========  ===============================================  ==========================

>>> from storage.models import Team
>>> team = Team(1, "Sales", "Asia/Vladivostok", "ru", (1, 2, 3, 4, 5), "19:00", "RUB", None)
>>> latest(team, "day", datetime(2026, 11, 27, 9, 30, tzinfo=UTC))  # 19:30 in Vladivostok
Occurrence(kind='day', period=Period(start=datetime.date(2026, 11, 27), \
end=datetime.date(2026, 11, 27), kind='day'), at=datetime.datetime(2026, 11, 27, 9, 0, \
tzinfo=datetime.timezone.utc))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.settings import parse_hhmm
from metrics.periods import Period
from storage.models import Team

__all__ = [
    "DIGEST_KINDS",
    "JOB_KINDS",
    "Occurrence",
    "clock_of",
    "day_share",
    "digest_period",
    "latest",
    "next_due",
    "trigger",
]

DIGEST_KINDS: tuple[str, ...] = ("day", "week", "month")
JOB_KINDS: tuple[str, ...] = (*DIGEST_KINDS, "nudge", "pace")
# The working day a pace alert measures against: from WORKDAY_START to the digest time.
WORKDAY_START = time(9, 0)
WEEKLY_AT = time(9, 0)
MONTHLY_AT = time(9, 0)
_CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_LOOK_BACK_DAYS = 31  # the longest gap between two occurrences of one kind


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One due digest: its kind, the period it covers and the instant it was due (UTC)."""

    kind: str
    period: Period
    at: datetime


def clock_of(team: Team, kind: str) -> time | None:
    """The team-local time of day ``kind`` is due; ``None`` when it is switched off."""
    if kind == "day":
        return parse_hhmm(team.digest_time)
    if kind == "week":
        return WEEKLY_AT
    if kind == "month":
        return MONTHLY_AT
    if kind == "nudge":
        return parse_hhmm(team.nudge_time) if team.nudge_time else None
    if kind == "pace":
        return parse_hhmm(team.pace_time) if team.pace_time else None
    raise ValueError(f"unknown kind {kind!r}")


def _due_on(team: Team, kind: str, day: date) -> bool:
    if kind in ("day", "nudge", "pace"):
        return day.isoweekday() in team.workdays
    if kind == "week":
        return day.isoweekday() == 1
    return day.day == 1


def digest_period(kind: str, day: date) -> Period:
    """What a digest of ``kind`` sent on ``day`` covers: that day (the evening digest, the
    nudge, the pace alert), the last full week or month before ``day`` (the weekly and
    monthly digests).

    /digest previews with it too, so a preview is the digest the scheduler sends:

    >>> digest_period("week", date(2026, 11, 27)).label()  # a Friday: the week before
    '2026-11-16..2026-11-22'
    >>> digest_period("month", date(2026, 12, 1)).label()
    '2026-11-01..2026-11-30'
    """
    if kind in ("week", "month"):
        return Period.containing(day, kind).previous()
    return Period.containing(day, "day")


def trigger(team: Team, kind: str) -> CronTrigger | None:
    """The APScheduler cron trigger of ``kind`` in the team's zone (``None``: never due)."""
    at = clock_of(team, kind)
    if at is None:
        return None
    zone = ZoneInfo(team.timezone)
    if kind in ("day", "nudge", "pace"):
        if not team.workdays:
            return None
        days = ",".join(_CRON_DAYS[d - 1] for d in sorted(team.workdays))
        return CronTrigger(day_of_week=days, hour=at.hour, minute=at.minute, timezone=zone)
    if kind == "week":
        return CronTrigger(day_of_week="mon", hour=at.hour, minute=at.minute, timezone=zone)
    return CronTrigger(day=1, hour=at.hour, minute=at.minute, timezone=zone)


def latest(team: Team, kind: str, now: datetime) -> Occurrence | None:
    """The most recent occurrence of ``kind`` due at or before ``now`` (an aware instant)."""
    at = clock_of(team, kind)
    if at is None:
        return None
    zone = ZoneInfo(team.timezone)
    local_now = now.astimezone(zone)
    for back in range(_LOOK_BACK_DAYS + 1):
        day = local_now.date() - timedelta(days=back)
        if not _due_on(team, kind, day):
            continue
        due = datetime.combine(day, at, tzinfo=zone)
        if due <= local_now:
            return Occurrence(kind, digest_period(kind, day), due.astimezone(UTC))
    return None


def next_due(team: Team, kind: str, now: datetime) -> datetime | None:
    """The next instant ``kind`` is due at or after ``now``, in the team's zone (``None``:
    never)."""
    cron = trigger(team, kind)
    if cron is None:
        return None
    return cron.get_next_fire_time(None, now.astimezone(ZoneInfo(team.timezone)))


def day_share(team: Team, at: time) -> float:
    """How much of the working day has passed at ``at``: 0 at :data:`WORKDAY_START`, 1 at
    the digest time (the day's end by the team's clock), linear in between.

    >>> sales = Team(1, "Sales", "Europe/Moscow", "ru", (1, 2, 3, 4, 5), "19:00", "RUB", None)
    >>> day_share(sales, time(13, 0)), day_share(sales, time(20, 0))
    (0.4, 1.0)
    """
    end = parse_hhmm(team.digest_time)
    minutes = lambda t: t.hour * 60 + t.minute  # noqa: E731
    span = minutes(end) - minutes(WORKDAY_START)
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, (minutes(at) - minutes(WORKDAY_START)) / span))
