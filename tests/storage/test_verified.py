"""Typed vs verified calls from the database: the counts by origin, the feed window, and
the evening's selection of reps (services.verified), in one query for every rep."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from metrics.verified import CallCheck
from services.verified import over_typed_reps, typed_and_verified
from storage import feeds, journal
from storage.models import Member
from storage.repos import MembersRepo
from storage.tables import calls
from storage.verified import CallOrigins, calls_by_origin
from tests.support import factories as f

DAY = date(2026, 11, 27)
AT = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 12:00 in Moscow
MIN = 60
_ids = itertools.count(1)


async def member(db, team, tg_id: int, name: str, roles=frozenset({"sdr"})) -> Member:
    async with db.transaction() as conn:
        return await MembersRepo(conn).add(
            team_id=team.id, tg_user_id=tg_id, display_name=name, username=None, roles=set(roles)
        )


async def typed(db, team, who: Member, count: int, at: datetime = AT) -> journal.Entry:
    """``count`` calls of a minute each, typed as ``/calls <count>``."""
    async with db.transaction() as conn:
        return await journal.log_calls_bulk(
            conn, team, who, count=count, total_seconds=count * 60, occurred_at=at
        )


async def from_phone(db, team, who: Member, count: int, at=AT, duration_s: int = 90) -> None:
    """``count`` calls from telephony (the agent is the member's Telegram id: no link)."""
    events = [
        f.call_event(f"c{next(_ids)}", str(who.tg_user_id), occurred_at=at, duration_s=duration_s)
        for _ in range(count)
    ]
    async with db.transaction() as conn:
        assert (await feeds.ingest_calls(conn, team, events)).recorded == count


async def test_long_calls_by_origin_typed_verified_and_all(db, team):
    ivan = await member(db, team, 701, "Ivan")
    oleg = await member(db, team, 702, "Oleg")
    await typed(db, team, ivan, 30)
    async with db.transaction() as conn:  # one typed call of 45 s: too short to count
        await journal.log_call(conn, team, ivan, duration_s=45, direction="out", occurred_at=AT)
    undone = await typed(db, team, ivan, 7)
    async with db.transaction() as conn:
        await journal.void_entry(conn, team, ivan, undone.id)
    await from_phone(db, team, ivan, 20)
    await from_phone(db, team, ivan, 5, duration_s=30)  # short
    await from_phone(db, team, ivan, 3, at=AT - timedelta(days=1))  # the day before
    async with db.transaction() as conn:  # an imported call: counts in all, neither side
        await conn.execute(
            calls.insert().values(
                team_id=team.id,
                member_id=ivan.id,
                duration_s=300,
                count=1,
                direction="in",
                occurred_at=AT,
                day=DAY,
                origin="import",
            )
        )
    await typed(db, team, oleg, 12)
    async with db.read() as conn:
        found = await calls_by_origin(conn, team.id, DAY, DAY, MIN)
        only_ivan = await calls_by_origin(conn, team.id, DAY, DAY, MIN, member_id=ivan.id)
        week = await typed_and_verified(conn, team, DAY - timedelta(days=6), DAY, MIN)
    assert found == {
        ivan.id: CallOrigins(typed=30, verified=20, total=51),
        oleg.id: CallOrigins(typed=12, verified=0, total=12),
    }
    assert only_ivan == {ivan.id: found[ivan.id]}
    # the team's week: 42 typed, 23 verified, of 66 long calls
    assert (week.typed, week.verified, week.total) == (42, 23, 66)
    assert week.share == 23 / 66


async def test_without_a_telephony_feed_nothing_is_listed_or_shown(db, team):
    ivan = await member(db, team, 701, "Ivan")
    await typed(db, team, ivan, 85)
    assert await over_typed_reps(db, team, DAY, MIN) == ()
    async with db.read() as conn:
        assert await typed_and_verified(conn, team, DAY, DAY, MIN) is None


async def test_a_feed_counts_as_connected_for_a_week_after_its_last_call(db, team):
    ivan = await member(db, team, 701, "Ivan")
    oleg = await member(db, team, 702, "Oleg")
    await typed(db, team, ivan, 85)
    # Oleg's only call from telephony was 7 days before: the feed is not connected today
    await from_phone(db, team, oleg, 1, at=AT - timedelta(days=7))
    assert await over_typed_reps(db, team, DAY, MIN) == ()
    # ... one 6 days before is within the week: Ivan's 85 typed calls against none
    await from_phone(db, team, oleg, 1, at=AT - timedelta(days=6))
    assert await over_typed_reps(db, team, DAY, MIN) == (CallCheck("Ivan", 85, 0),)
    async with db.read() as conn:
        shown = await typed_and_verified(conn, team, DAY, DAY, MIN, ivan.id)
    assert (shown.typed, shown.verified, shown.total, shown.share) == (85, 0, 85, 0.0)


async def test_more_than_20_percent_and_at_least_10_calls_that_day(db, team):
    people = {}
    for tg_id, name, n_typed, n_verified in [
        (701, "Ivan", 61, 50),  # 22 % and 11 more: listed
        (702, "Oleg", 60, 50),  # exactly 20 % above: not listed
        (703, "Petr", 19, 9),  # 10 more: listed
        (704, "Anna", 18, 9),  # 9 more: not listed
    ]:
        people[name] = who = await member(db, team, tg_id, name)
        await typed(db, team, who, n_typed)
        await from_phone(db, team, who, n_verified)
    gone = await member(db, team, 705, "Gone")
    boss = await member(db, team, 706, "Boss", roles={"manager"})
    for who in (gone, boss):
        await typed(db, team, who, 100)
    async with db.transaction() as conn:
        await MembersRepo(conn).set_active(gone.id, False)
    # yesterday's typed calls do not count today
    await typed(db, team, people["Anna"], 50, at=AT - timedelta(days=1))
    assert await over_typed_reps(db, team, DAY, MIN) == (
        CallCheck("Ivan", 61, 50),
        CallCheck("Petr", 19, 9),
    )


async def test_one_query_for_every_rep(db, team):
    """The day's typed and verified calls come in one GROUP BY, however many reps."""
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        if "FROM calls" in statement:
            statements.append(statement)

    async def queries_with(reps: int) -> int:
        """Statements on ``calls`` for the list, with ``reps`` reps who each typed 20."""
        async with db.read() as conn:
            have = sum("sdr" in m.roles for m in await MembersRepo(conn).list_team(team.id))
        for tg_id in range(800 + have, 800 + reps):
            await typed(db, team, await member(db, team, tg_id, f"Rep {tg_id}"), 20)
        statements.clear()
        sa.event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
        try:
            assert len(await over_typed_reps(db, team, DAY, MIN)) == reps
        finally:
            sa.event.remove(db.engine.sync_engine, "before_cursor_execute", seen)
        return len(statements)

    boss = await member(db, team, 799, "Boss", roles={"manager"})
    await from_phone(db, team, boss, 1)  # the feed is connected
    assert await queries_with(2) == await queries_with(12) == 2  # the feed, the day
