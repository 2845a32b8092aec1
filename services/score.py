"""The scorecard as data: a rep's score for today, this week or this month (/score, the
line of /today, /week, /month), every rep's (/score for a manager), and the weights
(/setweight). The score itself is :mod:`metrics.score`; the digest's and the wallboard's
rep lines carry it too (:func:`services.digest.reps_against_plan`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.settings import Settings
from metrics.periods import Period
from metrics.score import Scorecard, Weights, scorecard, weights_in_force
from services.digest import reps_against_plan
from services.plans import Progress, progress
from services.stats import scope_of
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.score_weights import ScoreWeightsRepo
from storage.unit import UnitOfWork


async def team_weights(uow: UnitOfWork, team: Team) -> Weights:
    """The weights the team set (a pair not in it has its default)."""
    async with uow.read() as conn:
        return await ScoreWeightsRepo(conn).weights(team.id)


async def set_weight(
    uow: UnitOfWork, team: Team, role: str, metric: str, weight: float, by: Member
) -> float:
    """Set a weight (committed when this returns); the weight in force before."""
    async with uow.write() as conn:
        repo = ScoreWeightsRepo(conn)
        before = weights_in_force(role, await repo.weights(team.id))
        await repo.set_weight(team.id, role, metric, weight, by.id)
    return next(w.weight for w in before if w.metric == metric)


async def progress_score(uow: UnitOfWork, team: Team, found: Progress) -> Scorecard:
    """The score of what /today, /week or /month found (the same plan lines)."""
    weights = await team_weights(uow, team)
    return scorecard(found.lines, roles=found.member.roles, weights=weights)


@dataclass(frozen=True, slots=True)
class MemberScore:
    """One member's score for the day, week or month that contains today."""

    member: Member
    kind: str  # day | week | month
    period: Period
    day_off: bool  # a day's score on a day the member does not work
    card: Scorecard


async def member_score(
    uow: UnitOfWork, team: Team, whom: Member, kind: str, today: date, settings: Settings
) -> MemberScore:
    found = await progress(uow, team, whom, kind, today, settings)
    card = await progress_score(uow, team, found)
    return MemberScore(whom, kind, found.period, found.day_off, card)


@dataclass(frozen=True, slots=True)
class RepScore:
    name: str
    person_id: int | None
    off: bool  # a day's score on the rep's day off
    card: Scorecard


@dataclass(frozen=True, slots=True)
class TeamScores:
    """Every active rep with a plan: ``scored`` best first (equal scores by name), then
    ``unscored`` (a plan, but no score so far: a day off, no goal yet), by name. Reps
    without any plan are left out, and so are those who opted out of rankings (/optout):
    a list best first is a ranking, and a manager may post it in the team chat."""

    kind: str
    period: Period
    scored: tuple[RepScore, ...]
    unscored: tuple[RepScore, ...]


async def team_scores(
    uow: UnitOfWork, team: Team, kind: str, today: date, settings: Settings
) -> TeamScores:
    period = Period.containing(today, kind)
    async with uow.read() as conn:
        reps = await reps_against_plan(
            conn, team, kind, period, scope_of(team, period, "period", settings), today
        )
        hidden = await MembersRepo(conn).hidden_from_rankings(team.id)
    rows = [
        RepScore(rep.name, rep.person_id, rep.off, rep.score)
        for rep in reps
        if rep.person_id not in hidden
    ]
    scored = sorted(
        (row for row in rows if row.card.value is not None),
        key=lambda row: (-(row.card.value or 0.0), row.name.casefold()),
    )
    unscored = sorted(
        (row for row in rows if row.card.state == "no_score"), key=lambda r: r.name.casefold()
    )
    return TeamScores(kind, period, tuple(scored), tuple(unscored))
