"""Parsing from threads that come and go, as the app's reruns do, must not crash.

yaml_rs 0.1.6 ties state to the thread that imports it; once that thread has ended,
later parses kill the process with a segmentation fault. ``ple.io.parse`` imports it in
a thread that lives as long as the process. A crash cannot be caught in-process, so the
scenario runs in a child process.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import DATA, ROOT

SCENARIO = """
import sys, threading
text = open(sys.argv[1], encoding="utf-8").read()
def parse():
    from ple.io.parse import parse_fast  # the first thread imports it, then ends
    parse_fast(text, ".yaml")
for _ in range(20):
    thread = threading.Thread(target=parse)
    thread.start()
    thread.join()
print("parsed in 20 threads")
"""


def test_parsing_in_short_lived_threads_does_not_crash():
    child = subprocess.run(
        [
            sys.executable,
            "-X",
            "faulthandler",
            "-c",
            SCENARIO,
            str(DATA / "ples" / "approaching-retirement.yaml"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.strip() == "parsed in 20 threads"
