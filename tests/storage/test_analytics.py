"""The SQL aggregates equal a brute-force count over generated records."""

from __future__ import annotations

import asyncio
import random
import shutil
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import ensure_default_team
from bot.settings import Settings
from metrics.counts import Counts
from storage import analytics, migrate
from storage.analytics import MEMBER, SOURCE, Scope
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
