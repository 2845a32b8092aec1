"""Why a command was not carried out, in the reader's language: input that could not be
parsed, a rule of the records that refused it, a source the team does not have."""

from __future__ import annotations

from datetime import date

from bot.i18n import Html, Texts, shorten
from bot.parsing import ParseError
from services.sources import SourceNameTooLong, UnknownSource
from services.subjects import SubjectRefused
from storage.journal import Refused
from storage.sources import MAX_NAME

QUOTED = 60  # a typed word quoted back in an error: its beginning, then "…"


def parse_error_text(texts: Texts, error: ParseError, usage_key: str) -> Html:
    """What could not be read, and the command's usage."""
    limit = getattr(error, "limit", None)
    if isinstance(limit, date):
        limit = limit.strftime("%d.%m.%Y") if texts.language == "ru" else limit.isoformat()
    message = texts(f"err_{error.code}", value=shorten(error.value, QUOTED), limit=limit or "")
    return Html(f"{message}\n{texts(usage_key)}")


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


def unknown_source_text(texts: Texts, error: UnknownSource, usage_key: str) -> Html:
    """The source is not the team's: the known ones, a suggestion, and the usage."""
    known = ", ".join(error.known) or "—"
    text = texts("source_unknown", name=shorten(error.name, MAX_NAME), sources=known)
    if error.suggestion:
        text += texts("source_suggest", suggestion=error.suggestion)
    return Html(f"{text}\n{texts(usage_key)}")


def source_name_long_text(texts: Texts, error: SourceNameTooLong) -> Html:
    return texts("source_name_long", limit=error.limit)


def subject_refused_text(texts: Texts, error: SubjectRefused, usage_key: str) -> Html:
    """A rep asked for someone else's numbers, or the words name nobody (with the usage)."""
    if error.code == "only_own_numbers":
        return texts("only_own_numbers")
    return Html(f"{texts('subject_unknown', value=error.value[:60])}\n{texts(usage_key)}")
