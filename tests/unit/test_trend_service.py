"""services.trend.weekly_trend on a real SQLite history of 13 weeks: the values per week,
the plan band (working days, days off, the current week so far, the team's sum), the
conversions from each week's cohort, and what has no trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from metrics.engine import METRIC_KEYS, compute
from metrics.periods import Period
from metrics.plans import PlanRule, Target
from metrics.registry import metric
from services.subjects import TEAM, Subject
from services.trend import (
    COHORT_RATIOS,
    MAX_METRICS,
    UNBOUNDED_RATIOS,
    TrendRefused,
    default_metrics,
    subject_metrics,
    weekly_trend,
)
from storage import analytics, journal
from storage.analytics import Scope
from storage.models import Member
from storage.plans import PlansRepo
from storage.repos import MembersRepo
from storage.sources import Source, SourcesRepo

TODAY = date(2026, 12, 9)  # a Wednesday
FIRST = date(2026, 9, 21)  # the Monday of the first of the 12 weeks ending with today's
CROSSING = 5  # the week whose Friday sets two meetings held the next Monday
OFF_WEEK = 8  # Ivan's Tuesday off
MONDAYS = [FIRST + timedelta(weeks=n) for n in range(12)]


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)  # 12:00 in Moscow, the same day


@dataclass
class History:
    ivan: Member
    oleg: Member
    anna: Member
    maria: Member
    google: Source


@pytest.fixture
async def history(db, team) -> History:
    """Week n (0..11, and one before, -1): Ivan makes n + 2 calls of 75 s and one of 30 s on
    Monday, Oleg one of 90 s; Ivan sets a meeting (google, hunter Anna) on Monday, Anna holds
    it on Tuesday and is paid 10 000 on Wednesday. In week CROSSING Ivan also sets two
    meetings on Friday that Anna holds on the next Monday. Petr (an SDR) has left the team;
    Ivan is off on the Tuesday of week OFF_WEEK; hunters plan 1-2 payments a day."""
    async with db.transaction() as conn:
        repo = MembersRepo(conn)

        async def add(tg_id: int, name: str, role: str) -> Member:
            return await repo.add(
                team_id=team.id, tg_user_id=tg_id, display_name=name, username=None, roles={role}
            )

        ivan = await add(701, "Иван Петров", "sdr")
        oleg = await add(702, "Олег", "sdr")
        anna = await add(703, "Анна", "hunter")
        maria = await add(704, "Мария", "farmer")
        petr = await add(705, "Пётр", "sdr")
        await repo.set_active(petr.id, False)
        google = await SourcesRepo(conn).add(team.id, "google")
        plans = PlansRepo(conn)
        await plans.set_rule(team.id, PlanRule("payments_as_hunter", Target(1, 2), "hunter"), None)
        tuesday_off = MONDAYS[OFF_WEEK] + timedelta(days=1)
        await plans.add_day_off(team.id, ivan.id, tuesday_off, tuesday_off, None)
        for n in range(-1, 12):
            monday = FIRST + timedelta(weeks=n)
            for _ in range(n + 2):
                await journal.log_call(
                    conn, team, ivan, duration_s=75, direction="out", occurred_at=at(monday)
                )
            await journal.log_call(
                conn, team, ivan, duration_s=30, direction="out", occurred_at=at(monday)
            )
            await journal.log_call(
                conn, team, oleg, duration_s=90, direction="in", occurred_at=at(monday)
            )
            _, meeting = await journal.set_meeting(
                conn,
                team,
                ivan,
                occurred_at=at(monday),
                client=f"Клиент {n}",
                source_id=google.id,
                hunter=anna,
            )
            await journal.transition_meeting(
                conn,
                team,
                anna,
                meeting_id=meeting.id,
                event="held",
                occurred_at=at(monday + timedelta(days=1)),
            )
            await journal.record_new_payment(
                conn,
                team,
                anna,
                meeting_id=meeting.id,
                amount=Decimal(10000),
                occurred_at=at(monday + timedelta(days=2)),
            )
            if n == CROSSING:
                for client in ("Пятница 1", "Пятница 2"):
                    _, late = await journal.set_meeting(
                        conn,
                        team,
                        ivan,
                        occurred_at=at(monday + timedelta(days=4)),
                        client=client,
                        source_id=google.id,
                        hunter=anna,
                    )
                    await journal.transition_meeting(
                        conn,
                        team,
                        anna,
                        meeting_id=late.id,
                        event="held",
                        occurred_at=at(monday + timedelta(days=7)),
                    )
    return History(ivan, oleg, anna, maria, google)


def member(found: Member) -> Subject:
    return Subject("member", member=found)


def values(trend, key: str) -> list:
    return [point.value for point in next(m for m in trend.metrics if m.metric == key).points]


def bands(trend, key: str) -> list[tuple[float, float] | None]:
    found = next(m for m in trend.metrics if m.metric == key)
    return [(p.plan.lower, p.plan.goal) if p.plan else None for p in found.points]


async def test_twelve_iso_weeks_ending_with_the_current_one_flagged_so_far(
    db, team, settings, history
):
    trend = await weekly_trend(db, team, today=TODAY, settings=settings)
    assert [week.start for week in trend.weeks] == MONDAYS
    assert all(week.kind == "week" and week.days == 7 for week in trend.weeks)
    assert trend.span == Period(FIRST, date(2026, 12, 13), "range")
    assert trend.so_far
    for found in trend.metrics:
        assert [point.so_far for point in found.points] == [False] * 11 + [True]
        assert [point.week for point in found.points] == list(trend.weeks)


async def test_the_weeks_ending_with_a_past_week_have_none_so_far(db, team, settings, history):
    """The weekly digest of the week of 23 November asks on the next Monday."""
    trend = await weekly_trend(
        db, team, today=date(2026, 11, 30), ending=date(2026, 11, 29), settings=settings, weeks=8
    )
    assert [w.start for w in trend.weeks] == MONDAYS[2:10]
    assert not trend.so_far
    assert not any(p.so_far for m in trend.metrics for p in m.points)
    later = await weekly_trend(db, team, today=TODAY, ending=date(2027, 3, 1), settings=settings)
    assert later.weeks[-1].start == MONDAYS[-1]  # never past today


async def test_values_per_week_in_period_mode(db, team, settings, history):
    trend = await weekly_trend(
        db, team, member(history.ivan), ["calls_60", "calls_total"], today=TODAY, settings=settings
    )
    assert values(trend, "calls_60") == [n + 2 for n in range(12)]
    assert values(trend, "calls_total") == [n + 3 for n in range(12)]
    team_trend = await weekly_trend(
        db, team, TEAM, ["calls_60", "meetings_held", "revenue"], today=TODAY, settings=settings
    )
    assert values(team_trend, "calls_60") == [n + 3 for n in range(12)]
    held = values(team_trend, "meetings_held")
    assert held[CROSSING] == 1 and held[CROSSING + 1] == 3  # held when they were held
    assert values(team_trend, "revenue") == [Decimal("10000.00")] * 12


async def test_a_members_band_counts_working_days_days_off_and_the_week_so_far(
    db, team, settings, history
):
    trend = await weekly_trend(
        db, team, member(history.ivan), ["calls_60"], today=TODAY, settings=settings
    )
    expected = [(400.0, 500.0)] * 12
    expected[OFF_WEEK] = (320.0, 400.0)  # four working days
    expected[-1] = (240.0, 300.0)  # Monday to Wednesday so far
    assert bands(trend, "calls_60") == expected


async def test_the_teams_band_is_the_sum_of_its_active_reps(db, team, settings, history):
    trend = await weekly_trend(
        db, team, TEAM, ["calls_60", "meetings_held", "payments"], today=TODAY, settings=settings
    )
    # Ivan and Oleg (Petr left; Anna and Maria have no calls plan)
    calls = [(800.0, 1000.0)] * 12
    calls[OFF_WEEK] = (720.0, 900.0)
    calls[-1] = (480.0, 600.0)
    assert bands(trend, "calls_60") == calls
    held = [(30.0, 30.0)] * 12
    held[OFF_WEEK] = (27.0, 27.0)
    held[-1] = (18.0, 18.0)
    assert bands(trend, "meetings_held") == held
    # nobody plans the team's payments: the hunters' plans of the same payments
    payments = [(5.0, 10.0)] * 11 + [(3.0, 6.0)]
    assert bands(trend, "payments") == payments


async def test_a_source_has_no_plan(db, team, settings, history):
    trend = await weekly_trend(
        db, team, Subject("source", source=history.google), today=TODAY, settings=settings
    )
    assert [m.metric for m in trend.metrics] == ["meetings_held", "payments"]
    assert not any(m.planned for m in trend.metrics)
    assert values(trend, "payments") == [1] * 12


async def test_conversions_come_from_each_weeks_cohort_and_never_pass_100(
    db, team, settings, history
):
    trend = await weekly_trend(
        db, team, TEAM, ["conv_set_to_held", "targeted_share"], today=TODAY, settings=settings
    )
    modes = {m.metric: m.mode for m in trend.metrics}
    assert modes == {"conv_set_to_held": "cohort", "targeted_share": "period"}
    cohort = values(trend, "conv_set_to_held")
    assert cohort == [1.0] * 12  # every meeting set was held, sooner or later
    week = trend.weeks[CROSSING + 1]
    async with db.read() as conn:
        scope = Scope(team.id, week.start, week.end, settings.min_call_seconds)
        period = compute(await analytics.team_counts(conn, scope))
    assert period["conv_set_to_held"] == 3.0  # what a period-mode trend would have drawn
    assert values(trend, "targeted_share") == [None] * 12  # no leads: undefined, not 0


async def test_each_subject_gets_its_view_of_a_metric(db, team, settings, history):
    anna = await weekly_trend(
        db, team, member(history.anna), ["meetings_held"], today=TODAY, settings=settings
    )
    assert [m.metric for m in anna.metrics] == ["meetings_held_as_hunter"]
    held = values(anna, "meetings_held_as_hunter")
    assert held[CROSSING + 1] == 3 and held[0] == 1
    whole = await weekly_trend(
        db, team, TEAM, ["payments_as_hunter"], today=TODAY, settings=settings
    )
    assert [m.metric for m in whole.metrics] == ["payments"]


def test_default_metrics_per_subject(history):
    assert default_metrics(TEAM) == ("meetings_held", "payments")
    assert default_metrics(Subject("source", source=history.google)) == (
        "meetings_held",
        "payments",
    )
    assert default_metrics(member(history.ivan)) == ("meetings_held", "calls_60")
    assert default_metrics(member(history.anna)) == ("payments_as_hunter",)
    assert default_metrics(member(history.maria)) == ("repeat_revenue",)
    assert subject_metrics([], TEAM) == default_metrics(TEAM)
    assert subject_metrics(["calls_60", "calls_60"], TEAM) == ("calls_60",)


@pytest.mark.parametrize("key", UNBOUNDED_RATIOS)
def test_ratios_that_can_pass_100_have_no_trend(key):
    with pytest.raises(TrendRefused) as refused:
        subject_metrics([key], TEAM)
    assert (refused.value.code, refused.value.metric) == ("unbounded_ratio", key)


def test_a_source_has_only_the_metrics_given_per_source(history):
    source = Subject("source", source=history.google)
    with pytest.raises(TrendRefused) as refused:
        subject_metrics(["proposals"], source)
    assert (refused.value.code, refused.value.metric) == ("not_per_source", "proposals")
    assert subject_metrics(["leads_new", "revenue"], source) == ("leads_new", "revenue")


def test_at_most_three_metrics():
    asked = ["calls_60", "leads_new", "meetings_set", "payments"]
    assert MAX_METRICS == 3
    with pytest.raises(TrendRefused) as refused:
        subject_metrics(asked, TEAM)
    assert refused.value.code == "too_many"


async def test_every_metric_equals_the_report_of_its_week(db, team, settings, history):
    """Only the queries a metric reads are run: whatever is asked, each week's value is
    the metric of that week's counts (its cohort for the cohort ratios)."""
    subjects = {
        "team": (TEAM, None),
        "ivan": (member(history.ivan), history.ivan.id),
        "anna": (member(history.anna), history.anna.id),
        "google": (Subject("source", source=history.google), None),
    }
    for name, (subject, member_id) in subjects.items():
        keys = [
            key
            for key in METRIC_KEYS
            if key not in UNBOUNDED_RATIOS
            and (subject.source is None or metric(key).per_source)
            and (subject.member is not None or not key.endswith("_as_hunter"))
        ]
        if subject.member is not None and subject.role == "hunter":
            keys = [key for key in keys if f"{key}_as_hunter" not in METRIC_KEYS]
        found = {}
        for start in range(0, len(keys), MAX_METRICS):
            trend = await weekly_trend(
                db,
                team,
                subject,
                keys[start : start + MAX_METRICS],
                today=TODAY,
                settings=settings,
                weeks=3,
                ending=MONDAYS[CROSSING + 1],
            )
            found |= {m.metric: [p.value for p in m.points] for m in trend.metrics}
        assert set(found) == set(keys), name
        async with db.read() as conn:
            for index, week in enumerate(trend.weeks):
                for mode in ("period", "cohort"):
                    scope = Scope(team.id, week.start, week.end, settings.min_call_seconds, mode)
                    if member_id is not None:
                        counts = await analytics.member_counts(conn, scope, member_id)
                    elif subject.source is not None:
                        counts = await analytics.source_counts(conn, scope, subject.source.id)
                    else:
                        counts = await analytics.team_counts(conn, scope)
                    expected = compute(counts)
                    for key in keys:
                        if (key in COHORT_RATIOS) == (mode == "cohort"):
                            assert found[key][index] == expected[key], (name, key, week)
