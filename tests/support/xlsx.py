"""Read the cells of an XLSX file's first sheet (enough to check what a person sees in it)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def cells(data: bytes) -> dict[str, tuple[str, str | None]]:
    """``{"B4": ("text", "Anna"), "D4": ("number", "3"), "E4": ("formula", "1+2")}``."""
    book = zipfile.ZipFile(io.BytesIO(data))
    shared: list[str] = []
    if "xl/sharedStrings.xml" in book.namelist():
        for item in ET.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{_MAIN}si"):
            shared.append("".join(t.text or "" for t in item.iter(f"{_MAIN}t")))
    found: dict[str, tuple[str, str | None]] = {}
    sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    for cell in sheet.iter(f"{_MAIN}c"):
        ref = cell.get("r", "")
        formula, value, kind = cell.find(f"{_MAIN}f"), cell.find(f"{_MAIN}v"), cell.get("t")
        if formula is not None:
            found[ref] = ("formula", formula.text)
        elif kind == "s" and value is not None and value.text is not None:
            found[ref] = ("text", shared[int(value.text)])
        elif kind == "inlineStr":
            found[ref] = ("text", "".join(t.text or "" for t in cell.iter(f"{_MAIN}t")))
        else:
            found[ref] = ("number", value.text if value is not None else None)
    return found


# the built-in number formats (ECMA-376, 18.8.30) a writer refers to by id
_BUILTIN_FORMATS = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    49: "@",
}


def number_formats(data: bytes) -> dict[str, str]:
    """``{"D2": "#,##0.0", "E2": "0.0%"}``: the number format code of each styled cell of
    the first sheet (a cell without a style shows "General")."""
    book = zipfile.ZipFile(io.BytesIO(data))
    styles = ET.fromstring(book.read("xl/styles.xml"))
    codes = dict(_BUILTIN_FORMATS)
    for item in styles.iter(f"{_MAIN}numFmt"):
        codes[int(item.get("numFmtId", "0"))] = item.get("formatCode", "General")
    cell_xfs = styles.find(f"{_MAIN}cellXfs")
    xfs = [int(xf.get("numFmtId", "0")) for xf in cell_xfs] if cell_xfs is not None else []
    found: dict[str, str] = {}
    sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    for cell in sheet.iter(f"{_MAIN}c"):
        style = int(cell.get("s", "0"))
        found[cell.get("r", "")] = codes.get(xfs[style] if style < len(xfs) else 0, "General")
    return found
