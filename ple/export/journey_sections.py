"""A journey as sections of text: what its printed map shows, in reading order.

About the journey; the steps stage by stage (each step with its agency, channels,
burden, what it asks for and where the customer goes next, the handoff type in
words); the handoffs between agencies as a table; the gap findings; the sources.
Nothing is said by colour or position: a cold handoff is written "cold", an unknown
figure "not recorded".

Other parts of the tool add sections of their own to every journey's page by
appending a builder to :data:`EXTRA_SECTIONS` (an opportunity ranking, say); they
come after the findings and before the sources.
"""

from __future__ import annotations

from collections.abc import Callable

from ple.diagram.style import HANDOFF_STYLES
from ple.export.registry import ExportContext
from ple.export.sections import Link, Section, Table
from ple.gaps import Finding
from ple.model import Action, Authority, Journey, JourneyState, Step, Transition, Workspace

SectionBuilder = Callable[[ExportContext], list[Section]]

EXTRA_SECTIONS: list[SectionBuilder] = []
"""Builders of further top-level sections, in order, each given the export's context."""

NOT_RECORDED = "not recorded"
SENTIMENT = {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"}


def journey_sections(context: ExportContext) -> list[Section]:
    """Every section of the journey's text page, in reading order."""
    findings = [f for f in context.report.findings if f.journey == context.journey_id]
    sections = [
        _about(context, findings),
        _steps(context, findings),
        _handoffs(context),
        _findings(context.workspace, findings),
    ]
    for build in EXTRA_SECTIONS:
        sections += build(context)
    sources = _sources(context.journey)
    return [*sections, *([sources] if sources else [])]


def journey_intro(journey: Journey) -> list[str]:
    """The paragraphs under the title: what this page is."""
    state = (
        "a proposed future state" if journey.state is JourneyState.future else "today's experience"
    )
    return [
        f"The text version of the journey map of {journey.name} ({state}): every step, "
        "handoff and finding the map shows, in reading order, stage by stage."
    ]


def _about(context: ExportContext, findings: list[Finding]) -> Section:
    journey, workspace = context.journey, context.workspace
    facts: list[tuple[str, str]] = [("Journey id", journey.id)]
    if journey.state is JourneyState.future:
        baseline = workspace.journeys.get(journey.baseline or "")
        facts.append(
            ("State", "proposed" + (f", improving on {baseline.name}" if baseline else ""))
        )
    else:
        facts.append(("State", "today's experience"))
    for term, value in (
        ("Trigger", journey.trigger),
        ("Outcome", journey.outcome),
        ("Description", journey.description),
    ):
        if value:
            facts.append((term, value))
    if journey.lead_agency:
        facts.append(("Lead agency", _agency(workspace, journey.lead_agency)))
    if journey.volume:
        year = f" ({journey.volume.year})" if journey.volume.year else ""
        facts.append(
            ("People a year", f"{journey.volume.per_year:,}{year}, source: {journey.volume.source}")
        )
    agencies = list(dict.fromkeys(step.agency for step in journey.steps))
    facts += [
        (
            "Steps",
            f"{len(journey.steps)} at {len(agencies)} "
            f"agenc{'y' if len(agencies) == 1 else 'ies'}: "
            + ", ".join(_agency(workspace, a) for a in agencies),
        ),
        ("Handoffs between agencies", _handoff_counts(journey)),
        ("Open gap findings", str(sum(1 for f in findings if not f.accepted))),
    ]
    moments = [
        f"Step {n}: {step.name}"
        for n, step in enumerate(journey.steps, start=1)
        if step.moment_that_matters
    ]
    if moments:
        facts.append(("Moments that matter", "; ".join(moments)))
    return Section("About this journey", facts=tuple(facts), anchor="about")


def _handoff_counts(journey: Journey) -> str:
    counts: dict[str, int] = {}
    for _, transition, _ in journey.handoff_transitions():
        kind = transition.handoff.type.value if transition.handoff else "undocumented"
        counts[kind] = counts.get(kind, 0) + 1
    if not counts:
        return "none"
    return ", ".join(f"{counts[kind]} {kind}" for kind in HANDOFF_STYLES if kind in counts)


def _steps(context: ExportContext, findings: list[Finding]) -> Section:
    journey = context.journey
    stages = {stage.id: stage for stage in journey.stages}
    groups: dict[str | None, list[tuple[int, Step]]] = {stage: [] for stage in stages}
    for number, step in enumerate(journey.steps, start=1):
        groups.setdefault(step.stage if step.stage in stages else None, []).append((number, step))
    subsections = []
    for position, (stage_id, steps) in enumerate(
        ((s, g) for s, g in groups.items() if s is not None), start=1
    ):
        stage = stages[stage_id]
        subsections.append(
            Section(
                f"Stage {position} of {len(stages)}: {stage.name}",
                paragraphs=(stage.description,) if stage.description else (),
                items=() if steps else ("No step in this stage.",),
                subsections=tuple(_step(context, n, s, findings) for n, s in steps),
                anchor=f"stage-{stage_id}",
            )
        )
    loose = groups.get(None) or []
    if loose:
        subsections.append(
            Section(
                "Steps without a stage" if stages else "All steps",
                subsections=tuple(_step(context, n, s, findings) for n, s in loose),
                anchor="steps-without-a-stage",
            )
        )
    return Section(
        "Steps by stage",
        paragraphs=(
            f"{len(journey.steps)} steps, numbered in the order the journey lists them, "
            "grouped by stage.",
        ),
        subsections=tuple(subsections),
        anchor="steps",
    )


def _step(context: ExportContext, number: int, step: Step, findings: list[Finding]) -> Section:
    workspace = context.workspace
    names = {s.id: s.name for s in context.journey.steps}
    facts: list[tuple[str, str]] = [("Agency", _agency(workspace, step.agency))]
    if step.program:
        program = workspace.programs[step.program]
        facts.append(("Program", program.name))
    if step.description:
        facts.append(("What happens", step.description))
    facts += [
        (
            "Channels",
            _listed([c.value.replace("_", " ") for c in step.channels])
            if step.channels is not None
            else NOT_RECORDED,
        ),
        ("Languages", _listed(step.languages) if step.languages is not None else NOT_RECORDED),
        *_burden(step),
        (
            "Asks the customer for",
            _listed([workspace.data_items[i].name for i in step.requests]) or "nothing recorded",
        ),
    ]
    if step.forms:
        facts.append(("Forms", _listed(step.forms)))
    if step.sentiment is not None:
        facts.append(("How it feels", f"{SENTIMENT[step.sentiment]} ({step.sentiment:+d})"))
    if step.pain_points:
        facts.append(("Pain points", "; ".join(step.pain_points)))
    if step.moment_that_matters:
        facts.append(
            ("Moment that matters", f"yes: {step.moment_reason}" if step.moment_reason else "yes")
        )
    if step.touchpoints:
        facts.append(
            ("Touchpoints", _listed([workspace.touchpoints[t].name for t in step.touchpoints]))
        )
    for row, term in (
        ("frontstage", "Front stage (what the customer meets)"),
        ("backstage", "Back stage (out of sight)"),
        ("support", "Support (what makes it possible)"),
    ):
        actions = getattr(step, row)
        if actions:
            facts.append((term, "; ".join(_action(workspace, step, a) for a in actions)))
    if step.evidence is not None:
        facts.append(
            (
                "Evidence",
                step.evidence.level.value
                + (f" ({'; '.join(step.evidence.sources)})" if step.evidence.sources else ""),
            )
        )
    moves = [_move(workspace, step, t, names) for t in step.next]
    facts.append(
        (
            "Next",
            "; ".join(moves)
            if moves
            else ("the journey ends here" if step.end else "no next step recorded"),
        )
    )
    here = [
        f
        for f in findings
        if not f.accepted and (f.step == step.id or (f.transition and f.transition[1] == step.id))
    ]
    if here:
        facts.append(
            (
                "Open gap findings",
                f"{len(here)}: " + _listed(list(dict.fromkeys(f.rule for f in here))),
            )
        )
    return Section(f"Step {number}: {step.name}", facts=tuple(facts), anchor=f"step-{step.id}")


def _action(workspace: Workspace, step: Step, action: Action) -> str:
    by = workspace.agency_label(action.agency or step.agency)
    return f"{action.text} ({by}{', ' + action.system if action.system else ''})"


def _burden(step: Step) -> list[tuple[str, str]]:
    burden = step.burden
    figures = (
        ("Time", "minutes", "minutes"),
        ("Waiting", "wait_days", "days"),
        ("Cost", "cost_usd", "US dollars"),
        ("Visits", "visits", "visits in person"),
    )
    rows = []
    for term, name, unit in figures:
        value = getattr(burden, name) if burden else None
        rows.append((term, NOT_RECORDED if value is None else f"{value:g} {unit}"))
    return rows


def _move(workspace: Workspace, step: Step, move: Transition, names: dict[str, str]) -> str:
    text = f"to step '{names[move.to]}'"
    if move.handoff is not None:
        kind = move.handoff.type.value
        text += f", a {kind} handoff ({HANDOFF_STYLES[kind].meaning})"
        if move.handoff.shares:
            text += ", passing along " + _listed(
                [workspace.data_items[i].name for i in move.handoff.shares]
            )
    if move.condition:
        text += f", if {move.condition}"
    if move.share is not None:
        text += f", for {move.share:.0%} of people"
    return text


def _handoffs(context: ExportContext) -> Section:
    journey, workspace = context.journey, context.workspace
    rows = []
    for source, move, target in journey.handoff_transitions():
        handoff = move.handoff
        kind = handoff.type.value if handoff else "undocumented"
        rows.append(
            (
                source.name,
                workspace.agency_label(source.agency),
                target.name,
                workspace.agency_label(target.agency),
                f"{kind}: {HANDOFF_STYLES[kind].meaning}",
                _listed([workspace.data_items[i].name for i in handoff.shares])
                if handoff and handoff.shares
                else ("nothing" if handoff else NOT_RECORDED),
                move.condition or "",
            )
        )
    if not rows:
        return Section(
            "Handoffs between agencies",
            paragraphs=("The customer never moves from one agency to another in this journey.",),
            anchor="handoffs",
        )
    return Section(
        "Handoffs between agencies",
        table=Table(
            "Every move from one agency to another, in the order of the steps",
            (
                "From step",
                "From agency",
                "To step",
                "To agency",
                "Handoff",
                "Passed along",
                "Condition",
            ),
            tuple(rows),
        ),
        anchor="handoffs",
    )


def _findings(workspace: Workspace, findings: list[Finding]) -> Section:
    open_ = [f for f in findings if not f.accepted]
    accepted = [f for f in findings if f.accepted]
    subsections = []
    if open_:
        subsections.append(
            Section(
                "Open findings",
                table=Table(
                    "Open gap findings, worst first",
                    ("Finding", "Severity", "Rule", "What would fix it"),
                    tuple(
                        (
                            f.message
                            + (" (unverified: the map does not say)" if f.unverified else ""),
                            f.severity.value,
                            f.rule,
                            f.suggestion,
                        )
                        for f in sorted(open_, key=lambda f: -f.severity.rank)
                    ),
                ),
                anchor="open-findings",
            )
        )
    if accepted:
        subsections.append(
            Section(
                "Accepted findings",
                table=Table(
                    "Findings the journey accepts as facts of the service, with the reason",
                    ("Finding", "Rule", "Why it is accepted"),
                    tuple((f.message, f.rule, f.accepted_reason or "") for f in accepted),
                ),
                anchor="accepted-findings",
            )
        )
    basis = _sharing(workspace, findings)
    if basis is not None:
        subsections.append(basis)
    summary = (
        f"{len(open_)} open and {len(accepted)} accepted finding(s) of the gap rules."
        if findings
        else "The gap rules find nothing in this journey."
    )
    return Section(
        "Gap findings", paragraphs=(summary,), subsections=tuple(subsections), anchor="findings"
    )


def _sharing(workspace: Workspace, findings: list[Finding]) -> Section | None:
    """What the catalog records about sharing the items asked again, with its sources;
    the pairs it does not record are counted, never guessed."""
    answers = {(a.data_item, a.from_agency, a.to_agency): a for f in findings for a in f.sharing}
    if not answers:
        return None
    recorded = [a for a in answers.values() if a.recorded]
    unknown = len(answers) - len(recorded)
    paragraphs = (
        f"For {len(answers)} pair(s) of an agency that holds an item asked again and "
        f"an agency that asks for it, the catalog records the legal basis of "
        f"{len(recorded)}; {unknown} are not recorded (unknown, neither allowed "
        "nor barred).",
    )
    table = (
        Table(
            "The recorded legal basis for sharing an item asked again",
            ("Item", "From", "To", "Basis", "Authority", "Where to read it"),
            tuple(
                (
                    workspace.data_items[a.data_item].name,
                    workspace.agency_label(a.from_agency),
                    workspace.agency_label(a.to_agency),
                    a.basis.value,
                    _authority(a.authority) if a.authority else "none named",
                    " ; ".join(a.sources) or "no source named",
                )
                for a in recorded
            ),
        )
        if recorded
        else None
    )
    return Section(
        "The legal basis for sharing", paragraphs=paragraphs, table=table, anchor="sharing"
    )


def _authority(authority: Authority) -> str:
    kind = authority.kind.value.replace("-", " ")
    named = f"{authority.citation} ({kind})"
    return f"{named}: {authority.title}" if authority.title else named


def _sources(journey: Journey) -> Section | None:
    if not journey.sources:
        return None
    return Section("Sources", items=tuple(Link(s, s) for s in journey.sources), anchor="sources")


def _agency(workspace: Workspace, agency_id: str) -> str:
    agency = workspace.agencies[agency_id]
    return f"{agency.name} ({agency.acronym})" if agency.acronym else agency.name


def _listed(values: list[str]) -> str:
    return ", ".join(values)
