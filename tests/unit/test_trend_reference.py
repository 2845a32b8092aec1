"""services.trend.weekly_trend equals its definition, week by week, on a varied history.

The trend counts all its weeks with one statement per kind of record and plans the
team's reps by profile; the definition (the module docstring of services.trend) is each
week's report and each member's plan, one by one: for each week, the metric of
``analytics.team_counts`` (``member_counts``, ``source_counts``) over the week so far, in
the week's cohort for the cohort ratios, and the sum of ``metrics.plans.period_target``
over the subject's active reps. Both are compared exactly (reprs: the same Decimal places,
the same floats) for every metric the trend accepts, for the team, every member and both
sources, on 14 weeks of demo history with plans, days off, a rep who left, void records,
a backdated and a future record and money in cents.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from bot.settings import Settings
from metrics.engine import METRIC_KEYS, compute
from metrics.periods import Period
from metrics.plans import ROLE_ORDER, PlanRule, Target, period_target
from services.subjects import TEAM, Subject
from services.trend import (
    COHORT_RATIOS,
    MAX_METRICS,
    MetricTrend,
    TrendPoint,
    TrendRefused,
    subject_metrics,
    weekly_trend,
)
from storage import analytics, journal
from storage.analytics import Scope
from storage.db import Database
from storage.demo import generate_demo
from storage.models import Member, Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo
from storage.sources import SourcesRepo

TODAY = date(2026, 12, 9)  # a Wednesday: the last week is so far
IVAN, OLGA, DMITRY, ANNA, SERGEY, MARIA, BOSS = range(900001, 900008)  # the demo team


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)  # 12:00 in Moscow, the same day


@pytest.fixture
async def history(db: Database, team: Team) -> dict[int, Member]:
    async with db.transaction() as conn:
        await generate_demo(conn, team, days=100, seed=5, today=TODAY)
        repo = MembersRepo(conn)
        people = {m.tg_user_id: m for m in await repo.list_team(team.id)}
        ivan, olga, dmitry, anna, maria, boss = (
            people[tg_id] for tg_id in (IVAN, OLGA, DMITRY, ANNA, MARIA, BOSS)
        )
        petr = await repo.add(
            team_id=team.id, tg_user_id=900010, display_name="Пётр", username=None, roles={"sdr"}
        )
        await repo.set_active(petr.id, False)  # left: out of the team's plan
        plans = PlansRepo(conn)
        for rule in (
            PlanRule("meetings_held", Target(3, 4), role="sdr"),
            PlanRule("meetings_held", Target(1, 2), role="sdr", weekday=5),  # Fridays
            PlanRule("calls_60", Target(80, 100), role="sdr"),
            PlanRule("calls_60", Target(60.5, 70.25), member_id=olga.id),  # her own
            PlanRule("minutes_on_line", Target(100.1, 150.3), role="sdr"),
            PlanRule("payments_as_hunter", Target(0.4, 0.7), role="hunter"),
            PlanRule("payments_as_hunter", Target(0.9, 1.1), member_id=anna.id),
            PlanRule("repeat_revenue", Target(50000, 80000), role="farmer"),
        ):
            await plans.set_rule(team.id, rule, None)
        # Olga: Friday to Tuesday across two weeks; Dmitry: yesterday; Maria: a whole week.
        # Anna and Sergey (hunters, no day off) differ by Anna's own rule only.
        await plans.add_day_off(team.id, olga.id, date(2026, 11, 20), date(2026, 11, 24), None)
        await plans.add_day_off(team.id, dmitry.id, date(2026, 12, 8), date(2026, 12, 8), None)
        await plans.add_day_off(team.id, maria.id, date(2026, 10, 12), date(2026, 10, 18), None)

        google = await SourcesRepo(conn).resolve(team.id, "google")
        assert google is not None
        # typed today for three weeks ago
        await journal.log_call(
            conn, team, ivan, duration_s=95, direction="out", occurred_at=at(TODAY - timedelta(21))
        )
        await journal.log_lead(
            conn,
            team,
            ivan,
            occurred_at=at(TODAY - timedelta(20)),
            source_id=google.id,
            qualification="targeted",
        )
        # tomorrow's call counts in no week so far
        await journal.log_call(
            conn, team, ivan, duration_s=300, direction="out", occurred_at=at(TODAY + timedelta(1))
        )
        # void: a call, a meeting's held step, a payment, a repeat sale
        voided = await journal.log_call(
            conn, team, olga, duration_s=120, direction="out", occurred_at=at(TODAY - timedelta(2))
        )
        await journal.void_entry(conn, team, boss, voided.id)
        _, meeting = await journal.set_meeting(
            conn,
            team,
            ivan,
            occurred_at=at(TODAY - timedelta(16)),
            client="Рога & Копыта",
            source_id=google.id,
            hunter=anna,
        )
        held, _ = await journal.transition_meeting(
            conn,
            team,
            anna,
            meeting_id=meeting.id,
            event="held",
            occurred_at=at(TODAY - timedelta(15)),
        )
        await journal.void_entry(conn, team, boss, held.id)
        await journal.transition_meeting(
            conn,
            team,
            anna,
            meeting_id=meeting.id,
            event="held",
            occurred_at=at(TODAY - timedelta(14)),
        )
        for days_ago, amount, void in (
            (12, "12345.67", False),
            (8, "0.01", True),
            (1, "10", False),
        ):
            paid, _ = await journal.record_new_payment(
                conn,
                team,
                anna,
                meeting_id=meeting.id,
                amount=Decimal(amount),
                occurred_at=at(TODAY - timedelta(days_ago)),
            )
            if void:
                await journal.void_entry(conn, team, boss, paid.id)
        for days_ago, amount, void in ((3, "999.99", False), (10, "0.1", False), (4, "5", True)):
            sale = await journal.record_repeat_payment(
                conn,
                team,
                maria,
                client="Постоянный клиент 3",
                amount=Decimal(amount),
                occurred_at=at(TODAY - timedelta(days_ago)),
            )
            if void:
                await journal.void_entry(conn, team, boss, sale.id)
    async with db.read() as conn:
        return {m.tg_user_id: m for m in await MembersRepo(conn).list_team(team.id)}


def accepted(subject: Subject) -> list[str]:
    """Every metric the trend draws for ``subject``, in its view, once each."""
    keys: list[str] = []
    for key in METRIC_KEYS:
        try:
            (found,) = subject_metrics([key], subject)
        except TrendRefused:
            continue
        if found not in keys:
            keys.append(found)
    return keys


async def by_definition(
    db: Database,
    team: Team,
    subject: Subject,
    keys: list[str],
    weeks: tuple[Period, ...],
    today: date,
    settings: Settings,
) -> tuple[MetricTrend, ...]:
    """The trend as the module docstring defines it: each week's report, each rep's plan."""
    async with db.read() as conn:
        plans = PlansRepo(conn)
        rules, days_off = await plans.rules(team.id), await plans.team_days_off(team.id)
        if subject.member is not None:
            people = [subject.member]
        elif subject.source is not None:
            people = []
        else:
            people = [
                m
                for m in await MembersRepo(conn).list_team(team.id, include_inactive=False)
                if m.roles & set(ROLE_ORDER)
            ]
        values: dict[str, list] = {key: [] for key in keys}
        for week in weeks:
            for mode in ("period", "cohort"):
                last = min(week.end, today)
                scope = Scope(team.id, week.start, last, settings.min_call_seconds, mode)
                if subject.member is not None:
                    counts = await analytics.member_counts(conn, scope, subject.member.id)
                elif subject.source is not None:
                    counts = await analytics.source_counts(conn, scope, subject.source.id)
                else:
                    counts = await analytics.team_counts(conn, scope)
                computed = compute(counts)
                for key in keys:
                    if (key in COHORT_RATIOS) == (mode == "cohort"):
                        values[key].append(computed[key])

    def plan(metric: str, days: list[date]) -> Target | None:
        targets = [
            target
            for m in people
            if (
                target := period_target(
                    rules,
                    member_id=m.id,
                    roles=m.roles,
                    metric=metric,
                    period_days=days,
                    workdays=team.workdays,
                    days_off=days_off.get(m.id, []),
                )
            )
            is not None
        ]
        if not targets:
            return None
        return Target(math.fsum(t.lower for t in targets), math.fsum(t.goal for t in targets))

    def band(key: str, week: Period) -> Target | None:
        last = min(week.end, today)
        days = [week.start + timedelta(n) for n in range((last - week.start).days + 1)]
        found = plan(key, days)
        twin = f"{key}_as_hunter"
        if found is None and subject.kind == "team" and twin in METRIC_KEYS:
            found = plan(twin, days)
        return found

    return tuple(
        MetricTrend(
            key,
            "cohort" if key in COHORT_RATIOS else "period",
            tuple(
                TrendPoint(week, value, band(key, week), week.contains(today))
                for week, value in zip(weeks, values[key], strict=True)
            ),
        )
        for key in keys
    )


async def check_every_metric(db, team, subject, settings, **options) -> int:
    keys = accepted(subject)
    found: list[MetricTrend] = []
    for first in range(0, len(keys), MAX_METRICS):
        trend = await weekly_trend(
            db, team, subject, keys[first : first + MAX_METRICS], settings=settings, **options
        )
        found += trend.metrics
    expected = await by_definition(db, team, subject, keys, trend.weeks, options["today"], settings)
    for got, want in zip(found, expected, strict=True):
        assert got == want, (subject.kind, got.metric)
        assert repr(got) == repr(want), (subject.kind, got.metric)
    return len(keys)


async def test_the_team_every_member_and_source_week_by_week(db, team, settings, history):
    async with db.read() as conn:
        sources = await SourcesRepo(conn).list(team.id)
    subjects = [
        TEAM,
        *(Subject("member", member=history[tg_id]) for tg_id in (IVAN, OLGA, DMITRY, ANNA)),
        *(Subject("member", member=history[tg_id]) for tg_id in (SERGEY, MARIA)),
        *(Subject("source", source=source) for source in sources),
    ]
    assert len(sources) == 2
    checked = 0
    for subject in subjects:
        checked += await check_every_metric(db, team, subject, settings, today=TODAY, weeks=14)
    assert checked > 150


async def test_weeks_that_ended_before_today(db, team, settings, history):
    """The weekly digest: weeks up to a past Sunday, none of them so far."""
    for subject in (TEAM, Subject("member", member=history[OLGA])):
        await check_every_metric(
            db, team, subject, settings, today=TODAY, ending=date(2026, 11, 22), weeks=6
        )


async def test_another_long_call_threshold_reads_the_calls_table(db, team, settings, history):
    """MIN_CALL_SECONDS other than the rollup's: calls are counted from the calls table."""
    other = settings.model_copy(update={"min_call_seconds": 45})
    for subject in (TEAM, Subject("member", member=history[IVAN])):
        trend = await weekly_trend(
            db, team, subject, ["calls_60", "calls_total"], today=TODAY, settings=other
        )
        expected = await by_definition(
            db, team, subject, ["calls_60", "calls_total"], trend.weeks, TODAY, other
        )
        assert trend.metrics == expected
        usual = await weekly_trend(db, team, subject, ["calls_60"], today=TODAY, settings=settings)
        assert trend.metrics[0] != usual.metrics[0]  # the threshold does count
