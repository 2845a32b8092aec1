"""The metric registry: every metric of the contract, its kind, roles and one name per language.

One entry per metric key of the contract (the keys of the JSON report, in the
report's order), plus ``pace_forecast`` of the plans (shown by ``/today``,
never exported). A surface that shows a metric (a reply, a chart,
a digest, a CSV/XLSX header meant for people, the web board) takes its name
from here and formats its value by its :attr:`Metric.kind` (see
``views.formatting``): one metric is called one thing everywhere.

The Russian names follow the article's wording ("звонки от 60 с" for its
"звонков от 60 секунд"), begin with a lower-case letter (a name is put inside
sentences and after a colon), and are at most :data:`MAX_NAME_LENGTH`
characters, so a chart can print them on one or two lines. The hunter's twins
of the SDR metrics (the ``_as_hunter`` keys) carry "(хантер)" / "(hunter)".
The definitions for people are in ``docs/metrics.md``.

Pure: no aiogram, no SQLAlchemy, no asyncio.

>>> metric("conv_set_to_held").kind, name("conv_set_to_held", "ru")
('ratio', 'назначена → проведена')
>>> [entry.key for entry in main_indicators()]
['meetings_held', 'payments']
>>> name("calls_60", "en"), "farmer" in metric("calls_60").roles
('calls of 60 s+', True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from metrics.grammar import METRIC_WORDS, fold

__all__ = [
    "KINDS",
    "LANGUAGES",
    "MAX_NAME_LENGTH",
    "METRICS",
    "REPORT_KEYS",
    "ROLES",
    "Kind",
    "Metric",
    "for_role",
    "main_indicators",
    "metric",
    "metric_named",
    "name",
]

Kind = Literal["count", "minutes", "ratio", "money", "days"]

KINDS: tuple[str, ...] = ("count", "minutes", "ratio", "money", "days")
"""What a value is, and so how it is written:

- ``count``: a number of records (whole; a forecast of a count may have a fraction);
- ``minutes``: minutes, one decimal (``minutes_on_line``);
- ``ratio``: a fraction (0.25), shown as a percent (25,0 %); ``None`` when undefined;
- ``money``: an amount in the team's currency;
- ``days``: days, one decimal (``sales_cycle_days_as_hunter``).
"""

ROLES: tuple[str, ...] = ("sdr", "hunter", "farmer")
"""The roles a metric belongs to (a manager sees them all)."""

LANGUAGES: tuple[str, ...] = ("ru", "en")
"""The languages every metric has a name in."""

MAX_NAME_LENGTH = 30
"""The longest display name, in characters. Most names are at most 25; the
longest are the hunter's twins with "(хантер)". A chart wraps a label to two
lines of about 17 characters (the plan-vs-fact chart's narrowest column)."""

_SDR: tuple[str, ...] = ("sdr",)
_HUNTER: tuple[str, ...] = ("hunter",)
_FARMER: tuple[str, ...] = ("farmer",)


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric of the contract.

    ``key``: the stable identifier of the JSON/CSV exports. ``kind``: one of
    :data:`KINDS`. ``roles``: the views of :data:`ROLES` it belongs to
    (docs/metrics.md, "Roles"). ``main``: one of the article's main indicators
    (the SDR's ``meetings_held``, the business's ``payments``). ``names``: the
    one display name per language of :data:`LANGUAGES`. ``per_source``: also
    given per lead source (the ``by_source`` part of the report). ``exported``: a key of the
    JSON/CSV report. ``pace_forecast`` is not: it is the forecast of a planned
    metric, shown by ``/today`` and written in that metric's kind
    (``format_metric(line.metric, line.forecast, ...)``); its own kind,
    ``count``, is that of the article's planned metrics.
    """

    key: str
    kind: Kind
    roles: tuple[str, ...]
    names: Mapping[str, str] = field(hash=False)
    main: bool = False
    per_source: bool = False
    exported: bool = True

    def name(self, language: str) -> str:
        """The display name in ``language`` (``ru`` or ``en``); KeyError for another one."""
        return self.names[language]


def _metric(
    key: str,
    kind: Kind,
    roles: tuple[str, ...],
    ru: str,
    en: str,
    *,
    main: bool = False,
    per_source: bool = False,
    exported: bool = True,
) -> Metric:
    return Metric(
        key=key,
        kind=kind,
        roles=roles,
        names=MappingProxyType({"ru": ru, "en": en}),
        main=main,
        per_source=per_source,
        exported=exported,
    )


_ENTRIES: tuple[Metric, ...] = (
    # The SDR: the article's table (1, 1.1, 2-12). Calls are contacts for a farmer too.
    _metric("calls_60", "count", ("sdr", "farmer"), "звонки от 60 с", "calls of 60 s+"),
    _metric("minutes_on_line", "minutes", _SDR, "минуты на линии", "minutes on the line"),
    _metric("leads_new", "count", _SDR, "новые лиды", "new leads", per_source=True),
    _metric("leads_targeted", "count", _SDR, "целевые лиды", "targeted leads", per_source=True),
    _metric(
        "leads_non_targeted",
        "count",
        _SDR,
        "нецелевые лиды",
        "non-targeted leads",
        per_source=True,
    ),
    _metric("meetings_set", "count", _SDR, "назначенные встречи", "meetings set", per_source=True),
    _metric(
        "meetings_confirmed",
        "count",
        _SDR,
        "подтверждённые встречи",
        "meetings confirmed",
        per_source=True,
    ),
    _metric(
        "meetings_held",
        "count",
        _SDR,
        "проведённые встречи",
        "meetings held",
        main=True,
        per_source=True,
    ),
    _metric("conv_call_to_set", "ratio", _SDR, "звонок → встреча", "call → meeting"),
    _metric(
        "conv_set_to_confirmed",
        "ratio",
        _SDR,
        "назначена → подтверждена",
        "set → confirmed",
        per_source=True,
    ),
    _metric(
        "conv_confirmed_to_held",
        "ratio",
        _SDR,
        "подтверждена → проведена",
        "confirmed → held",
        per_source=True,
    ),
    _metric(
        "conv_set_to_held", "ratio", _SDR, "назначена → проведена", "set → held", per_source=True
    ),
    _metric(
        "conv_held_to_paid", "ratio", _SDR, "проведена → оплачена", "held → paid", per_source=True
    ),
    # The SDR: the contract's "Also".
    _metric("calls_total", "count", ("sdr", "farmer"), "все звонки", "all calls"),
    _metric(
        "meetings_cancelled",
        "count",
        _SDR,
        "отменённые встречи",
        "meetings cancelled",
        per_source=True,
    ),
    _metric("meetings_no_show", "count", _SDR, "неявки на встречи", "no-shows", per_source=True),
    _metric("meetings_paid", "count", _SDR, "оплаченные встречи", "meetings paid", per_source=True),
    _metric("payments", "count", _SDR, "оплаты", "payments", main=True, per_source=True),
    _metric("revenue", "money", _SDR, "выручка", "revenue", per_source=True),
    _metric("avg_check", "money", _SDR, "средний чек", "average check", per_source=True),
    _metric(
        "targeted_share",
        "ratio",
        _SDR,
        "доля целевых лидов",
        "share of targeted leads",
        per_source=True,
    ),
    # The hunter: credited to the meeting's hunter.
    _metric(
        "meetings_held_as_hunter",
        "count",
        _HUNTER,
        "проведённые встречи (хантер)",
        "meetings held (hunter)",
    ),
    _metric(
        "meetings_paid_as_hunter",
        "count",
        _HUNTER,
        "оплаченные встречи (хантер)",
        "meetings paid (hunter)",
    ),
    _metric("payments_as_hunter", "count", _HUNTER, "оплаты (хантер)", "payments (hunter)"),
    _metric("revenue_as_hunter", "money", _HUNTER, "выручка (хантер)", "revenue (hunter)"),
    _metric(
        "avg_check_as_hunter",
        "money",
        _HUNTER,
        "средний чек (хантер)",
        "average check (hunter)",
    ),
    _metric(
        "conv_held_to_paid_as_hunter",
        "ratio",
        _HUNTER,
        "проведена → оплачена (хантер)",
        "held → paid (hunter)",
    ),
    _metric(
        "sales_cycle_days_as_hunter",
        "days",
        _HUNTER,
        "цикл сделки, дней",
        "sales cycle, days",
    ),
    _metric("proposals", "count", _HUNTER, "отправленные КП", "proposals sent"),
    # The farmer: repeat sales to existing clients.
    _metric("repeat_payments", "count", _FARMER, "повторные продажи", "repeat sales"),
    _metric("repeat_revenue", "money", _FARMER, "выручка повторных продаж", "repeat sales revenue"),
    _metric(
        "repeat_avg_check",
        "money",
        _FARMER,
        "средний чек повторных продаж",
        "repeat sales average check",
    ),
    _metric("active_clients", "count", _FARMER, "активные клиенты", "active clients"),
    # Plans: the pace forecast of a planned metric, in that metric's units.
    _metric(
        "pace_forecast",
        "count",
        ROLES,
        "прогноз на период",
        "forecast for the period",
        exported=False,
    ),
)

METRICS: tuple[Metric, ...] = _ENTRIES
"""Every entry, in the report's order (the JSON keys), ``pace_forecast`` last."""

REPORT_KEYS: tuple[str, ...] = tuple(entry.key for entry in METRICS if entry.exported)
"""The keys of the JSON/CSV report, in its order."""

_BY_KEY: MappingProxyType[str, Metric] = MappingProxyType({entry.key: entry for entry in METRICS})


def metric(key: str) -> Metric:
    """The entry of ``key``; KeyError (naming the key) for a key that is not a metric.

    >>> metric("revenue").kind
    'money'
    """
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"not a metric key: {key!r}") from None


def name(key: str, language: str) -> str:
    """The display name of ``key`` in ``language`` (``ru`` or ``en``).

    >>> name("minutes_on_line", "ru"), name("minutes_on_line", "en")
    ('минуты на линии', 'minutes on the line')
    """
    return metric(key).name(language)


def for_role(role: str) -> tuple[Metric, ...]:
    """The exported metrics of ``role`` (``sdr``, ``hunter`` or ``farmer``), in report order.

    The role's own view: the SDR's unsuffixed meeting and payment metrics use
    setter attribution, the hunter's ``_as_hunter`` ones hunter attribution.
    ValueError for an unknown role.

    >>> [entry.key for entry in for_role("farmer")]  # doctest: +NORMALIZE_WHITESPACE
    ['calls_60', 'calls_total', 'repeat_payments', 'repeat_revenue', 'repeat_avg_check',
     'active_clients']
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}, expected one of {ROLES}")
    return tuple(entry for entry in METRICS if entry.exported and role in entry.roles)


def main_indicators() -> tuple[Metric, ...]:
    """The article's main indicators: the SDR's ``meetings_held`` (of the meetings they
    set, held by a hunter) and the business's ``payments`` (from meetings set by SDRs)."""
    return tuple(entry for entry in METRICS if entry.main)


def _named() -> dict[str, str]:
    """Folded key, name in each language and every word of :data:`METRIC_WORDS` -> key."""
    found = dict(METRIC_WORDS)
    for entry in METRICS:
        if entry.exported:
            found.update({fold(entry.name(language)): entry.key for language in LANGUAGES})
            found[entry.key] = entry.key
    return found


_NAMED: MappingProxyType[str, str] = MappingProxyType(_named())


def metric_named(text: str) -> str | None:
    """The exported metric ``text`` names: its key, its name in either language, or a word
    people use for it (``metrics.grammar.METRIC_WORDS``); case, ``ё`` and spacing do not
    matter. None for anything else (``pace_forecast`` is not a metric one asks for).

    >>> metric_named("calls_60"), metric_named("Проведённые  встречи"), metric_named("set → held")
    ('calls_60', 'meetings_held', 'conv_set_to_held')
    >>> metric_named("звонки"), metric_named("pace_forecast") is None
    ('calls_60', True)
    """
    return _NAMED.get(fold(text))
