"""/funnel's numbers (the period and its cohort) in few statements (issue 19): the same
counts as each mode counted on its own, and a pinned number of statements.

The statement counts are counts, not timings: they do not depend on the machine. When a
change adds a statement to /funnel on purpose, change the pinned number here and say why
in the commit (every statement is a hand-off to the database's thread and back).
"""

from __future__ import annotations

import asyncio
import random
import shutil
from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from bot.settings import Settings
from metrics.periods import Period
from services.stats import funnel_numbers
from services.subjects import TEAM
from storage import analytics
from storage.analytics import Scope
from storage.db import Database
from storage.repos import TeamsRepo
from storage.tables import rollup_state
from tests.storage.test_analytics import run_example, template  # noqa: F401 - the fixture
from tests.support.hand_offs import count_hand_offs
from tests.support.records import DAYS, START, brute_team, generate, insert, setup_team

spans = st.tuples(st.integers(0, DAYS - 1), st.integers(0, DAYS - 1)).map(sorted)


async def each_mode_alone(conn, scope: Scope) -> tuple:
    """The period's and the cohort's counts as /stats counts either mode."""
    found = []
    for mode in ("period", "cohort"):
        one = replace(scope, mode=mode, member_id=None, source_id=None)
        if scope.member_id is not None:
            found.append(await analytics.member_counts(conn, one, scope.member_id))
        elif scope.source_id is not None:
            found.append(await analytics.source_counts(conn, one, scope.source_id))
        else:
            found.append(await analytics.team_counts(conn, one))
    return tuple(found)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10**6),
    span=spans,
    min_call=st.sampled_from([60, 300]),
    no_rollup=st.booleans(),
)
def test_period_and_cohort_equal_each_mode_counted_alone(
    template,  # noqa: F811 - the fixture
    tmp_path,
    seed,
    span,
    min_call,
    no_rollup,
):
    """For the team, every member (who sets some meetings and hunts others) and every
    source, in any days, through the rollup or the calls table (another threshold, or no
    rollup built), to the cent: what /funnel shows is what /stats shows in either mode."""
    start, end = (START + timedelta(days=d) for d in span)

    async def check(conn, recs):
        if no_rollup:
            await conn.execute(rollup_state.delete())
        team = Scope(1, start, end, min_call_seconds=min_call)
        scopes = [team]
        scopes += [replace(team, member_id=member_id) for member_id in recs.member_ids]
        scopes += [replace(team, source_id=source_id) for source_id in recs.source_ids]
        for scope in scopes:
            got = await analytics.period_and_cohort(conn, scope)
            want = await each_mode_alone(conn, scope)
            assert got == want, scope
            assert repr(got) == repr(want), scope  # Decimal places too (the JSON report)
        if min_call == 60:
            want = tuple(brute_team(recs, start, end, mode) for mode in ("period", "cohort"))
            assert await analytics.period_and_cohort(conn, team) == want

    run_example(template, tmp_path, seed, check)


def test_funnel_numbers_are_two_statements_in_one_checkout(
    template,  # noqa: F811 - the fixture
    tmp_path,
    monkeypatch,
):
    """The team's, a member's and a source's /funnel: one connection, one read transaction,
    two statements (the counts in one row; the first payments), two hand-offs to the
    SQLite thread waited for (its BEGIN goes with the first statement; the pool's
    ROLLBACK of a read is queued behind them without a wait)."""
    path = tmp_path / "funnel.db"
    shutil.copy(template, path)

    async def body() -> None:
        db = Database(f"sqlite+aiosqlite:///{path}")
        statements: list[str] = []
        checkouts: list[object] = []

        def on_execute(conn, cursor, statement, *_) -> None:
            statements.append(statement.split()[0])

        try:
            async with db.transaction() as conn:
                member_ids, source_ids = await setup_team(conn, 1)
                await insert(conn, 1, generate(random.Random(7), member_ids, source_ids))
            async with db.read() as conn:
                team = await TeamsRepo(conn).default()
            settings_ = Settings(_env_file=None, timezone="UTC", database_url=db.url)
            period = Period(START, START + timedelta(days=DAYS - 1), "month")
            event.listen(db.engine.sync_engine, "before_cursor_execute", on_execute)
            event.listen(db.engine.pool, "checkout", lambda *_: checkouts.append(1))
            hand_offs = count_hand_offs(monkeypatch)

            numbers = await funnel_numbers(db, team, TEAM, period, settings_)
            assert numbers.metrics["meetings_set"] > 0  # something was counted
            assert (statements, len(checkouts), hand_offs.count) == (["SELECT", "SELECT"], 1, 2)

            scope = Scope(1, period.start, period.end)
            for restricted in (
                replace(scope, member_id=member_ids[0]),
                replace(scope, source_id=source_ids[0]),
            ):
                statements.clear()
                hand_offs.count = 0
                async with db.read() as conn:
                    await analytics.period_and_cohort(conn, restricted)
                assert (statements, hand_offs.count) == (["SELECT", "SELECT"], 2), restricted
        finally:
            await db.dispose()

    asyncio.run(body())
