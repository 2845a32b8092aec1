"""/diagnose and the digest's "what to check" as people read them: each finding's
situation, subject, numbers now vs baseline, the checks in order and the step that broke;
the chart of that step; the drill-down by rep and by source."""

from __future__ import annotations

from matplotlib.figure import Figure

from bot.i18n import Html, Texts, plain_text
from metrics.diagnosis import Comparison, Diagnosis, Finding, Report, Subject
from metrics.periods import Period
from services.diagnosis import ChartRow, Diagnosed, SubjectDiagnosis, baseline_count, chart_rows
from views import charts
from views.formatting import format_metric, format_percent

RATIO_METRICS = frozenset(
    {
        "conv_held_to_paid",
        "conv_set_to_held",
        "conv_set_to_confirmed",
        "conv_confirmed_to_held",
        "targeted_share",
    }
)
DIGEST_FINDINGS = 3


def subject_name(subject: Subject, texts: Texts) -> str:
    if subject.kind == "team":
        return texts("diag_subject_team")
    if subject.kind == "source":
        if subject.name is None:  # not "источник без источника"
            return texts("diag_subject_no_source")
        return texts("diag_subject_source", source=subject.name)
    return subject.name or "?"


def planned(number: float | None) -> float:
    """A count against a plan, as a number (to one decimal) so the text can choose the
    plural form of its noun: "Назначены 2 встречи", "Назначено 5 встреч"."""
    return round(number or 0.0, 1)


def value(metric: str, number: float | None, texts: Texts) -> str:
    """A diagnosed metric's value (diagnosis watches counts and conversions, never money)."""
    return format_metric(metric, number, texts.language)


def compared(c: Comparison, texts: Texts) -> Html:
    """``назначена → проведена 7,0 % (база 33,0 %, -80,0 %)``"""
    change = (
        "" if c.change is None else ", " + format_percent(c.change, texts.language, signed=True)
    )
    base = texts("diag_vs_team") if c.against == "team" else texts("diag_vs_own")
    return texts(
        "diag_compared",
        metric=texts.metric(c.metric),
        now=value(c.metric, c.now, texts),
        base=base,
        baseline=value(c.metric, c.baseline, texts),
        change=change,
        low=" ⬇" if c.fell else "",
    )


def finding_text(finding: Finding, number: int, texts: Texts) -> str:
    """One finding in full: situation, subject, the numbers, the checks in order, the step."""
    lines = [
        texts(
            "diag_finding",
            number=number,
            situation=texts(f"diag_situation_{finding.situation}"),
            subject=subject_name(finding.subject, texts),
        )
    ]
    if finding.trigger == "behind_plan":
        lines.append(
            texts(
                "diag_behind_plan",
                now=planned(finding.indicator.now),
                plan=planned(finding.plan_lower),
            )
        )
    else:
        lines.append(texts("diag_fell", what=compared(finding.indicator, texts)))
    if finding.gate is not None:
        lines.append(texts("diag_normal", what=compared(finding.gate, texts)))
    lines.append(texts("diag_checks"))
    for check in finding.checks:
        if check.code == "listen_calls":
            lines.append(texts("diag_check_listen", n=check.number))
            continue
        if check.code == "sources":
            parts = [
                texts(
                    "diag_source_part",
                    source=c.subject.name if c.subject and c.subject.name else texts("no_source"),
                    now=value(c.metric, c.now, texts),
                    baseline=value(c.metric, c.baseline, texts),
                    low=" ⬇" if c.fell else "",
                )
                for c in check.comparisons
                if c.now is not None  # no such meetings from that source now
            ]
            body = Html("; ".join(parts)) if parts else texts("diag_no_sources")
            lines.append(texts("diag_check_sources", n=check.number, sources=body))
            continue
        verdict = texts("diag_low") if check.low else ""
        lines.append(
            texts(
                "diag_check",
                n=check.number,
                name=texts(f"diag_checkname_{check.code}"),
                what=Html("; ".join(compared(c, texts) for c in check.comparisons))
                if check.comparisons
                else "—",
                verdict=verdict,
            )
        )
    if finding.step is not None:
        lines.append(texts("diag_step", step=texts(f"diag_step_{finding.step}")))
    return "\n".join(lines)


def digest_lines(report: Report, texts: Texts) -> list[str]:
    """At most three findings, one line each, for the digest (none: no section)."""
    lines = []
    for finding in report.findings[:DIGEST_FINDINGS]:
        if finding.trigger == "behind_plan":
            numbers = texts(
                "diag_line_plan",
                now=planned(finding.indicator.now),
                plan=planned(finding.plan_lower),
            )
        else:
            numbers = compared(finding.indicator, texts)
        lines.append(
            texts(
                "diag_digest_line",
                subject=subject_name(finding.subject, texts),
                situation=texts(f"diag_situation_{finding.situation}"),
                numbers=numbers,
            )
        )
    if lines:
        more = len(report.findings) - len(lines)
        lines.insert(0, texts("diag_digest_title"))
        lines.append(texts("diag_digest_more", more=more) if more > 0 else texts("diag_digest_see"))
    return lines


def status_text(diagnosis: Diagnosis, texts: Texts) -> str:
    """A subject without findings: fine (with its main numbers) or not enough data."""
    name = subject_name(diagnosis.subject, texts)
    if diagnosis.status == "thin":
        return texts("diag_thin", subject=name)
    numbers = "\n".join(compared(c, texts) for c in diagnosis.watched if c.judged)
    return texts("diag_fine", subject=name, numbers=numbers)


def _baseline_label(diagnosed: Diagnosed, finding: Finding, texts: Texts) -> str:
    """What the grey bar is: "в среднем за 4 прошлые недели" (the same days of them while
    the period runs)."""
    whole = diagnosed.current == diagnosed.period
    message = "diag_chart_baseline" if whole else "diag_chart_baseline_days"
    count = baseline_count(diagnosed, finding.subject)
    return plain_text(texts(message, kind=diagnosed.period.kind, count=count))


def _row(row: ChartRow, texts: Texts) -> charts.Compared:
    name = texts.metric(row.metric)
    if row.instead_of is not None:
        name = plain_text(texts("diag_chart_counts", metric=name))
    if row.source is not None:
        name += f" · {row.source.name or texts('no_source')}"
    reference = "team" if row.against == "team" else "baseline"
    bars = [("now", row.now)]
    if row.plan is not None:
        bars.append(("plan", row.plan))
    bars.append((reference, row.baseline))
    return charts.Compared(
        charts.capitalized(name),
        tuple(bars),
        percent=row.metric in RATIO_METRICS,
        optional=row.source is not None,
        # the two counts of one conversion are compared with each other: one scale
        group=None if row.instead_of is None else f"{row.instead_of} {row.source}",
    )


def finding_figure(diagnosed: Diagnosed, finding: Finding, texts: Texts) -> Figure:
    """The finding's chart, titled with its situation and subject, the period and the
    baseline under the title: its numbers now vs what they are compared with (the
    indicator, against the plan too when it is behind plan; the gate; the checks'
    numbers). A conversion that is not a share is drawn as its two counts, and the chart
    says why (:func:`services.diagnosis.chart_rows`)."""
    title = texts(
        "diag_chart_title",
        situation=texts(f"diag_situation_{finding.situation}"),
        subject=subject_name(finding.subject, texts),
    )
    rows = chart_rows(diagnosed, finding)
    baseline = _baseline_label(diagnosed, finding, texts)
    notes = [plain_text(texts("diag_chart_scales"))]
    for why in ("period", "never"):
        replaced = dict.fromkeys(r.instead_of for r in rows if r.why == why and r.instead_of)
        if replaced:
            names = ", ".join(texts.metric(metric) for metric in replaced)
            notes.append(plain_text(texts(f"diag_chart_not_share_{why}", metrics=names)))
    return charts.comparison_figure(
        [_row(row, texts) for row in rows],
        language=texts.language,
        title=plain_text(title),
        subtitle=plain_text(
            texts(
                "diag_chart_subtitle",
                period=diagnosed.current.label(texts.language),
                baseline=Period.between(
                    diagnosed.baseline[-1].start, diagnosed.baseline[0].end
                ).label(texts.language),
            )
        ),
        legend={
            "now": plain_text(texts("diag_chart_now")),
            "plan": plain_text(texts("diag_chart_plan")),
            "baseline": baseline,
            "team": plain_text(texts("diag_chart_team", baseline=baseline)),
        },
        notes=notes,
        more_note=lambda count: plain_text(texts("diag_chart_more", count=count)),
    )


def drill_down_text(diagnosed: Diagnosed, view: str, texts: Texts) -> str:
    kind = "member" if view == "reps" else "source"
    lines = [
        texts(
            f"diag_drill_{view}",
            period=diagnosed.current.label(texts.language),
        )
    ]
    for diagnosis in diagnosed.report.diagnoses:
        if diagnosis.subject.kind != kind:
            continue
        name = subject_name(diagnosis.subject, texts)
        if diagnosis.status == "thin":
            lines.append(texts("diag_drill_thin", subject=name))
            continue
        numbers = " · ".join(
            texts(
                "diag_drill_number",
                metric=texts.metric(c.metric),
                now=value(c.metric, c.now, texts),
                baseline=value(c.metric, c.baseline, texts),
                low=" ⬇" if c.fell else "",
            )
            for c in diagnosis.watched
        )
        lines.append(
            texts(
                "diag_drill_line",
                mark="🔴" if diagnosis.status == "finding" else "🟢",
                subject=name,
                numbers=Html(numbers),
            )
        )
    if len(lines) == 1:
        lines.append(texts("diag_drill_empty"))
    return "\n".join(lines)


def diagnose_text(answer: SubjectDiagnosis, label: str, texts: Texts) -> str:
    """/diagnose: the header (what is compared with what), then the findings, or how the
    subject is doing without any."""
    diagnosed = answer.diagnosed
    header = texts(
        "diag_header",
        subject=label,
        period=diagnosed.current.label(texts.language),
        baseline=len(diagnosed.baseline),
        first=diagnosed.baseline[-1].label(texts.language),
        last=diagnosed.baseline[0].label(texts.language),
    )
    parts = [header]
    if answer.findings:
        parts += [finding_text(f, i, texts) for i, f in enumerate(answer.findings, start=1)]
    elif not answer.everyone:
        parts.append(
            status_text(answer.own, texts)
            if answer.own is not None
            else texts("diag_thin", subject=label)
        )
    else:
        thin = answer.own is not None and answer.own.status == "thin"
        parts.append(texts("diag_all_thin") if thin else texts("diag_all_fine"))
    return "\n\n".join(parts)


def top_finding_png(diagnosed: Diagnosed, finding: Finding, texts: Texts) -> bytes:
    """The PNG of :func:`finding_figure` (run it in the chart thread)."""
    return charts.render_png(finding_figure(diagnosed, finding, texts))
