"""The accessible text page, read back with the standard library's HTML parser: one
``h1``, headings that never skip a level, stages and steps in the journey's order,
every handoff in words, nothing loaded from anywhere, and user text shown as text.
(tests/e2e/test_text_page_browser.py checks it with axe-core and Chromium's
accessibility tree.)"""

from __future__ import annotations

from html.parser import HTMLParser
from itertools import pairwise

import pytest

from ple.export import journey_sections as sections_module
from ple.export.sections import Link, Section, Table, accessible_page
from ple.model import Workspace
from tests.export.helpers import HOSTILE, JOURNEYS, export_text


class Outline(HTMLParser):
    """Headings (level, text), tags that would load something, links, and all text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.loads: list[str] = []
        self.links: list[str] = []
        self.scripts = 0
        self.text: list[str] = []
        self._heading: int | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self._heading = int(tag[1])
            self.headings.append((self._heading, ""))
        if tag == "script":
            self.scripts += 1
        if tag in ("link", "img", "iframe", "object", "embed") or attributes.get("src"):
            self.loads.append(tag)
        if tag == "a":
            self.links.append(attributes.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading}":
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


@pytest.fixture(params=JOURNEYS, ids=[j for _, j in JOURNEYS])
def case(request: pytest.FixtureRequest) -> tuple[Workspace, str, Outline]:
    fixture, journey_id = request.param
    workspace = request.getfixturevalue(fixture)
    return workspace, journey_id, Outline(export_text(workspace, journey_id, "text-html"))


def test_headings_follow_the_journey_stage_by_stage(case):
    workspace, journey_id, page = case
    journey = workspace.journeys[journey_id]
    assert page.headings[0] == (1, journey.name)
    assert [level for level, _ in page.headings].count(1) == 1
    levels = [level for level, _ in page.headings]
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels
    stages = [text for level, text in page.headings if level == 3 and text.startswith("Stage ")]
    assert stages == [
        f"Stage {n} of {len(journey.stages)}: {s.name}"
        for n, s in enumerate(journey.stages, start=1)
    ]
    steps = [text for level, text in page.headings if level == 4]
    numbered = {n: s for n, s in enumerate(journey.steps, start=1)}
    expected = [
        f"Step {n}: {s.name}"
        for stage in journey.stages
        for n, s in numbered.items()
        if s.stage == stage.id
    ]
    expected += [
        f"Step {n}: {s.name}"
        for n, s in numbered.items()
        if s.stage not in {stage.id for stage in journey.stages}
    ]
    assert steps == expected


def test_the_page_loads_nothing_and_runs_nothing(case):
    _, _, page = case
    assert page.loads == [] and page.scripts == 0
    assert all(link.startswith(("#", "http://", "https://")) for link in page.links)


def test_every_handoff_is_written_in_words(case):
    workspace, journey_id, page = case
    text = "".join(page.text)
    for _, move, _ in workspace.journeys[journey_id].handoff_transitions():
        kind = move.handoff.type.value if move.handoff else "undocumented"
        assert f"{kind}: " in text


def test_hostile_text_is_shown_as_text(hostile_ws):
    raw = export_text(hostile_ws, "hostile", "text-html")
    page = Outline(raw)
    assert "<script>alert(1)</script>" not in raw
    assert HOSTILE.split("\n")[0] in "".join(page.text)
    assert not any(link.startswith("javascript") for link in page.links)


def test_a_source_that_is_not_a_web_address_stays_text():
    page = Outline(
        accessible_page(
            "Sources",
            [
                Section(
                    "Sources",
                    items=(
                        Link("https://www.ssa.gov/", "https://www.ssa.gov/"),
                        Link("javascript:alert(1)", "javascript:alert(1)"),
                        Link("Interview notes, 2024", "Interview notes, 2024"),
                    ),
                )
            ],
        )
    )
    assert page.links == ["https://www.ssa.gov/"]


def test_any_list_of_sections_makes_a_page():
    """A ranking (of opportunities, say) is published the same way as a journey."""
    ranking = [
        Section("How the ranking is made", paragraphs=("By hours saved.",)),
        Section(
            "The ranking",
            table=Table(
                "Opportunities, best first",
                ("Opportunity", "Hours a year"),
                (("Tell us once", "1,000"),),
            ),
        ),
    ]
    page = Outline(accessible_page("Opportunities", ranking))
    assert page.headings == [
        (1, "Opportunities"),
        (2, "How the ranking is made"),
        (2, "The ranking"),
    ]


def test_other_parts_of_the_tool_can_add_sections(small_ws, monkeypatch):
    def opportunities(context):
        return [Section("Opportunities", paragraphs=(f"None yet for {context.journey.id}.",))]

    monkeypatch.setattr(sections_module, "EXTRA_SECTIONS", [opportunities])
    page = Outline(export_text(small_ws, "retirement", "text-html"))
    top = [text for level, text in page.headings if level == 2]
    sources = ["Sources"] if small_ws.journeys["retirement"].sources else []
    assert top == [
        "About this journey",
        "Steps by stage",
        "Handoffs between agencies",
        "Gap findings",
        "Opportunities",
        *sources,
    ]
    assert "None yet for retirement." in "".join(page.text)


def test_the_recorded_legal_basis_is_listed_with_its_sources(bundled_ws):
    page = Outline(export_text(bundled_ws, "losing-a-loved-one", "text-html"))
    assert (3, "The legal basis for sharing") in page.headings
    text = "".join(page.text)
    assert "5 U.S.C. 552a(b)(1) (statute)" in text
    assert "https://www.law.cornell.edu/uscode/text/5/552a" in text
    assert "are not recorded (unknown, neither allowed nor barred)" in text
