"""Action items: taking a finding of the diagnosis on, listing and closing items, and the
weekly digest's re-check (the rule is in :mod:`metrics.actions`; docs/metrics.md,
"Action items").

A finding's button carries a :class:`FindingRef` (the subject, the situation, the
period and the day the diagnosis looked from); taking it runs that diagnosis again and
records the finding it finds, so nothing the button says is trusted beyond "which one".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from metrics.actions import due_day, outcome, reference_for, working_days
from metrics.counts import Counts
from metrics.diagnosis import Finding, compare
from metrics.periods import Period
from services.diagnosis import Diagnosed, build_diagnosis, diagnosis_settings
from storage import analytics
from storage.actions import AUTO_CLOSED, DONE, ActionItem, ActionItemsRepo, NewActionItem
from storage.analytics import MEMBER, SOURCE, Scope
from storage.db import Database
from storage.journal import local_day
from storage.models import Member, Team
from storage.repos import MembersRepo
from storage.unit import UnitOfWork

# the outcomes of a tap
CREATED, EXISTS, GONE, REFUSED = "created", "exists", "gone", "refused"


@dataclass(frozen=True, slots=True)
class FindingRef:
    """Which finding a button means: its subject (``kind`` and id: the team's, the
    source's, None for records without a source, the member's), its situation, and the
    diagnosis it came from (``period`` as diagnosed, looked at from ``asof``)."""

    kind: str
    subject_id: int | None
    situation: int
    period: Period
    asof: date


def finding_ref(diagnosed: Diagnosed, finding: Finding) -> FindingRef:
    subject_id = finding.subject.id
    return FindingRef(
        finding.subject.kind,
        subject_id if isinstance(subject_id, int) else None,
        finding.situation,
        diagnosed.period,
        diagnosed.current.end,
    )


def may_take(member: Member, ref: FindingRef) -> bool:
    """A manager takes any finding; a rep only one about themselves."""
    return member.is_manager or (ref.kind == "member" and ref.subject_id == member.id)


@dataclass(frozen=True, slots=True)
class Taken:
    """What a tap did: ``created`` the item, found one ``exists`` (open) already, the
    finding is ``gone`` (the numbers changed since), or ``refused`` (not theirs)."""

    outcome: str
    item: ActionItem | None = None
    owner: Member | None = None


async def taken_keys(db: Database, team: Team) -> set[tuple[str, int | None, int, str]]:
    """(subject kind, subject id, situation, metric) of every open item of the team: the
    findings whose button already says "taken"."""
    async with db.read() as conn:
        items = await ActionItemsRepo(conn).open_items(team.id)
    return {(i.subject_kind, i.subject_id, i.situation, i.metric) for i in items}


def _new_item(
    team: Team, member: Member, owner_id: int, diagnosed: Diagnosed, f: Finding, now: datetime
) -> NewActionItem:
    behind = f.trigger == "behind_plan"
    reference = f.plan_lower if behind else f.indicator.baseline
    first = f.checks[0].code if f.checks else f.indicator.metric
    subject_id = f.subject.id if isinstance(f.subject.id, int) else None
    return NewActionItem(
        team_id=team.id,
        owner_id=owner_id,
        created_by=member.id,
        subject_kind=f.subject.kind,
        subject_id=subject_id,
        subject_name=f.subject.name,
        situation=f.situation,
        metric=f.indicator.metric,
        check_key=f"diag_checkname_{first}",
        reference="plan" if behind else "baseline",
        baseline=float(reference or 0.0),
        value_at_creation=f.indicator.now,
        period_start=diagnosed.current.start,
        period_end=diagnosed.current.end,
        baseline_days=working_days(diagnosed.current.start, diagnosed.current.end, team.workdays),
        created_at=now,
        due_day=due_day(local_day(team, now)),
    )


async def take_finding(
    db: Database,
    uow: UnitOfWork,
    team: Team,
    member: Member,
    ref: FindingRef,
    settings: Settings,
    now: datetime,
) -> Taken:
    """Make the finding ``ref`` an action item (committed before this returns). Owner: the
    rep it is about, else the manager who took it."""
    if not may_take(member, ref):
        return Taken(REFUSED)
    diagnosed = await build_diagnosis(db, team, ref.period, ref.asof, settings)
    finding = next(
        (
            f
            for f in diagnosed.report.findings
            if (f.subject.kind, f.subject.id, f.situation)
            == (ref.kind, ref.subject_id, ref.situation)
        ),
        None,
    )
    if finding is None:
        return Taken(GONE)
    async with uow.write() as conn:
        repo = ActionItemsRepo(conn)
        key = (team.id, finding.subject.kind, ref.subject_id, finding.situation)
        existing = await repo.find_open(*key, finding.indicator.metric)
        owner = member
        if existing is None:
            if finding.subject.kind == "member" and ref.subject_id is not None:
                owner = await MembersRepo(conn).get(ref.subject_id) or member
            item = await repo.add(_new_item(team, member, owner.id, diagnosed, finding, now))
            if item is not None:
                return Taken(CREATED, item, owner)
            existing = await repo.find_open(*key, finding.indicator.metric)
        if existing is not None:
            holder = await MembersRepo(conn).get(existing.owner_id)
            return Taken(EXISTS, existing, holder)
    return Taken(GONE)


# --- the numbers of an item -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemNumbers:
    """An item as its readers see it: who owns it, and its metric over ``window`` against
    its reference for that window (:func:`metrics.actions.reference_for`)."""

    item: ActionItem
    owner: str
    subject: str | None  # the member's name now; a source's or the team's as taken
    window: Period
    now: float | None
    reference: float


async def _counts_in(
    conn: AsyncConnection, team: Team, window: Period, settings: Settings
) -> dict[tuple[str, object], Counts]:
    scope = Scope(team.id, window.start, window.end, settings.min_call_seconds)
    found: dict[tuple[str, object], Counts] = {
        ("team", team.id): await analytics.team_counts(conn, scope)
    }
    for kind, by in (("member", MEMBER), ("source", SOURCE)):
        for key, counts in (await analytics.counts(conn, scope, by)).items():
            found[kind, key] = counts
    return found


async def _numbers(
    conn: AsyncConnection,
    team: Team,
    items: Sequence[ActionItem],
    window: Period,
    settings: Settings,
) -> list[ItemNumbers]:
    if not items:
        return []
    counts = await _counts_in(conn, team, window, settings)
    names = {m.id: m.display_name for m in await MembersRepo(conn).list_team(team.id)}
    days = working_days(window.start, window.end, team.workdays)
    numbers = []
    for item in items:
        current = counts.get((item.subject_kind, item.subject_id), Counts())
        stretch = (item.period_end - item.period_start).days + 1
        numbers.append(
            ItemNumbers(
                item,
                names.get(item.owner_id, "?"),
                names.get(item.subject_id or 0, item.subject_name)
                if item.subject_kind == "member"
                else item.subject_name,
                window,
                compare(item.metric, current, ()).now,
                reference_for(
                    item.metric, item.baseline, item.baseline_days, days, (stretch, window.days)
                ),
            )
        )
    return numbers


async def open_actions(
    db: Database, team: Team, member: Member, today: date, settings: Settings
) -> list[ItemNumbers]:
    """/actions: the open items (a rep's own; every one of the team for a manager), each
    with its metric this week so far against its reference for those days."""
    week = Period.containing(today, "week")
    async with db.read() as conn:
        repo = ActionItemsRepo(conn)
        items = await repo.open_items(team.id, None if member.is_manager else member.id)
        return await _numbers(conn, team, items, Period(week.start, today, "range"), settings)


@dataclass(frozen=True, slots=True)
class Closed:
    """What Done did: ``done`` (closed now), ``gone`` (not open any more, or not this
    team's), ``refused`` (neither its owner nor a manager)."""

    outcome: str
    item: ActionItem | None = None


async def close_by_hand(
    uow: UnitOfWork, team: Team, member: Member, item_id: int, now: datetime
) -> Closed:
    async with uow.write() as conn:
        repo = ActionItemsRepo(conn)
        item = await repo.get(item_id)
        if item is None or item.team_id != team.id or item.status != "open":
            return Closed(GONE, item)
        if not (member.is_manager or item.owner_id == member.id):
            return Closed(REFUSED, item)
        if not await repo.close(item.id, DONE, now, member.id):
            return Closed(GONE, item)
    return Closed(DONE, item)


async def reassign(uow: UnitOfWork, team: Team, item_id: int, owner: Member) -> ActionItem | None:
    """A manager gives an open item to another member; ``None`` when it is not open."""
    async with uow.write() as conn:
        repo = ActionItemsRepo(conn)
        item = await repo.get(item_id)
        if item is None or item.team_id != team.id or item.status != "open":
            return None
        await repo.reassign(item.id, owner.id)
        return await repo.get(item.id)


# --- the weekly digest's re-check -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reviewed:
    numbers: ItemNumbers
    outcome: str  # improved | carried | overdue (metrics.actions.OUTCOMES)


@dataclass(frozen=True, slots=True)
class ActionsReview:
    """The weekly digest's section: every open item taken by the week's last day, with
    what the week's numbers say of it."""

    week: Period
    items: tuple[Reviewed, ...]

    @property
    def improved(self) -> tuple[int, ...]:
        return tuple(r.numbers.item.id for r in self.items if r.outcome == "improved")


async def review_actions(
    db: Database, team: Team, week: Period, settings: Settings
) -> ActionsReview | None:
    """Re-check the open items against ``week`` (``None``: no item to re-check). Nothing
    is closed here: a preview must not close anything; :func:`close_improved` does once
    the digest went out."""
    threshold = diagnosis_settings(settings).threshold
    async with db.read() as conn:
        items = [
            item
            for item in await ActionItemsRepo(conn).open_items(team.id)
            if local_day(team, item.created_at) <= week.end
        ]
        numbers = await _numbers(conn, team, items, week, settings)
    if not numbers:
        return None
    reviewed = tuple(
        Reviewed(
            n,
            outcome(
                n.now,
                n.reference,
                n.item.reference,
                threshold,
                due=n.item.due_day,
                week_end=week.end,
            ),
        )
        for n in numbers
    )
    return ActionsReview(week, reviewed)


async def close_improved(db: Database, ids: Iterable[int], at: datetime) -> int:
    """Close the items a weekly digest found improved (after it was sent: it said so)."""
    closed = 0
    async with db.transaction() as conn:
        repo = ActionItemsRepo(conn)
        for item_id in ids:
            closed += await repo.close(item_id, AUTO_CLOSED, at, None)
    return closed
