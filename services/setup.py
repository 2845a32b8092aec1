"""The /setup wizard as data: which step comes next, the defaults, the validation of typed
answers, and saving an answer together with the step it advances to.

The team's progress is ``teams.setup_step`` (None: never started; ``"done"``; else the
step to resume at), so leaving half-way loses nothing and a restart resumes. Every
answer is stored exactly as the command that changes it stores it (``/timezone``,
``/workdays``, ``/settime digest``, ``/setplan sdr ...``, ``/source add|alias``,
``/invite``, ``/setchat``), in one transaction with the step it advances to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from bot.settings import check_timezone, parse_hhmm, zone_name
from metrics.plans import ARTICLE_SDR_PLAN, PlanError, PlanRule, Target, parse_target
from storage.models import ROLES, Invite, Member, Team
from storage.plans import PlansRepo
from storage.repos import InvitesRepo, TeamsRepo
from storage.sources import Source, SourceError, SourcesRepo
from storage.unit import UnitOfWork

STEPS: tuple[str, ...] = (
    "name",
    "language",
    "timezone",
    "workdays",
    "digest_time",
    "plan",
    "sources",
    "team",
)
DONE = "done"
FIRST = STEPS[0]
# "plan:calls_60": the plan step, waiting for one metric's target to be typed
PLAN_EDIT = "plan:"
# the steps whose answer may be typed (the others are answered with buttons)
TYPED = frozenset({"name", "timezone", "digest_time", "sources"})

# the common Russian zones, west to east: (the catalog key of the city, the IANA name)
ZONES: tuple[tuple[str, str], ...] = (
    ("kaliningrad", "Europe/Kaliningrad"),
    ("moscow", "Europe/Moscow"),
    ("samara", "Europe/Samara"),
    ("yekaterinburg", "Asia/Yekaterinburg"),
    ("omsk", "Asia/Omsk"),
    ("novosibirsk", "Asia/Novosibirsk"),
    ("krasnoyarsk", "Asia/Krasnoyarsk"),
    ("irkutsk", "Asia/Irkutsk"),
    ("yakutsk", "Asia/Yakutsk"),
    ("vladivostok", "Asia/Vladivostok"),
    ("magadan", "Asia/Magadan"),
    ("kamchatka", "Asia/Kamchatka"),
)
ZONE_CITY = {zone: city for city, zone in ZONES}
DIGEST_TIMES: tuple[str, ...] = ("18:00", "18:30", "19:00", "19:30", "20:00")
PLAN_ROLE = "sdr"  # the wizard offers the article's SDR plan
PLAN_METRICS: tuple[str, ...] = tuple(ARTICLE_SDR_PLAN)
INVITE_ROLES: tuple[str, ...] = tuple(role for role in ROLES if role != "manager")
MAX_TEAM_NAME = 100


class SetupError(ValueError):
    """A typed answer the wizard cannot take; ``code`` is a catalog key's tail, ``values``
    what the text shows. Nothing was saved."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


# --- the steps ---------------------------------------------------------------------------


def base_step(step: str | None) -> str | None:
    """``"plan:calls_60"`` -> ``"plan"``; any other step as it is."""
    if step is not None and step.startswith(PLAN_EDIT):
        return "plan"
    return step


def editing_metric(step: str | None) -> str | None:
    """The metric whose target is being typed at ``"plan:<metric>"``, else None."""
    if step is not None and step.startswith(PLAN_EDIT):
        metric = step.removeprefix(PLAN_EDIT)
        return metric if metric in PLAN_METRICS else None
    return None


def in_progress(step: str | None) -> bool:
    return base_step(step) in STEPS


def takes_text(step: str | None) -> bool:
    """Is a typed message (not a command) the answer to the team's current step?"""
    return step in TYPED or editing_metric(step) is not None


def next_step(step: str) -> str:
    index = STEPS.index(base_step(step))  # type: ignore[arg-type]
    return STEPS[index + 1] if index + 1 < len(STEPS) else DONE


def previous_step(step: str) -> str:
    """The step "Back" returns to (from a plan target being typed: the plan itself)."""
    if editing_metric(step) is not None:
        return "plan"
    index = STEPS.index(base_step(step))  # type: ignore[arg-type]
    return STEPS[max(index - 1, 0)]


def step_number(step: str) -> int:
    """1 for the first step."""
    return STEPS.index(base_step(step)) + 1  # type: ignore[arg-type]


# --- typed answers -----------------------------------------------------------------------


def parse_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise SetupError("name_empty")
    if len(name) > MAX_TEAM_NAME:
        raise SetupError("name_long", limit=MAX_TEAM_NAME)
    return name


def parse_zone(text: str) -> str:
    """An IANA name, validated as /timezone validates it (``asia/vladivostok`` works too)."""
    word = text.strip()
    try:
        if not word or len(word.split()) != 1:
            raise ValueError(word)
        return check_timezone(zone_name(word))
    except ValueError:
        raise SetupError("zone_unknown", zone=word[:64]) from None


def parse_time(text: str) -> str:
    """``"18:30"`` (or ``"9:05"``) as stored: ``"HH:MM"``."""
    try:
        return parse_hhmm(text.strip()).strftime("%H:%M")
    except ValueError:
        raise SetupError("time_bad", value=text.strip()[:32]) from None


def parse_plan_target(text: str) -> Target:
    """``80-100`` or ``90``, as /setplan reads it."""
    try:
        return parse_target(text.strip())
    except PlanError as error:
        raise SetupError("target_bad", value=text.strip()[:32]) from error


@dataclass(frozen=True, slots=True)
class SourceLine:
    name: str
    aliases: tuple[str, ...] = ()


_SEPARATORS = re.compile(r"[,;]")


def parse_sources(text: str) -> list[SourceLine]:
    """Sources typed as a list: one per line or separated by commas; a line
    ``name = alias, alias`` names one source with its aliases.

    >>> parse_sources("Сайт, Авито\\nЯндекс = yandex, я.директ")
    [SourceLine(name='Сайт', aliases=()), SourceLine(name='Авито', aliases=()), \
SourceLine(name='Яндекс', aliases=('yandex', 'я.директ'))]
    """
    found: list[SourceLine] = []
    for line in text.splitlines():
        if "=" in line:
            name, _, rest = line.partition("=")
            aliases = tuple(a.strip() for a in _SEPARATORS.split(rest) if a.strip())
            if not name.strip():
                raise SetupError("sources_no_name", line=line.strip()[:64])
            found.append(SourceLine(name.strip(), aliases))
        else:
            found += [SourceLine(n.strip()) for n in _SEPARATORS.split(line) if n.strip()]
    if not found:
        raise SetupError("sources_empty")
    return found


def parse_days(value: str) -> tuple[int, ...]:
    """``"12345"`` (a button's working days) -> ``(1, 2, 3, 4, 5)``; at least one day."""
    if not value or not set(value) <= set("1234567"):
        raise SetupError("no_days")
    return tuple(sorted({int(ch) for ch in value}))


LANGUAGES: tuple[str, ...] = ("ru", "en")


def parse_typed(step: str, text: str) -> object:
    """A typed answer to ``step`` (one of the steps that take text), parsed and validated;
    raises SetupError."""
    if editing_metric(step) is not None:
        return parse_plan_target(text)
    parsers = {
        "name": parse_name,
        "timezone": parse_zone,
        "digest_time": parse_time,
        "sources": parse_sources,
    }
    return parsers[step](text)


def parse_pick(step: str, value: str) -> object:
    """A button's answer to ``step``, checked as a typed one would be (callback data can be
    forged); raises SetupError."""
    if step == "language":
        if value not in LANGUAGES:
            raise SetupError("language_unknown")
        return value
    if step == "timezone":
        return parse_zone(value)
    if step == "workdays":
        return parse_days(value)
    if step == "digest_time":  # "1830": a button's time (callback data has no ":")
        return parse_time(f"{value[:2]}:{value[2:]}" if len(value) == 4 else value)
    raise SetupError("not_a_choice")


# --- what a question shows ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Question:
    """The team's current step and what its question shows (the current values are the
    defaults)."""

    step: str
    team: Team
    plan: dict[str, Target] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    invites: tuple[Invite, ...] = ()

    @property
    def number(self) -> int:
        return step_number(self.step)

    @property
    def total(self) -> int:
        return len(STEPS)

    @property
    def metric(self) -> str | None:
        return editing_metric(self.step)


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything the setup set, for the closing message."""

    team: Team
    plan: dict[str, Target]
    sources: tuple[Source, ...]
    invites: int  # active invite links


async def _team(uow: UnitOfWork, team_id: int) -> Team:
    async with uow.read() as conn:
        team = await TeamsRepo(conn).get(team_id)
    assert team is not None
    return team


def _plan_of(rules: list[PlanRule]) -> dict[str, Target]:
    """The SDR plan the team has (the article's target where a metric has no rule)."""
    plan = dict(ARTICLE_SDR_PLAN)
    for rule in rules:
        if (
            rule.metric in plan
            and rule.role == PLAN_ROLE
            and rule.member_id is None
            and rule.weekday is None
        ):
            plan[rule.metric] = rule.target
    return plan


async def current_plan(uow: UnitOfWork, team_id: int) -> dict[str, Target]:
    async with uow.read() as conn:
        return _plan_of(await PlansRepo(conn).rules(team_id))


async def begin(uow: UnitOfWork, team: Team, *, again: bool = False) -> Team:
    """Start the setup (or, ``again``, start a finished one over: the values stay as the
    defaults); an unfinished one resumes where it stopped."""
    team = await _team(uow, team.id)
    if team.setup_step is None or (again and team.setup_step == DONE):
        async with uow.write() as conn:
            await TeamsRepo(conn).set_setup_step(team.id, FIRST)
        team = await _team(uow, team.id)
    return team


async def go_to(uow: UnitOfWork, team_id: int, step: str) -> Team:
    async with uow.write() as conn:
        await TeamsRepo(conn).set_setup_step(team_id, step)
    return await _team(uow, team_id)


async def question(uow: UnitOfWork, team: Team, member: Member, invite_ttl: timedelta) -> Question:
    """The question of the team's current step. At the team step, an invite link per role
    is made (an active one is reused, so asking again makes no new links)."""
    team = await _team(uow, team.id)
    step = team.setup_step or FIRST
    if base_step(step) == "plan":
        return Question(step, team, plan=await current_plan(uow, team.id))
    if step == "sources":
        async with uow.read() as conn:
            return Question(step, team, sources=tuple(await SourcesRepo(conn).list(team.id)))
    if step == "team":
        return Question(step, team, invites=await _invites(uow, team, member, invite_ttl))
    return Question(step, team)


async def _invites(
    uow: UnitOfWork, team: Team, member: Member, ttl: timedelta
) -> tuple[Invite, ...]:
    async with uow.read() as conn:
        active = await InvitesRepo(conn).active(team.id)
    by_role: dict[str, Invite] = {}
    for invite in active:
        by_role.setdefault(invite.role, invite)
    missing = [role for role in INVITE_ROLES if role not in by_role]
    if missing:
        async with uow.write() as conn:
            repo = InvitesRepo(conn)
            for role in missing:
                by_role[role] = await repo.create(
                    team_id=team.id, role=role, created_by=member.id, ttl=ttl
                )
    return tuple(by_role[role] for role in INVITE_ROLES)


async def skip(uow: UnitOfWork, team: Team) -> Team:
    """Leave the current step's value as it is and go on."""
    return await go_to(uow, team.id, next_step(team.setup_step or FIRST))


async def save(uow: UnitOfWork, team: Team, member: Member, value: object) -> Team:
    """Store the answer to the team's current step (already parsed) and advance, in one
    transaction; the team as it is now is returned. A plan target typed for one metric
    is stored and the plan step asked again."""
    step = team.setup_step or FIRST
    metric = editing_metric(step)
    async with uow.write() as conn:
        teams = TeamsRepo(conn)
        following = next_step(step)
        if metric is not None:
            assert isinstance(value, Target)
            rule = PlanRule(metric, value, role=PLAN_ROLE)
            await PlansRepo(conn).set_rule(team.id, rule, member.id)
            following = "plan"
        elif step == "name":
            await teams.set_name(team.id, str(value))
        elif step == "language":
            await teams.set_language(team.id, str(value))
        elif step == "timezone":
            await teams.set_timezone(team.id, str(value))
        elif step == "workdays":
            await teams.set_workdays(team.id, value)  # type: ignore[arg-type]
        elif step == "digest_time":
            await teams.set_digest_time(team.id, str(value))
        elif step == "plan":
            repo = PlansRepo(conn)
            for key, target in _plan_of(await repo.rules(team.id)).items():
                await repo.set_rule(team.id, PlanRule(key, target, role=PLAN_ROLE), member.id)
        elif step == "sources":
            await _add_sources(SourcesRepo(conn), team.id, value)  # type: ignore[arg-type]
        await teams.set_setup_step(team.id, following)
    return await _team(uow, team.id)


async def _add_sources(repo: SourcesRepo, team_id: int, lines: list[SourceLine]) -> None:
    """``/source add`` for each new name and ``/source alias`` for each alias; a name or
    alias the team already has for that source is kept as it is. Raises SourceError (the
    transaction is rolled back: nothing of the list is saved)."""
    for line in lines:
        source = await repo.resolve(team_id, line.name) or await repo.add(team_id, line.name)
        for alias in line.aliases:
            known = await repo.resolve(team_id, alias)
            if known is None:
                await repo.alias(team_id, source.name, alias)
            elif known.id != source.id:
                raise SourceError("source_exists", name=alias)


async def set_chat(uow: UnitOfWork, team: Team, chat_id: int) -> bool:
    """``/setchat`` in a group: digests go there. When the setup waits at its team step,
    that step is confirmed and the setup is done: True then."""
    async with uow.write() as conn:
        teams = TeamsRepo(conn)
        await teams.set_manager_chat(team.id, chat_id)
        current = await teams.get(team.id)
        finishing = current is not None and current.setup_step == "team"
        if finishing:
            await teams.set_setup_step(team.id, DONE)
    return finishing


async def summary(uow: UnitOfWork, team_id: int) -> Summary:
    team = await _team(uow, team_id)
    async with uow.read() as conn:
        plan = _plan_of(await PlansRepo(conn).rules(team_id))
        sources = tuple(await SourcesRepo(conn).list(team_id))
        invites = len(await InvitesRepo(conn).active(team_id))
    return Summary(team, plan, sources, invites)
