"""Records interchange (METRICS.md section 7): the records CSV in and out.

``export_csv`` writes every non-void record of a team as one CSV; ``import_csv``
reads such a file (from the bot, a spreadsheet, a CRM or a telephony export)
and writes it as records with ``origin="import"``, grouped under one entry.

An import is all or nothing: every row is checked first (fields, members,
sources, meeting references, the meeting lifecycle together with the events
already stored, payments of held meetings) and nothing is written when any row
is bad; the report lists every problem of every bad row with its line number
(line 1 is the header) as a code of ``ERROR_CODES`` with plain values, which
``views/interchange.py`` says in the reader's language. No prose here.

Re-importing a file adds nothing: a row whose ``external_id`` is already stored
is skipped; a row without ``external_id`` is skipped when an identical non-void
record is already stored (same person, instant and values; for a lead the
qualification is not compared, it may have been changed since), and a
``meeting_set`` row whose ``meeting_ref`` names a stored meeting with the same
setter, instant, source, client and hunter is that meeting. This is what makes
an exported file (whose bot-made records have no ``external_id``) safe to
import again.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from metrics.lifecycle import LifecycleError, next_status
from storage.models import ROLES, Team
from storage.repos import MembersRepo, utcnow
from storage.rollups import refresh_call_days_of_entry
from storage.sources import MAX_NAME as MAX_SOURCE_NAME
from storage.sources import SourcesRepo, source_key
from storage.tables import (
    calls,
    entries,
    leads,
    meeting_events,
    meetings,
    members,
    payments,
    proposals,
    sources,
)

if TYPE_CHECKING:  # storage.spreadsheets imports this module (RowError)
    from storage.spreadsheets import ReadAs, Table

COLUMNS: tuple[str, ...] = (
    "occurred_at",
    "kind",
    "person_id",
    "person_name",
    "external_id",
    "duration_s",
    "direction",
    "count",
    "source",
    "qualification",
    "meeting_ref",
    "hunter_id",
    "client",
    "amount",
    "payment_kind",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("occurred_at", "kind", "person_id")

KINDS: tuple[str, ...] = (
    "call",
    "lead",
    "meeting_set",
    "meeting_confirmed",
    "meeting_held",
    "meeting_cancelled",
    "meeting_no_show",
    "payment",
    "proposal",
)
# The rank of a kind breaks ties of ``occurred_at`` in an export: it follows the
# meeting lifecycle (set before confirmed before held), then payments.
KIND_RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(KINDS)}
MEETING_EVENTS: dict[str, str] = {
    "meeting_set": "set",
    "meeting_confirmed": "confirmed",
    "meeting_held": "held",
    "meeting_cancelled": "cancelled",
    "meeting_no_show": "no_show",
}
EVENT_KINDS: dict[str, str] = {event: kind for kind, event in MEETING_EVENTS.items()}
QUALIFICATIONS: tuple[str, ...] = ("targeted", "non_targeted")
DIRECTIONS: tuple[str, ...] = ("in", "out")
PAYMENT_KINDS: tuple[str, ...] = ("new", "repeat")

# Which optional columns a row of each kind may fill (the rest must be empty).
_ALLOWED: dict[str, frozenset[str]] = {
    "call": frozenset({"duration_s", "direction", "count", "source", "client"}),
    "lead": frozenset({"source", "qualification", "client"}),
    "meeting_set": frozenset({"meeting_ref", "source", "hunter_id", "client"}),
    "meeting_confirmed": frozenset({"meeting_ref"}),
    "meeting_held": frozenset({"meeting_ref"}),
    "meeting_cancelled": frozenset({"meeting_ref"}),
    "meeting_no_show": frozenset({"meeting_ref"}),
    "payment": frozenset({"amount", "payment_kind", "meeting_ref", "client"}),
    "proposal": frozenset({"meeting_ref"}),
}
_ALWAYS = frozenset({"occurred_at", "kind", "person_id", "person_name", "external_id"})
_KIND_TABLE: dict[str, str] = {
    "call": "calls",
    "lead": "leads",
    **{kind: "meeting_events" for kind in MEETING_EVENTS},
    "payment": "payments",
    "proposal": "proposals",
}
_TABLES: dict[str, sa.Table] = {
    "calls": calls,
    "leads": leads,
    "meeting_events": meeting_events,
    "payments": payments,
    "proposals": proposals,
}

MAX_EXTERNAL_ID = 128
MAX_REF = 128
MAX_TEXT = 200
_LIMITS: dict[str, int] = {
    "external_id": MAX_EXTERNAL_ID,
    "meeting_ref": MAX_REF,
    "source": MAX_SOURCE_NAME,
}
_SOURCED = frozenset({"call", "lead", "meeting_set"})
_CHUNK = 2000  # values in one IN (...): far below SQLite's 32766 variables
_WHOLE = re.compile(r"^\d+$")
_AMOUNT = re.compile(r"^\d+(\.\d{1,2})?$")
_CENT = Decimal("0.01")
# 12 000, 1 500,50: digits grouped by spaces (also no-break and narrow no-break ones)
_GROUPED = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$")
_GROUP_SPACES = str.maketrans("", "", " \u00a0\u202f")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
# 07.12.2026, 07.12.2026 10:15, 07.12.2026 10:15:30 (as Russian spreadsheets write them)
_DOTTED = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?$"
)

# What an import reports while it runs: progress(stage, done, total), rows
# checked (CHECKED) then rows written (WRITTEN). The caller decides how often
# to show it (a Telegram status message, a terminal bar); it is called every
# PROGRESS_EVERY rows checked and every WRITE_BATCH rows written.
Progress = Callable[[str, int, int], Awaitable[None]]
CHECKED = "checked"
WRITTEN = "written"
PROGRESS_EVERY = 1000
WRITE_BATCH = 5000


# --- export -----------------------------------------------------------------


def _iso(instant: datetime, zone: ZoneInfo) -> str:
    """ISO 8601 in the team's offset; fractional seconds only when non-zero."""
    return instant.astimezone(zone).isoformat()


def format_amount(amount: Decimal | int | str) -> str:
    return format(Decimal(amount).quantize(_CENT), "f")


def _meeting_ref(external_ref: str | None, meeting_id: int | None) -> str:
    if meeting_id is None:
        return ""
    return external_ref if external_ref is not None else str(meeting_id)


async def export_csv(
    conn: AsyncConnection,
    team: Team,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
) -> str:
    """Every non-void record of the team whose ``day`` is in [date_from, date_to]."""
    return records_csv(await export_records(conn, team, date_from=date_from, date_to=date_to))


def records_csv(records: Iterable[dict[str, Any]]) -> str:
    """The records (:func:`export_records`) as the interchange CSV: UTF-8 text, ``,``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


async def export_records(
    conn: AsyncConnection,
    team: Team,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[dict[str, Any]]:
    """The rows of :func:`export_csv`, in its order: one dict per record, keyed by
    ``COLUMNS``, each value as the file writes it (an instant in ISO 8601 with the
    team's offset, an amount with two decimals after a point)."""
    zone = ZoneInfo(team.timezone)
    person = members.alias("person")
    hunter = members.alias("hunter")
    rows: list[tuple[datetime, int, int, dict[str, Any]]] = []

    def where(table: sa.Table) -> list[sa.ColumnElement[bool]]:
        clauses = [table.c.team_id == team.id, table.c.voided_at.is_(None)]
        if date_from is not None:
            clauses.append(table.c.day >= date_from)
        if date_to is not None:
            clauses.append(table.c.day <= date_to)
        return clauses

    def add(row: sa.Row, kind: str, values: dict[str, Any]) -> None:
        rows.append(
            (
                row.occurred_at,
                KIND_RANK[kind],
                row.id,
                {
                    "occurred_at": _iso(row.occurred_at, zone),
                    "kind": kind,
                    "person_id": row.tg_user_id,
                    "person_name": row.display_name,
                    "external_id": row.external_id or "",
                    **values,
                },
            )
        )

    query = (
        sa.select(calls, person.c.tg_user_id, person.c.display_name, sources.c.name.label("src"))
        .select_from(
            calls.join(person, person.c.id == calls.c.member_id).outerjoin(
                sources, sources.c.id == calls.c.source_id
            )
        )
        .where(*where(calls))
    )
    for row in await conn.execute(query):
        add(
            row,
            "call",
            {
                "duration_s": row.duration_s,
                "direction": row.direction,
                "count": row.count,
                "source": row.src or "",
                "client": row.client or "",
            },
        )

    query = (
        sa.select(leads, person.c.tg_user_id, person.c.display_name, sources.c.name.label("src"))
        .select_from(
            leads.join(person, person.c.id == leads.c.member_id).outerjoin(
                sources, sources.c.id == leads.c.source_id
            )
        )
        .where(*where(leads))
    )
    for row in await conn.execute(query):
        add(
            row,
            "lead",
            {
                "source": row.src or "",
                "qualification": row.qualification or "",
                "client": row.client or "",
            },
        )

    query = (
        sa.select(
            meeting_events,
            person.c.tg_user_id,
            person.c.display_name,
            meetings.c.external_ref,
            meetings.c.client,
            sources.c.name.label("src"),
            hunter.c.tg_user_id.label("hunter_tg"),
        )
        .select_from(
            meeting_events.join(meetings, meetings.c.id == meeting_events.c.meeting_id)
            .join(person, person.c.id == meeting_events.c.actor_id)
            .outerjoin(sources, sources.c.id == meetings.c.source_id)
            .outerjoin(hunter, hunter.c.id == meetings.c.named_hunter_id)
        )
        .where(*where(meeting_events))
    )
    for row in await conn.execute(query):
        kind = EVENT_KINDS[row.kind]
        values: dict[str, Any] = {"meeting_ref": _meeting_ref(row.external_ref, row.meeting_id)}
        if kind == "meeting_set":
            values.update(
                source=row.src or "",
                client=row.client or "",
                hunter_id=row.hunter_tg if row.hunter_tg is not None else "",
            )
        add(row, kind, values)

    query = (
        sa.select(payments, person.c.tg_user_id, person.c.display_name, meetings.c.external_ref)
        .select_from(
            payments.join(person, person.c.id == payments.c.member_id).outerjoin(
                meetings, meetings.c.id == payments.c.meeting_id
            )
        )
        .where(*where(payments))
    )
    for row in await conn.execute(query):
        add(
            row,
            "payment",
            {
                "amount": format_amount(row.amount),
                "payment_kind": row.kind,
                "meeting_ref": _meeting_ref(row.external_ref, row.meeting_id),
                "client": row.client or "",
            },
        )

    query = (
        sa.select(proposals, person.c.tg_user_id, person.c.display_name, meetings.c.external_ref)
        .select_from(
            proposals.join(person, person.c.id == proposals.c.member_id).outerjoin(
                meetings, meetings.c.id == proposals.c.meeting_id
            )
        )
        .where(*where(proposals))
    )
    for row in await conn.execute(query):
        add(row, "proposal", {"meeting_ref": _meeting_ref(row.external_ref, row.meeting_id)})

    rows.sort(key=lambda item: item[:3])
    return [item[3] for item in rows]


# --- import: report -----------------------------------------------------------

# Every problem an import can find, by code, with the names of the values it
# carries. The codes are stable: views (views/interchange.py) say them in the
# reader's language, tests match them. Values are plain: the text of a cell as
# it was typed, column names, kinds, instants in the team's offset (ISO 8601,
# as an export writes them), line numbers (int; None for "in the database"),
# counts (int), lists of allowed values (tuples), or None when not known.
ERROR_CODES: dict[str, tuple[str, ...]] = {
    # reading the file (storage/spreadsheets.py); line 0 is the file as a whole
    "not_text": ("byte", "position", "encoding"),  # encoding: "utf-8" when mostly UTF-8, or None
    "not_a_table": ("kind",),  # xls (the old binary Excel), zip (a zip but not a workbook)
    "unreadable_xlsx": (),
    "mixed_separators": ("separators",),  # names: comma, semicolon, tab
    "row_separator": ("separator", "expected"),
    "merged_cells": ("cells",),  # ranges, "A1:B1"
    "formula_cell": ("cell", "formula"),
    "value_without_column": ("cell",),
    # the file as a whole (line 1 is the header)
    "empty_file": ("columns",),
    "unreadable_csv": ("problem",),  # unclosed_quote, misplaced_quote, nul, field_too_long, other
    "unnamed_column": ("position",),
    "duplicate_column": ("column",),
    "unknown_column": ("column", "suggestion", "columns"),
    "missing_column": ("column", "kinds"),  # kinds: () when every row needs it
    # one row and its cells
    "wrong_width": ("values", "columns"),
    "missing_field": ("column", "kind", "payment_kind"),  # kind None: every row needs it
    "unknown_kind": ("value", "suggestion", "kinds"),
    "bad_instant": ("value",),
    "bad_user_id": ("column", "value"),
    "bad_number": ("column", "value", "minimum"),
    "bad_amount": ("value",),
    "bad_choice": ("column", "value", "allowed", "optional"),
    "too_long": ("column", "limit"),
    "column_not_for_kind": ("column", "kind", "kinds"),
    "repeat_payment_meeting_ref": ("meeting_ref",),
    # rows against each other and against the database
    "external_id_conflict": ("external_id", "first_line"),
    "unknown_person": ("column", "person_id", "team"),
    "meeting_ref_reused": ("meeting_ref", "first_line"),
    "meeting_ref_taken": ("meeting_ref", "setter", "setter_id", "set_at"),  # "?": not known
    "voided_meeting": ("meeting_ref", "kind"),
    "unknown_meeting": ("meeting_ref",),
    "broken_meeting": ("meeting_ref", "set_line"),
    # the meeting lifecycle (metrics.lifecycle): refusal is LifecycleError.code,
    # status the meeting's status then; previous_* is the event that decides
    # (the set event for not_set, else the last event before this row)
    "transition_refused": (
        "meeting_ref",
        "kind",
        "at",
        "refusal",
        "status",
        "previous_at",
        "previous_line",
    ),
    "stored_event_conflict": ("meeting_ref", "stored_kind", "stored_at", "refusal", "status"),
    "payment_before_held": ("meeting_ref", "held_at"),
    "payment_meeting_not_held": ("meeting_ref", "status"),  # status None: not set
}


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem of one line of the file (line 1 is the header): a code of
    :data:`ERROR_CODES` and its values, never prose."""

    line: int
    code: str
    values: dict[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        expected = ERROR_CODES.get(self.code)
        if expected is None or set(self.values) != set(expected):
            raise ValueError(f"import error {self.code!r} with values {sorted(self.values)}")

    def __str__(self) -> str:  # for logs and test failures; people read views/interchange.py
        values = ", ".join(f"{name}={value!r}" for name, value in self.values.items())
        return f"line {self.line}: {self.code}({values})"


@dataclass(frozen=True, slots=True)
class CreatedMember:
    tg_user_id: int
    name: str
    roles: tuple[str, ...]


@dataclass
class ImportReport:
    rows: int = 0
    imported: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    created_members: list[CreatedMember] = field(default_factory=list)
    created_sources: list[str] = field(default_factory=list)
    dry_run: bool = False
    entry_id: int | None = None
    read_as: ReadAs | None = None  # how the file was read (storage/spreadsheets.py)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported_total(self) -> int:
        return sum(self.imported.values())


# --- import: parsing ----------------------------------------------------------


@dataclass(eq=False)
class _Row:
    line: int
    kind: str
    occurred_at: datetime
    person: int
    person_name: str | None = None
    external_id: str | None = None
    duration_s: int | None = None
    direction: str | None = None
    count: int | None = None
    source: str | None = None
    qualification: str | None = None
    meeting_ref: str | None = None
    hunter: int | None = None
    client: str | None = None
    amount: Decimal | None = None
    payment_kind: str | None = None
    # filled while checking
    skip: bool = False
    member_id: int | None = None
    hunter_member_id: int | None = None
    source_id: int | None = None
    meeting: _Meeting | None = None

    def canon(self) -> tuple[Any, ...]:
        """The row's values, normalised: what "identical" compares."""
        return (
            self.kind,
            self.occurred_at,
            self.person,
            self.person_name,
            self.duration_s,
            self.direction,
            self.count,
            source_key(self.source) if self.source else None,
            self.qualification,
            self.meeting_ref,
            self.hunter,
            self.client,
            self.amount,
            self.payment_kind,
        )

    @property
    def table(self) -> str:
        return _KIND_TABLE[self.kind]


@dataclass(eq=False)
class _Meeting:
    ref: str
    id: int | None = None  # a stored meeting
    set_row: _Row | None = None  # a meeting this file sets
    setter_id: int | None = None
    named_hunter_id: int | None = None
    hunter_id: int | None = None
    source_id: int | None = None
    client: str | None = None
    set_at: datetime | None = None
    void: bool = False
    # non-void stored events: (occurred_at, event id, kind, actor_id)
    stored: list[tuple[datetime, int, str, int]] = field(default_factory=list)
    new_events: list[_Row] = field(default_factory=list)
    # the checked timeline: (occurred_at, kind, actor_id, file row or None)
    timeline: list[tuple[datetime, str, int | None, _Row | None]] = field(default_factory=list)


class _Errors:
    def __init__(self) -> None:
        self.items: list[RowError] = []
        self.bad_lines: set[int] = set()

    def add(self, line: int, code: str, **values: Any) -> None:
        self.append(RowError(line, code, values))

    def append(self, error: RowError) -> None:
        self.items.append(error)
        self.bad_lines.add(error.line)


def _tg_id(value: str) -> int | None:
    return int(value) if _WHOLE.match(value) and int(value) > 0 else None


class _Parser:
    """The rows of a :class:`~storage.spreadsheets.Table` (header first) as checked
    :class:`_Row` s, and the errors of the bad ones."""

    def __init__(self, table: Table, errors: _Errors, zone: ZoneInfo) -> None:
        self.table = table
        self.decimal_comma = table.read_as.decimal_comma
        self.zone = zone
        self.errors = errors
        self.columns: dict[str, int] = {}
        self.missing_for: dict[str, set[str]] = {}
        self.suggested: set[str] = set()
        self.width = 0
        self.rows: list[_Row] = []
        self.data_rows = 0
        self.read = 0  # rows read after the header, blank ones too: the progress' count
        # meeting_ref -> line of a meeting_set row that has errors
        self.broken_refs: dict[str, int] = {}

    async def parse(self, progress: Progress | None = None) -> None:
        from storage.spreadsheets import BadRow

        rows = self.table.rows
        line = 0  # the last line read
        try:
            first = next(rows, None)
            header_line, header = first if first is not None else (1, [])
            line = header_line
            if isinstance(header, BadRow):  # a workbook that breaks off before its header
                for error in header:
                    self.errors.append(error)
                return
            if not any(cell.strip() for cell in header):
                self.errors.add(header_line, "empty_file", columns=COLUMNS)
                return
            if not self._header(header_line, header):
                return
            total = self.table.total
            if progress is not None:
                await progress(CHECKED, 0, total)
            for line, values in rows:
                self.read += 1
                if isinstance(values, BadRow):
                    self.data_rows += 1
                    for error in values:
                        self.errors.append(error)
                elif any(values):
                    self._row(line, values)
                if progress is not None and self.read % PROGRESS_EVERY == 0:
                    await progress(CHECKED, self.read, max(total, self.read))
        except csv.Error as error:
            self.errors.add(line + 1, "unreadable_csv", problem=_csv_problem(error))
            return
        for column, kinds in self.missing_for.items():
            if column in self.suggested:
                continue  # the unknown column that looks like it is reported already
            self.errors.add(
                header_line, "missing_column", column=column, kinds=tuple(sorted(kinds))
            )

    def _header(self, line: int, header: list[str]) -> bool:
        for index, raw in enumerate(header):
            name = raw.strip().lower()
            if not name:
                self.errors.add(line, "unnamed_column", position=index + 1)
            elif name in self.columns:
                self.errors.add(line, "duplicate_column", column=name)
            elif name not in COLUMNS:
                close = difflib.get_close_matches(name, COLUMNS, n=1)
                self.suggested.update(close)
                self.errors.add(
                    line,
                    "unknown_column",
                    column=raw.strip(),
                    suggestion=close[0] if close else None,
                    columns=COLUMNS,
                )
            else:
                self.columns[name] = index
        self.width = len(header)
        missing = [name for name in REQUIRED_COLUMNS if name not in self.columns]
        for name in missing:
            self.errors.add(line, "missing_column", column=name, kinds=())
        return not missing

    def _number(self, value: str) -> str:
        """A number as the checks read it: ``12 000`` -> ``12000``; with a decimal
        comma (a file not separated by commas), ``1 500,50`` -> ``1500.50``."""
        if _GROUPED.match(value):
            value = value.translate(_GROUP_SPACES)
        if self.decimal_comma and _DECIMAL_COMMA.match(value):
            value = value.replace(",", ".")
        return value

    def _required(
        self,
        get: dict[str, str],
        name: str,
        kind: str,
        errs: list[_Problem],
        payment_kind: str | None = None,
    ) -> str:
        """The value of a column a row of this kind needs ("" after reporting it)."""
        value = get.get(name, "")
        if not value:
            if name not in self.columns:
                self.missing_for.setdefault(name, set()).add(kind)
            else:
                errs.append(
                    ("missing_field", {"column": name, "kind": kind, "payment_kind": payment_kind})
                )
        return value

    def _row(self, line: int, values: list[str]) -> None:
        if len(values) != self.width:
            if any(value.strip() for value in values):
                self.data_rows += 1
                self.errors.add(line, "wrong_width", values=len(values), columns=self.width)
            return
        # the non-empty values, by column
        get: dict[str, str] = {}
        for name, index in self.columns.items():
            value = values[index].strip()
            if value:
                get[name] = value
        if not get and not any(value.strip() for value in values):
            return  # a blank row
        self.data_rows += 1
        errs: list[_Problem] = []

        raw_kind = get.get("kind", "")
        kind = raw_kind.lower()
        if not raw_kind:
            errs.append(_missing("kind"))
        elif kind not in KIND_RANK:
            close = difflib.get_close_matches(kind, KINDS, n=1)
            errs.append(
                (
                    "unknown_kind",
                    {"value": raw_kind, "suggestion": close[0] if close else None, "kinds": KINDS},
                )
            )
        occurred_at = _parse_instant(get.get("occurred_at", ""), self.zone, errs)
        if occurred_at is not None:
            occurred_at = occurred_at.astimezone(UTC)
        person = get.get("person_id", "")
        person_id = _tg_id(person)
        if not person:
            errs.append(_missing("person_id"))
        elif person_id is None:
            errs.append(("bad_user_id", {"column": "person_id", "value": person}))
        if kind not in KIND_RANK:
            self._bad(line, errs)
            return
        row = _Row(line=line, kind=kind, occurred_at=occurred_at or _EPOCH, person=person_id or 0)
        allowed = _ALLOWED[kind]
        for name, value in get.items():
            if name not in allowed and name not in _ALWAYS:
                errs.append(_not_for(name, kind))
            elif len(value) > _LIMITS.get(name, MAX_TEXT):
                errs.append(("too_long", {"column": name, "limit": _LIMITS.get(name, MAX_TEXT)}))
        row.person_name = get.get("person_name")
        row.external_id = get.get("external_id")
        row.client = get.get("client")
        row.meeting_ref = get.get("meeting_ref")

        if kind == "call":
            value = self._required(get, "duration_s", "call", errs)
            if value:
                number = self._number(value)
                if _WHOLE.match(number):
                    row.duration_s = int(number)
                else:
                    errs.append(_bad_number("duration_s", value, 0))
            value = get.get("direction", "out")
            row.direction = value.lower()
            if row.direction not in DIRECTIONS:
                errs.append(_bad_choice("direction", value, DIRECTIONS))
            value = get.get("count", "1")
            number = self._number(value)
            if _WHOLE.match(number) and int(number) >= 1:
                row.count = int(number)
            else:
                errs.append(_bad_number("count", value, 1))
        elif kind == "lead":
            value = get.get("qualification", "")
            row.qualification = value.lower() or None
            if row.qualification is not None and row.qualification not in QUALIFICATIONS:
                errs.append(_bad_choice("qualification", value, QUALIFICATIONS, optional=True))
        elif kind == "payment":
            value = self._required(get, "amount", "payment", errs)
            if value:
                number = self._number(value)
                if _AMOUNT.match(number) and Decimal(number) > 0:
                    row.amount = Decimal(number)
                else:
                    errs.append(("bad_amount", {"value": value}))
            value = self._required(get, "payment_kind", "payment", errs)
            if value:
                row.payment_kind = value.lower()
                if row.payment_kind == "new":
                    self._required(get, "meeting_ref", "payment", errs, payment_kind="new")
                elif row.payment_kind == "repeat":
                    self._required(get, "client", "payment", errs, payment_kind="repeat")
                    if row.meeting_ref:
                        errs.append(
                            ("repeat_payment_meeting_ref", {"meeting_ref": row.meeting_ref})
                        )
                else:
                    errs.append(_bad_choice("payment_kind", value, PAYMENT_KINDS))
        elif kind in MEETING_EVENTS:
            self._required(get, "meeting_ref", kind, errs)
            value = get.get("hunter_id", "")
            if value and kind == "meeting_set":
                row.hunter = _tg_id(value)
                if row.hunter is None:
                    errs.append(("bad_user_id", {"column": "hunter_id", "value": value}))
        if kind in _SOURCED:
            row.source = get.get("source")

        if errs or occurred_at is None or person_id is None:
            self._bad(line, errs)
            if kind == "meeting_set" and row.meeting_ref:
                self.broken_refs.setdefault(row.meeting_ref, line)
            return
        self.rows.append(row)

    def _bad(self, line: int, errs: list[_Problem]) -> None:
        for code, values in errs:
            self.errors.add(line, code, **values)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _parse_instant(value: str, zone: ZoneInfo, errs: list[_Problem]) -> datetime | None:
    """ISO 8601 (``2026-12-07T10:15:00+03:00``, ``2026-12-07 10:15``) or the dotted
    day first form (``07.12.2026 10:15``); without an offset, in the team's zone."""
    if not value:
        errs.append(_missing("occurred_at"))
        return None
    try:
        dotted = _DOTTED.match(value)
        if dotted is not None:
            day, month, year, hour, minute, second, fraction = dotted.groups()
            instant = datetime(
                int(year),
                int(month),
                int(day),
                int(hour or 0),
                int(minute or 0),
                int(second or 0),
                int((fraction or "0").ljust(6, "0")),
            )
        else:
            instant = datetime.fromisoformat(value)
    except ValueError:
        errs.append(("bad_instant", {"value": value}))
        return None
    if instant.tzinfo is None:  # (fromisoformat gives a fixed offset or none)
        instant = instant.replace(tzinfo=zone)
    return instant


# a problem of a row before its line is known: (code, values)
_Problem = tuple[str, dict[str, Any]]


def _missing(column: str) -> _Problem:
    """A column every row needs is empty."""
    return ("missing_field", {"column": column, "kind": None, "payment_kind": None})


def _bad_number(column: str, value: str, minimum: int) -> _Problem:
    return ("bad_number", {"column": column, "value": value, "minimum": minimum})


def _bad_choice(
    column: str, value: str, allowed: tuple[str, ...], *, optional: bool = False
) -> _Problem:
    return (
        "bad_choice",
        {"column": column, "value": value, "allowed": allowed, "optional": optional},
    )


def _not_for(name: str, kind: str) -> _Problem:
    """A column filled in a row of a kind that has no such field; ``meeting_*``
    stands for all the meeting kinds when they all have it."""
    kinds = [k for k in KINDS if name in _ALLOWED[k]]
    if all(k in kinds for k in MEETING_EVENTS):
        kinds = [k for k in kinds if k not in MEETING_EVENTS] + ["meeting_*"]
    return ("column_not_for_kind", {"column": name, "kind": kind, "kinds": tuple(kinds)})


def _csv_problem(error: csv.Error) -> str:
    """What the csv module's (English) message means, as a code."""
    message = str(error)
    if "unexpected end of data" in message:
        return "unclosed_quote"
    if "expected after" in message:
        return "misplaced_quote"
    if "NUL" in message:
        return "nul"
    if "field larger than field limit" in message:
        return "field_too_long"
    return "other"


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


# --- import: checking and writing --------------------------------------------


class _Import:
    def __init__(
        self,
        conn: AsyncConnection,
        team: Team,
        *,
        add_members: bool,
        dry_run: bool,
        created_by: int | None,
        progress: Progress | None = None,
    ) -> None:
        self.conn = conn
        self.progress = progress
        self.team = team
        self.zone = ZoneInfo(team.timezone)
        self.add_members = add_members
        self.dry_run = dry_run
        self.created_by = created_by
        self.errors = _Errors()
        self.rows: list[_Row] = []
        self.skipped = 0
        self.members: dict[int, int] = {}  # tg user id -> member id
        self.member_names: dict[int, str] = {}  # member id -> display name
        self.new_members: dict[int, dict[str, Any]] = {}  # tg id -> name, roles, line
        self.sources: dict[str, int | None] = {}  # source key -> id (None: to create)
        self.source_names: dict[str, str] = {}  # key -> the name to create it with
        self.meetings: dict[str, _Meeting] = {}  # ref -> the meeting it names
        self.broken_refs: dict[str, int] = {}
        self.stored_set_refs: dict[str, int] = {}  # ref -> meeting id, of skipped set rows

    def when(self, instant: datetime) -> str:
        return _iso(instant, self.zone)

    # --- the checks, in order

    async def run(self, table: Table) -> ImportReport:
        parser = _Parser(table, self.errors, self.zone)
        await parser.parse(self.progress)
        self.rows = parser.rows
        self.broken_refs = parser.broken_refs
        report = ImportReport(rows=parser.data_rows, dry_run=self.dry_run, read_as=table.read_as)
        if self.rows:
            self._file_duplicates()
            await self._stored_external_ids()
            await self._resolve_members()
            await self._resolve_sources()
            await self._resolve_meetings()
            await self._stored_duplicates()
            self._lifecycles()
            self._meeting_links()
            self._plan_members()
        if self.progress is not None and parser.columns:
            await self.progress(CHECKED, parser.read, parser.read)
        report.errors = sorted(self.errors.items, key=lambda error: error.line)
        if report.errors:
            return report
        todo = [row for row in self.rows if not row.skip]
        report.skipped = self.skipped
        counts = Counter(row.kind for row in todo)
        report.imported = {kind: counts[kind] for kind in KINDS if counts[kind]}
        report.created_members = [
            CreatedMember(tg, plan["name"], tuple(r for r in ROLES if r in plan["roles"]))
            for tg, plan in self.new_members.items()
        ]
        used = {source_key(row.source) for row in todo if row.source}
        report.created_sources = [
            self.source_names[key] for key in self.source_names if key in used
        ]
        if todo and not self.dry_run:
            report.entry_id = await self._write(todo, report)
        return report

    def _file_duplicates(self) -> None:
        """A repeated external_id: skipped when identical, an error when it differs."""
        seen: dict[tuple[str, str], _Row] = {}
        for row in self.rows:
            if row.external_id is None:
                continue
            key = (row.table, row.external_id)
            first = seen.get(key)
            if first is None:
                seen[key] = row
            elif first.canon() == row.canon():
                row.skip = True
                self.skipped += 1
            else:
                self.errors.add(
                    row.line,
                    "external_id_conflict",
                    external_id=row.external_id,
                    first_line=first.line,
                )
                row.skip = True

    async def _stored_external_ids(self) -> None:
        """Rows whose external_id is already stored (imported before) are skipped."""
        wanted: dict[str, list[str]] = {}
        for row in self.rows:
            if row.external_id is not None and not row.skip:
                wanted.setdefault(row.table, []).append(row.external_id)
        found: dict[str, dict[str, int | None]] = {}
        for name, ids in wanted.items():
            table = _TABLES[name]
            extra = [table.c.meeting_id] if name == "meeting_events" else []
            found[name] = {}
            for chunk in _chunks(sorted(set(ids))):
                result = await self.conn.execute(
                    sa.select(table.c.external_id, *extra).where(
                        table.c.team_id == self.team.id, table.c.external_id.in_(chunk)
                    )
                )
                for stored in result:
                    found[name][stored[0]] = stored[1] if extra else None
        for row in self.rows:
            if row.skip or row.external_id is None:
                continue
            if row.external_id in found.get(row.table, {}):
                row.skip = True
                self.skipped += 1
                meeting_id = found[row.table][row.external_id]
                if row.kind == "meeting_set" and row.meeting_ref and meeting_id is not None:
                    self.stored_set_refs.setdefault(row.meeting_ref, meeting_id)

    def _live(self) -> list[_Row]:
        return [row for row in self.rows if not row.skip]

    async def _resolve_members(self) -> None:
        result = await self.conn.execute(
            sa.select(members.c.id, members.c.tg_user_id, members.c.display_name).where(
                members.c.team_id == self.team.id
            )
        )
        for member_id, tg_user_id, name in result:
            self.members[tg_user_id] = member_id
            self.member_names[member_id] = name
        for row in self._live():
            row.member_id = self.members.get(row.person)
            if row.member_id is None and not self.add_members:
                self._unknown(row.line, "person_id", row.person)
            if row.hunter is not None:
                row.hunter_member_id = self.members.get(row.hunter)
                if row.hunter_member_id is None and not self.add_members:
                    self._unknown(row.line, "hunter_id", row.hunter)

    def _unknown(self, line: int, column: str, tg_user_id: int) -> None:
        self.errors.add(
            line, "unknown_person", column=column, person_id=str(tg_user_id), team=self.team.name
        )

    async def _resolve_sources(self) -> None:
        repo = SourcesRepo(self.conn)
        for row in self._live():
            if row.source is None:
                continue
            key = source_key(row.source)
            if key not in self.sources:
                found = await repo.resolve(self.team.id, row.source)
                self.sources[key] = found.id if found else None
                if found is None:
                    self.source_names[key] = " ".join(row.source.split())
            row.source_id = self.sources[key]

    async def _resolve_meetings(self) -> None:
        """Map every meeting_ref to a meeting: set in this file or stored."""
        refs = {row.meeting_ref for row in self._live() if row.meeting_ref}
        refs |= set(self.stored_set_refs)
        stored = await self._load_meetings(refs)
        for row in self._live():
            if row.kind != "meeting_set" or row.meeting_ref is None:
                continue
            ref = row.meeting_ref
            known = self.meetings.get(ref)
            if known is not None and known.set_row is not None:
                if known.set_row.canon() == row.canon():
                    row.skip = True
                    self.skipped += 1
                else:
                    self.errors.add(
                        row.line,
                        "meeting_ref_reused",
                        meeting_ref=ref,
                        first_line=known.set_row.line,
                    )
                    row.skip = True
                continue
            meeting = stored.get(ref)
            if meeting is not None:
                if meeting.void:
                    self.errors.add(row.line, "voided_meeting", meeting_ref=ref, kind=row.kind)
                elif self._same_set(meeting, row):
                    row.skip = True
                    self.skipped += 1
                    self.meetings[ref] = meeting
                else:
                    setter, setter_id = self._who(meeting.setter_id)
                    self.errors.add(
                        row.line,
                        "meeting_ref_taken",
                        meeting_ref=ref,
                        setter=setter,
                        setter_id=setter_id,
                        set_at=self.when(meeting.set_at) if meeting.set_at else "?",
                    )
                    row.skip = True
                continue
            self.meetings[ref] = _Meeting(
                ref=ref,
                set_row=row,
                setter_id=row.member_id,
                named_hunter_id=row.hunter_member_id,
                source_id=row.source_id,
                client=row.client,
                set_at=row.occurred_at,
            )
            row.meeting = self.meetings[ref]
        for ref, meeting in stored.items():
            self.meetings.setdefault(ref, meeting)
        for row in self._live():
            if row.kind == "meeting_set" or row.meeting_ref is None:
                continue
            meeting = self.meetings.get(row.meeting_ref)
            if meeting is None:
                line = self.broken_refs.get(row.meeting_ref)
                if line is not None:
                    self.errors.add(
                        row.line, "broken_meeting", meeting_ref=row.meeting_ref, set_line=line
                    )
                else:
                    self.errors.add(row.line, "unknown_meeting", meeting_ref=row.meeting_ref)
                row.skip = True
            elif meeting.void:
                self.errors.add(
                    row.line, "voided_meeting", meeting_ref=row.meeting_ref, kind=row.kind
                )
                row.skip = True
            else:
                row.meeting = meeting

    def _who(self, member_id: int | None) -> tuple[str, str]:
        """A member's display name and Telegram user id ("?" when not known)."""
        if member_id is None:
            return "?", "?"
        tg = next((tg for tg, mid in self.members.items() if mid == member_id), None)
        return self.member_names.get(member_id, "?"), str(tg) if tg is not None else "?"

    def _same_set(self, meeting: _Meeting, row: _Row) -> bool:
        return (
            row.member_id is not None
            and meeting.setter_id == row.member_id
            and meeting.set_at == row.occurred_at
            and meeting.source_id == row.source_id
            and meeting.client == row.client
            and meeting.named_hunter_id == row.hunter_member_id
            and (row.hunter is None or row.hunter_member_id is not None)
        )

    async def _load_meetings(self, refs: set[str]) -> dict[str, _Meeting]:
        """Stored meetings by external_ref, or by id for meetings made in the bot."""
        found: dict[str, _Meeting] = {}
        if not refs:
            return found
        by_id: dict[int, _Meeting] = {}
        columns = [
            meetings.c.id,
            meetings.c.external_ref,
            meetings.c.setter_id,
            meetings.c.named_hunter_id,
            meetings.c.hunter_id,
            meetings.c.source_id,
            meetings.c.client,
        ]

        def keep(row: sa.Row, ref: str) -> None:
            meeting = _Meeting(
                ref=ref,
                id=row.id,
                setter_id=row.setter_id,
                named_hunter_id=row.named_hunter_id,
                hunter_id=row.hunter_id,
                source_id=row.source_id,
                client=row.client,
            )
            found[ref] = meeting
            by_id[row.id] = meeting

        ordered = sorted(refs)
        for chunk in _chunks(ordered):
            result = await self.conn.execute(
                sa.select(*columns).where(
                    meetings.c.team_id == self.team.id, meetings.c.external_ref.in_(chunk)
                )
            )
            for row in result:
                keep(row, row.external_ref)
        numeric = [
            int(ref)
            for ref in ordered
            if ref not in found and _WHOLE.match(ref) and str(int(ref)) == ref
        ]
        for chunk in _chunks(numeric):
            result = await self.conn.execute(
                sa.select(*columns).where(
                    meetings.c.team_id == self.team.id,
                    meetings.c.external_ref.is_(None),
                    meetings.c.id.in_(chunk),
                )
            )
            for row in result:
                keep(row, str(row.id))
        for ref, meeting_id in self.stored_set_refs.items():
            if ref not in found:
                result = await self.conn.execute(
                    sa.select(*columns).where(meetings.c.id == meeting_id)
                )
                row = result.first()
                if row is not None:
                    keep(row, ref)
        ids = sorted(by_id)
        for chunk in _chunks(ids):
            result = await self.conn.execute(
                sa.select(
                    meeting_events.c.meeting_id,
                    meeting_events.c.id,
                    meeting_events.c.kind,
                    meeting_events.c.actor_id,
                    meeting_events.c.occurred_at,
                )
                .where(
                    meeting_events.c.meeting_id.in_(chunk),
                    meeting_events.c.voided_at.is_(None),
                )
                .order_by(meeting_events.c.occurred_at, meeting_events.c.id)
            )
            for event in result:
                meeting = by_id[event.meeting_id]
                meeting.stored.append((event.occurred_at, event.id, event.kind, event.actor_id))
                if event.kind == "set":
                    meeting.set_at = event.occurred_at
        for meeting in by_id.values():
            meeting.void = not any(kind == "set" for _, _, kind, _ in meeting.stored)
        return found

    async def _stored_duplicates(self) -> None:
        """Rows without external_id identical to a stored non-void record are skipped."""
        # meeting events of stored meetings: the same step at the same instant by the same actor
        for row in self._live():
            meeting = row.meeting
            if row.kind not in MEETING_EVENTS or row.kind == "meeting_set" or meeting is None:
                continue
            if meeting.id is None or row.external_id is not None:
                continue
            event = MEETING_EVENTS[row.kind]
            if any(
                kind == event and at == row.occurred_at and actor == row.member_id
                for at, _, kind, actor in meeting.stored
            ):
                row.skip = True
                self.skipped += 1

        keyed: dict[str, list[tuple[_Row, tuple[Any, ...]]]] = {}
        for row in self._live():
            if row.external_id is not None or row.member_id is None:
                continue
            key = self._content_key(row)
            if key is not None:
                keyed.setdefault(row.table, []).append((row, key))
        for name, items in keyed.items():
            table = _TABLES[name]
            first = min(row.occurred_at for row, _ in items)
            last = max(row.occurred_at for row, _ in items)
            result = await self.conn.execute(
                sa.select(table).where(
                    table.c.team_id == self.team.id,
                    table.c.voided_at.is_(None),
                    table.c.occurred_at >= first,
                    table.c.occurred_at <= last,
                )
            )
            stored = Counter(_stored_key(name, record) for record in result)
            for row, key in items:
                if stored[key] > 0:
                    stored[key] -= 1
                    row.skip = True
                    self.skipped += 1

    def _content_key(self, row: _Row) -> tuple[Any, ...] | None:
        at = row.occurred_at.astimezone(UTC)
        if row.kind == "call":
            if row.source is not None and row.source_id is None:
                return None
            return (
                row.member_id,
                at,
                row.duration_s,
                row.count,
                row.direction,
                row.source_id,
                row.client,
            )
        if row.kind == "lead":
            if row.source is not None and row.source_id is None:
                return None
            return (row.member_id, at, row.source_id, row.client)
        if row.kind == "payment":
            meeting_id = None
            client = row.client
            if row.payment_kind == "new":
                if row.meeting is None or row.meeting.id is None:
                    return None
                meeting_id = row.meeting.id
                client = row.client if row.client is not None else row.meeting.client
            return (row.payment_kind, row.member_id, at, row.amount, meeting_id, client)
        if row.kind == "proposal":
            if row.meeting_ref is not None and (row.meeting is None or row.meeting.id is None):
                return None
            return (row.member_id, at, row.meeting.id if row.meeting else None)
        return None

    def _lifecycles(self) -> None:
        """Each meeting's events in occurred_at order (ties: stored first, then file order).

        A file row that makes a stored event impossible (a cancellation before
        the stored confirmation) is the bad row; the check then runs again
        without it, so the other rows are judged against the stored events.
        """
        for row in self._live():
            if row.kind in MEETING_EVENTS and row.meeting is not None:
                row.meeting.new_events.append(row)
        for meeting in self.meetings.values():
            if not meeting.new_events:
                meeting.timeline = [
                    (at, kind, actor, None) for at, _, kind, actor in meeting.stored
                ]
                continue
            excluded: list[RowError] = []
            while True:
                errors, blamed = self._replay(meeting, {error.line for error in excluded})
                if blamed is None:
                    break
                excluded.append(blamed)
            for error in [*excluded, *errors]:
                self.errors.append(error)
            bad = {error.line for error in [*excluded, *errors]}
            for row in meeting.new_events:
                if row.line in bad:
                    row.skip = True

    def _replay(
        self, meeting: _Meeting, excluded: set[int]
    ) -> tuple[list[RowError], RowError | None]:
        """Replay stored and new events; returns the errors of file rows, or the
        error of the file row a stored event conflicts with (to exclude it)."""
        items: list[tuple[datetime, int, int, str, int | None, _Row | None]] = [
            (at, 0, event_id, kind, actor, None) for at, event_id, kind, actor in meeting.stored
        ]
        items += [
            (row.occurred_at, 1, row.line, MEETING_EVENTS[row.kind], row.member_id, row)
            for row in meeting.new_events
            if row.line not in excluded
        ]
        items.sort(key=lambda item: item[:3])
        errors: list[RowError] = []
        status: str | None = None
        since: tuple[datetime, _Row | None] | None = None
        last_file_row: _Row | None = None
        meeting.timeline = []
        for at, _, _, event, actor, row in items:
            try:
                status = next_status(status, event)
            except LifecycleError as error:
                if row is not None:
                    errors.append(self._refused(row, meeting, error, at, since))
                    continue
                if last_file_row is not None:
                    return errors, RowError(
                        last_file_row.line,
                        "stored_event_conflict",
                        {
                            "meeting_ref": meeting.ref,
                            "stored_kind": EVENT_KINDS[event],
                            "stored_at": self.when(at),
                            "refusal": error.code,
                            "status": error.current,
                        },
                    )
                status = event  # the stored events disagree among themselves: trust them
            since = (at, row)
            meeting.timeline.append((at, event, actor, row))
            if row is not None:
                last_file_row = row
        return errors, None

    def _refused(
        self,
        row: _Row,
        meeting: _Meeting,
        error: LifecycleError,
        at: datetime,
        since: tuple[datetime, _Row | None] | None,
    ) -> RowError:
        """The lifecycle refuses this row's event; ``previous_*`` name the event
        that decides: the later set event for ``not_set``, else the last one."""
        previous_at: datetime | None = None
        previous_line: int | None = None
        if error.code == "not_set":
            if meeting.set_at is not None:
                previous_at = meeting.set_at
                previous_line = meeting.set_row.line if meeting.set_row else None
        elif since is not None:
            previous_at = since[0]
            previous_line = since[1].line if since[1] is not None else None
        return RowError(
            row.line,
            "transition_refused",
            {
                "meeting_ref": meeting.ref,
                "kind": EVENT_KINDS[error.event],
                "at": self.when(at),
                "refusal": error.code,
                "status": error.current,
                "previous_at": self.when(previous_at) if previous_at else None,
                "previous_line": previous_line,
            },
        )

    def _meeting_links(self) -> None:
        """A new payment needs its meeting held by the payment's time."""
        for row in self._live():
            if row.kind != "payment" or row.payment_kind != "new" or row.meeting is None:
                continue
            meeting = row.meeting
            held = [at for at, kind, _, _ in meeting.timeline if kind == "held"]
            if held and held[0] <= row.occurred_at:
                continue
            if held:
                self.errors.add(
                    row.line,
                    "payment_before_held",
                    meeting_ref=meeting.ref,
                    held_at=self.when(held[0]),
                )
            else:
                status = meeting.timeline[-1][1] if meeting.timeline else None
                self.errors.add(
                    row.line, "payment_meeting_not_held", meeting_ref=meeting.ref, status=status
                )

    def _plan_members(self) -> None:
        """With add_members: who is created, with which name and roles."""
        if not self.add_members:
            return
        for row in self._live():
            if row.member_id is None:
                plan = self.new_members.setdefault(
                    row.person, {"name": None, "roles": set(), "line": row.line}
                )
                if plan["name"] is None and row.person_name:
                    plan["name"] = row.person_name
                role = _role_of(row)
                if role:
                    plan["roles"].add(role)
            if row.hunter is not None and row.hunter_member_id is None:
                plan = self.new_members.setdefault(
                    row.hunter, {"name": None, "roles": set(), "line": row.line}
                )
                plan["roles"].add("hunter")
        for tg, plan in self.new_members.items():
            if plan["name"] is None:
                plan["name"] = f"Member {tg}"

    # --- writing

    async def _write(self, todo: list[_Row], report: ImportReport) -> int:
        now = utcnow()
        details = {
            "rows": report.rows,
            "imported": report.imported,
            "skipped": report.skipped,
            "created_members": [member.tg_user_id for member in report.created_members],
            "created_sources": report.created_sources,
        }
        result = await self.conn.execute(
            entries.insert().values(
                team_id=self.team.id,
                member_id=None,
                created_by=self.created_by,
                kind="import",
                origin="import",
                details=details,
                created_at=now,
            )
        )
        entry_id: int = result.inserted_primary_key[0]

        repo = SourcesRepo(self.conn)
        used = {source_key(row.source) for row in todo if row.source}
        for key, name in self.source_names.items():
            if key in used:
                self.sources[key] = (await repo.add(self.team.id, name)).id
        members_repo = MembersRepo(self.conn)
        for member in report.created_members:
            created = await members_repo.add(
                team_id=self.team.id,
                tg_user_id=member.tg_user_id,
                display_name=member.name,
                username=None,
                roles=set(member.roles),
            )
            self.members[member.tg_user_id] = created.id
        for row in todo:
            row.member_id = self.members[row.person]
            if row.hunter is not None:
                row.hunter_member_id = self.members[row.hunter]
            if row.source is not None:
                row.source_id = self.sources[source_key(row.source)]

        def record(row: _Row) -> dict[str, Any]:
            return {
                "team_id": self.team.id,
                "entry_id": entry_id,
                "occurred_at": row.occurred_at,
                "day": row.occurred_at.astimezone(self.zone).date(),
                "origin": "import",
                "external_id": row.external_id,
            }

        # meetings set by this file, with their final status and hunter
        new_meetings = [row.meeting for row in todo if row.kind == "meeting_set" and row.meeting]
        if new_meetings:
            await self.conn.execute(
                meetings.insert(),
                [self._meeting_values(meeting, now) for meeting in new_meetings],
            )
            refs = [meeting.ref for meeting in new_meetings]
            for chunk in _chunks(refs):
                result = await self.conn.execute(
                    sa.select(meetings.c.id, meetings.c.external_ref).where(
                        meetings.c.team_id == self.team.id, meetings.c.external_ref.in_(chunk)
                    )
                )
                for meeting_id, ref in result:
                    self.meetings[ref].id = meeting_id
        # stored meetings that get new events: status and hunter after all events
        updates = []
        for meeting in {id(m): m for m in (r.meeting for r in todo) if m}.values():
            if meeting.set_row is None and meeting.new_events:
                values = self._status_values(meeting)
                updates.append(
                    {"mid": meeting.id, "st": values["status"], "hu": values["hunter_id"]}
                )
        if updates:
            await self.conn.execute(
                meetings.update()
                .where(meetings.c.id == sa.bindparam("mid"))
                .values(status=sa.bindparam("st"), hunter_id=sa.bindparam("hu")),
                updates,
            )

        inserts: dict[str, list[dict[str, Any]]] = {name: [] for name in _TABLES}
        for row in todo:
            base = record(row)
            if row.kind == "call":
                inserts["calls"].append(
                    {
                        **base,
                        "member_id": row.member_id,
                        "duration_s": row.duration_s,
                        "count": row.count,
                        "direction": row.direction,
                        "source_id": row.source_id,
                        "client": row.client,
                    }
                )
            elif row.kind == "lead":
                inserts["leads"].append(
                    {
                        **base,
                        "member_id": row.member_id,
                        "source_id": row.source_id,
                        "qualification": row.qualification,
                        "client": row.client,
                    }
                )
            elif row.kind in MEETING_EVENTS:
                assert row.meeting is not None and row.meeting.id is not None
                inserts["meeting_events"].append(
                    {
                        **base,
                        "meeting_id": row.meeting.id,
                        "kind": MEETING_EVENTS[row.kind],
                        "actor_id": row.member_id,
                    }
                )
            elif row.kind == "payment":
                meeting = row.meeting
                client = row.client
                if meeting is not None and client is None:
                    client = meeting.client
                inserts["payments"].append(
                    {
                        **base,
                        "kind": row.payment_kind,
                        "amount": row.amount,
                        "currency": self.team.currency,
                        "meeting_id": meeting.id if meeting else None,
                        "client": client,
                        "member_id": row.member_id,
                    }
                )
            else:
                inserts["proposals"].append(
                    {
                        **base,
                        "member_id": row.member_id,
                        "meeting_id": row.meeting.id if row.meeting else None,
                    }
                )
        written = 0
        await self._report_written(written, len(todo))
        for name, values in inserts.items():
            for start in range(0, len(values), WRITE_BATCH):
                batch = values[start : start + WRITE_BATCH]
                await self.conn.execute(_TABLES[name].insert(), batch)
                written += len(batch)
                await self._report_written(written, len(todo))
        await refresh_call_days_of_entry(self.conn, entry_id)
        return entry_id

    async def _report_written(self, done: int, total: int) -> None:
        if self.progress is not None:
            await self.progress(WRITTEN, done, total)

    def _status_values(self, meeting: _Meeting) -> dict[str, Any]:
        status = meeting.timeline[-1][1] if meeting.timeline else "set"
        hunter_id = meeting.named_hunter_id
        for _, kind, actor, row in meeting.timeline:
            if kind == "held":
                hunter_id = self.members[row.person] if row is not None else actor
        return {"status": status, "hunter_id": hunter_id}

    def _meeting_values(self, meeting: _Meeting, now: datetime) -> dict[str, Any]:
        row = meeting.set_row
        assert row is not None
        return {
            "team_id": self.team.id,
            "setter_id": row.member_id,
            "named_hunter_id": row.hunter_member_id,
            "source_id": row.source_id,
            "client": row.client,
            "scheduled_at": None,
            "external_ref": meeting.ref,
            "created_at": now,
            **self._status_values(meeting),
        }


def _role_of(row: _Row) -> str | None:
    if row.kind in {"lead", "meeting_set"}:
        return "sdr"
    if row.kind in {"meeting_held", "proposal"}:
        return "hunter"
    if row.kind == "payment" and row.payment_kind == "repeat":
        return "farmer"
    return None


def _stored_key(table: str, record: sa.Row) -> tuple[Any, ...]:
    if table == "calls":
        return (
            record.member_id,
            record.occurred_at,
            record.duration_s,
            record.count,
            record.direction,
            record.source_id,
            record.client,
        )
    if table == "leads":
        return (record.member_id, record.occurred_at, record.source_id, record.client)
    if table == "payments":
        return (
            record.kind,
            record.member_id,
            record.occurred_at,
            Decimal(record.amount).quantize(_CENT),
            record.meeting_id,
            record.client,
        )
    if table == "proposals":
        return (record.member_id, record.occurred_at, record.meeting_id)
    return ()


async def import_table(
    conn: AsyncConnection,
    team: Team,
    table: Table,
    *,
    add_members: bool = False,
    dry_run: bool = False,
    created_by_member_id: int | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Check the whole table, then (unless ``dry_run`` or any row is bad) write it.

    Runs on the caller's write transaction and never commits. ``progress`` is
    awaited as rows are checked and written (see :data:`Progress`).
    """
    job = _Import(
        conn,
        team,
        add_members=add_members,
        dry_run=dry_run,
        created_by=created_by_member_id,
        progress=progress,
    )
    return await job.run(table)


async def import_csv(
    conn: AsyncConnection,
    team: Team,
    text: str,
    *,
    add_members: bool = False,
    dry_run: bool = False,
    created_by_member_id: int | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """:func:`import_table` of a CSV text (its delimiter is the header's)."""
    from storage.spreadsheets import read_csv_text

    return await _import_read(
        conn,
        team,
        read_csv_text(text),
        add_members=add_members,
        dry_run=dry_run,
        created_by_member_id=created_by_member_id,
        progress=progress,
    )


async def _import_read(
    conn: AsyncConnection, team: Team, table: Table | RowError, *, dry_run: bool, **options: Any
) -> ImportReport:
    """:func:`import_table` of what a reader made of a file, or the reader's error as the
    report of a file that could not be read (nothing written)."""
    if isinstance(table, RowError):
        return ImportReport(errors=[table], dry_run=dry_run)
    return await import_table(conn, team, table, dry_run=dry_run, **options)


async def import_bytes(
    conn: AsyncConnection,
    team: Team,
    data: bytes,
    *,
    add_members: bool = False,
    dry_run: bool = False,
    created_by_member_id: int | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """:func:`import_table` of a file as uploaded: CSV (UTF-8 or Windows-1251; ``,``,
    ``;`` or tab) or XLSX, read by ``storage.spreadsheets.read_table``. A file that
    cannot be read is reported like any bad file, and nothing is written."""
    from storage.spreadsheets import read_table

    return await _import_read(
        conn,
        team,
        read_table(data),
        add_members=add_members,
        dry_run=dry_run,
        created_by_member_id=created_by_member_id,
        progress=progress,
    )
