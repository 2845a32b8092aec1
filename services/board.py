"""The live wallboard (the Mini App and the office TV) as plain data.

One board is the team's numbers for today, this week or this month, as the viewer may
see them: the team's period counts and its cohort funnel (:func:`services.stats.
funnel_numbers`), each rep against the plan so far (:func:`services.digest.
reps_against_plan`, the digest's numbers), the ranking by share of plan, the sources
(:func:`services.sources.source_numbers`) and the team's weekly trend
(:func:`services.trend.weekly_trend`). ``views.board`` renders it; the web app serves it.

Who sees what is what their commands show them: a rep sees the team's totals and their
own row, and the ranking only when the team shows /top to reps (``/settop on``); a
manager sees every rep and the ranking; the office TV every rep, and the ranking only
when reps may see it (the TV hangs where reps see it). A member who opted out of public
rankings (/optout) is in nobody's ranking and not on the TV; their numbers still count
in the team's. :func:`build_board` computes the team's board once, :func:`seen_by` cuts
it to a viewer.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date

from bot.settings import Settings
from metrics.engine import MAIN_INDICATOR
from metrics.periods import Period
from services.clock import Now
from services.digest import PlanFact, RepDigest, reps_against_plan
from services.sources import SourceNumbers, source_numbers
from services.stats import FunnelNumbers, funnel_numbers, scope_of
from services.subjects import TEAM
from services.trend import DEFAULT_WEEKS, Trend, weekly_trend
from storage.changes import team_fingerprint
from storage.db import Database
from storage.models import Member, Team
from storage.repos import MembersRepo

KINDS: tuple[str, ...] = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class Ranked:
    """A rep's place: the fact of their main indicator as a share of its goal so far."""

    rep: RepDigest
    main: PlanFact  # the main indicator's fact against its plan so far
    score: float  # fact / goal, a fraction (1.0 = the goal reached)


@dataclass(frozen=True, slots=True)
class Board:
    kind: str  # day | week | month
    period: Period  # the whole day, ISO week or month that contains ``today``
    today: date  # team-local
    funnel: FunnelNumbers  # the team's period counts and cohort
    reps: tuple[RepDigest, ...]  # the rows the viewer may see, in the team's order
    ranking: tuple[Ranked, ...] | None  # None: not shown to this viewer (seen_by)
    sources: tuple[SourceNumbers, ...]
    trend: Trend  # the team's main indicators, 12 weeks ending with this one
    # the Telegram user ids of the members who opted out of public rankings (/optout):
    # never ranked; the office TV does not show their rows either
    hidden: frozenset[int] = frozenset()


def ranking(
    reps: tuple[RepDigest, ...], hidden: frozenset[int] = frozenset()
) -> tuple[Ranked, ...]:
    """The reps with a goal for their main indicator so far, by fact / goal, best first
    (ties by name); reps on a day off or without a plan for it are not ranked, nor those
    who opted out of public rankings (``hidden``: their Telegram user ids)."""
    ranked = []
    for rep in reps:
        main = next((p for p in rep.planned if p.metric == MAIN_INDICATOR[rep.role]), None)
        if rep.person_id in hidden:
            continue
        if rep.off or main is None or main.target is None or main.target.goal <= 0:
            continue
        ranked.append(Ranked(rep, main, float(main.fact or 0) / main.target.goal))
    return tuple(sorted(ranked, key=lambda r: (-r.score, r.rep.name.casefold())))


async def build_board(
    db: Database, team: Team, kind: str, settings: Settings, *, today: date | None = None
) -> Board:
    """The whole team's board of the ``kind`` period that contains ``today`` (default: the
    team's today): every rep and the ranking; :func:`seen_by` keeps what a viewer may see."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    today = today or Now.for_team(team).today
    period = Period.containing(today, kind)

    async def plan_fact() -> tuple[tuple[RepDigest, ...], frozenset[int]]:
        async with db.read() as conn:
            reps = await reps_against_plan(
                conn, team, kind, period, scope_of(team, period, "period", settings), today
            )
            return reps, await MembersRepo(conn).hidden_from_rankings(team.id)

    # four independent reads, each on its own connection: the database works on one while
    # Python builds the statements of another
    funnel, (reps, hidden), sources, trend = await asyncio.gather(
        funnel_numbers(db, team, TEAM, period, settings),
        plan_fact(),
        source_numbers(db, team, period, "period", settings),
        weekly_trend(db, team, today=today, settings=settings),
    )
    ranked = ranking(reps, hidden)
    return Board(kind, period, today, funnel, reps, ranked, tuple(sources), trend, hidden)


def oldest_day(kind: str, today: date) -> date:
    """The first day a board of ``kind`` shows: its period's, or its trend's first week's."""
    first_week = Period.containing(today, "week").previous(DEFAULT_WEEKS - 1)
    return min(Period.containing(today, kind).start, first_week.start)


async def fingerprint(db: Database, team: Team, kind: str, today: date) -> tuple[object, ...]:
    """What the board of ``kind`` on ``today`` is computed from
    (:func:`storage.changes.team_fingerprint`), with the team's settings it reads: equal
    fingerprints, the same board (but for renames)."""
    async with db.read() as conn:
        data = await team_fingerprint(conn, team.id, oldest_day(kind, today))
        hidden = await MembersRepo(conn).hidden_from_rankings(team.id)
    settings = (team.name, team.timezone, team.workdays, team.currency, team.reps_see_top)
    return (kind, today, settings, data, hidden)


def seen_by(board: Board, team: Team, viewer: Member | None) -> Board:
    """What ``viewer`` may see of the team's board (None: the office TV): a manager
    every row and the ranking; a rep their own row, the ranking only when the team shows
    it to reps; the TV every row but those of the members who opted out of public
    rankings, the ranking likewise only when reps may see it. Nobody's ranking has the
    members who opted out (:func:`ranking`)."""
    if viewer is not None and viewer.is_manager:
        return board
    reps = board.reps
    if viewer is not None:
        reps = tuple(rep for rep in reps if rep.person_id == viewer.tg_user_id)
    else:
        reps = tuple(rep for rep in reps if rep.person_id not in board.hidden)
    return replace(board, reps=reps, ranking=board.ranking if team.reps_see_top else None)
