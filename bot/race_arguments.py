"""The words of /race: ``<metric> <target> [until <date>]`` or ``stop <metric>``.

The metric is named as every command names one (its key, its name in either language or
a word people use: :func:`bot.arguments.leading_metrics`); the target is a whole number
for a count and an amount for money (``60``, ``1,5 млн``, ``500k``); the end date is
written as the other commands write dates (``31.12.2026``, ``31.12.26``, ``2026-12-31``,
``31.12`` — the next 31 December from today —, ``today``/``tomorrow``, or a current
period's word, ``week``/``месяц``, for its last day). Without one the race ends with the
current month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bot.arguments import Problem, leading_metrics, split_args
from bot.i18n import Texts, shorten
from bot.parsing import ParseError, parse_amount
from metrics.grammar import DAY_WORDS, date_parts, fold
from metrics.periods import Period, current_kind
from metrics.races import raceable
from metrics.registry import metric
from views.problems import QUOTED

STOP_WORDS = frozenset({"stop", "end", "стоп", "остановить", "закончить", "завершить"})
UNTIL_WORDS = frozenset({"until", "till", "to", "до", "по"})
MAX_DAYS = 366  # a race lasts at most a year
MAX_TARGET = Decimal(10) ** 12


@dataclass(frozen=True, slots=True)
class RaceStart:
    metric: str
    target: Decimal
    ends_on: date


@dataclass(frozen=True, slots=True)
class RaceStop:
    metric: str


def _problem(texts: Texts, key: str, **values: object) -> Problem:
    return Problem(f"{texts(key, **values)}\n{texts('race_usage')}")


def _metric(tokens: list[str], texts: Texts) -> tuple[str, list[str]]:
    keys, rest = leading_metrics(tokens)
    if not keys:
        word = shorten(tokens[0], QUOTED) if tokens else ""
        raise _problem(texts, "race_err_metric", value=word)
    if len(keys) > 1:
        raise _problem(texts, "race_err_one_metric")
    key = keys[0]
    if not raceable(key):
        raise Problem(texts("race_err_not_additive", metric=texts.metric(key)))
    return key, rest


def end_day(text: str, today: date) -> date | None:
    """The last day of a race written as ``text`` (see the module), or None when it is
    not a date; a day before today is returned as is (the caller refuses it).

    >>> today = date(2026, 12, 8)
    >>> end_day("31.12.2026", today), end_day("05.01", today), end_day("месяц", today)
    (datetime.date(2026, 12, 31), datetime.date(2027, 1, 5), datetime.date(2026, 12, 31))
    >>> end_day("someday", today) is None
    True
    """
    word = fold(text)
    if word in DAY_WORDS:
        return today + timedelta(days=DAY_WORDS[word])
    parts = date_parts(word)
    if parts is not None:
        year, month, day = parts
        try:
            found = date(today.year if year is None else year, month, day)
            if year is None and found < today:
                found = date(today.year + 1, month, day)
        except ValueError:
            return None
        return found
    kind = current_kind(word)
    if kind is not None:
        return Period.containing(today, kind).end
    return None


def _target(tokens: list[str], key: str, texts: Texts) -> Decimal:
    example = f"/race {key} 60"
    if not tokens:
        raise Problem(texts("race_err_no_target", example=example))
    text = " ".join(tokens)
    try:
        target = parse_amount(text)
    except ParseError:
        raise Problem(
            texts("race_err_target", value=shorten(text, QUOTED), example=example)
        ) from None
    if target > MAX_TARGET or (metric(key).kind == "count" and target != target.to_integral()):
        raise Problem(texts("race_err_target", value=shorten(text, QUOTED), example=example))
    return target


def _split_until(rest: list[str], today: date) -> tuple[list[str], str | None]:
    """The target's words and the end date's text (None when none was given)."""
    for at, token in enumerate(rest):
        if fold(token) in UNTIL_WORDS:
            return rest[:at], " ".join(rest[at + 1 :])
    if len(rest) >= 2 and end_day(rest[-1], today) is not None:
        return rest[:-1], rest[-1]
    return rest, None


def parse_race(args: str | None, today: date, texts: Texts) -> RaceStart | RaceStop | None:
    """What ``/race <args>`` asks a manager's race to do; None for no words (the boards).
    :class:`Problem` says what was wrong, with an example."""
    tokens = split_args(args)
    if not tokens:
        return None
    if fold(tokens[0]) in STOP_WORDS:
        if len(tokens) == 1:
            raise Problem(texts("race_err_stop_metric"))
        key, rest = _metric(tokens[1:], texts)
        if rest:
            raise _problem(texts, "race_err_extra", value=shorten(" ".join(rest), QUOTED))
        return RaceStop(key)
    key, rest = _metric(tokens, texts)
    target_words, until = _split_until(rest, today)
    target = _target(target_words, key, texts)
    ends_on = Period.containing(today, "month").end
    if until is not None:
        found = end_day(until, today) if until else None
        if found is None:
            raise Problem(texts("race_err_date", value=shorten(until, QUOTED)))
        if found < today:
            raise Problem(texts("race_err_past", value=shorten(until, QUOTED)))
        if (found - today).days >= MAX_DAYS:
            raise Problem(texts("race_err_long", days=MAX_DAYS))
        ends_on = found
    return RaceStart(key, target, ends_on)
