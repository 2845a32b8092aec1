"""Answers the logging handlers share: run a logging action and echo what was saved, or
say what was wrong."""

from __future__ import annotations

from collections.abc import Awaitable

from aiogram.types import Message

from bot.arguments import Problem
from bot.i18n import Texts
from bot.parsing import ParseError
from services.sources import SourceNameTooLong, UnknownSource
from storage.journal import Entry, Refused
from storage.models import Member, Team
from views.entries import saved_reply
from views.problems import (
    parse_error_text,
    refusal_text,
    source_name_long_text,
    unknown_source_text,
)

REFUSALS = (ParseError, Problem, UnknownSource, SourceNameTooLong, Refused)
"""What a logging command answers with a text instead of saving (anything else is a bug)."""


def problem_text(
    texts: Texts,
    error: ParseError | Problem | UnknownSource | SourceNameTooLong | Refused,
    usage_key: str,
) -> str:
    """Why a logging command saved nothing: its input (with the usage) or a rule."""
    if isinstance(error, ParseError):
        return parse_error_text(texts, error, usage_key)
    if isinstance(error, Problem):
        return error.text
    if isinstance(error, UnknownSource):
        return unknown_source_text(texts, error, usage_key)
    if isinstance(error, SourceNameTooLong):
        return source_name_long_text(texts, error)
    return refusal_text(texts, error)


async def reply_saved(
    message: Message, entry: Entry, member: Member, team: Team, texts: Texts
) -> None:
    text, markup = saved_reply(entry, member, team, texts)
    await message.answer(text, reply_markup=markup)


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
    except REFUSALS as error:
        await message.answer(problem_text(texts, error, usage_key))
        return
    await reply_saved(message, entry, member, team, texts)
