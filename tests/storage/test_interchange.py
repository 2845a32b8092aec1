"""Records interchange (METRICS.md section 7): import and export of the records CSV."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from bot.app import ensure_default_team
from bot.settings import Settings
from storage import journal, migrate
from storage.db import Database
from storage.interchange import (
    COLUMNS,
    KINDS,
    CreatedMember,
    ImportReport,
    RowError,
    export_csv,
    import_csv,
)
from storage.models import Member, Team
from storage.repos import MembersRepo, TeamsRepo
from storage.sources import MAX_NAME as MAX_SOURCE_NAME
from storage.sources import SourcesRepo
from storage.spreadsheets import decode
from storage.tables import (
    calls,
    entries,
    leads,
    meeting_events,
    meetings,
    member_roles,
    members,
    payments,
    proposals,
    sources,
)

MSK = ZoneInfo("Europe/Moscow")
TABLES = (
    entries,
    calls,
    leads,
    meetings,
    meeting_events,
    payments,
    proposals,
    sources,
    members,
    member_roles,
)


def at(day: int, hour: int = 10, minute: int = 0, second: int = 0) -> str:
    """An instant in November 2026, Moscow time, as the file writes it."""
    return datetime(2026, 11, day, hour, minute, second, tzinfo=MSK).isoformat()


def csv_of(*rows: dict[str, Any], columns: tuple[str, ...] | list[str] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def call(when: str, person: int = 1001, duration: Any = 75, **extra: Any) -> dict[str, Any]:
    return {
        "occurred_at": when,
        "kind": "call",
        "person_id": person,
        "duration_s": duration,
        **extra,
    }


def lead(when: str, person: int = 1001, **extra: Any) -> dict[str, Any]:
    return {"occurred_at": when, "kind": "lead", "person_id": person, **extra}


def meeting(kind: str, when: str, ref: str, person: int = 1001, **extra: Any) -> dict[str, Any]:
    return {
        "occurred_at": when,
        "kind": f"meeting_{kind}",
        "person_id": person,
        "meeting_ref": ref,
        **extra,
    }


def payment(when: str, person: int = 2001, **extra: Any) -> dict[str, Any]:
    return {"occurred_at": when, "kind": "payment", "person_id": person, **extra}


def proposal(when: str, person: int = 2001, **extra: Any) -> dict[str, Any]:
    return {"occurred_at": when, "kind": "proposal", "person_id": person, **extra}


async def snapshot(db: Database) -> dict[str, int]:
    async with db.read() as conn:
        return {
            table.name: (await conn.execute(sa.select(sa.func.count()).select_from(table))).scalar()
            for table in TABLES
        }


async def run(db: Database, team: Team, text: str, **options: Any) -> ImportReport:
    async with db.transaction() as conn:
        return await import_csv(conn, team, text, **options)


async def export(db: Database, team: Team, **options: Any) -> str:
    async with db.read() as conn:
        return await export_csv(conn, team, **options)


def data_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
async def people(db: Database, team: Team) -> dict[str, Member]:
    spec = [
        ("anna", 1001, "Anna", {"sdr"}),
        ("boris", 1002, "Boris", {"sdr"}),
        ("viktor", 2001, "Viktor", {"hunter"}),
        ("galina", 2002, "Galina", {"hunter"}),
        ("dmitry", 3001, "Dmitry", {"farmer"}),
        ("olga", 4001, "Olga", {"manager"}),
    ]
    found = {}
    async with db.transaction() as conn:
        repo = MembersRepo(conn)
        for key, tg, name, roles in spec:
            found[key] = await repo.add(
                team_id=team.id, tg_user_id=tg, display_name=name, username=None, roles=roles
            )
    return found


# --- errors: every bad row with its line, and nothing written ----------------


def err(line: int, code: str, **values: Any) -> RowError:
    return RowError(line, code, values)


def missing(line: int, column: str, kind: str | None = None, payment_kind: str | None = None):
    return err(line, "missing_field", column=column, kind=kind, payment_kind=payment_kind)


def bad_instant(line: int, value: str) -> RowError:
    return err(line, "bad_instant", value=value)


def not_for(line: int, column: str, kind: str, *kinds: str) -> RowError:
    return err(line, "column_not_for_kind", column=column, kind=kind, kinds=kinds)


def refused(line: int, ref: str, kind: str, when: str, refusal: str, status, previous, prev_line):
    return err(
        line,
        "transition_refused",
        meeting_ref=ref,
        kind=kind,
        at=when,
        refusal=refusal,
        status=status,
        previous_at=previous,
        previous_line=prev_line,
    )


BAD_FILES: list[tuple[str, str, list[RowError]]] = [
    (
        "duration_not_a_number",
        csv_of(call(at(3)), call(at(3, 11), duration="abc")),
        [err(3, "bad_number", column="duration_s", value="abc", minimum=0)],
    ),
    (
        "duration_negative",
        csv_of(call(at(3), duration="-5")),
        [err(2, "bad_number", column="duration_s", value="-5", minimum=0)],
    ),
    ("duration_missing", csv_of(call(at(3), duration="")), [missing(2, "duration_s", "call")]),
    (
        "occurred_at_not_a_date",
        csv_of(call("3 ноября 2026 10:15")),
        [bad_instant(2, "3 ноября 2026 10:15")],
    ),
    (
        "occurred_at_month_first",
        csv_of(call("11/03/2026 10:15")),
        [bad_instant(2, "11/03/2026 10:15")],
    ),
    (
        "occurred_at_no_such_day",
        csv_of(call("31.11.2026 10:15")),
        [bad_instant(2, "31.11.2026 10:15")],
    ),
    ("occurred_at_missing", csv_of(call("")), [missing(2, "occurred_at")]),
    (
        "unknown_kind",
        csv_of(call(at(3)), {"occurred_at": at(3), "kind": "visit", "person_id": 1001}),
        [err(3, "unknown_kind", value="visit", suggestion=None, kinds=KINDS)],
    ),
    (
        "kind_with_a_typo",
        csv_of({"occurred_at": at(3), "kind": "Cal", "person_id": 1001}),
        [err(2, "unknown_kind", value="Cal", suggestion="call", kinds=KINDS)],
    ),
    (
        "person_not_a_number",
        csv_of(call(at(3), person="anna")),
        [err(2, "bad_user_id", column="person_id", value="anna")],
    ),
    ("person_missing", csv_of(call(at(3), person="")), [missing(2, "person_id")]),
    (
        "count_zero",
        csv_of(call(at(3), count=0)),
        [err(2, "bad_number", column="count", value="0", minimum=1)],
    ),
    ("count_on_a_lead", csv_of(lead(at(3), count=2)), [not_for(2, "count", "lead", "call")]),
    (
        "direction_unknown",
        csv_of(call(at(3), direction="sideways")),
        [
            err(
                2,
                "bad_choice",
                column="direction",
                value="sideways",
                allowed=("in", "out"),
                optional=False,
            )
        ],
    ),
    (
        "qualification_unknown",
        csv_of(lead(at(3), qualification="hot")),
        [
            err(
                2,
                "bad_choice",
                column="qualification",
                value="hot",
                allowed=("targeted", "non_targeted"),
                optional=True,
            )
        ],
    ),
    (
        "qualification_on_a_call",
        csv_of(call(at(3), qualification="targeted")),
        [not_for(2, "qualification", "call", "lead")],
    ),
    (
        "source_on_a_proposal",
        csv_of(proposal(at(3), source="Google")),
        [not_for(2, "source", "proposal", "call", "lead", "meeting_set")],
    ),
    (
        "meeting_ref_on_a_call",
        csv_of(call(at(3), meeting_ref="M1")),
        [not_for(2, "meeting_ref", "call", "payment", "proposal", "meeting_*")],
    ),
    (
        "source_too_long",
        csv_of(call(at(3), source="x" * 201)),
        [err(2, "too_long", column="source", limit=MAX_SOURCE_NAME)],
    ),
    (
        "amount_zero",
        csv_of(payment(at(3), amount="0", payment_kind="repeat", client="Acme")),
        [err(2, "bad_amount", value="0")],
    ),
    (
        "amount_three_decimals",
        csv_of(payment(at(3), amount="10.005", payment_kind="repeat", client="Acme")),
        [err(2, "bad_amount", value="10.005")],
    ),
    (
        "amount_missing",
        csv_of(payment(at(3), payment_kind="repeat", client="Acme")),
        [missing(2, "amount", "payment")],
    ),
    (
        "payment_kind_unknown",
        csv_of(payment(at(3), amount="10", payment_kind="old", client="Acme")),
        [
            err(
                2,
                "bad_choice",
                column="payment_kind",
                value="old",
                allowed=("new", "repeat"),
                optional=False,
            )
        ],
    ),
    (
        "payment_kind_missing",
        csv_of(payment(at(3), amount="10", client="Acme")),
        [missing(2, "payment_kind", "payment")],
    ),
    (
        "new_payment_without_meeting",
        csv_of(payment(at(3), amount="10", payment_kind="new")),
        [missing(2, "meeting_ref", "payment", "new")],
    ),
    (
        "repeat_payment_without_client",
        csv_of(payment(at(3), amount="10", payment_kind="repeat")),
        [missing(2, "client", "payment", "repeat")],
    ),
    (
        "repeat_payment_with_meeting",
        csv_of(payment(at(3), amount="10", payment_kind="repeat", client="Acme", meeting_ref="M1")),
        [err(2, "repeat_payment_meeting_ref", meeting_ref="M1")],
    ),
    (
        "meeting_without_ref",
        csv_of(meeting("set", at(3), "")),
        [missing(2, "meeting_ref", "meeting_set")],
    ),
    (
        "meeting_ref_unknown",
        csv_of(meeting("set", at(3), "M1"), meeting("held", at(4), "M2", person=2001)),
        [err(3, "unknown_meeting", meeting_ref="M2")],
    ),
    (
        "meeting_ref_of_a_bad_set_row",
        csv_of(
            meeting("set", "yesterday", "M1"),
            meeting("held", at(4), "M1", person=2001),
        ),
        [bad_instant(2, "yesterday"), err(3, "broken_meeting", meeting_ref="M1", set_line=2)],
    ),
    (
        "meeting_set_twice",
        csv_of(meeting("set", at(3), "M1"), meeting("set", at(4), "M1")),
        [err(3, "meeting_ref_reused", meeting_ref="M1", first_line=2)],
    ),
    (
        "hunter_id_not_a_number",
        csv_of(meeting("set", at(3), "M1", hunter_id="viktor")),
        [err(2, "bad_user_id", column="hunter_id", value="viktor")],
    ),
    (
        "hunter_id_on_a_held_row",
        csv_of(
            meeting("set", at(3), "M1"),
            meeting("held", at(4), "M1", person=2001, hunter_id=2001),
        ),
        [not_for(3, "hunter_id", "meeting_held", "meeting_set")],
    ),
    (
        "unknown_person",
        csv_of(call(at(3)), call(at(3, 11), person=777)),
        [err(3, "unknown_person", column="person_id", person_id="777", team="Отдел продаж")],
    ),
    (
        "unknown_hunter",
        csv_of(meeting("set", at(3), "M1", hunter_id=778)),
        [err(2, "unknown_person", column="hunter_id", person_id="778", team="Отдел продаж")],
    ),
    (
        "external_id_repeated_with_other_values",
        csv_of(
            call(at(3), external_id="tel-1"),
            call(at(3, 11), external_id="tel-2"),
            call(at(3), external_id="tel-1", duration=80),
        ),
        [err(4, "external_id_conflict", external_id="tel-1", first_line=2)],
    ),
    (
        "wrong_number_of_values",
        csv_of(call(at(3))) + at(3) + ",call,1001\n",
        [err(3, "wrong_width", values=3, columns=15)],
    ),
    (
        "new_payment_of_a_meeting_not_held",
        csv_of(
            meeting("set", at(3), "M1"),
            meeting("confirmed", at(4), "M1"),
            payment(at(5), amount="1000", payment_kind="new", meeting_ref="M1"),
        ),
        [err(4, "payment_meeting_not_held", meeting_ref="M1", status="confirmed")],
    ),
    (
        "new_payment_before_the_meeting_is_held",
        csv_of(
            meeting("set", at(3), "M1"),
            payment(at(4), amount="1000", payment_kind="new", meeting_ref="M1"),
            meeting("held", at(5), "M1", person=2001),
        ),
        [err(3, "payment_before_held", meeting_ref="M1", held_at="2026-11-05T10:00:00+03:00")],
    ),
    (
        "lifecycle_cancelled_then_held",
        csv_of(
            meeting("held", at(5), "M1", person=2001),
            meeting("set", at(3), "M1"),
            meeting("cancelled", at(4), "M1"),
        ),
        [
            refused(
                2,
                "M1",
                "meeting_held",
                "2026-11-05T10:00:00+03:00",
                "final",
                "cancelled",
                "2026-11-04T10:00:00+03:00",
                4,
            )
        ],
    ),
    (
        "lifecycle_event_before_set",
        csv_of(
            meeting("set", at(3), "M1"),
            meeting("confirmed", at(2), "M1"),
        ),
        [
            refused(
                3,
                "M1",
                "meeting_confirmed",
                "2026-11-02T10:00:00+03:00",
                "not_set",
                None,
                "2026-11-03T10:00:00+03:00",
                2,
            )
        ],
    ),
    (
        "lifecycle_confirmed_twice",
        csv_of(
            meeting("set", at(3), "M1"),
            meeting("confirmed", at(4), "M1"),
            meeting("confirmed", at(5), "M1"),
        ),
        [
            refused(
                4,
                "M1",
                "meeting_confirmed",
                "2026-11-05T10:00:00+03:00",
                "already",
                "confirmed",
                "2026-11-04T10:00:00+03:00",
                3,
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=name) for name, text, expected in BAD_FILES],
)
async def test_bad_rows_are_listed_and_nothing_is_written(db, team, people, text, expected):
    before = await snapshot(db)
    report = await run(db, team, text)
    assert report.errors == expected
    assert not report.ok
    assert await snapshot(db) == before


def file_error(code: str, **values: Any) -> RowError:
    return err(1, code, **values)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", [file_error("empty_file", columns=COLUMNS)], id="empty"),
        pytest.param(
            "occurred_at,kind;person_id\n2026-11-03T10:00:00+03:00,call,1001\n",
            [file_error("mixed_separators", separators=("comma", "semicolon"))],
            id="mixed_separators",
        ),
        pytest.param(
            "occurred_at\tkind\tperson_id\tduration_s\n"
            "2026-11-03T10:00:00+03:00\tcall\t1001\t60\n"
            "2026-11-03T11:00:00+03:00;call;1001;60\n",
            [err(3, "row_separator", separator="semicolon", expected="tab")],
            id="a_row_with_another_separator",
        ),
        pytest.param(
            csv_of(
                {"occurred_at": at(3), "kind": "call", "person_id": 1001, "Duraton_s ": 60},
                columns=["occurred_at", "kind", "person_id", "Duraton_s "],
            ),
            [
                file_error(
                    "unknown_column", column="Duraton_s", suggestion="duration_s", columns=COLUMNS
                )
            ],
            id="unknown_column",
        ),
        pytest.param(
            csv_of({"occurred_at": at(3), "person_id": 1001}, columns=["occurred_at", "person_id"]),
            [file_error("missing_column", column="kind", kinds=())],
            id="missing_required_column",
        ),
        pytest.param(
            csv_of(
                {"occurred_at": at(3), "kind": "call", "person_id": 1001},
                {"occurred_at": at(3), "kind": "payment", "person_id": 1001},
                columns=["occurred_at", "kind", "person_id"],
            ),
            [
                file_error("missing_column", column="duration_s", kinds=("call",)),
                file_error("missing_column", column="amount", kinds=("payment",)),
                file_error("missing_column", column="payment_kind", kinds=("payment",)),
            ],
            id="missing_column_for_a_kind",
        ),
        pytest.param(
            "occurred_at,kind,person_id,kind\n",
            [file_error("duplicate_column", column="kind")],
            id="duplicate_column",
        ),
        pytest.param(
            "occurred_at,,kind,person_id\n",
            [file_error("unnamed_column", position=2)],
            id="unnamed_column",
        ),
        pytest.param(
            'occurred_at,kind,person_id,duration_s\n2026-11-03T10:00:00+03:00,call,1001,"6\n',
            [err(2, "unreadable_csv", problem="unclosed_quote")],
            id="broken_quoting",
        ),
        pytest.param(
            'occurred_at,kind,person_id,duration_s\n2026-11-03T10:00:00+03:00,call,1001,"6"0\n',
            [err(2, "unreadable_csv", problem="misplaced_quote")],
            id="text_after_a_quote",
        ),
    ],
)
async def test_bad_files(db, team, people, text, expected):
    before = await snapshot(db)
    report = await run(db, team, text)
    assert report.errors == expected
    assert await snapshot(db) == before


def test_a_file_that_is_neither_utf8_nor_windows_1251_names_its_line_and_byte():
    text = "occurred_at,kind\n2026-11-03T10:00:00+03:00,Звонок\n"
    assert decode(text.encode("cp1251")) == (text, "windows-1251")
    assert decode(("\ufeff" + text).encode()) == (text, "utf-8")
    # 0x98 is the one byte Windows-1251 leaves undefined; a control byte is not text
    assert decode(b"occurred_at\n2026,\xe0\x98\n") == err(
        2, "not_text", byte="0x98", position=7, encoding=None
    )
    assert decode(b"occurred_at\nab\x01\xc7\n") == err(
        2, "not_text", byte="0x01", position=3, encoding=None
    )
    # UTF-8 with one damaged byte is broken UTF-8, not Windows-1251
    broken = "occurred_at\nЗвонок ".encode() + b"\xff" + "Звонок".encode()
    assert decode(broken) == err(2, "not_text", byte="0xff", position=8, encoding="utf-8")


def test_an_error_carries_exactly_the_values_of_its_code():
    with pytest.raises(ValueError, match="bad_number"):
        RowError(2, "bad_number", {"column": "count"})
    with pytest.raises(ValueError, match="no_such_code"):
        RowError(2, "no_such_code", {})


async def test_every_bad_row_is_listed_in_line_order(db, team, people):
    text = csv_of(
        call(at(3), duration="x"),  # 2
        call(at(3, 11)),  # 3: fine
        lead(at(3), qualification="warm"),  # 4
        call(at(3, 12), person=999),  # 5
        payment(at(4), amount="-1", payment_kind="repeat", client="A"),  # 6
    )
    report = await run(db, team, text)
    assert [(error.line, error.code) for error in report.errors] == [
        (2, "bad_number"),
        (4, "bad_choice"),
        (5, "unknown_person"),
        (6, "bad_amount"),
    ]
    assert report.errors[0] == err(2, "bad_number", column="duration_s", value="x", minimum=0)
    assert report.rows == 5
    assert report.imported == {}


async def test_a_row_with_several_problems_lists_each(db, team, people):
    report = await run(db, team, csv_of(call("now", person="me", duration="long")))
    assert report.errors == [
        bad_instant(2, "now"),
        err(2, "bad_user_id", column="person_id", value="me"),
        err(2, "bad_number", column="duration_s", value="long", minimum=0),
    ]


# --- what an import writes ---------------------------------------------------


async def test_import_writes_records_under_one_import_entry(db, team, people):
    text = csv_of(
        call(at(3, 9), direction="in", source="Google", client="Acme"),
        call(at(3, 9, 30), duration=120, count=40),
        lead(at(3, 10), source="google", qualification="targeted", client="Acme"),
        lead(at(3, 10, 5), qualification="NON_TARGETED"),
        meeting("set", at(3, 11), "CRM-7", source="GOOGLE", hunter_id=2001, client="Acme"),
        meeting("confirmed", at(4, 9), "CRM-7"),
        meeting("held", at(5, 15), "CRM-7", person=2002),
        payment(at(6), amount="100000", payment_kind="new", meeting_ref="CRM-7"),
        payment(at(7), amount="50000.50", payment_kind="new", meeting_ref="CRM-7", person=1001),
        payment(at(8), person=3001, amount="7000", payment_kind="repeat", client="Beta"),
        proposal(at(5, 16), person=2002, meeting_ref="CRM-7"),
        proposal(at(9), person=2001),
    )
    report = await run(db, team, text, created_by_member_id=people["olga"].id)
    assert report.ok, report.errors
    assert report.rows == 12
    assert report.imported == {
        "call": 2,
        "lead": 2,
        "meeting_set": 1,
        "meeting_confirmed": 1,
        "meeting_held": 1,
        "payment": 3,
        "proposal": 2,
    }
    assert report.created_sources == ["Google"]
    async with db.read() as conn:
        entry = (await conn.execute(sa.select(entries))).one()
        assert (entry.kind, entry.origin, entry.created_by) == (
            "import",
            "import",
            people["olga"].id,
        )
        assert entry.details["rows"] == 12
        assert entry.details["imported"]["payment"] == 3
        assert entry.id == report.entry_id
        for table in (calls, leads, meeting_events, payments, proposals):
            rows = (await conn.execute(sa.select(table))).all()
            assert rows and {(r.origin, r.entry_id) for r in rows} == {("import", entry.id)}
        source_ids = {
            r.source_id for r in (await conn.execute(sa.select(calls))).all() if r.source_id
        } | {r.source_id for r in (await conn.execute(sa.select(leads))).all() if r.source_id}
        assert len(source_ids) == 1  # "Google", "google", "GOOGLE": one source
        assert (await conn.execute(sa.select(sa.func.count()).select_from(sources))).scalar() == 1
        bulk = (await conn.execute(sa.select(calls).where(calls.c.count == 40))).one()
        assert (bulk.duration_s, bulk.direction) == (120, "out")
        row = (await conn.execute(sa.select(meetings))).one()
        assert row.external_ref == "CRM-7"
        assert row.status == "held"
        assert row.setter_id == people["anna"].id
        assert row.named_hunter_id == people["viktor"].id
        assert row.hunter_id == people["galina"].id  # who marked it held
        assert row.client == "Acme"
        kinds = (await conn.execute(sa.select(payments.c.kind, payments.c.client))).all()
        assert sorted(kinds) == [("new", "Acme"), ("new", "Acme"), ("repeat", "Beta")]
        quals = (await conn.execute(sa.select(leads.c.qualification))).scalars().all()
        assert sorted(quals) == ["non_targeted", "targeted"]
        meeting_obj = await journal.get_meeting(conn, team, row.id)
        assert meeting_obj is not None and meeting_obj.paid_total == Decimal("150000.50")


async def test_existing_source_is_resolved_by_alias(db, team, people):
    async with db.transaction() as conn:
        repo = SourcesRepo(conn)
        google = await repo.add(team.id, "Google Ads")
        await repo.alias(team.id, "Google Ads", "гугл")
    report = await run(db, team, csv_of(lead(at(3), source="ГУГЛ"), lead(at(4), source="Yandex")))
    assert report.ok and report.created_sources == ["Yandex"]
    async with db.read() as conn:
        ids = (await conn.execute(sa.select(leads.c.source_id).order_by(leads.c.id))).scalars()
        first, second = list(ids)
    assert first == google.id and second != google.id


async def test_fractional_seconds_and_z(db, team, people):
    text = csv_of(
        call("2026-11-03T07:15:00.25Z"),
        call("2026-11-03T22:30:00Z", duration=0),  # 01:30 on Nov 4 in Moscow
        call("2026-11-03T10:16:00.000+03:00"),
    )
    report = await run(db, team, text)
    assert report.ok, report.errors
    async with db.read() as conn:
        rows = (await conn.execute(sa.select(calls).order_by(calls.c.id))).all()
    assert rows[0].occurred_at == datetime(2026, 11, 3, 7, 15, 0, 250000, tzinfo=ZoneInfo("UTC"))
    assert [row.day for row in rows] == [date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 3)]
    exported = [row["occurred_at"] for row in data_rows(await export(db, team))]
    assert exported == [
        "2026-11-03T10:15:00.250000+03:00",
        "2026-11-03T10:16:00+03:00",
        "2026-11-04T01:30:00+03:00",
    ]


async def test_bom_and_columns_in_any_order(db, team, people):
    columns = ["duration_s", "person_id", "kind", "occurred_at"]
    text = "\ufeff" + csv_of(call(at(3)), columns=columns)
    report = await run(db, team, text)
    assert report.ok and report.imported == {"call": 1}


async def test_blank_lines_are_ignored_but_counted_as_lines(db, team, people):
    text = (
        csv_of(call(at(3)))
        + "\n,,,,,,,,,,,,,,\n"
        + csv_of(call(at(3), duration="x")).split("\n", 1)[1]
    )
    report = await run(db, team, text)
    assert report.errors == [err(5, "bad_number", column="duration_s", value="x", minimum=0)]
    assert report.rows == 2


async def test_header_only_imports_nothing(db, team, people):
    before = await snapshot(db)
    report = await run(db, team, csv_of())
    assert report.ok and report.rows == 0 and report.imported == {}
    assert await snapshot(db) == before


async def test_dry_run_writes_nothing(db, team, people):
    text = csv_of(
        call(at(3), person=5001, person_name="New One", source="Avito"),
        meeting("set", at(3), "M1", person=5001),
    )
    before = await snapshot(db)
    report = await run(db, team, text, add_members=True, dry_run=True)
    assert report.ok and report.dry_run
    assert report.imported == {"call": 1, "meeting_set": 1}
    assert report.created_members == [CreatedMember(5001, "New One", ("sdr",))]
    assert report.created_sources == ["Avito"]
    assert report.entry_id is None
    assert await snapshot(db) == before


async def test_dry_run_reports_errors_too(db, team, people):
    report = await run(db, team, csv_of(call(at(3), duration="?")), dry_run=True)
    assert not report.ok and report.errors[0].line == 2


# --- members -----------------------------------------------------------------


async def test_add_members_gives_roles_from_rows(db, team, people):
    text = csv_of(
        lead(at(3), person=501, person_name="Lena"),
        meeting("set", at(3, 11), "M1", person=502, person_name="Petr", hunter_id=503),
        meeting("held", at(4), "M1", person=504, person_name="Ivan"),
        proposal(at(4, 12), person=505),
        payment(
            at(5),
            person=506,
            person_name="Fedor",
            amount="10",
            payment_kind="repeat",
            client="Old client",
        ),
        call(at(5), person=507, person_name="Caller"),
        call(at(5, 11), person=501, person_name="Another name for Lena"),
        # an existing member keeps their name and roles
        proposal(at(6), person=1001, person_name="Renamed Anna"),
    )
    report = await run(db, team, text, add_members=True)
    assert report.ok, report.errors
    assert report.created_members == [
        CreatedMember(501, "Lena", ("sdr",)),
        CreatedMember(502, "Petr", ("sdr",)),
        CreatedMember(503, "Member 503", ("hunter",)),
        CreatedMember(504, "Ivan", ("hunter",)),
        CreatedMember(505, "Member 505", ("hunter",)),
        CreatedMember(506, "Fedor", ("farmer",)),
        CreatedMember(507, "Caller", ()),
    ]
    async with db.read() as conn:
        repo = MembersRepo(conn)
        created = {tg: await repo.by_tg_id(tg, team.id) for tg in (501, 503, 504, 507)}
        anna = await repo.by_tg_id(1001, team.id)
        row = (await conn.execute(sa.select(meetings))).one()
    assert created[501] is not None and created[501].roles == {"sdr"}
    assert created[507] is not None and created[507].roles == frozenset()
    assert anna is not None and anna.display_name == "Anna" and anna.roles == {"sdr"}
    assert row.named_hunter_id == created[503].id
    assert row.hunter_id == created[504].id


async def test_a_member_with_several_kinds_of_rows_gets_every_role(db, team, people):
    text = csv_of(
        lead(at(3), person=600, person_name="Solo"),
        meeting("set", at(3, 11), "S1", person=600),
        meeting("held", at(4), "S1", person=600),
        payment(at(5), person=600, amount="10", payment_kind="repeat", client="X"),
    )
    report = await run(db, team, text, add_members=True)
    assert report.created_members == [CreatedMember(600, "Solo", ("sdr", "hunter", "farmer"))]


# --- the meeting lifecycle ---------------------------------------------------


async def test_lifecycle_follows_occurred_at_not_file_order(db, team, people):
    text = csv_of(
        payment(at(8), amount="500", payment_kind="new", meeting_ref="M1"),
        meeting("held", at(6), "M1", person=2001),
        meeting("confirmed", at(5), "M1"),
        meeting("set", at(4), "M1", hunter_id=2002),
    )
    report = await run(db, team, text)
    assert report.ok, report.errors
    async with db.read() as conn:
        row = (await conn.execute(sa.select(meetings))).one()
    assert (row.status, row.hunter_id, row.named_hunter_id) == (
        "held",
        people["viktor"].id,
        people["galina"].id,
    )
    kinds = [row["kind"] for row in data_rows(await export(db, team))]
    assert kinds == ["meeting_set", "meeting_confirmed", "meeting_held", "payment"]


async def test_ties_keep_file_order(db, team, people):
    same = at(4)
    ok = csv_of(meeting("set", same, "M1"), meeting("held", same, "M1", person=2001))
    assert (await run(db, team, ok)).ok
    bad = csv_of(meeting("held", same, "M2", person=2001), meeting("set", same, "M2"))
    report = await run(db, team, bad)
    assert report.errors == [
        refused(2, "M2", "meeting_held", same, "not_set", None, same, 3),
    ]


async def test_final_status_of_each_path(db, team, people):
    text = csv_of(
        meeting("set", at(3), "A"),
        meeting("confirmed", at(4), "A"),
        meeting("no_show", at(5), "A"),
        meeting("set", at(3), "B"),
        meeting("cancelled", at(4), "B"),
        meeting("set", at(3), "C"),
        meeting("confirmed", at(4), "C"),
        meeting("set", at(3), "D", hunter_id=2002),
    )
    assert (await run(db, team, text)).ok
    async with db.read() as conn:
        rows = (await conn.execute(sa.select(meetings).order_by(meetings.c.external_ref))).all()
    assert [(r.external_ref, r.status) for r in rows] == [
        ("A", "no_show"),
        ("B", "cancelled"),
        ("C", "confirmed"),
        ("D", "set"),
    ]
    assert rows[3].hunter_id == people["galina"].id  # the named hunter until held


async def bot_meeting(db: Database, team: Team, people: dict[str, Member]) -> int:
    """A meeting made in the bot: set on Nov 3 by Anna, confirmed on Nov 5."""
    async with db.transaction() as conn:
        _, made = await journal.set_meeting(
            conn,
            team,
            people["anna"],
            occurred_at=datetime(2026, 11, 3, 10, tzinfo=MSK),
            client="Acme",
            hunter=people["viktor"],
        )
        await journal.transition_meeting(
            conn,
            team,
            people["anna"],
            meeting_id=made.id,
            event="confirmed",
            occurred_at=datetime(2026, 11, 5, 10, tzinfo=MSK),
        )
    return made.id


async def test_events_of_a_stored_meeting_continue_its_lifecycle(db, team, people):
    meeting_id = await bot_meeting(db, team, people)
    text = csv_of(
        meeting("held", at(6), str(meeting_id), person=2002),
        payment(at(7), amount="900", payment_kind="new", meeting_ref=str(meeting_id)),
    )
    report = await run(db, team, text)
    assert report.ok, report.errors
    async with db.read() as conn:
        found = await journal.get_meeting(conn, team, meeting_id)
    assert found is not None
    assert (found.status, found.hunter_id, found.paid_total) == (
        "held",
        people["galina"].id,
        Decimal("900.00"),
    )


async def test_stored_events_are_checked_with_the_file(db, team, people):
    meeting_id = await bot_meeting(db, team, people)
    ref = str(meeting_id)
    before = await snapshot(db)
    text = csv_of(
        meeting("confirmed", at(6), ref),  # already confirmed on Nov 5
        meeting("cancelled", at(4), ref),  # before the stored confirmation
    )
    report = await run(db, team, text)
    assert report.errors == [
        refused(
            2,
            ref,
            "meeting_confirmed",
            "2026-11-06T10:00:00+03:00",
            "already",
            "confirmed",
            "2026-11-05T10:00:00+03:00",
            None,  # in the database
        ),
        err(
            3,
            "stored_event_conflict",
            meeting_ref=ref,
            stored_kind="meeting_confirmed",
            stored_at="2026-11-05T10:00:00+03:00",
            refusal="final",
            status="cancelled",
        ),
    ]
    assert await snapshot(db) == before


async def test_payment_of_a_stored_meeting_not_held(db, team, people):
    meeting_id = await bot_meeting(db, team, people)
    text = csv_of(payment(at(7), amount="900", payment_kind="new", meeting_ref=str(meeting_id)))
    report = await run(db, team, text)
    assert report.errors == [
        err(2, "payment_meeting_not_held", meeting_ref=str(meeting_id), status="confirmed")
    ]


async def test_meeting_ref_already_naming_another_meeting(db, team, people):
    meeting_id = await bot_meeting(db, team, people)
    first = csv_of(meeting("set", at(3), "CRM-1", client="Acme"))
    assert (await run(db, team, first)).ok
    before = await snapshot(db)
    text = csv_of(
        meeting("set", at(4), "CRM-1", client="Acme"),
        meeting("set", at(4), str(meeting_id), client="Other"),
    )
    report = await run(db, team, text)
    taken = {"setter": "Anna", "setter_id": "1001", "set_at": "2026-11-03T10:00:00+03:00"}
    assert report.errors == [
        err(2, "meeting_ref_taken", meeting_ref="CRM-1", **taken),
        err(3, "meeting_ref_taken", meeting_ref=str(meeting_id), **taken),
    ]
    assert await snapshot(db) == before


async def test_voided_meeting_cannot_be_referenced(db, team, people):
    async with db.transaction() as conn:
        entry, made = await journal.set_meeting(
            conn, team, people["anna"], occurred_at=datetime(2026, 11, 3, tzinfo=MSK), client="X"
        )
        await journal.void_entry(conn, team, people["anna"], entry.id)
    text = csv_of(
        meeting("confirmed", at(4), str(made.id)),
        meeting("set", at(4), str(made.id), client="X"),
    )
    report = await run(db, team, text)
    assert report.errors == [
        err(2, "voided_meeting", meeting_ref=str(made.id), kind="meeting_confirmed"),
        err(3, "voided_meeting", meeting_ref=str(made.id), kind="meeting_set"),
    ]


# --- external ids and re-import ----------------------------------------------


async def test_external_id_rules(db, team, people):
    text = csv_of(
        call(at(3), external_id="tel-1"),
        call(at(3, 11), external_id="tel-2"),
        call("2026-11-03T07:00:00Z", external_id="tel-1"),  # the same instant: identical
        lead(at(3), external_id="tel-1"),  # another table: its own id space
    )
    report = await run(db, team, text)
    assert report.ok, report.errors
    assert (report.imported, report.skipped) == ({"call": 2, "lead": 1}, 1)
    before = await snapshot(db)
    again = await run(db, team, text)
    assert (again.imported, again.skipped, again.entry_id) == ({}, 4, None)
    assert await snapshot(db) == before
    # a stored external_id is skipped whatever the row says now
    changed = csv_of(call(at(3), external_id="tel-1", duration=999), call(at(9), external_id="n"))
    third = await run(db, team, changed)
    assert (third.imported, third.skipped) == ({"call": 1}, 1)


async def test_reimport_without_external_ids_adds_nothing(db, team, people):
    text = csv_of(
        call(at(3)),
        call(at(3)),  # two identical calls are two calls
        lead(at(3), source="Avito", qualification="targeted"),
        meeting("set", at(3), "M1", source="avito", hunter_id=2001),
        meeting("held", at(4), "M1", person=2001),
        payment(at(5), amount="10", payment_kind="new", meeting_ref="M1"),
        proposal(at(5), meeting_ref="M1"),
        payment(at(6), person=3001, amount="20", payment_kind="repeat", client="Old"),
    )
    first = await run(db, team, text)
    assert first.ok and first.imported_total == 8
    before = await snapshot(db)
    again = await run(db, team, text)
    assert again.ok, again.errors
    assert (again.imported, again.skipped) == ({}, 8)
    assert await snapshot(db) == before
    # one more copy of the call in the file: one more call
    more = await run(db, team, csv_of(call(at(3)), call(at(3)), call(at(3))))
    assert (more.imported, more.skipped) == ({"call": 1}, 2)


# --- export ------------------------------------------------------------------


async def test_export_header_and_date_range(db, team, people):
    text = csv_of(call(at(2)), call(at(3)), call(at(4)), call("2026-11-04T21:30:00Z"))
    assert (await run(db, team, text)).ok
    header = (await export(db, team)).split("\n", 1)[0]
    assert header == ",".join(COLUMNS)
    assert header == (
        "occurred_at,kind,person_id,person_name,external_id,duration_s,direction,count,source,"
        "qualification,meeting_ref,hunter_id,client,amount,payment_kind"
    )
    ranged = data_rows(
        await export(db, team, date_from=date(2026, 11, 3), date_to=date(2026, 11, 4))
    )
    assert [row["occurred_at"] for row in ranged] == [at(3), at(4)]
    assert len(data_rows(await export(db, team, date_from=date(2026, 11, 5)))) == 1


async def test_export_of_an_empty_team_is_the_header(db, team):
    assert await export(db, team) == ",".join(COLUMNS) + "\n"


# --- the round trip ----------------------------------------------------------


class Month:
    """A realistic month of a 6-person team, written through the journal."""

    def __init__(self, conn: Any, team: Team, people: dict[str, Member]) -> None:
        self.conn = conn
        self.team = team
        self.p = people
        self.rnd = random.Random(20261101)

    def instant(self, day: date, hour: int, minute: int) -> datetime:
        micro = self.rnd.choice([0, 0, self.rnd.randrange(1, 999_999)])
        return datetime(
            day.year, day.month, day.day, hour, minute, self.rnd.randrange(60), micro, tzinfo=MSK
        )

    async def write(self) -> dict[str, int]:
        p, team, conn, rnd = self.p, self.team, self.conn, self.rnd
        repo = SourcesRepo(conn)
        google = await repo.add(team.id, "Google")
        yandex = await repo.add(team.id, "Яндекс")
        sources_ = [google.id, yandex.id, None]
        clients = ["Acme", 'ООО "Ромашка", филиал', "Beta\nGroup", "Gamma"]
        paths = [
            ["confirmed", "held", "pay", "pay"],
            ["held", "pay"],
            ["confirmed", "held"],
            ["cancelled"],
            ["confirmed", "no_show"],
            ["confirmed", "cancelled"],
            ["no_show"],
            ["confirmed"],
            [],
        ]
        voided = None
        day = date(2026, 11, 2)
        n = 0
        while day <= date(2026, 11, 30):
            if day.isoweekday() <= 5:
                for sdr in (p["anna"], p["boris"]):
                    for _ in range(4):
                        entry = await journal.log_call(
                            conn,
                            team,
                            sdr,
                            duration_s=rnd.randrange(0, 600),
                            direction=rnd.choice(["in", "out"]),
                            occurred_at=self.instant(day, rnd.randrange(9, 12), rnd.randrange(60)),
                            source_id=rnd.choice(sources_),
                            client=rnd.choice([None, *clients]),
                        )
                        voided = voided or entry.id
                    await journal.log_calls_bulk(
                        conn,
                        team,
                        sdr,
                        count=rnd.randrange(20, 60),
                        total_seconds=rnd.randrange(3600, 9000),
                        occurred_at=self.instant(day, 18, 30),
                    )
                    for _ in range(2):
                        entry = await journal.log_lead(
                            conn,
                            team,
                            sdr,
                            occurred_at=self.instant(day, 12, rnd.randrange(60)),
                            source_id=rnd.choice(sources_),
                            qualification=rnd.choice([None, "targeted", "non_targeted"]),
                            client=rnd.choice(clients),
                        )
                        if rnd.random() < 0.3:
                            await journal.qualify_lead(
                                conn,
                                team,
                                p["olga"],
                                lead_id=entry.details["lead_id"],
                                qualification="targeted",
                            )
                    await self.meeting(day, sdr, paths[n % len(paths)], sources_, clients)
                    n += 1
                await journal.record_repeat_payment(
                    conn,
                    team,
                    p["dmitry"],
                    client=rnd.choice(clients),
                    amount=Decimal(rnd.randrange(1000, 90000)) / 100 * 7,
                    occurred_at=self.instant(day, 16, 0),
                )
                await journal.log_call(
                    conn,
                    team,
                    p["dmitry"],
                    duration_s=rnd.randrange(30, 400),
                    direction="out",
                    occurred_at=self.instant(day, 15, 0),
                    client=rnd.choice(clients),
                )
                await journal.record_proposal(
                    conn, team, p["galina"], occurred_at=self.instant(day, 17, 0)
                )
            day += timedelta(days=1)
        assert voided is not None
        await journal.void_entry(conn, team, p["olga"], voided)
        return {"voided_entry": voided}

    async def meeting(
        self, day: date, sdr: Member, path: list[str], sources_: list, clients: list[str]
    ) -> None:
        p, team, conn, rnd = self.p, self.team, self.conn, self.rnd
        named = rnd.choice([p["viktor"], p["galina"], None])
        _, made = await journal.set_meeting(
            conn,
            team,
            sdr,
            occurred_at=self.instant(day, 13, rnd.randrange(60)),
            client=rnd.choice(clients),
            source_id=rnd.choice(sources_),
            hunter=named,
            scheduled_at=datetime(day.year, day.month, day.day, 16, tzinfo=MSK) + timedelta(days=2),
        )
        when = datetime(day.year, day.month, day.day, 14, tzinfo=MSK)
        for step in path:
            when += timedelta(hours=rnd.randrange(1, 40), microseconds=rnd.randrange(10**6))
            if step == "pay":
                actor = named or p["viktor"]
                await journal.record_new_payment(
                    conn,
                    team,
                    actor,
                    meeting_id=made.id,
                    amount=Decimal(rnd.randrange(10_000, 300_000)),
                    occurred_at=when,
                )
                continue
            if step == "held":
                # the named hunter, the setter for them, a manager, or a free hunter
                actor = rnd.choice([named or p["galina"], sdr, p["olga"]])
            else:
                actor = rnd.choice([sdr, p["olga"]])
            await journal.transition_meeting(
                conn, team, actor, meeting_id=made.id, event=step, occurred_at=when
            )
            if step == "held" and rnd.random() < 0.5:
                await journal.record_proposal(
                    conn,
                    team,
                    named or actor if "hunter" in (named or actor).roles else p["galina"],
                    meeting_id=made.id,
                    occurred_at=when + timedelta(hours=1),
                )


async def fresh_database(tmp_path: Path, settings: Settings, name: str) -> Database:
    second = Database(f"sqlite+aiosqlite:///{tmp_path}/{name}.db")
    await migrate.upgrade(second)
    await ensure_default_team(second, settings)
    return second


async def test_round_trip_of_a_month(db, team, people, settings, tmp_path):
    async with db.transaction() as conn:
        written = await Month(conn, team, people).write()
    first = await export(db, team)
    rows = data_rows(first)
    kinds = {row["kind"] for row in rows}
    assert kinds == {
        "call",
        "lead",
        "meeting_set",
        "meeting_confirmed",
        "meeting_held",
        "meeting_cancelled",
        "meeting_no_show",
        "payment",
        "proposal",
    }
    assert any(row["kind"] == "call" and int(row["count"]) > 1 for row in rows)
    assert {row["payment_kind"] for row in rows if row["kind"] == "payment"} == {"new", "repeat"}
    assert {row["source"] for row in rows} == {"", "Google", "Яндекс"}
    async with db.read() as conn:
        void_calls = (
            await conn.execute(
                sa.select(sa.func.count())
                .select_from(calls)
                .where(calls.c.entry_id == written["voided_entry"], calls.c.voided_at.isnot(None))
            )
        ).scalar()
        live = {
            table.name: (
                await conn.execute(
                    sa.select(sa.func.count()).select_from(table).where(table.c.voided_at.is_(None))
                )
            ).scalar()
            for table in (calls, leads, meeting_events, payments, proposals)
        }
    assert void_calls == 1
    assert len(rows) == sum(live.values())  # the voided call is not exported

    second = await fresh_database(tmp_path, settings, "second")
    try:
        async with second.read() as conn:
            team2 = await TeamsRepo(conn).default()
        assert team2 is not None
        report = await run(second, team2, first, add_members=True)
        assert report.ok, report.errors[:5]
        assert report.imported_total == len(rows) and report.skipped == 0
        assert {m.tg_user_id for m in report.created_members} == {
            1001,
            1002,
            2001,
            2002,
            3001,
            4001,
        }
        again = await export(second, team2)
        assert again == first

        before = await snapshot(second)
        repeat = await run(second, team2, first, add_members=True)
        assert repeat.ok, repeat.errors[:5]
        assert (repeat.imported, repeat.skipped) == ({}, len(rows))
        assert await snapshot(second) == before
        assert await export(second, team2) == first
    finally:
        await second.dispose()

    # the exported file imported back into the bot's own database adds nothing either
    before = await snapshot(db)
    home = await run(db, team, first)
    assert home.ok, home.errors[:5]
    assert (home.imported, home.skipped) == ({}, len(rows))
    assert await snapshot(db) == before


async def test_identical_meeting_set_rows_are_one_meeting(db, team, people):
    text = csv_of(
        meeting("set", at(3), "M1", client="Acme"),
        meeting("set", at(3), "M1", client="Acme"),
        meeting("held", at(4), "M1", person=2001),
    )
    report = await run(db, team, text)
    assert (report.imported, report.skipped) == ({"meeting_set": 1, "meeting_held": 1}, 1)


async def test_a_big_file_imports_quickly(db, team, people):
    """~10,000 rows (a month of a small team's telephony export) in well under the limit."""
    import time

    rnd = random.Random(5)
    rows: list[dict[str, Any]] = []
    for n in range(2000):
        day, hour = 2 + n % 27, 9 + n % 9
        for person in (1001, 1002, 2001, 2002):
            rows.append(call(at(day, hour, n % 60, person % 60), person=person, source="Google"))
        rows.append(lead(at(day, hour), qualification=rnd.choice(["", "targeted"])))
    started = time.perf_counter()
    report = await run(db, team, csv_of(*rows))
    elapsed = time.perf_counter() - started
    assert report.ok and report.imported_total == 10_000
    assert elapsed < 10, f"10,000 rows took {elapsed:.1f} s"


async def test_voiding_an_import_voids_its_meetings(db, team):
    """An import is one entry: voiding it voids its records and the meetings it set,
    unless records made later follow those meetings."""
    import sqlalchemy as sa

    from storage import journal
    from storage.interchange import import_csv
    from storage.repos import MembersRepo
    from storage.tables import meetings

    text = (
        "occurred_at,kind,person_id,meeting_ref,client\n"
        "2026-11-02T10:00:00+03:00,meeting_set,7001,M1,Acme\n"
        "2026-11-03T10:00:00+03:00,meeting_set,7001,M2,Beta\n"
    )
    async with db.transaction() as conn:
        report = await import_csv(conn, team, text, add_members=True)
        manager = await MembersRepo(conn).add(
            team_id=team.id,
            tg_user_id=7002,
            display_name="Boss",
            username=None,
            roles={"manager"},
        )
    assert report.ok
    async with db.transaction() as conn:
        ids = (await conn.execute(sa.select(meetings.c.id).order_by(meetings.c.id))).scalars().all()
        await journal.transition_meeting(
            conn,
            team,
            manager,
            meeting_id=ids[1],
            event="cancelled",
            occurred_at=journal.utcnow(),
        )
    with pytest.raises(journal.Refused) as refused:
        async with db.transaction() as conn:
            await journal.void_entry(conn, team, manager, report.entry_id)
    assert refused.value.code == "void_later_first"
    async with db.transaction() as conn:
        last = await journal.last_undoable(conn, team, manager)
        await journal.void_entry(conn, team, manager, last.id)
        await journal.void_entry(conn, team, manager, report.entry_id)
        statuses = (await conn.execute(sa.select(meetings.c.status))).scalars().all()
    assert statuses == ["void", "void"]
