"""One scope for every total: the rule, what a total says beside it, and every command
that adds up across journeys counting the same journeys."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from ple.io import load_workspace
from ple.scope import Counted, Scope, counted, select
from tests.conftest import DATA, SMALL

TRIPLES = [
    ("retire", "current", None),
    ("retire-future", "future", "retire"),
    ("retire-other", "future", "retire"),
    ("birth", "current", None),
    ("new-idea", "future", None),
]


@pytest.mark.parametrize(
    ("scope", "ids"),
    [
        (Scope.current, ["birth", "retire"]),
        (Scope.proposed, ["birth", "new-idea", "retire-future", "retire-other"]),
        (Scope.all, ["birth", "new-idea", "retire", "retire-future", "retire-other"]),
    ],
)
def test_the_rule(scope, ids):
    assert select(TRIPLES, scope) == ids


def test_a_total_says_what_it_counts_and_leaves_out():
    chosen = Counted.of([i for i, _, _ in TRIPLES], select(TRIPLES, "current"), "current")
    assert chosen.sentence({"retire-future": "Retire, proposed"}) == (
        "Counting today's journeys (current state): 2 journeys. Left out: 3 journeys "
        "(new-idea, Retire, proposed, retire-other)."
    )
    named = Counted.of([i for i, _, _ in TRIPLES], [], "current", ["retire-future"])
    assert named.journeys == ("retire-future",) and named.named
    assert named.sentence() == "Counting the 1 journey named: retire-future."


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(
    ("command", "journeys"),
    [
        (["info", "--format", "json"], lambda out: {r["id"] for r in out["journeys"]}),
        (
            ["gaps", "--format", "json", "--fail-on", "never"],
            lambda out: {f["journey"] for f in out["findings"]},
        ),
        (["metrics", "--format", "json"], lambda out: {r["journey"] for r in out["metrics"]}),
        (
            ["equity", "--format", "json", "--fail-on", "never"],
            lambda out: {r["journey"] for r in out["results"]},
        ),
        (["portfolio", "--format", "json"], lambda out: set(out["portfolio"]["journeys"])),
    ],
)
@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (None, {"retirement"}),
        ("current", {"retirement"}),
        ("proposed", {"retirement-future"}),
        ("all", {"retirement", "retirement-future"}),
    ],
)
def test_every_command_counts_the_scope_chosen_today_by_default(command, journeys, scope, expected):
    result = run(*command, str(SMALL), *(["--scope", scope] if scope else []))
    assert result.exit_code == 0, result.output
    assert journeys(json.loads(result.stdout)) == expected
    if command[0] != "portfolio":  # which says so in its own output
        assert "Counting " in result.stderr


def test_the_bundled_data_counts_agree_across_commands():
    """Cold handoffs of today's journeys: the portfolio's network, the handoff query and
    the journeys ple info counts all see the same six journeys and 22 cold handoffs."""
    portfolio = json.loads(run("portfolio", str(DATA), "--format", "json").stdout)["portfolio"]
    cold = sum(e["handoffs"] for e in portfolio["network"]["edges"] if e["type"] == "cold")
    query = json.loads(
        run("query", "handoffs", str(DATA), "--type", "cold", "--format", "json").stdout
    )["handoffs"]
    info = json.loads(run("info", str(DATA), "--format", "json").stdout)["journeys"]
    workspace = load_workspace(DATA).workspace
    assert cold == len(query) == 22
    assert {r["id"] for r in info} == set(portfolio["journeys"]) == set(counted(workspace).journeys)
