"""The comparison diagram: the proposed journey with today's removed steps, every change
marked by words and line style, and hostile text kept as text."""

from __future__ import annotations

import pytest
import yaml

from ple.compare import compare_journeys
from ple.diagram.compare import MARKS, REMOVED_FILL, comparison_html
from tests.compare.conftest import CATALOG, PROPOSED, TODAY, load
from tests.diagram.test_interactive import assert_self_contained, by_id, edge_map, nodes


@pytest.fixture
def pair(write):
    return load(write, ("today.yaml", TODAY), ("proposed.yaml", PROPOSED))


@pytest.fixture
def html(pair) -> str:
    return comparison_html(pair, compare_journeys(pair, "today", "proposed"))


def test_every_step_of_both_journeys_is_drawn_once(html):
    steps = {n["id"] for n in nodes(html) if not n["id"].startswith(("lane:", "stage:"))}
    assert steps == {"apply", "checking", "enroll", "pay-tax", "check-status",
                     "was:visit-office"}


def test_changes_are_marked_by_words_and_borders_not_colour_alone(html):
    boxes = by_id(html)
    for node, status in (("check-status", "added"), ("apply", "changed"),
                         ("was:visit-office", "removed")):
        mark = MARKS[status]
        assert boxes[node]["label"].startswith(mark.badge + "\n")
        assert boxes[node]["borderWidth"] == mark.border_width
        assert boxes[node]["title"].startswith(f"{mark.badge}: ")
    assert boxes["apply"]["shapeProperties"]["borderDashes"] == [8, 4]
    assert boxes["was:visit-office"]["shapeProperties"]["borderDashes"] == [2, 4]
    assert boxes["was:visit-office"]["color"]["background"] == REMOVED_FILL
    assert boxes["enroll"]["label"] == "Enroll"  # unchanged: no mark
    assert boxes["enroll"]["borderWidth"] == 1
    # the tooltip of a changed step lists what changed
    assert "Changes:\n- channels online → online, phone\n- minutes 30 → 20" in (
        boxes["apply"]["title"])


def test_handoff_changes_are_labelled_on_the_line(html):
    lines = edge_map(html)
    assert lines[("apply", "enroll")]["label"] == "cold → automatic"
    assert lines[("apply", "enroll")]["width"] > lines[("enroll", "pay-tax")]["width"]
    assert lines[("check-status", "pay-tax")]["label"] == "new: warm"
    gone = lines[("was:visit-office", "pay-tax")]
    assert gone["label"] == "removed undocumented"
    assert gone["dashes"]
    assert lines[("enroll", "pay-tax")]["label"] == "warm"  # unchanged


def test_removed_steps_keep_a_place_in_their_old_lane(html):
    """Today's second way in stacks under the other first steps, in the SSA lane."""
    boxes = by_id(html)
    column = sorted((boxes[s]["y"], s) for s in ("apply", "check-status", "was:visit-office"))
    assert {boxes[s]["x"] for _, s in column} == {0}
    assert [s for _, s in column] == ["apply", "check-status", "was:visit-office"]
    assert column[-1][0] < boxes["enroll"]["y"]  # still above the CMS lane


def test_self_contained(html):
    assert_self_contained(html)
    assert '<html lang="en">' in html
    assert "<title>Diagram comparing Retire today with Retire, proposed</title>" in html


def test_hostile_names_stay_text(write):
    hostile = "<img src=x onerror=alert(1)>"
    catalog = yaml.safe_load(CATALOG)
    catalog["agencies"][0]["acronym"] = "<script>alert(1)</script>"
    write("catalog.yaml", yaml.safe_dump(catalog))
    today = TODAY.replace("name: Visit an office", f'name: "{hostile} href"')
    proposed = PROPOSED.replace("name: Check status online", f'name: "{hostile}"')
    write("today.yaml", today)
    from ple.io import load_workspace

    workspace = load_workspace(write("proposed.yaml", proposed), use_cache=False).workspace
    html = comparison_html(workspace, compare_journeys(workspace, "today", "proposed"))
    assert hostile not in html and "<script>alert(1)</script>" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # text inside the JSON
    for item in nodes(html):
        assert "href" not in item.get("title", "").lower()
