"""New members' ramps as data (/ramp @member <weeks>, /ramp @member off, and the ramp line
of /plan @member). The factor itself and how it scales a plan are :mod:`metrics.ramp`;
``metrics.plans`` applies it wherever a member's daily target is resolved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from metrics.ramp import Ramp
from storage.journal import local_day
from storage.models import Member, Team
from storage.ramps import RampsRepo
from storage.repos import MembersRepo
from storage.unit import UnitOfWork

__all__ = ["RampToday", "end_ramp", "ramp_today", "start_ramp"]


@dataclass(frozen=True, slots=True)
class RampToday:
    """A member's ramp as seen on ``today``: its ``factor`` (1/2 .. 1) and whether it is
    over (``today`` on or after :attr:`metrics.ramp.Ramp.until`)."""

    ramp: Ramp
    today: date
    factor: Fraction

    @property
    def over(self) -> bool:
        return self.today >= self.ramp.until


def ramp_today(ramp: Ramp, today: date) -> RampToday:
    return RampToday(ramp, today, ramp.factor(today))


async def start_ramp(
    uow: UnitOfWork, team: Team, member: Member, weeks: int, by: int | None, today: date
) -> RampToday:
    """Start (or replace) ``member``'s ramp of ``weeks`` weeks from the day they joined
    (``members.created_at`` as the team's calendar day); committed before it returns."""
    async with uow.write() as conn:
        joined = await MembersRepo(conn).joined_at(team.id, [member.id])
        start = local_day(team, joined[member.id])
        ramp = await RampsRepo(conn).set(team.id, member.id, start, weeks, by)
    return ramp_today(ramp, today)


async def end_ramp(uow: UnitOfWork, member: Member) -> bool:
    """End ``member``'s ramp (their full plan applies again); False when they had none."""
    async with uow.write() as conn:
        return await RampsRepo(conn).end(member.id)
