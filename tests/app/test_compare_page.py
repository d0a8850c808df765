"""The Compare page through AppTest: the default pair, choosing journeys, the diagram with
its marks, the figures, the findings diff and the downloads; broken and hostile input."""

from __future__ import annotations

from ple.ui.navigation import COMPARE
from tests.app.test_pages import (
    CATALOG,
    HOSTILE,
    HOSTILE_CATALOG,
    PAYLOADS,
    VALID,
    canvas,
    rerun,
    start,
    table,
    texts,
    unsafe_html,
)
from tests.conftest import DATA


def test_opens_on_a_future_state_and_its_baseline(monkeypatch):
    at = start(monkeypatch, DATA, COMPARE)
    assert texts(at.title) == ["Compare current and future state"]
    assert at.selectbox(key="compare_future").value == "approaching-retirement-future"
    assert at.selectbox(key="compare_current").value == "approaching-retirement"
    assert texts(at.header) == [
        "In short",
        "Both journeys on one map",
        "Burden figures",
        "Steps that changed",
        "Handoffs that changed",
        "What people are asked for",
        "Gap findings",
        "Download the comparison",
    ]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Customer minutes"] == "285"
    assert metrics["Cold handoffs"] == "2"
    assert not at.info  # the pair is linked: no note


def test_choosing_a_proposal_brings_its_baseline(monkeypatch):
    at = start(monkeypatch, DATA, COMPARE)
    at.selectbox(key="compare_future").set_value("recovering-from-a-disaster-future")
    rerun(at)
    assert at.selectbox(key="compare_current").value == "recovering-from-a-disaster"
    # "0 to 7.4M" alone cannot be quoted: a central estimate beside it, and what it assumes.
    saved = next(m for m in at.metric if m.label == "Hours a year saved")
    assert (saved.value, saved.proto.delta) == ("0 to 7.4M", "central 2.9M")
    assert (
        "Central estimate 2,887,500 hours a year: it assumes that at a fork, half the "
        "people take each branch" in saved.proto.help
    )
    figures = table(at, 0).set_index("figure")
    assert figures.loc["Customer minutes (hands-on)", "change"] == "135 fewer"
    assert figures.loc["Cold handoffs", "today"] == "3"
    assert figures.loc["Cold handoffs", "proposed"] == "1"
    steps = table(at, 1)
    assert set(steps["change"]) == {"changed"}
    handoffs = table(at, 2)
    assert handoffs["change"].tolist().count("better") == 4


def test_the_map_marks_added_changed_and_removed_steps_in_words(monkeypatch, small):
    at = start(monkeypatch, small, COMPARE)
    data = canvas(at)
    marks = {s["id"]: s["mark"] for s in data["steps"]}
    assert marks["apply-once"] == "+ NEW"
    assert marks["enroll-part-b"] == "✎ CHANGED"
    assert marks["was:get-l564"] == "✕ REMOVED"
    route_of = {r["id"]: (r["from"], r["to"]) for r in data["routes"]}
    lines = {route_of[label["route"]]: label["text"] for label in data["labels"]}
    assert lines[("apply-once", "enroll-part-b")] == "new: automatic"
    assert lines[("was:apply-retirement", "was:get-l564")] == "removed cold"
    legend = " ".join(texts(at.markdown))
    assert "+ NEW" in legend and "✕ REMOVED" in legend


def test_findings_diff_and_downloads(monkeypatch, small):
    at = start(monkeypatch, small, COMPARE)
    assert "**11** resolved, **3** introduced, **3** in both." in texts(at.markdown)
    findings = table(at, len(at.main.dataframe) - 1)
    assert findings["status"].tolist().count("resolved") == 11
    labels = {b.proto.label for b in at.get("download_button")}
    assert labels == {"Markdown brief", "HTML brief"}


def test_two_unlinked_journeys_are_compared_with_a_note(monkeypatch, small):
    at = start(monkeypatch, small, COMPARE)
    at.selectbox(key="compare_future").set_value("retirement")
    rerun(at)
    at.selectbox(key="compare_current").set_value("retirement-future")
    rerun(at)
    [note] = texts(at.info)
    assert "does not name" in note and "compared as given" in note


def test_the_same_journey_twice_is_refused(monkeypatch, small):
    at = start(monkeypatch, small, COMPARE)
    at.selectbox(key="compare_current").set_value("retirement-future")
    rerun(at)
    assert texts(at.warning) == ["Choose two different journeys."]
    assert not at.get("bidi_component")


def test_one_journey_is_not_enough(monkeypatch, write):
    write("catalog.yaml", CATALOG)
    at = start(monkeypatch, write("retire.yaml", VALID), COMPARE)
    assert texts(at.info)[0].startswith("Comparing needs two journeys")


def test_hostile_names_are_never_raw_html(monkeypatch, write):
    write("catalog.yaml", HOSTILE_CATALOG)
    write("hostile.yaml", HOSTILE)
    future = HOSTILE.replace(
        "id: hostile\nname: Hostile text",
        "id: hostile-future\nname: Hostile text\nstate: future\nbaseline: hostile",
    ).replace("handoff: {type: cold}", "handoff: {type: warm}")
    at = start(monkeypatch, write("future.yaml", future), COMPARE)
    assert at.selectbox(key="compare_future").value == "hostile-future"
    for body in unsafe_html(at):
        for payload in PAYLOADS:
            assert payload not in body
    assert not canvas(at)["editable"]
    handoffs = table(at, 2)
    assert handoffs["from"].tolist()[0].startswith("<script>alert(1)</script>: ")  # as text
