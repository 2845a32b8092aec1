"""An import's result in the reader's language: its errors and its summary.

``storage/interchange.py`` says what it found as plain data: an
:class:`~storage.interchange.ImportReport` whose errors are codes with values
(``ERROR_CODES``), never prose. This module says them through the catalogs
(``bot/locales/<language>/interchange.ftl``, one message ``import_error_<code>``
per code), with every count in its plural form.

A file read from a spreadsheet says so (``read_as_line``), and an error of an
XLSX file names its cell (``ячейка B17``) where it is about one column's value.

The lines are Telegram HTML: a value from the file is HTML-escaped once, by
:class:`~bot.i18n.Texts`, and the catalog adds no tags, so :func:`plain` turns
a line back into exactly what a person reads (the CLI prints that).
"""

from __future__ import annotations

from collections.abc import Sequence

from babel.lists import format_list

from bot.i18n import Html, Texts
from storage.interchange import CreatedMember, ImportReport, RowError
from storage.spreadsheets import DELIMITERS, ReadAs, cell_letter

MAX_ERRORS_SHOWN = 25  # in a Telegram reply; the CLI lists every error
MAX_VALUE = 100  # characters of a value from the file quoted in an error; longer ones are cut
MAX_NAMES = 20  # created members or sources named in a summary; the rest are counted

# how a list value is said: "in or out", "call, lead and meeting_set"
_LIST_STYLES: dict[str, str] = {"allowed": "or"}
# numbers that point at a place in the file: written as they are (line 12345), not as counts
_PLACES = frozenset({"line", "first_line", "set_line", "previous_line", "position"})
# the column an error is about when its values do not name it (for the cell in an XLSX)
_COLUMN_OF: dict[str, str] = {
    "bad_instant": "occurred_at",
    "unknown_kind": "kind",
    "bad_amount": "amount",
    "external_id_conflict": "external_id",
    "repeat_payment_meeting_ref": "meeting_ref",
    "meeting_ref_reused": "meeting_ref",
    "meeting_ref_taken": "meeting_ref",
    "voided_meeting": "meeting_ref",
    "unknown_meeting": "meeting_ref",
    "broken_meeting": "meeting_ref",
}


def error_text(error: RowError, texts: Texts) -> Html:
    """One problem, without its line number: ``duration_s must be ...``."""
    values = {name: _value(name, value, texts) for name, value in error.values.items()}
    if error.code == "bad_choice" and error.values["optional"]:
        allowed = [*error.values["allowed"], texts("import_empty_value")]
        values["allowed"] = _value("allowed", allowed, texts)
    if error.code == "empty_file":  # the header to write, as it is written
        values["columns"] = ",".join(error.values["columns"])
    if error.code == "mixed_separators":
        separators = [texts("import_separator", name=name) for name in error.values["separators"]]
        values["separators"] = Html(format_list(separators, locale=texts.language))
    return texts(f"import_error_{error.code}", **values)


def error_line(error: RowError, texts: Texts, read_as: ReadAs | None = None) -> Html:
    """``line 12: ...`` / ``строка 12: ...``; in a workbook, ``cell B12: ...`` for an
    error about one cell; a problem of the whole file (line 0) without a place."""
    reason = error_text(error, texts)
    if error.line == 0:  # a sentence of its own
        return Html(reason[:1].upper() + reason[1:])
    cell = error.values.get("cell")
    if cell is None:
        column = error.values.get("column") or _COLUMN_OF.get(error.code)
        letter = cell_letter(read_as, str(column).strip().lower()) if column else None
        cell = f"{letter}{error.line}" if letter else None
    if cell is not None:
        return texts("import_error_cell", cell=cell, reason=reason)
    return texts("import_error_line", line=str(error.line), reason=reason)


def render_errors(report: ImportReport, texts: Texts, limit: int | None = None) -> list[Html]:
    """One line per error, in line order; past ``limit``, one line saying how many more."""
    shown = report.errors if limit is None else report.errors[:limit]
    lines = [error_line(error, texts, report.read_as) for error in shown]
    if len(report.errors) > len(shown):
        lines.append(texts("import_errors_more", count=len(report.errors) - len(shown)))
    return lines


def failure_head(report: ImportReport, texts: Texts) -> Html:
    """Nothing was imported: how many errors, in how many rows (or: the file is unreadable)."""
    rows = len({error.line for error in report.errors if error.line})
    if not rows:
        return texts("import_failed_file")
    return texts("import_failed", count=len(report.errors), rows=rows)


def read_as_line(report: ImportReport, texts: Texts) -> Html | None:
    """How the file was read, when it was not plain UTF-8 separated by commas."""
    read_as = report.read_as
    if read_as is None or read_as.plain:
        return None
    if read_as.format == "xlsx":
        return texts("import_read_as_xlsx", sheet=read_as.sheet or "")
    return texts(
        "import_read_as_csv",
        encoding=read_as.encoding,
        delimiter=DELIMITERS[read_as.delimiter],
    )


def render_summary(report: ImportReport, texts: Texts) -> list[Html]:
    """What a good file did (or would do, on a dry run): the rows read, the rows
    imported by kind, the rows skipped, the members and sources created."""
    dry = report.dry_run
    details = Html(
        ", ".join(texts(f"import_kind_{kind}", count=n) for kind, n in report.imported.items() if n)
    )
    lines = [
        texts("import_rows_read", rows=report.rows),
        texts(
            "import_would" if dry else "import_done", count=report.imported_total, details=details
        ),
    ]
    if report.skipped:
        lines.append(texts("import_would_skip" if dry else "import_skipped", count=report.skipped))
    if report.created_members:
        members = [_member(member, texts) for member in report.created_members]
        key = "import_would_add_members" if dry else "import_added_members"
        listed = _names(members, "import_more_members", texts)
        lines.append(texts(key, count=len(members), members=listed))
    if report.created_sources:
        sources = [texts("import_source", name=name) for name in report.created_sources]
        key = "import_would_add_sources" if dry else "import_added_sources"
        listed = _names(sources, "import_more_sources", texts)
        lines.append(texts(key, count=len(sources), sources=listed))
    if dry:
        lines.append(texts("import_dry_run_note"))
    return lines


def progress_line(stage: str, done: int, total: int, texts: Texts) -> Html:
    """``⏳ Импорт: проверено 12 000 из 48 000 строк`` (stage: checked, written)."""
    return texts(f"import_progress_{stage}", done=done, total=max(total, done))


def render_report(report: ImportReport, texts: Texts, limit: int | None = None) -> list[Html]:
    """How the file was read (if it is worth saying), then the summary of a good file,
    or the failure and its errors (at most ``limit``)."""
    read = read_as_line(report, texts)
    head = [read] if read is not None else []
    if report.ok:
        return [*head, *render_summary(report, texts)]
    return [failure_head(report, texts), *head, *render_errors(report, texts, limit)]


def import_reply(report: ImportReport, texts: Texts) -> Html:
    """The Telegram reply to /import (may be longer than one message: split it)."""
    lines = render_report(report, texts, limit=MAX_ERRORS_SHOWN)
    return Html("📥 " + "\n".join(lines))


def _names(names: list[Html], more: str, texts: Texts) -> Html:
    """``a, b and c``; past :data:`MAX_NAMES`, ``a, b and 5 more members``."""
    shown = names[:MAX_NAMES]
    if len(names) > len(shown):
        shown.append(texts(more, count=len(names) - len(shown)))
    return Html(format_list(shown, locale=texts.language))


def _member(member: CreatedMember, texts: Texts) -> Html:
    if member.roles:
        return texts(
            "import_member_with_roles",
            name=member.name,
            person_id=member.tg_user_id,
            roles=Html(texts.roles(list(member.roles))),
        )
    return texts("import_member", name=member.name, person_id=member.tg_user_id)


def _value(name: str, value: object, texts: Texts) -> object:
    """A value as the catalog takes it: None is ``none`` and a flag ``yes``/``no``
    (for selectors), a line number is written as is, a list is said as a list, a
    long value from the file is cut."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name in _PLACES:
        return str(value)
    if isinstance(value, Html):
        return value
    if isinstance(value, Sequence) and not isinstance(value, str):
        if not value:
            return "none"
        style = _LIST_STYLES.get(name, "standard")
        return format_list([str(item) for item in value], style=style, locale=texts.language)
    if isinstance(value, str) and len(value) > MAX_VALUE:
        return value[: MAX_VALUE - 1] + "…"
    return value
