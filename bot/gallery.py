"""``python -m bot charts --out DIR``: every chart the bot sends, drawn from the demo
history in Russian and English, so a person can look at all of them at once.

The gallery never touches the bot's database: it builds a throw-away SQLite file in a
temporary folder, fills it with ``python -m bot demo``'s history (fixed seed, the
article's SDR plan, a plan for the hunters and the farmer, a rep on a day off and a
new rep with nothing logged yet), and asks the same services and views the handlers
and the scheduled digests use. ``DIR`` gets one PNG per chart and language and an
``index.html`` that shows them side by side.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.i18n import Texts
from bot.settings import Settings
from metrics.periods import Period
from metrics.plans import PlanRule, Target
from services.diagnosis import diagnose_subject
from services.digest import build_digest
from services.sources import source_numbers
from services.stats import funnel_numbers
from services.subjects import TEAM, Subject
from services.trend import weekly_trend
from storage import migrate
from storage.db import Database
from storage.demo import generate_demo
from storage.models import Member, Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo, TeamsRepo
from storage.sources import SourcesRepo
from storage.tables import teams
from views.diagnosis import top_finding_png
from views.digest import digest_pngs
from views.sources import sources_png
from views.stats import funnel_png
from views.trend import trend_png

LANGUAGES = ("ru", "en")
DEMO_DAYS = 84  # twelve weeks: the trend chart has its whole window
DEMO_SEED = 42
NEWCOMER = "Александра Константинопольская"  # a long name, and nothing logged yet


@dataclass(frozen=True)
class Picture:
    """One chart of the gallery: ``name`` becomes the file name (``02-funnel-sdr-ru.png``)."""

    name: str
    title: str
    png: bytes


async def _prepare(db: Database, settings: Settings, today: date) -> Team:
    """The demo team: twelve weeks of history, plans for every role, every day a working
    day, one SDR on a day off today and one new SDR with nothing logged."""
    from bot.app import ensure_default_team

    await migrate.upgrade(db)
    team = await ensure_default_team(db, settings)
    async with db.transaction() as conn:
        await generate_demo(conn, team, days=DEMO_DAYS, seed=DEMO_SEED, today=today)
        await conn.execute(teams.update().where(teams.c.id == team.id).values(workdays="12345"))
        members = MembersRepo(conn)
        await members.add(
            team_id=team.id,
            tg_user_id=900010,
            display_name=NEWCOMER,
            username=None,
            roles={"sdr"},
            tg_language="ru",
        )
        plans = PlansRepo(conn)
        for role, metric, lower, goal in (
            ("hunter", "payments_as_hunter", 1, 2),
            ("hunter", "meetings_held_as_hunter", 3, 4),
            ("farmer", "repeat_revenue", 60000, 90000),
            ("farmer", "calls_60", 30, 40),
        ):
            await plans.set_rule(
                team.id, PlanRule(metric=metric, target=Target(lower, goal), role=role), None
            )
        everyone = await members.list_team(team.id)
        resting = next(m for m in everyone if m.display_name == "Дмитрий Козлов")
        await plans.add_day_off(team.id, resting.id, today, today, created_by=None)
        found = await TeamsRepo(conn).get(team.id)
    assert found is not None
    return found


def _member(members: list[Member], role: str) -> Member:
    return next(m for m in members if role in m.roles)


async def _pictures(
    db: Database, team: Team, settings: Settings, today: date, language: str
) -> list[Picture]:
    texts = Texts(language)
    async with db.read() as conn:
        members = await MembersRepo(conn).list_team(team.id)
    sdr, hunter, farmer = (_member(members, role) for role in ("sdr", "hunter", "farmer"))
    async with db.read() as conn:
        google = await SourcesRepo(conn).resolve(team.id, "google")
    week = Period.containing(today, "week")
    month = Period.containing(today, "month")
    found: list[Picture] = []

    def add(name: str, title: str, draw: Callable[[], bytes | list[bytes]]) -> None:
        drawn = draw()
        pngs = drawn if isinstance(drawn, list) else [drawn]
        for index, png in enumerate(pngs, start=1):
            suffix = f"-{index}" if len(pngs) > 1 else ""
            found.append(Picture(f"{name}{suffix}", title, png))

    for label, subject, period in (
        ("funnel-team-week", TEAM, week),
        ("funnel-team-month", TEAM, month),
        ("funnel-sdr-month", Subject("member", member=sdr), month),
        ("funnel-hunter-month", Subject("member", member=hunter), month),
        ("funnel-farmer-month", Subject("member", member=farmer), month),
        ("funnel-source-month", Subject("source", source=google), month),
    ):
        numbers = await funnel_numbers(db, team, subject, period, settings)
        add(label, f"/funnel · {label}", lambda n=numbers: funnel_png(n, team, texts))

    rows = await source_numbers(db, team, month, "period", settings)
    add(
        "sources-month",
        "/sources month",
        lambda: sources_png(rows, month.label(language), team, texts),
    )

    for label, subject in (
        ("trend-team", TEAM),
        ("trend-sdr", Subject("member", member=sdr)),
        ("trend-farmer", Subject("member", member=farmer)),
    ):
        trend = await weekly_trend(db, team, subject, today=today, settings=settings)
        add(label, f"/trend · {label}", lambda t=trend: trend_png(t, team, texts))

    # a finding of a rep with a history (the demo's dip in confirmations), else the newcomer
    # behind the plan
    candidates = [
        (Subject("member", member=m), period)
        for m in sorted(members, key=lambda m: m.display_name == NEWCOMER)
        for period in (week, week.previous())
    ]
    for subject, period in candidates:
        answer = await diagnose_subject(db, team, subject, period, today, settings)
        if answer.findings:
            add(
                "diagnosis",
                f"/diagnose · {subject.member.display_name}",
                lambda a=answer: top_finding_png(a.diagnosed, a.findings[0], texts),
            )
            break

    for kind, period in (
        ("day", Period(today, today, "day")),
        ("week", Period.containing(today - timedelta(days=7), "week")),
        ("month", Period.containing(today.replace(day=1) - timedelta(days=1), "month")),
    ):
        data = await build_digest(db, team, kind, period, settings)
        add(f"digest-{kind}", f"digest · {kind}", lambda d=data: digest_pngs(d, team, texts))
    return found


def _index(pictures: dict[str, list[Picture]]) -> str:
    rows = []
    names = [p.name for p in next(iter(pictures.values()), [])]
    for name in names:
        cells = []
        for language, shown in pictures.items():
            picture = next((p for p in shown if p.name == name), None)
            if picture is not None:
                cells.append(
                    f'<figure><img src="{html.escape(name)}-{language}.png" width="420">'
                    f"<figcaption>{html.escape(picture.title)} · {language}</figcaption></figure>"
                )
        rows.append(f"<section>{''.join(cells)}</section>")
    return (
        "<!doctype html><meta charset='utf-8'><title>Iron Funnel charts</title>"
        "<style>body{font-family:sans-serif}section{display:flex;gap:24px;"
        "align-items:flex-start;margin-bottom:32px}figure{margin:0}</style>" + "".join(rows)
    )


async def draw_gallery(
    today: date | None = None, languages: tuple[str, ...] = LANGUAGES
) -> dict[str, list[Picture]]:
    """Every chart of the demo history, per language (``today``: the demo's last day)."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'gallery.db'}"
        settings = Settings(_env_file=None, database_url=url, timezone="Europe/Moscow")
        if today is None:
            today = datetime.now(ZoneInfo(settings.timezone)).date()
        db = Database(url)
        try:
            team = await _prepare(db, settings, today)
            return {
                language: await _pictures(db, team, settings, today, language)
                for language in languages
            }
        finally:
            await db.dispose()


def make_folder(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)


def write_gallery(out: Path, drawn: dict[str, list[Picture]]) -> list[Path]:
    """``<name>-<language>.png`` for every picture and the ``index.html`` showing them all;
    the files written, in order."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for language, pictures in drawn.items():
        for picture in pictures:
            path = out / f"{picture.name}-{language}.png"
            path.write_bytes(picture.png)
            written.append(path)
    index = out / "index.html"
    index.write_text(_index(drawn), encoding="utf-8")
    written.append(index)
    return written
