"""The Mini App's side of a test: launch data signed as Telegram signs it, and the board
read through its data attributes (never through the formatted text)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlencode


def init_data(
    bot_token: str,
    user: Mapping[str, Any] | None,
    *,
    auth_date: float | None = None,
    hash_override: str | None = None,
    **fields: str,
) -> str:
    """Init data as Telegram gives a Mini App: the fields, ``user`` as JSON, ``auth_date``
    (default now) and ``hash``, the hex HMAC-SHA256 of the sorted ``key=value`` lines keyed
    by HMAC-SHA256("WebAppData", bot token) (core.telegram.org/bots/webapps)."""
    data = {"query_id": "AAHdF6IQAAAAAN0XohDhrOrc", **fields}
    data["auth_date"] = str(int(time.time() if auth_date is None else auth_date))
    if user is not None:
        data["user"] = json.dumps(dict(user), separators=(",", ":"), ensure_ascii=False)
    check = "\n".join(f"{key}={value}" for key, value in sorted(data.items()))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    data["hash"] = hash_override or hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(data)


def mini_app_url(webapp_url: str, launch: str) -> str:
    """The address Telegram opens: the launch parameters in the fragment."""
    return (
        f"{webapp_url}#tgWebAppData={quote(launch, safe='')}"
        "&tgWebAppVersion=7.0&tgWebAppPlatform=tdesktop"
    )


class _Numbers(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.numbers: list[dict[str, str]] = []
        self.panels: list[str] = []
        self.root: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if "data-metric" in found:
            self.numbers.append(found)
        if tag == "section" and "data-panel" in found:
            self.panels.append(found["data-panel"])
        if not self.root and "board" in found.get("class", "").split():
            self.root = found


def read_board(html: str) -> tuple[dict[str, str], list[str], list[dict[str, str]]]:
    """The board fragment's root attributes, its panels and every number's attributes."""
    parser = _Numbers()
    parser.feed(html)
    return parser.root, parser.panels, parser.numbers


def report_value(report: Mapping[str, Any], number: Mapping[str, str]) -> Any:
    """The JSON report's value for a number of the board (by its person, source or the
    team's total); KeyError when the report has no such entry."""
    key = number["data-metric"]
    if "data-person" in number:
        person = int(number["data-person"])
        entry = next(p for p in report["by_person"] if p["person_id"] == person)
        return entry["metrics"][key]
    if "data-source" in number:
        name = number["data-source"] or None
        entry = next(s for s in report["by_source"] if s["source"] == name)
        return entry["metrics"][key]
    assert number.get("data-scope") == "team", number
    return report["total"][key]


def same_value(shown: str, expected: Any) -> bool:
    """A ``data-value`` against the report's value: "" is null, numbers within 1e-9."""
    if expected is None:
        return shown == ""
    return shown != "" and abs(float(shown) - float(expected)) <= 1e-9
