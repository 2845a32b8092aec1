"""The wallboard's web side through its HTTP routes (aiohttp's test server, a real SQLite
file, the day of work the other handler tests use): who gets data, and that every number
on the board is the JSON report's number.

The page in a real browser is tested end to end in ``tests/e2e/test_wallboard.py``.
"""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import pytest
import time_machine
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.settings import Settings
from bot.webapp import server as webapp_server
from bot.webapp.server import WebApp
from metrics.periods import Period
from metrics.plans import PlanLine, Target
from metrics.score import score as score_of
from services.report import report
from storage.repos import MembersRepo, TeamsRepo
from storage.tables import teams
from tests.conftest import ADMIN_ID
from tests.handlers.conftest import ANNA, FRIDAY_EVENING, IVAN, MARIA, OLEG, PETR
from tests.support import factories as f
from tests.support.webapp import (
    SCORE,
    init_data,
    number_span,
    read_board,
    report_numbers,
    report_value,
    same_value,
)

ADMIN = ADMIN_ID
REPS = {IVAN, OLEG, PETR, ANNA, MARIA}
NOW = FRIDAY_EVENING + timedelta(hours=1)


@pytest.fixture
def web_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"webapp_url": "http://127.0.0.1:8080/app"})


@pytest.fixture
async def client(db, web_settings):
    app = web.Application()
    WebApp(db, web_settings).add_routes(app)
    with time_machine.travel(NOW, tick=True):
        async with TestClient(TestServer(app)) as client:
            yield client


def launch(settings: Settings, user_id: int, **kw) -> dict[str, str]:
    token = settings.bot_token.get_secret_value()
    user = {"id": user_id, "first_name": "X", "language_code": "ru"}
    return {"Authorization": f"tma {init_data(token, user, **kw)}"}


async def board(client, settings, user_id: int, period: str = "week", **kw) -> dict:
    response = await client.get(
        f"/app/api/board?period={period}", headers=launch(settings, user_id, **kw)
    )
    assert response.status == 200, await response.text()
    return await response.json()


async def assert_report_numbers(db, team, settings, html: str) -> int:
    """Every number of the board equals the JSON report's for its period and mode."""
    _root, _panels, numbers = read_board(html)
    reports: dict[tuple[str, str, str], dict] = {}
    numbers = report_numbers(numbers)
    for number in numbers:
        start, end = number_span(number)
        key = (start, end, number["mode"])
        if key not in reports:
            asked = Period.between(date.fromisoformat(start), date.fromisoformat(end))
            reports[key] = await report(db, team, asked, number["mode"], settings)
        expected = report_value(reports[key], number)
        assert same_value(number["value"], expected), (number, expected)
    return len(numbers)


@pytest.mark.parametrize("period", ["day", "week", "month"])
async def test_a_manager_sees_every_rep_and_the_reports_numbers(
    day_of_work, client, db, team, web_settings, period
):
    answer = await board(client, web_settings, ADMIN, period)
    html = answer["html"]
    root, panels, numbers = read_board(html)
    assert root["data-period"] == period
    assert panels == ["tiles", "funnel", "reps", "ranking", "sources", "trend"]
    assert {int(rep) for rep in re.findall(r'data-rep="(\d+)"', html)} == REPS
    with_numbers = {
        int(n["person"]) for n in report_numbers(numbers) if n.get("person") is not None
    }
    assert with_numbers == (REPS - {PETR} if period == "day" else REPS)  # Petr's day off
    # every card carries the rep's score, Petr's too: undefined on his day off
    scores = {int(n["person"]): n["value"] for n in numbers if n["metric"] == SCORE}
    assert set(scores) == REPS
    if period == "day":
        assert scores[PETR] == ""
    if period == "day":
        assert "выходной" in html
    assert await assert_report_numbers(db, team, web_settings, html) > 50
    if period == "week":
        held = next(
            n
            for n in numbers
            if n["metric"] == "meetings_held"
            and n.get("scope")
            and n["mode"] == "period"
            and n.get("from") is None
        )
        assert held["value"] == "3"
        calls = next(
            n for n in numbers if n.get("person") == str(IVAN) and n["metric"] == "calls_60"
        )
        # Ivan's 85 calls against the plan of the week's five working days: 400-500
        assert calls["value"] == "85"
        assert (calls["plan-lower"], calls["plan-goal"]) == ("400", "500")
        assert calls["status"] == "behind"
        assert "85 / 400–500" in html
    if period == "month":
        calls = next(
            n for n in numbers if n.get("person") == str(IVAN) and n["metric"] == "calls_60"
        )
        # the plan so far: November's 20 working days up to Friday the 27th (of 21)
        assert (calls["plan-lower"], calls["plan-goal"]) == ("1600", "2000")


async def test_a_rep_sees_their_own_row_and_the_team_the_ranking_when_shown(
    day_of_work, client, db, team, web_settings
):
    answer = await board(client, web_settings, IVAN)
    _root, panels, numbers = read_board(answer["html"])
    assert "ranking" not in panels
    assert {n["person"] for n in numbers if n.get("person") is not None} == {str(IVAN)}
    assert any(n.get("scope") == "team" for n in numbers)
    await assert_report_numbers(db, team, web_settings, answer["html"])
    async with db.transaction() as conn:
        await TeamsRepo(conn).set_reps_see_top(team.id, True)
    _root, panels, numbers = read_board((await board(client, web_settings, IVAN))["html"])
    assert "ranking" in panels
    ranked = [n for n in numbers if n.get("score") is not None]
    # the SDRs have the article's plan; the hunter and the farmer have none: not ranked
    assert {n["person"] for n in ranked} == {str(IVAN), str(OLEG), str(PETR)}
    scores = [float(n["score"]) for n in ranked]
    assert scores == sorted(scores, reverse=True)


async def test_forged_expired_missing_and_strangers_get_401_and_no_data(
    day_of_work, client, db, web_settings
):
    token = web_settings.bot_token.get_secret_value()
    good = init_data(token, {"id": IVAN, "first_name": "Ivan"})
    forged = init_data(token, {"id": IVAN, "first_name": "Ivan"}, hash_override="0" * 64)
    other_bot = init_data("1:another_bots_token", {"id": IVAN, "first_name": "Ivan"})
    tampered = good.replace(f"%22id%22%3A{IVAN}", f"%22id%22%3A{ADMIN}")
    assert tampered != good
    refused = {
        "no header": {},
        "wrong scheme": {"Authorization": f"Bearer {good}"},
        "forged hash": {"Authorization": f"tma {forged}"},
        "another bot": {"Authorization": f"tma {other_bot}"},
        "tampered user": {"Authorization": f"tma {tampered}"},
        "expired": launch(web_settings, IVAN, auth_date=time.time() - 25 * 3600),
        "stranger": launch(web_settings, 999_999),
    }
    for case, headers in refused.items():
        response = await client.get("/app/api/board?period=week", headers=headers)
        answer = await response.json()
        assert response.status == 401, case
        assert answer["ok"] is False and "html" not in answer, case
        assert "участникам команды" in answer["message"], case
    async with db.transaction() as conn:
        ivan = await MembersRepo(conn).by_tg_id(IVAN)
        await MembersRepo(conn).set_active(ivan.id, False)
    response = await client.get("/app/api/board?period=week", headers=launch(web_settings, IVAN))
    assert response.status == 401  # left the team
    assert (await board(client, web_settings, OLEG))["ok"] is True


async def test_an_unchanged_board_is_not_sent_again_a_new_entry_is(
    day_of_work, client, chat, web_settings
):
    first = await board(client, web_settings, IVAN)
    url = f"/app/api/board?period=week&since={first['stamp']}"
    again = await (await client.get(url, headers=launch(web_settings, IVAN))).json()
    assert again["unchanged"] is True and "html" not in again
    await chat.send(f.user(IVAN, "Ivan", username="ivan"), "/call 75s")
    changed = await (await client.get(url, headers=launch(web_settings, IVAN))).json()
    assert changed["stamp"] != first["stamp"]
    calls = next(
        n
        for n in read_board(changed["html"])[2]
        if n.get("person") == str(IVAN) and n["metric"] == "calls_60"
    )
    assert calls["value"] == "86"


async def test_a_board_is_computed_again_only_when_the_data_changed(
    day_of_work, client, chat, web_settings, monkeypatch
):
    computed = []
    real = webapp_server.build_board

    async def counting(*args, **kwargs):
        computed.append(args[2])
        return await real(*args, **kwargs)

    monkeypatch.setattr(webapp_server, "build_board", counting)
    ivan = f.user(IVAN, "Ivan", username="ivan")
    first = await board(client, web_settings, IVAN)
    for user in (IVAN, OLEG, ADMIN, IVAN):  # other viewers, the same team's board
        await board(client, web_settings, user)
    assert computed == ["week"]
    await chat.send(ivan, "/call 75s")
    after_call = await board(client, web_settings, IVAN)
    assert computed == ["week", "week"] and after_call["stamp"] != first["stamp"]
    await chat.send(ivan, "/undo")
    after_undo = await board(client, web_settings, IVAN)
    assert len(computed) == 3
    assert after_undo["html"] == first["html"]  # the call is void: Ivan's 85 again
    await chat.send(f.user(ADMIN, "Olga"), "/setplan sdr calls_60 90-120")
    await board(client, web_settings, IVAN)
    assert len(computed) == 4
    monkeypatch.setattr(webapp_server, "MAX_AGE_S", 0.0)  # what no count sees: by age
    await board(client, web_settings, IVAN)
    assert len(computed) == 5


async def test_the_tv_link_shows_the_team_until_revoked(day_of_work, client, db, team):
    assert (await client.get("/app/tv/not-a-token")).status == 404
    assert (await client.get("/app/api/tv/not-a-token?period=day")).status == 404
    async with db.transaction() as conn:
        token = await TeamsRepo(conn).new_tv_token(team.id)
    page = await client.get(f"/app/tv/{token}")
    assert page.status == 200
    assert f'data-tv="{token}"' in await page.text()
    answer = await (await client.get(f"/app/api/tv/{token}?period=week")).json()
    _root, panels, numbers = read_board(answer["html"])
    assert {int(n["person"]) for n in numbers if n.get("person") is not None} == REPS
    assert "ranking" not in panels  # a public screen: only when reps may see rankings
    assert "data-period-switch" not in answer["html"]
    async with db.transaction() as conn:
        assert await TeamsRepo(conn).revoke_tv_token(team.id)
    assert (await client.get(f"/app/tv/{token}")).status == 404
    assert (await client.get(f"/app/api/tv/{token}?period=day")).status == 404


async def test_the_page_loads_only_its_own_files(day_of_work, client, web_settings):
    page = await client.get("/app")
    html = await page.text()
    assert page.status == 200 and page.headers["Content-Security-Policy"].startswith("default-src")
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sorted(a.split("?")[0] for a in assets) == ["/app/static/app.css", "/app/static/app.js"]
    for asset in assets:
        response = await client.get(asset)
        assert response.status == 200
        assert "immutable" in response.headers["Cache-Control"]
        body = await response.text()
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", body), asset
    assert (await client.get("/app/")).status == 200
    # an open page reloads itself when the bot serves newer files than it has
    version = re.search(r'data-version="([^"]+)"', html).group(1)
    assert version == "-".join(a.split("?v=")[1] for a in sorted(assets))
    assert (await client.get("/app/static/secret.py")).status == 404
    bad = await client.get("/app/api/board?period=year", headers={})
    assert bad.status == 401  # who asks is checked first
    assert (await board(client, web_settings, IVAN))["version"] == version


async def test_names_are_escaped_once(chat, admin, client, db, team, web_settings):
    await chat.send(admin, "/start")
    async with db.transaction() as conn:
        await conn.execute(
            teams.update().where(teams.c.id == team.id).values(name="Рога & Копыта <Ltd>")
        )
    await chat.add_member(IVAN, "<b>Вася</b> & Co", {"sdr"})
    html = (await board(client, web_settings, ADMIN))["html"]
    assert "&lt;b&gt;Вася&lt;/b&gt; &amp; Co" in html
    assert "<b>Вася" not in html and "&amp;amp;" not in html and "&amp;lt;" not in html
    assert "Рога &amp; Копыта &lt;Ltd&gt;" in html
    bad = await client.get("/app/api/board?period=year", headers=launch(web_settings, ADMIN))
    assert bad.status == 400


ROLES = {IVAN: {"sdr"}, OLEG: {"sdr"}, PETR: {"sdr"}, ANNA: {"hunter"}, MARIA: {"farmer"}}


def board_scores(numbers: list[dict], weights: dict | None = None) -> dict[int, tuple]:
    """Per rep: the score the card shows, and metrics.score over the plan cells of the same
    card (each cell's fact, already the report's, against its goal so far)."""
    found = {}
    for person, roles in ROLES.items():
        cells = [
            n
            for n in numbers
            if n.get("person") == str(person) and n.get("plan-goal") and n["panel"] == "reps"
        ]
        lines = [
            PlanLine(
                n["metric"],
                float(n["value"]),
                Target(float(n["plan-lower"]), float(n["plan-goal"])),
                n["status"],
                None,
                None,
            )
            for n in cells
        ]
        shown = next(
            n["value"] for n in numbers if n["metric"] == SCORE and n["person"] == str(person)
        )
        found[person] = (shown, score_of(lines, roles=roles, weights=weights))
    return found


@pytest.mark.parametrize("period", ["day", "week", "month"])
async def test_each_rep_card_carries_the_score_of_its_plan_lines(
    day_of_work, client, chat, web_settings, period
):
    numbers = read_board((await board(client, web_settings, ADMIN, period))["html"])[2]
    for person, (shown, expected) in board_scores(numbers).items():
        assert same_value(shown, expected), (person, shown, expected)
    scores = board_scores(numbers)
    # the hunter and the farmer have no plan: no score, not 0
    assert scores[ANNA] == ("", None) and scores[MARIA] == ("", None)
    if period == "week":
        # Ivan: (3 × 3/15 held + 1 × 85/500 calls + 1 × 4/25 set) / 5 = 0.186
        assert float(scores[IVAN][0]) == pytest.approx(0.186)
    html = (await board(client, web_settings, ADMIN, period))["html"]
    anna = html[html.index(f'data-rep="{ANNA}"') :]
    anna = anna[: anna.index("</article>")]
    assert "нет плана" in anna and "оценка <span" in anna and ">—</span>" in anna
    # a weight set by a manager changes the board's scores (a new board is computed)
    reply = await chat.send(f.user(ADMIN, "Olga"), "/setweight sdr calls_60 0")
    assert "Вес задан" in reply
    numbers = read_board((await board(client, web_settings, ADMIN, period))["html"])[2]
    weights = {("sdr", "calls_60"): 0.0}
    for person, (shown, expected) in board_scores(numbers, weights).items():
        assert same_value(shown, expected), (person, shown, expected)
    if period == "week":
        # without the calls: (3 × 3/15 + 1 × 4/25) / 4 = 0.19
        assert float(board_scores(numbers, weights)[IVAN][0]) == pytest.approx(0.19)
