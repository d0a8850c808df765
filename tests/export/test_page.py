"""The HTML page, read back with the standard library's ``html.parser.HTMLParser``:
a title, an iframe with a ``title`` and a ``srcdoc``, no request to load anything
(outer page or diagram), and every step in the step table."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from ple.model import Workspace
from tests.export.helpers import HOSTILE, JOURNEYS, export_text

EXTERNAL = re.compile(r"<script\b[^>]*\bsrc\s*=|<link\b", re.IGNORECASE)
NODES = re.compile(r"nodes = new vis\.DataSet\((\[.*?\])\);\n")
EDGES = re.compile(r"edges = new vis\.DataSet\((\[.*?\])\);\n")


class Page(HTMLParser):
    """What the tests look at: title, iframes, tags that load things, table cells."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.title: list[str] = []
        self.iframes: list[dict[str, str | None]] = []
        self.loads: list[tuple[str, dict]] = []
        self.rows: list[list[str]] = []
        self.headers: list[str] = []
        self._in: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "iframe":
            self.iframes.append(attributes)
        if tag == "link" or (tag in ("script", "img", "iframe") and attributes.get("src")):
            self.loads.append((tag, attributes))
        if tag == "tr" and "tbody" in self._in:
            self.rows.append([])
        if tag in ("td", "th") and "tr" in self._in:
            (self.rows[-1] if tag == "td" else self.headers).append("")
        if tag not in ("meta", "br", "img", "link", "input"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "title":
            self.title.append(data)
        elif self._in and self._in[-1] == "td":
            self.rows[-1][-1] += data
        elif self._in and self._in[-1] == "th":
            self.headers[-1] += data


@pytest.fixture(params=JOURNEYS, ids=[j for _, j in JOURNEYS])
def case(request: pytest.FixtureRequest) -> tuple[Workspace, str, str]:
    fixture, journey_id = request.param
    workspace = request.getfixturevalue(fixture)
    return workspace, journey_id, export_text(workspace, journey_id, "html")


def test_title_and_iframe(case) -> None:
    workspace, journey_id, text = case
    page = Page(text)
    journey = workspace.journeys[journey_id]
    assert text.startswith("<!DOCTYPE html>")
    assert "".join(page.title) == f"{journey.name}: journey map"
    [iframe] = page.iframes
    assert iframe["title"] and journey.name in iframe["title"]
    assert iframe["srcdoc"] and "<html" in iframe["srcdoc"]


def test_nothing_is_loaded_from_anywhere(case) -> None:
    _, _, text = case
    page = Page(text)
    assert page.loads == []
    assert not EXTERNAL.search(text)
    [iframe] = page.iframes
    diagram = iframe["srcdoc"]  # the parser has already undone the attribute escaping
    assert Page(diagram).loads == []
    assert not EXTERNAL.search(diagram)
    assert "<script" in diagram  # vis-network is inlined instead


def test_every_step_is_in_the_step_table(case) -> None:
    workspace, journey_id, text = case
    page = Page(text)
    journey = workspace.journeys[journey_id]
    assert page.headers[:3] == ["order", "name", "agency"]
    assert [row[1] for row in page.rows] == [step.name for step in journey.steps]
    assert [row[0] for row in page.rows] == [str(i) for i in range(1, len(journey.steps) + 1)]
    assert [row[2] for row in page.rows] == [step.agency for step in journey.steps]


def test_the_diagram_holds_every_step(case) -> None:
    workspace, journey_id, text = case
    [iframe] = Page(text).iframes
    nodes = json.loads(NODES.search(iframe["srcdoc"])[1])
    edges = json.loads(EDGES.search(iframe["srcdoc"])[1])
    journey = workspace.journeys[journey_id]
    steps = {n["id"]: n for n in nodes if not str(n["id"]).startswith(("lane:", "stage:"))}
    assert sorted(steps) == sorted(s.id for s in journey.steps)
    assert sorted((e["from"], e["to"]) for e in edges) == sorted(
        (s.id, t.to) for s in journey.steps for t in s.next)


def test_zero_is_shown_as_zero_and_unknown_as_blank(hostile_ws: Workspace) -> None:
    page = Page(export_text(hostile_ws, "hostile", "html"))
    minutes = page.headers.index("minutes")
    assert [row[minutes] for row in page.rows] == ["0.0", "", ""]


def test_hostile_text_stays_text(hostile_ws: Workspace, small_ws: Workspace) -> None:
    """User text reaches the page only escaped: ``&lt;`` in the outer page and, inside
    the diagram's scripts, as JSON strings with ``<`` written ``\\u003c``; so neither the
    outer page nor the diagram gets a script or an element it did not have anyway."""
    text = export_text(hostile_ws, "hostile", "html")
    assert "<script" not in text and "alert(1)</" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # the step table, escaped
    [iframe] = Page(text).iframes
    diagram = iframe["srcdoc"]
    [plain] = Page(export_text(small_ws, "retirement", "html")).iframes
    for tag in ("<script", "</script", "<iframe", "<img"):
        assert diagram.count(tag) == plain["srcdoc"].count(tag), tag
    assert "<script>alert" not in diagram and "alert(1)</script>" not in diagram
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in diagram
    # Decoded, the JSON gives back the text exactly, for vis-network to show as text.
    nodes = {n["id"]: n for n in json.loads(NODES.search(diagram)[1])}
    assert nodes["first"]["title"].startswith(hostile_ws.journeys["hostile"].steps[0].name)
    assert HOSTILE.split("\n")[0] in nodes["first"]["title"]
    edges = json.loads(EDGES.search(diagram)[1])
    conditions = [e["title"] for e in edges if e["from"] == "first"]
    assert any(hostile_ws.journeys["hostile"].steps[0].next[0].condition in t
               for t in conditions)
