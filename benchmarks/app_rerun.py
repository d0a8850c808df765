"""Benchmark the app's Journey page on a 500-step journey, through Streamlit's AppTest.

Goal: with the caches warm (workspace, gap report and map built once), a rerun of
the Journey page takes at most 300 ms (median). Also reported: the cold first run of
the page in a fresh process (imports, load, analysis, map), the first run after a
filter change (a new map is built), and the size of the map's message that every
rerun sends to the browser.

AppTest runs the real script with no browser and no websocket, so these figures are the
server's share of a rerun; the browser still has to receive and draw the map.

Usage: python benchmarks/app_rerun.py [--steps 500] [--reruns 20] [--profile] [--json]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import STAGE_NAMES, write_workspace

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 300.0


def timed_run(at: Any) -> float:
    """Seconds for one ``at.run()``; fails on an exception in the page."""
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"the page raised: {[e.value for e in at.exception]}")
    return seconds


def profiled_rerun(at: Any, top: int) -> str:
    """One rerun with cProfile on the script thread (where the page runs)."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    profile = cProfile.Profile()
    original = ScriptRunner._run_script_thread

    def run_profiled(self: ScriptRunner) -> None:
        profile.enable()
        try:
            original(self)
        finally:
            profile.disable()

    ScriptRunner._run_script_thread = run_profiled  # type: ignore[method-assign]
    try:
        at.run()
    finally:
        ScriptRunner._run_script_thread = original  # type: ignore[method-assign]
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import streamlit

    return (
        f"{os.cpu_count()} cores{', ' + model if model else ''}; "
        f"Python {platform.python_version()}; Streamlit {streamlit.__version__}"
    )


def measure(steps: int, reruns: int, folder: Path, cache: Path, profile: bool) -> dict[str, Any]:
    write_workspace(folder, journeys=1, steps=steps)
    os.environ["PLE_WORKSPACE"] = str(folder)
    os.environ["PLE_CACHE_DIR"] = str(cache)  # empty: a cold load

    started = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    from ple.ui.navigation import JOURNEY

    import_seconds = time.perf_counter() - started
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.switch_page(str(JOURNEY))
    cold = timed_run(at)
    canvases = at.get("bidi_component")  # the journey canvas (a components-v2 component)
    if not canvases:
        raise RuntimeError("the Journey page drew no map")
    html_bytes = canvases[0].proto.ByteSize()
    title = at.title[0].value

    warm_up = [timed_run(at) for _ in range(2)]
    samples = [timed_run(at) for _ in range(reruns)]

    # a filter changed: the first run with each stage builds a new map
    filtered = []
    for stage in STAGE_NAMES:
        at.selectbox(key="journey_stage").set_value(stage)
        filtered.append(timed_run(at))
    at.selectbox(key="journey_stage").set_value(None)
    timed_run(at)

    report: dict[str, Any] = {
        "steps": steps,
        "journey": title,
        "machine": machine(),
        "import_ms": import_seconds * 1000,
        "cold_first_run_ms": cold * 1000,
        "warm_up_ms": [s * 1000 for s in warm_up],
        "rerun_median_ms": statistics.median(samples) * 1000,
        "rerun_min_ms": min(samples) * 1000,
        "rerun_max_ms": max(samples) * 1000,
        "rerun_samples_ms": [s * 1000 for s in samples],
        "new_filter_median_ms": statistics.median(filtered) * 1000,
        "new_filter_samples_ms": [s * 1000 for s in filtered],
        "map_bytes": html_bytes,
        "goal_ms": GOAL_MS,
    }
    report["goal_met"] = report["rerun_median_ms"] <= GOAL_MS
    if profile:
        report["profile"] = profiled_rerun(at, top=30)
    return report


def print_report(r: dict[str, Any]) -> None:
    print(f"Journey page, {r['steps']} steps ({r['journey']}); {r['machine']}")
    print(f"  imports (streamlit.testing, ple.ui)      {r['import_ms']:8.0f} ms")
    print(f"  cold first run (load, gaps, map)         {r['cold_first_run_ms']:8.0f} ms")
    print(
        f"  warm rerun, median of {len(r['rerun_samples_ms']):<3}              "
        f"{r['rerun_median_ms']:8.1f} ms  (min {r['rerun_min_ms']:.1f}, "
        f"max {r['rerun_max_ms']:.1f})"
    )
    print(
        f"  first run with a new filter, median of {len(r['new_filter_samples_ms'])}  "
        f"{r['new_filter_median_ms']:8.1f} ms"
    )
    print(f"  map sent to the browser                  {r['map_bytes']:8,d} bytes")
    print(f"goal: median warm rerun <= {r['goal_ms']:.0f} ms: {r['goal_met']}")
    if "profile" in r:
        print(r["profile"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--reruns", type=int, default=20)
    parser.add_argument("--out", type=Path, help="keep the generated workspace here")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one warm rerun (cProfile, script thread)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = (args.out or Path(tmp)) / f"1x{args.steps}"
        report = measure(args.steps, args.reruns, folder, Path(tmp) / "cache", args.profile)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)


if __name__ == "__main__":
    main()
