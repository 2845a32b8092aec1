"""The browser toolkit (``tests/e2e/browser.py``) checked on its own: the launch data it signs
passes aiogram's check, and a tiny page of the wallboard's shape, served here, is read back
through its data attributes in Debian's Chromium and compared with a report."""

from __future__ import annotations

import html
import time
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
import pytest_asyncio
from aiogram.utils.web_app import safe_parse_webapp_init_data
from aiohttp import web

from .browser import board_numbers, init_data, mini_app_url, report_value, same_value, tma_header
from .conftest import OpenPage

TOKEN = "123456:AAE_test_token_0123456789abcdefghijk"
MEMBER = {"id": 1001, "first_name": "Рога & Копыта <Ltd>", "language_code": "ru"}
on_module_loop = pytest.mark.asyncio(loop_scope="module")


def test_signed_init_data_passes_aiogram_check() -> None:
    data = init_data(TOKEN, MEMBER, query_id="AAHdF6IQAAAAAN0XohDhrOrc")
    parsed = safe_parse_webapp_init_data(TOKEN, data)
    assert parsed.user is not None
    assert (parsed.user.id, parsed.user.first_name) == (1001, "Рога & Копыта <Ltd>")
    assert parsed.query_id == "AAHdF6IQAAAAAN0XohDhrOrc"
    assert abs(parsed.auth_date.timestamp() - time.time()) < 5


def test_a_forged_hash_another_bots_token_or_a_changed_field_fails_the_check() -> None:
    tampered = init_data(TOKEN, MEMBER, auth_date=1_700_000_000).replace(
        "auth_date=1700000000", "auth_date=1700000001"
    )
    for data, token in [
        (init_data(TOKEN, MEMBER, hash_override="0" * 64), TOKEN),
        (init_data(TOKEN, MEMBER), "654321:another_bots_secret"),
        (tampered, TOKEN),
    ]:
        with pytest.raises(ValueError):
            safe_parse_webapp_init_data(token, data)


def test_mini_app_url_carries_the_init_data_in_its_fragment() -> None:
    data = init_data(TOKEN, MEMBER, auth_date=1_700_000_000)
    url = mini_app_url("http://127.0.0.1:8080/app", data)
    parts = urlsplit(url)
    assert (parts.path, parts.query) == ("/app", "")
    launch = parse_qs(parts.fragment)
    assert launch["tgWebAppData"] == [data]
    assert launch["tgWebAppVersion"] == ["7.0"]
    assert launch["tgWebAppPlatform"] == ["tdesktop"]


def test_report_value_and_same_value() -> None:
    report = REPORTS["week"]
    assert report_value(report, {"metric": "calls_60", "person": "1001"}) == 12
    assert report_value(report, {"metric": "leads_new", "source": "google"}) == 5
    assert report_value(report, {"metric": "leads_new", "source": ""}) == 1
    assert report_value(report, {"metric": "conv_set_to_held", "scope": "team"}) is None
    with pytest.raises(AssertionError):
        report_value(report, {"metric": "calls_60", "person": "42"})
    with pytest.raises(AssertionError):
        report_value(report, {"metric": "calls_60", "person": "1001", "scope": "team"})
    assert same_value("", None) and not same_value("0", None) and not same_value("", 0)
    assert same_value("0.1", 0.1 + 1e-12) and not same_value("0.1", 0.1001)
    assert same_value("3", 3) and not same_value("3", 4) and not same_value("x", 3)


# ---------------------------------------------------------------- a tiny wallboard

REPORTS = {
    period: {
        "total": {"calls_60": calls + 10, "conv_set_to_held": None, "revenue": 1234.5},
        "by_person": [{"person_id": 1001, "metrics": {"calls_60": calls}}],
        "by_source": [
            {"source": "google", "metrics": {"leads_new": 5}},
            {"source": None, "metrics": {"leads_new": 1}},
        ],
    }
    for period, calls in (("day", 2), ("week", 12), ("month", 40))
}

PAGE = """<!doctype html><meta charset="utf-8"><title>board</title>
<button data-period-switch="day">day</button><button data-period-switch="week">week</button>
<main id="root"></main>
<script>
const initData = new URLSearchParams(location.hash.slice(1)).get('tgWebAppData') || '';
let period = 'week';
async function load() {
  const answer = await fetch('/app/api/board?period=' + period,
                             {headers: {Authorization: 'tma ' + initData}});
  const root = document.getElementById('root');
  if (answer.status === 401) { root.textContent = 'Open the board from Telegram'; return; }
  root.innerHTML = (await answer.json()).html;
}
document.addEventListener('click', event => {
  const wanted = event.target.dataset.periodSwitch;
  if (wanted) { period = wanted; load(); }
});
load();
</script>"""


def fragment(period: str) -> str:
    report = REPORTS[period]

    def number(metric: str, value: object, owner: str) -> str:
        shown = "" if value is None else str(value)
        return f'<b data-metric="{metric}" data-value="{shown}" data-mode="period" {owner}>*</b>'

    team = [number(k, v, 'data-scope="team"') for k, v in report["total"].items()]
    sources = [
        number(k, v, f'data-source="{html.escape(s["source"] or "")}"')
        for s in report["by_source"]
        for k, v in s["metrics"].items()
    ]
    rep = report["by_person"][0]
    reps = [number(k, v, f'data-person="{rep["person_id"]}"') for k, v in rep["metrics"].items()]
    return (
        f'<div class="board" data-period="{period}" data-from="2026-11-02" data-to="2026-11-08">'
        f'<section data-panel="tiles">{"".join(team)}</section>'
        f'<section data-panel="sources">{"".join(sources)}</section>'
        f'<section data-panel="reps">{"".join(reps)}</section></div>'
    )


async def board_api(request: web.Request) -> web.Response:
    scheme, _, data = request.headers.get("Authorization", "").partition(" ")
    try:
        parsed = safe_parse_webapp_init_data(TOKEN, data)
    except ValueError:
        parsed = None
    if (
        scheme != "tma"
        or parsed is None
        or parsed.user is None
        or parsed.user.id != MEMBER["id"]
        or time.time() - parsed.auth_date.timestamp() > 24 * 3600
    ):
        return web.json_response({"ok": False}, status=401)
    period = request.query.get("period", "week")
    return web.json_response({"ok": True, "period": period, "html": fragment(period)})


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def tiny_board() -> AsyncIterator[str]:
    """The tiny wallboard on 127.0.0.1; yields its page's address."""
    app = web.Application()
    app.router.add_get("/app", lambda _: web.Response(text=PAGE, content_type="text/html"))
    app.router.add_get("/app/api/board", board_api)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}/app"
    finally:
        await runner.cleanup()


@on_module_loop
async def test_the_page_is_read_through_its_data_attributes(
    tiny_board: str, open_page: OpenPage
) -> None:
    page = await open_page(mini_app_url(tiny_board, init_data(TOKEN, MEMBER)))
    for period in ("week", "day"):
        await page.click(f"[data-period-switch={period}]")
        await page.wait_for_selector(f".board[data-period={period}]")
        numbers = await board_numbers(page)
        assert len(numbers) == 6
        for number in numbers:
            assert number["board-period"] == period and number["panel"]
            assert same_value(number["value"], report_value(REPORTS[period], number)), number
        assert {n["panel"] for n in numbers} == {"tiles", "sources", "reps"}


@on_module_loop
async def test_forged_or_expired_launch_data_gets_401_and_no_numbers(
    tiny_board: str, open_page: OpenPage
) -> None:
    forged = init_data(TOKEN, MEMBER, hash_override="ab" * 32)
    expired = init_data(TOKEN, MEMBER, auth_date=int(time.time()) - 25 * 3600)
    stranger = init_data(TOKEN, {"id": 4242, "first_name": "Stranger"})
    async with aiohttp.ClientSession() as http:
        for data in (forged, expired, stranger, init_data(TOKEN, MEMBER)):
            async with http.get(f"{tiny_board}/api/board", headers=tma_header(data)) as answer:
                assert answer.status == (200 if data not in (forged, expired, stranger) else 401)
    page = await open_page(mini_app_url(tiny_board, forged))
    await page.wait_for_function("document.getElementById('root').innerText.length > 0")
    assert await page.locator("[data-metric]").count() == 0
