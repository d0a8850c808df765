"""Hypothesis strategies for whole workspaces, with every field of the model in play.

Unlike the file-level strategies of tests/io, these build model objects directly and
reach the corners a store mapping can get wrong: ``None`` next to ``[]``, a block given
empty (``burden: {}``), two transitions to one step, a request listed twice, personas
and steps whose ``personas`` list orders them, accepted findings, burden by channel,
and text full of quotes, backslashes and Cypher.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from ple.model import (
    MEASURE_KEYS,
    AcceptedFinding,
    Action,
    Agency,
    AgencyLevel,
    Burden,
    CanUse,
    Channel,
    DataItem,
    DataItemKind,
    Evidence,
    EvidenceLevel,
    GapSettings,
    Handoff,
    HandoffType,
    HotspotLimits,
    Journey,
    JourneyState,
    Measures,
    Persona,
    Program,
    Settings,
    Stage,
    Step,
    Touchpoint,
    TouchpointKind,
    Transition,
    TransitionRef,
    Volume,
    Workspace,
)
from ple.model.vocabulary import GAP_RULES

HOSTILE = [
    'Citizen\'s "portal"',
    "C:\\forms\\new\\t",
    "'}) MATCH (n) DETACH DELETE n //",
    "$rows {key: 'x'} `Step`",
    "line one\nline two\r\n\ttabbed",
    "\\' \\\" \\\\",
    "Ünïcödé — 漢字 🙂",
    "MERGE (a)-[:NEXT]->(b) RETURN *",
]
"""Text that breaks anything that formats values into Cypher (none of it may)."""

slugs = st.builds(
    lambda head, tail: head + tail, st.sampled_from("abcdefgh"), st.text("abc1-", max_size=3)
).filter(lambda s: not s.endswith("-"))
"""Ids (fast to draw; the id grammar itself is tested with the format)."""
words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
).map(lambda t: f"N {t}".strip())
texts = st.one_of(words, st.sampled_from(HOSTILE))
maybe_text = st.none() | texts


def short_floats(low: float, high: float) -> st.SearchStrategy[float]:
    """Floats as people write them (FalkorDB replies carry 15 significant digits)."""
    return st.decimals(Decimal(str(low)), Decimal(str(high)), places=3, allow_nan=False).map(float)


def floats_in(low: float, high: float, exact: bool) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False) if exact else short_floats(low, high)


evidence = st.none() | st.builds(
    Evidence,
    level=st.sampled_from(list(EvidenceLevel)),
    sources=st.lists(texts, max_size=2),
    notes=maybe_text,
)


@st.composite
def burdens(draw: st.DrawFn, exact: bool) -> Burden:
    return Burden(
        minutes=draw(st.none() | floats_in(0, 1e4, exact)),
        wait_days=draw(st.none() | floats_in(0, 400, exact)),
        cost_usd=draw(st.none() | floats_in(0, 1e5, exact)),
        visits=draw(st.none() | st.integers(0, 20)),
        evidence=draw(evidence),
    )


@st.composite
def measures(draw: st.DrawFn, exact: bool) -> Measures:
    return Measures(
        **{name: draw(st.none() | floats_in(1, 5, exact)) for name in MEASURE_KEYS},
        evidence=draw(evidence),
    )


def actions(agencies: list[str]) -> st.SearchStrategy[list[Action]]:
    return st.lists(
        st.builds(
            Action, text=texts, agency=st.none() | st.sampled_from(agencies), system=maybe_text
        ),
        max_size=2,
    )


@st.composite
def journeys(
    draw: st.DrawFn,
    agencies: list[str],
    programs: list[str],
    items: list[str],
    other_journeys: list[str],
    exact: bool,
    touchpoints: list[str] = (),
) -> Journey:
    journey_id = draw(slugs)
    stage_ids = draw(st.lists(slugs, max_size=3, unique=True))
    persona_ids = draw(st.lists(slugs, max_size=3, unique=True))
    step_ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    personas = [
        Persona(
            id=p,
            name=draw(texts),
            description=draw(maybe_text),
            can_use=draw(
                st.none()
                | st.builds(
                    CanUse,
                    channels=st.none() | st.lists(st.sampled_from(list(Channel)), max_size=3),
                    languages=st.none()
                    | st.lists(st.sampled_from(["en", "es", "zh-Hant"]), max_size=2),
                )
            ),
            needs=draw(st.lists(st.sampled_from(["interpreter", "screen_reader"]), max_size=2)),
        )
        for p in persona_ids
    ]
    steps = []
    for index, step_id in enumerate(step_ids):
        moves = []
        for target in draw(st.lists(st.sampled_from(step_ids), max_size=3)):
            handoff = draw(
                st.none()
                | st.builds(
                    Handoff,
                    type=st.sampled_from(list(HandoffType)),
                    shares=st.lists(st.sampled_from(items), max_size=2) if items else st.just([]),
                    note=maybe_text,
                )
            )
            moves.append(
                Transition(
                    to=target,
                    condition=draw(maybe_text),
                    share=draw(st.none() | floats_in(0, 0.3, exact)),
                    handoff=handoff,
                    evidence=draw(evidence),
                )
            )
        moment = draw(st.booleans())
        steps.append(
            Step(
                id=step_id,
                name=draw(texts),
                stage=draw(st.none() | st.sampled_from(stage_ids)) if stage_ids else None,
                agency=draw(st.sampled_from(agencies)),
                program=draw(st.none() | st.sampled_from(programs)) if programs else None,
                description=draw(maybe_text),
                forms=draw(st.lists(texts, max_size=2)),
                channels=draw(st.none() | st.lists(st.sampled_from(list(Channel)), max_size=3)),
                languages=draw(
                    st.none() | st.lists(st.sampled_from(["en", "es", "vi"]), max_size=2)
                ),
                burden=draw(st.none() | burdens(exact)),
                burden_by_channel=draw(
                    st.dictionaries(st.sampled_from(list(Channel)), burdens(exact), max_size=2)
                ),
                requests=draw(st.lists(st.sampled_from(items), max_size=3)) if items else [],
                sentiment=draw(st.none() | st.integers(-2, 2)),
                pain_points=draw(st.lists(texts, max_size=2)),
                accommodations=draw(
                    st.none()
                    | st.lists(st.sampled_from(["interpreter", "large_print"]), max_size=2)
                ),
                measures=draw(st.none() | measures(exact)),
                personas=draw(st.none() | st.lists(st.sampled_from(persona_ids), max_size=2))
                if persona_ids
                else draw(st.none() | st.just([])),
                next=moves,
                fork=draw(st.booleans()),
                end=draw(st.booleans()) if not moves else False,
                notes=draw(maybe_text),
                touchpoints=draw(st.lists(st.sampled_from(touchpoints), max_size=2))
                if touchpoints
                else [],
                frontstage=draw(actions(agencies)),
                backstage=draw(actions(agencies)),
                support=draw(actions(agencies)),
                moment_that_matters=moment,
                moment_reason=draw(maybe_text) if moment else None,
                evidence=draw(evidence),
                detail=draw(st.none() | st.sampled_from(other_journeys))
                if other_journeys
                else None,
            )
        )
        del index
    findings = draw(
        st.lists(
            st.builds(
                AcceptedFinding,
                rule=st.sampled_from(GAP_RULES),
                step=st.none() | st.sampled_from(step_ids),
                transition=st.none()
                | st.builds(
                    lambda a, b: TransitionRef.model_validate({"from": a, "to": b}),
                    st.sampled_from(step_ids),
                    st.sampled_from(step_ids),
                ),
                data_item=st.none(),
                reason=texts,
            ),
            max_size=2,
        )
    )
    future = bool(other_journeys) and draw(st.booleans())
    return Journey(
        id=journey_id,
        name=draw(texts),
        state=JourneyState.future if future else JourneyState.current,
        baseline=draw(st.sampled_from(other_journeys)) if future else None,
        trigger=draw(maybe_text),
        outcome=draw(maybe_text),
        lead_agency=draw(st.none() | st.sampled_from(agencies)),
        description=draw(maybe_text),
        sources=draw(st.lists(texts, max_size=2)),
        entry=draw(st.lists(st.sampled_from(step_ids), max_size=2, unique=True)),
        volume=draw(
            st.none()
            | st.builds(
                Volume,
                per_year=st.integers(0, 10**12),
                source=texts,
                year=st.none() | st.sampled_from(["2023", "FY2024"]),
                notes=maybe_text,
                evidence=evidence,
            )
        ),
        personas=personas,
        stages=[Stage(id=s, name=draw(texts), description=draw(maybe_text)) for s in stage_ids],
        steps=steps,
        accepted_findings=findings,
        notes=draw(maybe_text),
    )


@st.composite
def workspaces(draw: st.DrawFn, exact: bool = True) -> Workspace:
    """A valid workspace; ``exact=False`` keeps floats to a few decimals."""
    agency_ids = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    agencies = {}
    for index, agency_id in enumerate(agency_ids):
        parent = draw(st.none() | st.sampled_from(agency_ids[:index])) if index else None
        agencies[agency_id] = Agency(
            id=agency_id,
            name=draw(texts),
            acronym=draw(maybe_text),
            hisp=draw(st.none() | st.booleans()),
            parent=parent,
            level=draw(st.sampled_from(list(AgencyLevel))),
            url=draw(maybe_text),
            notes=draw(maybe_text),
        )
    program_ids = draw(st.lists(slugs, max_size=3, unique=True))
    programs = {
        p: Program(
            id=p,
            name=draw(texts),
            short_name=draw(maybe_text),
            agency=draw(st.sampled_from(agency_ids)),
            assistance_listing=draw(st.none() | st.sampled_from(["96.002", "93.774A"])),
            url=draw(maybe_text),
            notes=draw(maybe_text),
            categories=draw(st.lists(texts, max_size=2)),
            beneficiary_types=draw(st.lists(texts, max_size=2)),
        )
        for p in program_ids
    }
    item_ids = draw(st.lists(slugs, max_size=3, unique=True))
    items = {
        i: DataItem(
            id=i,
            name=draw(texts),
            kind=draw(st.none() | st.sampled_from(list(DataItemKind))),
            notes=draw(maybe_text),
        )
        for i in item_ids
    }
    touchpoints = {
        t: Touchpoint(
            id=t,
            name=draw(texts),
            kind=kind,
            agency=draw(st.sampled_from(agency_ids)),
            channel=draw(st.none() | st.sampled_from(list(Channel))),
            form_number=draw(maybe_text) if kind is TouchpointKind.form else None,
            omb_control_number=draw(st.none() | st.just("0960-0618"))
            if kind is TouchpointKind.form
            else None,
            url=draw(maybe_text),
            sources=draw(st.lists(texts, max_size=2)),
            notes=draw(maybe_text),
        )
        for t in draw(st.lists(slugs, max_size=3, unique=True))
        for kind in [draw(st.sampled_from(list(TouchpointKind)))]
    }
    journey_list: list[Journey] = []
    for _ in range(draw(st.integers(1, 3))):
        current = [j.id for j in journey_list if j.state is JourneyState.current]
        journey = draw(
            journeys(agency_ids, program_ids, item_ids, current, exact, list(touchpoints))
        )
        if journey.id not in {j.id for j in journey_list}:
            journey_list.append(journey)
    settings = draw(
        st.one_of(
            st.just(Settings()),
            st.builds(
                Settings,
                gaps=st.builds(
                    GapSettings,
                    burden_hotspot=st.builds(HotspotLimits, factor=floats_in(1.5, 9, exact)),
                    low_score=floats_in(1, 5, exact),
                    disabled_rules=st.lists(st.sampled_from(GAP_RULES), max_size=2),
                    severity=st.dictionaries(
                        st.sampled_from(GAP_RULES),
                        st.sampled_from(["error", "warning", "info"]),
                        max_size=2,
                    ),
                ),
            ),
        )
    )
    return Workspace(
        agencies=agencies,
        programs=programs,
        data_items=items,
        journeys={j.id: j for j in journey_list},
        settings=settings,
        touchpoints=touchpoints,
    )
