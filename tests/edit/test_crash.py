"""A save killed in the middle of writing leaves the old file or the new one, whole.

A child process saves two versions of a large journey file in turn through
:func:`ple.edit.store.write_files`, the step of every save that touches the disk (the
text is made before it, in memory). The test kills the child with SIGKILL at a random
moment while it writes, again and again, and each time reads what is on disk.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ple.io import load_workspace
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

CHILD = """
import sys
from pathlib import Path
from ple.edit import store
from ple.signin import local_person
store.KEEP = 2
root, file = Path(sys.argv[1]), Path(sys.argv[2])
versions = [Path(sys.argv[3]).read_bytes(), Path(sys.argv[4]).read_bytes()]
turn = 0
while True:
    base = store.file_digest(file)
    print("writing", flush=True)
    assert store.write_files(root, {file: versions[turn % 2]}, {file: base}, by=local_person()).ok
    turn += 1
"""

SIZE = 8 * 1024 * 1024


def version(tag: str) -> bytes:
    """A journey of about SIZE bytes: a thousand steps with long notes (each within the
    limit of a text field)."""
    note = tag * 8_000
    steps = "".join(
        f"  - {{id: s{i}, name: Step {i}, agency: ssa, notes: {note}}}\n"
        for i in range(SIZE // len(note))
    )
    return f"id: big\nname: Big journey, version {tag}\nsteps:\n{steps}".encode()


def test_a_killed_save_leaves_a_whole_file(tmp_path: Path):
    root = tmp_path / "ws"
    root.mkdir()
    (root / "catalog.yaml").write_text("agencies:\n  - {id: ssa, name: SSA}\n")
    target = root / "big.yaml"
    old, new = version("a"), version("b")
    target.write_bytes(old)
    (tmp_path / "old.yaml").write_bytes(old)
    (tmp_path / "new.yaml").write_bytes(new)
    chooser = random.Random(5)
    kills = interrupted = 0
    while kills < 30 and (interrupted < 2 or kills < 6):
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                str(root),
                str(target),
                str(tmp_path / "old.yaml"),
                str(tmp_path / "new.yaml"),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdout is not None
        for _ in range(chooser.randint(1, 3)):  # let a few writes finish first
            assert child.stdout.readline() == b"writing\n"
        time.sleep(chooser.uniform(0, 0.06))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        kills += 1
        leftovers = [p for p in root.rglob(".*.tmp")]
        interrupted += bool(leftovers)
        assert target.read_bytes() in (old, new), f"a torn file after kill {kills}"
        for leftover in leftovers:  # what a killed write leaves: a hidden temporary file
            leftover.unlink()
    assert interrupted >= 1, "no kill landed during a write; the test proved nothing"
    assert load_workspace(root, use_cache=False).ok
