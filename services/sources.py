"""Lead sources: finding the source a logging command names, and the numbers per source."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from storage.models import Team
from storage.sources import MAX_NAME, Source, SourcesRepo, source_key

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
