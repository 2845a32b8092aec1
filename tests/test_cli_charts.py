"""``python -m bot charts --out DIR``: the chart gallery a person reviews, from demo data."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image

from tests.test_cli import run

KINDS = {
    "funnel-team-week",
    "funnel-team-month",
    "funnel-sdr-month",
    "funnel-hunter-month",
    "funnel-farmer-month",
    "funnel-source-month",
    "sources-month",
    "diagnosis",
    "digest-day",
    "digest-week",
    "digest-month",
    "trend-team",
    "trend-sdr",
    "trend-farmer",
}
NAME = re.compile(r"^(?P<kind>.+?)(?:-\d+)?-(?P<language>ru|en)\.png$")


def test_every_chart_kind_in_both_languages_and_an_index(tmp_path: Path) -> None:
    out = tmp_path / "gallery"
    done = run(["charts", "--out", str(out), "--date", "2026-12-04"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "charts written to" in done.stdout
    drawn: dict[str, set[str]] = {}
    for path in out.glob("*.png"):
        match = NAME.match(path.name)
        assert match, path.name
        drawn.setdefault(match["kind"], set()).add(match["language"])
        with Image.open(io.BytesIO(path.read_bytes())) as image:
            assert image.format == "PNG"
            assert image.width in (1280, 1440) and max(image.size) <= 2560, path.name
    assert set(drawn) == KINDS
    assert all(languages == {"ru", "en"} for languages in drawn.values()), drawn
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'src="{path.name}"' in index for path in out.glob("*.png"))
    # the bot's own database was never created
    assert not (tmp_path / "db" / "cli.db").exists()


def test_an_unwritable_folder_is_one_line_and_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = run(["charts", "--out", str(blocker / "sub"), "--date", "2026-12-04"], tmp_path)
    assert done.returncode == 1
    assert "Cannot write into" in done.stderr
