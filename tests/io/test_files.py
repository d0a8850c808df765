"""What a workspace folder holds besides plain files: links, pipes, folders nobody may
read. Each is read, or turned away with a message; none is opened blindly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ple.errors import Severity
from ple.io import load_workspace
from ple.io.files import Refused, read_bytes, scan
from ple.io.fingerprint import workspace_fingerprint
from tests.conftest import CATALOG


@pytest.fixture
def folder(write) -> Path:
    return write("catalog.yaml", CATALOG)


def said(found, name: str) -> list[tuple[Severity, str]]:
    return [(p.severity, p.message) for p in found.problems if Path(p.file).name == name]


def test_a_link_to_a_file_inside_the_workspace_is_read(folder):
    (folder / "shared").mkdir()
    (folder / "shared" / "more.txt").write_text("agencies: [{id: va, name: VA}]\n")
    (folder / "more.yaml").symlink_to(folder / "shared" / "more.txt")
    result = load_workspace(folder)
    assert result.ok and "va" in result.workspace.agencies


def test_a_linked_folder_is_not_followed_and_says_so(folder):
    (folder / "journeys").mkdir()
    (folder / "journeys" / "more.yaml").write_text("agencies: [{id: va, name: VA}]\n")
    (folder / "again").symlink_to(folder / "journeys")
    found = scan(folder)
    assert [f.name for f in found.files] == ["catalog.yaml", "more.yaml"]  # read once
    [(severity, message)] = said(found, "again")
    assert severity is Severity.warning and "not followed" in message


def test_a_linked_folder_outside_the_workspace_is_an_error(folder, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (folder / "outside").symlink_to(tmp_path / "elsewhere")
    [(severity, message)] = said(scan(folder), "outside")
    assert severity is Severity.error and "outside the workspace" in message


def test_a_broken_link_is_named(folder):
    (folder / "gone.yaml").symlink_to(folder / "nowhere.yaml")
    result = load_workspace(folder)
    assert not result.ok
    assert "a link that leads nowhere" in result.errors[0].message


def test_special_files_with_other_endings_are_not_workspace_files(folder):
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe")
    (folder / "notes.txt").symlink_to("/dev/zero")
    assert scan(folder).problems == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_never_read_whatever_looks_at_it(folder):
    os.mkfifo(folder / "x.yaml")
    with pytest.raises(Refused, match="named pipe"):
        read_bytes(folder / "x.yaml")
    workspace_fingerprint(folder)  # does not wait for a writer either
    from ple.edit.places import find_journeys

    assert find_journeys(folder) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_that_cannot_be_read_is_an_error(folder):
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = load_workspace(folder)
    finally:
        locked.chmod(0o755)
    assert not result.ok and "cannot read folder" in result.errors[0].message


def test_reading_stops_at_the_limit_even_if_the_size_said_less(tmp_path):
    file = tmp_path / "x.yaml"
    file.write_bytes(b"a" * 2_000)
    with pytest.raises(Refused, match="over the limit of 1,000 bytes"):
        read_bytes(file, max_bytes=1_000)
    assert read_bytes(file, max_bytes=2_000) == b"a" * 2_000
