"""Repositories: SQL in, plain data out.

A repository works on the connection it is given and never commits: the unit
that owns the transaction (the update middleware or a service) does.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.models import Invite, Member, Team
from storage.tables import invites, member_roles, members, processed_updates, teams


def utcnow() -> datetime:
    return datetime.now(UTC)


def team_from_row(row: Any) -> Team:
    """A team from a row of ``teams`` (or anything with its columns as attributes)."""
    return Team(
        id=row.id,
        name=row.name,
        timezone=row.timezone,
        language=row.language,
        workdays=tuple(int(ch) for ch in row.workdays),
        digest_time=row.digest_time,
        currency=row.currency,
        manager_chat_id=row.manager_chat_id,
        free_sources=row.free_sources,
        reps_see_top=row.reps_see_top,
        nudge_time=row.nudge_time,
        pace_time=row.pace_time,
        calls_mode=row.calls_mode,
        created_at=row.created_at,
        setup_step=row.setup_step,
    )


def member_from_row(row: Any, roles: frozenset[str]) -> Member:
    """A member from a row of ``members`` (or anything with its columns as attributes)."""
    return Member(
        id=row.id,
        team_id=row.team_id,
        tg_user_id=row.tg_user_id,
        display_name=row.display_name,
        username=row.username,
        roles=roles,
        language=row.language,
        tg_language=row.tg_language,
        active=row.active,
        digest_private=row.digest_private,
        unreachable_at=row.unreachable_at,
        public_ranking=row.public_ranking,
    )


class TeamsRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def get(self, team_id: int) -> Team | None:
        row = (await self.conn.execute(sa.select(teams).where(teams.c.id == team_id))).first()
        return team_from_row(row) if row else None

    async def default(self) -> Team | None:
        """The first team created: the one a bot with a single department uses."""
        row = (await self.conn.execute(sa.select(teams).order_by(teams.c.id).limit(1))).first()
        return team_from_row(row) if row else None

    async def by_name(self, name: str) -> Team | None:
        """Case-insensitive in any alphabet (SQLite's lower() folds ASCII only)."""
        wanted = " ".join(name.split()).casefold()
        for team in await self.all():
            if " ".join(team.name.split()).casefold() == wanted:
                return team
        return None

    async def all(self) -> list[Team]:
        rows = await self.conn.execute(sa.select(teams).order_by(teams.c.id))
        return [team_from_row(row) for row in rows]

    async def create(
        self,
        *,
        name: str,
        timezone: str,
        language: str,
        digest_time: str,
        currency: str = "RUB",
        workdays: tuple[int, ...] = (1, 2, 3, 4, 5),
    ) -> Team:
        result = await self.conn.execute(
            teams.insert().values(
                name=name,
                timezone=timezone,
                language=language,
                digest_time=digest_time,
                currency=currency,
                workdays="".join(str(day) for day in workdays),
                created_at=utcnow(),
            )
        )
        team = await self.get(result.inserted_primary_key[0])
        assert team is not None
        return team

    async def set_manager_chat(self, team_id: int, chat_id: int | None) -> None:
        await self.conn.execute(
            teams.update().where(teams.c.id == team_id).values(manager_chat_id=chat_id)
        )

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> int:
        """Follow a group's upgrade to a supergroup; returns how many teams moved."""
        result = await self.conn.execute(
            teams.update()
            .where(teams.c.manager_chat_id == old_chat_id)
            .values(manager_chat_id=new_chat_id)
        )
        return result.rowcount or 0

    async def set_free_sources(self, team_id: int, free: bool) -> None:
        await self.conn.execute(
            teams.update().where(teams.c.id == team_id).values(free_sources=free)
        )

    async def set_workdays(self, team_id: int, workdays: tuple[int, ...]) -> None:
        await self.conn.execute(
            teams.update()
            .where(teams.c.id == team_id)
            .values(workdays="".join(str(day) for day in sorted(set(workdays))))
        )

    async def set_reps_see_top(self, team_id: int, visible: bool) -> None:
        await self.conn.execute(
            teams.update().where(teams.c.id == team_id).values(reps_see_top=visible)
        )

    async def set_timezone(self, team_id: int, timezone: str) -> None:
        await self.conn.execute(
            teams.update().where(teams.c.id == team_id).values(timezone=timezone)
        )

    async def set_digest_time(self, team_id: int, at: str) -> None:
        await self.conn.execute(teams.update().where(teams.c.id == team_id).values(digest_time=at))

    async def set_name(self, team_id: int, name: str) -> None:
        await self.conn.execute(teams.update().where(teams.c.id == team_id).values(name=name))

    async def set_language(self, team_id: int, language: str) -> None:
        await self.conn.execute(
            teams.update().where(teams.c.id == team_id).values(language=language)
        )

    async def set_setup_step(self, team_id: int, step: str | None) -> None:
        """Where the team's /setup resumes: a step id, ``"done"``, or None (never started)."""
        await self.conn.execute(teams.update().where(teams.c.id == team_id).values(setup_step=step))

    async def set_nudge_time(self, team_id: int, at: str | None) -> None:
        """``None`` switches the nudge off."""
        await self.conn.execute(teams.update().where(teams.c.id == team_id).values(nudge_time=at))

    async def set_calls_mode(self, team_id: int, mode: str) -> None:
        await self.conn.execute(teams.update().where(teams.c.id == team_id).values(calls_mode=mode))

    async def set_pace_time(self, team_id: int, at: str | None) -> None:
        """``None`` switches the pace alert off."""
        await self.conn.execute(teams.update().where(teams.c.id == team_id).values(pace_time=at))

    async def tv_token(self, team_id: int) -> str | None:
        """The secret of the team's TV link (/tv), None when there is none."""
        return await self.conn.scalar(sa.select(teams.c.tv_token).where(teams.c.id == team_id))

    async def new_tv_token(self, team_id: int) -> str:
        """A new TV link secret (128 random bits), replacing any old one."""
        token = secrets.token_urlsafe(16)
        await self.conn.execute(teams.update().where(teams.c.id == team_id).values(tv_token=token))
        return token

    async def revoke_tv_token(self, team_id: int) -> bool:
        """Forget the team's TV link at once; False when there was none."""
        result = await self.conn.execute(
            teams.update()
            .where(teams.c.id == team_id, teams.c.tv_token.is_not(None))
            .values(tv_token=None)
        )
        return bool(result.rowcount)

    async def by_tv_token(self, token: str) -> Team | None:
        """The team whose TV link has this secret."""
        if not token:
            return None
        row = (await self.conn.execute(sa.select(teams).where(teams.c.tv_token == token))).first()
        return team_from_row(row) if row else None

    async def clear_chat(self, chat_id: int) -> int:
        result = await self.conn.execute(
            teams.update().where(teams.c.manager_chat_id == chat_id).values(manager_chat_id=None)
        )
        return result.rowcount or 0


class MembersRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def _load(self, where: sa.ColumnElement[bool]) -> list[Member]:
        rows = (
            await self.conn.execute(sa.select(members).where(where).order_by(members.c.id))
        ).all()
        if not rows:
            return []
        ids = [row.id for row in rows]
        role_rows = await self.conn.execute(
            sa.select(member_roles.c.member_id, member_roles.c.role).where(
                member_roles.c.member_id.in_(ids)
            )
        )
        roles: dict[int, set[str]] = {member_id: set() for member_id in ids}
        for member_id, role in role_rows:
            roles[member_id].add(role)
        return [member_from_row(row, frozenset(roles[row.id])) for row in rows]

    async def get(self, member_id: int) -> Member | None:
        found = await self._load(members.c.id == member_id)
        return found[0] if found else None

    async def by_tg_id(self, tg_user_id: int, team_id: int | None = None) -> Member | None:
        """The member a Telegram user is; an active membership wins over an old one."""
        where = members.c.tg_user_id == tg_user_id
        if team_id is not None:
            where = sa.and_(where, members.c.team_id == team_id)
        found = await self._load(where)
        if not found:
            return None
        found.sort(key=lambda m: (m.active, m.id))
        return found[-1]

    async def list_team(self, team_id: int, *, include_inactive: bool = True) -> list[Member]:
        where = members.c.team_id == team_id
        if not include_inactive:
            where = sa.and_(where, members.c.active.is_(True))
        return await self._load(where)

    async def joined_at(self, team_id: int, member_ids: Sequence[int]) -> dict[int, datetime]:
        """When each of ``member_ids`` (of the team) joined it: ``members.created_at``, UTC."""
        rows = await self.conn.execute(
            sa.select(members.c.id, members.c.created_at).where(
                members.c.team_id == team_id, members.c.id.in_(list(member_ids))
            )
        )
        return {member_id: created_at for member_id, created_at in rows}

    async def active_roles(self, team_id: int) -> dict[int, frozenset[str]]:
        """The roles of each active member of the team (member id -> roles, by id), in one
        statement: for what needs nothing else of a member (the trend's plan bands)."""
        rows = await self.conn.execute(
            sa.select(members.c.id, member_roles.c.role)
            .select_from(members.outerjoin(member_roles, member_roles.c.member_id == members.c.id))
            .where(members.c.team_id == team_id, members.c.active.is_(True))
            .order_by(members.c.id)
        )
        roles: dict[int, set[str]] = {}
        for member_id, role in rows:
            found = roles.setdefault(member_id, set())
            if role is not None:
                found.add(role)
        return {member_id: frozenset(found) for member_id, found in roles.items()}

    async def managers(self, team_id: int) -> list[Member]:
        return [m for m in await self.list_team(team_id, include_inactive=False) if m.is_manager]

    async def add(
        self,
        *,
        team_id: int,
        tg_user_id: int,
        display_name: str,
        username: str | None,
        roles: set[str] | frozenset[str],
        tg_language: str | None = None,
        joined_via: int | None = None,
    ) -> Member:
        result = await self.conn.execute(
            members.insert().values(
                team_id=team_id,
                tg_user_id=tg_user_id,
                display_name=display_name,
                username=username,
                tg_language=tg_language,
                active=True,
                joined_via=joined_via,
                created_at=utcnow(),
            )
        )
        member_id = result.inserted_primary_key[0]
        await self.set_roles(member_id, roles)
        member = await self.get(member_id)
        assert member is not None
        return member

    async def set_roles(self, member_id: int, roles: set[str] | frozenset[str]) -> None:
        await self.conn.execute(member_roles.delete().where(member_roles.c.member_id == member_id))
        if roles:
            await self.conn.execute(
                member_roles.insert(),
                [{"member_id": member_id, "role": role} for role in sorted(roles)],
            )

    async def set_active(self, member_id: int, active: bool) -> None:
        await self.conn.execute(
            members.update().where(members.c.id == member_id).values(active=active)
        )

    async def set_digest_private(self, member_id: int, on: bool) -> None:
        await self.conn.execute(
            members.update().where(members.c.id == member_id).values(digest_private=on)
        )

    async def set_public_ranking(self, member_id: int, shown: bool) -> None:
        """/optout (False) and /optin (True)."""
        await self.conn.execute(
            members.update().where(members.c.id == member_id).values(public_ranking=shown)
        )

    async def hidden_from_rankings(self, team_id: int) -> frozenset[int]:
        """The Telegram user ids of the team's members who opted out of public rankings."""
        rows = await self.conn.execute(
            sa.select(members.c.tg_user_id).where(
                members.c.team_id == team_id, members.c.public_ranking.is_(False)
            )
        )
        return frozenset(rows.scalars())

    async def mark_unreachable(self, tg_user_id: int, at: datetime) -> int:
        """Telegram said 403 for this user's private chat; returns how many members changed."""
        result = await self.conn.execute(
            members.update()
            .where(members.c.tg_user_id == tg_user_id, members.c.unreachable_at.is_(None))
            .values(unreachable_at=at)
        )
        return result.rowcount or 0

    async def mark_reachable(self, tg_user_id: int) -> int:
        """The user wrote to the bot again: private messages may go to them."""
        result = await self.conn.execute(
            members.update()
            .where(members.c.tg_user_id == tg_user_id, members.c.unreachable_at.is_not(None))
            .values(unreachable_at=None)
        )
        return result.rowcount or 0

    async def set_language(self, member_id: int, language: str | None) -> None:
        await self.conn.execute(
            members.update().where(members.c.id == member_id).values(language=language)
        )

    async def update_profile(
        self, member_id: int, *, display_name: str, username: str | None, tg_language: str | None
    ) -> None:
        await self.conn.execute(
            members.update()
            .where(members.c.id == member_id)
            .values(display_name=display_name, username=username, tg_language=tg_language)
        )


def _invite(row: sa.Row) -> Invite:
    return Invite(
        id=row.id,
        team_id=row.team_id,
        code=row.code,
        role=row.role,
        created_by=row.created_by,
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


class InvitesRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def create(
        self, *, team_id: int, role: str, created_by: int | None, ttl: timedelta
    ) -> Invite:
        now = utcnow()
        # 16 random bytes -> 22 URL-safe characters: fits a deep link's 64-char payload.
        code = secrets.token_urlsafe(16)
        result = await self.conn.execute(
            invites.insert().values(
                team_id=team_id,
                code=code,
                role=role,
                created_by=created_by,
                created_at=now,
                expires_at=now + ttl,
            )
        )
        invite = await self.get(result.inserted_primary_key[0])
        assert invite is not None
        return invite

    async def get(self, invite_id: int) -> Invite | None:
        row = (await self.conn.execute(sa.select(invites).where(invites.c.id == invite_id))).first()
        return _invite(row) if row else None

    async def by_code(self, code: str) -> Invite | None:
        row = (await self.conn.execute(sa.select(invites).where(invites.c.code == code))).first()
        return _invite(row) if row else None

    async def active(self, team_id: int, now: datetime | None = None) -> list[Invite]:
        now = now or utcnow()
        rows = await self.conn.execute(
            sa.select(invites)
            .where(
                invites.c.team_id == team_id,
                invites.c.revoked_at.is_(None),
                invites.c.expires_at > now,
            )
            .order_by(invites.c.id)
        )
        return [_invite(row) for row in rows]

    async def revoke(self, invite_id: int, by_member_id: int) -> bool:
        result = await self.conn.execute(
            invites.update()
            .where(invites.c.id == invite_id, invites.c.revoked_at.is_(None))
            .values(revoked_at=utcnow(), revoked_by=by_member_id)
        )
        return bool(result.rowcount)


class DuplicateUpdate(Exception):
    """The update was already processed (Telegram delivered it again)."""


@functools.cache
def _mark_processed(dialect: str) -> sa.Insert:
    """The marker's INSERT ... ON CONFLICT DO NOTHING, built once per dialect (run with a
    dict of values: no per-call statement building, issue 19)."""
    insert = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}[dialect]
    return insert(processed_updates).on_conflict_do_nothing(index_elements=["bot_id", "update_id"])


class UpdatesRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def is_processed(self, bot_id: int, update_id: int) -> bool:
        query = sa.select(sa.literal(1)).where(
            processed_updates.c.bot_id == bot_id, processed_updates.c.update_id == update_id
        )
        return (await self.conn.execute(query)).first() is not None

    async def mark_processed(self, bot_id: int, update_id: int) -> None:
        """Insert the marker; raises DuplicateUpdate if another worker got there first.

        ``ON CONFLICT DO NOTHING`` (SQLite and PostgreSQL alike) instead of catching the
        unique violation: no savepoint around it, two statements fewer per update."""
        result = await self.conn.execute(
            _mark_processed(self.conn.dialect.name),
            {"bot_id": bot_id, "update_id": update_id, "processed_at": utcnow()},
        )
        if result.rowcount != 1:
            raise DuplicateUpdate(update_id)

    async def prune(self, older_than: datetime) -> int:
        result = await self.conn.execute(
            processed_updates.delete().where(processed_updates.c.processed_at < older_than)
        )
        return result.rowcount or 0
