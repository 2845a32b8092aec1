"""Typed versus verified calls as people read them: the /stats line, and the managers'
private evening list of reps whose typed calls exceed what telephony recorded."""

from __future__ import annotations

from datetime import date

from bot.i18n import Texts
from metrics.periods import Period
from metrics.verified import EXCESS_RATIO, MIN_EXCESS_CALLS, CallCheck
from services.verified import Telephony
from views.formatting import format_percent


def telephony_line(calls: Telephony, texts: Texts) -> str:
    """``Звонки от 60 с: по отчёту — 80, по телефонии — 62 (43,7 % всех звонков от 60 с)``."""
    return texts(
        "stats_typed_verified",
        typed=calls.typed,
        verified=calls.verified,
        share=format_percent(calls.share, texts.language),
    )


def telephony_private_line(texts: Texts) -> str:
    """What a group chat reads instead of a member's typed vs verified calls."""
    return texts("stats_typed_verified_private")


def over_typed_text(reps: tuple[CallCheck, ...], day: date, texts: Texts) -> str:
    """The managers' private list: each rep's typed and verified calls of 60 s+ that day
    and the difference, then the rule and what to do."""
    lines = [texts("over_typed_title", day=Period.containing(day, "day").label(texts.language))]
    lines += [
        texts(
            "over_typed_line",
            name=rep.name,
            typed=rep.typed,
            verified=rep.verified,
            excess=rep.excess,
        )
        for rep in reps
    ]
    over = format_percent(float(EXCESS_RATIO - 1), texts.language)
    lines.append(texts("over_typed_rule", over=over, least=MIN_EXCESS_CALLS))
    return "\n".join(lines)
