"""docs/equity.md's table is what the walk gives on data/, and its reading stays true."""

from __future__ import annotations

from ple.equity import BUILT_IN_IDS, walk_journeys
from ple.io import load_workspace
from ple.views.equity import equity_markdown
from tests.conftest import DATA, ROOT

BEGIN, END = "<!-- equity table: generated; do not edit -->\n", "<!-- end of equity table -->"


def walks():
    workspace = load_workspace(DATA).workspace
    return workspace, walk_journeys(workspace, personas=BUILT_IN_IDS)


def test_the_table_in_docs_is_generated_from_the_bundled_data():
    text = (ROOT / "docs" / "equity.md").read_text(encoding="utf-8")
    documented = text[text.index(BEGIN) + len(BEGIN) : text.index(END)]
    workspace, results = walks()
    assert documented == equity_markdown(workspace, results), (
        "docs/equity.md is stale: paste `ple equity data --as no-internet --as "
        "limited-english-es --as cannot-travel --as screen-reader --format md` over the table"
    )


def test_only_cannot_travel_is_shut_out_and_every_block_is_an_in_person_only_step():
    workspace, results = walks()
    shut_out = {(r.journey, r.persona) for r in results if r.completes is False}
    assert {persona for _, persona in shut_out} == {"cannot-travel"}
    for result in results:
        journey = workspace.journeys[result.journey]
        for blocked in result.blocked:
            assert [c.value for c in journey.step(blocked.step).channels] == ["in_person"]


def test_the_transition_assistance_fork_holds_the_person_who_cannot_travel():
    """Every member goes through TAP's workshop, briefing and separation (a fork); the
    separation is in person only, so the walk no longer lets the briefing stand in."""
    workspace, results = walks()
    walked = {(r.journey, r.persona): r for r in results}
    result = walked[("transitioning-to-civilian-life", "cannot-travel")]
    assert workspace.journeys[result.journey].step("tap-initial-counseling").fork
    assert result.completes is False
    assert "separation-dd214" in [b.step for b in result.blocked]
