"""``ple sync`` and ``--backend`` on the commands that read a workspace, on a real
FalkorDB server: the database gives the same output as the files, and every failure is
one sentence with the documented exit code."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from tests.conftest import DATA, SMALL
from tests.store.conftest import TEST_GRAPH
from tests.store.falkordb_server import free_port

pytestmark = pytest.mark.falkordb

SECRET = "never-print-me"


@pytest.fixture
def env(falkordb, falkordb_server_info, monkeypatch):
    """FALKORDB_URL and FALKORDB_GRAPH pointing at the test graph (emptied around the test)."""
    monkeypatch.setenv("FALKORDB_URL", falkordb_server_info.url)
    monkeypatch.setenv("FALKORDB_GRAPH", TEST_GRAPH)
    return falkordb


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_sync_then_every_command_answers_as_from_the_files(env):
    first = run("sync", str(DATA), "--backend", "falkordb")
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    assert "synced to FalkorDB at redis://127.0.0.1:" in first.stderr
    assert "0 unchanged, 0 removed" in first.stderr
    second = run("sync", str(DATA), "--backend", "falkordb")
    assert "0 journey(s) written" in second.stderr

    for command in (["query", "handoffs", "--from", "ssa"],
                    ["query", "handoffs", "--type", "undocumented"],
                    ["query", "agencies", "--journey", "approaching-retirement"],
                    ["query", "programs", "--journey", "having-a-child"],
                    ["query", "journeys", "--agency", "ssa"],
                    ["query", "path", "--journey", "approaching-retirement", "--from",
                     "check-estimate", "--to", "medicare-card-issued"],
                    ["query", "shared", "--kind", "data_item"],
                    ["query", "program-suggestions", "--journey", "having-a-child"],
                    ["gaps", "--fail-on", "never"],
                    ["info"],
                    ["metrics"]):
        files = run(*command, str(DATA), "--format", "json")
        database = run(*command, "--backend", "falkordb", "--format", "json")
        assert (database.exit_code, database.stdout) == (files.exit_code, files.stdout), command


def test_export_from_the_database_writes_the_same_file(env, tmp_path):
    run("sync", str(SMALL), "--backend", "falkordb")
    from_files = tmp_path / "files.json"
    from_database = tmp_path / "database.json"
    assert run("export", str(SMALL), "--journey", "retirement", "--format", "json",
               "-o", str(from_files)).exit_code == 0
    result = run("export", "--backend", "falkordb", "--journey", "retirement", "--format",
                 "json", "-o", str(from_database))
    assert result.exit_code == 0, result.output
    assert from_database.read_bytes() == from_files.read_bytes()


def test_an_unknown_id_is_still_a_usage_error(env):
    run("sync", str(SMALL), "--backend", "falkordb")
    result = run("query", "agencies", "--journey", "retirment", "--backend", "falkordb")
    assert result.exit_code == 2
    assert result.stderr == ("error: no journey 'retirment' in the workspace "
                             "(did you mean 'retirement'?)\n")


def test_a_large_sync_shows_progress(env, monkeypatch):
    from ple.cli import sync as sync_command

    monkeypatch.setattr(sync_command, "PROGRESS_FROM_STEPS", 1)
    result = run("sync", str(SMALL), "--backend", "falkordb")
    assert result.exit_code == 0
    assert "Writing to FalkorDB at" in result.stderr


def test_unreachable_server_is_one_sentence_and_exit_1(monkeypatch):
    monkeypatch.setenv("FALKORDB_PASSWORD", SECRET)
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    port = free_port()
    for args in (["sync", str(SMALL), "--backend", "falkordb", "--uri",
                  f"redis://127.0.0.1:{port}"],
                 ["query", "handoffs", "--backend", "neo4j", "--uri", f"bolt://127.0.0.1:{port}"],
                 ["gaps", "--backend", "falkordb", "--uri", f"redis://127.0.0.1:{port}"]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stdout == ""
        assert result.stderr.startswith("error: cannot reach ")
        assert len(result.stderr.strip().splitlines()) == 1
        assert SECRET not in result.output


def test_an_empty_database_says_how_to_fill_it(env):
    result = run("query", "handoffs", "--backend", "falkordb")
    assert result.exit_code == 1
    assert "holds no ple workspace yet; write one with `ple sync PATH --backend falkordb`" \
        in result.stderr


@pytest.mark.parametrize("args, message", [
    (["query", "handoffs", str(SMALL), "--backend", "falkordb"], "leave out PATH"),
    (["query", "handoffs", "--backend", "neo4j", "--uri", "bolt://neo4j:pw@localhost:7687"],
     "--uri must not contain a password"),
    (["query", "handoffs", str(SMALL), "--uri", "bolt://localhost:7687"],
     "--uri and --database go with --backend neo4j or falkordb"),
    (["query", "handoffs"], "give a workspace PATH"),
    (["sync", str(SMALL)], "Missing option '--backend'"),
    (["sync", str(SMALL), "--backend", "networkx"], "Invalid value for '--backend'"),
    (["app", str(SMALL), "--backend", "falkordb"], "leave out PATH"),
])
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_no_traceback_from_a_real_process():
    """The installed command, as people run it: one line on stderr, exit 1."""
    done = subprocess.run([sys.executable, "-m", "ple", "sync", str(SMALL), "--backend", "neo4j",
                           "--uri", f"bolt://127.0.0.1:{free_port()}"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:")
