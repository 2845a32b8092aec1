"""The SQL aggregates equal a brute-force count over generated records."""

from __future__ import annotations

import asyncio
import itertools
import random
import shutil
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import ensure_default_team
from bot.settings import Settings
from metrics.counts import Activity, Counts, Meetings
from storage import analytics, migrate
from storage.analytics import MEMBER, SOURCE, TEAM, Scope
from storage.db import Database
from tests.support.records import (
    DAYS,
    START,
    brute_activity,
    brute_team,
    generate,
    insert,
    setup_team,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A migrated database with a team in UTC, copied for every example."""
    path = tmp_path_factory.mktemp("analytics") / "template.db"

    async def make() -> None:
        db = Database(f"sqlite+aiosqlite:///{path}")
        await migrate.upgrade(db)
        settings_ = Settings(_env_file=None, timezone="UTC", database_url=db.url)
        await ensure_default_team(db, settings_)
        await db.dispose()

    asyncio.run(make())
    return path


def run_example(template, tmp_path, seed: int, check) -> None:
    path = tmp_path / f"example-{seed}.db"
    shutil.copy(template, path)

    async def body() -> None:
        db = Database(f"sqlite+aiosqlite:///{path}")
        try:
            async with db.transaction() as conn:
                member_ids, source_ids = await setup_team(conn, 1)
                recs = generate(random.Random(seed), member_ids, source_ids)
                await insert(conn, 1, recs)
            async with db.read() as conn:
                await check(conn, recs)
        finally:
            await db.dispose()

    asyncio.run(body())
    path.unlink()


EXAMPLES = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
spans = st.tuples(st.integers(0, DAYS - 1), st.integers(0, DAYS - 1)).map(sorted)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), span=spans, mode=st.sampled_from(["period", "cohort"]))
def test_team_counts_equal_brute_force(template, tmp_path, seed, span, mode):
    start, end = (START + timedelta(days=d) for d in span)

    async def check(conn, recs):
        scope = Scope(team_id=1, start=start, end=end, mode=mode)
        assert await analytics.team_counts(conn, scope) == brute_team(recs, start, end, mode)

    run_example(template, tmp_path, seed, check)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), span=spans, mode=st.sampled_from(["period", "cohort"]))
def test_attribution_adds_up(template, tmp_path, seed, span, mode):
    """Per member and per source, the parts add up to the team (each record once)."""
    start, end = (START + timedelta(days=d) for d in span)

    async def check(conn, recs):
        scope = Scope(team_id=1, start=start, end=end, mode=mode)
        team = await analytics.team_counts(conn, scope)
        by_member = await analytics.counts(conn, scope, MEMBER)
        by_source = await analytics.counts(conn, scope, SOURCE)
        for view in ("as_setter", "as_hunter"):
            for field in ("meetings_set", "meetings_held", "payments", "meetings_paid"):
                total = sum(getattr(getattr(c, view), field) for c in by_member.values())
                hunterless = 0
                if view == "as_hunter":  # meetings with no hunter belong to no member
                    nobody = analytics.meeting_counts(conn, scope, MEMBER, "hunter")
                    hunterless = getattr((await nobody).get(None, Counts().as_hunter), field)
                assert total + hunterless == getattr(team.as_setter, field), (view, field)
        for field in ("meetings_set", "meetings_held", "payments", "revenue"):
            assert sum(getattr(c.as_setter, field) for c in by_source.values()) == getattr(
                team.as_setter, field
            )
        expected = brute_activity(recs, start, end, who=lambda r: r["member_id"])
        for member_id, counts in by_member.items():
            got = counts.activity
            want = expected.get(member_id, {})
            assert (got.calls_total, got.calls_60, got.call_seconds, got.leads_new) == (
                want.get("calls_total", 0),
                want.get("calls_60", 0),
                want.get("call_seconds", 0),
                want.get("leads_new", 0),
            )
        one = next(iter(by_member), None)
        if one is not None:
            assert await analytics.member_counts(conn, scope, one) == by_member[one]

    run_example(template, tmp_path, seed, check)


def test_voided_records_count_nowhere(template, tmp_path):
    async def check(conn, recs):
        scope = Scope(team_id=1, start=START, end=START + timedelta(days=DAYS))
        voided_calls = sum(c["count"] for c in recs.calls if c["void"])
        live_calls = sum(c["count"] for c in recs.calls if not c["void"])
        assert voided_calls > 0
        assert (await analytics.team_counts(conn, scope)).activity.calls_total == live_calls

    run_example(template, tmp_path, 7, check)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), span=spans)
def test_rollup_equals_the_calls_table(template, tmp_path, seed, span):
    """The per-day rollup and a scan of the calls table give the same numbers,
    also after voids; another threshold reads the calls table."""

    from storage.tables import rollup_state

    start, end = (START + timedelta(days=d) for d in span)

    async def check(conn, recs):
        scope = Scope(team_id=1, start=start, end=end)
        from_rollup = await analytics.counts(conn, scope, MEMBER)
        by_source = await analytics.counts(conn, scope, SOURCE)
        await conn.execute(rollup_state.delete())  # no rollup: the calls table is read
        assert await analytics.counts(conn, scope, MEMBER) == from_rollup
        assert await analytics.counts(conn, scope, SOURCE) == by_source
        await conn.rollback()
        other = await analytics.team_counts(conn, Scope(1, start, end, min_call_seconds=300))
        expected = sum(
            c["count"]
            for c in recs.calls
            if not c["void"] and start <= c["day"] <= end and c["duration_s"] >= 300
        )
        assert other.activity.calls_60 == expected

    run_example(template, tmp_path, seed, check)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10**6),
    cuts=st.lists(st.integers(0, DAYS), min_size=2, max_size=7, unique=True).map(sorted),
    step=st.sampled_from([1, 2]),
    mode=st.sampled_from(["period", "cohort"]),
    who=st.sampled_from(["team", "member", "source"]),
    min_call=st.sampled_from([60, 300]),
    activity_fields=st.sets(st.sampled_from(sorted(analytics.ACTIVITY_FIELDS)), min_size=1),
    meeting_fields=st.sets(st.sampled_from(sorted(analytics.MEETING_FIELDS)), min_size=1),
)
def test_counts_by_span_equal_each_spans_counts(
    template, tmp_path, seed, cuts, step, mode, who, min_call, activity_fields, meeting_fields
):
    """One statement for a run of spans (a trend's weeks) counts what a statement per span
    counts, field by field: for the team, a member, a source, in both modes, through the
    rollup or the calls table (another threshold), whatever fields are asked for."""
    pairs = list(itertools.pairwise(cuts))[::step]  # every other: spans with gaps between
    spans = [(START + timedelta(days=a), START + timedelta(days=b - 1)) for a, b in pairs]

    async def check(conn, recs):
        scope = Scope(1, START, START, min_call_seconds=min_call, mode=mode)
        if who == "member":
            scope = replace(scope, member_id=recs.member_ids[seed % len(recs.member_ids)])
        elif who == "source":
            scope = replace(scope, source_id=recs.source_ids[-1])
        activities = await analytics.activity_by_span(conn, scope, spans, activity_fields)
        roles = ("setter", "hunter")
        meetings = {
            role: await analytics.meetings_by_span(conn, scope, spans, role, meeting_fields)
            for role in roles
        }
        for index, (start, end) in enumerate(spans):
            one = replace(scope, start=start, end=end)
            want = (await analytics.activity(conn, one, TEAM)).get(TEAM, Activity())
            got = activities[index]
            for name in activity_fields:
                assert getattr(got, name) == getattr(want, name), (name, start, end)
            for role in roles:
                want = (await analytics.meeting_counts(conn, one, TEAM, role)).get(TEAM, Meetings())
                got = meetings[role][index]
                for name in meeting_fields:
                    assert getattr(got, name) == getattr(want, name), (role, name, start, end)

    run_example(template, tmp_path, seed, check)


def test_spans_must_be_sorted_and_disjoint(template, tmp_path):
    async def check(conn, recs):
        scope = Scope(1, START, START)
        day = START + timedelta(days=3)
        for spans in ([], [(day, day - timedelta(days=1))], [(day, day), (day, day)]):
            with pytest.raises(ValueError):
                await analytics.activity_by_span(conn, scope, spans)
        with pytest.raises(ValueError):
            await analytics.meetings_by_span(conn, scope, [(day, day), (START, START)])

    run_example(template, tmp_path, 7, check)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10**6),
    cuts=st.lists(st.integers(0, DAYS), min_size=2, max_size=7, unique=True).map(sorted),
    min_call=st.sampled_from([60, 300]),
)
def test_counts_by_member_and_span_equal_each_members_own(template, tmp_path, seed, cuts, min_call):
    """The same statements grouped by member too (a suggested plan's member-days) count for
    each member what the spans of that member alone count; a member with nothing in the
    spans is not there."""
    spans = [
        (START + timedelta(days=a), START + timedelta(days=b - 1))
        for a, b in itertools.pairwise(cuts)
    ]

    async def check(conn, recs):
        scope = Scope(1, START, START, min_call_seconds=min_call)
        activities = await analytics.member_activity_by_span(conn, scope, spans)
        meetings = {
            role: await analytics.member_meetings_by_span(conn, scope, spans, role)
            for role in ("setter", "hunter")
        }
        for member_id in recs.member_ids:
            mine = replace(scope, member_id=member_id)
            want = await analytics.activity_by_span(conn, mine, spans)
            assert activities.get(member_id, [Activity()] * len(spans)) == want
            for role, found in meetings.items():
                want = await analytics.meetings_by_span(conn, mine, spans, role)
                assert found.get(member_id, [Meetings()] * len(spans)) == want, role
        with pytest.raises(ValueError):
            await analytics.member_meetings_by_span(conn, replace(scope, mode="cohort"), spans)

    run_example(template, tmp_path, seed, check)
