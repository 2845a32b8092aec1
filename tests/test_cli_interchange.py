"""``python -m bot import`` / ``export``: the CLI functions end to end on a SQLite file."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from datetime import date, datetime
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
    ns = args("import", "in.csv", "--team", "Sales", "--add-members", "--dry-run", "--lang", "en")
    assert (ns.command, ns.file, ns.team, ns.add_members, ns.dry_run, ns.lang) == (
        "import",
        "in.csv",
        "Sales",
        True,
        True,
        "en",
    )
    ns = args("import", "-")
    assert (ns.file, ns.team, ns.add_members, ns.dry_run, ns.lang) == (
        "-",
        None,
        False,
        False,
        None,
    )
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
    code = await run_import(
        settings, args("import", str(good_file), "--add-members", "--lang", "en")
    )
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "The file has 5 rows.",
        "Imported 5 rows: 1 call, 1 lead, 1 meeting set, 1 meeting held, 1 payment.",
        "Added 2 members: Anna (1001, SDR (lead generator)) and Viktor (2001, hunter (closer)).",
        'Added 1 source: "Google".',
    ]
    assert await count(settings, "calls") == 1

    target = tmp_path / "out.csv"
    assert await run_export(settings, args("export", str(target))) == 0
    assert target.read_text(encoding="utf-8") == GOOD
    assert capsys.readouterr().out == f'Exported 5 rows of team "Отдел продаж" to {target}.\n'

    # the same file again adds nothing
    assert await run_import(settings, args("import", str(target), "--lang", "en")) == 0
    assert capsys.readouterr().out.splitlines() == [
        "The file has 5 rows.",
        "Nothing new to import.",
        "Skipped 5 rows already imported.",
    ]
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
    code = await run_import(settings, args("import", str(path), "--add-members", "--lang", "en"))
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.splitlines() == [
        'line 3: duration_s must be a whole number of at least 0, got "abc"',
        'line 4: qualification must be targeted, non_targeted, or empty, got "hot"',
        "Nothing was imported: 2 errors in 2 rows.",
    ]
    assert await count(settings, "calls") == 0
    assert await count(settings, "entries") == 0


async def test_unknown_member_without_add_members(settings, good_file, capsys):
    assert await run_import(settings, args("import", str(good_file), "--lang", "en")) == 1
    err = capsys.readouterr().err
    assert "line 2: person_id 1001 is not a member of the team" in err
    assert "--add-members" in err
    assert err.endswith("Nothing was imported: 6 errors in 5 rows.\n")


async def test_dry_run_writes_nothing(settings, good_file, capsys):
    code = await run_import(
        settings, args("import", str(good_file), "--add-members", "--dry-run", "--lang", "en")
    )
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "The file has 5 rows.",
        "Would import 5 rows: 1 call, 1 lead, 1 meeting set, 1 meeting held, 1 payment.",
        "Would add 2 members: Anna (1001, SDR (lead generator)) and Viktor (2001, hunter "
        "(closer)).",
        'Would add 1 source: "Google".',
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


async def test_a_windows_1251_file_is_read_and_the_report_says_so(settings, tmp_path, capsys):
    path = tmp_path / "cp1251.csv"
    path.write_bytes((HEADER + "\n" + ROWS[0].replace("Anna", "Анна") + "\n").encode("cp1251"))
    assert await run_import(settings, args("import", str(path), "--lang", "en")) == 1
    assert capsys.readouterr().err.splitlines() == [
        "Read as Windows-1251, delimiter “,”.",
        'line 2: person_id 1001 is not a member of the team "Отдел продаж"; add them first or '
        "let the import add missing members (--add-members)",
        "Nothing was imported: 1 error in 1 row.",
    ]
    assert await count(settings, "entries") == 0
    assert await run_import(settings, args("import", str(path), "--add-members")) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "Прочитано как Windows-1251, разделитель «,».",
        "В файле 1 строка.",
    ]
    engine = create_async_engine(settings.database_url)
    async with engine.connect() as conn:
        name = (await conn.execute(sa.text("SELECT display_name FROM members"))).scalar()
    await engine.dispose()
    assert name == "Анна"


async def test_a_file_that_is_not_text(settings, tmp_path, capsys):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert await run_import(settings, args("import", str(path), "--lang", "en")) == 1
    assert capsys.readouterr().err.splitlines() == [
        "line 2: byte 0x1a (position 1) is neither UTF-8 nor Windows-1251, so this is not a CSV "
        'text file; save the table as "CSV UTF-8" or as an Excel workbook (.xlsx)',
        "Nothing was imported: 1 error in 1 row.",
    ]
    assert await count(settings, "entries") == 0


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
    assert describe_report(report, "en") == [
        "The file has 3 rows.",
        "Imported 1 row: 1 call.",
        "Skipped 2 rows already imported.",
        "Added 1 member: Member 5 (5).",
    ]
    bad = ImportReport(
        rows=2,
        errors=[
            RowError(2, "unknown_meeting", {"meeting_ref": "M<1>"}),
            RowError(2, "bad_amount", {"value": "1 & 2"}),
            RowError(3, "duplicate_column", {"column": "kind"}),
        ],
    )
    assert describe_report(bad, "ru") == [  # plain text: values as typed, no entities
        "строка 2: meeting_ref «M<1>»: такой встречи нет — ни строки meeting_set в этом файле, "
        "ни встречи в базе",
        "строка 2: amount «1 & 2»: нужна сумма больше 0; после точки — не более двух знаков "
        "(например, 1500.50)",
        "строка 3: столбец kind указан в заголовке дважды",
        "Ничего не импортировано: 3 ошибки в 2 строках.",
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


# --- the report's language --------------------------------------------------------

BAD_ROWS = [ROWS[0].replace(",75,", ",abc,"), ROWS[1].replace(",lead,", ",led,")]
RU_ERRORS = [
    "строка 2: duration_s «abc»: нужно целое число не меньше 0",
    "строка 3: неизвестный вид записи «led» — может быть, «lead»? Допустимые виды: call, lead, "
    "meeting_set, meeting_confirmed, meeting_held, meeting_cancelled, meeting_no_show, payment "
    "и proposal",
    "Ничего не импортировано: 2 ошибки в 2 строках.",
]


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([HEADER, *BAD_ROWS]) + "\n", encoding="utf-8")
    return path


async def test_lang_ru_prints_russian(settings, bad_file, good_file, capsys):
    assert await run_import(settings, args("import", str(bad_file), "--lang", "ru")) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == RU_ERRORS
    assert await count(settings, "entries") == 0

    assert (
        await run_import(settings, args("import", str(good_file), "--add-members", "--lang", "ru"))
        == 0
    )
    assert capsys.readouterr().out.splitlines() == [
        "В файле 5 строк.",
        "Импортировано 5 строк: 1 звонок, 1 лид, 1 назначенная встреча, 1 проведённая встреча, "
        "1 оплата.",
        "Добавлены 2 сотрудника: Anna (1001, лидоруб) и Viktor (2001, хантер).",
        "Добавлен 1 источник: «Google».",
    ]


async def test_the_report_is_in_the_teams_language_by_default(settings, bad_file, capsys):
    from storage.db import Database
    from storage.repos import TeamsRepo

    assert await run_import(settings, args("import", str(bad_file))) == 1
    assert capsys.readouterr().err.splitlines() == RU_ERRORS  # the default team speaks Russian

    db = Database(settings.database_url)
    async with db.transaction() as conn:
        await TeamsRepo(conn).create(
            name="Branch", timezone="Europe/London", language="en", digest_time="19:00"
        )
    await db.dispose()
    assert await run_import(settings, args("import", str(bad_file), "--team", "Branch")) == 1
    assert capsys.readouterr().err.splitlines() == [
        'line 2: duration_s must be a whole number of at least 0, got "abc"',
        'line 3: unknown kind "led" (did you mean "lead"?); the kinds are: call, lead, '
        "meeting_set, meeting_confirmed, meeting_held, meeting_cancelled, meeting_no_show, "
        "payment, and proposal",
        "Nothing was imported: 2 errors in 2 rows.",
    ]


def test_the_command_line_speaks_the_chosen_language(tmp_path, bad_file):
    """``python -m bot import`` as a person runs it: plain text, no HTML entities."""
    root = Path(__file__).resolve().parents[1]
    hostile = tmp_path / "hostile.csv"
    hostile.write_text(
        HEADER + "\n" + ROWS[0].replace(",call,", ",<b>call</b> & co,") + "\n", encoding="utf-8"
    )

    def bot(*argv: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "ADMIN_IDS"}}
        env.update(
            DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/cli.db",
            DEFAULT_LANGUAGE="ru",
            PYTHONPATH=str(root),
        )
        return subprocess.run(
            [sys.executable, "-m", "bot", *argv],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def said(result: subprocess.CompletedProcess[str]) -> list[str]:
        """stderr without the JSON log lines of the start-up."""
        return [line for line in result.stderr.splitlines() if not line.startswith('{"ts"')]

    help_text = bot("import", "--help").stdout
    assert "--lang {ru,en}" in help_text and "team's language" in help_text
    result = bot("import", str(bad_file))
    assert (result.returncode, said(result)) == (1, RU_ERRORS)
    result = bot("import", str(hostile), "--lang", "en")
    assert result.returncode == 1
    assert said(result)[0] == (
        'line 2: unknown kind "<b>call</b> & co"; the kinds are: call, lead, meeting_set, '
        "meeting_confirmed, meeting_held, meeting_cancelled, meeting_no_show, payment, and proposal"
    )


def many_calls(n: int) -> bytes:
    rows = [f"2026-12-07T10:{i // 60 % 60:02d}:{i % 60:02d}+03:00,call,1001,60" for i in range(n)]
    return ("occurred_at,kind,person_id,duration_s\n" + "\n".join(rows) + "\n").encode()


async def test_progress_is_plain_lines_when_stderr_is_not_a_terminal(settings, tmp_path, capsys):
    path = tmp_path / "big.csv"
    path.write_bytes(many_calls(2500))
    assert await run_import(settings, args("import", str(path), "--add-members")) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[:2] == [
        "В файле 2\xa0500 строк.",
        "Импортировано 2\xa0500 строк: 2\xa0500 звонков.",
    ]
    lines = captured.err.splitlines()
    assert "\r" not in captured.err
    assert lines[0] == "Импорт: проверено 0 строк из 2\xa0500"
    assert "Импорт: проверено 2\xa0500 строк из 2\xa0500" in lines
    assert lines[-2:] == [
        "Импорт: записано 0 строк из 2\xa0500",
        "Импорт: записано 2\xa0500 строк из 2\xa0500",
    ]
    assert all(line.startswith("Импорт: ") for line in lines)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


async def test_progress_is_a_bar_on_a_terminal(settings, tmp_path, capsys, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_bytes(many_calls(2500))
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert (
        await run_import(settings, args("import", str(path), "--add-members", "--lang", "en")) == 0
    )
    drawn = screen.getvalue()
    assert "\rImport: checked 2,500 of 2,500 rows |##########|" in drawn
    assert "\rImport: written 2,500 of 2,500 rows |##########|" in drawn
    assert capsys.readouterr().out.splitlines()[0] == "The file has 2,500 rows."


async def test_a_small_file_shows_no_progress(settings, good_file, capsys):
    assert await run_import(settings, args("import", str(good_file), "--add-members")) == 0
    assert capsys.readouterr().err == ""


async def test_a_workbook_is_read_by_its_content_not_its_name(settings, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["occurred_at", "kind", "person_id", "duration_s"])
    book.active.append([datetime(2026, 12, 7, 10, 15), "call", 1001, 75])
    path = tmp_path / "export.dat"
    book.save(path)
    assert (
        await run_import(settings, args("import", str(path), "--add-members", "--lang", "en")) == 0
    )
    assert capsys.readouterr().out.splitlines()[:3] == [
        "Read an Excel workbook, sheet “Sheet”.",
        "The file has 1 row.",
        "Imported 1 row: 1 call.",
    ]
    assert await run_export(settings, args("export", "-")) == 0
    assert "\n2026-12-07T10:15:00+03:00,call,1001," in capsys.readouterr().out
