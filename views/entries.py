"""How entries and meetings read in messages (texts come from bot.locales)."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Html, Texts, shorten
from storage.journal import Entry, Meeting
from storage.models import Member, Team
from views.keyboards import meetings_keyboard, undo_keyboard
from views.values import format_amount, format_day, format_duration, format_when

# a typed name (client, source, member) in a list line: its beginning, in UTF-16 units,
# so ten lines of the longest names stay within one message (4,096)
LIST_NAME = 60
MAX_MEETINGS_LISTED = 10


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
        minutes = round(d["total_seconds"] / 60, 1)  # a number: the catalog picks its plural
        line = texts("entry_calls", count=d["count"], minutes=minutes, day=day)
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
        amount = format_amount(d["amount"], d["currency"], texts)
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


def meeting_card(meeting: Meeting, team: Team, texts: Texts, names: dict[int, str]) -> Html:
    paid = (
        texts("meeting_card_paid", amount=format_amount(meeting.paid_total, team.currency, texts))
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


def saved_reply(
    entry: Entry, member: Member, team: Team, texts: Texts
) -> tuple[Html, InlineKeyboardMarkup]:
    """What was saved, for whom, with an Undo button."""
    return (
        texts("saved", name=member.display_name, entry=describe_entry(entry, team, texts)),
        undo_keyboard(entry, texts),
    )


def meetings_list(
    meetings: list[Meeting], names: dict[int, str], team: Team, texts: Texts
) -> tuple[str, InlineKeyboardMarkup | None]:
    """/meetings: the open meetings (the first ten) with their buttons."""
    if not meetings:
        return texts("meetings_empty"), None
    listed = meetings[:MAX_MEETINGS_LISTED]
    lines = [texts("meetings_header")]
    for meeting in listed:
        hunter_id = meeting.hunter_id or meeting.named_hunter_id
        lines.append(
            texts(
                "meetings_line",
                meeting_id=meeting.id,
                client=shorten(meeting.client, LIST_NAME) if meeting.client else texts("no_client"),
                when=format_when(meeting.scheduled_at, team, texts),
                status=texts(f"status_{meeting.status}"),
                hunter=f" · {shorten(names[hunter_id], LIST_NAME)}" if hunter_id in names else "",
            )
        )
    if len(meetings) > MAX_MEETINGS_LISTED:
        lines.append(texts("meetings_more", count=len(meetings) - MAX_MEETINGS_LISTED))
    return "\n".join(lines), meetings_keyboard(listed, texts)


def history_text(
    entries: list[Entry], whose: Member, reader: Member, team: Team, texts: Texts
) -> str:
    """/history: the latest entries of ``whose``, numbered, as ``reader`` asked."""
    header = (
        texts("history_header")
        if whose.id == reader.id
        else texts("history_header_of", name=whose.display_name)
    )
    lines = [header]
    for entry in entries:
        line = describe_entry(entry, team, texts, in_list=True)
        lines.append(texts("history_line", n=entry.id, entry=line))
    return "\n".join(lines)
