"""``python -m bot demo``: a realistic, seeded history for a newcomer to look at.

A 3 SDR + 2 hunter + 1 farmer team (and a manager), working days only, two
lead sources of different quality (Google brings mostly targeted leads,
Yandex mostly non-targeted), and a dip in one SDR's confirmations over the
last two weeks, so the charts and the diagnosis have something to show.
All records are written as one entry (origin ``demo``), which a manager can
void as a whole.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.models import Team
from storage.repos import MembersRepo, utcnow
from storage.rollups import refresh_call_days_of_team
from storage.sources import SourcesRepo
from storage.tables import (
    calls,
    entries,
    leads,
    meeting_events,
    meetings,
    payments,
    proposals,
)

DEMO_PEOPLE = (
    # (telegram id, name, roles)
    (900001, "Иван Петров", {"sdr"}),
    (900002, "Ольга Смирнова", {"sdr"}),
    (900003, "Дмитрий Козлов", {"sdr"}),
    (900004, "Анна Волкова", {"hunter"}),
    (900005, "Сергей Морозов", {"hunter"}),
    (900006, "Мария Фёдорова", {"farmer"}),
    (900007, "Руководитель (демо)", {"manager"}),
)
RECORD_TABLES = (calls, leads, meeting_events, payments, proposals)


class DemoRefused(Exception):
    """The database already has records; demo data would mix with real ones."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    days: int
    calls: int
    leads: int
    meetings: int
    payments: int


async def has_records(conn: AsyncConnection, team_id: int) -> bool:
    for table in RECORD_TABLES:
        found = await conn.execute(sa.select(table.c.id).where(table.c.team_id == team_id).limit(1))
        if found.first() is not None:
            return True
    return False


async def generate_demo(
    conn: AsyncConnection,
    team: Team,
    *,
    days: int = 60,
    seed: int = 42,
    force: bool = False,
    today: date | None = None,
) -> DemoSummary:
    if not force and await has_records(conn, team.id):
        raise DemoRefused(team.name)
    rng = random.Random(seed)
    zone = ZoneInfo(team.timezone)
    today = today or utcnow().astimezone(zone).date()
    people = await _ensure_people(conn, team)
    sdrs = [p for p in people.values() if "sdr" in p[1]]
    hunters = [p for p in people.values() if "hunter" in p[1]]
    farmer = next(p for p in people.values() if "farmer" in p[1])
    sources_repo = SourcesRepo(conn)
    google = await sources_repo.resolve(team.id, "google") or await sources_repo.add(
        team.id, "google"
    )
    yandex = await sources_repo.resolve(team.id, "yandex") or await sources_repo.add(
        team.id, "yandex"
    )
    now = utcnow()
    entry_id = (
        await conn.execute(
            entries.insert().values(
                team_id=team.id,
                member_id=None,
                created_by=None,
                kind="demo",
                origin="demo",
                details={"days": days, "seed": seed},
                created_at=now,
            )
        )
    ).inserted_primary_key[0]
    common = {"team_id": team.id, "entry_id": entry_id, "origin": "demo"}

    def at(day: date, hour: float) -> datetime:
        local = datetime.combine(day, time(int(hour), int(hour % 1 * 60)), tzinfo=zone)
        return local.astimezone(UTC)

    call_rows, lead_rows, event_rows, payment_rows, proposal_rows = [], [], [], [], []
    next_meeting = (
        await conn.execute(sa.select(sa.func.coalesce(sa.func.max(meetings.c.id), 0)))
    ).scalar() + 1
    meeting_rows = []
    first_day = today - timedelta(days=days - 1)
    dip_from = today - timedelta(days=13)
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if day.isoweekday() not in team.workdays:
            continue
        for index, (sdr_id, _roles) in enumerate(sdrs):
            n_calls = rng.randint(70, 105)
            for _ in range(n_calls):
                duration = (
                    rng.choice([0, 0, 15, 40, 55]) if rng.random() < 0.35 else rng.randint(60, 420)
                )
                call_rows.append(
                    {
                        **common,
                        "member_id": sdr_id,
                        "duration_s": duration,
                        "count": 1,
                        "direction": "in" if rng.random() < 0.15 else "out",
                        "source_id": None,
                        "client": None,
                        "day": day,
                        "occurred_at": at(day, rng.uniform(9, 18)),
                    }
                )
            for _ in range(rng.randint(4, 9)):
                source = google if rng.random() < 0.55 else yandex
                targeted_rate = 0.75 if source is google else 0.3
                lead_rows.append(
                    {
                        **common,
                        "member_id": sdr_id,
                        "source_id": source.id,
                        "qualification": "targeted"
                        if rng.random() < targeted_rate
                        else "non_targeted",
                        "client": None,
                        "day": day,
                        "occurred_at": at(day, rng.uniform(9, 18)),
                    }
                )
            for _ in range(rng.randint(2, 5)):
                source = google if rng.random() < 0.6 else yandex
                hunter_id = rng.choice(hunters)[0]
                meeting_id = next_meeting
                next_meeting += 1
                set_at = at(day, rng.uniform(9, 18))
                scheduled = set_at + timedelta(days=rng.randint(1, 4))
                confirm_rate = 0.4 if (index == 1 and day >= dip_from) else 0.85
                path = ["set"]
                if rng.random() < confirm_rate:
                    path.append("confirmed")
                    path.append("held" if rng.random() < 0.85 else "no_show")
                elif rng.random() < 0.3:
                    path.append("held")
                else:
                    path.append("cancelled" if rng.random() < 0.5 else "no_show")
                steps, moment = [], set_at
                for kind in path:
                    if kind != "set":
                        moment = min(moment + timedelta(hours=rng.randint(2, 30)), scheduled)
                        if kind in {"held", "no_show"}:
                            moment = scheduled
                    local_day = moment.astimezone(zone).date()
                    if local_day > today:
                        break
                    steps.append((kind, moment, local_day))
                status = steps[-1][0]
                meeting_rows.append(
                    {
                        "id": meeting_id,
                        "team_id": team.id,
                        "setter_id": sdr_id,
                        "named_hunter_id": hunter_id,
                        "hunter_id": hunter_id,
                        "source_id": source.id,
                        "client": f"Клиент {meeting_id}",
                        "scheduled_at": scheduled,
                        "status": status,
                        "created_at": set_at,
                    }
                )
                for kind, moment, local_day in steps:
                    event_rows.append(
                        {
                            **common,
                            "meeting_id": meeting_id,
                            "kind": kind,
                            "actor_id": hunter_id if kind == "held" else sdr_id,
                            "day": local_day,
                            "occurred_at": moment,
                        }
                    )
                if status == "held":
                    paid_rate = 0.45 if source is google else 0.2
                    if rng.random() < 0.5:
                        proposal_day = steps[-1][1]
                        proposal_rows.append(
                            {
                                **common,
                                "member_id": hunter_id,
                                "meeting_id": meeting_id,
                                "day": proposal_day.astimezone(zone).date(),
                                "occurred_at": proposal_day,
                            }
                        )
                    if rng.random() < paid_rate:
                        moment = steps[-1][1]
                        for _ in range(rng.choice([1, 1, 1, 2])):
                            moment += timedelta(days=rng.randint(1, 10))
                            if moment.astimezone(zone).date() > today:
                                break
                            payment_rows.append(
                                {
                                    **common,
                                    "kind": "new",
                                    "amount": Decimal(rng.randrange(60, 400) * 1000),
                                    "currency": team.currency,
                                    "meeting_id": meeting_id,
                                    "client": f"Клиент {meeting_id}",
                                    "member_id": hunter_id,
                                    "day": moment.astimezone(zone).date(),
                                    "occurred_at": moment,
                                }
                            )
        farmer_id = farmer[0]
        for _ in range(rng.randint(15, 30)):
            call_rows.append(
                {
                    **common,
                    "member_id": farmer_id,
                    "duration_s": rng.randint(30, 600),
                    "count": 1,
                    "direction": "out",
                    "source_id": None,
                    "client": None,
                    "day": day,
                    "occurred_at": at(day, rng.uniform(9, 18)),
                }
            )
        for _ in range(rng.randint(0, 2)):
            payment_rows.append(
                {
                    **common,
                    "kind": "repeat",
                    "amount": Decimal(rng.randrange(20, 150) * 1000),
                    "currency": team.currency,
                    "meeting_id": None,
                    "client": f"Постоянный клиент {rng.randint(1, 25)}",
                    "member_id": farmer_id,
                    "day": day,
                    "occurred_at": at(day, rng.uniform(10, 18)),
                }
            )
    if meeting_rows:
        await conn.execute(meetings.insert(), meeting_rows)
    for table, rows in (
        (calls, call_rows),
        (leads, lead_rows),
        (meeting_events, event_rows),
        (payments, payment_rows),
        (proposals, proposal_rows),
    ):
        for start in range(0, len(rows), 5000):
            await conn.execute(table.insert(), rows[start : start + 5000])
    await refresh_call_days_of_team(conn, team.id)
    return DemoSummary(days, len(call_rows), len(lead_rows), len(meeting_rows), len(payment_rows))


async def _ensure_people(conn: AsyncConnection, team: Team) -> dict[int, tuple[int, set[str]]]:
    repo = MembersRepo(conn)
    people: dict[int, tuple[int, set[str]]] = {}
    for tg_id, name, roles in DEMO_PEOPLE:
        existing = await repo.by_tg_id(tg_id, team_id=team.id)
        if existing is None:
            existing = await repo.add(
                team_id=team.id, tg_user_id=tg_id, display_name=name, username=None, roles=roles
            )
        people[tg_id] = (existing.id, set(existing.roles))
    return people
