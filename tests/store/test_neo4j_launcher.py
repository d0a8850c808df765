"""The Neo4j launcher never outlives the test run that started it: a child pytest starts
its own server, is killed with SIGKILL (no fixture teardown, no atexit), and the Java
process is gone within seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.store import neo4j_server
from tests.store.conftest import neo4j_unavailable

pytestmark = pytest.mark.neo4j

HOLDER = Path(__file__).resolve().parent / "neo4j_holder.py"


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    return "\nState:\tZ" not in status


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_killing_the_test_run_stops_its_neo4j(tmp_path):
    try:
        neo4j_server.build()
        neo4j_server.java()
    except neo4j_server.ServerUnavailable as error:
        neo4j_unavailable(str(error))
    marker = tmp_path / "java.pid"
    env = {name: value for name, value in os.environ.items() if not name.startswith("NEO4J_")}
    env["PLE_NEO4J_HOLD"] = str(marker)
    with (tmp_path / "child.log").open("wb") as log:
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-p",
                "no:randomly",
                "--basetemp",
                str(tmp_path / "child"),
                str(HOLDER),
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        started = wait_for(
            lambda: marker.exists() and marker.read_text().strip(),
            neo4j_server.STARTUP_SECONDS + 60,
        )
        assert started, (tmp_path / "child.log").read_text()[-3000:]
        java = int(marker.read_text())
        assert running(java)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert wait_for(lambda: not running(java), 30), f"Java process {java} outlived its parent"
