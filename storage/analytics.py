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

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from itertools import pairwise
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

# The fields of Activity and Meetings by the statement that counts them: a caller that
# needs only some fields (``fields=``) runs only their statements.
CALL_FIELDS = frozenset({"calls_total", "calls_60", "call_seconds"})
LEAD_FIELDS = frozenset({"leads_new", "leads_targeted", "leads_non_targeted"})
REPEAT_FIELDS = frozenset({"repeat_payments", "repeat_revenue", "active_clients"})
ACTIVITY_FIELDS = frozenset(f.name for f in dataclass_fields(Activity))
PAYMENT_FIELDS = frozenset({"payments", "revenue"})
PAID_FIELDS = frozenset({"meetings_paid", "sales_cycle_days"})  # the first payments
MEETING_FIELDS = frozenset(f.name for f in dataclass_fields(Meetings))
_EVENT_FIELDS = frozenset(EVENT_FIELDS.values())
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Scope:
    team_id: int
    start: date
    end: date
    min_call_seconds: int = 60
    mode: str = "period"  # or "cohort"
    member_id: int | None = None  # restrict to one member's records / meetings
    source_id: int | None = None  # restrict to one source ("0" is never a source id)


# Every statement below is built once per shape (its grouping, the role, whether a member
# or a source restricts it, the event kinds) and kept: a scope's values are parameters
# (:func:`_params`), so a request neither builds a statement nor has SQLAlchemy compute
# its cache key again, only looks its compiled form up.


def _param(name: str) -> sa.BindParameter:
    """A value of the scope (:func:`_params`): team_id, start, end, member_id, source_id,
    min_seconds."""
    return sa.bindparam(name)


def _params(scope: Scope) -> dict[str, Any]:
    return {
        "team_id": scope.team_id,
        "start": scope.start,
        "end": scope.end,
        "member_id": scope.member_id,
        "source_id": scope.source_id,
        "min_seconds": scope.min_call_seconds,
    }


def _live(table: sa.Table) -> list[sa.ColumnElement[bool]]:
    return [
        table.c.team_id == _param("team_id"),
        table.c.day >= _param("start"),
        table.c.day <= _param("end"),
        table.c.voided_at.is_(None),
    ]


Key = Any  # a member id, a source id (or None), or TEAM


def _group(by: str, member_col: sa.ColumnElement, source_col: sa.ColumnElement | None) -> list:
    if by == MEMBER:
        return [member_col]
    if by == SOURCE:
        return [source_col] if source_col is not None else []
    return []


async def _rows(
    conn: AsyncConnection, query: sa.Select | sa.CompoundSelect, scope: Scope
) -> Sequence[sa.Row]:
    return (await conn.execute(query, _params(scope))).all()


def _key(row: sa.Row, by: str) -> Key:
    return row[0] if by in (MEMBER, SOURCE) else TEAM


def _shape(scope: Scope) -> tuple[bool, bool]:
    """Whether a member and whether a source restrict the scope."""
    return scope.member_id is not None, scope.source_id is not None


# A statement costs a hand-off to the database (on SQLite, to its thread and back) and
# SQLAlchemy's work per execution, whatever it counts, and a subject's numbers are a
# dozen small statements. Statements of one row each (aggregates without GROUP BY) go
# side by side in one; statements of the same number of columns, one after another
# (UNION ALL, each row tagged with its statement). Each is the same SQL as on its own.


@cache
def _side_by_side(parts: tuple[sa.Select, ...]) -> sa.Select:
    """One row: the columns of each of ``parts`` (of one row each) in turn."""
    subqueries = [part.subquery(f"part_{number}") for number, part in enumerate(parts)]
    joined: sa.FromClause = subqueries[0]
    for subquery in subqueries[1:]:
        joined = joined.join(subquery, sa.true())
    columns = [column for subquery in subqueries for column in subquery.c]
    return sa.select(*columns).select_from(joined)


def _split_row(row: Sequence[Any], parts: Sequence[sa.Select]) -> list[list[Sequence[Any]]]:
    """The row of :func:`_side_by_side` as the rows of each of ``parts`` (one each)."""
    found: list[list[Sequence[Any]]] = []
    start = 0
    for part in parts:
        width = len(part.selected_columns)
        found.append([row[start : start + width]])
        start += width
    return found


@cache
def _one_after_another(parts: tuple[sa.Select, ...]) -> sa.CompoundSelect:
    """The rows of each of ``parts`` (of as many columns), its index first."""
    return sa.union_all(
        *(
            sa.select(sa.literal_column(str(number)).label("part"), *subquery.c)
            for number, subquery in enumerate(
                part.subquery(f"part_{number}") for number, part in enumerate(parts)
            )
        )
    )


async def _rows_of_each(
    conn: AsyncConnection, parts: tuple[sa.Select, ...], scope: Scope
) -> list[list[Sequence[Any]]]:
    """The rows of each of ``parts`` (of as many columns), from one statement; each row
    keeps its part's index first (its own columns from the second on)."""
    found: list[list[Sequence[Any]]] = [[] for _ in parts]
    for row in await _rows(conn, _one_after_another(parts), scope):
        found[row[0]].append(row)
    return found


async def _one_row(conn: AsyncConnection, query: sa.Select, scope: Scope) -> sa.Row:
    return (await conn.execute(query, _params(scope))).one()


# --- activity ---------------------------------------------------------------


def _restrict(table: sa.Table, member: bool, source: bool, where: list) -> list:
    """``where`` and the scope's member and source (a table without a source: no source)."""
    if member:
        where.append(table.c.member_id == _param("member_id"))
    if source and "source_id" in table.c:
        where.append(table.c.source_id == _param("source_id"))
    return where


@cache
def _call_days_query(by: str, member: bool, source: bool, per_day: bool = False) -> sa.Select:
    """The calls from the per-day rollup (``per_day``: grouped by day too), and the
    threshold it was built at in the same query."""
    group = _group(by, call_days.c.member_id, call_days.c.source_id)
    day = [call_days.c.day] if per_day else []
    threshold = (
        sa.select(rollup_state.c.value).where(rollup_state.c.key == THRESHOLD_KEY).scalar_subquery()
    )
    where = [
        call_days.c.team_id == _param("team_id"),
        call_days.c.day >= _param("start"),
        call_days.c.day <= _param("end"),
    ]
    return (
        sa.select(
            *group,
            *day,
            sa.func.sum(call_days.c.calls_total),
            sa.func.sum(call_days.c.calls_long),
            sa.func.sum(call_days.c.seconds),
            threshold,
        )
        .where(*_restrict(call_days, member, source, where))
        .group_by(*group, *day)
    )


@cache
def _calls_query(by: str, member: bool, source: bool, per_day: bool = False) -> sa.Select:
    """The calls counted from every call (the rollup counts another threshold)."""
    group = _group(by, calls.c.member_id, calls.c.source_id)
    day = [calls.c.day] if per_day else []
    long_calls = sa.case((calls.c.duration_s >= _param("min_seconds"), calls.c.count), else_=0)
    return (
        sa.select(
            *group,
            *day,
            sa.func.sum(calls.c.count),
            sa.func.sum(long_calls),
            sa.func.sum(calls.c.count * calls.c.duration_s),
        )
        .where(*_restrict(calls, member, source, _live(calls)))
        .group_by(*group, *day)
    )


@cache
def _leads_query(by: str, member: bool, source: bool, per_day: bool = False) -> sa.Select:
    group = _group(by, leads.c.member_id, leads.c.source_id)
    day = [leads.c.day] if per_day else []
    return (
        sa.select(
            *group,
            *day,
            sa.func.count(),
            sa.func.sum(sa.case((leads.c.qualification == "targeted", 1), else_=0)),
            sa.func.sum(sa.case((leads.c.qualification == "non_targeted", 1), else_=0)),
        )
        .where(*_restrict(leads, member, source, _live(leads)))
        .group_by(*group, *day)
    )


@cache
def _proposals_query(by: str, member: bool, per_day: bool = False) -> sa.Select:
    group = _group(by, proposals.c.member_id, None)
    day = [proposals.c.day] if per_day else []
    return (
        sa.select(*group, *day, sa.func.count())
        .where(*_restrict(proposals, member, False, _live(proposals)))
        .group_by(*group, *day)
    )


@cache
def _repeat_query(by: str, member: bool) -> sa.Select:
    group = _group(by, payments.c.member_id, None)
    return (
        sa.select(
            *group,
            sa.func.count(),
            sa.func.sum(payments.c.amount),
            sa.func.count(sa.distinct(payments.c.client)),
        )
        .where(*_restrict(payments, member, False, _live(payments)), payments.c.kind == "repeat")
        .group_by(*group)
    )


@cache
def _repeat_by_day_query(by: str, member: bool) -> sa.Select:
    """Repeat payments by day and client (distinct clients are gathered per span)."""
    group = _group(by, payments.c.member_id, None)
    return (
        sa.select(
            *group,
            payments.c.day,
            payments.c.client,
            sa.func.count(),
            sa.func.sum(payments.c.amount),
        )
        .where(*_restrict(payments, member, False, _live(payments)), payments.c.kind == "repeat")
        .group_by(*group, payments.c.day, payments.c.client)
    )


def _activity_parts(by: str, member: bool, source: bool) -> tuple[sa.Select, ...]:
    """:func:`activity`'s statements: calls (from the rollup, with the threshold it was
    built at), leads, and but for a source proposals and repeat payments."""
    parts = (_call_days_query(by, member, source), _leads_query(by, member, source))
    if by != SOURCE and not source:  # proposals and repeat sales have no source
        parts += (_proposals_query(by, member), _repeat_query(by, member))
    return parts


async def activity(conn: AsyncConnection, scope: Scope, by: str) -> dict[Key, Activity]:
    """Calls, leads, proposals and repeat payments, grouped by member or source (or not).

    Per source only calls and leads have a source; proposals and repeat sales
    are left out of the per-source view.
    """
    parts = _activity_parts(by, *_shape(scope))
    if by == TEAM:  # a row each: one statement
        found = _split_row(await _one_row(conn, _side_by_side(parts), scope), parts)
    else:
        found = [await _rows(conn, part, scope) for part in parts]
    return await _activity_of(conn, scope, by, found)


async def _activity_of(
    conn: AsyncConnection, scope: Scope, by: str, found: Sequence[Sequence[Sequence[Any]]]
) -> dict[Key, Activity]:
    """The activity from the rows of :func:`_activity_parts`, in turn."""
    fields: dict[Key, dict[str, Any]] = defaultdict(dict)
    call_rows, lead_rows, *rest = found
    proposal_rows, repeat_rows = rest or ((), ())
    # The per-day rollup (a few thousand rows a month instead of every call) when
    # it was built at this threshold; the threshold comes back in the same query.
    built_at = call_rows[0][-1] if call_rows else await call_days_threshold(conn)
    if built_at != scope.min_call_seconds:
        call_rows = await _rows(conn, _calls_query(by, *_shape(scope)), scope)
    offset = 1 if by in (MEMBER, SOURCE) else 0
    for row in call_rows:
        if row[offset] is None:
            continue
        fields[_key(row, by)].update(
            calls_total=int(row[offset]),
            calls_60=int(row[offset + 1]),
            call_seconds=int(row[offset + 2]),
        )

    for row in lead_rows:
        if not row[offset]:
            continue
        fields[_key(row, by)].update(
            leads_new=int(row[offset]),
            leads_targeted=int(row[offset + 1] or 0),
            leads_non_targeted=int(row[offset + 2] or 0),
        )

    for row in proposal_rows:
        if row[offset]:
            fields[_key(row, by)]["proposals"] = int(row[offset])

    for row in repeat_rows:
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


def _meeting_restrict(role: str, member: bool, source: bool) -> list:
    where: list = [meetings.c.team_id == _param("team_id")]
    if member:
        column = meetings.c.setter_id if role == "setter" else meetings.c.hunter_id
        where.append(column == _param("member_id"))
    if source:
        where.append(meetings.c.source_id == _param("source_id"))
    return where


def _first_payments(*, in_scope: bool = False, of_meetings: sa.Select | None = None) -> sa.Subquery:
    """Each meeting's first non-void `new` payment; ``in_scope``: only the meetings
    whose first payment falls in the scope (found from the scope's own payments, so a
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
    if in_scope:
        paid_in_scope = sa.select(payments.c.meeting_id).where(
            *live_new,
            payments.c.team_id == _param("team_id"),
            payments.c.day >= _param("start"),
            payments.c.day <= _param("end"),
        )
        query = query.where(payments.c.meeting_id.in_(paid_in_scope))
    if of_meetings is not None:
        query = query.where(payments.c.meeting_id.in_(of_meetings))
    return (
        query.group_by(payments.c.meeting_id)
        .having(sa.func.min(payments.c.day) >= _param("start") if in_scope else sa.true())
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


def _event_kinds(wanted: Collection[str]) -> tuple[str, ...] | None:
    """The event kinds of the ``wanted`` fields: None when all are."""
    kinds = tuple(kind for kind, name in EVENT_FIELDS.items() if name in wanted)
    return None if len(kinds) == len(EVENT_FIELDS) else kinds


def _kind_in(kinds: tuple[str, ...] | None) -> list[sa.ColumnElement[bool]]:
    return [] if kinds is None else [meeting_events.c.kind.in_(kinds)]


def _period_events(
    role: str, member: bool, source: bool, kinds: tuple[str, ...] | None
) -> tuple[sa.FromClause, list]:
    """Period mode: the meeting events of ``kinds`` (None: all) in the days, and the
    conditions."""
    events = meeting_events.join(meetings, meetings.c.id == meeting_events.c.meeting_id)
    where = [*_live(meeting_events), *_kind_in(kinds), *_meeting_restrict(role, member, source)]
    return events, where


@cache
def _events_query(
    by: str,
    role: str,
    member: bool,
    source: bool,
    kinds: tuple[str, ...] | None,
    per_day: bool = False,
) -> sa.Select:
    """Period mode: the meeting events of ``kinds`` (None: all) by kind."""
    group = _meeting_group(by, role)
    day = [meeting_events.c.day] if per_day else []
    events, where = _period_events(role, member, source, kinds)
    return (
        sa.select(*group, *day, meeting_events.c.kind, sa.func.count())
        .select_from(events)
        .where(*where)
        .group_by(*group, *day, meeting_events.c.kind)
    )


@cache
def _event_counts_query(mode: str, role: str, member: bool, source: bool) -> sa.Select:
    """One row (no grouping): the count of each kind of event in :data:`EVENT_FIELDS`'
    order, as :func:`_events_query` (period) or :func:`_cohort_events_query` (cohort:
    the cohort's meetings with such an event) count them by kind."""
    if mode == "cohort":
        events, where = _cohort_events(role, member, source, None)
        counted = lambda: sa.func.count(sa.distinct(meetings.c.id))  # noqa: E731
    else:
        events, where = _period_events(role, member, source, None)
        counted = sa.func.count
    kinds = [counted().filter(meeting_events.c.kind == kind) for kind in EVENT_FIELDS]
    return sa.select(*kinds).select_from(events).where(*where)


@cache
def _new_payments_query(
    by: str, role: str, member: bool, source: bool, per_day: bool = False
) -> sa.Select:
    """Period mode: the `new` payments of the meetings."""
    group = _meeting_group(by, role)
    day = [payments.c.day] if per_day else []
    return (
        sa.select(*group, *day, sa.func.count(), sa.func.sum(payments.c.amount))
        .select_from(payments.join(meetings, meetings.c.id == payments.c.meeting_id))
        .where(*_live(payments), payments.c.kind == "new", *_meeting_restrict(role, member, source))
        .group_by(*group, *day)
    )


async def meeting_counts(
    conn: AsyncConnection,
    scope: Scope,
    by: str,
    role: str = "setter",
    fields: Collection[str] = MEETING_FIELDS,
) -> dict[Key, Meetings]:
    """Meeting events and `new` payments, attributed by ``role`` (setter or hunter).

    Only the statements that count ``fields`` (of :class:`Meetings`) run, and only the
    event kinds asked for are counted; what no statement run counts is 0 (the first
    payments, for ``meetings_paid`` and the sales cycle, are the dearest)."""
    cohort = scope.mode == "cohort"  # meetings set in the period, followed to now
    events, new_payments, paid = _COHORT_QUERIES if cohort else _PERIOD_QUERIES
    wanted = frozenset(fields)
    values: dict[Key, dict[str, Any]] = defaultdict(dict)
    n = len(_meeting_group(by, role))
    member, source = _shape(scope)
    if wanted & _EVENT_FIELDS:
        query = events(by, role, member, source, _event_kinds(wanted))
        _add_events(values, await _rows(conn, query, scope), by, n)
    if wanted & PAYMENT_FIELDS:
        query = new_payments(by, role, member, source)
        _add_payments(values, await _rows(conn, query, scope), by, n)
    if wanted & PAID_FIELDS:
        query = paid(by, role, member, source)
        _add_paid(values, await _rows(conn, query, scope), by, n)
    return {key: Meetings(**found) for key, found in values.items()}


def _add_events(
    fields: dict[Key, dict[str, Any]], rows: Iterable[Sequence[Any]], by: str, n: int
) -> None:
    """Meeting events by kind (the group, then the kind and its count from column ``n``)."""
    for row in rows:
        fields[_key(row, by)][EVENT_FIELDS[row[n]]] = int(row[n + 1])


def _add_payments(
    fields: dict[Key, dict[str, Any]], rows: Iterable[Sequence[Any]], by: str, n: int
) -> None:
    """`new` payments (the group, then their count and sum from column ``n``)."""
    for row in rows:
        if row[n]:
            fields[_key(row, by)].update(
                payments=int(row[n]), revenue=Decimal(row[n + 1]).quantize(_CENT)
            )


@cache
def _paid_query(
    by: str, role: str, member: bool, source: bool, *, first_day: bool = False
) -> sa.Select:
    """Period mode: the meetings whose first `new` payment falls in the scope, one row per
    meeting (per live set event, as ever): the group, its set and first payment instants
    (and the day of the first payment, ``first_day``)."""
    first, set_event = _first_payments(in_scope=True), _set_events()
    day = [first.c.first_day] if first_day else []
    return (
        sa.select(
            *_meeting_group(by, role),
            _raw_instant(set_event.c.set_at),
            _raw_instant(first.c.first_at),
            *day,
        )
        .select_from(
            meetings.join(first, first.c.meeting_id == meetings.c.id).outerjoin(
                set_event, set_event.c.meeting_id == meetings.c.id
            )
        )
        .where(
            *_meeting_restrict(role, member, source),
            first.c.first_day >= _param("start"),
            first.c.first_day <= _param("end"),
        )
    )


def _add_paid(
    fields: dict[Key, dict[str, Any]], rows: Iterable[Sequence[Any]], by: str, n: int
) -> None:
    """One paid meeting a row (the group, then its set and first payment instants from
    column ``n``): each key's ``meetings_paid`` and days from set to first payment."""
    grouped = by in (MEMBER, SOURCE)
    paid: dict[Key, int] = defaultdict(int)
    cycles: dict[Key, list[float]] = defaultdict(list)
    for row in rows:
        key = row[0] if grouped else TEAM
        paid[key] += 1
        set_at, first_at = row[n], row[n + 1]
        if set_at is not None and first_at is not None:
            cycles[key].append(_days_between(set_at, first_at))
    for key, count in paid.items():
        fields[key]["meetings_paid"] = fields[key].get("meetings_paid", 0) + count
    for key, values in cycles.items():
        fields[key]["sales_cycle_days"] = tuple(sorted(values))


def _raw_instant(column: sa.ColumnElement) -> sa.ColumnElement:
    """A stored UTC instant without the per-row type processing (a report reads
    thousands of them just to subtract): SQLite gives its text, a server a datetime."""
    return sa.type_coerce(column, sa.String)


def _instant(value: str | datetime) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value.replace(tzinfo=None)


def _days_between(start: str | datetime, end: str | datetime) -> float:
    """Days from ``start`` to ``end``, 0 when ``end`` is earlier (thousands a report)."""
    if type(start) is str and type(end) is str:  # SQLite's text: parsed, no more
        days = (_parse_instant(end) - _parse_instant(start)).total_seconds() / 86400
    else:
        days = (_instant(end) - _instant(start)).total_seconds() / 86400
    return days if days > 0.0 else 0.0


_parse_instant = datetime.fromisoformat


def _cohort(role: str, member: bool, source: bool) -> tuple[sa.Join, sa.Subquery, list]:
    """The meetings set in the scope's days, with their set events, and the conditions."""
    set_event = _set_events()
    cohort = meetings.join(set_event, set_event.c.meeting_id == meetings.c.id)
    in_cohort = [
        set_event.c.set_day >= _param("start"),
        set_event.c.set_day <= _param("end"),
        *_meeting_restrict(role, member, source),
    ]
    return cohort, set_event, in_cohort


def _cohort_events(
    role: str, member: bool, source: bool, kinds: tuple[str, ...] | None
) -> tuple[sa.FromClause, list]:
    """Cohort mode: the live events of ``kinds`` (None: all) of the meetings set in the
    days, and the conditions."""
    cohort, _, in_cohort = _cohort(role, member, source)
    events = cohort.join(meeting_events, meeting_events.c.meeting_id == meetings.c.id)
    return events, [*in_cohort, meeting_events.c.voided_at.is_(None), *_kind_in(kinds)]


@cache
def _cohort_events_query(
    by: str, role: str, member: bool, source: bool, kinds: tuple[str, ...] | None
) -> sa.Select:
    group = _meeting_group(by, role)
    events, where = _cohort_events(role, member, source, kinds)
    return (
        sa.select(*group, meeting_events.c.kind, sa.func.count(sa.distinct(meetings.c.id)))
        .select_from(events)
        .where(*where)
        .group_by(*group, meeting_events.c.kind)
    )


@cache
def _cohort_payments_query(by: str, role: str, member: bool, source: bool) -> sa.Select:
    group = _meeting_group(by, role)
    cohort, _, in_cohort = _cohort(role, member, source)
    return (
        sa.select(*group, sa.func.count(), sa.func.sum(payments.c.amount))
        .select_from(cohort.join(payments, payments.c.meeting_id == meetings.c.id))
        .where(*in_cohort, payments.c.kind == "new", payments.c.voided_at.is_(None))
        .group_by(*group)
    )


@cache
def _cohort_paid_query(by: str, role: str, member: bool, source: bool) -> sa.Select:
    """The cohort's paid meetings: the group, the set and first payment instants."""
    cohort, set_event, in_cohort = _cohort(role, member, source)
    # only the cohort's meetings' payments are grouped, not every payment there is
    set_in_period = sa.select(meeting_events.c.meeting_id).where(
        meeting_events.c.team_id == _param("team_id"),
        meeting_events.c.kind == "set",
        meeting_events.c.voided_at.is_(None),
        meeting_events.c.day >= _param("start"),
        meeting_events.c.day <= _param("end"),
    )
    first = _first_payments(of_meetings=set_in_period)
    return (
        sa.select(
            *_meeting_group(by, role),
            _raw_instant(set_event.c.set_at),
            _raw_instant(first.c.first_at),
        )
        .select_from(cohort.join(first, first.c.meeting_id == meetings.c.id))
        .where(*in_cohort)
    )


# the statements of meeting_counts: (events, new payments, first payments) per mode
_PERIOD_QUERIES = (_events_query, _new_payments_query, _paid_query)
_COHORT_QUERIES = (_cohort_events_query, _cohort_payments_query, _cohort_paid_query)


# --- many spans at once --------------------------------------------------------------
#
# A trend asks for the same counts over a dozen consecutive weeks. Rather than a dozen
# of each statement, one statement per kind of record covers all of them, grouped by
# day, and the days are added up per span in Python: counts and sums of records add up
# over days (money through cents, as each span's own sum would be rounded), distinct
# clients are gathered per span, and each paid meeting goes to the span of its first
# payment's day. A cohort (the meetings set in a span, each counted once) does not add
# up over days: it is counted span by span.

Span = tuple[date, date]  # first and last day, both included


class _Spans:
    """Sorted, disjoint spans, and which of them holds a day."""

    def __init__(self, spans: Sequence[Span]) -> None:
        if not spans:
            raise ValueError("no spans")
        if any(end < start for start, end in spans) or any(
            following <= end for (_, end), (following, _) in pairwise(spans)
        ):
            raise ValueError(f"spans must be sorted and disjoint: {spans!r}")
        self.spans = tuple(spans)
        self._starts = [start for start, _ in spans]

    def scope(self, scope: Scope) -> Scope:
        """``scope`` over the whole run of spans."""
        return replace(scope, start=self.spans[0][0], end=self.spans[-1][1])

    def index(self, day: date) -> int | None:
        """The index of the span that holds ``day``, None when none does."""
        found = bisect_right(self._starts, day) - 1
        return found if found >= 0 and day <= self.spans[found][1] else None


async def activity_by_span(
    conn: AsyncConnection,
    scope: Scope,
    spans: Sequence[Span],
    fields: Collection[str] = ACTIVITY_FIELDS,
) -> list[Activity]:
    """For each of ``spans``, the scope's activity in it as
    ``activity(conn, <scope over the span>, TEAM)`` counts it: ``fields`` (of
    :class:`Activity`) and whatever else their statements count (the rest is 0). One
    statement per kind of record ``fields`` need, whatever the number of spans."""
    found = await _activity_by_span(conn, scope, spans, fields, TEAM)
    return found.get(TEAM) or [Activity() for _ in spans]


async def member_activity_by_span(
    conn: AsyncConnection,
    scope: Scope,
    spans: Sequence[Span],
    fields: Collection[str] = ACTIVITY_FIELDS,
) -> dict[int, list[Activity]]:
    """:func:`activity_by_span` for each member with activity in the spans (member id ->
    one :class:`Activity` per span), with the same statements grouped by member too."""
    return await _activity_by_span(conn, scope, spans, fields, MEMBER)


async def _activity_by_span(
    conn: AsyncConnection,
    scope: Scope,
    spans: Sequence[Span],
    fields: Collection[str],
    by: str,
) -> dict[Key, list[Activity]]:
    found = _Spans(spans)
    whole = found.scope(scope)
    wanted = frozenset(fields)
    sums: dict[Key, list[dict[str, Any]]] = defaultdict(
        lambda: [defaultdict(int) for _ in found.spans]
    )
    clients: dict[Key, list[set[str]]] = defaultdict(lambda: [set() for _ in found.spans])

    def key(row: sa.Row) -> tuple[Key, tuple[Any, ...]]:
        """The row's member (or TEAM) and the rest of it."""
        return (row[0], tuple(row[1:])) if by == MEMBER else (TEAM, tuple(row))

    def add(who: Key, day: date, **values: Any) -> None:
        index = found.index(day)
        if index is not None:
            for name, value in values.items():
                sums[who][index][name] += value

    member, source = _shape(whole)
    if wanted & CALL_FIELDS:
        rows = await _rows(conn, _call_days_query(by, member, source, per_day=True), whole)
        built_at = rows[0][-1] if rows else await call_days_threshold(conn)
        if built_at != whole.min_call_seconds:  # the rollup counts another threshold
            rows = await _rows(conn, _calls_query(by, member, source, per_day=True), whole)
        for row in rows:
            who, (day, total, long, seconds, *_) = key(row)
            add(who, day, calls_total=int(total), calls_60=int(long), call_seconds=int(seconds))

    if wanted & LEAD_FIELDS:
        query = _leads_query(by, member, source, per_day=True)
        for row in await _rows(conn, query, whole):
            who, (day, count, targeted, non_targeted) = key(row)
            add(
                who,
                day,
                leads_new=int(count),
                leads_targeted=int(targeted or 0),
                leads_non_targeted=int(non_targeted or 0),
            )

    # proposals and repeat sales have no source (see activity())
    if "proposals" in wanted and not source:
        for row in await _rows(conn, _proposals_query(by, member, per_day=True), whole):
            who, (day, count) = key(row)
            add(who, day, proposals=int(count))

    if wanted & REPEAT_FIELDS and not source:
        for row in await _rows(conn, _repeat_by_day_query(by, member), whole):
            who, (day, client, count, amount) = key(row)
            add(
                who, day, repeat_payments=int(count), repeat_revenue=Decimal(amount).quantize(_CENT)
            )
            index = found.index(day)
            if index is not None and client is not None:  # count(DISTINCT) skips NULL
                clients[who][index].add(client)

    result: dict[Key, list[Activity]] = {}
    for who, spans_sums in sums.items():
        result[who] = []
        for values, distinct in zip(spans_sums, clients[who], strict=True):
            if "repeat_payments" in values:
                values["active_clients"] = len(distinct)
            result[who].append(Activity(**values))
    return result


async def meetings_by_span(
    conn: AsyncConnection,
    scope: Scope,
    spans: Sequence[Span],
    role: str = "setter",
    fields: Collection[str] = MEETING_FIELDS,
) -> list[Meetings]:
    """For each of ``spans``, the scope's meetings as
    ``meeting_counts(conn, <scope over the span>, TEAM, role, fields)`` counts them:
    ``fields`` (of :class:`Meetings`) and whatever else their statements count (the rest
    is 0). Period mode: one statement per kind of record ``fields`` need, whatever the
    number of spans; cohort mode: those statements span by span."""
    wanted = frozenset(fields)
    found = _Spans(spans)
    if scope.mode == "cohort":
        return [
            (await meeting_counts(conn, replace(scope, start=s, end=e), TEAM, role, wanted)).get(
                TEAM, Meetings()
            )
            for s, e in found.spans
        ]
    counted = await _meetings_by_span(conn, scope, found, role, wanted, TEAM)
    return counted.get(TEAM) or [Meetings() for _ in spans]


async def member_meetings_by_span(
    conn: AsyncConnection,
    scope: Scope,
    spans: Sequence[Span],
    role: str = "setter",
    fields: Collection[str] = MEETING_FIELDS,
) -> dict[int, list[Meetings]]:
    """:func:`meetings_by_span` (period mode) for each member the meetings count for as
    their ``role`` (member id -> one :class:`Meetings` per span), with the same statements
    grouped by member too; a meeting without a hunter yet belongs to no hunter."""
    if scope.mode == "cohort":
        raise ValueError("meetings per member and span are counted in period mode only")
    found = await _meetings_by_span(conn, scope, _Spans(spans), role, frozenset(fields), MEMBER)
    found.pop(None, None)
    return found


async def _meetings_by_span(
    conn: AsyncConnection,
    scope: Scope,
    found: _Spans,
    role: str,
    wanted: frozenset[str],
    by: str,
) -> dict[Key, list[Meetings]]:
    whole = found.scope(scope)
    sums: dict[Key, list[dict[str, Any]]] = defaultdict(
        lambda: [defaultdict(int) for _ in found.spans]
    )
    cycles: dict[Key, list[list[float]]] = defaultdict(lambda: [[] for _ in found.spans])

    def key(row: sa.Row) -> tuple[Key, tuple[Any, ...]]:
        """The row's member (or TEAM) and the rest of it."""
        return (row[0], tuple(row[1:])) if by == MEMBER else (TEAM, tuple(row))

    def add(who: Key, day: date, **values: Any) -> int | None:
        index = found.index(day)
        if index is not None:
            for name, value in values.items():
                sums[who][index][name] += value
        return index

    member, source = _shape(whole)
    if wanted & _EVENT_FIELDS:
        query = _events_query(by, role, member, source, _event_kinds(wanted), per_day=True)
        for row in await _rows(conn, query, whole):
            who, (day, kind, count) = key(row)
            add(who, day, **{EVENT_FIELDS[kind]: int(count)})

    if wanted & PAYMENT_FIELDS:
        query = _new_payments_query(by, role, member, source, per_day=True)
        for row in await _rows(conn, query, whole):
            who, (day, count, amount) = key(row)
            add(who, day, payments=int(count), revenue=Decimal(amount).quantize(_CENT))

    if wanted & PAID_FIELDS:
        # a meeting first paid in the run of spans was first paid in exactly one of them
        query = _paid_query(by, role, member, source, first_day=True)
        for row in await _rows(conn, query, whole):
            who, (set_at, first_at, first_day) = key(row)
            index = add(who, first_day, meetings_paid=1)
            if index is not None and set_at is not None and first_at is not None:
                cycles[who][index].append(_days_between(set_at, first_at))

    return {
        who: [
            Meetings(**values, **({"sales_cycle_days": tuple(sorted(days))} if days else {}))
            for values, days in zip(spans_sums, cycles[who], strict=True)
        ]
        for who, spans_sums in sums.items()
    }


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


async def period_and_cohort(conn: AsyncConnection, scope: Scope) -> tuple[Counts, Counts]:
    """The scope's counts in period mode and in cohort mode (whatever ``scope.mode``): the
    team's, or one member's or source's when the scope names one, as
    :func:`team_counts`, :func:`member_counts` and :func:`source_counts` count them.

    Calls, leads, proposals and repeat sales count alike in both modes (only meetings
    follow a cohort), so they are counted once; the statements go in two: the counts
    (activity, meeting events, `new` payments), the first payments."""
    member, source = _shape(scope)
    # a member hunts other meetings than they set; a team's or a source's are the same
    roles = ("setter", "hunter") if member else ("setter",)
    views = [(mode, role) for mode in ("period", "cohort") for role in roles]
    payments_of = {"period": _new_payments_query, "cohort": _cohort_payments_query}
    paid_of = {"period": _paid_query, "cohort": _cohort_paid_query}

    acts = _activity_parts(TEAM, member, source)
    events = tuple(_event_counts_query(mode, role, member, source) for mode, role in views)
    payments = tuple(payments_of[mode](TEAM, role, member, source) for mode, role in views)
    one_row = acts + events + payments
    found = _split_row(await _one_row(conn, _side_by_side(one_row), scope), one_row)
    activity = (await _activity_of(conn, scope, TEAM, found[: len(acts)])).get(TEAM, Activity())
    events_rows = found[len(acts) : len(acts) + len(events)]
    payments_rows = found[len(acts) + len(events) :]
    paid = tuple(paid_of[mode](TEAM, role, member, source) for mode, role in views)
    paid_rows = await _rows_of_each(conn, paid, scope)
    counted = []
    for index in range(len(views)):
        values: dict[Key, dict[str, Any]] = defaultdict(dict)
        (event_counts,) = events_rows[index]
        for name, count in zip(EVENT_FIELDS.values(), event_counts, strict=True):
            if count:
                values[TEAM][name] = int(count)
        _add_payments(values, payments_rows[index], TEAM, 0)
        _add_paid(values, paid_rows[index], TEAM, 1)  # after the part's index
        counted.append(Meetings(**values.get(TEAM, {})))
    if member:  # period as setter, as hunter; cohort as setter, as hunter
        period = Counts(activity, as_setter=counted[0], as_hunter=counted[1])
        cohort = Counts(activity, as_setter=counted[2], as_hunter=counted[3])
    else:
        period = Counts(activity, as_setter=counted[0], as_hunter=counted[0])
        cohort = Counts(activity, as_setter=counted[1], as_hunter=counted[1])
    return period, cohort


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
