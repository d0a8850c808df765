"""Mermaid flowchart text, read line by line (the browser test parses it with Mermaid
itself). Every label is quoted and entity-encoded (tech notes 6.3)."""

from __future__ import annotations

import re

import pytest

from ple.diagram.sketch import lanes_in_order
from ple.export.formats.mermaid import mermaid_text
from ple.model import Workspace
from tests.export.helpers import HOSTILE, JOURNEYS, export_text, without_mermaid_entities

LINE = {
    "header": re.compile(r"flowchart LR"),
    "comment": re.compile(r"  %% (?P<text>.*)"),
    "subgraph": re.compile(r'  subgraph (?P<id>lane\d+)\["(?P<label>[^"]*)"\]'),
    "node": re.compile(r'    (?P<id>s\d+)\["(?P<label>[^"]*)"\]'),
    "end": re.compile(r"  end"),
    "arrow": re.compile(r'  (?P<source>s\d+) -->(?:\|"(?P<label>[^"]*)"\|)? (?P<target>s\d+)'),
    "style": re.compile(r"  linkStyle (?P<index>\d+) (?P<css>[A-Za-z0-9:#.,\- ]+)"),
}
RAW = set('"<>;#:|')
"""Characters that must not appear raw in a label (only inside ``#code;`` entities)."""
NAMED = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}


def parse(text: str) -> list[tuple[str, re.Match]]:
    """Every line as (kind, match); a line that is none of the known kinds fails."""
    assert text.endswith("\n")
    parsed = []
    for line in text[:-1].split("\n"):
        kinds = [(kind, m) for kind, pattern in LINE.items() if (m := pattern.fullmatch(line))]
        assert len(kinds) == 1, f"unexpected line: {line!r}"
        parsed.append(kinds[0])
    return parsed


def decode(label: str) -> str:
    """What Mermaid shows for a label: ``#35;`` and ``#quot;`` turned back into text."""
    return re.sub(
        r"#(\d+|[a-z]+);", lambda m: chr(int(m[1])) if m[1].isdigit() else NAMED[m[1]], label
    )


@pytest.fixture(params=JOURNEYS, ids=[j for _, j in JOURNEYS])
def case(request: pytest.FixtureRequest) -> tuple[Workspace, str, list[tuple[str, re.Match]]]:
    fixture, journey_id = request.param
    workspace = request.getfixturevalue(fixture)
    return workspace, journey_id, parse(export_text(workspace, journey_id, "mermaid"))


def test_lanes_steps_and_arrows(case) -> None:
    workspace, journey_id, lines = case
    journey = workspace.journeys[journey_id]
    assert lines[0][0] == "header"
    lane_titles, members, lane = [], {}, None
    for kind, match in lines:
        if kind == "subgraph":
            lane = decode(match["label"])
            lane_titles.append(lane)
        elif kind == "node":
            assert lane is not None, "a step outside every lane"
            members[match["id"]] = (decode(match["label"]), lane)
        elif kind == "end":
            lane = None
    agencies = lanes_in_order(s.agency for s in journey.steps)
    assert lane_titles == [" ".join(workspace.agency_label(a).split()) for a in agencies]
    node_of = {}
    for step in journey.steps:
        [node] = [
            n
            for n, (name, _) in members.items()
            if name == " ".join(step.name.split()) and n not in node_of.values()
        ][:1]
        node_of[step.id] = node
        assert members[node][1] == " ".join(workspace.agency_label(step.agency).split())
    arrows = [m for kind, m in lines if kind == "arrow"]
    assert sorted((m["source"], m["target"]) for m in arrows) == sorted(
        (node_of[s.id], node_of[t.to]) for s in journey.steps for t in s.next
    )
    styles = [int(m["index"]) for kind, m in lines if kind == "style"]
    assert styles == list(range(len(arrows)))


def test_labels_have_no_raw_syntax(case) -> None:
    _, _, lines = case
    for kind, match in lines:
        if kind in ("subgraph", "node", "arrow") and match["label"] is not None:
            assert not RAW & set(without_mermaid_entities(match["label"])), match[0]
        if kind == "comment":  # a comment ends at the line's end: no newline may escape it
            assert "\n" not in match["text"]


def test_hostile_labels(hostile_ws: Workspace) -> None:
    text = export_text(hostile_ws, "hostile", "mermaid")
    journey = hostile_ws.journeys["hostile"]
    lines = parse(text)
    labels = [m["label"] for kind, m in lines if kind in ("subgraph", "node")]
    assert len(labels) == len(journey.steps) + len(lanes_in_order(s.agency for s in journey.steps))
    for label in labels:
        assert not RAW & set(without_mermaid_entities(label)), label
        assert "%%" not in label and "-->" not in label and "<script" not in label
    names = [decode(m["label"]) for kind, m in lines if kind == "node"]
    assert sorted(names) == sorted(" ".join(s.name.split()) for s in journey.steps)
    assert "<script" not in text


@pytest.mark.parametrize(
    "text, encoded",
    [
        ('Say "hi"', "Say #quot;hi#quot;"),
        ("a # b; c: d", "a #35; b#59; c#58; d"),
        ("<b>|</b>", "#60;b#62;#124;#60;/b#62;"),
        ("100% %%", "100#37; #37;#37;"),
        ("two\nlines  and\ttabs", "two lines and tabs"),
        ("(parens) and 'single' and $5", "(parens) and 'single' and $5"),
    ],
)
def test_mermaid_text(text: str, encoded: str) -> None:
    assert mermaid_text(text) == encoded
    assert decode(encoded) == " ".join(text.split())


def test_mermaid_text_round_trips_the_hostile_text() -> None:
    encoded = mermaid_text(HOSTILE)
    assert not RAW & set(without_mermaid_entities(encoded))
    assert decode(encoded) == " ".join(HOSTILE.split())
