"""An opportunity whose findings ask again for what a statute bars sharing is labelled as
needing a change in law; unknown stays unknown, and a permission labels nothing."""

from __future__ import annotations

import pytest

from ple.opportunities import rank_opportunities, worth_of
from tests.opportunities.conftest import AS_EDITS, loaded, workspace_folder

SHARING = """
sharing:
  - data_item: address
    from: ssa
    to: cms
    basis: {basis}
    {authority}
    sources: ["https://example.gov/a-cited-page"]
"""
STATUTE = "authority: {kind: statute, citation: 99 U.S.C. 1}"


def with_sharing(tmp_path, basis: str | None):
    folder = workspace_folder(tmp_path, AS_EDITS)
    if basis is not None:
        authority = STATUTE if basis in ("permitted", "prohibited") else ""
        (folder / "sharing.yaml").write_text(
            SHARING.replace("{basis}", basis).replace("{authority}", authority)
        )
    return loaded(folder)


def test_a_prohibited_sharing_labels_the_opportunity(tmp_path):
    workspace = with_sharing(tmp_path, "prohibited")
    worth = worth_of(workspace, workspace.opportunities["enroll-by-phone"])
    assert worth.needs_change_in_law
    [answer] = worth.barred
    assert (answer.data_item, answer.from_agency, answer.to_agency) == ("address", "ssa", "cms")
    assert answer.authority.citation == "99 U.S.C. 1"
    [row] = rank_opportunities(workspace)
    assert row.summary(workspace)["label"] == "needs a change in law"
    assert row.to_dict()["worth"]["needs_change_in_law"] is True


@pytest.mark.parametrize("basis", [None, "unknown", "permitted", "agreement-needed"])
def test_other_bases_and_no_record_label_nothing(tmp_path, basis):
    workspace = with_sharing(tmp_path, basis)
    worth = worth_of(workspace, workspace.opportunities["enroll-by-phone"])
    assert not worth.needs_change_in_law and worth.barred == ()
    [row] = rank_opportunities(workspace)
    assert row.summary(workspace)["label"] == ""


def test_only_the_findings_it_addresses_count(tmp_path):
    workspace = with_sharing(tmp_path, "prohibited")
    opportunity = workspace.opportunities["enroll-by-phone"]
    cold_only = opportunity.model_copy(update={"findings": opportunity.findings[:1]})
    assert not worth_of(workspace, cold_only).needs_change_in_law
