"""The /setup wizard as people see it: each question with its keyboard, the line that says
what was saved, and the closing summary with the command that changes each value."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Html, Raw, Texts
from metrics.plans import Target
from services.setup import (
    DIGEST_TIMES,
    PLAN_METRICS,
    ZONE_CITY,
    ZONES,
    Question,
    Summary,
)
from storage.models import Team
from views.formatting import weekday_name, weekday_names
from views.keyboards import SetupAnswer
from views.values import format_target

Rows = list[list[InlineKeyboardButton]]


def _button(text: str, step: str, action: str, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=SetupAnswer(step=step, action=action, value=value).pack()
    )


def zone_label(zone: str, texts: Texts) -> str:
    """``Владивосток (Asia/Vladivostok)`` for a zone with a button, else the IANA name."""
    city = ZONE_CITY.get(zone)
    return f"{texts(f'setup_zone_{city}')} ({zone})" if city else zone


def language_label(language: str, texts: Texts) -> str:
    return texts(f"setup_language_{language}")


def plan_lines(plan: dict[str, Target], texts: Texts) -> Html:
    return Html(
        "\n".join(
            texts("setup_plan_line", metric=texts.metric(m), target=format_target(t, texts))
            for m, t in plan.items()
        )
    )


def _nav(step: str, texts: Texts, *, back: bool = True, skip: bool = True) -> list:
    row = []
    if back:
        row.append(_button(texts("setup_button_back"), step, "back"))
    if skip:
        row.append(_button(texts("setup_button_skip"), step, "skip"))
    return row


def question_view(
    question: Question,
    texts: Texts,
    *,
    links: dict[str, str] | None = None,
    days: tuple[int, ...] | None = None,
) -> tuple[Html, InlineKeyboardMarkup]:
    """The question of ``question.step``: its text (the default stated) and its buttons.
    ``links`` are the invite links per role (team step); ``days`` the working days toggled
    so far (workdays step; the team's by default)."""
    team, step = question.team, question.step
    header = texts("setup_header", number=question.number, total=question.total)
    rows: Rows = []
    if question.metric is not None:
        body = texts(
            "setup_plan_target",
            metric=texts.metric(question.metric),
            target=format_target(question.plan[question.metric], texts),
        )
        rows.append([_button(texts("setup_button_back"), "plan", "back")])
    elif step == "name":
        body = texts("setup_name", name=team.name)
        rows.append(_nav(step, texts, back=False))
    elif step == "language":
        body = texts("setup_language", language=language_label(team.language, texts))
        rows.append(
            [
                _button(texts("setup_language_button_ru"), step, "pick", "ru"),
                _button(texts("setup_language_button_en"), step, "pick", "en"),
            ]
        )
        rows.append(_nav(step, texts))
    elif step == "timezone":
        body = texts("setup_timezone", zone=zone_label(team.timezone, texts))
        buttons = [_button(texts(f"setup_zone_{city}"), step, "pick", zone) for city, zone in ZONES]
        rows += [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
        rows.append(_nav(step, texts))
    elif step == "workdays":
        chosen = team.workdays if days is None else days
        body = texts(
            "setup_workdays",
            chosen=weekday_names(chosen, texts.language) or "—",
            workdays=weekday_names(team.workdays, texts.language),
        )
        rows.append(
            [
                _button(
                    ("✅ " if day in chosen else "")
                    + weekday_name(day, texts.language).capitalize(),
                    step,
                    "toggle",
                    "".join(str(d) for d in sorted(set(chosen) ^ {day})),
                )
                for day in range(1, 8)
            ]
        )
        rows.append([_button(texts("setup_button_done"), step, "pick", "".join(map(str, chosen)))])
        rows.append(_nav(step, texts))
    elif step == "digest_time":
        body = texts(
            "setup_digest_time", zone=zone_label(team.timezone, texts), time=team.digest_time
        )
        # callback data cannot carry ":": "18:30" goes as "1830"
        rows.append([_button(at, step, "pick", at.replace(":", "")) for at in DIGEST_TIMES])
        rows.append(_nav(step, texts))
    elif step == "plan":
        body = texts("setup_plan", lines=plan_lines(question.plan, texts))
        rows.append([_button(texts("setup_button_accept"), step, "accept")])
        rows += [
            [_button(texts("setup_button_edit", metric=texts.metric(m)), step, "edit", m)]
            for m in PLAN_METRICS
        ]
        rows.append(_nav(step, texts))
    elif step == "sources":
        names = ", ".join(s.name for s in question.sources)
        current = (
            texts("setup_sources_current", sources=names) if names else texts("setup_sources_none")
        )
        body = texts("setup_sources", current=current)
        rows.append(_nav(step, texts))
    else:  # the team step
        invite_lines = Html(
            "\n".join(
                texts(
                    "setup_invite_line",
                    role=texts.role(invite.role),
                    link=Raw((links or {}).get(invite.code, "")),
                )
                for invite in question.invites
            )
        )
        chat = texts("setup_team_chat_set" if team.manager_chat_id else "setup_team_chat_unset")
        body = texts("setup_team", invites=invite_lines, chat=chat)
        rows.append(_nav(step, texts))
    return Html(f"{header}\n{body}"), InlineKeyboardMarkup(inline_keyboard=rows)


def saved_text(step: str, team: Team, texts: Texts, *, metric: str | None = None) -> Html:
    """What the answer to ``step`` saved, as the team now has it."""
    if metric is not None:
        return texts("setup_saved_target", metric=texts.metric(metric))
    values: dict[str, object] = {
        "name": {"name": team.name},
        "language": {"language": language_label(team.language, texts)},
        "timezone": {"zone": zone_label(team.timezone, texts)},
        "workdays": {"workdays": weekday_names(team.workdays, texts.language)},
        "digest_time": {"time": team.digest_time},
    }.get(step, {})
    return texts(f"setup_saved_{step}", **values)  # type: ignore[arg-type]


def summary_text(summary: Summary, texts: Texts) -> Html:
    """The closing summary: every value the setup sets, with the command that changes it."""
    team = summary.team
    sources = ", ".join(s.name for s in summary.sources)
    lines = [
        texts("setup_summary_title", team=team.name),
        texts("setup_summary_language", language=language_label(team.language, texts)),
        texts("setup_summary_timezone", zone=zone_label(team.timezone, texts)),
        texts("setup_summary_workdays", workdays=weekday_names(team.workdays, texts.language)),
        texts("setup_summary_digest", time=team.digest_time),
        texts("setup_summary_plan", lines=plan_lines(summary.plan, texts)),
        texts("setup_summary_sources", sources=sources)
        if sources
        else texts("setup_summary_sources_none"),
        texts("setup_summary_invites", count=summary.invites),
        texts("setup_summary_chat_set" if team.manager_chat_id else "setup_summary_chat_unset"),
        "",
        texts("setup_summary_footer"),
    ]
    return Html("\n".join(lines))


def revisit_keyboard(texts: Texts) -> InlineKeyboardMarkup:
    """A finished setup: start it over (the current values stay as the defaults)."""
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(texts("setup_button_again"), "done", "again")]]
    )
