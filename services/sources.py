"""Lead sources: finding the source a logging command names, and the numbers per source."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from metrics.counts import Counts
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


#: A source's row is shown when one of these is above zero in the period: its leads,
#: meetings and payments (calls have a source only when one was given, and a row of calls
#: alone would show only zeros: the "no source" row of a team that logs calls without one).
SHOWN_WHEN: tuple[str, ...] = (
    "leads_new",
    "meetings_set",
    "meetings_confirmed",
    "meetings_held",
    "meetings_cancelled",
    "meetings_no_show",
    "meetings_paid",
    "payments",
)


@dataclass(frozen=True, slots=True)
class SourceNumbers:
    """One source's metrics; ``name`` None for the records without a source.

    ``metrics``: in the mode asked for (period or cohort); ``cohort``: the meetings set in
    the period followed to now, where paid ⊆ held, so its ``conv_held_to_paid`` is a real
    share (in period mode it divides the meetings paid in the period, some held earlier, by
    those held in it, and can pass 100 %).
    """

    name: str | None
    metrics: dict[str, MetricValue]
    cohort: dict[str, MetricValue]

    @property
    def held_to_paid(self) -> MetricValue:
        """Held -> paid of the meetings set in the period (the cohort's)."""
        return self.cohort["conv_held_to_paid"]


def by_importance(rows: Iterable[SourceNumbers]) -> list[SourceNumbers]:
    """The rows /sources shows, in its order: those with leads, meetings or payments
    (:data:`SHOWN_WHEN`), most meetings held first, then most paid, then by name (the
    records without a source after a named source with the same numbers)."""

    def order(row: SourceNumbers) -> tuple[float, float, bool, str]:
        held, paid = row.metrics["meetings_held"] or 0, row.metrics["meetings_paid"] or 0
        return (-held, -paid, row.name is None, (row.name or "").casefold())

    return sorted((row for row in rows if any(row.metrics[k] for k in SHOWN_WHEN)), key=order)


async def source_numbers(
    db: Database | UnitOfWork, team: Team, period: Period, mode: str, settings: Settings
) -> list[SourceNumbers]:
    """/sources <period>: the sources with records in the period, most important first
    (:func:`by_importance`), each with its numbers in ``mode`` and its cohort's."""
    scope = scope_of(team, period, mode, settings)
    async with db.read() as conn:
        by_source = await analytics.counts(conn, scope, SOURCE)
        if mode == "cohort":
            cohort = by_source
        else:
            cohort = await analytics.counts(conn, replace(scope, mode="cohort"), SOURCE)
        names = {s.id: s.name for s in await SourcesRepo(conn).list(team.id)}
    return by_importance(
        SourceNumbers(
            names.get(key) if key is not None else None,
            compute(counts),
            compute(cohort.get(key, Counts())),
        )
        for key, counts in by_source.items()
    )
