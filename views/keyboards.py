"""Inline keyboards and the callback data their buttons carry, in one place (every
``prefix`` is seen at a glance). A button press is answered with ``bot.i18n.toast``."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.i18n import Texts
from metrics.periods import Period
from storage.journal import Entry, Meeting
from storage.models import Member, Team

MEETING_ACTIONS = ("confirmed", "held", "no_show", "cancelled")
_BUTTON_KEYS = {
    "confirmed": "btn_confirm",
    "held": "btn_held",
    "no_show": "btn_noshow",
    "cancelled": "btn_cancel",
}


# the deep link parameter of "open the board in the private chat" (never an invite code:
# those are 22 characters)
BOARD_START = "board"


# the first /start's "Set up the team" button: the /setup wizard (handlers.setup) answers it
# exactly as it answers /setup
SETUP_START = "setup:start"


def setup_keyboard(texts: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=texts("start_setup_button"), callback_data=SETUP_START)]
        ]
    )


class EntryAction(CallbackData, prefix="entry"):
    """Undo / void an entry."""

    entry_id: int


class MeetingAction(CallbackData, prefix="mtg"):
    meeting_id: int
    event: str


class QuickLog(CallbackData, prefix="qlog"):
    """A /log button: ``call_1``, ``lead``, ``meeting_set``, ``undo``..."""

    action: str


class DiagnoseView(CallbackData, prefix="dgn"):
    """A drill-down of one diagnosis: ``reps`` or ``sources``, for the period start..end."""

    view: str
    start: str  # ISO dates: CallbackData packs str, int, bool, enums
    end: str
    kind: str


class RevokeInvite(CallbackData, prefix="inv-revoke"):
    invite_id: int


class SuggestAction(CallbackData, prefix="sugg"):
    """Apply or cancel a suggested plan (/setplan ... suggest): ``action`` is ``apply`` or
    ``cancel``, ``suggestion_id`` the stored suggestion (``storage.suggestions``)."""

    action: str
    suggestion_id: int


class SetupAnswer(CallbackData, prefix="setup"):
    """A /setup button: ``step`` is the question it answers (a button of a question that
    is behind is not taken), ``action`` one of pick, toggle, skip, back, accept, edit,
    again, and ``value`` what was picked (a time zone, ``"12345"`` working days...)."""

    step: str
    action: str
    value: str = ""


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


def void_keyboard(entries: Iterable[Entry], texts: Texts) -> InlineKeyboardMarkup | None:
    """/history: a Void button for every entry that is not void yet, two to a row."""
    buttons = [
        InlineKeyboardButton(
            text=texts("void_button", n=entry.id),
            callback_data=EntryAction(entry_id=entry.id).pack(),
        )
        for entry in entries
        if not entry.void
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


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


def with_undo(
    markup: InlineKeyboardMarkup | None, entry: Entry, texts: Texts
) -> InlineKeyboardMarkup:
    rows = list(markup.inline_keyboard) if markup else []
    rows += undo_keyboard(entry, texts).inline_keyboard
    return InlineKeyboardMarkup(inline_keyboard=rows)


def meetings_keyboard(meetings: Iterable[Meeting], texts: Texts) -> InlineKeyboardMarkup:
    """/meetings: the four buttons of every meeting listed, labelled with its number."""
    rows = []
    for meeting in meetings:
        buttons = meeting_buttons(meeting.id, texts, label=True)
        rows += [buttons[:2], buttons[2:]]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _log_button(texts: Texts, key: str, action: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=texts(key), callback_data=QuickLog(action=action).pack())


def log_keyboard(member: Member, team: Team, texts: Texts) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    manual_calls = team.calls_mode != "telephony"  # else calls come from the telephony feed
    if manual_calls and (member.roles & {"sdr", "farmer", "hunter"} or member.is_manager):
        rows.append(
            [
                _log_button(texts, "log_call_1", "call_1"),
                _log_button(texts, "log_call_3", "call_3"),
                _log_button(texts, "log_call_5", "call_5"),
            ]
        )
        rows.append([_log_button(texts, "log_call_short", "call_0")])
    if "sdr" in member.roles or not member.roles & {"hunter", "farmer"}:
        rows.append(
            [
                _log_button(texts, "log_lead", "lead"),
                _log_button(texts, "log_lead_targeted", "lead_t"),
            ]
        )
        rows.append([_log_button(texts, "log_meeting_set", "meeting_set")])
    if "hunter" in member.roles:
        rows.append(
            [
                _log_button(texts, "log_proposal", "proposal"),
                _log_button(texts, "log_meetings", "meetings"),
            ]
        )
    rows.append([_log_button(texts, "log_undo", "undo")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def diagnosis_keyboard(period: Period, texts: Texts) -> InlineKeyboardMarkup:
    """/diagnose (managers): drill down by rep and by source, for the same period."""

    def button(view: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=texts(f"diag_button_{view}"),
            callback_data=DiagnoseView(
                view=view,
                start=period.start.isoformat(),
                end=period.end.isoformat(),
                kind=period.kind,
            ).pack(),
        )

    return InlineKeyboardMarkup(inline_keyboard=[[button("reps"), button("sources")]])


def revoke_button(invite_id: int, text: str) -> list[InlineKeyboardButton]:
    """/invites: one row with the Revoke button of an invite."""
    return [InlineKeyboardButton(text=text, callback_data=RevokeInvite(invite_id=invite_id).pack())]


def board_keyboard(webapp_url: str, texts: Texts) -> InlineKeyboardMarkup:
    """The button that opens the wallboard Mini App (private chats only: Telegram refuses
    web_app buttons in a group's inline keyboard)."""
    button = InlineKeyboardButton(text=texts("board_button"), web_app=WebAppInfo(url=webapp_url))
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


def board_link_keyboard(bot_username: str, texts: Texts) -> InlineKeyboardMarkup:
    """From a group: a link to the private chat, where ``/start board`` offers the board."""
    url = f"https://t.me/{bot_username}?start={BOARD_START}"
    button = InlineKeyboardButton(text=texts("board_group_button"), url=url)
    return InlineKeyboardMarkup(inline_keyboard=[[button]])
