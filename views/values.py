"""How single values look in a reply: metric values, money, durations, days, plan
targets (weekday names are ``views.formatting.weekday_name(s)``).

These are the formatting helpers the handlers used, moved here unchanged so every view
imports them from one place (the CLDR formatter of ``views.formatting`` replaces them).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.i18n import Texts
from metrics.engine import MONEY_KEYS, RATIO_KEYS
from metrics.plans import Target
from storage.models import Team

CURRENCY_SIGNS = {"RUB": "₽", "USD": "$", "EUR": "€"}
ONE_DECIMAL = {"minutes_on_line", "sales_cycle_days_as_hunter"}


def show(key: str, value: object, texts: Texts, currency: str) -> str:
    """One metric value as people read it: 25 %, 150 000 ₽, 812.5, — for undefined."""
    if value is None:
        return "—"
    if key in RATIO_KEYS:
        percent = float(value) * 100  # type: ignore[arg-type]
        return f"{percent:.0f} %" if percent >= 10 else f"{percent:.1f} %"
    if key in MONEY_KEYS:
        return format_amount(Decimal(str(value)), currency)
    if key in ONE_DECIMAL:
        return f"{float(value):g}"  # type: ignore[arg-type]
    return str(value)


def format_duration(seconds: int, texts: Texts) -> str:
    """75 -> "1m 15s" / "1 мин 15 с"."""
    ru = texts.language == "ru"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} ч" if ru else f"{hours}h")
    if minutes:
        parts.append(f"{minutes} мин" if ru else f"{minutes}m")
    if secs or not parts:
        parts.append(f"{secs} с" if ru else f"{secs}s")
    return " ".join(parts)


def format_amount(amount: Decimal | str, currency: str) -> str:
    """Decimal("150000.00"), "RUB" -> "150 000 ₽"; cents only when there are any."""
    value = Decimal(amount)
    whole = value == value.to_integral_value()
    text = f"{value:,.0f}" if whole else f"{value:,.2f}"
    return f"{text.replace(',', ' ')} {CURRENCY_SIGNS.get(currency, currency)}"


def format_day(day: str | date, texts: Texts) -> str:
    value = date.fromisoformat(day) if isinstance(day, str) else day
    return value.strftime("%d.%m.%Y") if texts.language == "ru" else value.isoformat()


def format_when(moment: datetime | str | None, team: Team, texts: Texts) -> str:
    if moment is None:
        return texts("not_given")
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    local = value.astimezone(ZoneInfo(team.timezone))
    return local.strftime("%d.%m.%Y %H:%M" if texts.language == "ru" else "%Y-%m-%d %H:%M")


def local_time(team: Team, moment: datetime) -> str:
    """An instant as the team sees it: ``2026-12-04 11:40``."""
    return moment.astimezone(ZoneInfo(team.timezone)).strftime("%Y-%m-%d %H:%M")


def format_target(target: Target) -> str:
    lower, goal = f"{target.lower:g}", f"{target.goal:g}"
    return lower if lower == goal else f"{lower}–{goal}"
