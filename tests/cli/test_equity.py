"""``ple equity`` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from ple.cli.main import cli
from ple.io import load_workspace
from tests.conftest import CATALOG, DATA

# apply (online only) -> enroll (mail, end)
JOURNEY = """
id: retire
name: Retire
personas:
  - {id: offline, name: "<script>alert('x')</script> | offline", can_use: {channels: [mail]}}
steps:
  - id: apply
    name: Apply
    agency: ssa
    channels: [online]
    languages: [en]
    burden: {minutes: 30}
    next:
      - to: enroll
        handoff: {type: cold}
  - id: enroll
    name: Enroll
    agency: cms
    channels: [mail]
    end: true
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def folder(write) -> str:
    write("catalog.yaml", CATALOG)
    return str(write("retire.yaml", JOURNEY))


def test_json_has_one_result_per_persona_as_documented(write):
    result = run("equity", folder(write), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)["results"]
    assert [r["persona"] for r in results] == [
        "no-internet",
        "limited-english-es",
        "cannot-travel",
        "screen-reader",
        "offline",
    ]
    offline = results[-1]
    assert {k: offline[k] for k in ("journey", "completes", "blocked", "lost")} == {
        "journey": "retire",
        "completes": False,
        "blocked": [
            {"step": "apply", "reasons": ["offered only online, which this person cannot use"]}
        ],
        "lost": ["enroll"],
    }
    assert offline["persona_name"] == "<script>alert('x')</script> | offline"
    assert offline["burden"]["minutes"] == 0
    assert offline["unconstrained_burden"]["minutes"] == 30
    spanish = results[1]
    assert spanish["completes"] is False  # apply is in English only
    assert results[3]["completes"] is None  # nothing records accommodations: unverified
    assert results[3]["unverified"][0] == {
        "step": "apply",
        "unknowns": ["does not say whether it offers screen reader"],
    }


def test_a_persona_shut_out_fails_the_run_unless_told_never(write):
    path = folder(write)
    assert run("equity", path, "--as", "offline").exit_code == 1
    assert run("equity", path, "--as", "offline", "--fail-on", "never").exit_code == 0
    assert run("equity", path, "--as", "cannot-travel").exit_code == 0


def test_the_table_and_markdown_keep_a_hostile_persona_as_text(write):
    path = folder(write)
    table = run("equity", path, "--as", "offline", "--fail-on", "never")
    assert "apply: offered only online, which this person cannot use" in table.stdout
    markdown = run("equity", path, "--as", "offline", "--format", "md", "--fail-on", "never")
    assert markdown.stdout.splitlines()[2].startswith(
        "| Retire | &lt;script&gt;alert('x')&lt;/script&gt; \\| offline | cannot complete | "
        "Apply (offered only online, which this person cannot use) |"
    )
    assert "1 walks: 1 cannot complete" in markdown.stderr


def test_unknown_names_are_usage_errors(write):
    path = folder(write)
    result = run("equity", path, "--as", "ofline")
    assert result.exit_code == 2
    assert (
        "no persona 'ofline' built in or in journey 'retire' (did you mean 'offline'?)"
        in result.stderr
    )
    assert run("equity", path, "--journey", "retir").exit_code == 2


def test_bundled_data_runs_in_a_real_process_without_a_traceback():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ple",
            "equity",
            str(DATA),
            "--format",
            "json",
            "--fail-on",
            "never",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    results = json.loads(done.stdout)["results"]
    workspace = load_workspace(DATA).workspace
    today = [j for j in workspace.journeys.values() if j.state.value == "current"]
    own = sum(1 for j in today for p in j.personas if p.can_use or p.needs)
    assert len(results) == 4 * len(today) + own  # today's journeys: built-ins, own ones
    assert {r["journey"] for r in results} == {j.id for j in today}
    assert "Counting today's journeys (current state): 6 journeys." in done.stderr
