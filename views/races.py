"""Races as people read them: the /race board, the replies to start and stop one, and
what the team chat gets (a milestone, the result)."""

from __future__ import annotations

from bot.i18n import Html, Texts
from metrics.races import MILESTONES
from services.races import RaceBoard
from storage.models import Team
from views.formatting import format_date, format_percent
from views.values import show

TOP_IN_RESULT = 3  # the result names this many contributors
TOP_IN_MILESTONE = 3


def _value(board: RaceBoard, value: object, team: Team, texts: Texts) -> str:
    return show(board.race.metric, value, texts, team.currency)


def _progress(board: RaceBoard, team: Team, texts: Texts) -> Html:
    """``33 из 60 (55,0 %)``."""
    return texts(
        "race_progress",
        total=_value(board, board.total, team, texts),
        target=_value(board, board.race.target, team, texts),
        share=format_percent(board.share, texts.language),
    )


def _places(board: RaceBoard, team: Team, texts: Texts, limit: int | None = None) -> list[str]:
    shown = board.contributions if limit is None else board.contributions[:limit]
    return [
        texts(
            "race_place",
            place=place,
            name=contribution.name,
            value=_value(board, contribution.value, team, texts),
        )
        for place, contribution in enumerate(shown, start=1)
    ]


def _days_left(board: RaceBoard, texts: Texts) -> Html:
    if board.over:
        return texts("race_over")
    if board.days_left == 1:
        return texts("race_last_day")
    return texts("race_days_left", days=board.days_left)


def _mark(mark: int, texts: Texts) -> str:
    """A milestone as a percent, written by the one formatter."""
    return format_percent(mark / 100, texts.language)


def _title(board: RaceBoard, texts: Texts) -> Html:
    return texts(
        "race_title",
        metric=texts.metric(board.race.metric),
        start=format_date(board.race.starts_on, texts.language),
        end=format_date(board.race.ends_on, texts.language),
    )


def race_board_text(board: RaceBoard, team: Team, texts: Texts) -> Html:
    """One race: the target, the team total (everyone's), the share, the days left, and
    the contributions of those who have not opted out, best first."""
    lines = [_title(board, texts), _progress(board, team, texts)]
    lines.append(_days_left(board, texts))
    places = _places(board, team, texts)
    lines.append(texts("race_contributions") if places else texts("race_no_contributions"))
    lines += places
    return Html("\n".join(lines))


def race_boards_text(boards: tuple[RaceBoard, ...], team: Team, texts: Texts) -> Html:
    """/race: every race on, or how to start one."""
    if not boards:
        return texts("race_none")
    return Html("\n\n".join(race_board_text(board, team, texts) for board in boards))


def race_started_text(board: RaceBoard, team: Team, texts: Texts) -> Html:
    if team.manager_chat_id is not None:
        half, full, beyond = (_mark(mark, texts) for mark in MILESTONES)
        chat = texts("race_started_chat", half=half, full=full, beyond=beyond)
    else:
        chat = texts("race_started_no_chat")
    return Html(f"{texts('race_started')}\n\n{race_board_text(board, team, texts)}\n\n{chat}")


def race_stopped_text(board: RaceBoard, team: Team, texts: Texts) -> Html:
    return Html(f"{texts('race_stopped')}\n\n{race_board_text(board, team, texts)}")


def race_running_text(board: RaceBoard, team: Team, texts: Texts) -> Html:
    """A second /race on a metric whose race is on: what is on, and how to stop it."""
    return texts(
        "race_running",
        metric=texts.metric(board.race.metric),
        end=format_date(board.race.ends_on, texts.language),
        total=_value(board, board.total, team, texts),
        target=_value(board, board.race.target, team, texts),
        share=format_percent(board.share, texts.language),
        metric_key=board.race.metric,
    )


def milestone_text(board: RaceBoard, mark: int, team: Team, texts: Texts) -> Html:
    """The team chat's progress message at ``mark`` percent of the target (the highest of
    those crossed at once)."""
    lines = [
        texts(
            f"race_milestone_{mark}",
            mark=_mark(mark, texts),
            metric=texts.metric(board.race.metric),
        ),
        _progress(board, team, texts),
        _days_left(board, texts),
    ]
    places = _places(board, team, texts, TOP_IN_MILESTONE)
    if places:
        lines.append(texts("race_leaders"))
        lines += places
    return Html("\n".join(lines))


def result_text(board: RaceBoard, team: Team, texts: Texts) -> Html:
    """The team chat's message when a race is over: the final total, the share and the
    top contributors who have not opted out."""
    stopped = board.race.stopped_at is not None
    reached = board.share >= 1
    key = "race_result_" + ("stopped" if stopped else "reached" if reached else "missed")
    lines = [
        texts(key, metric=texts.metric(board.race.metric)),
        _progress(board, team, texts),
    ]
    places = _places(board, team, texts, TOP_IN_RESULT)
    lines.append(texts("race_top") if places else texts("race_no_contributions"))
    lines += places
    return Html("\n".join(lines))
