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


def _restrict(table: sa.Table, scope: Scope, where: list) -> list:
    """``where`` and the scope's member and source (a table without a source: no source)."""
    if scope.member_id is not None:
        where.append(table.c.member_id == scope.member_id)
    if scope.source_id is not None and "source_id" in table.c:
        where.append(table.c.source_id == scope.source_id)
    return where


async def activity(conn: AsyncConnection, scope: Scope, by: str) -> dict[Key, Activity]:
    """Calls, leads, proposals and repeat payments, grouped by member or source (or not).

    Per source only calls and leads have a source; proposals and repeat sales
    are left out of the per-source view.
    """
    fields: dict[Key, dict[str, Any]] = defaultdict(dict)

    def restrict(table: sa.Table, where: list) -> list:
        return _restrict(table, scope, where)

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


def _event_kinds(wanted: Collection[str]) -> list[sa.ColumnElement[bool]]:
    """The condition on the event kind for the ``wanted`` fields: none when all are."""
    kinds = [kind for kind, name in EVENT_FIELDS.items() if name in wanted]
    return [] if len(kinds) == len(EVENT_FIELDS) else [meeting_events.c.kind.in_(kinds)]


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
    if scope.mode == "cohort":
        return await _cohort_counts(conn, scope, by, role, frozenset(fields))
    wanted = frozenset(fields)
    values: dict[Key, dict[str, Any]] = defaultdict(dict)
    group = _meeting_group(by, role)
    n = len(group)

    if wanted & _EVENT_FIELDS:
        query = (
            sa.select(*group, meeting_events.c.kind, sa.func.count())
            .select_from(
                meeting_events.join(meetings, meetings.c.id == meeting_events.c.meeting_id)
            )
            .where(
                *_live(meeting_events, scope),
                *_event_kinds(wanted),
                *_meeting_restrict(scope, role),
            )
            .group_by(*group, meeting_events.c.kind)
        )
        for row in await _rows(conn, query):
            values[_key(row, by)][EVENT_FIELDS[row[n]]] = int(row[n + 1])

    if wanted & PAYMENT_FIELDS:
        query = (
            sa.select(*group, sa.func.count(), sa.func.sum(payments.c.amount))
            .select_from(payments.join(meetings, meetings.c.id == payments.c.meeting_id))
            .where(
                *_live(payments, scope), payments.c.kind == "new", *_meeting_restrict(scope, role)
            )
            .group_by(*group)
        )
        for row in await _rows(conn, query):
            if row[n]:
                values[_key(row, by)].update(
                    payments=int(row[n]), revenue=Decimal(row[n + 1]).quantize(_CENT)
                )

    if wanted & PAID_FIELDS:
        _add_paid(values, await _rows(conn, _paid_query(scope, group, role)), by, n)
    return {key: Meetings(**found) for key, found in values.items()}


def _paid_query(scope: Scope, group: list, role: str, *, first_day: bool = False) -> sa.Select:
    """Period mode: the meetings whose first `new` payment falls in the scope, one row per
    meeting (per live set event, as ever): ``group``, its set and first payment instants
    (and the day of the first payment, ``first_day``)."""
    first, set_event = _first_payments(scope), _set_events()
    day = [first.c.first_day] if first_day else []
    return (
        sa.select(*group, _raw_instant(set_event.c.set_at), _raw_instant(first.c.first_at), *day)
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
    conn: AsyncConnection, scope: Scope, by: str, role: str, wanted: frozenset[str]
) -> dict[Key, Meetings]:
    """Meetings set in the period, followed through every non-void record there is now
    (the statements that count ``wanted``, as :func:`meeting_counts`)."""
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
    if wanted & _EVENT_FIELDS:
        query = (
            sa.select(*group, meeting_events.c.kind, sa.func.count(sa.distinct(meetings.c.id)))
            .select_from(cohort.join(meeting_events, meeting_events.c.meeting_id == meetings.c.id))
            .where(*in_cohort, meeting_events.c.voided_at.is_(None), *_event_kinds(wanted))
            .group_by(*group, meeting_events.c.kind)
        )
        for row in await _rows(conn, query):
            fields[_key(row, by)][EVENT_FIELDS[row[n]]] = int(row[n + 1])

    if wanted & PAYMENT_FIELDS:
        query = (
            sa.select(*group, sa.func.count(), sa.func.sum(payments.c.amount))
            .select_from(cohort.join(payments, payments.c.meeting_id == meetings.c.id))
            .where(*in_cohort, payments.c.kind == "new", payments.c.voided_at.is_(None))
            .group_by(*group)
        )
        for row in await _rows(conn, query):
            if row[n]:
                fields[_key(row, by)].update(
                    payments=int(row[n]), revenue=Decimal(row[n + 1]).quantize(_CENT)
                )

    if not wanted & PAID_FIELDS:
        return {key: Meetings(**values) for key, values in fields.items()}
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

    if wanted & CALL_FIELDS:
        threshold = (
            sa.select(rollup_state.c.value)
            .where(rollup_state.c.key == THRESHOLD_KEY)
            .scalar_subquery()
        )
        where = [
            call_days.c.team_id == whole.team_id,
            call_days.c.day >= whole.start,
            call_days.c.day <= whole.end,
        ]
        group = _group(by, call_days.c.member_id, None)
        query = (
            sa.select(
                *group,
                call_days.c.day,
                sa.func.sum(call_days.c.calls_total),
                sa.func.sum(call_days.c.calls_long),
                sa.func.sum(call_days.c.seconds),
                threshold,
            )
            .where(*_restrict(call_days, whole, where))
            .group_by(*group, call_days.c.day)
        )
        rows = await _rows(conn, query)
        built_at = rows[0][-1] if rows else await call_days_threshold(conn)
        if built_at != whole.min_call_seconds:  # the rollup counts another threshold
            group = _group(by, calls.c.member_id, None)
            long_calls = sa.case(
                (calls.c.duration_s >= whole.min_call_seconds, calls.c.count), else_=0
            )
            query = (
                sa.select(
                    *group,
                    calls.c.day,
                    sa.func.sum(calls.c.count),
                    sa.func.sum(long_calls),
                    sa.func.sum(calls.c.count * calls.c.duration_s),
                )
                .where(*_restrict(calls, whole, _live(calls, whole)))
                .group_by(*group, calls.c.day)
            )
            rows = await _rows(conn, query)
        for row in rows:
            who, (day, total, long, seconds, *_) = key(row)
            add(who, day, calls_total=int(total), calls_60=int(long), call_seconds=int(seconds))

    if wanted & LEAD_FIELDS:
        group = _group(by, leads.c.member_id, None)
        query = (
            sa.select(
                *group,
                leads.c.day,
                sa.func.count(),
                sa.func.sum(sa.case((leads.c.qualification == "targeted", 1), else_=0)),
                sa.func.sum(sa.case((leads.c.qualification == "non_targeted", 1), else_=0)),
            )
            .where(*_restrict(leads, whole, _live(leads, whole)))
            .group_by(*group, leads.c.day)
        )
        for row in await _rows(conn, query):
            who, (day, count, targeted, non_targeted) = key(row)
            add(
                who,
                day,
                leads_new=int(count),
                leads_targeted=int(targeted or 0),
                leads_non_targeted=int(non_targeted or 0),
            )

    # proposals and repeat sales have no source (see activity())
    if "proposals" in wanted and whole.source_id is None:
        group = _group(by, proposals.c.member_id, None)
        query = (
            sa.select(*group, proposals.c.day, sa.func.count())
            .where(*_restrict(proposals, whole, _live(proposals, whole)))
            .group_by(*group, proposals.c.day)
        )
        for row in await _rows(conn, query):
            who, (day, count) = key(row)
            add(who, day, proposals=int(count))

    if wanted & REPEAT_FIELDS and whole.source_id is None:
        group = _group(by, payments.c.member_id, None)
        query = (
            sa.select(
                *group,
                payments.c.day,
                payments.c.client,
                sa.func.count(),
                sa.func.sum(payments.c.amount),
            )
            .where(*_restrict(payments, whole, _live(payments, whole)), payments.c.kind == "repeat")
            .group_by(*group, payments.c.day, payments.c.client)
        )
        for row in await _rows(conn, query):
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
    group = _meeting_group(by, role)
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

    if wanted & _EVENT_FIELDS:
        query = (
            sa.select(*group, meeting_events.c.day, meeting_events.c.kind, sa.func.count())
            .select_from(
                meeting_events.join(meetings, meetings.c.id == meeting_events.c.meeting_id)
            )
            .where(
                *_live(meeting_events, whole),
                *_event_kinds(wanted),
                *_meeting_restrict(whole, role),
            )
            .group_by(*group, meeting_events.c.day, meeting_events.c.kind)
        )
        for row in await _rows(conn, query):
            who, (day, kind, count) = key(row)
            add(who, day, **{EVENT_FIELDS[kind]: int(count)})

    if wanted & PAYMENT_FIELDS:
        query = (
            sa.select(*group, payments.c.day, sa.func.count(), sa.func.sum(payments.c.amount))
            .select_from(payments.join(meetings, meetings.c.id == payments.c.meeting_id))
            .where(
                *_live(payments, whole), payments.c.kind == "new", *_meeting_restrict(whole, role)
            )
            .group_by(*group, payments.c.day)
        )
        for row in await _rows(conn, query):
            who, (day, count, amount) = key(row)
            add(who, day, payments=int(count), revenue=Decimal(amount).quantize(_CENT))

    if wanted & PAID_FIELDS:
        # a meeting first paid in the run of spans was first paid in exactly one of them
        for row in await _rows(conn, _paid_query(whole, group, role, first_day=True)):
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
