"""The Mini App's side of a test, browser or not: Telegram's signed launch data, and the
wallboard's numbers read through their data attributes and found in the JSON report.

The wallboard marks every number (the contract of the wallboard issue)::

    <div class="board" data-period="week" data-from="2026-11-02" data-to="2026-11-08">
      <section data-panel="reps">
        <span data-metric="calls_60" data-value="12" data-mode="period"
              data-person="900001" data-plan-lower="8" data-plan-goal="10"
              data-status="done">12</span>

A number is read as a dict of its data attributes without the ``data-`` prefix
(``metric``, ``value``, ``mode``, ``person``/``source``/``scope``, plan attributes...),
plus ``panel`` (its section) and its board's ``board-from``, ``board-to`` and
``board-period``: :func:`read_board` reads a fragment's HTML so, and
``tests.e2e.browser.board_numbers`` an open page. :func:`report_value` finds the same
number in the JSON report (METRICS.md section 8), so a test compares the page with the
report and never parses formatted text. A rep card's score (``data-metric="score"``) is
the one number the report has not (:func:`report_numbers` leaves it out).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import time
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlencode


def init_data(
    bot_token: str,
    user: dict[str, Any],
    *,
    auth_date: int | None = None,
    hash_override: str | None = None,
    **fields: str,
) -> str:
    """Mini App init data for ``user``, signed as Telegram documents it.

    The data-check-string is every ``key=value`` but ``hash``, sorted by key, joined with
    newlines; the secret key is HMAC-SHA256 of the bot token under the key ``WebAppData``;
    ``hash`` is the hex HMAC-SHA256 of the data-check-string under that secret. ``user`` is
    sent as compact JSON, ``auth_date`` (Unix seconds) is now unless given, ``fields`` adds
    more pairs (``query_id``, ``chat_type``...), and ``hash_override`` replaces the hash (a
    forgery). Returns the query string Telegram hands to the page.
    """
    pairs = {
        **fields,
        "user": json.dumps(user, separators=(",", ":"), ensure_ascii=False),
        "auth_date": str(int(time.time()) if auth_date is None else auth_date),
    }
    check_string = "\n".join(f"{key}={value}" for key, value in sorted(pairs.items()))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    signature = hmac.new(secret, check_string.encode(), hashlib.sha256).hexdigest()
    pairs["hash"] = signature if hash_override is None else hash_override
    return urlencode(pairs, quote_via=quote)


def mini_app_url(webapp_url: str, init_data: str) -> str:
    """The address Telegram opens: the launch parameters in the URL's fragment."""
    return (
        f"{webapp_url}#tgWebAppData={quote(init_data, safe='')}"
        "&tgWebAppVersion=7.0&tgWebAppPlatform=tdesktop"
    )


def tma_header(init_data: str) -> dict[str, str]:
    """The header the page sends with each data request."""
    return {"Authorization": f"tma {init_data}"}


def number_span(number: dict[str, str | None]) -> tuple[str, str]:
    """The ISO dates a number is for: its own (a trend bar's week) or its board's."""
    start = number.get("from") or number["board-from"]
    end = number.get("to") or number["board-to"]
    assert start and end, f"no period for {number}"
    return start, end


SCORE = "score"
"""A rep card's score (``metrics.score``): a number of the board that is not a key of the
JSON report (``data-value`` is the fraction, "" when undefined). The tests compare it with
``metrics.score`` over the same plan lines instead."""


def report_numbers(numbers: list[dict[str, str | None]]) -> list[dict[str, str | None]]:
    """The numbers that are the report's: all but the reps' scores (:data:`SCORE`)."""
    return [number for number in numbers if number.get("metric") != SCORE]


def report_value(report: dict[str, Any], number: dict[str, str | None]) -> Any:
    """The value of the JSON report (as JSON, e.g. ``json.loads(report_json(...))``) that
    ``number`` shows: ``total`` for ``data-scope="team"``, the ``by_person`` entry of
    ``data-person``, the ``by_source`` entry of ``data-source`` (an empty name is the
    ``null`` source). Raises AssertionError when the report has no such entry or key."""
    key = number["metric"]
    assert key, number
    owners = [name for name in ("person", "source", "scope") if number.get(name) is not None]
    assert len(owners) == 1, f"a number needs exactly one of person/source/scope: {number}"
    if number.get("scope") is not None:
        assert number["scope"] == "team", number
        metrics = report["total"]
    elif number.get("person") is not None:
        person = int(number["person"] or 0)
        entries = [e for e in report["by_person"] if e["person_id"] == person]
        assert entries, f"person {person} is not in the report: {number}"
        metrics = entries[0]["metrics"]
    else:
        source = number["source"] or None
        entries = [e for e in report["by_source"] if e["source"] == source]
        assert entries, f"source {source!r} is not in the report: {number}"
        metrics = entries[0]["metrics"]
    assert key in metrics, f"the report has no {key!r} there: {number}"
    return metrics[key]


def same_value(shown: str | None, expected: Any, tolerance: float = 1e-9) -> bool:
    """Whether a ``data-value`` is the report's value: empty is ``null``, numbers equal
    within ``tolerance`` (absolute or relative)."""
    if expected is None:
        return shown == ""
    if not shown or isinstance(expected, bool):
        return False
    try:
        value = float(shown)
    except ValueError:
        return False
    return math.isclose(value, float(expected), rel_tol=tolerance, abs_tol=tolerance)


class _Numbers(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.numbers: list[dict[str, str | None]] = []
        self.panels: list[str] = []
        self.root: dict[str, str] = {}
        self._panel: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if not self.root and "board" in found.get("class", "").split():
            self.root = found
        if tag == "section" and "data-panel" in found:
            self._panel = found["data-panel"]
            self.panels.append(self._panel)
        if "data-metric" in found:
            number: dict[str, str | None] = {
                name.removeprefix("data-"): value
                for name, value in found.items()
                if name.startswith("data-")
            }
            number["panel"] = self._panel
            number["board-from"] = self.root.get("data-from")
            number["board-to"] = self.root.get("data-to")
            number["board-period"] = self.root.get("data-period")
            self.numbers.append(number)


def read_board(html: str) -> tuple[dict[str, str], list[str], list[dict[str, str | None]]]:
    """A board fragment's root attributes, its panels in order and every number (read as
    the module docstring says)."""
    parser = _Numbers()
    parser.feed(html)
    return parser.root, parser.panels, parser.numbers
