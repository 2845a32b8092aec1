"""A team's lead sources: a list managed by managers, matched case-insensitively
by name or alias ("Google", "google", "гугл" -> one source)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from metrics.grammar import fold
from storage.repos import utcnow
from storage.rollups import refresh_call_days_of_team
from storage.tables import calls, leads, meetings, source_aliases, sources

MAX_NAME = 64  # characters of a source's name or alias (what the columns hold)


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    team_id: int
    name: str
    aliases: tuple[str, ...] = ()


def source_key(name: str) -> str:
    """How names and aliases are compared and stored: case and "ё" folded, spaces collapsed."""
    return fold(name)


class SourceError(Exception):
    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def _checked(name: str) -> str:
    """A new name or alias as it is saved: single spaces, never cut (a longer one
    is refused, so what is saved is what was typed)."""
    name = " ".join(name.split())
    if not name:
        raise SourceError("source_name_empty")
    if max(len(name), len(source_key(name))) > MAX_NAME:  # casefold: ß -> ss
        raise SourceError("source_name_long", limit=MAX_NAME)
    return name


def _resolve() -> sa.Select:
    """A name (of a source not merged into another) first, else an alias: one statement,
    as every logging command tries its free words as a source (issue 19)."""
    team_id, key = sa.bindparam("team_id"), sa.bindparam("key")
    by_name = sa.select(sources.c.id.label("source_id"), sa.literal(0).label("rank")).where(
        sources.c.team_id == team_id, sources.c.key == key, sources.c.merged_into.is_(None)
    )
    by_alias = sa.select(source_aliases.c.source_id, sa.literal(1).label("rank")).where(
        source_aliases.c.team_id == team_id, source_aliases.c.key == key
    )
    found = sa.union_all(by_name, by_alias).subquery("found")
    return (
        sa.select(sources.c.id, sources.c.team_id, sources.c.name)
        .join(found, sources.c.id == found.c.source_id)
        .order_by(found.c.rank)
        .limit(1)
    )


_RESOLVE = _resolve()


class SourcesRepo:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def list(self, team_id: int) -> list[Source]:
        rows = (
            await self.conn.execute(
                sa.select(sources)
                .where(sources.c.team_id == team_id, sources.c.merged_into.is_(None))
                .order_by(sources.c.name)
            )
        ).all()
        alias_rows = (
            await self.conn.execute(
                sa.select(source_aliases.c.source_id, source_aliases.c.key).where(
                    source_aliases.c.team_id == team_id
                )
            )
        ).all()
        aliases: dict[int, list[str]] = {}
        for source_id, key in alias_rows:
            aliases.setdefault(source_id, []).append(key)
        return [
            Source(row.id, row.team_id, row.name, tuple(sorted(aliases.get(row.id, []))))
            for row in rows
        ]

    async def resolve(self, team_id: int, word: str) -> Source | None:
        """The source a word names (by name or alias), or None."""
        key = source_key(word)
        if not key:
            return None
        row = (await self.conn.execute(_RESOLVE, {"team_id": team_id, "key": key})).first()
        return Source(row.id, row.team_id, row.name) if row else None

    async def get(self, source_id: int) -> Source | None:
        row = (await self.conn.execute(sa.select(sources).where(sources.c.id == source_id))).first()
        return Source(row.id, row.team_id, row.name) if row else None

    async def suggest(self, team_id: int, word: str) -> str | None:
        """The closest known name or alias, for "did you mean ...?"."""
        names = {source_key(s.name): s.name for s in await self.list(team_id)}
        for source in await self.list(team_id):
            for alias in source.aliases:
                names.setdefault(alias, source.name)
        close = difflib.get_close_matches(source_key(word), list(names), n=1, cutoff=0.6)
        return names[close[0]] if close else None

    async def _taken(self, team_id: int, key: str) -> bool:
        return await self.resolve(team_id, key) is not None

    async def add(self, team_id: int, name: str) -> Source:
        name = _checked(name)
        key = source_key(name)
        if await self._taken(team_id, key):
            raise SourceError("source_exists", name=name)
        result = await self.conn.execute(
            sources.insert().values(team_id=team_id, name=name, key=key, created_at=utcnow())
        )
        return Source(result.inserted_primary_key[0], team_id, name)

    async def rename(self, team_id: int, old: str, new: str) -> Source:
        source = await self.resolve(team_id, old)
        if source is None:
            raise SourceError("source_unknown", name=old)
        new = _checked(new)
        key = source_key(new)
        other = await self.resolve(team_id, key)
        if other is not None and other.id != source.id:
            raise SourceError("source_exists", name=new)
        # the old name keeps working as an alias
        await self._add_alias(team_id, source_key(source.name), source.id)
        await self.conn.execute(
            source_aliases.delete().where(
                source_aliases.c.team_id == team_id, source_aliases.c.key == key
            )
        )
        await self.conn.execute(
            sources.update().where(sources.c.id == source.id).values(name=new, key=key)
        )
        return Source(source.id, team_id, new)

    async def alias(self, team_id: int, name: str, alias: str) -> Source:
        source = await self.resolve(team_id, name)
        if source is None:
            raise SourceError("source_unknown", name=name)
        key = source_key(_checked(alias))
        if await self._taken(team_id, key):
            raise SourceError("source_exists", name=alias)
        await self._add_alias(team_id, key, source.id)
        return source

    async def merge(self, team_id: int, name: str, into: str) -> tuple[Source, Source]:
        """Records of ``name`` move to ``into``; ``name`` becomes its alias."""
        source = await self.resolve(team_id, name)
        target = await self.resolve(team_id, into)
        if source is None:
            raise SourceError("source_unknown", name=name)
        if target is None:
            raise SourceError("source_unknown", name=into)
        if source.id == target.id:
            raise SourceError("source_same", name=source.name)
        for table in (calls, leads, meetings):
            await self.conn.execute(
                table.update().where(table.c.source_id == source.id).values(source_id=target.id)
            )
        await self.conn.execute(
            source_aliases.update()
            .where(source_aliases.c.source_id == source.id)
            .values(source_id=target.id)
        )
        await self.conn.execute(
            sources.update().where(sources.c.id == source.id).values(merged_into=target.id)
        )
        await self._add_alias(team_id, source_key(source.name), target.id)
        await refresh_call_days_of_team(self.conn, team_id)
        return source, target

    async def _add_alias(self, team_id: int, key: str, source_id: int) -> None:
        exists = (
            await self.conn.execute(
                sa.select(source_aliases.c.key).where(
                    source_aliases.c.team_id == team_id, source_aliases.c.key == key
                )
            )
        ).first()
        if exists is None:
            await self.conn.execute(
                source_aliases.insert().values(team_id=team_id, key=key, source_id=source_id)
            )
