"""What the logging handlers share: parsing context, replies, sources in arguments."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import date, datetime

from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.i18n import Html, Texts, shorten
from bot.parsing import ParseError
from handlers.render import describe_entry, undo_keyboard
from storage.journal import Entry, Refused, local_day
from storage.models import Member, Team
from storage.repos import utcnow
from storage.sources import MAX_NAME, Source, SourcesRepo, source_key

SOURCE_PREFIXES = ("source:", "src:", "источник:", "ист:")
CLIENT_MAX = 200  # characters of a client's name (what the column holds)
QUOTED = 60  # a typed word quoted back in an error: its beginning, then "…"


@dataclass(frozen=True, slots=True)
class Now:
    """The moment an update is handled, in UTC and as the team's calendar day."""

    utc: datetime
    today: date

    @classmethod
    def for_team(cls, team: Team) -> Now:
        now = utcnow()
        return cls(now, local_day(team, now))


class Problem(Exception):
    """Bad input: the text to answer (already in the user's language)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse_problem(texts: Texts, error: ParseError, usage_key: str) -> Problem:
    limit = getattr(error, "limit", None)
    if isinstance(limit, date):
        limit = limit.strftime("%d.%m.%Y") if texts.language == "ru" else limit.isoformat()
    message = texts(f"err_{error.code}", value=shorten(error.value, QUOTED), limit=limit or "")
    return Problem(f"{message}\n{texts(usage_key)}")


def refusal_text(texts: Texts, refused: Refused) -> Html:
    values = dict(refused.values)
    if values.get("current"):
        values["current"] = texts(f"status_{values['current']}")
    if "event" in values:
        values["event"] = texts(f"event_{values['event']}")
    for key in ("last_day", "held_day"):
        if key in values:
            day = date.fromisoformat(values[key])
            values[key] = day.strftime("%d.%m.%Y") if texts.language == "ru" else day.isoformat()
    return texts(f"refused_{refused.code}", **values)


async def reply_saved(
    message: Message, entry: Entry, member: Member, team: Team, texts: Texts
) -> None:
    await message.answer(
        texts("saved", name=member.display_name, entry=describe_entry(entry, team, texts)),
        reply_markup=undo_keyboard(entry, texts),
    )


def _prefixed(token: str) -> str | None:
    lowered = token.casefold()
    for prefix in SOURCE_PREFIXES:
        if lowered.startswith(prefix):
            return token[len(prefix) :]
    return None


async def _known_or_problem(
    repo: SourcesRepo, team: Team, name: str, texts: Texts, usage_key: str
) -> Source:
    source = await repo.resolve(team.id, name)
    if source is not None:
        return source
    if team.free_sources:
        if len(" ".join(name.split())) > MAX_NAME:
            raise Problem(texts("source_name_long", limit=MAX_NAME))
        return await repo.add(team.id, name)
    known = [s.name for s in await repo.list(team.id)]
    text = texts("source_unknown", name=shorten(name, MAX_NAME), sources=", ".join(known) or "—")
    suggestion = await repo.suggest(team.id, name)
    if suggestion:
        text += texts("source_suggest", suggestion=suggestion)
    raise Problem(f"{text}\n{texts(usage_key)}")


async def take_source(
    conn: AsyncConnection, team: Team, tokens: list[str], texts: Texts, usage_key: str
) -> tuple[Source | None, list[str]]:
    """A source among free-text tokens: ``source:NAME`` or a token that is a known
    source name or alias. Other tokens stay (they are the client's name)."""
    repo = SourcesRepo(conn)
    for index, token in enumerate(tokens):
        named = _prefixed(token)
        if named is not None:
            source = await _known_or_problem(repo, team, named, texts, usage_key)
            return source, tokens[:index] + tokens[index + 1 :]
    for index, token in enumerate(tokens):
        source = await repo.resolve(team.id, token)
        if source is not None:
            return source, tokens[:index] + tokens[index + 1 :]
    return None, tokens


async def source_from_words(
    conn: AsyncConnection, team: Team, words: list[str], texts: Texts, usage_key: str
) -> Source | None:
    """The whole rest of a command names a source (``/lead google ads``)."""
    name = " ".join(words)
    named = _prefixed(name)
    if named is not None:
        name = named
    if not source_key(name):
        return None
    return await _known_or_problem(SourcesRepo(conn), team, name, texts, usage_key)


def client_label(tokens: list[str], texts: Texts) -> str | None:
    """The client's name: the words left over, as typed (a name longer than the
    column holds is refused, never cut: what is saved is what was typed)."""
    text = " ".join(tokens).strip()
    if len(text) > CLIENT_MAX:
        raise Problem(texts("err_client_long", limit=CLIENT_MAX))
    return text or None


def reject_number_words(tokens: list[str], texts: Texts, usage_key: str) -> None:
    """A bare number left over is a unit the user forgot (``/call 75``)."""
    for token in tokens:
        if token.replace(".", "", 1).replace(",", "", 1).isdigit():
            raise Problem(
                f"{texts('err_duration_ambiguous', value=shorten(token, 20))}\n{texts(usage_key)}"
            )


def extra_words(texts: Texts, tokens: list[str], usage_key: str) -> Problem:
    """Words the command has no place for: say which, and show the usage."""
    words = shorten(" ".join(tokens), QUOTED)
    return Problem(f"{texts('err_extra_words', value=words)}\n{texts(usage_key)}")


async def save_and_echo(
    message: Message,
    member: Member,
    team: Team,
    texts: Texts,
    usage_key: str,
    action: Awaitable[Entry],
) -> None:
    """Run a logging action; echo what was saved with an Undo button, or say what was
    wrong with the input (and the usage), or why a rule refused it. Nothing is saved
    unless the action's transaction committed."""
    try:
        entry = await action
    except ParseError as error:
        await message.answer(parse_problem(texts, error, usage_key).text)
        return
    except Problem as problem:
        await message.answer(problem.text)
        return
    except Refused as refused:
        await message.answer(refusal_text(texts, refused))
        return
    await reply_saved(message, entry, member, team, texts)
