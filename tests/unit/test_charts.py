"""Charts as a whole: one palette, and chart modules that stay pure (each kind has its own
tests, tests/unit/test_chart_<kind>.py)."""

from __future__ import annotations

import ast
from pathlib import Path

from matplotlib.colors import to_rgba

from views import charts
from views.charts import PALETTE, SOURCE_COUNT_KEYS, SOURCE_SHARE_KEYS, STATUS_COLOURS


def test_palette_gives_each_funnel_step_its_own_valid_colour() -> None:
    steps = ["calls_60", "meetings_set", "meetings_confirmed", "meetings_held", "meetings_paid"]
    assert len({PALETTE[key] for key in steps}) == len(steps)
    assert len({PALETTE[key] for key in (*SOURCE_COUNT_KEYS, *SOURCE_SHARE_KEYS)}) == 6
    assert set(STATUS_COLOURS) == {"behind", "on_track", "done", "off"}
    assert all(len(to_rgba(c)) == 4 for c in (*PALETTE.values(), *STATUS_COLOURS.values()))


def test_charts_module_stays_pure() -> None:
    tree = ast.parse(
        "\n".join(p.read_text(encoding="utf-8") for p in Path(charts.__file__).parent.glob("*.py"))
    )
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert not {name for name in imported if name.startswith("matplotlib.pyplot")}
    assert not {name.split(".")[0] for name in imported} & {"aiogram", "sqlalchemy", "asyncio"}
    assert "matplotlib.backends.backend_agg" in imported
