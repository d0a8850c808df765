"""A folder the loader does not read is named in a warning, never left out unsaid."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from ple.io import load_workspace

CATALOG = "agencies:\n  - {id: ssa, name: SSA}\n"
JOURNEY = "id: {id}\nname: {id}\nsteps:\n  - {{id: a, name: A, agency: ssa, end: true}}\n"


def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "ples").mkdir(parents=True)
    (root / "catalog.yaml").write_text(CATALOG)
    (root / "ples" / "here.yaml").write_text(JOURNEY.format(id="here"))
    return root


def test_a_folder_linked_from_outside_is_refused_and_named(tmp_path: Path):
    root = workspace(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "there.yaml").write_text(JOURNEY.format(id="there"))
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    result = load_workspace(root, use_cache=False)
    [error] = result.errors
    assert error.file == str(root / "linked") and "outside the workspace" in error.message
    assert set(result.usable.journeys) == {"here"}  # what is inside is still read
    cli_result = CliRunner().invoke(cli, ["validate", str(root)])
    assert cli_result.exit_code == 1
    assert str(root / "linked") in cli_result.stderr


def test_a_folder_linked_from_inside_is_skipped_with_a_warning(tmp_path: Path):
    root = workspace(tmp_path)
    (root / "also").symlink_to(root / "ples", target_is_directory=True)
    result = load_workspace(root, use_cache=False)
    assert result.ok and set(result.workspace.journeys) == {"here"}
    [warning] = [p for p in result.problems if p.severity.value == "warning"]
    assert warning.file == str(root / "also") and "not followed" in warning.message


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads every folder, whatever its permissions",
)
def test_an_unreadable_folder_is_skipped_with_a_warning(tmp_path: Path):
    root = workspace(tmp_path)
    locked = root / "locked"
    locked.mkdir()
    (locked / "hidden.yaml").write_text(JOURNEY.format(id="hidden"))
    locked.chmod(0)
    try:
        result = load_workspace(root, use_cache=False)
    finally:
        locked.chmod(0o755)
    [problem] = result.problems
    assert problem.file == str(locked) and "cannot read" in problem.message
