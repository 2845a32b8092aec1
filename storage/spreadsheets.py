"""Reading a records file the way spreadsheets write it, into rows of text.

``read_table(data)`` takes the bytes of an uploaded file and returns a
:class:`Table`: how it was read (:class:`ReadAs`) and its rows as lists of
cell texts, header first, each with its line (the CSV record's number, or the
sheet's row number), which ``storage/interchange.py`` checks and imports. Or
it returns the :class:`~storage.interchange.RowError` that makes the file
unreadable as a whole. Nothing here knows the columns' meaning.

What is read, by content and not by the file's name:

* XLSX (a zip with ``xl/workbook.xml``): the sheet named ``records`` if there
  is one, else the first sheet, with openpyxl in read-only mode. Numbers,
  dates and text cells are all accepted: a date cell becomes an ISO date and
  time without an offset (the importer reads it in the team's time zone), a
  whole float (``75.0``) is written as ``75``, another (``75.5``) as is.
  Refused, naming the cells: merged cells (openpyxl's read-only mode does not
  see merges, so the sheet's XML is scanned for ``<mergeCell>``), formulas
  (the bot does not evaluate them) and values in a column without a header.
* CSV in UTF-8 (with or without a BOM) or Windows-1251: UTF-8 when the bytes
  are valid UTF-8; a file that is mostly valid UTF-8 but has a broken byte is
  broken UTF-8, not Windows-1251; else Windows-1251 when it decodes to text
  (no control characters but tab and line breaks). The delimiter (``,``,
  ``;`` or tab) is the one the header line uses; a header with two of them is
  refused, and so is a row written with another delimiter than the header.
  With ``;`` or tab a number may have a decimal comma (``ReadAs.decimal_comma``).

Trailing empty header cells, and empty cells past the header in a row, are
dropped (Excel writes them for formatted but empty columns).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from posixpath import join, normpath
from typing import IO
from xml.etree import ElementTree

from storage.interchange import RowError

DELIMITERS: dict[str, str] = {",": "comma", ";": "semicolon", "\t": "tab"}
UTF8 = "utf-8"
CP1251 = "windows-1251"
RECORDS_SHEET = "records"

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel (.xls), Word (.doc)
# the control characters a text file does not have (tab and line breaks it does)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# the heads of <row ...> and <mergeCell ref="..."/> in a sheet's XML, any namespace prefix
_SHEET_TAGS = re.compile(rb'<(?:\w+:)?(?:(row)[\s>/]|mergeCell\s[^>]*?ref="([A-Za-z0-9:$]+)")')
_TAG_SPAN = 256  # no head we look for is longer: a chunk's last bytes are looked at again
# what reading a damaged workbook raises (the zip, its deflate streams, the XML in them)
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError)


@dataclass(frozen=True, slots=True)
class ReadAs:
    """How a file was read, for the report (said only when it is not plain UTF-8 commas)."""

    format: str = "csv"  # "csv" or "xlsx"
    encoding: str = UTF8  # csv: UTF8 or CP1251
    delimiter: str = ","  # csv: a key of DELIMITERS
    sheet: str | None = None  # xlsx: the sheet read
    # xlsx: the column letter of each header name (lower case), for "cell B17"
    letters: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def plain(self) -> bool:
        return self.format == "csv" and self.encoding == UTF8 and self.delimiter == ","

    @property
    def decimal_comma(self) -> bool:
        """A number may be written ``75,5``: where the comma is not the delimiter."""
        return self.format == "csv" and self.delimiter != ","


class BadRow(tuple):
    """The problems of a row that cannot be given as cell texts (a formula, a value
    in a column without a header, another delimiter): a tuple of RowErrors."""

    __slots__ = ()


@dataclass
class Table:
    """A file as rows of cell texts: the header first, then the data rows.

    ``rows`` yields ``(line, cells)``; ``cells`` is a list of ``str``, or a
    :class:`BadRow` with the row's problems. Iterating may raise ``csv.Error``
    (a broken CSV: the importer reports it at the line after the last one read).
    ``total`` is how many data rows there are (an estimate: the progress' total).
    """

    read_as: ReadAs
    rows: Iterator[tuple[int, list[str] | BadRow]]
    total: int


def read_table(data: bytes) -> Table | RowError:
    """The file as a :class:`Table`, or the error that makes it unreadable as a whole."""
    if data.startswith(_ZIP):
        return _read_zip(data)
    if data.startswith(_OLE2):
        return RowError(0, "not_a_table", {"kind": "xls"})
    decoded = decode(data)
    if isinstance(decoded, RowError):
        return decoded
    text, encoding = decoded
    return read_csv_text(text, encoding)


# --- CSV ------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str] | RowError:
    """The text of a CSV file and its encoding (UTF8 or CP1251), or ``not_text``
    naming the line and position of the first byte that is neither."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), UTF8
    except UnicodeDecodeError as error:
        first_bad = error.start
    if _mostly_utf8(data):
        return _not_text(data, first_bad, UTF8)
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError as error:  # 0x98 is the one byte cp1251 leaves undefined
        return _not_text(data, error.start, None)
    control = _CONTROL.search(text)
    if control is not None:  # one byte is one character in cp1251
        return _not_text(data, control.start(), None)
    return text, CP1251


def _mostly_utf8(data: bytes) -> bool:
    """More well-formed non-ASCII UTF-8 characters than broken bytes: a UTF-8 file
    with a damaged byte. (Russian in Windows-1251 is almost never valid UTF-8: its
    letters are bytes 0xC0-0xFF, and a lead byte needs continuation bytes 0x80-0xBF.)"""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    well_formed = len(text) - len(text.encode("ascii", errors="ignore")) - broken
    return well_formed > broken


def _not_text(data: bytes, index: int, encoding: str | None) -> RowError:
    start = data.rfind(b"\n", 0, index) + 1
    before = data[start:index].decode(encoding or "cp1251", errors="replace")
    return RowError(
        data.count(b"\n", 0, index) + 1,
        "not_text",
        {
            "byte": "0x" + data[index : index + 1].hex(),
            "position": len(before) + 1,
            "encoding": encoding,
        },
    )


def detect_delimiter(header_line: str) -> str | RowError:
    """The delimiter the header line uses outside quotes (a comma if none)."""
    found: list[str] = []
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in DELIMITERS and char not in found:
            found.append(char)
    if len(found) > 1:
        return RowError(1, "mixed_separators", {"separators": tuple(DELIMITERS[d] for d in found)})
    return found[0] if found else ","


def read_csv_text(text: str, encoding: str = UTF8) -> Table | RowError:
    """Rows of a CSV text with the delimiter of its header line."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = detect_delimiter(first_line)
    if isinstance(delimiter, RowError):
        return delimiter
    read_as = ReadAs("csv", encoding, delimiter)
    body = text[len(first_line) + 1 :]  # the lines after the header's
    total = body.count("\n") + (bool(body) and not body.endswith("\n"))
    others = [d for d in DELIMITERS if d != delimiter]

    def rows() -> Iterator[tuple[int, list[str] | BadRow]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header = next(reader, None)
        if header is None:
            return
        header = _trimmed(header)
        yield 1, header
        width = len(header)
        for line, cells in enumerate(reader, start=2):
            if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
                cells = cells[:width]
            elif len(cells) == 1 < width:
                other = next((d for d in others if d in cells[0]), None)
                if other is not None:
                    problem = RowError(
                        line,
                        "row_separator",
                        {"separator": DELIMITERS[other], "expected": DELIMITERS[delimiter]},
                    )
                    yield line, BadRow((problem,))
                    continue
            yield line, cells

    return Table(read_as, rows(), total)


def _trimmed(header: list[str]) -> list[str]:
    while header and not header[-1].strip():
        header = header[:-1]
    return header


# --- XLSX -----------------------------------------------------------------------------


def _read_zip(data: bytes) -> Table | RowError:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        names = set(book.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):  # most likely a workbook cut short
        return RowError(0, "unreadable_xlsx", {})
    if "xl/workbook.xml" not in names:
        return RowError(0, "not_a_table", {"kind": "zip"})
    try:
        return _read_xlsx(book, data)
    except (_Unreadable, ElementTree.ParseError, *_DAMAGED):
        return RowError(0, "unreadable_xlsx", {})


class _Unreadable(Exception):
    """The workbook's structure cannot be read."""


def _sheet_paths(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    """``(name, path in the zip)`` of each worksheet, in the workbook's order."""
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (ElementTree.ParseError, *_DAMAGED) as error:
        raise _Unreadable from error
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_RELS}Relationship")}
    found = []
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_DOC_RELS}id"))
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
        if path in book.namelist() and "worksheet" in path:
            found.append((sheet.get("name", ""), path))
    return found


def _scan_sheet(source: IO[bytes]) -> tuple[int, list[str]]:
    """The number of ``<row>`` elements of a sheet's XML and its merged ranges, in one
    streaming pass (the XML of 100,000 rows is tens of megabytes)."""
    rows = 0
    merged: list[str] = []
    tail = b""
    while True:
        chunk = source.read(1 << 20)
        buffer = tail + chunk
        # heads that start in the last _TAG_SPAN bytes may be cut: look at them next time
        cut = len(buffer) - _TAG_SPAN if chunk else len(buffer)
        for match in _SHEET_TAGS.finditer(buffer, 0, len(buffer)):
            if match.start() >= cut:
                break
            if match.group(1):
                rows += 1
            else:
                merged.append(match.group(2).decode("ascii").replace("$", "").upper())
        if not chunk:
            return rows, merged
        tail = buffer[max(cut, 0) :]


def _read_xlsx(book: zipfile.ZipFile, data: bytes) -> Table | RowError:
    from openpyxl import load_workbook  # here: the bot starts without it, until a workbook comes
    from openpyxl.utils import get_column_letter

    sheets = _sheet_paths(book)
    if not sheets:
        raise _Unreadable
    name, path = next(((n, p) for n, p in sheets if n.strip().lower() == RECORDS_SHEET), sheets[0])
    with book.open(path) as source:
        row_count, merged = _scan_sheet(source)
    if merged:
        return _merged_error(merged)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook[name]
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise _Unreadable from error
    sheet.reset_dimensions()  # trust the cells, not the size a writer declared
    letters: dict[str, str] = {}
    read_as = ReadAs("xlsx", sheet=name, letters=letters)

    def rows() -> Iterator[tuple[int, list[str] | BadRow]]:
        try:
            yield from sheet_rows()
        except (ElementTree.ParseError, *_DAMAGED):  # damaged past its first rows
            yield 0, BadRow((RowError(0, "unreadable_xlsx", {}),))
        finally:
            workbook.close()

    def sheet_rows() -> Iterator[tuple[int, list[str] | BadRow]]:
        width = 0
        header_seen = False
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not header_seen:
                header = _trimmed([_text(value) for value in values])
                if not header:
                    continue  # empty rows above the header
                header_seen = True
                width = len(header)
                for index, cell in enumerate(header):
                    letters.setdefault(cell.strip().lower(), get_column_letter(index + 1))
                yield line, header
                continue
            problems: list[RowError] = []
            cells: list[str] = []
            for index, value in enumerate(values):
                kind = type(value)  # the common types first: 600,000 cells a second matter
                if value is None:
                    text = ""
                elif kind is str:
                    text = value
                    if text.startswith("="):
                        problems.append(_formula_error(line, index, text))
                        continue
                elif kind is int:
                    text = str(value)
                elif kind is datetime:
                    text = value.isoformat(sep=" ")
                elif kind is float:
                    text = _text(value)
                else:
                    formula = _formula(value)
                    if formula is not None:
                        problems.append(_formula_error(line, index, formula))
                        continue
                    text = _text(value)
                if index < width:
                    cells.append(text)
                elif text.strip():
                    cell = f"{get_column_letter(index + 1)}{line}"
                    problems.append(RowError(line, "value_without_column", {"cell": cell}))
            if problems:
                yield line, BadRow(problems)
                continue
            cells.extend([""] * (width - len(cells)))
            yield line, cells

    return Table(read_as, rows(), max(0, row_count - 1))


def _formula_error(line: int, index: int, formula: str) -> RowError:
    from openpyxl.utils import get_column_letter

    cell = f"{get_column_letter(index + 1)}{line}"
    return RowError(line, "formula_cell", {"cell": cell, "formula": formula})


def _merged_error(merged: list[str]) -> RowError:
    first = merged[0].split(":")[0]
    line = int(re.sub(r"^[A-Z]+", "", first) or 1)
    return RowError(line, "merged_cells", {"cells": tuple(merged)})


def _formula(value: object) -> str | None:
    """The formula of a cell read with ``data_only=False`` (``=SUM(A1:A3)``), else None."""
    if isinstance(value, str):
        return value if value.startswith("=") else None
    text = getattr(value, "text", None)  # openpyxl's ArrayFormula, DataTableFormula
    if text is not None or type(value).__name__.endswith("Formula"):
        return str(text or "=")
    return None


def _text(value: object) -> str:
    """A cell's value as the text the importer parses (a CSV would have it)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def cell_letter(read_as: ReadAs | None, column: str) -> str | None:
    """The letter of a column in the sheet read (None for a CSV or an unknown column)."""
    if read_as is None or read_as.format != "xlsx":
        return None
    return read_as.letters.get(column)
