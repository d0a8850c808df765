"""The loader can judge files that are not written yet (the editor's check before a save)."""

from __future__ import annotations

from pathlib import Path

from ple.io import load_workspace


def test_given_content_replaces_the_file_on_disk(small):
    file = Path(small) / "journeys" / "retirement.yaml"
    broken = file.read_bytes().replace(b"agency: employer", b"agency: employr")
    result = load_workspace(small, overrides={file: broken})
    assert [str(p) for p in result.errors] == [
        f"{file}:37:5: steps[2].agency: unknown agency 'employr' (did you mean 'employer'?)"
    ]
    assert load_workspace(small).ok  # nothing was written


def test_a_new_file_joins_the_workspace_and_none_removes_one(small):
    folder = Path(small)
    new = folder / "journeys" / "extra.yaml"
    result = load_workspace(
        small,
        overrides={
            new: b"id: extra\nname: Extra\nsteps:\n  - {id: a, name: A, agency: ssa, end: true}\n"
        },
    )
    assert result.ok and "extra" in result.workspace.journeys and not new.exists()
    gone = load_workspace(small, overrides={folder / "journeys" / "future.yaml": None})
    assert gone.ok and "retirement-future" not in gone.workspace.journeys


def test_a_file_outside_the_workspace_is_not_part_of_it(small, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    result = load_workspace(small, overrides={outside: b"agencies: [{id: x, name: X}]\n"})
    assert "x" not in result.workspace.agencies
