"""Every statement Neo4j is sent parses with Neo4j's own Cypher parser.

``@neo4j-cypher/language-support`` (npm, pinned in tests/store/neo4j-parser) is the
parser and linter of Neo4j's editors; ``lintCypherQuery`` reports syntax errors and
semantic warnings. It runs once, with the machine's Node.js, over the portable statements
and the Neo4j dialect of ``ple.store.cypher`` (FalkorDB's own schema statements are run
on FalkorDB by the other tests instead). Notices that a parameter is undefined are
expected: parameters are given when a statement runs.

Without Node.js or the npm package the test is skipped, unless
``PLE_REQUIRE_CYPHER_PARSER=1`` (set by .ci/run): then it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ple.store import cypher

PARSER = Path(__file__).resolve().parent / "neo4j-parser"
PACKAGE = PARSER / "node_modules" / "@neo4j-cypher" / "language-support"

ACCEPTED_WARNINGS = {
    (
        "neo4j:PATH_STEP",
        "Using shortest path with an unbounded pattern",
    ): "a path between two steps of one journey is bounded by the journey's steps; a "
    "fixed bound would silently miss long paths",
}
"""Warnings looked at and kept, with the reason."""


def unavailable(reason: str) -> None:
    if os.environ.get("PLE_REQUIRE_CYPHER_PARSER") == "1":
        pytest.fail(f"{reason} (PLE_REQUIRE_CYPHER_PARSER=1)", pytrace=False)
    pytest.skip(reason)


def lint(statements: dict[str, str]) -> dict:
    node = shutil.which("node")
    if node is None:
        unavailable("Node.js is not installed (apt-get install nodejs npm)")
    if not PACKAGE.is_dir():
        unavailable(
            "the Neo4j Cypher parser is not installed (npm ci --prefix tests/store/neo4j-parser)"
        )
    schema = {
        "labels": [*cypher.LABELS.values(), cypher.WORKSPACE_LABEL],
        "relationshipTypes": list(cypher.RELATIONSHIP_TYPES.values()),
    }
    done = subprocess.run(
        [node, str(PARSER / "lint.cjs")],
        cwd=PARSER,
        text=True,
        input=json.dumps({"statements": statements, "schema": schema}),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def diagnostics() -> dict:
    statements = {
        name: text
        for name, text in cypher.all_statements().items()
        if not name.startswith("falkordb:")
    }
    result = lint(statements)
    assert set(result["diagnostics"]) == set(statements)
    return result


def notes(result: dict, name: str, severity: int) -> list[str]:
    return [
        d["message"]
        for d in result["diagnostics"][name]
        if d["severity"] == severity and not d["message"].startswith("Parameter $")
    ]


def test_every_statement_parses_as_neo4j_cypher(diagnostics):
    errors = {name: notes(diagnostics, name, 1) for name in diagnostics["diagnostics"]}
    assert {name: e for name, e in errors.items() if e} == {}


def test_no_warning_except_the_accepted_ones(diagnostics):
    unexpected = {}
    for name in diagnostics["diagnostics"]:
        for message in notes(diagnostics, name, 2):
            if not any(name == n and message.startswith(start) for n, start in ACCEPTED_WARNINGS):
                unexpected.setdefault(name, []).append(message)
    assert unexpected == {}


def test_the_parser_catches_mistakes():
    """The check is real: a misspelt keyword is an error, an unknown label a warning."""
    result = lint({"typo": "MATCH (n:Step) RETRUN n", "label": "MATCH (n:Stpe) RETURN n"})
    assert notes(result, "typo", 1)
    assert notes(result, "label", 2)
