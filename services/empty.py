"""Empty states: when a subject has logged nothing yet in a period, and what the reader
should do next to see numbers (/today, /funnel, /stats and the /digest preview show
that instead of a table of zeros or "no plan").

"Nothing logged" is defined on the period-mode counts (:func:`nothing_logged`), the
same counts every report is computed from, so it agrees with the numbers by
construction: a subject has logged nothing in a period when not one non-void record
counts for it there.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from bot.settings import Settings
from metrics.counts import Counts
from metrics.periods import Period
from metrics.plans import ROLE_ORDER
from services import setup
from services.subjects import Subject
from storage.db import Database
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork


def nothing_logged(counts: Counts) -> bool:
    """True when ``counts`` (one subject, one period, period mode) count no record at all:
    no call (of any duration), lead, proposal or repeat payment done by the subject; no
    meeting set, confirmed, held, cancelled or marked no-show, and no `new` payment,
    credited to it as setter or as hunter (for a source or the team: of its meetings).

    >>> from metrics.counts import Activity, Meetings
    >>> nothing_logged(Counts())
    True
    >>> nothing_logged(Counts(activity=Activity(calls_total=1)))  # a 5-second call counts
    False
    >>> nothing_logged(Counts(as_hunter=Meetings(meetings_cancelled=1)))
    False
    """
    for part in (counts.activity, counts.as_setter, counts.as_hunter):
        for field in fields(part):
            value = getattr(part, field.name)
            empty = value == () if isinstance(value, tuple) else value == 0
            if not empty:
                return False
    return True


def setup_done(team: Team) -> bool:
    """Whether the team's setup (/setup) was finished."""
    return team.setup_step == setup.DONE


async def subject_logged_nothing(
    db: Database | UnitOfWork, team: Team, subject: Subject, period: Period, settings: Settings
) -> bool:
    """Whether ``subject`` has logged nothing in ``period`` (:func:`nothing_logged`)."""
    # services.stats asks nothing_logged of this module: imported here, not at the top
    from services.stats import scope_of, subject_counts

    async with db.read() as conn:
        counts = await subject_counts(conn, subject, scope_of(team, period, "period", settings))
    return nothing_logged(counts)


@dataclass(frozen=True, slots=True)
class EmptyState:
    """What to tell ``viewer`` about ``subject`` with nothing logged in ``period``.

    ``whose``: ``own`` (a rep's own numbers: what to log and how), ``team`` (a manager
    looking at the team, or at themselves without a rep role: invite reps or try the
    demo), ``member`` (a manager looking at one rep), ``source``.
    """

    whose: str
    period: Period
    name: str | None = None  # the member's or the source's name
    team_has_reps: bool = True
    setup_done: bool = True


def is_rep(member: Member) -> bool:
    return bool(member.roles & set(ROLE_ORDER))


async def empty_state(
    db: Database | UnitOfWork, team: Team, viewer: Member, subject: Subject, period: Period
) -> EmptyState:
    """The empty state of ``subject`` as ``viewer`` sees it (the subject logged nothing)."""
    if subject.source is not None:
        return EmptyState("source", period, name=subject.source.name)
    if subject.member is not None and subject.member.id != viewer.id:
        return EmptyState("member", period, name=subject.member.display_name)
    if subject.member is not None and is_rep(viewer):
        return EmptyState("own", period)
    async with db.read() as conn:
        members = await MembersRepo(conn).list_team(team.id, include_inactive=False)
    has_reps = any(is_rep(m) for m in members)
    return EmptyState("team", period, team_has_reps=has_reps, setup_done=setup_done(team))
