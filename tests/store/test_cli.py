"""``ple sync`` and ``--backend`` on every command that reads a workspace, on a real
FalkorDB server and a real Neo4j: the database gives the same output as the files, and
every failure is one sentence with the documented exit code."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from tests.conftest import DATA, SMALL
from tests.store.conftest import NAMES
from tests.store.falkordb_server import free_port

SECRET = "never-print-me"

READING_COMMANDS = [
    (["query", "handoffs"], ["--from", "ssa"]),
    (["query", "handoffs"], ["--type", "undocumented"]),
    (["query", "agencies"], ["--journey", "approaching-retirement"]),
    (["query", "programs"], ["--journey", "having-a-child"]),
    (["query", "journeys"], ["--agency", "ssa"]),
    (
        ["query", "path"],
        [
            "--journey",
            "approaching-retirement",
            "--from",
            "check-estimate",
            "--to",
            "medicare-card-issued",
        ],
    ),
    (["query", "shared"], ["--kind", "data_item"]),
    (["query", "program-suggestions"], ["--journey", "having-a-child"]),
    (["gaps"], ["--fail-on", "never"]),
    (["info"], []),
    (["metrics"], []),
    (["equity"], ["--fail-on", "never"]),
    (["equity"], ["--journey", "having-a-child", "--as", "no-internet"]),
    (["compare"], []),
    (["compare"], ["recovering-from-a-disaster-future"]),
    (["portfolio"], []),
    (["portfolio"], ["--scope", "all", "--top", "0"]),
]
"""Every command that reads a workspace (``export`` and ``app`` have tests of their own),
as ``COMMAND PATH ARGS`` on the files and ``COMMAND ARGS --backend B`` on the database."""


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_sync_then_every_command_answers_as_from_the_files(backend):
    first = run("sync", str(DATA), "--backend", backend)
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    assert first.stderr.startswith(f"synced to {NAMES[backend]} at ")
    assert "0 unchanged, 0 removed" in first.stderr
    assert len(first.stderr.splitlines()) == 1, first.stderr  # no driver notes on stderr
    second = run("sync", str(DATA), "--backend", backend)
    assert "0 journey(s) written" in second.stderr

    for command, args in READING_COMMANDS:
        files = run(*command, str(DATA), *args, "--format", "json")
        database = run(*command, *args, "--backend", backend, "--format", "json")
        assert files.exit_code == 0, (command, files.output)
        assert (database.exit_code, database.stdout) == (files.exit_code, files.stdout), command
        assert database.stderr == files.stderr, command


def test_export_from_the_database_writes_the_same_file(backend, tmp_path):
    run("sync", str(SMALL), "--backend", backend)
    from_files = tmp_path / "files.json"
    from_database = tmp_path / "database.json"
    assert (
        run(
            "export",
            str(SMALL),
            "--journey",
            "retirement",
            "--format",
            "json",
            "-o",
            str(from_files),
        ).exit_code
        == 0
    )
    result = run(
        "export",
        "--backend",
        backend,
        "--journey",
        "retirement",
        "--format",
        "json",
        "-o",
        str(from_database),
    )
    assert result.exit_code == 0, result.output
    assert from_database.read_bytes() == from_files.read_bytes()


def test_an_unknown_id_is_still_a_usage_error(backend):
    run("sync", str(SMALL), "--backend", backend)
    result = run("query", "agencies", "--journey", "retirment", "--backend", backend)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: no journey 'retirment' in the workspace (did you mean 'retirement'?)\n"
    )


def test_a_large_sync_shows_progress(backend, monkeypatch):
    from ple.cli import sync as sync_command

    monkeypatch.setattr(sync_command, "PROGRESS_FROM_STEPS", 1)
    result = run("sync", str(SMALL), "--backend", backend)
    assert result.exit_code == 0
    assert f"Writing to {NAMES[backend]} at" in result.stderr


def test_unreachable_server_is_one_sentence_and_exit_1(monkeypatch):
    monkeypatch.setenv("FALKORDB_PASSWORD", SECRET)
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    port = free_port()
    for args in (
        ["sync", str(SMALL), "--backend", "falkordb", "--uri", f"redis://127.0.0.1:{port}"],
        ["query", "handoffs", "--backend", "neo4j", "--uri", f"bolt://127.0.0.1:{port}"],
        ["gaps", "--backend", "falkordb", "--uri", f"redis://127.0.0.1:{port}"],
    ):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stdout == ""
        assert result.stderr.startswith("error: cannot reach ")
        assert len(result.stderr.strip().splitlines()) == 1
        assert SECRET not in result.output


def test_an_empty_database_says_how_to_fill_it(backend):
    for command in (["query", "handoffs"], ["gaps"], ["compare"], ["portfolio"]):
        result = run(*command, "--backend", backend)
        assert result.exit_code == 1
        assert result.stderr.endswith(
            f"holds no ple workspace yet; write one with `ple sync PATH --backend {backend}`\n"
        ), command
        assert len(result.stderr.splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "handoffs", str(SMALL), "--backend", "falkordb"], "leave out PATH"),
        (
            ["query", "handoffs", "--backend", "neo4j", "--uri", "bolt://neo4j:pw@localhost:7687"],
            "--uri must not contain a password",
        ),
        (
            ["query", "handoffs", str(SMALL), "--uri", "bolt://localhost:7687"],
            "--uri and --database go with --backend neo4j or falkordb",
        ),
        (["query", "handoffs"], "give a workspace PATH"),
        (["sync", str(SMALL)], "Missing option '--backend'"),
        (["sync", str(SMALL), "--backend", "networkx"], "Invalid value for '--backend'"),
        (["app", str(SMALL), "--backend", "falkordb"], "leave out PATH"),
        (["compare", str(DATA), "--backend", "neo4j"], "leave out PATH"),
        (["compare", "a", "b", "c", "--backend", "neo4j"], "at most two journeys"),
        (["compare", str(DATA), "a", "b", "c"], "at most two journeys"),
        (["compare"], "give a workspace PATH"),
        (["portfolio", str(DATA), "--backend", "falkordb"], "leave out PATH"),
        (["portfolio"], "give a workspace PATH"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_no_traceback_from_a_real_process():
    """The installed command, as people run it: one line on stderr, exit 1."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ple",
            "sync",
            str(SMALL),
            "--backend",
            "neo4j",
            "--uri",
            f"bolt://127.0.0.1:{free_port()}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:")


def test_roll_up_reads_the_same_from_the_database(backend, tmp_path):
    """A two-level chain of detail journeys (tests/metrics/test_rollup.py) synced, then
    rolled up and kept apart from the database as from the files."""
    from tests.conftest import CATALOG
    from tests.metrics.test_rollup import CARD, CHECK, LIFE

    for name, text in (
        ("catalog.yaml", CATALOG),
        ("card.yaml", CARD),
        ("check.yaml", CHECK),
        ("life.yaml", LIFE),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    synced = run("sync", str(tmp_path), "--backend", backend)
    assert synced.exit_code == 0, synced.output
    for command, args in (
        (["metrics"], ["--journey", "life", "--roll-up"]),
        (["metrics"], ["--keep-apart"]),
        (["portfolio"], ["--scope", "all", "--roll-up"]),
    ):
        files = run(*command, str(tmp_path), *args, "--format", "json")
        database = run(*command, *args, "--backend", backend, "--format", "json")
        assert files.exit_code == 0, files.output
        assert (database.exit_code, database.stdout) == (0, files.stdout), command
    rolled = run(
        "metrics", "--journey", "life", "--roll-up", "--backend", backend, "--format", "json"
    )
    assert '"rolled_up": true' in rolled.stdout and '"minutes": 60.0' in rolled.stdout
