"""A database the end-to-end tests prepare before the bot starts: the default team with
60 days of demo history (``python -m bot demo``'s generator) and its manager."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import ensure_default_team
from bot.settings import Settings
from storage import migrate
from storage.db import Database
from storage.demo import generate_demo
from storage.models import Team
from storage.repos import MembersRepo
from storage.tables import teams


def demo_settings(database_url: str, token: str, manager_id: int) -> Settings:
    """The settings the bot under test runs with (UTC, the manager in ADMIN_IDS)."""
    return Settings(
        _env_file=None,
        bot_token=token,
        database_url=database_url,
        admin_ids=(manager_id,),
        timezone="UTC",
    )


async def prepare_demo_team(
    database_url: str,
    token: str,
    manager_id: int,
    manager_name: str,
    *,
    new_reps: tuple[tuple[int, str, str], ...] = (),
) -> Team:
    """Migrate, make the default team and its manager, write the demo history and make
    every day a working day (a day's plan is not zero on a weekend); ``new_reps`` (Telegram
    id, name, username) join as SDRs with nothing logged."""
    db = Database(database_url)
    try:
        await migrate.upgrade(db)
        team = await ensure_default_team(db, demo_settings(database_url, token, manager_id))
        async with db.transaction() as conn:
            members = MembersRepo(conn)
            await members.add(
                team_id=team.id,
                tg_user_id=manager_id,
                display_name=manager_name,
                username="olga",
                roles={"manager"},
                tg_language="ru",
            )
            await generate_demo(conn, team, days=60, seed=7, today=datetime.now(UTC).date())
            await conn.execute(
                teams.update().where(teams.c.id == team.id).values(workdays="1234567")
            )
            for tg_user_id, name, username in new_reps:
                await members.add(
                    team_id=team.id,
                    tg_user_id=tg_user_id,
                    display_name=name,
                    username=username,
                    roles={"sdr"},
                    tg_language="ru",
                )
        return team
    finally:
        await db.dispose()
