"""The ranking: a stable order on a stated key, filters that keep it, and the checks of
the findings opportunities name."""

from __future__ import annotations

import pytest

from ple.errors import NotFoundError
from ple.gaps import analyze
from ple.io import load_workspace
from ple.opportunities import SORT_KEY, opportunity_problems, rank_opportunities, sort_key
from ple.views.opportunities import ORDER_SENTENCE
from tests.opportunities.conftest import AS_EDITS, AS_FUTURE, loaded, workspace_folder

# A smaller change: only the handoff is made warm (no hours, no persona).
WARM_ONLY = """
  - id: a-warm-handoff
    title: A warm handoff
    how_might_we: How might we hand people over warm?
    journey: today
    owner: {agency: ssa}
    status: idea
    change:
      handoffs:
        - {from: apply, to: enroll, type: warm}
"""
# The same change again under another id: equal worth, ordered by id.
WARM_AGAIN = WARM_ONLY.replace("a-warm-handoff", "b-warm-handoff")


@pytest.fixture
def portfolio(tmp_path):
    return loaded(workspace_folder(tmp_path, WARM_AGAIN + AS_EDITS + WARM_ONLY + AS_FUTURE))


def ids(ranked) -> list[str]:
    return [r.opportunity.id for r in ranked]


def test_the_most_worth_comes_first_and_equal_worth_goes_by_id(portfolio):
    ranked = rank_opportunities(portfolio)
    assert ids(ranked) == [
        "enroll-by-phone",
        "enroll-by-phone-drawn",
        "a-warm-handoff",
        "b-warm-handoff",
    ]
    assert [r.rank for r in ranked] == [1, 2, 3, 4]
    keys = [sort_key((r.opportunity, r.worth)) for r in ranked]
    assert keys == sorted(keys)


def test_the_order_does_not_depend_on_the_order_of_the_files(tmp_path, portfolio):
    other = loaded(
        workspace_folder(tmp_path / "other", AS_FUTURE + WARM_ONLY + AS_EDITS + WARM_AGAIN)
    )
    assert ids(rank_opportunities(other)) == ids(rank_opportunities(portfolio))


def test_the_order_is_explained_in_words(portfolio):
    for key in SORT_KEY[:-1]:
        assert key in ORDER_SENTENCE
    assert "order of id" in ORDER_SENTENCE


def test_filters_keep_the_order(portfolio):
    assert ids(rank_opportunities(portfolio, owner="ssa")) == ["a-warm-handoff", "b-warm-handoff"]
    assert ids(rank_opportunities(portfolio, status=["idea"])) == [
        "enroll-by-phone-drawn",
        "a-warm-handoff",
        "b-warm-handoff",
    ]
    assert ids(rank_opportunities(portfolio, status=["exploring"])) == ["enroll-by-phone"]
    # every opportunity edits or names a step of SSA's or CMS's; the owner counts too
    assert ids(rank_opportunities(portfolio, agency="cms")) == ids(rank_opportunities(portfolio))
    assert ids(rank_opportunities(portfolio, agency="ssa")) == ids(rank_opportunities(portfolio))


def test_an_unknown_filter_says_what_was_meant(portfolio):
    with pytest.raises(NotFoundError, match="did you mean 'cms'"):
        rank_opportunities(portfolio, owner="cmms")
    with pytest.raises(NotFoundError, match="did you mean 'idea'"):
        rank_opportunities(portfolio, status=["ideas"])


def test_a_finding_of_an_unknown_rule_is_refused_at_its_line(tmp_path):
    folder = workspace_folder(
        tmp_path, AS_EDITS.replace("{rule: cold-handoff", "{rule: cold-handof")
    )
    [problem] = load_workspace(folder).errors
    assert problem.field == "opportunities[0].findings[0].rule"
    assert problem.message == "unknown gap rule 'cold-handof' (did you mean 'cold-handoff'?)"
    assert problem.line == 7


def test_a_finding_the_journey_does_not_have_is_a_warning_that_lists_those_it_has(tmp_path):
    folder = workspace_folder(
        tmp_path, AS_EDITS.replace("{from: apply, to: enroll}}", "{from: enroll, to: card}}")
    )
    workspace = load_workspace(folder).workspace
    [problem] = opportunity_problems(workspace, analyze(workspace))
    assert problem.severity.value == "warning" and problem.line == 7
    assert problem.field == "opportunities[0].findings[0]"
    assert (
        "has no cold-handoff finding like this (from enroll to card); its cold-handoff "
        "findings are at: step apply, from apply to enroll"
    ) in problem.message


def test_opportunities_go_through_the_database_records_unchanged(tmp_path):
    """Through the records a sync writes and a load reads (the store tests hold them to
    real servers), the opportunities come back as they were."""
    from ple.store.records import catalog_rows, opportunities_from, workspace_properties

    workspace = loaded(workspace_folder(tmp_path, AS_EDITS + AS_FUTURE))
    prints = {journey: "x" for journey in workspace.journeys}
    props = workspace_properties(workspace, catalog_rows(workspace), prints, "now", "test")
    assert opportunities_from(props) == workspace.opportunities
    assert list(opportunities_from(props)) == list(workspace.opportunities)
    assert opportunities_from({}) == {}


NOT_WRITTEN_YET = """
  - id: a-young-idea
    title: A young idea
    how_might_we: How might we hand people over warm?
    journey: today
    findings:
      - {rule: cold-handoff, transition: {from: apply, to: enroll}}
    owner: {agency: ssa}
"""


def test_an_opportunity_without_a_change_yet_ranks_as_changing_nothing_and_says_so(tmp_path):
    from ple.export.opportunities import ranking_page
    from ple.opportunities import NO_CHANGE
    from ple.views.opportunities import ranking_markdown

    workspace = loaded(workspace_folder(tmp_path, AS_EDITS + NOT_WRITTEN_YET))
    ranked = rank_opportunities(workspace)
    assert [r.opportunity.id for r in ranked] == ["enroll-by-phone", "a-young-idea"]
    young = ranked[1]
    summary = young.summary(workspace)
    assert (summary["change"], summary["hours_a_year_saved"], summary["findings_resolved"]) == (
        "none yet",
        "not yet: no change written",  # not 0: nothing is measured yet
        0,
    )
    assert summary["hours_rest_on"] == ""
    problems = opportunity_problems(workspace, analyze(workspace))
    [warning] = [p for p in problems if p.code == "no-change-yet"]
    assert "'a-young-idea' has no change yet" in warning.message
    text = (tmp_path / "ws" / "opportunities.yaml").read_text(encoding="utf-8").splitlines()
    assert warning.line == text.index("  - id: a-young-idea") + 1
    assert [a.outcome for a in young.worth.addressed] == ["still open"]
    assert f"change: {NO_CHANGE}" in ranking_markdown(workspace, ranked)
    assert NO_CHANGE in ranking_page(workspace, ranked)


def test_a_change_of_both_kinds_is_still_refused_at_change(tmp_path):
    both_kinds = NOT_WRITTEN_YET + (
        "    change:\n      future: today-future\n      steps: [{step: enroll, minutes: 20}]\n"
    )
    result = load_workspace(workspace_folder(tmp_path, both_kinds))
    [problem] = [p for p in result.problems if p.severity.value == "error"]
    assert (problem.file.endswith("opportunities.yaml"), problem.field) == (
        True,
        "opportunities[0].change",
    )
    assert "not both" in problem.message


def test_the_yaml_to_start_one_by_hand_is_valid_as_pasted_and_has_no_change_yet(tmp_path):
    from ple.opportunities import starter_yaml

    folder = workspace_folder(tmp_path, " []")
    workspace = loaded(folder)
    finding = next(f for f in analyze(workspace).findings if f.rule == "cold-handoff")
    pasted = "\n".join("  " + line for line in starter_yaml(workspace, finding).splitlines())
    (folder / "opportunities.yaml").write_text("opportunities:\n" + pasted + "\n")
    after = loaded(folder)
    [started] = after.opportunities.values()
    assert started.change.written is False
    assert "#   future: ..." in pasted  # the two kinds of change, in comments
    problems = opportunity_problems(after, analyze(after))
    assert [p.code for p in problems] == ["no-change-yet"]
