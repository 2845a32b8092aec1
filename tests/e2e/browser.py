"""The browser tests' toolkit: Debian's Chromium driven by Playwright, Telegram's launch data
for a Mini App, and the wallboard's numbers read through their data attributes.

Chromium comes from Debian (``tests/e2e/install_chromium.sh``, which ``make test`` runs):
Playwright's own browser download cannot reach its servers from our machines. The flags
keep Chromium off the network, which is closed here: without them it keeps trying to reach
Google's hosts at every start.

The launch data, and finding a number of the page in the JSON report, are shared with the
tests without a browser (``tests.support.webapp``, re-exported here); :func:`board_numbers`
reads an open page's numbers in the same shape.
"""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Browser, Page, Playwright

from tests.support.webapp import (  # noqa: F401 - the browser tests' toolkit in one place
    init_data,
    mini_app_url,
    number_span,
    report_numbers,
    report_value,
    same_value,
    tma_header,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PHONE = {"width": 390, "height": 844}
TV = {"width": 1920, "height": 1080}


def chromium_path() -> str:
    """Debian's Chromium, or an error that says how to install it."""
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"{CHROMIUM} is missing: run tests/e2e/install_chromium.sh as root "
            "(make test does), or apt-get install chromium"
        )
    return str(CHROMIUM)


async def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with a fresh profile (Playwright makes a new temporary
    user-data-dir for every launch)."""
    return await playwright.chromium.launch(
        executable_path=chromium_path(), headless=True, args=list(CHROMIUM_ARGS)
    )


# ---------------------------------------------------------------- the numbers on a page

_READ_NUMBERS = """
root => [...root.querySelectorAll('[data-metric]')].map(el => {
    const board = el.closest('.board');
    const panel = el.closest('[data-panel]');
    const own = Object.fromEntries(
        [...el.attributes].filter(a => a.name.startsWith('data-'))
            .map(a => [a.name.slice(5), a.value]));
    return {
        ...own,
        panel: panel ? panel.dataset.panel : null,
        'board-from': board ? board.dataset.from : null,
        'board-to': board ? board.dataset.to : null,
        'board-period': board ? board.dataset.period : null,
    };
})
"""


async def board_numbers(page: Page) -> list[dict[str, str | None]]:
    """Every ``[data-metric]`` element of the page as its data attributes (``metric``,
    ``value``, ``mode``, ``person``/``source``/``scope``, plan attributes...) without the
    ``data-`` prefix, plus ``panel`` (its section's ``data-panel``) and the enclosing
    board's ``board-from``, ``board-to`` and ``board-period``."""
    return await page.eval_on_selector("html", _READ_NUMBERS)
