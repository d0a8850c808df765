"""``ple portfolio`` from the command line."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
from click.testing import CliRunner

from ple.cli.main import cli
from tests.conftest import DATA, SMALL


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_table_has_every_view_and_says_what_it_counts():
    result = run("portfolio", str(SMALL))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(
        "Counting today's journeys (current state): 1 journey, 1 life "
        "experience. Left out: 1 journey"
    )
    for heading in (
        "AGENCIES IN THE MOST LIFE EXPERIENCES",
        "PROGRAMS IN THE MOST LIFE EXPERIENCES",
        "AGENCY PAIRS WITH THE MOST COLD OR UNDOCUMENTED HANDOFFS",
        '"TELL US ONCE" CANDIDATES',
        "AGENCY NETWORK",
    ):
        assert heading in out


def test_json_scope_and_top():
    result = run("portfolio", str(DATA), "--scope", "proposed", "--top", "3", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)["portfolio"]
    assert report["scope"] == "proposed"
    assert "approaching-retirement-future" in report["journeys"]
    assert "approaching-retirement" in report["left_out"]
    assert len(report["agencies"]) == len(report["tell_us_once"]) == 3
    assert {"from", "to", "type", "handoffs", "journeys"} <= set(report["network"]["edges"][0])


def test_markdown_tables():
    result = run("portfolio", str(SMALL), "--format", "md", "--scope", "all")
    assert result.exit_code == 0
    assert "## Agencies in the most life experiences\n\n| agency | life experiences |" in (
        result.stdout
    )


def test_network_file_graphml_and_html(tmp_path):
    graphml = tmp_path / "network.graphml"
    result = run("portfolio", str(DATA), "--network", str(graphml))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {graphml}\n"
    graph = nx.read_graphml(graphml, force_multigraph=True)
    assert graph.nodes["ssa"]["label"] == "SSA"
    assert any(
        data["type"] == "cold" and data["handoffs"] >= 1 for _, _, data in graph.edges(data=True)
    )
    ET.parse(graphml)  # well-formed XML
    page = tmp_path / "network.html"
    assert run("portfolio", str(SMALL), "--network", str(page)).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<html")


def test_network_file_must_be_html_or_graphml(tmp_path):
    result = run("portfolio", str(SMALL), "--network", str(tmp_path / "n.png"))
    assert result.exit_code == 2
    assert "--network FILE must end in .html or .graphml" in result.stderr


def test_unknown_scope_is_a_usage_error():
    result = run("portfolio", str(SMALL), "--scope", "future")
    assert result.exit_code == 2
