"""Property test: any valid journey, with its catalog (sharing records included), survives
export to a workbook (and to CSV sheets) and import unchanged.

Two things the strategies leave out on purpose, because the sheets cannot tell them
apart and the model gives them the same meaning (docs/decisions.md): empty optional text
(``notes: ""`` reads back as no notes) and empty nested objects (``burden: {}`` reads
back as no burden). Numbers have at most 15 significant digits, what a spreadsheet keeps
(openpyxl writes 16), and whole numbers stay below 2^53.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ple.export import export_journey
from ple.importers.xlsx import read_csv_bytes, read_workbook_bytes
from ple.io.documents import read_document
from ple.io.references import Sourced, assemble
from ple.model import MEASURE_KEYS, Workspace
from ple.sheets.schema import CHANNELS, HANDOFF_TYPES

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True)
# Any text a person can type (no control characters: an xlsx file cannot hold them),
# including line breaks, quotes, semicolons, "(none)" and leading = + - @ '.
alphabet = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
texts = (
    st.one_of(
        st.text(alphabet, min_size=1, max_size=30),
        st.sampled_from(
            [
                "(none)",
                "=SUM(A1)",
                "'quoted",
                "a; b",
                '"q"',
                "TRUE",
                "0012",
                "1.50",
                "two\nlines",
                "-2",
            ]
        ),
    )
    .map(str.strip)
    .filter(bool)
)
optional_text = st.none() | texts


def fifteen_digits(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high).map(lambda x: float(f"{x:.15g}")).filter(lambda x: low <= x <= high)


amounts = fifteen_digits(0, 1e9) | st.integers(0, 10**6)
words = st.lists(st.sampled_from(CHANNELS), max_size=3, unique=True)
languages = st.lists(st.sampled_from(["en", "es", "zh-Hant", "vi", "ase"]), max_size=3, unique=True)
accommodations = st.lists(
    st.sampled_from(["screen_reader", "large_print", "tty", "interpreter"]), max_size=3, unique=True
)


def some(draw, strategy):
    """A value or nothing."""
    return draw(st.none() | strategy)


def drop_none(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if v is not None}


def evidence(draw):
    """An evidence block, or none."""
    if draw(st.booleans()):
        return None
    return drop_none(
        {
            "level": draw(st.sampled_from(["observed", "reported", "assumed"])),
            "sources": draw(st.lists(texts, max_size=2)) or None,
            "notes": some(draw, texts),
        }
    )


def burden(draw):
    values = drop_none(
        {
            "minutes": some(draw, amounts),
            "wait_days": some(draw, amounts),
            "cost_usd": some(draw, amounts),
            "visits": some(draw, st.integers(0, 50)),
        }
    )
    if values:
        values = drop_none({**values, "evidence": evidence(draw)})
    return values or None


@st.composite
def workspaces(draw) -> tuple[Workspace, str]:
    agencies = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    catalog = {
        "agencies": [
            drop_none(
                {
                    "id": a,
                    "name": draw(texts),
                    "acronym": some(draw, texts),
                    "hisp": some(draw, st.booleans()),
                    "parent": some(draw, st.sampled_from(agencies[:i])) if i else None,
                    "level": some(
                        draw, st.sampled_from(["federal", "state", "local", "tribal", "private"])
                    ),
                    "url": some(draw, texts),
                    "notes": some(draw, texts),
                }
            )
            for i, a in enumerate(agencies)
        ],
        "programs": [
            drop_none(
                {
                    "id": p,
                    "name": draw(texts),
                    "agency": draw(st.sampled_from(agencies)),
                    "assistance_listing": some(
                        draw, st.from_regex(r"\d{2}\.\d{3}[A-Z]?", fullmatch=True)
                    ),
                    "categories": draw(st.lists(texts, max_size=2)) or None,
                    "beneficiary_types": draw(st.lists(texts, max_size=2)) or None,
                }
            )
            for p in draw(st.lists(slugs, max_size=3, unique=True))
        ],
        "data_items": [
            drop_none(
                {
                    "id": d,
                    "name": draw(texts),
                    "notes": some(draw, texts),
                    "kind": some(draw, st.sampled_from(["fact", "document", "identity"])),
                }
            )
            for d in draw(st.lists(slugs, max_size=4, unique=True))
        ],
    }
    catalog["touchpoints"] = [
        drop_none(
            {
                "id": t,
                "name": draw(texts),
                "kind": kind,
                "agency": draw(st.sampled_from(agencies)),
                "channel": some(draw, st.sampled_from(CHANNELS)),
                "form_number": some(draw, texts) if kind == "form" else None,
                "omb_control_number": some(draw, st.from_regex(r"\d{4}-\d{4}", fullmatch=True))
                if kind == "form"
                else None,
                "url": some(draw, texts),
                "sources": draw(st.lists(texts, max_size=2)) or None,
                "notes": some(draw, texts),
            }
        )
        for t in draw(st.lists(slugs, max_size=3, unique=True))
        for kind in [
            draw(
                st.sampled_from(
                    ["form", "letter", "portal", "call_centre", "office", "app", "card"]
                )
            )
        ]
    ]
    touchpoints = [t["id"] for t in catalog["touchpoints"]]
    programs = [p["id"] for p in catalog["programs"]]
    items = [d["id"] for d in catalog["data_items"]]
    pairs = [(a, b) for a in agencies for b in agencies if a != b]
    catalog["sharing"] = [
        drop_none(
            {
                "data_item": item,
                "from": pair[0],
                "to": pair[1],
                "basis": basis,
                "authority": drop_none(
                    {
                        "kind": draw(
                            st.sampled_from(
                                ["statute", "regulation", "matching-agreement", "consent"]
                            )
                        ),
                        "citation": draw(texts),
                        "title": some(draw, texts),
                    }
                )
                if basis in ("permitted", "prohibited") or draw(st.booleans())
                else None,
                "sources": draw(st.lists(texts, max_size=2)) or None,
                "notes": some(draw, texts),
            }
        )
        for item, pair in draw(
            st.lists(
                st.tuples(st.sampled_from(items), st.sampled_from(pairs)),
                max_size=3,
                unique=True,
            )
            if items and pairs
            else st.just([])
        )
        for basis in [
            draw(st.sampled_from(["permitted", "agreement-needed", "prohibited", "unknown"]))
        ]
    ]
    stages = draw(st.lists(slugs, max_size=3, unique=True))
    personas = draw(st.lists(slugs, max_size=3, unique=True))
    step_ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))

    def step(step_id: str) -> dict:
        moves = [
            drop_none(
                {
                    "to": draw(st.sampled_from(step_ids)),
                    "condition": some(draw, texts),
                    "share": some(draw, fifteen_digits(0, 1)),
                    "handoff": some(
                        draw,
                        st.builds(
                            lambda t, s, n: drop_none({"type": t, "shares": s or None, "note": n}),
                            st.sampled_from(HANDOFF_TYPES),
                            st.lists(st.sampled_from(items), max_size=2) if items else st.just([]),
                            optional_text,
                        ),
                    ),
                    "evidence": evidence(draw),
                }
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        total = sum(m.get("share", 0) for m in moves)
        for move in moves:  # shares of one step add up to at most 1
            if total > 1 and "share" in move:
                move["share"] = float(f"{move['share'] / total / 2:.15g}")
        scores = drop_none({k: some(draw, fifteen_digits(1, 5)) for k in MEASURE_KEYS})
        if scores:
            scores = drop_none({**scores, "evidence": evidence(draw)})

        def actions() -> list[dict] | None:
            return [
                drop_none(
                    {
                        "text": draw(texts),
                        "agency": some(draw, st.sampled_from(agencies)),
                        "system": some(draw, texts),
                    }
                )
                for _ in range(draw(st.integers(0, 2)))
            ] or None

        moment = draw(st.booleans())
        by_channel = {c: b for c in draw(words) if (b := burden(draw))}
        return drop_none(
            {
                "id": step_id,
                "name": draw(texts),
                "stage": some(draw, st.sampled_from(stages)) if stages else None,
                "agency": draw(st.sampled_from(agencies)),
                "program": some(draw, st.sampled_from(programs)) if programs else None,
                "description": some(draw, texts),
                "forms": draw(st.lists(texts, max_size=2)) or None,
                "channels": some(draw, words),
                "languages": some(draw, languages),
                "burden": burden(draw),
                "burden_by_channel": by_channel or None,
                "requests": (draw(st.lists(st.sampled_from(items), max_size=3)) or None)
                if items
                else None,
                "sentiment": some(draw, st.integers(-2, 2)),
                "pain_points": draw(st.lists(texts, max_size=3)) or None,
                "accommodations": some(draw, accommodations),
                "measures": scores or None,
                "personas": some(draw, st.lists(st.sampled_from(personas), max_size=2))
                if personas
                else None,
                "next": moves or None,
                "fork": draw(st.booleans()) or None,
                "end": draw(st.booleans()) or None,
                "notes": some(draw, texts),
                "touchpoints": (draw(st.lists(st.sampled_from(touchpoints), max_size=2)) or None)
                if touchpoints
                else None,
                "frontstage": actions(),
                "backstage": actions(),
                "support": actions(),
                "moment_that_matters": moment or None,
                "moment_reason": some(draw, texts) if moment else None,
                "evidence": evidence(draw),
            }
        )

    journey = drop_none(
        {
            "id": draw(slugs),
            "name": draw(texts),
            "state": some(draw, st.just("current")),
            "trigger": some(draw, texts),
            "outcome": some(draw, texts),
            "lead_agency": some(draw, st.sampled_from(agencies)),
            "description": some(draw, texts),
            "sources": draw(st.lists(texts, max_size=2)) or None,
            "entry": draw(st.lists(st.sampled_from(step_ids), max_size=2, unique=True)) or None,
            "volume": some(
                draw,
                st.builds(
                    lambda n, s, y, x, e: drop_none(
                        {"per_year": n, "source": s, "year": y, "notes": x, "evidence": e}
                    ),
                    st.integers(0, 2**53),
                    texts,
                    optional_text,
                    optional_text,
                    st.none()
                    | st.builds(
                        lambda level, src: drop_none({"level": level, "sources": src or None}),
                        st.sampled_from(["observed", "reported", "assumed"]),
                        st.lists(texts, max_size=2),
                    ),
                ),
            ),
            "personas": [
                drop_none(
                    {
                        "id": p,
                        "name": draw(texts),
                        "description": some(draw, texts),
                        "can_use": some(
                            draw,
                            st.builds(
                                lambda c, lang: (
                                    drop_none({"channels": c, "languages": lang}) or None
                                ),
                                st.none() | words,
                                st.none() | languages,
                            ),
                        ),
                        "needs": draw(accommodations) or None,
                    }
                )
                for p in personas
            ]
            or None,
            "stages": [
                drop_none({"id": s, "name": draw(texts), "description": some(draw, texts)})
                for s in stages
            ]
            or None,
            "steps": [step(s) for s in step_ids],
            "accepted_findings": [
                drop_none(
                    {
                        "rule": draw(slugs),
                        "step": some(draw, st.sampled_from(step_ids)),
                        "transition": some(
                            draw,
                            st.builds(
                                lambda a, b: {"from": a, "to": b},
                                st.sampled_from(step_ids),
                                st.sampled_from(step_ids),
                            ),
                        ),
                        "data_item": some(draw, st.sampled_from(items)) if items else None,
                        "reason": draw(texts),
                    }
                )
                for _ in range(draw(st.integers(0, 2)))
            ]
            or None,
            "notes": some(draw, texts),
        }
    )
    for persona in journey.get("personas", []):
        if persona.get("can_use") is None:
            persona.pop("can_use", None)
    content = read_document({**journey, **catalog}, "generated.yaml")
    assume(not content.problems)
    workspace, problems = assemble(Sourced("generated.yaml", e) for e in content.entries)
    assume(not [p for p in problems if p.severity.value == "error"])
    return workspace, journey["id"]


def same_as(workspace: Workspace, document: dict) -> None:
    entries = read_document(document, "back").entries
    kinds = {
        "journeys": workspace.journeys,
        "agencies": workspace.agencies,
        "programs": workspace.programs,
        "data_items": workspace.data_items,
        "touchpoints": workspace.touchpoints,
        "sharing": workspace.sharing,
    }
    for entry in entries:
        assert entry.item == kinds[entry.kind][entry.item.id], entry.kind
    assert sum(e.kind == "journeys" for e in entries) == 1


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces())
def test_any_valid_journey_survives_a_workbook(generated):
    workspace, journey_id = generated
    data = export_journey(workspace, journey_id, "xlsx")[0].data
    read = read_workbook_bytes(data, "book.xlsx")
    assert read.ok, [str(p) for p in read.problems]
    same_as(workspace, read.document)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces())
def test_any_valid_journey_survives_csv_sheets(generated):
    workspace, journey_id = generated
    files = {f"j{a.suffix}.csv": a.data for a in export_journey(workspace, journey_id, "sheets")}
    read = read_csv_bytes(files, "sheets")
    assert read.ok, [str(p) for p in read.problems]
    same_as(workspace, read.document)
