"""Plans as people read them: the plan in force (/plan) and fact vs plan so far (/today,
/week, /month)."""

from __future__ import annotations

from bot.i18n import Html, Texts
from metrics.plans import ROLE_ORDER, STATUS_MARKS, PlanRule
from metrics.score import Scorecard
from services.empty import EmptyState
from services.plans import PlanInForce, Progress, plannable_for
from storage.models import Team
from views.empty import empty_text
from views.formatting import weekday_name, weekday_names
from views.ramp import ramp_line
from views.score import progress_score_lines
from views.values import counted, format_target, show


def plan_text(plan: PlanInForce, team: Team, texts: Texts) -> str:
    """The plan in force: per role (team) or for one member, with weekday overrides."""
    rules, member = plan.rules, plan.member
    lines = []
    if member is None:
        lines.append(
            texts(
                "plan_header_team",
                team=team.name,
                workdays=weekday_names(team.workdays, texts.language),
            )
        )
        for role in ROLE_ORDER:
            role_rules = [r for r in rules if r.role == role and r.member_id is None]
            if role_rules:
                lines.append(texts("plan_role", role=texts.role(role)))
                lines += _rule_lines(texts, role_rules)
    else:
        lines.append(
            texts(
                "plan_header",
                subject=member.display_name,
                workdays=weekday_names(team.workdays, texts.language),
            )
        )
        for metric in plannable_for(member.roles):
            mine = [r for r in rules if r.metric == metric and r.member_id == member.id]
            by_role = [
                r
                for r in rules
                if r.metric == metric and r.member_id is None and r.role in member.roles
            ]
            chosen = mine or by_role
            if chosen:
                lines += _rule_lines(texts, chosen, personal=bool(mine))
        if plan.days_off:
            ranges = ", ".join(f"{a.isoformat()}–{b.isoformat()}" for a, b in plan.days_off)
            lines.append(texts("plan_days_off", ranges=ranges))
    if len(lines) == 1:
        lines.append(texts("plan_empty"))
    if plan.ramp is not None:
        lines.append(ramp_line(plan.ramp, texts))
    return "\n".join(lines)


def setplan_done(rule: PlanRule, subject: str, texts: Texts) -> Html:
    """The confirmation of a plan set, typed (/setplan) or applied from a suggestion."""
    day = f" ({weekday_name(rule.weekday, texts.language)})" if rule.weekday else ""
    return texts(
        "setplan_done",
        subject=subject,
        metric=texts.metric(rule.metric),
        target=format_target(rule.target, texts),
        weekday=day,
    )


def _rule_lines(texts: Texts, rules: list[PlanRule], personal: bool = False) -> list[str]:
    lines = []
    for metric in dict.fromkeys(r.metric for r in rules):
        every_day = [r for r in rules if r.metric == metric and r.weekday is None]
        special = sorted(
            (r for r in rules if r.metric == metric and r.weekday is not None),
            key=lambda r: r.weekday or 0,
        )
        base = format_target(every_day[0].target, texts) if every_day else "—"
        extra = "".join(
            "; "
            + texts(
                "plan_weekday",
                weekday=weekday_name(r.weekday or 1, texts.language),
                target=format_target(r.target, texts),
            )
            for r in special
        )
        suffix = texts("plan_override") if personal else ""
        lines.append(
            texts(
                "plan_line", metric=texts.metric(metric), target=base, weekdays=Html(extra + suffix)
            )
        )
    return lines


def progress_text(
    progress: Progress,
    team: Team,
    texts: Texts,
    empty: EmptyState | None = None,
    score: Scorecard | None = None,
) -> str:
    """The header, then each planned metric: status, fact, plan so far, what is left today,
    the forecast (a week or month), then the ``score`` (:mod:`metrics.score`). With
    ``empty`` (the member has logged nothing so far, :mod:`services.empty`): the plan and
    what to do next instead of a column of zeros."""
    name = progress.member.display_name
    header = texts("today_header", subject=name, period=progress.period.label(texts.language))
    if progress.day_off:
        return f"{header}\n{texts('today_day_off', subject=name)}"
    if empty is not None:
        plan = plan_lines(progress, texts)
        if plan:
            title = "start_rep_plan" if progress.kind == "day" else "today_plan_so_far"
            plan.insert(0, texts(title))
        else:
            plan = [texts("today_no_plan_yet")]
        return "\n".join([header, *plan, "", empty_text(empty, texts)])
    if not progress.lines:
        return f"{header}\n{texts('today_no_plan', subject=name)}"
    lines = progress_lines(progress, team, texts)
    lines += progress_score_lines(score, progress.kind, texts)
    return "\n".join([header, *lines, "", texts("status_legend")])


def plan_lines(progress: Progress, texts: Texts) -> list[str]:
    """The plan of the period so far, one line per planned metric (no facts)."""
    return [
        texts(
            "today_plan_line",
            metric=texts.metric(line.metric),
            target=format_target(line.target, texts),
        )
        for line in progress.lines
        if line.target
    ]


def progress_lines(progress: Progress, team: Team, texts: Texts) -> list[str]:
    """Each planned metric: status, fact, plan so far, what is left today, the forecast."""
    body = []
    amount = lambda key, v: counted(key, v, texts, team.currency)  # noqa: E731
    for line in progress.lines:
        body.append(
            texts(
                "today_line",
                mark=STATUS_MARKS[line.status],
                metric=texts.metric(line.metric),
                fact=show(line.metric, line.fact, texts, team.currency),
                target=format_target(line.target, texts) if line.target else "—",
                left=(
                    texts("today_left", left=amount(line.metric, line.left_today))
                    if line.left_today
                    else ""
                ),
                forecast=(
                    texts("today_forecast", forecast=amount(line.metric, line.forecast))
                    if line.forecast is not None and progress.kind != "day"
                    else ""
                ),
            )
        )
    return body
