"""The one statement an update starts with (storage/arrival.py) answers what the separate
reads answered: the marker, MembersRepo.by_tg_id and the member's (or default) team."""

from __future__ import annotations

from storage.arrival import arrival
from storage.repos import MembersRepo, TeamsRepo, UpdatesRepo

BOT = 42


async def read(db, tg_user_id, update_id=1):
    async with db.read() as conn:
        return await arrival(conn, BOT, update_id, tg_user_id)


async def separately(db, tg_user_id):
    async with db.read() as conn:
        member = await MembersRepo(conn).by_tg_id(tg_user_id)
        repo = TeamsRepo(conn)
        team = await repo.get(member.team_id) if member else await repo.default()
    return member, team


async def test_a_stranger_gets_the_default_team(db, team):
    found = await read(db, 5555)
    assert (found.seen, found.member, found.team) == (False, None, team)
    nobody = await read(db, None)  # a channel post: no sender
    assert (nobody.member, nobody.team) == (None, team)


async def test_a_member_with_every_role_and_their_team(db, team):
    async with db.transaction() as conn:
        other = await TeamsRepo(conn).create(
            name="Second", timezone="Asia/Tokyo", language="en", digest_time="18:00"
        )
        await MembersRepo(conn).add(
            team_id=other.id,
            tg_user_id=700,
            display_name="Ann",
            username="ann",
            roles={"sdr", "manager", "hunter"},
            tg_language="en",
        )
    found = await read(db, 700)
    assert (found.member, found.team) == await separately(db, 700)
    assert found.member.roles == {"sdr", "manager", "hunter"}
    assert found.team.name == "Second" and found.team.timezone == "Asia/Tokyo"


async def test_an_active_membership_wins_over_an_old_one(db, team):
    async with db.transaction() as conn:
        second = await TeamsRepo(conn).create(
            name="Second", timezone="Europe/Moscow", language="ru", digest_time="18:00"
        )
        repo = MembersRepo(conn)
        old = await repo.add(
            team_id=team.id, tg_user_id=701, display_name="Old", username=None, roles={"sdr"}
        )
        newer = await repo.add(
            team_id=second.id, tg_user_id=701, display_name="New", username=None, roles=set()
        )
        await repo.set_active(newer.id, False)
    found = await read(db, 701)
    assert found.member.id == old.id and found.team == team
    assert (found.member, found.team) == await separately(db, 701)
    assert found.member.roles == {"sdr"}
    async with db.transaction() as conn:
        await MembersRepo(conn).set_active(old.id, False)
    found = await read(db, 701)  # both inactive: the newest
    assert found.member.id == newer.id and found.member.roles == frozenset()
    assert found.team.id == second.id


async def test_the_marker_is_read_with_the_sender(db, team):
    assert not (await read(db, 5555, update_id=9)).seen
    async with db.transaction() as conn:
        await UpdatesRepo(conn).mark_processed(BOT, 9)
    assert (await read(db, 5555, update_id=9)).seen
    assert not (await read(db, 5555, update_id=10)).seen
    async with db.read() as conn:  # another bot's update with the same id
        assert not (await arrival(conn, BOT + 1, 9, None)).seen
