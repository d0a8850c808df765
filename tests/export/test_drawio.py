"""draw.io (mxGraph) files, read back with ``xml.etree.ElementTree`` and checked against
the file format's rules (tech notes 6.2): the full ``<mxfile>`` wrapper, cells 0 and 1,
unique ids, edges with a relative geometry child, steps inside their agency's lane."""

from __future__ import annotations

import html
import itertools
import xml.etree.ElementTree as ET

import pytest

from ple.diagram.sketch import lanes_in_order
from ple.model import Workspace
from tests.conftest import CATALOG
from tests.export.helpers import JOURNEYS, export_text, load


@pytest.fixture(params=JOURNEYS, ids=[j for _, j in JOURNEYS])
def case(request: pytest.FixtureRequest) -> tuple[Workspace, str, ET.Element]:
    fixture, journey_id = request.param
    workspace = request.getfixturevalue(fixture)
    return workspace, journey_id, ET.fromstring(export_text(workspace, journey_id, "drawio"))


def label_text(value: str) -> str:
    """A label as people see it: ``html=1`` labels are HTML, line breaks are ``<br>``."""
    return html.unescape(value.replace("<br>", "\n"))


def cells(root: ET.Element) -> dict[str, ET.Element]:
    """Every cell by id. A ``UserObject`` carries the id of the ``mxCell`` it wraps."""
    graph_root = root.find("diagram/mxGraphModel/root")
    found: dict[str, ET.Element] = {}
    for child in graph_root:
        cell = child if child.tag == "mxCell" else child.find("mxCell")
        assert child.get("id") not in found, f"duplicate id {child.get('id')}"
        found[child.get("id")] = cell
    return found


def style(cell: ET.Element) -> dict[str, str]:
    return dict(part.partition("=")[::2] for part in cell.get("style", "").split(";") if part)


def test_structure(case) -> None:
    _, _, root = case
    assert root.tag == "mxfile"
    [diagram] = root.findall("diagram")
    assert diagram.get("id")
    [model] = diagram.findall("mxGraphModel")  # uncompressed, not base64 text
    assert not (diagram.text or "").strip()
    [graph_root] = model.findall("root")
    first, second = list(graph_root)[:2]
    assert (first.tag, first.attrib) == ("mxCell", {"id": "0"})
    assert (second.tag, second.attrib) == ("mxCell", {"id": "1", "parent": "0"})
    assert {child.tag for child in graph_root} <= {"mxCell", "UserObject"}


def test_ids_are_unique_and_parents_exist(case) -> None:
    _, _, root = case
    ids = [e.get("id") for e in root.iter() if e.tag in ("mxCell", "UserObject") and e.get("id")]
    assert len(ids) == len(set(ids))
    by_id = cells(root)
    for cell_id, cell in by_id.items():
        if cell_id != "0":
            assert cell.get("parent") in by_id, cell_id


def test_one_swimlane_per_agency(case) -> None:
    workspace, journey_id, root = case
    journey = workspace.journeys[journey_id]
    swimlanes = [c for c in cells(root).values() if "swimlane" in style(c)]
    assert [label_text(c.get("value")) for c in swimlanes] == [
        workspace.agency_label(a) for a in lanes_in_order(s.agency for s in journey.steps)
    ]
    for lane in swimlanes:
        assert lane.get("vertex") == "1" and lane.get("parent") == "1"
        assert style(lane)["html"] == "1"


def test_every_step_is_a_user_object_in_its_agency_lane(case) -> None:
    workspace, journey_id, root = case
    journey = workspace.journeys[journey_id]
    by_id = cells(root)
    objects = root.findall("diagram/mxGraphModel/root/UserObject")
    assert sorted(o.get("step_id") for o in objects) == sorted(s.id for s in journey.steps)
    for obj in objects:
        step = journey.step(obj.get("step_id"))
        assert obj.get("journey_id") == journey_id and obj.get("agency") == step.agency
        assert label_text(obj.get("label")) == step.name
        [cell] = obj.findall("mxCell")
        assert cell.get("vertex") == "1" and cell.get("id") is None
        lane = by_id[cell.get("parent")]
        assert "swimlane" in style(lane)
        assert label_text(lane.get("value")) == workspace.agency_label(step.agency)
        # Step coordinates are relative to the lane and clear of its header.
        box, frame = cell.find("mxGeometry"), lane.find("mxGeometry")
        assert box.get("as") == "geometry"
        x, y, w, h = (float(box.get(k)) for k in ("x", "y", "width", "height"))
        assert x >= float(style(lane)["startSize"]) and y >= 0
        assert x + w <= float(frame.get("width")) and y + h <= float(frame.get("height"))


def test_edges_join_existing_steps_and_have_a_relative_geometry(case) -> None:
    workspace, journey_id, root = case
    journey = workspace.journeys[journey_id]
    by_id = cells(root)
    edges = [c for c in by_id.values() if c.get("edge") == "1"]
    moves = sorted((s.id, t.to) for s in journey.steps for t in s.next)
    step_of = {
        o.get("id"): o.get("step_id") for o in root.findall("diagram/mxGraphModel/root/UserObject")
    }
    assert sorted((step_of[e.get("source")], step_of[e.get("target")]) for e in edges) == moves
    for edge in edges:
        assert edge.get("source") in by_id and edge.get("target") in by_id
        assert edge.get("parent") == "1"
        [geometry] = edge.findall("mxGeometry")
        assert geometry.get("relative") == "1" and geometry.get("as") == "geometry"


def test_hostile_labels_round_trip(hostile_ws: Workspace) -> None:
    text = export_text(hostile_ws, "hostile", "drawio")
    root = ET.fromstring(text)  # still well-formed XML
    journey = hostile_ws.journeys["hostile"]
    labels = {
        o.get("step_id"): o.get("label")
        for o in root.findall("diagram/mxGraphModel/root/UserObject")
    }
    for step in journey.steps:
        # HTML-escaped before the XML writer escapes it; the one tag is the line break.
        assert "<" not in labels[step.id].replace("<br>", "")
        assert "<br>" in labels[step.id]
        assert label_text(labels[step.id]) == step.name
    lanes_seen = [
        label_text(c.get("value")) for c in cells(root).values() if "swimlane" in style(c)
    ]
    agencies = lanes_in_order(s.agency for s in journey.steps)
    assert lanes_seen == [hostile_ws.agency_label(a) for a in agencies]
    assert root.find("diagram").get("name") == journey.name
    assert "<script" not in text


def test_control_characters_do_not_break_the_xml(write) -> None:
    """XML 1.0 cannot hold most control characters even as ``&#12;``: a form feed
    pasted into a name would make the file unreadable, so it becomes a space."""
    folder = write("catalog.yaml", CATALOG)
    write(
        "journeys/j.yaml",
        r"""
        id: j
        name: "Page\x0cbreak"
        steps:
          - {id: a, name: "Form\x0cfeed, nul\x00 and vertical\x0btab\tend", agency: ssa}
    """,
    )
    root = ET.fromstring(export_text(load(folder), "j", "drawio"))
    assert root.find("diagram").get("name") == "Page break"
    [step] = root.findall("diagram/mxGraphModel/root/UserObject")
    assert label_text(step.get("label")) == "Form feed, nul  and vertical tab\tend"


# -- geometry, read from the file: where diagrams.net will draw what ---------------------


def every_journey() -> list[tuple[str, str]]:
    """(folder, journey id) of every bundled journey, future states included."""
    from ple.io import load_workspace
    from tests.conftest import ROOT

    return [
        (folder, journey_id)
        for folder in ("data", "data-benefit-finder")
        for journey_id in sorted(load_workspace(ROOT / folder).workspace.journeys)
    ]


EVERY_JOURNEY = every_journey()


@pytest.fixture(scope="module")
def bundled_files() -> dict[str, Workspace]:
    from ple.io import load_workspace
    from tests.conftest import ROOT

    return {
        folder: load_workspace(ROOT / folder).workspace
        for folder in ("data", "data-benefit-finder")
    }


Box = tuple[float, float, float, float]


def geometry(cell: ET.Element) -> Box:
    g = cell.find("mxGeometry")
    return tuple(float(g.get(k, 0)) for k in ("x", "y", "width", "height"))  # type: ignore[return-value]


def step_boxes(root: ET.Element) -> dict[str, Box]:
    """Each step's box in the diagram's coordinates (a step sits inside its lane)."""
    by_id = cells(root)
    boxes = {}
    for obj in root.findall("diagram/mxGraphModel/root/UserObject"):
        cell = obj.find("mxCell")
        lane_x, lane_y, _, _ = geometry(by_id[cell.get("parent")])
        x, y, w, h = geometry(cell)
        boxes[obj.get("id")] = (lane_x + x, lane_y + y, w, h)
    return boxes


def crosses(a: tuple[float, float], b: tuple[float, float], box: Box, inset: float = 1.0) -> bool:
    """Whether the segment a-b passes through the box's inside (Liang-Barsky clipping); a
    segment along an edge, or touching a corner, does not."""
    left, top = box[0] + inset, box[1] + inset
    right, bottom = box[0] + box[2] - inset, box[1] + box[3] - inset
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - left), (dx, right - a[0]), (-dy, a[1] - top), (dy, bottom - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
    return low < high


def test_the_crossing_check_sees_a_crossing() -> None:
    box = (10.0, 10.0, 20.0, 20.0)
    assert crosses((0, 20), (40, 20), box)
    assert not crosses((0, 5), (40, 5), box) and not crosses((0, 10), (40, 10), box)


@pytest.mark.parametrize(("folder", "journey_id"), EVERY_JOURNEY, ids=[j for _, j in EVERY_JOURNEY])
def test_no_move_runs_through_another_step(folder, journey_id, bundled_files) -> None:
    """Every move, from where it leaves its step through the waypoints the file gives to
    where it enters the next (draw.io draws straight segments: edgeStyle=none), passes
    no step box but its own two."""
    root = ET.fromstring(export_text(bundled_files[folder], journey_id, "drawio"))
    boxes = step_boxes(root)
    moves = [c for c in cells(root).values() if c.get("edge") == "1"]
    assert moves
    for move in moves:
        rule = style(move)
        assert rule["edgeStyle"] == "none"
        source, target = boxes[move.get("source")], boxes[move.get("target")]
        points = [
            (
                source[0] + float(rule["exitX"]) * source[2],
                source[1] + float(rule["exitY"]) * source[3],
            )
        ]
        points += [
            (float(p.get("x")), float(p.get("y"))) for p in move.findall("mxGeometry/Array/mxPoint")
        ]
        points.append(
            (
                target[0] + float(rule["entryX"]) * target[2],
                target[1] + float(rule["entryY"]) * target[3],
            )
        )
        for a, b in itertools.pairwise(points):
            for step, box in boxes.items():
                if step not in (move.get("source"), move.get("target")):
                    assert not crosses(a, b, box), (move.get("id"), step, a, b)


def wrapped_lines(text: str, width: float, font) -> int:
    """Lines the text takes when wrapped at word boundaries to ``width`` pixels."""
    lines, line = 0, ""
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and font.getlength(candidate) > width:
                lines, line = lines + 1, word
            else:
                line = candidate
        lines += 1
    return lines


@pytest.mark.parametrize(("folder", "journey_id"), EVERY_JOURNEY, ids=[j for _, j in EVERY_JOURNEY])
def test_lane_titles_wrap_inside_their_band(folder, journey_id, bundled_files) -> None:
    """A lane's title runs along its height (horizontal=0) and wraps (html=1 with
    whiteSpace=wrap): it never runs into the lanes above and below. Wrapped at the lane's
    height in its own font, as measured by Pillow with DejaVu Sans, the lines fit in the
    title band (startSize), so they do not run into the steps either."""
    from matplotlib import get_data_path
    from PIL import ImageFont

    root = ET.fromstring(export_text(bundled_files[folder], journey_id, "drawio"))
    lanes = [c for c in cells(root).values() if "swimlane" in style(c)]
    assert lanes
    for lane in lanes:
        rule = style(lane)
        assert (rule["html"], rule["whiteSpace"], rule["horizontal"]) == ("1", "wrap", "0")
        font = ImageFont.truetype(
            f"{get_data_path()}/fonts/ttf/DejaVuSans.ttf", float(rule["fontSize"])
        )
        _, _, _, height = geometry(lane)
        lines = wrapped_lines(label_text(lane.get("value")), height - 8, font)
        assert lines * float(rule["fontSize"]) * 1.2 <= float(rule["startSize"]) - 8, (
            label_text(lane.get("value")),
            lines,
        )
