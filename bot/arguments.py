"""The words of a command: splitting them, roles, a client's name, a period with
``cohort``, and :class:`Problem`, the answer when they are wrong.

Dates, durations and amounts are read by :mod:`bot.parsing`, periods by
:mod:`metrics.periods`; this module puts them together for the handlers.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import Texts, shorten
from metrics.grammar import fold
from metrics.periods import Period, PeriodError, resolve_period, split_period_words
from metrics.registry import LANGUAGES, METRICS, metric_named
from services.clock import Now
from storage.models import ROLES, Team
from views.problems import QUOTED

ROLE_ALIASES: dict[str, str] = {
    "sdr": "sdr",
    "sdrs": "sdr",
    "setter": "sdr",
    "лидоруб": "sdr",
    "лидорубы": "sdr",
    "лидген": "sdr",
    "сдр": "sdr",
    "hunter": "hunter",
    "hunters": "hunter",
    "closer": "hunter",
    "хантер": "hunter",
    "хантеры": "hunter",
    "farmer": "farmer",
    "farmers": "farmer",
    "am": "farmer",
    "фермер": "farmer",
    "фермеры": "farmer",
    "manager": "manager",
    "managers": "manager",
    "head": "manager",
    "руководитель": "manager",
    "рук": "manager",
    "роп": "manager",
}
assert set(ROLE_ALIASES.values()) == set(ROLES)

CLIENT_MAX = 200  # characters of a client's name (what the column holds)
COHORT_WORDS = {"cohort", "когорта", "когорту", "когортный", "когортно"}
# /tv <action>: a new link in place of the old one, or no link at all
TV_ACTIONS: dict[str, str] = {
    "new": "new",
    "новая": "new",
    "новую": "new",
    "revoke": "revoke",
    "отозвать": "revoke",
    "отключить": "revoke",
    "off": "revoke",
    "выкл": "revoke",
}


class Problem(Exception):
    """Bad input: the text to answer (already in the user's language)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse_role(word: str) -> str | None:
    """``"Лидоруб"`` -> ``"sdr"``; None for a word that is not a role."""
    return ROLE_ALIASES.get(word.strip().lower().strip(",.;"))


def parse_tv_action(args: str | None) -> str | None:
    """What ``/tv <args>`` asks for: ``"show"`` (no words), ``"new"``, ``"revoke"``, or
    None for anything else.

    >>> parse_tv_action(None), parse_tv_action(" New "), parse_tv_action("отозвать")
    ('show', 'new', 'revoke')
    >>> parse_tv_action("new please") is None
    True
    """
    words = fold(args or "")
    if not words:
        return "show"
    return TV_ACTIONS.get(words)


def split_args(text: str | None) -> list[str]:
    return text.split() if text else []


# the longest metric name, in words ("проведена → оплачена (хантер)": 4)
METRIC_NAME_WORDS = max(len(entry.name(lang).split()) for entry in METRICS for lang in LANGUAGES)


def leading_metrics(tokens: list[str]) -> tuple[list[str], list[str]]:
    """The metrics named at the start of ``tokens`` (each by the longest run of words that
    names one: a key, a registry name in either language, a word people use, as
    :func:`metrics.registry.metric_named` reads them; a comma between them is fine), and
    the words after them.

    >>> leading_metrics(["звонки,", "назначена", "→", "проведена", "@ivan"])
    (['calls_60', 'conv_set_to_held'], ['@ivan'])
    """
    keys: list[str] = []
    at = 0
    while at < len(tokens):
        for end in range(min(len(tokens), at + METRIC_NAME_WORDS), at, -1):
            key = metric_named(" ".join(tokens[at:end]).strip(",;"))
            if key is not None:
                break
        else:
            break
        if key not in keys:
            keys.append(key)
        at = end
    return keys, tokens[at:]


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


@dataclass(frozen=True, slots=True)
class Request:
    """``[period] [cohort] [words...]``: the period asked for, the mode, the other words."""

    period: Period
    mode: str
    words: list[str]


def parse_request(args: str | None, team: Team, texts: Texts, usage_key: str) -> Request:
    tokens = split_args(args)
    mode = "period"
    if any(t.casefold() in COHORT_WORDS for t in tokens):
        mode = "cohort"
        tokens = [t for t in tokens if t.casefold() not in COHORT_WORDS]
    period_text, rest = split_period_words(tokens)
    try:
        period = resolve_period(period_text, Now.for_team(team).today)
    except PeriodError as error:
        raise Problem(
            f"{texts('period_unknown', value=error.value[:40])}\n{texts(usage_key)}"
        ) from None
    return Request(period, mode, rest)
