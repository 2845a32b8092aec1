"""``python -m bot export --dialect excel-ru``: the records CSV as Russian Excel opens it."""

from __future__ import annotations

import argparse
import doctest
from pathlib import Path

import views.records_excel
from bot.cli import add_export_parser, add_import_parser, run_export, run_import
from storage.interchange import COLUMNS

PLAIN = (
    ",".join(COLUMNS) + "\n"
    "2026-11-03T10:15:00+03:00,call,1001,Анна,pbx-1,75,out,1,Google,,,,ООО «Ромашка»; филиал,,\n"
    "2026-11-03T12:00:00.250000+03:00,meeting_set,1001,Анна,,,,,Google,,M1,2001,Acme,,\n"
    "2026-11-04T12:00:00+03:00,meeting_held,2001,Viktor,,,,,,,M1,,,,\n"
    "2026-11-05T12:00:00.500000+03:00,payment,2001,Viktor,,,,,,,M1,,Acme,150000.50,new\n"
)
EXCEL_RU = (
    "\ufeff" + ";".join(COLUMNS) + "\r\n"
    '03.11.2026 10:15:00;call;1001;Анна;pbx-1;75;out;1;Google;;;;"ООО «Ромашка»; филиал";;\r\n'
    "03.11.2026 12:00:00,250000;meeting_set;1001;Анна;;;;;Google;;M1;2001;Acme;;\r\n"
    "04.11.2026 12:00:00;meeting_held;2001;Viktor;;;;;;;M1;;;;\r\n"
    "05.11.2026 12:00:00,500000;payment;2001;Viktor;;;;;;;M1;;Acme;150000,50;new\r\n"
).encode()


def args(*argv: str) -> argparse.Namespace:
    root = argparse.ArgumentParser(prog="python -m bot")
    sub = root.add_subparsers(dest="command")
    add_import_parser(sub)
    add_export_parser(sub)
    return root.parse_args(list(argv))


async def test_excel_ru_dialect(settings, tmp_path: Path, capsys):
    source = tmp_path / "in.csv"
    source.write_text(PLAIN, encoding="utf-8")
    assert await run_import(settings, args("import", str(source), "--add-members")) == 0
    capsys.readouterr()

    target = tmp_path / "excel.csv"
    code = await run_export(settings, args("export", str(target), "--dialect", "excel-ru"))
    assert code == 0
    assert target.read_bytes() == EXCEL_RU
    assert capsys.readouterr().out == f'Exported 4 rows of team "Отдел продаж" to {target}.\n'

    # the default is what it was: the file import reads, byte for byte
    plain = tmp_path / "plain.csv"
    assert await run_export(settings, args("export", str(plain))) == 0
    assert plain.read_text(encoding="utf-8") == PLAIN
    assert args("export", "-").dialect == "default"


async def test_excel_ru_to_stdout(settings, tmp_path: Path, capsysbinary):
    source = tmp_path / "in.csv"
    source.write_text(PLAIN, encoding="utf-8")
    assert await run_import(settings, args("import", str(source), "--add-members")) == 0
    capsysbinary.readouterr()
    assert await run_export(settings, args("export", "-", "--dialect", "excel-ru")) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == EXCEL_RU
    assert captured.err.decode() == 'Exported 4 rows of team "Отдел продаж" to stdout.\n'


def test_an_unknown_dialect_is_a_usage_error(capsys):
    try:
        args("export", "-", "--dialect", "excel")
    except SystemExit as exit_:
        assert exit_.code == 2
    else:
        raise AssertionError("--dialect excel was accepted")
    assert "invalid choice: 'excel' (choose from" in capsys.readouterr().err


def test_doctests():
    assert doctest.testmod(views.records_excel).failed == 0
