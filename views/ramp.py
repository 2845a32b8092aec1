"""Ramps as people read them: /ramp's confirmation and the ramp line of /plan @member."""

from __future__ import annotations

from bot.i18n import Html, Texts
from metrics.ramp import START_FACTOR
from services.ramp import RampToday
from views.formatting import format_percent
from views.values import format_day


def _values(state: RampToday, texts: Texts) -> dict[str, object]:
    return {
        "weeks": state.ramp.weeks,
        "start": format_day(state.ramp.start, texts),
        "until": format_day(state.ramp.until, texts),
        "first": format_percent(float(START_FACTOR), texts.language),
        "full": format_percent(1, texts.language),
        "factor": format_percent(float(state.factor), texts.language),
    }


def ramp_line(state: RampToday, texts: Texts) -> Html:
    """/plan @member: the ramp's weeks, since when, today's share of the plan, until when."""
    if state.over:
        return texts("ramp_line_over", **_values(state, texts))
    return texts("ramp_line", **_values(state, texts))


def ramp_set_text(state: RampToday, name: str, texts: Texts) -> Html:
    return texts("ramp_set", name=name, **_values(state, texts))
