"""The cycle collector is paused for bulk work and frozen at most once per process, so the
app's pages can run their analyses on every rerun without memory growing.

Before, every analysis froze what survived it, garbage cycles included: 300 reruns of the
Equity and Compare pages grew peak memory from 39 to 97 MB.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap

from ple.collector import collector_paused
from tests.conftest import DATA, ROOT

RERUNS = textwrap.dedent("""
    import gc
    import tracemalloc

    from ple.compare import compare_journeys
    from ple.gaps import analyze
    from ple.io import load_workspace
    from ple.views.compare import finding_rows, metric_rows, step_rows, summary_lines
    from ple.views.equity import equity_view, walk_rows

    workspace = load_workspace({data!r}).workspace
    report = analyze(workspace)


    def rerun():
        # What the Equity and Compare pages call on each rerun.
        view = equity_view(workspace, "having-a-child")
        walk_rows(workspace, view.results)
        view.sludge_rows(view.results[0].persona)
        comparison = compare_journeys(workspace, "recovering-from-a-disaster",
                                      "recovering-from-a-disaster-future", report)
        summary_lines(workspace, comparison)
        metric_rows(comparison), step_rows(workspace, comparison), finding_rows(comparison)


    tracemalloc.start()
    for _ in range(30):
        rerun()
    gc.collect()
    settled, frozen = tracemalloc.get_traced_memory()[0], gc.get_freeze_count()
    for _ in range({reruns}):
        rerun()
    gc.collect()
    print(tracemalloc.get_traced_memory()[0] - settled, gc.get_freeze_count() - frozen)
""")


def test_three_hundred_reruns_of_the_equity_and_compare_pages_hold_memory_flat():
    script = RERUNS.format(data=str(DATA), reruns=270)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert done.returncode == 0, done.stderr
    grown, frozen = map(int, done.stdout.split())
    assert grown < 256 * 1024, f"{grown / 1e6:.1f} MB more after 270 more reruns"
    assert frozen == 0, f"{frozen} more objects frozen by the reruns"


def test_analyses_leave_the_collector_on_and_freeze_nothing():
    gc.unfreeze()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_bulk_loads_freeze_once_in_a_process():
    script = (
        "import gc\nfrom ple.io import load_workspace\nfrom ple.graph import build_graph\n"
        f"workspace = load_workspace({str(DATA)!r}).workspace\n"
        "first = gc.get_freeze_count()\n"
        "build_graph(workspace)\n"
        f"load_workspace({str(DATA)!r}, use_cache=False)\n"
        "print(first, gc.get_freeze_count() - first, gc.isenabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    first, later, enabled = done.stdout.split()
    assert int(first) > 0 and int(later) == 0 and enabled == "True"
