"""The service blueprint and evidence fields: each one loads, and each mistake in them is
reported at its place."""

from __future__ import annotations

from pathlib import Path

from ple.io import load_workspace
from ple.model import EvidenceLevel, TouchpointKind
from tests.conftest import CATALOG

TOUCHPOINTS = (
    CATALOG
    + """
touchpoints:
  - id: ssa-1
    name: Application for retirement benefits
    kind: form
    channel: online
    agency: ssa
    form_number: SSA-1
    omb_control_number: "0960-0618"
    sources: [https://omb.report/icr/202208-0960-002]
  - {id: ssa-phone, name: SSA national number, kind: call_centre, channel: phone, agency: ssa}
"""
)

JOURNEY = """
id: retire
name: Retire
volume:
  per_year: 1000
  source: a report
  evidence: {level: reported, sources: [a report]}
steps:
  - id: apply
    name: Apply
    agency: ssa
    touchpoints: [ssa-1, ssa-phone]
    frontstage:
      - {text: Claims specialist interviews the customer}
    backstage:
      - {text: Earnings record checked, system: Master Earnings File}
    support:
      - {text: Medicare enrolment passed on, agency: cms}
    moment_that_matters: true
    moment_reason: Income stops if this goes wrong.
    evidence: {level: observed, sources: [field study 2024]}
    burden: {minutes: 45, evidence: {level: reported}}
    measures: {ease: 3.2, evidence: {level: assumed}}
    detail: retire-apply
    next:
      - to: enroll
        share: 0.4
        evidence: {level: assumed}
  - id: enroll
    name: Enroll
    agency: cms
    end: true
"""

DETAIL = """
id: retire-apply
name: Applying for retirement benefits, in detail
steps:
  - {id: fill-in, name: Fill in SSA-1, agency: ssa, end: true}
"""


def messages(folder: Path) -> list[str]:
    result = load_workspace(folder)
    return [str(p).replace(f"{folder}/", "") for p in result.problems]


def test_every_blueprint_field_loads(write):
    write("catalog.yaml", TOUCHPOINTS)
    write("detail.yaml", DETAIL)
    folder = write("retire.yaml", JOURNEY)
    result = load_workspace(folder)
    assert result.problems == []
    workspace = result.workspace
    form = workspace.touchpoints["ssa-1"]
    assert form.kind is TouchpointKind.form and form.omb_control_number == "0960-0618"
    journey = workspace.journeys["retire"]
    apply = journey.steps[0]
    assert apply.touchpoints == ["ssa-1", "ssa-phone"]
    assert [(row, a.text) for row, a in apply.actions()] == [
        ("frontstage", "Claims specialist interviews the customer"),
        ("backstage", "Earnings record checked"),
        ("support", "Medicare enrolment passed on"),
    ]
    assert apply.support[0].agency == "cms" and apply.frontstage[0].agency is None
    assert apply.moment_that_matters and apply.moment_reason
    assert apply.evidence.level is EvidenceLevel.observed
    assert apply.burden.evidence.level is EvidenceLevel.reported
    assert apply.measures.evidence.level is EvidenceLevel.assumed
    assert apply.next[0].evidence.level is EvidenceLevel.assumed
    assert journey.volume.evidence.level is EvidenceLevel.reported
    assert apply.detail == "retire-apply"


def test_a_dangling_touchpoint_is_located(write):
    write("catalog.yaml", TOUCHPOINTS)
    write("detail.yaml", DETAIL)
    folder = write("retire.yaml", JOURNEY.replace("[ssa-1, ssa-phone]", "[ssa-1, ssa-fone]"))
    assert messages(folder) == [
        "retire.yaml:11:26: steps[0].touchpoints[1]: unknown touchpoint 'ssa-fone' "
        "(did you mean 'ssa-phone'?)",
    ]


def test_an_evidence_level_outside_the_list_is_located(write):
    write("catalog.yaml", TOUCHPOINTS)
    write("detail.yaml", DETAIL)
    folder = write("retire.yaml", JOURNEY.replace("level: observed", "level: measured"))
    assert messages(folder) == [
        "retire.yaml:20:16: steps[0].evidence.level: 'measured' is not one of: observed, "
        "reported, assumed (did you mean 'assumed'?)",
    ]


def test_a_detail_cycle_is_refused_at_each_step_on_it(write):
    write("catalog.yaml", TOUCHPOINTS)
    write("detail.yaml", DETAIL.replace("end: true}", "end: true, detail: retire}"))
    folder = write("retire.yaml", JOURNEY)
    result = load_workspace(folder)
    assert not result.ok
    assert [str(p).replace(f"{folder}/", "") for p in result.problems] == [
        "detail.yaml:4:64: steps[0].detail: detail journeys form a loop: retire-apply -> "
        "retire -> retire-apply; a journey cannot be told in more detail by itself",
        "retire.yaml:23:5: steps[0].detail: detail journeys form a loop: retire-apply -> "
        "retire -> retire-apply; a journey cannot be told in more detail by itself",
    ]


def test_a_step_cannot_detail_its_own_journey(write):
    write("catalog.yaml", TOUCHPOINTS)
    write("detail.yaml", DETAIL)
    folder = write("retire.yaml", JOURNEY.replace("detail: retire-apply", "detail: retire"))
    assert messages(folder) == [
        "retire.yaml:23:5: steps[0].detail: a step cannot be told in more detail by its own "
        "journey",
    ]


def test_an_unknown_detail_journey_is_located(write):
    write("catalog.yaml", TOUCHPOINTS)
    folder = write("retire.yaml", JOURNEY)
    assert messages(folder) == [
        "retire.yaml:23:5: steps[0].detail: unknown journey 'retire-apply' (did you mean "
        "'retire'?)",
    ]


def test_an_action_names_a_defined_agency(write):
    write("catalog.yaml", TOUCHPOINTS)
    write("detail.yaml", DETAIL)
    folder = write("retire.yaml", JOURNEY.replace("agency: cms}", "agency: irs}"))
    assert messages(folder) == [
        "retire.yaml:17:46: steps[0].support[0].agency: unknown agency 'irs'",
    ]


def test_only_a_form_has_form_and_control_numbers(write):
    folder = write("catalog.yaml", TOUCHPOINTS.replace("kind: form", "kind: letter"))
    assert messages(folder) == [
        "catalog.yaml:15:5: touchpoints[0].form_number: only a form has a form number; this "
        "touchpoint is a letter (set kind: form, or remove it)",
        "catalog.yaml:16:5: touchpoints[0].omb_control_number: only a form has an OMB "
        "control number; this touchpoint is a letter (set kind: form, or remove it)",
    ]


def test_a_control_number_has_the_omb_shape(write):
    folder = write("catalog.yaml", TOUCHPOINTS.replace('"0960-0618"', '"960-618"'))
    assert len(messages(folder)) == 1
    assert "touchpoints[0].omb_control_number" in messages(folder)[0]


def test_a_moment_that_matters_says_why(write):
    write("catalog.yaml", TOUCHPOINTS)
    write("detail.yaml", DETAIL)
    folder = write(
        "retire.yaml", JOURNEY.replace("    moment_reason: Income stops if this goes wrong.\n", "")
    )
    assert messages(folder) == [
        "retire.yaml:18:5: steps[0].moment_that_matters: warning: a moment that matters "
        "should say why, in moment_reason",
    ]
    folder = write(
        "retire.yaml", JOURNEY.replace("moment_that_matters: true", "moment_that_matters: false")
    )
    assert messages(folder) == [
        "retire.yaml:19:5: steps[0].moment_reason: a moment_reason belongs to a moment that "
        "matters (set moment_that_matters: true, or remove the reason)",
    ]


def test_the_same_touchpoint_is_one_catalog_entry(write):
    write("catalog.yaml", TOUCHPOINTS)
    folder = write(
        "more.yaml",
        """
        touchpoints:
          - {id: ssa-1, name: SSA-1 again, kind: form, agency: ssa}
        """,
    )
    assert messages(folder) == [
        "more.yaml:2:6: touchpoints[0].id: duplicate touchpoint id 'ssa-1'; the first "
        "definition is used (see catalog.yaml:10:5)",
    ]


def test_the_json_schema_knows_every_new_field():
    """An editor using `ple schema` accepts the blueprint journey and its touchpoints, and
    underlines an evidence level outside the list."""
    import jsonschema
    import yaml

    from ple.io.schema import workspace_file_schema

    validator = jsonschema.Draft202012Validator(workspace_file_schema())
    journey = yaml.safe_load(JOURNEY)
    catalog = yaml.safe_load(TOUCHPOINTS)
    assert list(validator.iter_errors(journey)) == []
    assert list(validator.iter_errors(catalog)) == []
    journey["steps"][0]["evidence"]["level"] = "measured"
    assert list(validator.iter_errors(journey))
