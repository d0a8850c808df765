"""The repeated-request and unshared-data findings say what the catalog's `sharing`
records allow: shared under an authority, no agreement yet, barred by law, or not
recorded. Unknown stays unknown: it never reads as allowed or as barred."""

from __future__ import annotations

from ple.model import SharingBasis
from tests.gaps.helpers import BASE, edits, run

SSN_NOT_SHARED = edits(
    BASE,
    ("requests: [bank]", "requests: [ssn, bank]"),
    ("handoff: {type: warm, shares: [ssn]}", "handoff: {type: warm}"),
)
"""SSA holds the SSN from planning; the handoff to CMS passes nothing and CMS asks again."""

REPEATED = (
    "Social Security number is requested at 2 steps by 2 agencies, at least twice "
    "on one path: 'Plan retirement' (SSA), 'Enroll in Medicare' (CMS)."
)
UNSHARED = (
    "'Enroll in Medicare' (CMS) asks the customer for Social Security number, which "
    "SSA already holds from earlier steps; the handoff does not pass it along."
)


def sharing(basis: str, authority: str = "") -> str:
    """One sharing record for the SSN from SSA to CMS, appended to the catalog."""
    return f"""
sharing:
  - data_item: ssn
    from: ssa
    to: cms
    basis: {basis}
    {authority}
    sources: ["https://example.gov/the-source"]
"""


def findings(write, records: str = "") -> dict:
    report = run(write, SSN_NOT_SHARED, settings=records)
    return {f.rule: f for f in report.findings if f.rule in ("repeated-request", "unshared-data")}


def test_unknown_sharing_stays_unknown(write):
    found = findings(write)
    assert found["repeated-request"].message == (
        f"{REPEATED} Whether SSA may share it with CMS is not recorded."
    )
    assert found["unshared-data"].message == (
        f"{UNSHARED} Whether SSA may share it with CMS is not recorded."
    )
    for finding in found.values():
        [answer] = finding.sharing
        assert answer.basis is SharingBasis.unknown and not answer.recorded
        assert not finding.needs_change_in_law
        assert finding.to_dict()["sharing"][0]["basis"] == "unknown"


def test_a_record_that_says_unknown_reads_like_no_record(write):
    assert {r: f.message for r, f in findings(write, sharing("unknown")).items()} == {
        r: f.message for r, f in findings(write).items()
    }


def test_prohibited_sharing_turns_the_wording_and_needs_a_change_in_law(write):
    found = findings(
        write, sharing("prohibited", 'authority: {kind: statute, citation: "26 U.S.C. 6103"}')
    )
    assert found["repeated-request"].message == (
        f"{REPEATED} CMS asks again for it: the law bars sharing from SSA (26 U.S.C. 6103 "
        "(statute)); only a change in law would allow it."
    )
    assert found["unshared-data"].message == (
        f"{UNSHARED} CMS asks again for it: the law bars sharing from SSA (26 U.S.C. 6103 "
        "(statute)); only a change in law would allow it."
    )
    assert found["unshared-data"].suggestion == (
        "Share Social Security number on the handoff from SSA so CMS need not ask. Sharing "
        "Social Security number needs a change in law first."
    )
    assert all(f.needs_change_in_law for f in found.values())


def test_permitted_sharing_names_its_authority(write):
    found = findings(
        write,
        sharing(
            "permitted",
            'authority: {kind: matching-agreement, citation: "CMA 1094", '
            'title: "SSA-CMS Medicare entitlement match"}',
        ),
    )
    assert found["unshared-data"].message == (
        f"{UNSHARED} CMS asks again though SSA could share it under CMA 1094 (a computer "
        "matching agreement)."
    )
    [answer] = found["unshared-data"].sharing
    assert answer.basis is SharingBasis.permitted
    assert answer.sources == ("https://example.gov/the-source",)
    assert not found["unshared-data"].needs_change_in_law


def test_agreement_needed_says_no_agreement_yet(write):
    found = findings(write, sharing("agreement-needed"))
    assert found["repeated-request"].message == (
        f"{REPEATED} CMS asks again for it: no agreement between SSA and CMS yet."
    )


def test_sharing_is_one_way(write):
    """A record from CMS to SSA says nothing about SSA sharing with CMS."""
    records = sharing("permitted", 'authority: {kind: statute, citation: "X"}').replace(
        "from: ssa\n    to: cms", "from: cms\n    to: ssa"
    )
    found = findings(write, records)
    assert found["unshared-data"].message.endswith(
        "Whether SSA may share it with CMS is not recorded."
    )


def test_with_several_holders_the_most_open_way_is_named(write):
    """IRS asks last; SSA and CMS both hold the SSN. SSA is barred, CMS unknown: the
    unknown holder may still be a way, so the bar is not the answer."""
    journey = edits(
        SSN_NOT_SHARED,
        ("requests: [ssn, bank]", "requests: [ssn, bank]"),
        ("    channels: [automatic]", "    channels: [automatic]\n    requests: [ssn]"),
        (
            "    agency: ssa\n    channels: [automatic]",
            "    agency: irs\n    channels: [automatic]",
        ),
    )
    records = """
sharing:
  - data_item: ssn
    from: ssa
    to: irs
    basis: prohibited
    authority: {kind: statute, citation: "Y"}
    sources: [s]
"""
    report = run(write, journey, "repeated-request", settings=records)
    [finding] = report.findings
    assert finding.message.endswith(
        "Whether the agencies that hold it may share it with CMS or IRS is not recorded."
    )
    assert {(a.from_agency, a.to_agency, a.basis.value) for a in finding.sharing} == {
        ("ssa", "cms", "unknown"),
        ("ssa", "irs", "prohibited"),
        ("cms", "irs", "unknown"),
    }
    assert not finding.needs_change_in_law
