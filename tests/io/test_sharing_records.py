"""The catalog's `sharing` records: read with the rest of the catalog, every mistake
reported at its record's place, and looked up pair by pair."""

from __future__ import annotations

from pathlib import Path

from ple.io import load_workspace
from ple.model import AuthorityKind, SharingBasis, sharing_basis
from tests.conftest import CATALOG

SHARING = """
sharing:
  - data_item: ssn
    from: ssa
    to: cms
    basis: permitted
    authority: {kind: matching-agreement, citation: "SSA-CMS CMA 1094"}
    sources: ["https://www.ssa.gov/privacy/cma.html"]
  - data_item: ssn
    from: cms
    to: ssa
    basis: agreement-needed
    sources: ["https://www.ssa.gov/privacy/cma.html"]
"""


def messages(folder: Path) -> list[str]:
    result = load_workspace(folder)
    return [str(p).replace(f"{folder}/", "") for p in result.problems]


def test_a_recorded_pair_answers_with_its_authority_and_sources(write):
    folder = write("catalog.yaml", CATALOG + SHARING)
    result = load_workspace(folder)
    assert result.ok and result.problems == []
    answer = sharing_basis(result.workspace.sharing, "ssn", "ssa", "cms")
    assert answer.recorded and answer.basis is SharingBasis.permitted
    assert answer.authority.kind is AuthorityKind.matching_agreement
    assert answer.authority.citation == "SSA-CMS CMA 1094"
    assert answer.sources == ("https://www.ssa.gov/privacy/cma.html",)
    assert not answer.needs_change_in_law


def test_sharing_is_directional_and_an_unrecorded_pair_is_unknown(write):
    folder = write("catalog.yaml", CATALOG + SHARING)
    sharing = load_workspace(folder).workspace.sharing
    assert sharing_basis(sharing, "ssn", "cms", "ssa").basis is SharingBasis.agreement_needed
    unrecorded = sharing_basis(sharing, "ssn", "ssa", "irs")
    assert unrecorded.basis is SharingBasis.unknown and not unrecorded.recorded
    assert unrecorded.authority is None and unrecorded.sources == ()
    assert unrecorded.to_dict()["basis"] == "unknown"


def test_a_one_journey_file_may_carry_sharing_records(write):
    write("catalog.yaml", CATALOG)
    folder = write(
        "retire.yaml",
        """
id: retire
name: Retire
steps:
  - {id: apply, name: Apply, agency: ssa, end: true}
"""
        + SHARING,
    )
    result = load_workspace(folder)
    assert result.ok, result.problems
    assert len(result.workspace.sharing) == 2


def test_mistakes_are_reported_at_their_record(write):
    folder = write(
        "catalog.yaml",
        CATALOG
        + """
sharing:
  - data_item: ssn
    from: ssa
    to: cms
    basis: permitted
  - data_item: sn
    from: ssa
    to: ssa
    basis: prohibited
    authority: {kind: statute, citation: "26 U.S.C. 6103"}
    sources: ["https://www.law.cornell.edu/uscode/text/26/6103"]
  - data_item: ssn
    from: ssa
    to: irs
    basis: prohibted
  - data_item: ssn
    from: ssa
    to: cms
    basis: unknown
  - data_item: ssn
    from: cms
    to: ssa
    basis: prohibited
    authority: {kind: law, citation: ""}
""",
    )
    assert messages(folder) == [
        "catalog.yaml:13:5: sharing[0].basis: a sharing that is permitted must name its "
        "authority (authority: kind and citation): without one it is a guess presented as law",
        "catalog.yaml:13:5: sharing[0].basis: warning: a sharing recorded as permitted names "
        "no sources; add where it can be checked (the statute, the agreement, the form)",
        "catalog.yaml:14:5: sharing[1].data_item: unknown data item 'sn' (did you mean 'ssn'?)",
        "catalog.yaml:16:5: sharing[1].to: a sharing record is between two agencies; 'from' "
        "and 'to' are both 'ssa'",
        "catalog.yaml:23:5: sharing[2].basis: 'prohibted' is not one of: permitted, "
        "agreement-needed, prohibited, unknown (did you mean 'prohibited'?)",
        "catalog.yaml:24:5: sharing[3]: duplicate sharing record 'ssn from ssa to cms'; the "
        "first definition is used (see catalog.yaml:10:5)",
        "catalog.yaml:32:17: sharing[4].authority.kind: 'law' is not one of: statute, "
        "regulation, matching-agreement, consent",
        "catalog.yaml:32:28: sharing[4].authority.citation: String should have at least "
        "1 character, got ''",
    ]


def test_the_json_schema_describes_sharing():
    from ple.io.schema import workspace_file_schema

    schema = workspace_file_schema()
    sharing = schema["$defs"]["Sharing"]
    assert set(sharing["required"]) == {"data_item", "from", "to", "basis"}
    assert schema["$defs"]["SharingBasis"]["enum"] == [
        "permitted",
        "agreement-needed",
        "prohibited",
        "unknown",
    ]
