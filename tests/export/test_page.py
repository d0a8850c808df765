"""The HTML page, read back with the standard library's ``html.parser.HTMLParser``:
a title, the canvas with its data as JSON, no request to load anything, and every step
in the step table. (tests/e2e draws the page in Chromium with every request refused.)"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from ple.model import Workspace
from tests.export.helpers import HOSTILE, JOURNEYS, export_text

EXTERNAL = re.compile(r"<script\b[^>]*\bsrc\s*=|<link\b", re.IGNORECASE)


class Page(HTMLParser):
    """What the tests look at: title, iframes, the canvases' data, tags that load things,
    table cells."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.title: list[str] = []
        self.iframes: list[dict[str, str | None]] = []
        self.canvases: list[dict] = []
        self.scripts = 0
        self._json: str | None = None
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
        if tag == "script":
            self.scripts += 1
            if attributes.get("type") == "application/json":
                self._json = ""
        if tag == "link" or (tag in ("script", "img", "iframe") and attributes.get("src")):
            self.loads.append((tag, attributes))
        if tag == "tr" and "tbody" in self._in:
            self.rows.append([])
        if tag in ("td", "th") and "tr" in self._in:
            (self.rows[-1] if tag == "td" else self.headers).append("")
        if tag not in ("meta", "br", "img", "link", "input"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._json is not None:
            self.canvases.append(json.loads(self._json))
            self._json = None
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._json is not None:
            self._json += data
        elif self._in and self._in[-1] == "title":
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


def test_title_and_canvas(case) -> None:
    workspace, journey_id, text = case
    page = Page(text)
    journey = workspace.journeys[journey_id]
    assert text.startswith("<!DOCTYPE html>")
    assert "".join(page.title) == f"{journey.name}: journey map"
    [canvas] = page.canvases
    assert canvas["journey"]["id"] == journey_id and not canvas["editable"]
    assert page.iframes == []


def test_nothing_is_loaded_from_anywhere(case) -> None:
    _, _, text = case
    page = Page(text)
    assert page.loads == []
    assert not EXTERNAL.search(text)
    assert page.scripts == 3  # the canvas inlined, its data, the line that draws it


def test_every_step_is_in_the_step_table(case) -> None:
    workspace, journey_id, text = case
    page = Page(text)
    journey = workspace.journeys[journey_id]
    assert page.headers[:3] == ["order", "name", "agency"]
    assert [row[1] for row in page.rows] == [step.name for step in journey.steps]
    assert [row[0] for row in page.rows] == [str(i) for i in range(1, len(journey.steps) + 1)]
    assert [row[2] for row in page.rows] == [step.agency for step in journey.steps]


def test_the_map_holds_every_step_and_move(case) -> None:
    workspace, journey_id, text = case
    [canvas] = Page(text).canvases
    journey = workspace.journeys[journey_id]
    assert sorted(s["id"] for s in canvas["steps"]) == sorted(s.id for s in journey.steps)
    assert sorted((r["from"], r["to"]) for r in canvas["routes"]) == sorted(
        (s.id, t.to) for s in journey.steps for t in s.next
    )


def test_zero_is_shown_as_zero_and_unknown_as_blank(hostile_ws: Workspace) -> None:
    page = Page(export_text(hostile_ws, "hostile", "html"))
    minutes = page.headers.index("minutes")
    assert [row[minutes] for row in page.rows] == ["0.0", "", ""]


def test_hostile_text_stays_text(hostile_ws: Workspace, small_ws: Workspace) -> None:
    """User text reaches the page only escaped: ``&lt;`` in the markup and, inside the
    canvas's data, as JSON strings whose ``</`` cannot close the script element; so the
    page gets no script or element it did not have anyway."""
    text = export_text(hostile_ws, "hostile", "html")
    plain = export_text(small_ws, "retirement", "html")
    for tag in ("<script", "</script", "<iframe", "<img"):
        assert text.count(tag) == plain.count(tag), tag
    assert "alert(1)</" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # the step table, escaped
    [canvas] = Page(text).canvases
    # Decoded, the JSON gives back the text exactly, for the canvas to show as text.
    steps = {s["id"]: s for s in canvas["steps"]}
    assert steps["first"]["details"].startswith(hostile_ws.journeys["hostile"].steps[0].name)
    assert HOSTILE.split("\n")[0] in steps["first"]["details"]
