"""Numbers people read are written by one module, views/formatting.py.

A second formatter is how "5.0 %" in one reply and "5 %" on the chart of the
same number came about. This test reads the source of every package the bot
runs and fails on a numeric format spec (``f"{x:.1f}"``, ``f"{n:,}"``,
``f"{x:g}"``, ``format(x, ".2f")``, ``"%.1f" % x``) outside that module.

Machine formats are not for people and are listed here with their reason:
they write files and identifiers that other programs read back.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "metrics", "services", "storage", "views")
THE_FORMATTER = "views/formatting.py"
# file -> why a numeric format there is not for people
MACHINE_FORMATS = {
    "metrics/report.py": "the report's CSV: plain numbers with a decimal point, for BI tools",
    "storage/interchange.py": "the records CSV (amounts as 123.45) and hashes in hex",
}
NUMERIC_SPEC = re.compile(r"[.,_]|[bcdeEfFgGnoxX%]$")


def _spec_text(node: ast.FormattedValue) -> str:
    spec = node.format_spec
    if spec is None:
        return ""
    return "".join(
        part.value if isinstance(part, ast.Constant) else "{}"
        for part in getattr(spec, "values", [])
    )


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):
            spec = _spec_text(node)
            if spec and "%" not in spec.replace("%}", "") and NUMERIC_SPEC.search(spec):
                found.append(f"{node.lineno}: f-string spec {spec!r}")
            elif spec.endswith("%") and not spec.startswith("%"):
                found.append(f"{node.lineno}: f-string spec {spec!r}")
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "format":
            if len(node.args) == 2:
                found.append(f"{node.lineno}: format(value, spec)")
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
            and re.search(r"%[-+ 0#]*\d*(\.\d+)?[dfge]", node.left.value)
        ):
            found.append(f"{node.lineno}: %-format {node.left.value!r}")
    return found


def test_numbers_are_formatted_in_one_module() -> None:
    offences = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative == THE_FORMATTER or relative in MACHINE_FORMATS:
                continue
            offences += [f"{relative}:{where}" for where in _offences(path)]
    assert not offences, (
        "numbers for people are written by views.formatting (format_count, format_percent, "
        "format_money, ...), not by a format spec of their own:\n" + "\n".join(offences)
    )


def test_the_rule_catches_a_second_formatter(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'a = f"{x:.1f} %"\nb = f"{n:,}"\nc = format(x, ".2f")\nd = "%.0f" % x\n'
        'e = f"{day:%d.%m.%Y}"\nf = f"{name!r}"\ng = f"{width:>{n}}"\n',
        encoding="utf-8",
    )
    found = _offences(sample)
    assert sorted(int(line.split(":")[0]) for line in found) == [1, 2, 3, 4]
