"""Action items as people read them: the «Взять в работу» button under each finding (of
/diagnose and of the digest's "what to check"), the confirmation, /actions with its Done
buttons, and the weekly digest's section on the items in work.

The buttons' callback data live here with the feature (``views.keyboards`` holds the
others); each stays well within Telegram's 64 bytes: a finding is named by its subject,
situation and the diagnosis's days as day numbers (``act:m:12:3:739943:739949:week:739947:1``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.delivery import split_text
from bot.i18n import Html, Texts, plain_text, shorten
from metrics.diagnosis import Finding, Subject
from metrics.periods import KINDS, Period
from services.actions import ActionsReview, FindingRef, ItemNumbers, finding_ref
from services.diagnosis import Diagnosed
from storage.actions import ActionItem
from storage.models import Member
from views.diagnosis import DIGEST_FINDINGS, subject_name
from views.formatting import format_date, format_metric

_KIND_CODES = {"team": "t", "source": "s", "member": "m"}
_KINDS_BY_CODE = {code: kind for kind, code in _KIND_CODES.items()}
BUTTON_NAME_LIMIT = 24  # a name in a button: the rest of the label must stay readable
DONE_PER_ROW = 2
OUTCOME_KEYS = {
    "improved": "act_digest_improved",
    "carried": "act_digest_carried",
    "overdue": "act_digest_overdue",
}


class TakeFinding(CallbackData, prefix="act"):
    """«Взять в работу» under finding number ``o``: its subject (``k`` kind code, ``i``
    id, empty for records without a source), situation ``n``, and the diagnosis's period
    (``a``..``b`` as day numbers, kind ``p``) looked at from day ``t``."""

    k: str
    i: str
    n: int
    a: int
    b: int
    p: str
    t: int
    o: int


class ActionDone(CallbackData, prefix="actdone"):
    """/actions: an item is done (its owner or a manager)."""

    item_id: int


def take_data(ref: FindingRef, number: int) -> TakeFinding:
    return TakeFinding(
        k=_KIND_CODES[ref.kind],
        i="" if ref.subject_id is None else str(ref.subject_id),
        n=ref.situation,
        a=ref.period.start.toordinal(),
        b=ref.period.end.toordinal(),
        p=ref.period.kind,
        t=ref.asof.toordinal(),
        o=number,
    )


def finding_of(data: TakeFinding) -> FindingRef | None:
    """The finding a button names; ``None`` for data no button of ours carries."""
    if data.k not in _KINDS_BY_CODE or data.p not in KINDS or data.n not in (1, 2, 3):
        return None
    if data.i and not data.i.isdigit():
        return None
    try:
        period = Period(date.fromordinal(data.a), date.fromordinal(data.b), data.p)
        asof = date.fromordinal(data.t)
    except ValueError:
        return None
    if not period.start <= asof:
        return None
    subject_id = int(data.i) if data.i else None
    return FindingRef(_KINDS_BY_CODE[data.k], subject_id, data.n, period, asof)


def _subject(kind: str, subject_id: int | None, name: str | None, texts: Texts) -> str:
    return subject_name(Subject(kind, subject_id, name), texts)


def _button_label(key: str, number: int, subject: str, texts: Texts) -> str:
    return plain_text(texts(key, n=number, subject=shorten(subject, BUTTON_NAME_LIMIT)))


def take_rows(
    diagnosed: Diagnosed,
    findings: Sequence[Finding],
    texts: Texts,
    taken: Collection[tuple[str, int | None, int, str]] = (),
) -> list[list[InlineKeyboardButton]]:
    """One button per finding, numbered as the findings are; a finding with an open item
    says so ("✅ В работе") and a tap on it makes no second one."""
    rows = []
    for number, finding in enumerate(findings, start=1):
        ref = finding_ref(diagnosed, finding)
        key = (ref.kind, ref.subject_id, ref.situation, finding.indicator.metric)
        label = "act_taken_button" if key in taken else "act_take_button"
        subject = subject_name(finding.subject, texts)
        rows.append(
            [
                InlineKeyboardButton(
                    text=_button_label(label, number, subject, texts),
                    callback_data=take_data(ref, number).pack(),
                )
            ]
        )
    return rows


def with_take_buttons(
    markup: InlineKeyboardMarkup | None, rows: list[list[InlineKeyboardButton]]
) -> InlineKeyboardMarkup | None:
    """The finding buttons above the keyboard a message has (the drill-down's)."""
    existing = list(markup.inline_keyboard) if markup is not None else []
    return InlineKeyboardMarkup(inline_keyboard=[*rows, *existing]) if rows or existing else None


def digest_take_markup(
    diagnosed: Diagnosed,
    texts: Texts,
    taken: Collection[tuple[str, int | None, int, str]] = (),
) -> InlineKeyboardMarkup | None:
    """The digest's "what to check": a button for each finding it shows ("taken" for a
    finding already in work)."""
    findings = diagnosed.report.findings[:DIGEST_FINDINGS]
    return with_take_buttons(None, take_rows(diagnosed, findings, texts, taken))


def marked_taken(
    markup: InlineKeyboardMarkup | None, data: str, number: int, subject: str, texts: Texts
) -> InlineKeyboardMarkup | None:
    """The message's keyboard with the tapped button saying "taken" (the others as they
    were); ``None`` when nothing changes."""
    if markup is None:
        return None
    label = _button_label("act_taken_button", number, subject, texts)
    changed = False
    rows = []
    for row in markup.inline_keyboard:
        buttons = []
        for button in row:
            if button.callback_data == data and button.text != label:
                button = button.model_copy(update={"text": label})
                changed = True
            buttons.append(button)
        rows.append(buttons)
    return InlineKeyboardMarkup(inline_keyboard=rows) if changed else None


def item_subject(item: ActionItem, texts: Texts, name: str | None = None) -> str:
    return _subject(item.subject_kind, item.subject_id, name or item.subject_name, texts)


def _check(item: ActionItem, texts: Texts) -> str:
    if texts.has(item.check_key):
        return texts(item.check_key, **item.check_params)
    return "—"


def _value(metric: str, number: float | None, texts: Texts) -> str:
    return format_metric(metric, number, texts.language)


def _reference(item: ActionItem, number: float, texts: Texts) -> Html:
    return texts(f"act_reference_{item.reference}", value=_value(item.metric, number, texts))


def taken_text(item: ActionItem, owner: Member, texts: Texts) -> str:
    """The reply to a tap that made an item."""
    return texts(
        "act_created",
        item_id=item.id,
        situation=texts(f"diag_situation_{item.situation}"),
        subject=item_subject(item, texts),
        check=_check(item, texts),
        owner=owner.display_name,
        due=format_date(item.due_day, texts.language),
        metric=texts.metric(item.metric),
        reference=_reference(item, item.baseline, texts),
        taken=_value(item.metric, item.value_at_creation, texts),
    )


def _numbers(n: ItemNumbers, texts: Texts) -> Html:
    return texts(
        "act_numbers",
        metric=texts.metric(n.item.metric),
        now=_value(n.item.metric, n.now, texts),
        reference=_reference(n.item, n.reference, texts),
    )


def actions_text(items: Sequence[ItemNumbers], member: Member, today: date, texts: Texts) -> str:
    """/actions: the open items (a rep's own, the whole team's for a manager)."""
    if not items:
        return texts("act_list_empty")
    header = "act_list_header_team" if member.is_manager else "act_list_header_own"
    parts = [texts(header, count=len(items))]
    for n in items:
        item = n.item
        late = texts("act_overdue_mark") if today > item.due_day else ""
        parts.append(
            texts(
                "act_item",
                item_id=item.id,
                situation=texts(f"diag_situation_{item.situation}"),
                subject=item_subject(item, texts, n.subject),
                check=_check(item, texts),
                owner=n.owner,
                due=format_date(item.due_day, texts.language),
                late=late,
                numbers=_numbers(n, texts),
            )
        )
    parts.append(texts("act_list_footer"))
    return "\n\n".join(parts)


def actions_messages(
    items: Sequence[ItemNumbers], member: Member, today: date, texts: Texts
) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """/actions as messages within Telegram's limit, the Done buttons under the last."""
    chunks = split_text(actions_text(items, member, today, texts))
    buttons = [
        InlineKeyboardButton(
            text=plain_text(texts("act_done_button", item_id=n.item.id)),
            callback_data=ActionDone(item_id=n.item.id).pack(),
        )
        for n in items
    ]
    rows = [buttons[i : i + DONE_PER_ROW] for i in range(0, len(buttons), DONE_PER_ROW)]
    markup = InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
    return [(chunk, markup if i == len(chunks) - 1 else None) for i, chunk in enumerate(chunks)]


def digest_action_lines(review: ActionsReview | None, texts: Texts) -> list[str]:
    """The weekly digest's section: each item in work, improved (closed: said once),
    carried (not fixed, due later) or overdue (said each week until it is closed)."""
    if review is None or not review.items:
        return []
    lines = [texts("act_digest_title")]
    for reviewed in review.items:
        n = reviewed.numbers
        lines.append(
            texts(
                OUTCOME_KEYS[reviewed.outcome],
                item_id=n.item.id,
                subject=item_subject(n.item, texts, n.subject),
                numbers=_numbers(n, texts),
                owner=n.owner,
                due=format_date(n.item.due_day, texts.language),
            )
        )
    lines.append(texts("act_digest_see"))
    return lines
