"""Colours: every agency has one colour on every page, export and journey, chosen by the
agency (its own ``colour``, else its id), never by lane order; text on it stays readable."""

from __future__ import annotations

import pytest

from ple.diagram.sketch import sketch_journey
from ple.diagram.style import EXTRA, OKABE_ITO, agency_colours, colour_by_id, text_colour
from ple.io import load_workspace
from ple.model import Agency, Journey, Workspace
from tests.conftest import DATA


def luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
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


def workspace(journeys: dict[str, list[str]], colours: dict[str, str] | None = None) -> Workspace:
    """Journeys as lists of the agencies of their steps."""
    colours = colours or {}
    agencies = sorted({a for group in journeys.values() for a in group})
    return Workspace(
        agencies={a: Agency(id=a, name=a.upper(), colour=colours.get(a)) for a in agencies},
        journeys={
            j: Journey.model_validate(
                {
                    "id": j,
                    "name": j,
                    "steps": [
                        {"id": f"s{i}", "name": f"S{i}", "agency": a, "end": True}
                        for i, a in enumerate(group)
                    ],
                }
            )
            for j, group in journeys.items()
        },
    )


def test_an_agency_has_the_same_colour_in_every_journey_whatever_its_lane():
    ws = load_workspace(DATA).workspace
    colours = agency_colours(ws)
    for journey in ws.journeys.values():
        for lane in sketch_journey(ws, journey).lanes:
            assert lane.colour == colours[lane.agency], (journey.id, lane.agency)


def test_agencies_sharing_a_journey_get_different_colours():
    ws = load_workspace(DATA).workspace
    colours = agency_colours(ws)
    for journey in ws.journeys.values():
        used = [colours[a] for a in {s.agency for s in journey.steps}]
        assert len(used) == len(set(used)), journey.id


def test_the_catalog_colour_wins_and_otherwise_the_id_picks_it():
    ws = workspace({"j": ["ssa", "irs"]}, {"ssa": "#123abc"})
    assert agency_colours(ws) == {"ssa": "#123ABC", "irs": colour_by_id("irs")}


def test_colours_do_not_depend_on_lane_order():
    one = agency_colours(workspace({"j": ["ssa", "cms", "irs"]}))
    two = agency_colours(workspace({"j": ["irs", "cms", "ssa"]}))
    assert one == two


def test_adding_a_journey_changes_no_agency_colour():
    before = agency_colours(workspace({"a": ["ssa", "cms"], "b": ["irs"]}))
    after = agency_colours(
        workspace({"a": ["ssa", "cms"], "b": ["irs"], "c": ["irs", "ssa", "cms"]})
    )
    assert after == before


def test_black_is_never_picked_by_id():
    assert all(colour_by_id(f"agency-{i}") != "#000000" for i in range(500))
