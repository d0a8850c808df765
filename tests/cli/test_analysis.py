"""``ple gaps`` and ``ple metrics`` from the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ple.cli.main import cli
from ple.gaps import all_rules
from tests.conftest import CATALOG

DEAD_END = """
id: retire
name: Retire
steps:
  - id: apply
    name: Apply
    agency: ssa
    channels: [online, phone]
    next:
      - to: enroll
        handoff: {type: cold}
  - id: enroll
    name: Enroll
    agency: cms
    channels: [online, mail]
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def workspace_with(write, journey: str):
    write("catalog.yaml", CATALOG)
    return str(write("retire.yaml", journey))


def test_gaps_json_has_findings_and_summary_and_fails_on_errors(write):
    folder = workspace_with(write, DEAD_END)
    result = run("gaps", folder, "--format", "json")
    assert result.exit_code == 1  # the dead end is an error
    report = json.loads(result.stdout)
    rules = sorted(f["rule"] for f in report["findings"])
    assert rules == ["cold-handoff", "dead-end"]
    assert report["summary"]["by_severity"] == {"warning": 1, "error": 1}
    dead_end = next(f for f in report["findings"] if f["rule"] == "dead-end")
    assert dead_end["step"] == "enroll" and dead_end["agencies"] == ["cms"]
    assert dead_end["message"] == (
        "The journey stops at 'Enroll' (CMS): it has no next step and is not marked as an end."
    )


def test_fail_on_controls_the_exit_code(write):
    ended = DEAD_END.replace(
        "    channels: [online, mail]\n", "    channels: [online, mail]\n    end: true\n"
    )
    folder = workspace_with(write, ended)
    assert run("gaps", folder).exit_code == 0
    assert run("gaps", folder, "--fail-on", "warning").exit_code == 1
    assert run("gaps", folder, "--fail-on", "never").exit_code == 0


def test_accepted_findings_do_not_fail_the_run(write):
    accepted = DEAD_END + (
        "accepted_findings:\n"
        "  - {rule: dead-end, step: enroll, reason: Enrollment ends the mapped scope}\n"
    )
    result = run("gaps", workspace_with(write, accepted), "--format", "json")
    assert result.exit_code == 0
    [finding] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "dead-end"]
    assert finding["accepted"] is True
    assert finding["accepted_reason"] == "Enrollment ends the mapped scope"


def test_rule_and_severity_filters(write):
    folder = workspace_with(write, DEAD_END)
    only = json.loads(run("gaps", folder, "--rule", "cold-handoff", "--format", "json").stdout)
    assert [f["rule"] for f in only["findings"]] == ["cold-handoff"]
    errors = json.loads(run("gaps", folder, "--min-severity", "error", "--format", "json").stdout)
    assert [f["rule"] for f in errors["findings"]] == ["dead-end"]


def test_unknown_rule_is_a_usage_error(write):
    result = run("gaps", workspace_with(write, DEAD_END), "--rule", "dead-ends")
    assert result.exit_code == 2
    assert "did you mean 'dead-end'" in result.stderr


def test_list_and_explain_rules():
    listed = run("gaps", "--list-rules", "--format", "csv").stdout
    assert listed.splitlines()[0] == "id,severity,title,detects"
    assert len(listed.splitlines()) == 1 + len(all_rules())
    explained = run("gaps", "--explain", "repeated-request").stdout
    assert explained.startswith("repeated-request: Same information requested again")
    assert "Why it matters:" in explained and "Basis:" in explained


def test_gaps_markdown_report(write):
    result = run("gaps", workspace_with(write, DEAD_END), "--format", "md")
    assert result.stdout.startswith("| severity | rule | journey |")


def test_metrics_table_and_json(write):
    folder = workspace_with(write, DEAD_END)
    data = json.loads(run("metrics", folder, "--format", "json").stdout)
    [row] = data["metrics"]
    assert (row["journey"], row["steps"], row["handoffs"]) == ("retire", 2, {"cold": 1})
    table = run("metrics", folder).stdout
    assert table.splitlines()[0].split()[:3] == ["journey", "persona", "steps"]


def test_metrics_unknown_persona_is_a_usage_error(write):
    result = run(
        "metrics", workspace_with(write, DEAD_END), "--journey", "retire", "--persona", "nobody"
    )
    assert result.exit_code == 2
