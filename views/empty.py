"""Empty states as people read them: what to do to see numbers (:mod:`services.empty`).
Every one names a next step, a command."""

from __future__ import annotations

from bot.i18n import Texts
from services.empty import EmptyState


def empty_text(state: EmptyState, texts: Texts) -> str:
    label = state.period.label(texts.language)
    period = label[:1].upper() + label[1:]  # it begins the sentence
    if state.whose == "own":
        return texts("empty_own", period=period)
    if state.whose == "member":
        return texts("empty_member", name=state.name or "", period=period)
    if state.whose == "source":
        return texts("empty_source", source=state.name or "", period=period)
    lines = [texts("empty_team" if state.team_has_reps else "empty_team_no_reps", period=period)]
    if not state.setup_done:
        lines.append(texts("empty_setup"))
    return "\n".join(lines)
