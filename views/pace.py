"""The pace alert the managers get privately: who is behind the day's plan so far."""

from __future__ import annotations

from datetime import time

from bot.i18n import Html, Texts
from services.pace import Behind
from storage.models import Team
from views.formatting import format_metric, format_percent


def pace_alert(behind: tuple[Behind, ...], at: time, share: float, team: Team, texts: Texts) -> str:
    lines = [
        texts(
            "pace_title",
            time=f"{at:%H:%M}",
            team=team.name,
            share=format_percent(share, texts.language),
        )
    ]
    for rep in behind:
        items = " · ".join(
            texts(
                "pace_item",
                metric=texts.metric(gap.metric),
                fact=format_metric(gap.metric, gap.fact, texts.language, currency=team.currency),
                expected=format_metric(
                    gap.metric, gap.expected, texts.language, currency=team.currency
                ),
            )
            for gap in rep.gaps
        )
        lines.append(texts("pace_line", name=rep.member.display_name, items=Html(items)))
    lines.append(texts("pace_footer"))
    return "\n".join(lines)
