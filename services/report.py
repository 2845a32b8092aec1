"""The report of METRICS.md section 8 (the team, each person, each source) for a period:
/report in Telegram and ``python -m bot report`` build it here."""

from __future__ import annotations

from typing import Any

from bot.settings import Settings
from metrics.periods import Period
from metrics.report import build_report
from services.stats import scope_of
from storage import analytics
from storage.db import Database
from storage.models import Team
from storage.unit import UnitOfWork


async def report(
    db: Database | UnitOfWork, team: Team, period: Period, mode: str, settings: Settings
) -> dict[str, Any]:
    """The JSON-ready report object (``metrics.report.build_report``)."""
    async with db.read() as conn:
        total, people, sources = await analytics.report_counts(
            conn, scope_of(team, period, mode, settings)
        )
    return build_report(team.name, period, mode, total, people, sources)
