"""Lead sources: finding the source a logging command names, and the numbers per source."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from metrics.engine import MetricValue, compute
from metrics.periods import Period
from services.stats import scope_of
from storage import analytics
from storage.analytics import SOURCE
from storage.db import Database
from storage.models import Team
from storage.sources import MAX_NAME, Source, SourcesRepo, source_key
from storage.unit import UnitOfWork

SOURCE_PREFIXES = ("source:", "src:", "источник:", "ист:")


class SourceNameTooLong(Exception):
    """A new source's name is longer than the column holds (it is refused, never cut)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class UnknownSource(Exception):
    """A logging command names a source the team does not have (and may not add)."""

    def __init__(self, name: str, known: list[str], suggestion: str | None) -> None:
        super().__init__(name)
        self.name = name
        self.known = known
        self.suggestion = suggestion


def _prefixed(token: str) -> str | None:
    lowered = token.casefold()
    for prefix in SOURCE_PREFIXES:
        if lowered.startswith(prefix):
            return token[len(prefix) :]
    return None


async def _known_or_refused(repo: SourcesRepo, team: Team, name: str) -> Source:
    source = await repo.resolve(team.id, name)
    if source is not None:
        return source
    if team.free_sources:
        if len(" ".join(name.split())) > MAX_NAME:
            raise SourceNameTooLong(MAX_NAME)
        return await repo.add(team.id, name)
    known = [s.name for s in await repo.list(team.id)]
    raise UnknownSource(name, known, await repo.suggest(team.id, name))


async def take_source(
    conn: AsyncConnection, team: Team, tokens: list[str]
) -> tuple[Source | None, list[str]]:
    """A source among free-text tokens: ``source:NAME`` or a token that is a known
    source name or alias. Other tokens stay (they are the client's name)."""
    repo = SourcesRepo(conn)
    for index, token in enumerate(tokens):
        named = _prefixed(token)
        if named is not None:
            source = await _known_or_refused(repo, team, named)
            return source, tokens[:index] + tokens[index + 1 :]
    for index, token in enumerate(tokens):
        source = await repo.resolve(team.id, token)
        if source is not None:
            return source, tokens[:index] + tokens[index + 1 :]
    return None, tokens


async def source_from_words(conn: AsyncConnection, team: Team, words: list[str]) -> Source | None:
    """The whole rest of a command names a source (``/lead google ads``)."""
    name = " ".join(words)
    named = _prefixed(name)
    if named is not None:
        name = named
    if not source_key(name):
        return None
    return await _known_or_refused(SourcesRepo(conn), team, name)


@dataclass(frozen=True, slots=True)
class SourceNumbers:
    """One source's metrics; ``name`` None for the records without a source."""

    name: str | None
    metrics: dict[str, MetricValue]


async def source_numbers(
    db: Database | UnitOfWork, team: Team, period: Period, mode: str, settings: Settings
) -> list[SourceNumbers]:
    """/sources <period>: every source with records in the period (by id), then no source."""
    async with db.read() as conn:
        by_source = await analytics.counts(conn, scope_of(team, period, mode, settings), SOURCE)
        names = {s.id: s.name for s in await SourcesRepo(conn).list(team.id)}
    return [
        SourceNumbers(names.get(key) if key is not None else None, compute(value))
        for key, value in sorted(by_source.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    ]
