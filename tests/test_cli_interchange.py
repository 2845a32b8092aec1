"""``python -m bot import`` / ``export``: the CLI functions end to end on a SQLite file."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from bot.cli import (
    add_export_parser,
    add_import_parser,
    describe_report,
    run_export,
    run_import,
)
from storage.interchange import COLUMNS, CreatedMember, ImportReport, RowError

HEADER = ",".join(COLUMNS)
ROWS = [
    "2026-11-03T10:15:00+03:00,call,1001,Anna,,75,out,1,Google,,,,Acme,,",
    "2026-11-03T11:00:00+03:00,lead,1001,Anna,,,,,Google,targeted,,,Acme,,",
    "2026-11-03T12:00:00+03:00,meeting_set,1001,Anna,,,,,Google,,M1,2001,Acme,,",
    "2026-11-04T12:00:00+03:00,meeting_held,2001,Viktor,,,,,,,M1,,,,",
    "2026-11-05T12:00:00+03:00,payment,2001,Viktor,,,,,,,M1,,Acme,150000.00,new",
]
GOOD = "\n".join([HEADER, *ROWS]) + "\n"


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m bot")
    sub = root.add_subparsers(dest="command")
    add_import_parser(sub)
    add_export_parser(sub)
    return root


def args(*argv: str) -> argparse.Namespace:
    return parser().parse_args(list(argv))


async def count(settings, table: str) -> int:
    engine = create_async_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            return (await conn.execute(sa.text(f"SELECT count(*) FROM {table}"))).scalar()
    finally:
        await engine.dispose()


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "records.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_parsers():
    ns = args("import", "in.csv", "--team", "Sales", "--add-members", "--dry-run")
    assert (ns.command, ns.file, ns.team, ns.add_members, ns.dry_run) == (
        "import",
        "in.csv",
        "Sales",
        True,
        True,
    )
    ns = args("import", "-")
    assert (ns.file, ns.team, ns.add_members, ns.dry_run) == ("-", None, False, False)
    ns = args("export", "out.csv", "--from", "2026-11-01", "--to", "2026-11-30")
    assert (ns.file, ns.date_from, ns.date_to) == ("out.csv", date(2026, 11, 1), date(2026, 11, 30))
    ns = args("export", "-")
    assert (ns.date_from, ns.date_to, ns.team) == (None, None, None)


def test_a_bad_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        args("export", "out.csv", "--from", "1.11.2026")
    assert exit_info.value.code == 2
    assert "is not a date in YYYY-MM-DD form" in capsys.readouterr().err


async def test_import_then_export_on_an_empty_database(settings, tmp_path, good_file, capsys):
    code = await run_import(settings, args("import", str(good_file), "--add-members"))
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0] == ("Imported 5 rows: call 1, lead 1, meeting_set 1, meeting_held 1, payment 1.")
    assert out[1] == "Added 2 members: Anna (1001, sdr), Viktor (2001, hunter)."
    assert out[2] == "Added sources: Google."
    assert await count(settings, "calls") == 1

    target = tmp_path / "out.csv"
    assert await run_export(settings, args("export", str(target))) == 0
    assert target.read_text(encoding="utf-8") == GOOD
    assert capsys.readouterr().out == f'Exported 5 rows of team "Отдел продаж" to {target}.\n'

    # the same file again adds nothing
    assert await run_import(settings, args("import", str(target))) == 0
    assert capsys.readouterr().out == "Imported 0 rows; skipped 5 already imported.\n"
    assert await count(settings, "calls") == 1
    assert await count(settings, "entries") == 1


async def test_bad_rows_exit_1_and_list_every_error(settings, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(
        "\n".join(
            [
                HEADER,
                ROWS[0],
                ROWS[0].replace(",75,", ",abc,"),
                ROWS[1].replace("targeted", "hot"),
            ]
        ),
        encoding="utf-8",
    )
    code = await run_import(settings, args("import", str(path), "--add-members"))
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.splitlines() == [
        'line 3: duration_s must be a whole number >= 0, got "abc"',
        'line 4: qualification must be targeted, non_targeted or empty, got "hot"',
        "2 bad rows. Nothing was imported.",
    ]
    assert await count(settings, "calls") == 0
    assert await count(settings, "entries") == 0


async def test_unknown_member_without_add_members(settings, good_file, capsys):
    assert await run_import(settings, args("import", str(good_file))) == 1
    err = capsys.readouterr().err
    assert "line 2: person_id 1001 is not a member of the team" in err
    assert "--add-members" in err
    assert err.endswith("Nothing was imported.\n")


async def test_dry_run_writes_nothing(settings, good_file, capsys):
    code = await run_import(settings, args("import", str(good_file), "--add-members", "--dry-run"))
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "Would import 5 rows: call 1, lead 1, meeting_set 1, meeting_held 1, payment 1.",
        "Would add 2 members: Anna (1001, sdr), Viktor (2001, hunter).",
        "Would add sources: Google.",
        "Dry run: nothing was written.",
    ]
    assert await count(settings, "calls") == 0
    assert await count(settings, "members") == 0


async def test_stdin_and_stdout(settings, monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO(("\ufeff" + GOOD).encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert await run_import(settings, args("import", "-", "--add-members")) == 0
    capsys.readouterr()
    assert await run_export(settings, args("export", "-")) == 0
    captured = capsys.readouterr()
    assert captured.out == GOOD
    assert captured.err == 'Exported 5 rows of team "Отдел продаж" to stdout.\n'


async def test_export_date_range(settings, good_file, capsys):
    assert await run_import(settings, args("import", str(good_file), "--add-members")) == 0
    capsys.readouterr()
    code = await run_export(
        settings, args("export", "-", "--from", "2026-11-04", "--to", "2026-11-04")
    )
    assert code == 0
    assert capsys.readouterr().out == "\n".join([HEADER, ROWS[3]]) + "\n"
    code = await run_export(
        settings, args("export", "-", "--from", "2026-11-05", "--to", "2026-11-01")
    )
    assert code == 2
    assert capsys.readouterr().err == "--from 2026-11-05 is after --to 2026-11-01.\n"


async def test_team_by_name(settings, good_file, capsys):
    from storage.db import Database
    from storage.repos import TeamsRepo

    # the first call creates the database and the default team
    assert await run_export(settings, args("export", "-")) == 0
    db = Database(settings.database_url)
    async with db.transaction() as conn:
        other = await TeamsRepo(conn).create(
            name="Branch", timezone="Asia/Vladivostok", language="en", digest_time="19:00"
        )
    await db.dispose()
    capsys.readouterr()

    code = await run_import(
        settings, args("import", str(good_file), "--team", "BRANCH", "--add-members")
    )
    assert code == 0
    engine = create_async_engine(settings.database_url)
    async with engine.connect() as conn:
        team_ids = (await conn.execute(sa.text("SELECT DISTINCT team_id FROM calls"))).scalars()
        assert list(team_ids) == [other.id]
    await engine.dispose()
    capsys.readouterr()

    # the team's own zone: Vladivostok is UTC+10
    assert await run_export(settings, args("export", "-", "--team", "branch")) == 0
    first = capsys.readouterr().out.splitlines()[1]
    assert first.startswith("2026-11-03T17:15:00+10:00,call,1001,Anna")

    # a Cyrillic name matches whatever its case (SQLite's lower() folds ASCII only)
    assert await run_export(settings, args("export", "-", "--team", "ОТДЕЛ ПРОДАЖ")) == 0
    assert capsys.readouterr().out == HEADER + "\n"


async def test_unknown_team_lists_the_teams(settings, good_file, capsys):
    assert await run_import(settings, args("import", str(good_file), "--team", "Nope")) == 2
    assert capsys.readouterr().err == 'Unknown team "Nope". Teams: "Отдел продаж".\n'
    assert await run_export(settings, args("export", "-", "--team", "Nope")) == 2


async def test_not_utf8(settings, tmp_path, capsys):
    path = tmp_path / "cp1251.csv"
    path.write_bytes((HEADER + "\n" + ROWS[0].replace("Anna", "Анна") + "\n").encode("cp1251"))
    assert await run_import(settings, args("import", str(path))) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("line 2: the file is not UTF-8 text (byte 0x")
    assert err[1] == "Nothing was imported."


async def test_missing_file(settings, tmp_path, capsys):
    assert await run_import(settings, args("import", str(tmp_path / "nope.csv"))) == 2
    assert "Cannot read" in capsys.readouterr().err


def test_describe_report():
    report = ImportReport(
        rows=3,
        imported={"call": 1},
        skipped=2,
        created_members=[CreatedMember(5, "Member 5", ())],
    )
    assert describe_report(report) == [
        "Imported 1 row: call 1; skipped 2 already imported.",
        "Added 1 member: Member 5 (5).",
    ]
    bad = ImportReport(rows=2, errors=[RowError(2, "a"), RowError(2, "b"), RowError(3, "c")])
    assert describe_report(bad) == [
        "line 2: a",
        "line 2: b",
        "line 3: c",
        "2 bad rows. Nothing was imported.",
    ]


async def test_report_cli_prints_section_8_json(tmp_path, capsys):
    import argparse
    import json

    from bot.cli import run_demo, run_report
    from bot.settings import Settings

    settings = Settings(
        _env_file=None, database_url=f"sqlite+aiosqlite:///{tmp_path}/r.db", timezone="UTC"
    )
    assert (
        await run_demo(settings, argparse.Namespace(team=None, days=10, seed=1, force=False)) == 0
    )
    capsys.readouterr()
    args = argparse.Namespace(team=None, period="month", mode="cohort", format="json", lang="en")
    assert await run_report(settings, args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["mode"] == "cohort" and set(report) == {
        "team",
        "period",
        "mode",
        "total",
        "by_person",
        "by_source",
    }
    assert {p["name"] for p in report["by_person"]} >= {"Иван Петров", "Мария Фёдорова"}
    assert {s["source"] for s in report["by_source"]} >= {"google", "yandex"}
    bad = argparse.Namespace(team=None, period="someday", mode="period", format="json", lang="en")
    assert await run_report(settings, bad) == 2
    assert "Unknown period" in capsys.readouterr().err
