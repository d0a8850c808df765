"""Run a ``ple`` command in a child process and measure what it took: processor time and
peak memory (the child's own ``ru_maxrss``, read with ``wait4``, so it belongs to that
one process; ``RUSAGE_CHILDREN`` would be the largest of every child so far).

The hostile-input tests use it to hold every command to the same bargain: it ends in
seconds with exit 0 or 1 and a message, never a traceback, and stays within a gigabyte.
"Seconds" is the child's own processor time (user and system, from ``wait4``), not the
wall clock: on a machine busy with other work a 3-second export took 14 s of wall time
and failed although nothing was slow. A child that waits instead of working (a hang) is
caught by the wall-clock timeout. Speed itself is measured in ``benchmarks/``.
A runaway child is killed at the timeout and held to 4 GB of address space, so a
regression fails its test instead of taking the machine down with it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

SECONDS = 10.0
"""The most processor time a hostile input may take, whole process included."""
PEAK_BYTES = 1 << 30
"""The most memory it may take."""
_ADDRESS_SPACE = 4 << 30
TIMEOUT = 12 * SECONDS
"""Wall time after which a child is killed: a hang, whatever the machine's load."""


@dataclass(frozen=True)
class Ran:
    """One finished (or killed) child process."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    """Processor time, user and system."""
    peak_bytes: int
    timed_out: bool = False

    def held_up(self) -> None:
        """Assert the bargain: exit 0 or 1, a message, no traceback, in time and memory."""
        what = f"ple {' '.join(self.args)}"
        tail = self.stderr[-1500:]
        assert not self.timed_out, f"{what} did not finish (killed after {TIMEOUT:g} s)"
        assert "Traceback" not in self.stderr, f"{what} crashed:\n{tail}"
        assert self.returncode in (0, 1), f"{what} exited {self.returncode}:\n{tail}"
        assert self.stderr.strip() or self.stdout.strip(), f"{what} said nothing"
        assert self.seconds <= SECONDS, f"{what} took {self.seconds:.1f} s of processor time"
        assert self.peak_bytes <= PEAK_BYTES, f"{what} peaked at {self.peak_bytes / 2**20:,.0f} MiB"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_ADDRESS_SPACE, _ADDRESS_SPACE))


def run_ple(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float | None = None
) -> Ran:
    """``python -m ple ARGS`` from the repository, measured. The child is killed after
    ``timeout`` seconds of wall time (default :data:`TIMEOUT`, far past :data:`SECONDS`,
    so a slow run is reported with its time and only a hang is cut short)."""
    timeout = TIMEOUT if timeout is None else timeout
    command = [sys.executable, "-m", "ple", *map(str, args)]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        child = subprocess.Popen(
            command, stdout=out, stderr=err, cwd=ROOT, env=environment, preexec_fn=_limit_memory
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                child.kill()
                timed_out = True
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.01)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    seconds = usage.ru_utime + usage.ru_stime
    return Ran(tuple(map(str, args)), child.returncode, stdout, stderr, seconds, peak, timed_out)
