"""Atomic writes keep usual file permissions and leave nothing half-written."""

from __future__ import annotations

import stat

import pytest

from ple.io.atomic import write_atomically


def test_a_new_file_gets_the_usual_permissions_not_the_temporary_ones(tmp_path):
    target = tmp_path / "out.yaml"
    write_atomically(target, b"a: 1\n")
    assert target.read_bytes() == b"a: 1\n"
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # others can read, as with open()


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "out.yaml"
    target.write_text("old")
    target.chmod(0o640)
    write_atomically(target, b"new")
    assert (target.read_text(), stat.S_IMODE(target.stat().st_mode)) == ("new", 0o640)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.yaml"
    target.write_text("old")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]
