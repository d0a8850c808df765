"""The interactive diagram: self-contained, safe with hostile text, readable, bounded."""

from __future__ import annotations

import json
import re

import pytest

from ple.diagram.interactive import (
    MAX_STEPS_DRAWN,
    agency_flow_html,
    journey_html,
    safe_text,
    step_tooltip,
)
from ple.diagram.layout import place_steps
from ple.diagram.style import EXTRA, HANDOFF_STYLES, OKABE_ITO, agency_colours, text_colour
from ple.io import load_workspace
from tests.conftest import DATA, SMALL

_NODES = re.compile(r"nodes = new vis\.DataSet\((\[.*?\])\);\n")
_EDGES = re.compile(r"edges = new vis\.DataSet\((\[.*?\])\);\n")
_FETCHING_ATTRIBUTE = re.compile(r"""\b(?:src|href|srcset|action|data)\s*=\s*["']?[^"'\s>]""",
                                 re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)


def nodes(html: str) -> list[dict]:
    return json.loads(_NODES.search(html).group(1))


def edges(html: str) -> list[dict]:
    return json.loads(_EDGES.search(html).group(1))


def by_id(html: str) -> dict[str, dict]:
    return {n["id"]: n for n in nodes(html)}


def edge_map(html: str) -> dict[tuple[str, str], dict]:
    return {(e["from"], e["to"]): e for e in edges(html)}


@pytest.fixture(scope="module")
def small_ws():
    return load_workspace(SMALL).workspace


@pytest.fixture(scope="module")
def retirement(small_ws) -> str:
    return journey_html(small_ws, "retirement")


def hostile_workspace(write, steps: int = 2):
    write("catalog.yaml", """
        agencies:
          - {id: ssa, name: "Social <b>Security</b>", acronym: "<script>alert(1)</script>"}
          - {id: cms, name: "CMS href=javascript:alert(1)", acronym: CMS}
        programs:
          - {id: p, name: "<i>Program</i>", agency: ssa}
        data_items:
          - {id: d, name: "<a href='x'>data</a>", kind: fact}
    """)
    body = "\n".join(
        f"  - {{id: s{i}, name: \"<img src=x onerror=alert({i})> HREF\", "
        f"agency: {'ssa' if i % 2 == 0 else 'cms'}, program: p, stage: st, requests: [d], "
        f"pain_points: ['<a href=\"javascript:alert(1)\">x</a>'], next: [{{to: s{i + 1}, "
        f"condition: \"<svg onload=alert(1)> href\", handoff: {{type: cold}}}}]}}"
        for i in range(steps - 1))
    text = (f"id: h\nname: \"<h1>Hostile</h1>\"\nstages: [{{id: st, name: \"<u>Stage</u>\"}}]\n"
            f"steps:\n{body}\n  - {{id: s{steps - 1}, name: Last, agency: ssa, end: true}}\n")
    result = load_workspace(write("h.yaml", text), use_cache=False)
    assert result.ok, [str(p) for p in result.problems]
    return result.workspace


def chain_workspace(write, steps: int):
    """A chain of ``steps`` steps moving between three agencies."""
    write("catalog.yaml", """
        agencies:
          - {id: a, name: Agency A}
          - {id: b, name: Agency B}
          - {id: c, name: Agency C}
    """)
    agencies = "abc"
    types = ["automatic", "warm", "referral", "cold"]
    lines = []
    for i in range(steps):
        agency = agencies[(i // 2) % 3]
        if i == steps - 1:
            lines.append(f"  - {{id: s{i}, name: Step {i}, agency: {agency}, end: true}}")
            continue
        handoff = "" if (i // 2) % 3 == ((i + 1) // 2) % 3 else (
            f", handoff: {{type: {types[i % 4]}}}" if i % 5 else "")
        lines.append(f"  - {{id: s{i}, name: Step {i}, agency: {agency}, "
                     f"next: [{{to: s{i + 1}{handoff}}}]}}")
    result = load_workspace(write("big.yaml", "id: big\nname: Big\nsteps:\n" + "\n".join(lines)
                                  + "\n"), use_cache=False)
    assert result.ok, [str(p) for p in result.problems[:3]]
    return result.workspace


# --- self-contained -------------------------------------------------------------------


def assert_self_contained(html: str) -> None:
    assert "<link" not in html.lower()
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert not re.search(r"<(?:img|iframe|embed|object|source|video|audio)\b", html,
                         re.IGNORECASE)
    # no markup attribute points anywhere; URLs in vis-network's licence comments are fine
    markup = re.sub(r"<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>", "", html,
                    flags=re.IGNORECASE | re.DOTALL)
    assert not _FETCHING_ATTRIBUTE.search(markup), _FETCHING_ATTRIBUTE.search(markup)
    assert not _CSS_URL.search(html)
    assert not _CSS_IMPORT.search(html)


def test_journey_html_makes_no_request(retirement):
    assert_self_contained(retirement)
    assert "vis.Network" in retirement  # vis-network is inlined, not fetched


def test_agency_flow_html_makes_no_request(write):
    workspace = chain_workspace(write, MAX_STEPS_DRAWN + 1)
    assert_self_contained(journey_html(workspace, "big"))


def test_hostile_workspace_html_makes_no_request(write):
    assert_self_contained(journey_html(hostile_workspace(write, 4), "h"))


# --- safe text ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["href", "HREF", "a HrEf=x", "hrefhref"])
def test_safe_text_breaks_href(text):
    safe = safe_text(text)
    assert "href" not in safe.lower()
    assert safe.replace("\u200b", "") == text


def test_safe_text_leaves_other_text_alone():
    assert safe_text("<b>Apply</b> & wait\nnext line") == "<b>Apply</b> & wait\nnext line"


def test_hostile_text_stays_in_json_strings(write):
    workspace = hostile_workspace(write, 4)
    html = journey_html(workspace, "h")
    for payload in ("<img src=x", "<script>alert", "<svg onload", "<a href", "<b>Security",
                    "<i>Program", "<u>Stage", "<h1>Hostile"):
        assert payload not in html
    assert "div.popup" not in html and "popup.innerHTML" not in html
    for item in nodes(html) + edges(html):
        title = item.get("title", "")
        assert isinstance(title, str)
        assert "href" not in title.lower()
    shown = by_id(html)
    assert shown["s0"]["label"].replace("\n", " ").startswith("<img src=x onerror=alert(0)>")
    assert shown["lane:ssa"]["label"].replace("\n", "") == "<script>alert(1)</script>"
    assert shown["stage:st"]["label"] == "<u>Stage</u>"


def test_tooltips_are_plain_text_lines(small_ws):
    journey = small_ws.journeys["retirement"]
    step = journey.step("apply-retirement")
    assert step_tooltip(small_ws, journey, step, 2).split("\n") == [
        "Apply for retirement benefits",
        "Agency: Social Security Administration (SSA)",
        "Program: Retirement benefits",
        "Stage: Apply",
        "Channels: not recorded",
        "Languages: not recorded",
        "Burden: not recorded",
        "Asks for: Social Security number, Birth certificate",
        "Gap findings: 2",
    ]
    first = step_tooltip(small_ws, journey, journey.step("check-estimate"), 0)
    assert "Channels: online, phone" in first and "Languages: en, es" in first
    assert "Gap findings" not in first
    employer = step_tooltip(small_ws, journey, journey.step("get-l564"), 0)
    assert "Agency: Employer\n" in employer  # no acronym, no empty brackets
    assert "Program:" not in employer


def test_tooltips_with_hostile_text_are_broken_and_not_markup(write):
    workspace = hostile_workspace(write)
    journey = workspace.journeys["h"]
    tip = step_tooltip(workspace, journey, journey.steps[0], 1)
    assert "href" not in tip.lower()
    assert tip.startswith("<img src=x onerror=alert(0)> H\u200bREF\n")
    assert "Pain point: <a h\u200bref=" in tip  # shown as the text it is


def test_every_title_is_plain_text(retirement):
    for item in nodes(retirement) + edges(retirement):
        assert "<" not in item.get("title", "") and "href" not in item.get("title", "")


# --- what is drawn --------------------------------------------------------------------


def test_nodes_edges_and_positions(small_ws, retirement):
    shown = by_id(retirement)
    steps = {i for i in shown if ":" not in i}
    assert steps == {s.id for s in small_ws.journeys["retirement"].steps}
    assert {i for i in shown if i.startswith("lane:")} == {"lane:ssa", "lane:employer",
                                                           "lane:cms"}
    assert {i for i in shown if i.startswith("stage:")} == {"stage:plan", "stage:apply"}
    placed = place_steps(small_ws.journeys["retirement"])
    for step_id in steps:
        assert (shown[step_id]["x"], shown[step_id]["y"]) == (placed[step_id].x,
                                                              placed[step_id].y)
        assert shown[step_id]["physics"] is False
    assert set(edge_map(retirement)) == {
        ("check-estimate", "apply-retirement"), ("apply-retirement", "get-l564"),
        ("apply-retirement", "enroll-part-b"), ("get-l564", "enroll-part-b")}
    assert '"physics": {"enabled": false}' in retirement


def test_handoff_edges_carry_their_style(retirement):
    moves = edge_map(retirement)
    cold = moves[("apply-retirement", "get-l564")]
    assert cold["label"] == "cold"
    assert cold["dashes"] == list(HANDOFF_STYLES["cold"].dashes)
    assert cold["color"]["color"] == HANDOFF_STYLES["cold"].colour
    assert "When: Kept employer coverage past 65" in cold["title"]
    assert moves[("get-l564", "enroll-part-b")]["label"] == "undocumented"
    assert moves[("check-estimate", "apply-retirement")]["label"] == ""  # same agency


def test_visible_steps_limit_nodes_edges_and_lanes(small_ws):
    html = journey_html(small_ws, "retirement", visible=("apply-retirement", "enroll-part-b"))
    shown = by_id(html)
    assert {i for i in shown if ":" not in i} == {"apply-retirement", "enroll-part-b"}
    assert "lane:employer" not in shown
    assert set(edge_map(html)) == {("apply-retirement", "enroll-part-b")}
    # positions do not move when steps are hidden
    full = by_id(journey_html(small_ws, "retirement"))
    assert shown["enroll-part-b"]["x"] == full["enroll-part-b"]["x"]


def test_highlighted_edges_are_wider(small_ws, retirement):
    plain = edge_map(retirement)
    marked = edge_map(journey_html(small_ws, "retirement",
                                   highlight=[("apply-retirement", "get-l564")]))
    move = ("apply-retirement", "get-l564")
    assert marked[move]["width"] > plain[move]["width"]
    assert marked[move]["width"] > max(e["width"] for k, e in marked.items() if k != move)
    for other in set(plain) - {move}:
        assert marked[other]["width"] == plain[other]["width"]


def test_steps_with_findings_get_the_warning_marker(small_ws, retirement):
    html = journey_html(small_ws, "retirement",
                        finding_counts={"apply-retirement": 3, "get-l564": 1})
    shown = by_id(html)
    assert shown["apply-retirement"]["label"].startswith("⚠ 3\n")  # own line: wraps cleanly
    assert shown["get-l564"]["label"].startswith("⚠ 1\n")
    assert shown["apply-retirement"]["borderWidth"] > by_id(retirement)["apply-retirement"][
        "borderWidth"]
    assert "Gap findings: 3" in shown["apply-retirement"]["title"]
    for step_id in ("check-estimate", "enroll-part-b"):
        assert "⚠" not in shown[step_id]["label"]
    assert all("⚠" not in n["label"] for n in nodes(retirement))


def test_journeys_up_to_the_limit_are_drawn_step_by_step(write):
    workspace = chain_workspace(write, MAX_STEPS_DRAWN + 1)
    html = journey_html(workspace, "big", visible=[f"s{i}" for i in range(MAX_STEPS_DRAWN)])
    assert len([n for n in nodes(html) if ":" not in n["id"]]) == MAX_STEPS_DRAWN


def test_bigger_journeys_switch_to_the_agency_flow(write):
    workspace = chain_workspace(write, MAX_STEPS_DRAWN + 1)
    journey = workspace.journeys["big"]
    html = journey_html(workspace, "big")
    assert html == agency_flow_html(workspace, journey, journey.steps)
    shown = by_id(html)
    assert set(shown) == {"a", "b", "c"}
    assert shown["a"]["label"] == "Agency A"
    flows = edges(html)
    total = sum(int(e["label"].split(" × ")[1]) for e in flows)
    crossings = sum(1 for s in journey.steps for t in s.next
                    if workspace.journeys["big"].step(t.to).agency != s.agency)
    assert total == crossings
    kinds = {e["label"].split(" × ")[0] for e in flows}
    assert "undocumented" in kinds and kinds <= set(HANDOFF_STYLES)
    widths = [e["width"] for e in flows]
    assert max(widths) <= 1 + 20 / 4


def test_every_bundled_journey_renders():
    workspace = load_workspace(DATA).workspace
    for journey_id, journey in workspace.journeys.items():
        html = journey_html(workspace, journey_id)
        assert {n["id"] for n in nodes(html) if ":" not in n["id"]} == {
            s.id for s in journey.steps}
        assert_self_contained(html)


# --- colours --------------------------------------------------------------------------


def luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("background", OKABE_ITO + EXTRA)
def test_text_colour_reads_at_least_4_5_to_1(background):
    text = text_colour(background)
    assert text in ("#000000", "#FFFFFF")
    assert contrast(text, background) >= 4.5
    other = "#FFFFFF" if text == "#000000" else "#000000"
    assert contrast(text, background) >= contrast(other, background)


def test_node_text_in_the_diagram_uses_the_readable_colour(small_ws, retirement):
    colours = agency_colours(["ssa", "employer", "cms"])
    for step in small_ws.journeys["retirement"].steps:
        node = by_id(retirement)[step.id]
        assert node["color"]["background"] == colours[step.agency]
        assert contrast(node["font"]["color"], colours[step.agency]) >= 4.5


def test_agency_colours_are_distinct_for_sixteen_agencies():
    colours = agency_colours([f"a{i}" for i in range(17)])
    assert len(set(list(colours.values())[:16])) == 16
    assert colours["a16"] == colours["a0"]  # then the palette repeats


def test_the_tooltip_shows_a11_scores_when_the_step_has_them():
    from ple.io import load_workspace
    from tests.conftest import DATA

    workspace = load_workspace(DATA).workspace
    journey = next(j for j in workspace.journeys.values()
                   if any(s.measures for s in j.steps))
    step = next(s for s in journey.steps if s.measures)
    tip = step_tooltip(workspace, journey, step, 0)
    assert "A-11 scores (1-5): " in tip
    first = next(iter(step.measures.model_dump(exclude_none=True)))
    assert first in tip
