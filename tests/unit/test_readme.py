"""The README is the user's manual: every command and configuration key is in it."""

from __future__ import annotations

import re
from pathlib import Path

from bot.commands import COMMANDS
from bot.settings import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = (Path(__file__).resolve().parents[2] / ".env.example").read_text(encoding="utf-8")


def test_every_command_is_documented_with_an_example() -> None:
    missing = [c.name for c in COMMANDS if not re.search(rf"`/{c.name}\b", README)]
    assert missing == []


def test_every_configuration_key_is_documented() -> None:
    keys = [name.upper() for name in Settings.model_fields]
    assert [k for k in keys if f"`{k}`" not in README] == []
    assert [k for k in keys if f"{k}=" not in ENV_EXAMPLE] == []
