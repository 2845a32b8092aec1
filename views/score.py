"""The scorecard as people read it: /score (one member, or every rep for a manager), the
score's line in /today, /week and /month, its item in the digest's rep lines and on the
wallboard's rep cards, and the weights (/setweight)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.i18n import Html, Texts
from metrics.score import SCORE_CAP, Scorecard, Weights, weights_in_force
from services.score import MemberScore, TeamScores
from views.formatting import format_count, format_percent
from views.values import show


def score_percent(card: Scorecard, texts: Texts) -> str:
    """The score as a percent (``87,5 %``); only for a card with a value."""
    return format_percent(card.value, texts.language)


def unscored(card: Scorecard, texts: Texts) -> Html:
    """Why a card has no score, in a word or two: ``без плана``, ``оценки пока нет``."""
    return texts("score_item_no_plan" if card.state == "no_plan" else "score_item_none")


def score_item(card: Scorecard, texts: Texts) -> Html:
    """The score in a rep's line: ``оценка 87,5 %``, or :func:`unscored`."""
    if card.value is None:
        return unscored(card, texts)
    return texts("score_item", score=score_percent(card, texts))


def progress_score_lines(card: Scorecard | None, kind: str, texts: Texts) -> list[str]:
    """The score's line under /today's, /week's or /month's plan lines (none without a
    plan: the reply says so already)."""
    if card is None or card.state == "no_plan":
        return []
    if card.value is None:
        return [texts("score_progress_none")]
    return [texts("score_progress", score=score_percent(card, texts), kind=kind)]


def _part_lines(card: Scorecard, texts: Texts, currency: str) -> list[str]:
    lines = []
    for part in card.parts:
        capped = texts("score_capped", cap=format_percent(SCORE_CAP, texts.language))
        lines.append(
            texts(
                "score_part",
                metric=texts.metric(part.metric),
                share=format_percent(part.share, texts.language),
                fact=show(part.metric, part.fact, texts, currency),
                goal=show(part.metric, part.goal, texts, currency),
                weight=part.weight,
                capped=capped if part.capped else "",
            )
        )
    return lines


def member_score_text(found: MemberScore, texts: Texts, currency: str) -> str:
    """One member's score: the number, then what it is made of."""
    name = found.member.display_name
    period = found.period.label(texts.language)
    if found.day_off:
        return texts("score_day_off", subject=name)
    card = found.card
    if card.state == "no_plan":
        return texts("score_no_plan", subject=name, period=period)
    if card.value is None:
        return texts("score_no_score", subject=name, period=period)
    header = texts("score_header", subject=name, period=period, score=score_percent(card, texts))
    return "\n".join([header, *_part_lines(card, texts, currency), "", texts("score_explained")])


def team_scores_text(found: TeamScores, texts: Texts) -> str:
    """Every rep with a plan, best first; those without a score so far after them."""
    period = found.period.label(texts.language)
    if not found.scored and not found.unscored:
        return texts("score_team_empty", period=period)
    lines = [texts("score_team_header", period=period)]
    lines += [
        texts(
            "score_team_line",
            place=format_count(place, texts.language),
            name=row.name,
            score=score_percent(row.card, texts),
        )
        for place, row in enumerate(found.scored, 1)
    ]
    lines += [
        texts(
            "score_team_unscored",
            name=row.name,
            why=texts("score_why_off" if row.off else "score_item_none"),
        )
        for row in found.unscored
    ]
    return "\n".join([*lines, "", texts("score_team_footer")])


def weights_text(roles: Iterable[str], weights: Weights, texts: Texts) -> str:
    """The weights in force for ``roles``, each plannable metric of each role."""
    lines = [texts("weights_header")]
    for role in roles:
        lines.append(texts("weights_role", role=texts.role(role)))
        lines += [
            texts(
                "weights_line",
                metric=texts.metric(entry.metric),
                weight=entry.weight,
                set=texts("weights_set_mark") if entry.set else "",
            )
            for entry in weights_in_force(role, weights)
        ]
    return "\n".join([*lines, "", texts("weights_footer")])


def weight_set_text(role: str, metric: str, weight: float, before: float, texts: Texts) -> str:
    key = "setweight_zero" if weight == 0 else "setweight_done"
    role_name, name = texts.role(role), texts.metric(metric)
    return texts(key, role=role_name, metric=name, weight=weight, before=before)
