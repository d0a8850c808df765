"""docs/opportunities.md shows the real ranking of the bundled portfolio: the block between
its markers is what `ple opportunities data/ --format md` prints today."""

from __future__ import annotations

from ple.io import load_workspace
from ple.opportunities import rank_opportunities
from ple.views.opportunities import ranking_markdown
from tests.conftest import DATA, ROOT

BEGIN = "<!-- ranking: generated; see tests/opportunities/test_docs_ranking.py -->"
END = "<!-- end of ranking -->"


def bundled_ranking() -> str:
    workspace = load_workspace(DATA).workspace
    return ranking_markdown(workspace, rank_opportunities(workspace))


def test_the_ranking_in_docs_is_the_bundled_portfolios():
    text = (ROOT / "docs" / "opportunities.md").read_text(encoding="utf-8")
    documented = text[text.index(BEGIN) + len(BEGIN) : text.index(END)].strip("\n") + "\n"
    assert documented == bundled_ranking(), (
        "docs/opportunities.md is stale: replace its ranking with the output of "
        "`ple opportunities data/ --format md`"
    )


def test_the_bundled_portfolio_spans_three_life_experiences_and_traces_every_opportunity():
    workspace = load_workspace(DATA).workspace
    opportunities = list(workspace.opportunities.values())
    assert len(opportunities) >= 5
    assert len({o.journey for o in opportunities}) >= 3
    for opportunity in opportunities:
        assert opportunity.findings and opportunity.sources, opportunity.id
    ranked = rank_opportunities(workspace)
    for row in ranked:  # every finding named is one today's journey has
        assert all(a.outcome != "not found" for a in row.worth.addressed), row.opportunity.id
    assert {o.change.future is None for o in opportunities} == {True, False}


def test_every_field_of_a_worth_is_described():
    import re

    workspace = load_workspace(DATA).workspace
    text = (ROOT / "docs" / "opportunities.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([^`\n]+)`", text))
    [row, *_] = rank_opportunities(workspace)
    worth = row.worth.to_dict()
    assert set(worth) - documented == set()
    assert set(worth["addressed_findings"][0]) - documented == set()
