"""How entries, meetings and numbers look in messages (texts come from bot.locales)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Html, Texts, shorten, toast  # noqa: F401 (toast: diagnosis imports it here)
from storage.journal import Entry, Meeting
from storage.models import Team

CURRENCY_SIGNS = {"RUB": "₽", "USD": "$", "EUR": "€"}
# a typed name (client, source, member) in a list line: its beginning, in UTF-16 units,
# so ten lines of the longest names stay within one message (4,096)
LIST_NAME = 60
MEETING_ACTIONS = ("confirmed", "held", "no_show", "cancelled")
_BUTTON_KEYS = {
    "confirmed": "btn_confirm",
    "held": "btn_held",
    "no_show": "btn_noshow",
    "cancelled": "btn_cancel",
}


class EntryAction(CallbackData, prefix="entry"):
    """Undo / void an entry."""

    entry_id: int


class MeetingAction(CallbackData, prefix="mtg"):
    meeting_id: int
    event: str


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


def _opt(texts: Texts, key: str, **values: Any) -> Html:
    """An optional clause (", source google") or "" when its value is missing."""
    if any(value in (None, "") for value in values.values()):
        return Html("")
    return texts(key, **values)


def describe_entry(entry: Entry, team: Team, texts: Texts, *, in_list: bool = False) -> Html:
    """One line saying what an entry recorded, in the reader's language. The names
    in it are as typed; ``in_list`` shortens long ones (a list of entries must fit
    in one message), the echo of a single entry shows them whole."""
    d = entry.details

    def name(key: str) -> str | None:
        value = d.get(key)
        return shorten(value, LIST_NAME) if in_list and value else value

    day = format_day(d["day"], texts) if d.get("day") else ""
    client = _opt(texts, "with_client", client=name("client"))
    if entry.kind == "call":
        line = texts(
            "entry_call",
            duration=format_duration(d["duration_s"], texts),
            direction=texts(f"dir_{d['direction']}"),
            source=_opt(texts, "with_source", source=name("source")),
            client=client,
            day=day,
        )
    elif entry.kind == "calls":
        line = texts("entry_calls", count=d["count"], minutes=_minutes(d["total_seconds"]), day=day)
    elif entry.kind == "lead":
        qualification = d.get("qualification")
        line = texts(
            "entry_lead",
            lead_id=d["lead_id"],
            source=_opt(texts, "with_source", source=name("source")),
            qualification=Html(f", {texts(f'qual_{qualification}')}") if qualification else "",
            client=client,
            day=day,
        )
    elif entry.kind == "lead_qualified":
        line = texts(
            "entry_lead_qualified", lead_id=d["lead_id"], qualification=texts(f"qual_{d['to']}")
        )
    elif entry.kind == "meeting_set":
        line = texts(
            "entry_meeting_set",
            meeting_id=d["meeting_id"],
            client=name("client") or texts("no_client"),
            source=_opt(texts, "with_source", source=name("source")),
            hunter=_opt(texts, "with_hunter", hunter=name("hunter")),
            when=(
                texts("with_when", when=format_when(d["scheduled_at"], team, texts))
                if d.get("scheduled_at")
                else ""
            ),
            day=day,
        )
    elif entry.kind.startswith("meeting_"):
        line = texts(f"entry_{entry.kind}", meeting_id=d["meeting_id"], client=client, day=day)
    elif entry.kind == "payment":
        amount = format_amount(d["amount"], d["currency"])
        if d["kind"] == "new":
            line = texts(
                "entry_payment_new",
                amount=amount,
                meeting_id=d["meeting_id"],
                client=client,
                day=day,
            )
        else:
            line = texts("entry_payment_repeat", amount=amount, client=name("client"), day=day)
    elif entry.kind == "proposal":
        meeting = _opt(texts, "with_meeting", meeting_id=d.get("meeting_id"))
        line = texts("entry_proposal", meeting=meeting, day=day)
    elif entry.kind == "import":
        line = texts("entry_import", rows=d.get("rows", 0))
    else:
        line = Html(entry.kind)  # an internal name ("demo"): letters and "_" only
    # a concatenation is a plain str: say it is HTML, or the next texts() escapes it again
    return Html(line + texts("entry_void_mark")) if entry.void else line


def _minutes(seconds: int) -> str:
    value = round(seconds / 60, 1)
    return f"{value:g}"


def undo_keyboard(entry: Entry, texts: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=texts("undo_button"),
                    callback_data=EntryAction(entry_id=entry.id).pack(),
                )
            ]
        ]
    )


def meeting_buttons(meeting_id: int, texts: Texts, *, label: bool = False) -> list:
    prefix = f"#{meeting_id} " if label else ""
    return [
        InlineKeyboardButton(
            text=prefix + texts(_BUTTON_KEYS[event]),
            callback_data=MeetingAction(meeting_id=meeting_id, event=event).pack(),
        )
        for event in MEETING_ACTIONS
    ]


def meeting_keyboard(meeting: Meeting, texts: Texts) -> InlineKeyboardMarkup | None:
    if meeting.status not in {"set", "confirmed"}:
        return None
    buttons = meeting_buttons(meeting.id, texts)
    return InlineKeyboardMarkup(inline_keyboard=[buttons[:2], buttons[2:]])


def meeting_card(meeting: Meeting, team: Team, texts: Texts, names: dict[int, str]) -> Html:
    paid = (
        texts("meeting_card_paid", amount=format_amount(meeting.paid_total, team.currency))
        if meeting.paid_total
        else ""
    )
    hunter_id = meeting.hunter_id or meeting.named_hunter_id
    return texts(
        "meeting_card",
        meeting_id=meeting.id,
        client=meeting.client or texts("no_client"),
        status=texts(f"status_{meeting.status}"),
        source=meeting.source or texts("not_given"),
        setter=names.get(meeting.setter_id, "?"),
        hunter=names.get(hunter_id, texts("not_given")) if hunter_id else texts("not_given"),
        when=format_when(meeting.scheduled_at, team, texts),
        paid=paid,
    )
