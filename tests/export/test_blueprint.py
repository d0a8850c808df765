"""The service blueprint as SVG, PNG and PDF, read back with a real reader for each:
the Shostack rows across the stages, every card naming its agency, the moments that
matter marked and listed, every word at 8 pt or more on its page, hostile text as text."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest

from ple.diagram.blueprint import CARD_PT, LABEL_PT, ROW_TITLES, BlueprintLayout
from ple.diagram.swimlane import TEXT_PT
from ple.export import all_exporters, export_journey
from ple.export.formats import blueprint, swimlane
from ple.export.registry import ExportContext
from ple.gaps import analyze
from ple.io import load_workspace
from ple.model import Workspace
from tests.conftest import CATALOG
from tests.export.helpers import HOSTILE

pytest.importorskip("matplotlib")

SVG = "{http://www.w3.org/2000/svg}"
FORMATS = ["blueprint-svg", "blueprint-png", "blueprint-pdf"]
A3_PT = (16.54 * 72, 11.69 * 72)


def export(workspace: Workspace, journey_id: str, fmt: str) -> bytes:
    [artifact] = export_journey(workspace, journey_id, fmt)
    assert artifact.suffix == "-blueprint"  # never overwrites the swimlane map
    return artifact.data


def squeeze(text: str) -> str:
    return "".join(text.split())


def svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return squeeze(" ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))


def test_three_formats_are_registered() -> None:
    formats = all_exporters()
    assert {(f, formats[f].extension) for f in FORMATS} == {
        ("blueprint-svg", ".svg"),
        ("blueprint-png", ".png"),
        ("blueprint-pdf", ".pdf"),
    }
    assert all(formats[f].available() for f in FORMATS)


@pytest.mark.parametrize("journey_id", ["approaching-retirement", "having-a-child"])
def test_every_row_card_agency_and_moment_is_text_in_the_svg(
    journey_id: str, bundled_ws: Workspace
) -> None:
    journey = bundled_ws.journeys[journey_id]
    data = export(bundled_ws, journey_id, "blueprint-svg")
    root = ET.fromstring(data)
    assert root.find(f"{SVG}title").text == f"Service blueprint: {journey.name}"
    text = svg_text(data)
    for title in [
        *ROW_TITLES.values(),
        "Line of interaction",
        "Line of visibility",
        "Line of internal interaction",
    ]:
        assert squeeze(title) in text, title
    for step in journey.steps:
        assert squeeze(step.name) in text, step.id
        label = bundled_ws.agency_label(step.agency)
        assert squeeze(f"{label}: {step.name}") in text, step.id  # its agency, on the box
        for _, action in step.actions():
            agency = bundled_ws.agency_label(action.agency or step.agency)
            assert squeeze(f"{agency}: {action.text}") in text, action.text
            if action.system:
                assert squeeze(f"System: {action.system}") in text
        for touchpoint in step.touchpoints:
            assert squeeze(bundled_ws.touchpoints[touchpoint].name) in text
    moments = [s for s in journey.steps if s.moment_that_matters]
    for number, step in enumerate(moments, start=1):
        assert squeeze(f"★ {number}") in text
        assert squeeze(step.moment_reason) in text


def test_the_bundled_example_is_one_a3_page_with_every_word_at_8_pt_or_more(
    bundled_ws: Workspace,
) -> None:
    """Read back from the PDF itself: each piece of text's size on the page, from the
    font size and both text and drawing matrices."""
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(export(bundled_ws, "having-a-child", "blueprint-pdf"))).pages[0]
    size = (float(page.mediabox.width), float(page.mediabox.height))
    assert size == pytest.approx(A3_PT, abs=1)
    sizes: list[float] = []

    def visit(text, cm, tm, font, font_size):
        if text.strip():
            scale = abs(tm[3] * cm[3] + tm[2] * cm[1]) or abs(tm[0] * cm[0])
            sizes.append(font_size * scale)

    page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 8.0 - 1e-6, min(sizes)


@pytest.mark.parametrize(
    "journey_id",
    [
        "approaching-retirement",
        "facing-a-financial-shock",
        "having-a-child",
        "losing-a-loved-one",
        "recovering-from-a-disaster",
        "transitioning-to-civilian-life",
    ],
)
def test_every_bundled_blueprint_prints_at_8_pt_or_more(
    journey_id: str, bundled_ws: Workspace
) -> None:
    context = ExportContext(bundled_ws, journey_id, analyze(bundled_ws, journeys=[journey_id]))
    layout = blueprint.print_layout(context)
    page, scale = swimlane.page_for(layout.width, layout.height)
    assert min(CARD_PT, TEXT_PT, LABEL_PT) * scale >= 8.0, (page, scale)


def test_cards_in_a_row_never_overlap_and_stay_in_their_row(bundled_ws: Workspace) -> None:
    context = ExportContext(
        bundled_ws,
        "approaching-retirement",
        analyze(bundled_ws, journeys=["approaching-retirement"]),
    )
    layout = blueprint.print_layout(context)
    bands = {band.row: band for band in layout.bands}
    for card in layout.cards:
        assert bands[card.row].top <= card.y and card.y + card.h <= bands[card.row].bottom
    for a in layout.cards:
        for b in layout.cards:
            if a is not b:
                assert (
                    a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
                ), (a.lines, b.lines)


def test_a_step_outline_shows_its_evidence_and_unknown_is_not_assumed(
    bundled_ws: Workspace,
) -> None:
    journey = bundled_ws.journeys["having-a-child"]
    context = ExportContext(bundled_ws, journey.id, analyze(bundled_ws, journeys=[journey.id]))
    layout = BlueprintLayout(bundled_ws, journey, swimlane.sketch_of(context), 1.2)
    customer = {tuple(c.lines): c.evidence for c in layout.cards if c.row == "customer"}
    levels = {s.evidence.level.value if s.evidence else "unknown" for s in journey.steps}
    assert set(customer.values()) == levels == {"reported", "unknown"}


def test_a_journey_without_blueprint_rows_still_draws_its_customer_actions(
    small_ws: Workspace,
) -> None:
    text = svg_text(export(small_ws, "retirement", "blueprint-svg"))
    for step in small_ws.journeys["retirement"].steps:
        assert squeeze(step.name) in text


@pytest.fixture(scope="module")
def hostile_blueprint(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    folder = tmp_path_factory.mktemp("hostile-blueprint")
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    (folder / "catalog.yaml").write_text(
        CATALOG
        + f"""
touchpoints:
  - {{id: form, name: "Form {quoted}", kind: form, agency: ssa, form_number: "X {quoted}"}}
""",
        encoding="utf-8",
    )
    (folder / "j.yaml").write_text(
        f"""
id: hostile
name: "Journey {quoted}"
steps:
  - id: a
    name: "Step {quoted}"
    agency: ssa
    touchpoints: [form]
    frontstage: [{{text: "Front {quoted}"}}]
    backstage: [{{text: "Back {quoted}", agency: cms, system: "System {quoted}"}}]
    support: [{{text: "Support {quoted}"}}]
    moment_that_matters: true
    moment_reason: "Reason {quoted}"
    end: true
""",
        encoding="utf-8",
    )
    result = load_workspace(folder)
    assert result.ok, [str(p) for p in result.problems]
    return result.workspace


def test_hostile_text_is_text_in_the_svg_and_the_pdf(hostile_blueprint: Workspace) -> None:
    from pypdf import PdfReader

    data = export(hostile_blueprint, "hostile", "blueprint-svg")
    assert "<script" not in data.decode("utf-8").lower()
    text = svg_text(data)
    for tag in ("Step", "Form"):  # names are drawn whole
        assert squeeze(f"{tag} {HOSTILE}") in text, tag
    for tag in ("Front", "Back", "System", "Support", "Reason"):  # quoted, cut with "…"
        assert squeeze(f"{tag} {HOSTILE}"[:40]) in text, tag
    assert "…" in text
    pdf = PdfReader(io.BytesIO(export(hostile_blueprint, "hostile", "blueprint-pdf")))
    assert "$5and$10" in squeeze(pdf.pages[0].extract_text())
    assert export(hostile_blueprint, "hostile", "blueprint-png").startswith(b"\x89PNG")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_export_twice_is_the_same(fmt: str, bundled_ws: Workspace) -> None:
    assert export(bundled_ws, "having-a-child", fmt) == export(bundled_ws, "having-a-child", fmt)
