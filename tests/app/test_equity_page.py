"""The Equity page through AppTest: the walks, the time tax, one person's walk marked."""

from __future__ import annotations

import pytest

from ple.ui.navigation import EQUITY
from tests.app.test_pages import canvas, rerun, start
from tests.conftest import DATA
from tests.markdown import links, render, shown_as

HOSTILE = "<img src=x onerror=alert(1)> [link](javascript:alert(2)) **bold** | $x$"


def test_the_walks_of_the_default_personas_are_listed(monkeypatch):
    at = start(monkeypatch, DATA, EQUITY)
    at.selectbox(key="equity_journey").set_value("having-a-child")
    rerun(at)
    walks = at.dataframe[0].value
    assert list(walks["id"])[:4] == [
        "no-internet",
        "limited-english-es",
        "cannot-travel",
        "screen-reader",
    ]
    cannot_travel = walks[walks["id"] == "cannot-travel"].iloc[0]
    assert cannot_travel["completes"] == "cannot complete"
    assert cannot_travel["blocked at"] == "First prenatal visit"
    assert cannot_travel["steps lost"] == 12
    assert [m.label for m in at.metric] == [
        "Hours a year, all people",
        "People a year",
        "Hands-on hours per person",
    ]
    assert (at.metric[0].value, at.metric[0].proto.delta) == ("7.7M to 17.9M", "central 10.5M")
    assert "Central estimate 10,513,855 hours a year: it assumes that" in " ".join(
        m.value for m in at.markdown
    )


def test_one_persona_walk_marks_blocked_and_lost_steps_in_words(monkeypatch):
    at = start(monkeypatch, DATA, EQUITY)
    at.selectbox(key="equity_journey").set_value("having-a-child")
    rerun(at)
    at.selectbox(key="equity_persona_having-a-child").set_value("cannot-travel")
    rerun(at)
    assert at.error[0].value.startswith("Cannot travel: cannot complete. Stopped at 1 step(s)")
    marks = {s["id"]: s["mark"] for s in canvas(at)["steps"]}
    assert marks["prenatal-visit"] == "⊘ BLOCKED"
    assert marks["give-birth"] == "✖ LOST"
    blocked = at.dataframe[1].value
    assert blocked.to_dict("records") == [
        {
            "step": "First prenatal visit",
            "agency": "Hospital or clinic",
            "why": "offered only in person, which this person cannot use",
        }
    ]
    burden = at.dataframe[2].value.set_index("figure")
    assert burden.loc["Active minutes", "this person"] == "0"
    assert burden.loc["Active minutes", "everyone"] == "439"


def test_a_walk_that_holds_only_outside_a_forks_group_names_the_group(monkeypatch):
    """Child care is a fork branch for parents who work or study; a person without home
    internet finishes the rest, and the page says for whom that is not sure."""
    at = start(monkeypatch, DATA, EQUITY)
    at.selectbox(key="equity_journey").set_value("having-a-child")
    rerun(at)
    walks = at.dataframe[0].value.set_index("id")
    assert walks.loc["no-internet", "completes"] == "completes"
    assert (
        walks.loc["no-internet", "not sure for"] == "Parent works or studies and needs child care"
    )
    at.selectbox(key="equity_persona_having-a-child").set_value("no-internet")
    rerun(at)
    assert at.success[0].value.startswith("No home internet: completes.")
    [warning] = [w.value for w in at.warning if "Not sure for" in w.value]
    assert warning.endswith("Parent works or studies and needs child care")


def test_choosing_personas_walks_only_those(monkeypatch):
    at = start(monkeypatch, DATA, EQUITY)
    at.selectbox(key="equity_journey").set_value("losing-a-loved-one")
    rerun(at)
    at.multiselect(key="equity_personas_losing-a-loved-one").set_value(["screen-reader"])
    rerun(at)
    assert list(at.dataframe[0].value["id"]) == ["screen-reader"]
    at.multiselect(key="equity_personas_losing-a-loved-one").set_value([])
    rerun(at)
    assert at.info[0].value == "Choose at least one persona to walk the journey as."


@pytest.mark.parametrize("verdict", ["blocked", "unverified"])
def test_a_hostile_persona_name_stays_text(monkeypatch, write, verdict):
    write(
        "catalog.yaml",
        """
        agencies:
          - {id: ssa, name: Social Security Administration, acronym: SSA}
    """,
    )
    can_use = "{channels: [mail]}" if verdict == "blocked" else "{languages: [es]}"
    folder = write(
        "j.yaml",
        f"""
        id: j
        name: Journey
        personas:
          - id: hostile
            name: "{HOSTILE}"
            can_use: {can_use}
        steps:
          - {{id: a, name: Apply, agency: ssa, channels: [online], end: true}}
    """,
    )
    at = start(monkeypatch, folder, EQUITY)
    at.selectbox(key="equity_persona_j").set_value("hostile")
    rerun(at)
    alert = (at.error if verdict == "blocked" else at.warning)[0].value
    assert shown_as(alert).startswith(HOSTILE + ":")  # read as GitHub reads Markdown
    assert links(render(alert)) == [] and "<strong>" not in render(alert)
    assert HOSTILE in list(at.dataframe[0].value["persona"])


def test_a_journey_without_volume_says_its_time_tax_is_unknown(monkeypatch, small):
    at = start(monkeypatch, small, EQUITY)  # the small fixture records no volume
    assert at.info[0].value == (
        "This journey has no `volume`, so its hours a year for the public are unknown."
    )
    assert not at.metric
