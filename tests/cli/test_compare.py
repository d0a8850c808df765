"""``ple compare`` from the command line, on the hand-built pair of tests/compare."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from tests.compare.conftest import CATALOG, PROPOSED, TODAY
from tests.conftest import SMALL


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def folder(write) -> str:
    write("catalog.yaml", CATALOG)
    write("today.yaml", TODAY)
    return str(write("proposed.yaml", PROPOSED))


def test_table_names_the_pair_and_every_section(folder):
    result = run("compare", folder, "today", "proposed")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Retire today → Retire, proposed\n(today → proposed)\n")
    for heading in (
        "BURDEN FIGURES",
        "STEPS THAT CHANGED",
        "HANDOFFS THAT CHANGED",
        "WHAT THE CUSTOMER IS ASKED FOR",
        "GAP FINDINGS RESOLVED AND INTRODUCED",
    ):
        assert f"\n{heading}\n" in out
    assert "Steps: 1 added, 1 removed, 2 changed, 2 unchanged." in out
    assert "Handoffs: 1 cold → automatic, 1 new, 1 gone, 1 passing different data." in out
    assert "No longer asked for: Birth certificate." in out
    assert (
        "Customer minutes (hands-on): 195 → 100 (95 fewer; 1 step(s) today and 1 proposed "
        "do not record it)." in out
    )
    assert re.search(
        r"\nbetter +SSA: Apply +CMS: Enroll +cold +automatic +now passes Social "
        r"Security number\n",
        out,
    )
    assert result.stderr == ""


def test_json_holds_every_comparison(folder):
    result = run("compare", folder, "today", "proposed", "--format", "json")
    assert result.exit_code == 0
    [comparison] = json.loads(result.stdout)["comparisons"]
    assert (comparison["current"], comparison["future"], comparison["linked"]) == (
        "today",
        "proposed",
        True,
    )
    minutes = next(m for m in comparison["metrics"] if m["metric"] == "minutes")
    assert (minutes["delta"], minutes["bound"]) == (-95, "exact")
    visits = next(m for m in comparison["metrics"] if m["metric"] == "visits")
    assert (visits["delta"], visits["bound"]) == (None, "unknown")  # JSON keeps null


def test_markdown_is_the_brief(folder):
    result = run("compare", folder, "proposed", "--format", "md")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Retire today → Retire, proposed\n")
    assert "| Customer minutes (hands-on) | 195 | 100 | 95 fewer | 1 / 1 steps |" in result.stdout


def test_without_names_every_future_state_is_compared_with_its_baseline():
    result = run("compare", str(SMALL))
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Approaching retirement (test) → Approaching retirement, proposed\n"
    )


def test_a_current_state_alone_is_compared_with_its_proposals(folder):
    assert (
        run("compare", folder, "today").stdout == run("compare", folder, "today", "proposed").stdout
    )


def test_two_unlinked_journeys_are_compared_with_a_note(folder):
    result = run("compare", folder, "proposed", "today")
    assert result.exit_code == 0
    assert "Note: 'Retire today' does not name 'Retire, proposed' as its baseline" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["todya", "proposed"],
            "error: no journey 'todya' in the workspace (did you mean 'today'?)\n",
        ),
        (
            ["today", "today"],
            "error: cannot compare journey 'today' with itself: give a current and a future "
            "journey\n",
        ),
    ],
)
def test_bad_names_are_one_sentence_and_a_usage_error(folder, args, message):
    result = run("compare", folder, *args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert result.stdout == ""


def test_nothing_to_compare_says_what_to_give(write):
    write("catalog.yaml", CATALOG)
    result = run("compare", str(write("today.yaml", TODAY)))
    assert result.exit_code == 2
    assert result.stderr == (
        "error: no future-state journey in the workspace names a "
        "baseline: give the two journeys to compare\n"
    )


def test_an_invalid_workspace_exits_1(write):
    write("catalog.yaml", CATALOG)
    result = run("compare", str(write("broken.yaml", "id: broken\nname: [\n")))
    assert result.exit_code == 1
    assert "nothing loaded" in result.stderr
