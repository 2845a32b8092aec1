"""How single values look in a reply: metric values, money, durations, days, plan targets.

Thin adapters from the views' vocabulary (a ``Texts``, a ``Team``) to the one
formatter, :mod:`views.formatting`, which writes every number and date.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from bot.i18n import Texts
from metrics.plans import Target
from storage.models import Team
from views.formatting import (
    DASH,
    format_count,
    format_date,
    format_datetime,
    format_metric,
    format_money,
)
from views.formatting import format_duration as _duration


def show(key: str, value: object, texts: Texts, currency: str) -> str:
    """One metric value as people read it: ``25,0 %``, ``150 000 ₽``, ``812,5``, ``—``."""
    if value is None:
        return DASH
    number = value if isinstance(value, int | float | Decimal) else Decimal(str(value))
    return format_metric(key, number, texts.language, currency=currency)


def counted(key: str, value: float | None, texts: Texts, currency: str) -> str:
    """A quantity with its noun in the plural form the number needs ("59 звонков",
    "1,5 минуты", "12 дней"; catalog messages ``count_<metric>``); a metric without a
    noun (money, ratios) or an undefined value as :func:`show` writes it."""
    message = f"count_{key}"
    if value is None or not texts.has(message):
        return show(key, value, texts, currency)
    return texts(message, count=value)


def format_duration(seconds: int, texts: Texts) -> str:
    """75 -> "1m 15s" / "1 мин 15 с"."""
    return _duration(seconds, texts.language)


def format_amount(amount: Decimal | str, currency: str, texts: Texts) -> str:
    """Decimal("150000.00"), "RUB" -> "150 000 ₽"; kopecks only when there are any."""
    return format_money(Decimal(amount), texts.language, currency)


def format_day(day: str | date, texts: Texts) -> str:
    return format_date(day, texts.language)


def format_when(moment: datetime | str | None, team: Team, texts: Texts) -> str:
    """An instant as the team sees it: ``04.12.2026 11:40`` / ``2026-12-04 11:40``."""
    if moment is None:
        return texts("not_given")
    return format_datetime(moment, team.timezone, texts.language)


def format_target(target: Target, texts: Texts) -> str:
    """A daily plan: ``80–100`` (lower–goal), or one number when they are equal."""
    lower = format_count(target.lower, texts.language)
    goal = format_count(target.goal, texts.language)
    return lower if lower == goal else f"{lower}–{goal}"
