"""Aggregate queries for the metrics: GROUP BY in SQL, plain counts out.

Every function returns :class:`metrics.counts.Counts` (or a dict of them) for
one scope: a team, a day range (team-local ``day``, both ends included) and a
mode. Void records count nowhere. The SQL is dialect-neutral.

Attribution (METRICS.md sections 3, 4, 8):

* activity (calls, leads, proposals, repeat payments) counts for who did it;
* meeting events and `new` payments count for the meeting's setter
  (``as_setter``) and for its hunter (``as_hunter``) and for its source;
* the team total counts each record once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from metrics.counts import Activity, Counts, Meetings
from metrics.report import PersonCounts, SourceCounts
from storage.rollups import THRESHOLD_KEY, call_days_threshold
from storage.tables import (
    call_days,
    calls,
    leads,
    meeting_events,
    meetings,
    payments,
    proposals,
    rollup_state,
)

TEAM = "team"
MEMBER = "member"
SOURCE = "source"
EVENT_FIELDS = {
    "set": "meetings_set",
    "confirmed": "meetings_confirmed",
    "held": "meetings_held",
    "cancelled": "meetings_cancelled",
    "no_show": "meetings_no_show",
}


@dataclass(frozen=True, slots=True)
class Scope:
    team_id: int
    start: date
    end: date
    min_call_seconds: int = 60
    mode: str = "period"  # or "cohort"
    member_id: int | None = None  # restrict to one member's records / meetings
    source_id: int | None = None  # restrict to one source ("0" is never a source id)


def _live(table: sa.Table, scope: Scope) -> list[sa.ColumnElement[bool]]:
    return [
        table.c.team_id == scope.team_id,
        table.c.day >= scope.start,
        table.c.day <= scope.end,
        table.c.voided_at.is_(None),
    ]


Key = Any  # a member id, a source id (or None), or TEAM


def _group(by: str, member_col: sa.ColumnElement, source_col: sa.ColumnElement | None) -> list:
    if by == MEMBER:
        return [member_col]
    if by == SOURCE:
        return [source_col] if source_col is not None else []
    return []


async def _rows(conn: AsyncConnection, query: sa.Select) -> list[sa.Row]:
    return list((await conn.execute(query)).all())


def _key(row: sa.Row, by: str) -> Key:
    return row[0] if by in (MEMBER, SOURCE) else TEAM


# --- activity ---------------------------------------------------------------


async def activity(conn: AsyncConnection, scope: Scope, by: str) -> dict[Key, Activity]:
    """Calls, leads, proposals and repeat payments, grouped by member or source (or not).

    Per source only calls and leads have a source; proposals and repeat sales
    are left out of the per-source view.
    """
    fields: dict[Key, dict[str, Any]] = defaultdict(dict)

    def restrict(table: sa.Table, where: list, member_col: str = "member_id") -> list:
        if scope.member_id is not None:
            where.append(table.c[member_col] == scope.member_id)
        if scope.source_id is not None and "source_id" in table.c:
            where.append(table.c.source_id == scope.source_id)
        return where

    # The per-day rollup (a few thousand rows a month instead of every call) when
    # it was built at this threshold; the threshold comes back in the same query.
    group = _group(by, call_days.c.member_id, call_days.c.source_id)
    threshold = (
        sa.select(rollup_state.c.value).where(rollup_state.c.key == THRESHOLD_KEY).scalar_subquery()
    )
    where = [
        call_days.c.team_id == scope.team_id,
        call_days.c.day >= scope.start,
        call_days.c.day <= scope.end,
    ]
    query = (
        sa.select(
            *group,
            sa.func.sum(call_days.c.calls_total),
            sa.func.sum(call_days.c.calls_long),
            sa.func.sum(call_days.c.seconds),
            threshold,
        )
        .where(*restrict(call_days, where))
        .group_by(*group)
    )
    call_rows = await _rows(conn, query)
    built_at = call_rows[0][-1] if call_rows else await call_days_threshold(conn)
    if built_at != scope.min_call_seconds:
        group = _group(by, calls.c.member_id, calls.c.source_id)
        long_calls = sa.case((calls.c.duration_s >= scope.min_call_seconds, calls.c.count), else_=0)
        query = (
            sa.select(
                *group,
                sa.func.sum(calls.c.count),
                sa.func.sum(long_calls),
                sa.func.sum(calls.c.count * calls.c.duration_s),
            )
            .where(*restrict(calls, _live(calls, scope)))
            .group_by(*group)
        )
        call_rows = await _rows(conn, query)
    for row in call_rows:
        offset = len(group)
        if row[offset] is None:
            continue
        fields[_key(row, by)].update(
            calls_total=int(row[offset]),
            calls_60=int(row[offset + 1]),
            call_seconds=int(row[offset + 2]),
        )

    group = _group(by, leads.c.member_id, leads.c.source_id)
    query = (
        sa.select(
            *group,
            sa.func.count(),
            sa.func.sum(sa.case((leads.c.qualification == "targeted", 1), else_=0)),
            sa.func.sum(sa.case((leads.c.qualification == "non_targeted", 1), else_=0)),
        )
        .where(*restrict(leads, _live(leads, scope)))
        .group_by(*group)
    )
    for row in await _rows(conn, query):
        offset = len(group)
        if not row[offset]:
            continue
        fields[_key(row, by)].update(
            leads_new=int(row[offset]),
            leads_targeted=int(row[offset + 1] or 0),
            leads_non_targeted=int(row[offset + 2] or 0),
        )

    if by != SOURCE and scope.source_id is None:
        group = _group(by, proposals.c.member_id, None)
        query = (
            sa.select(*group, sa.func.count())
            .where(*restrict(proposals, _live(proposals, scope)))
            .group_by(*group)
        )
        for row in await _rows(conn, query):
            if row[len(group)]:
                fields[_key(row, by)]["proposals"] = int(row[len(group)])

        group = _group(by, payments.c.member_id, None)
        query = (
            sa.select(
                *group,
                sa.func.count(),
                sa.func.sum(payments.c.amount),
                sa.func.count(sa.distinct(payments.c.client)),
            )
            .where(*restrict(payments, _live(payments, scope)), payments.c.kind == "repeat")
            .group_by(*group)
        )
        for row in await _rows(conn, query):
            offset = len(group)
            if not row[offset]:
                continue
            fields[_key(row, by)].update(
                repeat_payments=int(row[offset]),
                repeat_revenue=Decimal(row[offset + 1]).quantize(Decimal("0.01")),
                active_clients=int(row[offset + 2]),
            )
    return {key: Activity(**values) for key, values in fields.items()}


# --- meetings ---------------------------------------------------------------


def _meeting_group(by: str, role: str) -> list:
    if by == MEMBER:
        return [meetings.c.setter_id if role == "setter" else meetings.c.hunter_id]
    if by == SOURCE:
        return [meetings.c.source_id]
    return []


def _meeting_restrict(scope: Scope, role: str) -> list:
    where: list = [meetings.c.team_id == scope.team_id]
    if scope.member_id is not None:
        column = meetings.c.setter_id if role == "setter" else meetings.c.hunter_id
        where.append(column == scope.member_id)
    if scope.source_id is not None:
        where.append(meetings.c.source_id == scope.source_id)
    return where


def _first_payments(
    scope: Scope | None = None, *, of_meetings: sa.Select | None = None
) -> sa.Subquery:
    """Each meeting's first non-void `new` payment; with a scope, only the meetings
    whose first payment falls in it (found from the scope's own payments, so a
    year of history is not grouped for a month's report); with ``of_meetings`` (a
    select of meeting ids), only those meetings' (a cohort's)."""
    live_new = (
        payments.c.kind == "new",
        payments.c.voided_at.is_(None),
        payments.c.meeting_id.is_not(None),
    )
    query = sa.select(
        payments.c.meeting_id.label("meeting_id"),
        sa.func.min(payments.c.occurred_at).label("first_at"),
        sa.func.min(payments.c.day).label("first_day"),
    ).where(*live_new)
    if scope is not None:
        paid_in_scope = sa.select(payments.c.meeting_id).where(
            *live_new,
            payments.c.team_id == scope.team_id,
            payments.c.day >= scope.start,
            payments.c.day <= scope.end,
        )
        query = query.where(payments.c.meeting_id.in_(paid_in_scope))
    if of_meetings is not None:
        query = query.where(payments.c.meeting_id.in_(of_meetings))
    return (
        query.group_by(payments.c.meeting_id)
        .having(sa.func.min(payments.c.day) >= scope.start if scope else sa.true())
        .subquery("first_payment")
    )


def _set_events() -> sa.Subquery:
    return (
        sa.select(
            meeting_events.c.meeting_id.label("meeting_id"),
            meeting_events.c.occurred_at.label("set_at"),
            meeting_events.c.day.label("set_day"),
        )
        .where(meeting_events.c.kind == "set", meeting_events.c.voided_at.is_(None))
        .subquery("set_event")
    )


async def meeting_counts(
    conn: AsyncConnection, scope: Scope, by: str, role: str = "setter"
) -> dict[Key, Meetings]:
    """Meeting events and `new` payments, attributed by ``role`` (setter or hunter)."""
    if scope.mode == "cohort":
        return await _cohort_counts(conn, scope, by, role)
    fields: dict[Key, dict[str, Any]] = defaultdict(dict)
    group = _meeting_group(by, role)
    n = len(group)

    query = (
        sa.select(*group, meeting_events.c.kind, sa.func.count())
        .select_from(meeting_events.join(meetings, meetings.c.id == meeting_events.c.meeting_id))
        .where(*_live(meeting_events, scope), *_meeting_restrict(scope, role))
        .group_by(*group, meeting_events.c.kind)
    )
    for row in await _rows(conn, query):
        fields[_key(row, by)][EVENT_FIELDS[row[n]]] = int(row[n + 1])

    query = (
        sa.select(*group, sa.func.count(), sa.func.sum(payments.c.amount))
        .select_from(payments.join(meetings, meetings.c.id == payments.c.meeting_id))
        .where(*_live(payments, scope), payments.c.kind == "new", *_meeting_restrict(scope, role))
        .group_by(*group)
    )
    for row in await _rows(conn, query):
        if row[n]:
            fields[_key(row, by)].update(
                payments=int(row[n]), revenue=Decimal(row[n + 1]).quantize(Decimal("0.01"))
            )

    first, set_event = _first_payments(scope), _set_events()
    query = (
        sa.select(*group, _raw_instant(set_event.c.set_at), _raw_instant(first.c.first_at))
        .select_from(
            meetings.join(first, first.c.meeting_id == meetings.c.id).outerjoin(
                set_event, set_event.c.meeting_id == meetings.c.id
            )
        )
        .where(
            *_meeting_restrict(scope, role),
            first.c.first_day >= scope.start,
            first.c.first_day <= scope.end,
        )
    )
    _add_paid(fields, await _rows(conn, query), by, n)
    return {key: Meetings(**values) for key, values in fields.items()}


def _add_paid(fields: dict[Key, dict[str, Any]], rows: Iterable[sa.Row], by: str, n: int) -> None:
    cycles: dict[Key, list[float]] = defaultdict(list)
    for row in rows:
        key = _key(row, by)
        fields[key]["meetings_paid"] = fields[key].get("meetings_paid", 0) + 1
        set_at, first_at = row[n], row[n + 1]
        if set_at is not None and first_at is not None:
            cycles[key].append(_days_between(set_at, first_at))
    for key, values in cycles.items():
        fields[key]["sales_cycle_days"] = tuple(sorted(values))


def _raw_instant(column: sa.ColumnElement) -> sa.ColumnElement:
    """A stored UTC instant without the per-row type processing (a report reads
    thousands of them just to subtract): SQLite gives its text, a server a datetime."""
    return sa.type_coerce(column, sa.String)


def _instant(value: str | datetime) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value.replace(tzinfo=None)


def _days_between(start: str | datetime, end: str | datetime) -> float:
    return max(0.0, (_instant(end) - _instant(start)).total_seconds() / 86400)


async def _cohort_counts(
    conn: AsyncConnection, scope: Scope, by: str, role: str
) -> dict[Key, Meetings]:
    """Meetings set in the period, followed through every non-void record there is now."""
    fields: dict[Key, dict[str, Any]] = defaultdict(dict)
    group = _meeting_group(by, role)
    n = len(group)
    set_event = _set_events()
    cohort = meetings.join(set_event, set_event.c.meeting_id == meetings.c.id)
    in_cohort = [
        set_event.c.set_day >= scope.start,
        set_event.c.set_day <= scope.end,
        *_meeting_restrict(scope, role),
    ]
    query = (
        sa.select(*group, meeting_events.c.kind, sa.func.count(sa.distinct(meetings.c.id)))
        .select_from(cohort.join(meeting_events, meeting_events.c.meeting_id == meetings.c.id))
        .where(*in_cohort, meeting_events.c.voided_at.is_(None))
        .group_by(*group, meeting_events.c.kind)
    )
    for row in await _rows(conn, query):
        fields[_key(row, by)][EVENT_FIELDS[row[n]]] = int(row[n + 1])

    query = (
        sa.select(*group, sa.func.count(), sa.func.sum(payments.c.amount))
        .select_from(cohort.join(payments, payments.c.meeting_id == meetings.c.id))
        .where(*in_cohort, payments.c.kind == "new", payments.c.voided_at.is_(None))
        .group_by(*group)
    )
    for row in await _rows(conn, query):
        if row[n]:
            fields[_key(row, by)].update(
                payments=int(row[n]), revenue=Decimal(row[n + 1]).quantize(Decimal("0.01"))
            )

    # only the cohort's meetings' payments are grouped, not every payment there is
    set_in_period = sa.select(meeting_events.c.meeting_id).where(
        meeting_events.c.team_id == scope.team_id,
        meeting_events.c.kind == "set",
        meeting_events.c.voided_at.is_(None),
        meeting_events.c.day >= scope.start,
        meeting_events.c.day <= scope.end,
    )
    first = _first_payments(of_meetings=set_in_period)
    query = (
        sa.select(*group, _raw_instant(set_event.c.set_at), _raw_instant(first.c.first_at))
        .select_from(cohort.join(first, first.c.meeting_id == meetings.c.id))
        .where(*in_cohort)
    )
    _add_paid(fields, await _rows(conn, query), by, n)
    return {key: Meetings(**values) for key, values in fields.items()}


# --- putting it together ------------------------------------------------------


async def counts(conn: AsyncConnection, scope: Scope, by: str = TEAM) -> dict[Key, Counts]:
    """Counts per member (setter view and hunter view), per source, or for the team."""
    acts = await activity(conn, scope, by)
    as_setter = await meeting_counts(conn, scope, by, "setter")
    if by == MEMBER:
        as_hunter = await meeting_counts(conn, scope, by, "hunter")
    else:
        as_hunter = as_setter
    keys = set(acts) | set(as_setter) | set(as_hunter)
    if by == MEMBER:
        keys.discard(None)  # a meeting without a hunter yet belongs to no hunter
    return {
        key: Counts(
            activity=acts.get(key, Activity()),
            as_setter=as_setter.get(key, Meetings()),
            as_hunter=as_hunter.get(key, Meetings()),
        )
        for key in keys
    }


async def team_counts(conn: AsyncConnection, scope: Scope) -> Counts:
    return (await counts(conn, scope, TEAM)).get(TEAM, Counts())


async def member_counts(conn: AsyncConnection, scope: Scope, member_id: int) -> Counts:
    """One member: their activity, the meetings they set, the meetings they hunted."""
    restricted = replace(scope, member_id=member_id)
    acts = await activity(conn, restricted, TEAM)
    return Counts(
        activity=acts.get(TEAM, Activity()),
        as_setter=(await meeting_counts(conn, restricted, TEAM, "setter")).get(TEAM, Meetings()),
        as_hunter=(await meeting_counts(conn, restricted, TEAM, "hunter")).get(TEAM, Meetings()),
    )


async def source_counts(conn: AsyncConnection, scope: Scope, source_id: int) -> Counts:
    return (await counts(conn, replace(scope, source_id=source_id), TEAM)).get(TEAM, Counts())


async def report_counts(
    conn: AsyncConnection, scope: Scope
) -> tuple[Counts, list[PersonCounts], list[SourceCounts]]:
    """Everything a METRICS.md section 8 report needs: the team, every member who is
    active or has records in the period, every source with records."""
    from storage.repos import MembersRepo
    from storage.sources import SourcesRepo

    total = await team_counts(conn, scope)
    by_member = await counts(conn, scope, MEMBER)
    people = []
    for member in await MembersRepo(conn).list_team(scope.team_id):
        if member.active or member.id in by_member:
            people.append(
                PersonCounts(
                    person_id=member.tg_user_id,
                    name=member.display_name,
                    roles=tuple(member.sorted_roles()),
                    counts=by_member.get(member.id, Counts()),
                )
            )
    by_source = await counts(conn, scope, SOURCE)
    names = {s.id: s.name for s in await SourcesRepo(conn).list(scope.team_id)}
    for source_id in by_source:
        if source_id is not None and source_id not in names:
            found = await SourcesRepo(conn).get(source_id)
            names[source_id] = found.name if found else str(source_id)
    sources = sorted(
        (
            SourceCounts(source=names.get(key) if key is not None else None, counts=value)
            for key, value in by_source.items()
        ),
        key=lambda s: (s.source is None, (s.source or "").casefold()),
    )
    return total, people, sources
