"""The pace alert the managers get privately: who is behind the day's plan so far."""

from __future__ import annotations

from datetime import time

from bot.i18n import Html, Texts
from services.pace import Behind
from storage.models import Team


def pace_alert(behind: tuple[Behind, ...], at: time, share: float, team: Team, texts: Texts) -> str:
    lines = [texts("pace_title", time=f"{at:%H:%M}", team=team.name, share=round(share * 100))]
    for rep in behind:
        items = " · ".join(
            texts(
                "pace_item",
                metric=texts.metric(gap.metric),
                fact=f"{gap.fact:g}",
                expected=f"{gap.expected:g}",
            )
            for gap in rep.gaps
        )
        lines.append(texts("pace_line", name=rep.member.display_name, items=Html(items)))
    lines.append(texts("pace_footer"))
    return "\n".join(lines)
