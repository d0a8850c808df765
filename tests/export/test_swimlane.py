"""The swimlane map as SVG, PNG and PDF, read back with a real reader for each.

SVG with ElementTree (a title, a description, every step name as text), PNG with
Pillow (its size), PDF with pypdf (one page of a printable size, the journey's name in
its text); a hostile journey comes out as text, never as markup or mathtext; the output
is the same every time; and the map of every bundled journey prints at 8 pt or more.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from ple.diagram.swimlane import ARROW_LEN, LANE_PT, STEP_PT, TEXT_PT
from ple.diagram.text import font
from ple.export import all_exporters, export_journey
from ple.export.formats import swimlane
from ple.export.registry import ExportContext
from ple.gaps import analyze
from ple.model import Workspace
from tests.conftest import CATALOG, ROOT
from tests.export.helpers import HOSTILE, load

pytest.importorskip("matplotlib")

SVG = "{http://www.w3.org/2000/svg}"
FORMATS = ["svg", "png", "pdf"]
BUNDLED = [
    "approaching-retirement",
    "facing-a-financial-shock",
    "having-a-child",
    "losing-a-loved-one",
    "recovering-from-a-disaster",
    "transitioning-to-civilian-life",
]
PAGES_PT = {name: (w * 72, h * 72) for name, (w, h) in swimlane.PAGES.items()}


def export(workspace: Workspace, journey_id: str, fmt: str) -> bytes:
    [artifact] = export_journey(workspace, journey_id, fmt)
    return artifact.data


def squeeze(text: str) -> str:
    """Text without any white space: a wrapped (or cut) name compares equal to itself."""
    return "".join(text.split())


def svg_text(root: ET.Element) -> str:
    """All drawn text of an SVG, in drawing order (a box's lines follow each other)."""
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def pdf_reader(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def loop_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A journey that loops back, skips ahead, has no stages, no sentiment and one step
    with a very long name: routes the bundled journeys do not need."""
    folder = tmp_path_factory.mktemp("loop")
    (folder / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (folder / "journeys").mkdir()
    (folder / "journeys" / "loop.yaml").write_text(
        """
id: loop
name: Send documents until the file is complete
steps:
  - {id: apply, name: Apply, agency: ssa, next: [{to: check}, {to: decide}]}
  - id: check
    name: Check the application against the records held by another agency entirely
    agency: cms
    pain_points: [One, Two, Three, Four, Five]
    next: [{to: ask, handoff: {type: automatic}}]
  - {id: ask, name: Ask for missing documents, agency: ssa,
     next: [{to: check, handoff: {type: cold}}, {to: decide}]}
  - {id: decide, name: Decide, agency: ssa, end: true}
""",
        encoding="utf-8",
    )
    return load(folder)


LETTERS = (
    "\U0001d400\U0001d401 math bold, \u4e2d\u6587, \u0915\u093f, "
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629, \u05e2\u05d1\u05e8\u05d9\u05ea, "
    "\U0001f600, \ue000"
)
"""Letters DejaVu Sans lacks (mathematical bold, Chinese, Devanagari), right-to-left
scripts, an emoji and a private-use character."""
INVISIBLE = "\u202e\u200b\u200d\ufeff\u2066\u00ad"
"""A right-to-left override, a zero-width space and joiner, a byte order mark, an
isolate and a soft hyphen."""


@pytest.fixture(scope="module")
def letters_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A journey whose names hold :data:`LETTERS` and :data:`INVISIBLE` everywhere."""
    import yaml

    folder = tmp_path_factory.mktemp("letters")
    (folder / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    text = f"{INVISIBLE}{LETTERS}{INVISIBLE}"
    journey = {
        "id": "letters",
        "name": f"Journey {text}",
        "trigger": text,
        "stages": [{"id": "one", "name": f"Stage {text}"}],
        "steps": [
            {
                "id": "a",
                "name": f"First {text}",
                "agency": "ssa",
                "stage": "one",
                "pain_points": [f"Pain {text}"],
                "next": [{"to": "b"}],
            },
            {"id": "b", "name": f"Second {text}", "agency": "cms", "stage": "one", "end": True},
        ],
    }
    (folder / "letters.yaml").write_text(
        yaml.safe_dump(journey, allow_unicode=True), encoding="utf-8"
    )
    return load(folder)


@pytest.mark.parametrize("fmt", FORMATS)
def test_any_letter_and_invisible_characters_draw_in_every_format(
    fmt: str, letters_ws: Workspace
) -> None:
    """Mathematical bold letters once stopped every picture (a glyph DejaVu Sans lacks)
    and a byte order mark the PDF (issue 16)."""
    assert export(letters_ws, "letters", fmt)


def test_letters_dejavu_lacks_come_from_the_fallback_fonts(letters_ws: Workspace) -> None:
    page = pdf_reader(export(letters_ws, "letters", "pdf")).pages[0]
    fonts = page["/Resources"]["/Font"]
    embedded = {str(fonts[key].get_object()["/BaseFont"]).split("+")[-1] for key in fonts}
    assert {"DejaVuSans", "STIXGeneral-Regular", "LastResortHE-Regular"} <= embedded
    assert "\U0001d400\U0001d401" in page.extract_text()


def test_the_svg_keeps_every_letter_and_no_invisible_character(letters_ws: Workspace) -> None:
    text = svg_text(ET.fromstring(export(letters_ws, "letters", "svg")))
    assert squeeze(f"First {LETTERS}") in squeeze(text.replace("\u200d", ""))
    assert not (set(INVISIBLE) - {"\u200d"}) & set(text)  # the joiner is kept


def test_three_formats_are_registered() -> None:
    formats = all_exporters()
    assert {(f, formats[f].extension, formats[f].media_type) for f in FORMATS} == {
        ("svg", ".svg", "image/svg+xml"),
        ("png", ".png", "image/png"),
        ("pdf", ".pdf", "application/pdf"),
    }
    assert all(formats[f].available() for f in FORMATS)


@pytest.mark.parametrize("journey_id", BUNDLED)
def test_svg_has_a_title_a_description_and_every_step_name_as_text(
    journey_id: str, bundled_ws: Workspace
) -> None:
    journey = bundled_ws.journeys[journey_id]
    root = ET.fromstring(export(bundled_ws, journey_id, "svg"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert [child.tag for child in root[:2]] == [f"{SVG}title", f"{SVG}desc"]
    assert root.find(f"{SVG}title").text == journey.name
    description = root.find(f"{SVG}desc").text
    agencies = len({s.agency for s in journey.steps})
    handoffs = sum(1 for _ in journey.handoff_transitions())
    assert description.startswith(f"Swimlane map of the journey {journey.name}: ")
    assert f"{len(journey.steps)} steps at {agencies} agencies" in description
    assert f"{handoffs} handoffs between agencies" in description
    text = svg_text(root)
    assert journey.name in text
    for step in journey.steps:
        assert squeeze(step.name) in squeeze(text), step.name
    for agency in {s.agency for s in journey.steps}:
        assert squeeze(bundled_ws.agency_label(agency)) in squeeze(text)
    for word in ("automatic", "warm", "referral", "cold", "undocumented", "Pain points"):
        assert word in text  # the legend names every handoff type


def test_svg_keeps_text_as_text(bundled_ws: Workspace) -> None:
    """svg.fonttype none: letters are <text>, not paths (searchable, and small)."""
    data = export(bundled_ws, "having-a-child", "svg")
    assert data.count(b"<text") > 100
    assert b'id="DejaVuSans' not in data  # no glyphs defined as paths
    assert len(data) < 400_000


def test_every_handoff_arrow_carries_its_type_as_a_word(bundled_ws: Workspace) -> None:
    """Colour is never the only cue: each handoff's type is written on its arrow."""
    journey_id = "approaching-retirement"
    journey = bundled_ws.journeys[journey_id]
    context = ExportContext(bundled_ws, journey_id, analyze(bundled_ws, journeys=[journey_id]))
    layout = swimlane.print_layout(swimlane.sketch_of(context))
    kinds = [
        t.handoff.type.value if t.handoff else "undocumented"
        for _, t, _ in journey.handoff_transitions()
    ]
    assert sorted(label.text for label in layout.labels) == sorted(kinds)
    words = re.findall(
        r"\b(?:automatic|warm|referral|cold|undocumented)\b",
        svg_text(ET.fromstring(export(bundled_ws, journey_id, "svg"))),
    )
    for kind in set(kinds):
        assert words.count(kind) >= kinds.count(kind) + 1, kind  # the arrows, the legend


@pytest.mark.parametrize("journey_id", ["approaching-retirement", "recovering-from-a-disaster"])
def test_png_is_a_picture_of_print_size(journey_id: str, bundled_ws: Workspace) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(export(bundled_ws, journey_id, "png")))
    assert image.format == "PNG"
    width, height = image.size
    # 150 dpi; a bundled map prints on A3 or A2 (23.4 x 16.5 inches) at 8 pt or more.
    assert 8 * 150 <= width <= 23.4 * 1.01 * 150
    assert 5 * 150 <= height <= 16.5 * 1.01 * 150
    assert width > height


@pytest.mark.parametrize("journey_id", ["approaching-retirement", "having-a-child"])
def test_png_says_its_resolution(journey_id: str, bundled_ws: Workspace) -> None:
    """The pHYs chunk, read by Pillow: a document or printer sizes the picture as the map
    (at 150 dpi) instead of guessing 72 or 96 dots per inch."""
    from PIL import Image

    image = Image.open(io.BytesIO(export(bundled_ws, journey_id, "png")))
    dpi_x, dpi_y = image.info["dpi"]
    assert abs(dpi_x - 150) < 0.1 and abs(dpi_y - 150) < 0.1
    context = ExportContext(bundled_ws, journey_id, analyze(bundled_ws, journeys=[journey_id]))
    layout = swimlane.print_layout(swimlane.sketch_of(context))
    assert abs(image.size[0] / dpi_x - layout.width) < 0.02
    assert abs(image.size[1] / dpi_y - layout.height) < 0.02


def test_svg_names_a_generic_family_after_its_fonts(bundled_ws: Workspace) -> None:
    """A viewer without DejaVu Sans falls back to its own sans serif, not a serif default."""
    root = ET.fromstring(export(bundled_ws, "having-a-child", "svg"))
    families = {
        m.group(1).strip()
        for e in root.iter()
        if e.get("style")
        for m in re.finditer(r"font-family:([^;]+)", e.get("style"))
    }
    assert families
    for family in families:
        names = [name.strip() for name in family.split(",")]
        assert names[0] == "'DejaVu Sans'" and names[-1] == "sans-serif", family


def test_png_is_small_enough_for_a_document(bundled_ws: Workspace) -> None:
    assert len(export(bundled_ws, "approaching-retirement", "png")) < 400_000


@pytest.mark.parametrize("journey_id", ["approaching-retirement", "losing-a-loved-one"])
def test_pdf_is_one_landscape_page_with_the_name_in_its_text(
    journey_id: str, bundled_ws: Workspace
) -> None:
    journey = bundled_ws.journeys[journey_id]
    reader = pdf_reader(export(bundled_ws, journey_id, "pdf"))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    size = (float(page.mediabox.width), float(page.mediabox.height))
    assert any(abs(size[0] - w) < 1 and abs(size[1] - h) < 1 for w, h in PAGES_PT.values())
    text = page.extract_text()
    assert journey.name in text
    assert squeeze(journey.steps[0].name) in squeeze(text)
    assert reader.metadata.title == journey.name


def test_a_small_map_prints_on_letter(small_ws: Workspace) -> None:
    page = pdf_reader(export(small_ws, "retirement", "pdf")).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (792, 612)


def every_bundled_journey() -> list[tuple[str, str]]:
    """(folder, journey id) of every journey in data/ and data-benefit-finder/, future
    states included."""
    from ple.io import load_workspace

    return [
        (folder, journey_id)
        for folder in ("data", "data-benefit-finder")
        for journey_id in sorted(load_workspace(ROOT / folder).workspace.journeys)
    ]


EVERY_BUNDLED = every_bundled_journey()


@pytest.fixture(scope="module")
def bundled_folders() -> dict[str, Workspace]:
    from ple.io import load_workspace

    return {
        folder: load_workspace(ROOT / folder).workspace
        for folder in ("data", "data-benefit-finder")
    }


@pytest.mark.parametrize(("folder", "journey_id"), EVERY_BUNDLED, ids=[j for _, j in EVERY_BUNDLED])
def test_bundled_maps_print_at_8_pt_or_more(
    folder: str, journey_id: str, bundled_folders: dict[str, Workspace]
) -> None:
    """The smallest text of the map, at the scale its PDF page prints it, read from the
    PDF itself: the page pypdf finds, over the map's size in inches."""
    workspace = bundled_folders[folder]
    context = ExportContext(workspace, journey_id, analyze(workspace, journeys=[journey_id]))
    layout = swimlane.print_layout(swimlane.sketch_of(context))
    page = pdf_reader(export(workspace, journey_id, "pdf")).pages[0]
    width, height = float(page.mediabox.width) / 72, float(page.mediabox.height) / 72
    assert any(abs(width - w) < 0.02 and abs(height - h) < 0.02 for w, h in swimlane.PAGES.values())
    scale = min(width / layout.width, height / layout.height, swimlane.MAX_ENLARGE)
    smallest = min(STEP_PT, TEXT_PT, LANE_PT) * scale
    assert smallest >= 8.0, (width, height, scale)


def test_steps_with_open_findings_carry_a_badge(bundled_ws: Workspace) -> None:
    from ple.views.journey import finding_counts

    journey_id = "recovering-from-a-disaster"
    counts = finding_counts(analyze(bundled_ws, journeys=[journey_id]).findings, journey_id)
    assert counts
    text = svg_text(ET.fromstring(export(bundled_ws, journey_id, "svg")))
    assert sorted(int(n) for n in re.findall(r"⚠ (\d+)", text)) == sorted(counts.values())


def test_the_warning_glyph_is_in_the_font() -> None:
    """The badge's ⚠ is drawn from DejaVu Sans (regular and bold), not a missing-glyph box."""
    for bold in (False, True):
        assert font(bold).get_char_index(ord("⚠")) != 0


def test_pain_points_are_numbered_on_the_map_and_listed(loop_ws: Workspace) -> None:
    text = svg_text(ET.fromstring(export(loop_ws, "loop", "svg")))
    assert "1–5" in text  # the tag on the step with five pain points
    for pain in ("One", "Two", "Three", "Four", "Five"):
        assert f" {pain} " in f" {text} "


@pytest.mark.parametrize("fmt", FORMATS)
def test_loops_skips_and_a_journey_without_stages_or_sentiment(
    fmt: str, loop_ws: Workspace
) -> None:
    assert export(loop_ws, "loop", fmt)


def test_arrows_start_and_end_on_box_edges(loop_ws: Workspace, bundled_ws: Workspace) -> None:
    """Every arrow leaves its step's right edge and its head touches the next step's left
    edge, and no part of it crosses a box."""
    for workspace, journey_id in [(loop_ws, "loop"), (bundled_ws, "approaching-retirement")]:
        context = ExportContext(workspace, journey_id, analyze(workspace, journeys=[journey_id]))
        layout = swimlane.print_layout(swimlane.sketch_of(context))
        assert len(layout.routes) == sum(len(s.next) for s in workspace.journeys[journey_id].steps)
        for edge in layout.routes:
            (x0, y0), (x1, y1) = edge.points[0], edge.points[-1]
            assert x0 == edge.source.right and edge.source.y < y0 < edge.source.bottom
            assert abs(x1 + ARROW_LEN * 0.6 - edge.target.x) < 1e-9
            assert edge.target.y < y1 < edge.target.bottom
            for (ax, ay), (bx, by) in itertools.pairwise(edge.points):
                for box in layout.boxes.values():
                    inside_x = min(ax, bx) < box.right and max(ax, bx) > box.x
                    inside_y = min(ay, by) < box.bottom and max(ay, by) > box.y
                    assert not (inside_x and inside_y), (edge.source.step.id, box.step.id)


def test_boxes_do_not_overlap(bundled_ws: Workspace) -> None:
    for journey_id in BUNDLED:
        context = ExportContext(bundled_ws, journey_id, analyze(bundled_ws, journeys=[journey_id]))
        boxes = list(swimlane.print_layout(swimlane.sketch_of(context)).boxes.values())
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                apart = a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
                assert apart, (journey_id, a.step.id, b.step.id)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_exports_to_every_picture_format(fmt: str, hostile_ws: Workspace) -> None:
    assert export(hostile_ws, "hostile", fmt)


def test_hostile_text_is_escaped_text_in_the_svg(hostile_ws: Workspace) -> None:
    data = export(hostile_ws, "hostile", "svg")
    raw = data.decode("utf-8")
    assert "<script" not in raw.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    root = ET.fromstring(data)
    assert not [e for e in root.iter() if e.tag.lower().endswith("script")]
    title = root.find(f"{SVG}title").text
    assert title == "Journey " + " ".join(HOSTILE.split())  # the newline is a space
    assert '"quotes"' in title and "&amp; &" in title and "$5 and $10" in title
    text = squeeze(svg_text(root))
    # parse_math=False: "$5 and $10" is drawn as it is written, not as mathtext
    for tag in (
        "Journey",
        "Step 1",
        "Step 2",
        "Step 3",
        "AA",
        "Agency B",
        "Stage",
        "Pain 1",
        "Pain 3",
    ):
        assert squeeze(f"{tag} {HOSTILE}") in text, tag


def test_hostile_text_is_text_in_the_pdf(hostile_ws: Workspace) -> None:
    reader = pdf_reader(export(hostile_ws, "hostile", "pdf"))
    text = squeeze(reader.pages[0].extract_text())
    assert squeeze("Journey <script>alert(1)</script>") in text
    assert "$5and$10" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_export_twice_is_the_same(fmt: str, bundled_ws: Workspace) -> None:
    assert export(bundled_ws, "losing-a-loved-one", fmt) == export(
        bundled_ws, "losing-a-loved-one", fmt
    )


def test_exports_from_several_threads_are_the_same(small_ws: Workspace) -> None:
    """The app serves sessions on threads; matplotlib's settings are global."""
    from concurrent.futures import ThreadPoolExecutor

    expected = {fmt: export(small_ws, "retirement", fmt) for fmt in ("svg", "pdf")}
    with ThreadPoolExecutor(4) as pool:
        results = list(
            pool.map(lambda fmt: (fmt, export(small_ws, "retirement", fmt)), ["svg", "pdf"] * 3)
        )
    assert all(data == expected[fmt] for fmt, data in results)


def test_the_brief_ships_the_png(small_ws: Workspace) -> None:
    artifacts = export_journey(small_ws, "retirement", "md")
    [picture] = [a for a in artifacts if a.filename]
    assert picture.filename == "retirement-swimlane.png"
    assert picture.data.startswith(b"\x89PNG\r\n\x1a\n")


def test_svg_with_title_escapes_and_keeps_the_rest() -> None:
    svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1pt">\n</svg>'
    out = swimlane.svg_with_title(svg, "A & <b>\nB", 'say "hi"')
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.find(f"{SVG}title").text == "A & <b> B"
    assert root.find(f"{SVG}desc").text == 'say "hi"'
    assert root.get("width") == "1pt"


NO_PYPLOT = """
import sys
from ple.export import export_journey
from tests.export.helpers import load_small
workspace = load_small()
for fmt in ("svg", "png", "pdf"):
    export_journey(workspace, "retirement", fmt)
assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
"""


def test_no_pyplot() -> None:
    """pyplot keeps global state and is not thread-safe; the app runs sessions on threads."""
    run = subprocess.run(
        [sys.executable, "-c", NO_PYPLOT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 0, run.stderr


MEMORY_PROBE = """
import json, os, tracemalloc
from ple.export import export_journey
from ple.io import load_workspace

workspace = load_workspace("data", use_cache=False).workspace  # frozen, as in the app
journey = "having-a-child"

def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

export_journey(workspace, journey, "png")  # warm: fonts, caches
tracemalloc.start()
before, rss_before = tracemalloc.get_traced_memory()[0], resident()
for _ in range(4):
    export_journey(workspace, journey, "png")
print(json.dumps({"traced": tracemalloc.get_traced_memory()[0] - before,
                  "resident": resident() - rss_before}))
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads Linux's /proc")
def test_memory_stays_put_over_many_png_exports_in_one_process() -> None:
    """Each PNG export left its figure (and its 14 MB of pixels for a big map) to a cycle
    collection that a loaded workspace made rare; four exports in a fresh process, as
    the app would make them, now add almost nothing. The margins are generous: before the
    fix four exports added about 12 MB traced and over 100 MB resident."""
    import json

    run = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    grown = json.loads(run.stdout.strip().splitlines()[-1])
    assert grown["traced"] < 3_000_000, grown
    assert grown["resident"] < 50_000_000, grown


def smallest_text_pt(page) -> float:
    """The smallest text on a PDF page in points, as printed: each run of text's font size
    through its text and graphics matrices, read by pypdf."""
    import math

    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]))

    page.extract_text(visitor_text=visit)
    return min(sizes)


@pytest.mark.parametrize("journey_id", ["disability", "death-of-a-loved-one"])
def test_long_maps_fold_into_bands_on_a_smaller_page_at_8_pt(
    journey_id: str, bundled_folders: dict[str, Workspace]
) -> None:
    """The Benefit Finder's long journeys needed A0 with 0.9-inch boxes in one band; folded
    into bands they print on A1, every word at 8 pt or more, with boxes of normal width.
    (Every lane is repeated on every band, so two bands of these ten and eight lanes are
    too tall for A2 at 8 pt.)"""
    from ple.diagram.bands import FoldedLayout

    workspace = bundled_folders["data-benefit-finder"]
    context = ExportContext(workspace, journey_id, analyze(workspace, journeys=[journey_id]))
    layout = swimlane.print_layout(swimlane.sketch_of(context))
    assert isinstance(layout, FoldedLayout) and len(layout.bands) >= 2
    assert layout.box_w >= swimlane.BOX_WIDTHS[0]
    page = pdf_reader(export(workspace, journey_id, "pdf")).pages[0]
    width, height = float(page.mediabox.width) / 72, float(page.mediabox.height) / 72
    a1_w, a1_h = swimlane.PAGES["A1"]
    assert width <= a1_w + 0.02 and height <= a1_h + 0.02, (width, height)
    assert smallest_text_pt(page) >= 8.0
    text = squeeze(page.extract_text())
    assert "Band1of" in text and "Continuesinband2" in text


def test_a_folded_map_tells_a_reader_who_cannot_see_it_how_to_follow_the_bands(
    bundled_folders: dict[str, Workspace],
) -> None:
    """The SVG's <desc> and the PDF's subject are the picture's text alternative: for a map
    in bands they say so, and how a move between bands is shown; a one-band map's do not."""
    svg = ET.fromstring(export(bundled_folders["data-benefit-finder"], "disability", "svg"))
    desc = svg.find("{http://www.w3.org/2000/svg}desc").text
    assert "Printed in 2 bands of stages" in desc
    subject = pdf_reader(export(bundled_folders["data-benefit-finder"], "disability", "pdf"))
    assert "Printed in 2 bands of stages" in subject.metadata.subject
    one_band = ET.fromstring(export(bundled_folders["data"], "having-a-child", "svg"))
    assert "band" not in one_band.find("{http://www.w3.org/2000/svg}desc").text


def test_a_folded_maps_legend_explains_the_band_connectors(
    bundled_folders: dict[str, Workspace],
) -> None:
    page = pdf_reader(export(bundled_folders["data-benefit-finder"], "disability", "pdf")).pages[0]
    assert "otherband:themovegoesoninanotherband" in squeeze(page.extract_text())
    one_band = pdf_reader(export(bundled_folders["data"], "having-a-child", "pdf")).pages[0]
    assert "otherband" not in squeeze(one_band.extract_text())
