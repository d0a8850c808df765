"""The gap engine: acceptances, settings, rule and journey selection, severities."""

from __future__ import annotations

import dataclasses

import pytest

from ple.errors import NotFoundError
from ple.gaps import FindingSeverity, analyze
from ple.model import AcceptedFinding, Workspace
from tests.gaps.helpers import BASE, edit, edits, run, workspace

COLD = edit(BASE, "type: warm", "type: cold")
"""One cold handoff, from 'apply' (SSA) to 'enroll' (CMS)."""

MIXED = edits(
    BASE,
    ("type: warm", "type: cold"),  # cold-handoff, warning
    ("end: true", "end: false"),  # dead-end, error
    ("    channels: [online, mail]\n", ""),  # single-channel, unverified info
)


def accepting(journey: str, *acceptances: str) -> str:
    """The journey with an ``accepted_findings`` list of the given YAML flow mappings."""
    listed = "".join(f"  - {acceptance}\n" for acceptance in acceptances)
    return edit(journey, "steps:\n", f"accepted_findings:\n{listed}steps:\n")


# --- accepted findings --------------------------------------------------------------------


def test_an_accepted_finding_is_still_reported_with_its_reason(write):
    journey = accepting(COLD, "{rule: cold-handoff, step: apply, reason: CMS calls back}")
    report = run(write, journey, "cold-handoff")
    [finding] = report.findings
    assert (finding.rule, finding.step, finding.accepted, finding.accepted_reason) == (
        "cold-handoff",
        "apply",
        True,
        "CMS calls back",
    )
    assert finding.to_dict()["accepted"] is True
    assert report.unused_acceptances == []


def test_an_accepted_finding_never_fails_a_run(write):
    journey = accepting(COLD, "{rule: cold-handoff, step: apply, reason: CMS calls back}")
    report = run(write, journey, "cold-handoff")
    assert report.failing(FindingSeverity.info) == []
    assert report.summary()["accepted"] == 1
    assert report.summary()["findings"] == 1
    assert report.summary()["by_rule"] == {}
    assert report.summary()["by_severity"] == {}


def test_the_same_finding_unaccepted_fails_a_warning_run(write):
    report = run(write, COLD, "cold-handoff")
    [finding] = report.failing(FindingSeverity.warning)
    assert (finding.accepted, finding.accepted_reason) == (False, None)
    assert report.failing(FindingSeverity.error) == []


@pytest.mark.parametrize(
    "where",
    [
        "step: apply, ",
        "transition: {from: apply, to: enroll}, ",
        "step: apply, transition: {from: apply, to: enroll}, ",
        "",  # names no location: covers the rule journey-wide
    ],
)
def test_an_acceptance_matches_on_every_location_it_names(write, where):
    journey = accepting(COLD, f"{{rule: cold-handoff, {where}reason: Known}}")
    report = run(write, journey, "cold-handoff")
    assert [f.accepted for f in report.findings] == [True]
    assert report.unused_acceptances == []


@pytest.mark.parametrize(
    "where",
    [
        "step: plan",
        "transition: {from: enroll, to: deduct}",
        "transition: {from: enroll, to: apply}",
        "step: apply, transition: {from: enroll, to: deduct}",
        "data_item: ssn",
    ],
)
def test_an_acceptance_naming_another_location_matches_nothing(write, where):
    journey = accepting(COLD, f"{{rule: cold-handoff, {where}, reason: Known}}")
    report = run(write, journey, "cold-handoff")
    assert [f.accepted for f in report.findings] == [False]
    [(journey_id, acceptance)] = report.unused_acceptances
    assert journey_id == "retire"
    assert isinstance(acceptance, AcceptedFinding)
    assert acceptance.rule == "cold-handoff"


def test_an_acceptance_of_another_rule_does_not_cover_a_finding(write):
    journey = accepting(COLD, "{rule: dead-end, step: apply, reason: Known}")
    report = run(write, journey)
    assert [(f.rule, f.accepted) for f in report.findings] == [("cold-handoff", False)]
    assert [a.rule for _, a in report.unused_acceptances] == ["dead-end"]
    assert report.summary()["unused_acceptances"] == [
        {"journey": "retire", "rule": "dead-end", "step": "apply", "reason": "Known"}
    ]


def test_an_acceptance_without_location_covers_every_finding_of_its_rule(write):
    journey = accepting(
        edits(
            BASE,
            ("channels: [online, phone]\n", "channels: [phone]\n"),
            ("channels: [online, mail]", "channels: [online]"),
        ),
        "{rule: single-channel, reason: Paper forms are being retired}",
    )
    report = run(write, journey)
    assert [(f.rule, f.step, f.accepted) for f in report.findings] == [
        ("single-channel", "plan", True),
        ("single-channel", "enroll", True),
    ]
    assert {f.accepted_reason for f in report.findings} == {"Paper forms are being retired"}


def test_an_acceptance_naming_a_data_item_covers_that_item_only(write):
    journey = accepting(
        edits(
            BASE,
            ("requests: [bank]", "requests: [ssn, bank]"),
            ("requests: [birth-proof]", "requests: [birth-proof, bank]"),
        ),
        "{rule: repeated-request, data_item: ssn, reason: CMS must check it itself}",
    )
    report = run(write, journey, "repeated-request")
    assert [(f.data_item, f.accepted) for f in report.findings] == [("ssn", True), ("bank", False)]


def test_an_acceptance_for_a_rule_not_run_is_not_reported_unused(write):
    journey = accepting(COLD, "{rule: dead-end, step: deduct, reason: Known}")
    assert run(write, journey, "cold-handoff").unused_acceptances == []
    assert len(run(write, journey, "dead-end").unused_acceptances) == 1


def test_an_acceptance_of_a_finding_below_min_severity_is_still_used(write):
    journey = accepting(MIXED, "{rule: single-channel, step: enroll, reason: Known}")
    report = run(write, journey, min_severity=FindingSeverity.warning)
    assert "single-channel" not in {f.rule for f in report.findings}
    assert report.unused_acceptances == []


# --- severities ---------------------------------------------------------------------------


def test_failing_counts_findings_at_the_given_severity_or_worse(write):
    report = run(write, MIXED)
    assert [(f.rule, f.severity.value) for f in report.findings] == [
        ("cold-handoff", "warning"),
        ("dead-end", "error"),
        ("single-channel", "info"),
    ]
    assert [f.rule for f in report.failing(FindingSeverity.error)] == ["dead-end"]
    assert [f.rule for f in report.failing(FindingSeverity.warning)] == ["cold-handoff", "dead-end"]
    assert len(report.failing(FindingSeverity.info)) == 3


def test_the_summary_counts_open_findings_by_severity_rule_and_unverified(write):
    summary = run(write, MIXED).summary()
    assert summary == {
        "findings": 3,
        "accepted": 0,
        "by_severity": {"warning": 1, "error": 1, "info": 1},
        "by_rule": {"cold-handoff": 1, "dead-end": 1, "single-channel": 1},
        "unverified": 1,
        "unused_acceptances": [],
        "warnings": [],
    }


@pytest.mark.parametrize(
    ("least", "rules"),
    [
        (FindingSeverity.info, ["cold-handoff", "dead-end", "single-channel"]),
        (FindingSeverity.warning, ["cold-handoff", "dead-end"]),
        (FindingSeverity.error, ["dead-end"]),
    ],
)
def test_min_severity_leaves_out_milder_findings(write, least, rules):
    report = run(write, MIXED, min_severity=least)
    assert [f.rule for f in report.findings] == rules


def test_a_finding_as_a_dict_names_its_transition_from_and_to(write):
    [finding] = run(write, COLD, "cold-handoff").findings
    data = finding.to_dict()
    assert data["transition"] == {"from": "apply", "to": "enroll"}
    assert (data["rule"], data["severity"], data["journey"], data["agencies"]) == (
        "cold-handoff",
        "warning",
        "retire",
        ["ssa", "cms"],
    )


# --- settings -----------------------------------------------------------------------------


def test_a_disabled_rule_does_not_run_by_default(write):
    settings = "settings: {gaps: {disabled_rules: [cold-handoff]}}\n"
    report = run(write, MIXED, settings=settings)
    assert [f.rule for f in report.findings] == ["dead-end", "single-channel"]
    assert report.warnings == []


def test_an_acceptance_for_a_disabled_rule_is_not_reported_unused(write):
    settings = "settings: {gaps: {disabled_rules: [dead-end]}}\n"
    journey = accepting(MIXED, "{rule: dead-end, reason: Scope ends here}")
    assert run(write, journey, settings=settings).unused_acceptances == []


def test_a_severity_override_leaves_unverified_findings_at_info(write):
    settings = "settings: {gaps: {severity: {single-channel: error}}}\n"
    journey = edit(BASE, "    channels: [online, mail]\n", "")
    [finding] = run(write, journey, "single-channel", settings=settings).findings
    assert (finding.unverified, finding.severity.value) == (True, "info")


def test_a_disabled_rule_still_runs_when_asked_for_by_id(write):
    settings = "settings: {gaps: {disabled_rules: [cold-handoff]}}\n"
    report = run(write, MIXED, "cold-handoff", settings=settings)
    assert [f.rule for f in report.findings] == ["cold-handoff"]


@pytest.mark.parametrize("severity", ["error", "info"])
def test_settings_override_a_rules_severity(write, severity):
    settings = f"settings: {{gaps: {{severity: {{cold-handoff: {severity}}}}}}}\n"
    report = run(write, MIXED, settings=settings)
    assert [(f.rule, f.severity.value) for f in report.findings] == [
        ("cold-handoff", severity),
        ("dead-end", "error"),
        ("single-channel", "info"),
    ]
    failing = [f.rule for f in report.failing(FindingSeverity.error)]
    assert ("cold-handoff" in failing) == (severity == "error")


def with_gap_settings(loaded: Workspace, changes: dict) -> Workspace:
    """``loaded`` with gap settings set in code, unchecked, as a server backend may hand
    them over."""
    gaps = loaded.settings.gaps.model_copy(update=changes)
    return dataclasses.replace(loaded, settings=loaded.settings.model_copy(update={"gaps": gaps}))


@pytest.mark.parametrize(
    ("settings", "warning"),
    [
        (
            {"disabled_rules": ["cold-handof"]},
            "settings name an unknown rule 'cold-handof' (did you mean 'cold-handoff'?)",
        ),
        ({"severity": {"nope": "error"}}, "settings name an unknown rule 'nope'"),
    ],
)
def test_unknown_rules_in_settings_not_read_from_files_are_warnings(write, settings, warning):
    """Files refuse an unknown rule in their settings (tests/io/test_loader_errors.py); a
    workspace put together in code or by a server backend is not checked that way, so the
    analysis still says what it ignored instead of failing."""
    report = analyze(with_gap_settings(workspace(write, MIXED), settings))
    assert report.warnings == [warning]
    assert report.summary()["warnings"] == [warning]
    assert len(report.findings) == 3


def test_an_unknown_severity_leaves_the_rules_own_with_a_warning(write):
    loaded = with_gap_settings(workspace(write, MIXED), {"severity": {"cold-handoff": "critical"}})
    report = analyze(loaded, rules=["cold-handoff"])
    assert report.warnings == ["settings give rule 'cold-handoff' an unknown severity 'critical'"]
    assert [f.severity for f in report.findings] == [FindingSeverity.warning]


# --- choosing rules and journeys ----------------------------------------------------------


def test_an_unknown_rule_id_is_not_found_with_a_suggestion(write):
    with pytest.raises(NotFoundError, match=r"no rule 'dead-ends' \(did you mean 'dead-end'\?\)"):
        run(write, BASE, "dead-ends")


def test_an_unknown_rule_id_without_near_miss_is_not_found(write):
    with pytest.raises(NotFoundError, match=r"^no rule 'nope'$"):
        run(write, BASE, "nope")


def test_rules_run_in_the_order_asked(write):
    report = analyze(workspace(write, MIXED), rules=["single-channel", "dead-end"])
    assert [f.rule for f in report.findings] == ["single-channel", "dead-end"]


def test_only_the_chosen_journeys_are_analyzed(write):
    write("other.yaml", edits(COLD, ("id: retire", "id: other"), ("type: cold", "type: warm")))
    ws = workspace(write, COLD)
    assert [f.journey for f in analyze(ws, rules=["cold-handoff"]).findings] == ["retire"]
    assert analyze(ws, journeys=["other"], rules=["cold-handoff"]).findings == []
    assert len(analyze(ws, journeys=["retire"], rules=["cold-handoff"]).findings) == 1


def test_an_unknown_journey_id_is_not_found_with_a_suggestion(write):
    with pytest.raises(NotFoundError, match=r"no journey 'retired'.*did you mean 'retire'"):
        analyze(workspace(write, BASE), journeys=["retired"])
