"""Random but realistic record sets, written straight into the tables, and a
brute-force computation of the counts to check the SQL aggregates against."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from metrics.counts import Activity, Counts, Meetings
from storage.rollups import refresh_call_days_of_team
from storage.tables import (
    calls,
    leads,
    meeting_events,
    meetings,
    members,
    payments,
    proposals,
    sources,
)

START = date(2026, 11, 1)
DAYS = 20
MIN_CALL = 60


@dataclass
class Records:
    member_ids: list[int]
    source_ids: list[int | None]
    calls: list[dict] = field(default_factory=list)
    leads: list[dict] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    payments: list[dict] = field(default_factory=list)
    proposals: list[dict] = field(default_factory=list)


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randrange(6, 18), rng.randrange(60)), tzinfo=UTC)


def generate(rng: random.Random, member_ids: list[int], source_ids: list[int]) -> Records:
    """Calls, leads, meetings through valid lifecycles, payments, proposals; some void.

    Days are UTC dates here (the test team's zone is UTC), so ``day`` matches
    ``occurred_at``. Only the last step of a meeting is ever void, as in the bot.
    """
    srcs: list[int | None] = [None, *source_ids]
    recs = Records(member_ids, srcs)
    day = lambda: START + timedelta(days=rng.randrange(DAYS))  # noqa: E731
    void = lambda: rng.random() < 0.1  # noqa: E731
    for _ in range(rng.randrange(0, 60)):
        d = day()
        recs.calls.append(
            dict(
                member_id=rng.choice(member_ids),
                duration_s=rng.choice([0, 30, 59, 60, 61, 300]),
                count=rng.choice([1, 1, 1, 3]),
                direction=rng.choice(["in", "out"]),
                source_id=rng.choice(srcs),
                day=d,
                occurred_at=_at(d, rng),
                void=void(),
            )
        )
    for _ in range(rng.randrange(0, 25)):
        d = day()
        recs.leads.append(
            dict(
                member_id=rng.choice(member_ids),
                source_id=rng.choice(srcs),
                qualification=rng.choice([None, "targeted", "non_targeted"]),
                day=d,
                occurred_at=_at(d, rng),
                void=void(),
            )
        )
    for meeting_id in range(1, rng.randrange(1, 20)):
        setter = rng.choice(member_ids)
        named = rng.choice([None, *member_ids])
        d = day()
        path = rng.choice(
            [
                ["set"],
                ["set", "confirmed"],
                ["set", "held"],
                ["set", "confirmed", "held"],
                ["set", "cancelled"],
                ["set", "confirmed", "no_show"],
            ]
        )
        held_by = rng.choice(member_ids) if "held" in path else None
        meeting = dict(
            id=meeting_id,
            setter_id=setter,
            named_hunter_id=named,
            hunter_id=held_by or named,
            source_id=rng.choice(srcs),
        )
        recs.meetings.append(meeting)
        at = _at(d, rng)
        steps = []
        for kind in path:
            steps.append(
                dict(
                    meeting_id=meeting_id,
                    kind=kind,
                    actor_id=held_by if kind == "held" else setter,
                    day=at.date(),
                    occurred_at=at,
                    void=False,
                )
            )
            at += timedelta(days=rng.randrange(0, 4), hours=rng.randrange(1, 5))
        last_void = rng.random() < 0.1 and len(steps) > 1
        if last_void:
            steps[-1]["void"] = True
            if steps[-1]["kind"] == "held":
                meeting["hunter_id"] = named
        recs.events.extend(steps)
        if path[-1] == "held" and not last_void:
            for _ in range(rng.randrange(0, 3)):
                at += timedelta(days=rng.randrange(0, 6), hours=1)
                recs.payments.append(
                    dict(
                        kind="new",
                        meeting_id=meeting_id,
                        client=f"c{meeting_id}",
                        member_id=rng.choice(member_ids),
                        amount=Decimal(rng.randrange(1, 900)),
                        day=at.date(),
                        occurred_at=at,
                        void=void(),
                    )
                )
    for _ in range(rng.randrange(0, 10)):
        d = day()
        recs.payments.append(
            dict(
                kind="repeat",
                meeting_id=None,
                client=rng.choice(["a", "b", "c"]),
                member_id=rng.choice(member_ids),
                amount=Decimal(rng.randrange(1, 500)),
                day=d,
                occurred_at=_at(d, rng),
                void=void(),
            )
        )
    for _ in range(rng.randrange(0, 8)):
        d = day()
        recs.proposals.append(
            dict(
                member_id=rng.choice(member_ids),
                meeting_id=None,
                day=d,
                occurred_at=_at(d, rng),
                void=void(),
            )
        )
    return recs


async def insert(conn: AsyncConnection, team_id: int, recs: Records) -> None:
    now = datetime.now(UTC)

    def row(record: dict) -> dict:
        values = {k: v for k, v in record.items() if k != "void"}
        values.update(team_id=team_id, voided_at=now if record["void"] else None)
        return values

    for meeting in recs.meetings:
        await conn.execute(
            meetings.insert().values(
                team_id=team_id, client=f"c{meeting['id']}", status="set", created_at=now, **meeting
            )
        )
    for table, items in (
        (calls, recs.calls),
        (leads, recs.leads),
        (meeting_events, recs.events),
        (payments, recs.payments),
        (proposals, recs.proposals),
    ):
        if items:
            extra = {"currency": "RUB"} if table is payments else {}
            await conn.execute(table.insert(), [{**row(r), **extra} for r in items])
    await refresh_call_days_of_team(conn, team_id)


async def setup_team(conn: AsyncConnection, team_id: int, n_members: int = 4) -> tuple[list, list]:
    member_ids, source_ids = [], []
    now = datetime.now(UTC)
    for n in range(n_members):
        result = await conn.execute(
            members.insert().values(
                team_id=team_id,
                tg_user_id=9000 + n,
                display_name=f"M{n}",
                active=True,
                created_at=now,
            )
        )
        member_ids.append(result.inserted_primary_key[0])
    for name in ("google", "yandex"):
        result = await conn.execute(
            sources.insert().values(team_id=team_id, name=name, key=name, created_at=now)
        )
        source_ids.append(result.inserted_primary_key[0])
    await conn.execute(sa.text("SELECT 1"))
    return member_ids, source_ids


# --- brute force -------------------------------------------------------------


def _in(day: date, start: date, end: date) -> bool:
    return start <= day <= end


def brute_activity(recs: Records, start: date, end: date, who=lambda r: "team") -> dict:
    out: dict = defaultdict(lambda: defaultdict(int))
    for c in recs.calls:
        if c["void"] or not _in(c["day"], start, end):
            continue
        a = out[who(c)]
        a["calls_total"] += c["count"]
        a["calls_60"] += c["count"] if c["duration_s"] >= MIN_CALL else 0
        a["call_seconds"] += c["count"] * c["duration_s"]
    for lead in recs.leads:
        if lead["void"] or not _in(lead["day"], start, end):
            continue
        a = out[who(lead)]
        a["leads_new"] += 1
        a["leads_targeted"] += lead["qualification"] == "targeted"
        a["leads_non_targeted"] += lead["qualification"] == "non_targeted"
    return out


def brute_team(recs: Records, start: date, end: date, mode: str = "period") -> Counts:
    """The team's counts, each record once, straight from the definitions."""
    act = brute_activity(recs, start, end)["team"]
    live = lambda r: not r["void"]  # noqa: E731
    for p in recs.proposals:
        if live(p) and _in(p["day"], start, end):
            act["proposals"] += 1
    repeat = [
        p for p in recs.payments if p["kind"] == "repeat" and live(p) and _in(p["day"], start, end)
    ]
    act["repeat_payments"] = len(repeat)
    act["repeat_revenue"] = sum((p["amount"] for p in repeat), Decimal(0))
    act["active_clients"] = len({p["client"] for p in repeat})
    activity = Activity(**act)

    by_meeting = defaultdict(list)
    for e in recs.events:
        if live(e):
            by_meeting[e["meeting_id"]].append(e)
    new = [p for p in recs.payments if p["kind"] == "new" and live(p)]
    first: dict[int, dict] = {}
    for p in sorted(new, key=lambda p: p["occurred_at"]):
        first.setdefault(p["meeting_id"], p)
    set_at = {
        m: next((e["occurred_at"] for e in es if e["kind"] == "set"), None)
        for m, es in by_meeting.items()
    }
    names = {
        "set": "meetings_set",
        "confirmed": "meetings_confirmed",
        "held": "meetings_held",
        "cancelled": "meetings_cancelled",
        "no_show": "meetings_no_show",
    }
    m: dict = defaultdict(int)
    cycles = []
    if mode == "period":
        for es in by_meeting.values():
            for e in es:
                if _in(e["day"], start, end):
                    m[names[e["kind"]]] += 1
        in_p = [p for p in new if _in(p["day"], start, end)]
        m["payments"], revenue = len(in_p), sum((p["amount"] for p in in_p), Decimal(0))
        paid = [mid for mid, p in first.items() if _in(p["day"], start, end)]
    else:
        cohort = {
            mid
            for mid, es in by_meeting.items()
            if any(e["kind"] == "set" and _in(e["day"], start, end) for e in es)
        }
        for mid in cohort:
            for kind in {e["kind"] for e in by_meeting[mid]}:
                m[names[kind]] += 1
        mine = [p for p in new if p["meeting_id"] in cohort]
        m["payments"], revenue = len(mine), sum((p["amount"] for p in mine), Decimal(0))
        paid = [mid for mid in first if mid in cohort]
    m["meetings_paid"] = len(paid)
    for mid in paid:
        if set_at.get(mid) is not None:
            seconds = (first[mid]["occurred_at"] - set_at[mid]).total_seconds()
            cycles.append(max(0.0, seconds / 86400))
    meetings_counts = Meetings(revenue=revenue, sales_cycle_days=tuple(sorted(cycles)), **m)
    return Counts(activity=activity, as_setter=meetings_counts, as_hunter=meetings_counts)
