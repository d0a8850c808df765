"""The ``ple`` command: exit codes, stdout/stderr discipline, formats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from tests.conftest import CATALOG


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_validate_valid_workspace(small):
    result = run("validate", str(small))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "valid (3 files, 2 journeys, 6 steps)" in result.stderr


def test_validate_invalid_workspace_exits_1_with_located_messages(write):
    folder = write("catalog.yaml", CATALOG.replace("agency: ssa", "agency: sssa"))
    result = run("validate", str(folder))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{folder}/catalog.yaml:5:53: programs[0].agency: unknown agency 'sssa' "
        "(did you mean 'ssa'?)"
    )
    assert "Traceback" not in result.output


def test_validate_json_report(write):
    folder = write("catalog.yaml", CATALOG.replace("kind: fact", "kind: fakt"))
    result = run("validate", str(folder), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    [problem] = report["problems"]
    assert (problem["line"], problem["field"]) == (7, "data_items[0].kind")
    assert problem["message"] == (
        "'fakt' is not one of: fact, document, identity (did you mean 'fact'?)"
    )


@pytest.mark.parametrize(
    "payload",
    [
        b"agencies:\n  - !!python/object/apply:os.system ['true']\n",
        b"agencies: [\n",
        b"\xff\xfe\x00garbage",
        b"- just\n- a list\n",
        b"agencies:\n  - {id: ssa, name: [1, 2]}\n",
    ],
)
def test_bad_input_never_prints_a_traceback(write, payload):
    folder = write("bad.yaml", payload)
    result = subprocess.run(
        [sys.executable, "-m", "ple", "validate", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{folder}/bad.yaml" in result.stderr


def test_info_table_lists_each_journey(small):
    result = run("info", str(small))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "id",
        "name",
        "state",
        "stages",
        "steps",
        "agencies",
        "handoffs",
        "undocumented_handoffs",
        "volume_per_year",
    ]
    assert lines[2].startswith("retirement ")


TODAY = {
    "journey": "retirement",
    "from_step": "apply-retirement",
    "to_step": "enroll-part-b",
    "from_agency": "ssa",
    "to_agency": "cms",
    "type": "referral",
    "shares": ["ssn"],
    "condition": "Not yet enrolled in Medicare",
}
PROPOSED = {
    "journey": "retirement-future",
    "from_step": "apply-once",
    "to_step": "enroll-part-b",
    "from_agency": "ssa",
    "to_agency": "cms",
    "type": "automatic",
    "shares": ["ssn"],
    "condition": None,
}


def test_query_handoffs_json_has_the_documented_shape(small):
    result = run(
        "query", "handoffs", str(small), "--from", "ssa", "--to", "cms", "--format", "json"
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"handoffs": [TODAY]}
    assert result.stderr == (
        "1 handoff. Counting today's journeys (current state): "
        "1 journey. Left out: 1 journey (retirement-future).\n"
    )


@pytest.mark.parametrize(
    ("scope", "expected"),
    [("current", [TODAY]), ("proposed", [PROPOSED]), ("all", [TODAY, PROPOSED])],
)
def test_query_handoffs_counts_the_scope_chosen(small, scope, expected):
    result = run(
        "query",
        "handoffs",
        str(small),
        "--from",
        "ssa",
        "--to",
        "cms",
        "--format",
        "json",
        "--scope",
        scope,
    )
    assert json.loads(result.stdout)["handoffs"] == expected


def test_a_journey_named_is_answered_whatever_the_scope(small):
    result = run(
        "query", "handoffs", str(small), "--journey", "retirement-future", "--format", "json"
    )
    assert json.loads(result.stdout)["handoffs"] == [PROPOSED]
    assert "Counting the 1 journey named: retirement-future." in result.stderr


def test_query_handoffs_undocumented_is_null_in_json_and_a_word_in_tables(small):
    as_json = json.loads(
        run("query", "handoffs", str(small), "--type", "undocumented", "--format", "json").stdout
    )
    assert [(h["from_step"], h["type"]) for h in as_json["handoffs"]] == [("get-l564", None)]
    as_csv = list(
        csv.DictReader(
            io.StringIO(
                run(
                    "query", "handoffs", str(small), "--type", "undocumented", "--format", "csv"
                ).stdout
            )
        )
    )
    assert as_csv[0]["type"] == "undocumented"


def test_query_agencies_of_a_journey(small):
    result = run("query", "agencies", str(small), "--journey", "retirement", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["steps"]) for r in rows] == [("cms", "1"), ("employer", "1"), ("ssa", "2")]


def test_unknown_journey_is_a_usage_error(small):
    result = run("query", "agencies", str(small), "--journey", "retirment")
    assert result.exit_code == 2
    assert "no journey 'retirment'" in result.stderr


def test_bad_option_value_is_a_usage_error(small):
    result = run("query", "handoffs", str(small), "--type", "lukewarm")
    assert result.exit_code == 2


def test_query_path_and_shared(small):
    result = run(
        "query",
        "path",
        str(small),
        "--journey",
        "retirement",
        "--from",
        "check-estimate",
        "--to",
        "enroll-part-b",
        "--format",
        "json",
    )
    assert [r["step"] for r in json.loads(result.stdout)["path"]] == [
        "check-estimate",
        "apply-retirement",
        "enroll-part-b",
    ]
    # Only the proposal shares programs with today's journey: nothing recurs among
    # today's journeys alone.
    shared = json.loads(
        run("query", "shared", str(small), "--kind", "program", "--format", "json").stdout
    )
    assert shared["shared"] == []
    shared = json.loads(
        run(
            "query", "shared", str(small), "--kind", "program", "--format", "json", "--scope", "all"
        ).stdout
    )
    assert [r["id"] for r in shared["shared"]] == ["medicare-part-b", "ssa-retirement"]


def test_schema_is_json_schema_for_both_file_shapes():
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    titles = {d.get("title") for d in schema["$defs"].values()}
    assert {"JourneyFile", "CollectionsFile", "Step"} <= titles
