"""The first answer, /start, as people read it: who you are, what the bot does, and one
next step (a manager: set the team up, or where to look first; a rep: what to log and
today's plan)."""

from __future__ import annotations

from bot.i18n import Texts
from services.plans import Progress
from storage.models import Member, Team
from views.plans import plan_lines, progress_lines


def welcome(member: Member, team: Team, texts: Texts) -> str:
    return texts(
        "welcome",
        name=member.display_name,
        team=team.name,
        roles=texts.roles(member.sorted_roles()),
    )


def manager_start(member: Member, team: Team, texts: Texts, *, setup_done: bool) -> str:
    """Setup not finished: who they are, what the bot does, and the setup (the button
    goes with it); finished: where to look first."""
    parts = [welcome(member, team, texts), texts("start_about")]
    parts.append(texts("start_manager_ready" if setup_done else "start_setup"))
    return "\n\n".join(parts)


def rep_start(member: Member, team: Team, texts: Texts, today: Progress) -> str:
    """Who they are, what to log and how, and today's plan (the numbers /today shows)."""
    lines = plan_lines(today, texts) if today.nothing_logged else progress_lines(today, team, texts)
    if today.day_off:
        plan = [texts("start_rep_day_off")]
    elif not lines:
        plan = [texts("start_rep_no_plan")]
    else:
        plan = [texts("start_rep_plan"), *lines]
    parts = [
        welcome(member, team, texts),
        texts("start_rep_log"),
        "\n".join(plan),
        texts("start_rep_more"),
    ]
    return "\n\n".join(parts)
