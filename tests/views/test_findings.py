"""The Gaps page's logic: narrowing findings by rule, severity, journey, agency."""

from __future__ import annotations

import pytest

from ple.gaps import Finding, FindingSeverity, analyze
from ple.io import load_workspace
from ple.views.findings import FindingFilter, filter_findings
from tests.conftest import DATA

FINDINGS = [
    Finding("single-channel", FindingSeverity.info, "b", "m", "s", step="x", agencies=("ssa",)),
    Finding(
        "cold-handoff",
        FindingSeverity.warning,
        "b",
        "m",
        "s",
        transition=("x", "y"),
        agencies=("ssa", "irs"),
    ),
    Finding("dead-end", FindingSeverity.error, "a", "m", "s", step="z", agencies=("irs",)),
    Finding(
        "cold-handoff",
        FindingSeverity.warning,
        "a",
        "m",
        "s",
        transition=("z", "w"),
        agencies=("irs", "cms"),
    ),
    Finding(
        "single-channel",
        FindingSeverity.info,
        "a",
        "m",
        "s",
        step="w",
        agencies=("cms",),
        accepted=True,
        accepted_reason="by design",
    ),
    Finding("repeated-request", FindingSeverity.info, "a", "m", "s"),
]


def keys(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.severity.value, f.journey, f.rule) for f in findings]


def test_default_keeps_open_findings_worst_first_then_by_journey_and_rule():
    assert keys(filter_findings(FINDINGS, FindingFilter())) == [
        ("error", "a", "dead-end"),
        ("warning", "a", "cold-handoff"),
        ("warning", "b", "cold-handoff"),
        ("info", "a", "repeated-request"),
        ("info", "b", "single-channel"),
    ]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (
            FindingFilter(rule="cold-handoff"),
            [("warning", "a", "cold-handoff"), ("warning", "b", "cold-handoff")],
        ),
        (
            FindingFilter(at_least="warning"),
            [
                ("error", "a", "dead-end"),
                ("warning", "a", "cold-handoff"),
                ("warning", "b", "cold-handoff"),
            ],
        ),
        (FindingFilter(at_least="error"), [("error", "a", "dead-end")]),
        (
            FindingFilter(journey="b"),
            [("warning", "b", "cold-handoff"), ("info", "b", "single-channel")],
        ),
        (
            FindingFilter(agency="irs"),
            [
                ("error", "a", "dead-end"),
                ("warning", "a", "cold-handoff"),
                ("warning", "b", "cold-handoff"),
            ],
        ),
        (FindingFilter(agency="cms"), [("warning", "a", "cold-handoff")]),
        (
            FindingFilter(rule="single-channel", include_accepted=True),
            [("info", "a", "single-channel"), ("info", "b", "single-channel")],
        ),
        (FindingFilter(rule="cold-handoff", at_least="error"), []),
        (FindingFilter(journey="a", agency="ssa"), []),
    ],
)
def test_filters(wanted, expected):
    assert keys(filter_findings(FINDINGS, wanted)) == expected


def test_including_accepted_findings_adds_only_those():
    everything = filter_findings(FINDINGS, FindingFilter(include_accepted=True))
    assert len(everything) == len(FINDINGS)
    assert [f for f in everything if f not in filter_findings(FINDINGS, FindingFilter())] == [
        FINDINGS[4]
    ]


def test_unknown_severity_is_rejected():
    with pytest.raises(ValueError):
        filter_findings(FINDINGS, FindingFilter(at_least="fatal"))


def test_filters_partition_the_bundled_report():
    report = analyze(load_workspace(DATA).workspace)
    all_open = filter_findings(report.findings, FindingFilter())
    assert len(all_open) == sum(not f.accepted for f in report.findings)
    by_journey = [
        f
        for j in {f.journey for f in report.findings}
        for f in filter_findings(report.findings, FindingFilter(journey=j))
    ]
    assert sorted(map(id, by_journey)) == sorted(map(id, all_open))
    by_severity = [
        len(filter_findings(report.findings, FindingFilter(at_least=s)))
        for s in ("info", "warning", "error")
    ]
    assert by_severity == sorted(by_severity, reverse=True)
