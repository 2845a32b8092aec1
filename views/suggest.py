"""Suggested plans as people read them: the range, the sample size and the weeks it covers,
with Apply / Cancel buttons (or, with too little history, how much there is)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Html, Texts
from metrics.plans import Target
from metrics.suggest import MIN_SAMPLE, WEEKS
from services.suggest import PlanSuggestion
from views.keyboards import SuggestAction
from views.values import format_day, format_target


def suggest_subject(found: PlanSuggestion, texts: Texts) -> str:
    """Whom the suggestion is for: the role's name, or the member's."""
    if found.member is not None:
        return found.member.display_name
    assert found.role is not None
    return texts.role(found.role)


def suggestion_text(found: PlanSuggestion, texts: Texts) -> Html:
    values = {
        "subject": suggest_subject(found, texts),
        "metric": texts.metric(found.metric),
        "weeks": WEEKS,
        "first": format_day(found.weeks.start, texts),
        "last": format_day(found.weeks.end, texts),
        "days": found.size,
    }
    if found.suggestion is None:
        return texts("suggest_too_little", needed=MIN_SAMPLE, **values)
    target = Target(float(found.suggestion.lower), float(found.suggestion.goal))
    return texts("suggest_reply", target=format_target(target, texts), **values)


def suggestion_keyboard(found: PlanSuggestion, texts: Texts) -> InlineKeyboardMarkup | None:
    """Apply / Cancel, naming the stored suggestion; none without a suggestion."""
    if found.id is None:
        return None

    def button(action: str, key: str) -> InlineKeyboardButton:
        data = SuggestAction(action=action, suggestion_id=found.id or 0).pack()
        return InlineKeyboardButton(text=texts(key), callback_data=data)

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button("apply", "suggest_apply_button"), button("cancel", "suggest_cancel_button")]
        ]
    )
