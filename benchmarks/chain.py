"""Benchmark the analysis of one very long journey: gaps, metrics and the equity walk
on a single chain of 10,000 steps.

Goals (issue 16: algorithms that scale): on one 10,000-step journey, as a plain chain,
as a loop (the last step leads back to the first) and as a chain listed from its end,
``ple gaps``, ``ple metrics`` (burden, sludge, time tax) and ``ple equity`` finish in
seconds with memory linear in the steps. Here that is measured as: analysis (gaps +
metrics + equity) no slower than three cold loads of the same workspace, measured in
the same process, and twice the steps cost at most 2.2 times the time and 2.2 times
the peak memory of the analysis (tracemalloc, in a separate pass so it does not slow
the timed one).

Every step asks for one of 60 shared data items and one of its own, so the sets the
rules carry along the path (which items were asked before) are as large as they get.

Usage: python benchmarks/chain.py [--steps 10000] [--repeats 3] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ple.equity import walk_journeys
from ple.gaps import analyze
from ple.graph import build_graph
from ple.io import load_workspace
from ple.metrics import metrics_report

SHAPES = ("chain", "loop", "listed from its end")
LOAD_RATIO_GOAL = 3.0
"""Analysis time / cold load time, at most."""
GROWTH_GOAL = 2.2


def write_chain(folder: Path, steps: int, shape: str) -> None:
    """A catalog and one journey of ``steps`` steps in the given shape."""
    folder.mkdir(parents=True, exist_ok=True)
    catalog = {
        "agencies": [{"id": f"agency-{a}", "name": f"Agency {a}"} for a in range(3)],
        "data_items": [{"id": f"item-{i}", "name": f"Item {i}"} for i in range(60)]
        + [{"id": f"own-{s}", "name": f"Own item {s}"} for s in range(steps)],
    }
    listed = []
    for number in range(steps):
        step: dict[str, Any] = {
            "id": f"s{number}",
            "name": f"Step {number}",
            "agency": f"agency-{number % 3}",
            "channels": ["online", "phone"],
            "burden": {"minutes": 10, "wait_days": 1},
            "requests": [f"item-{number % 60}", f"own-{number}"],
        }
        following = number + 1 if number + 1 < steps else (0 if shape != "chain" else None)
        if following is None:
            step["end"] = True
        else:
            step["next"] = [{"to": f"s{following}", "handoff": {"type": "cold"}}]
        listed.append(step)
    if shape == "listed from its end":
        listed.reverse()
    journey = {
        "id": "chain",
        "name": "A long chain",
        "entry": ["s0"],
        "volume": {"per_year": 1000, "source": "synthetic"},
        "steps": listed,
    }
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    (folder / "catalog.yaml").write_text(yaml.dump(catalog, Dumper=dumper), encoding="utf-8")
    (folder / "chain.yaml").write_text(
        yaml.dump(journey, Dumper=dumper, sort_keys=False), encoding="utf-8"
    )


def timed(action: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    samples, result = [], None
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        result = action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


def cold_load(folder: Path) -> Any:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["PLE_CACHE_DIR"] = cache
        workspace = load_workspace(folder).workspace
        build_graph(workspace)
    return workspace


def peak_bytes(action: Callable[[], Any]) -> int:
    """Peak bytes allocated while ``action`` runs, with the cycle collector off: its
    timing would otherwise decide how much garbage counts, and the figure would swing
    between runs; with it off the figure is every allocation, garbage included."""
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        gc.enable()


def measure(steps: int, shape: str, repeats: int, root: Path) -> dict[str, Any]:
    folder = root / f"{shape.replace(' ', '-')}-{steps}"
    write_chain(folder, steps, shape)
    load_s, workspace = timed(lambda: cold_load(folder), repeats)
    gaps_s, report = timed(lambda: analyze(workspace), repeats)
    metrics_s, _ = timed(lambda: metrics_report(workspace, None, None), repeats)
    equity_s, _ = timed(lambda: walk_journeys(workspace), repeats)
    analysis_s = gaps_s + metrics_s + equity_s
    return {
        "shape": shape,
        "steps": steps,
        "findings": len(report.findings),
        "cold_load_s": load_s,
        "gaps_s": gaps_s,
        "metrics_s": metrics_s,
        "equity_s": equity_s,
        "analysis_s": analysis_s,
        "analysis_over_load": analysis_s / load_s,
        "analysis_peak_bytes": peak_bytes(
            lambda: (
                analyze(workspace),
                metrics_report(workspace, None, None),
                walk_journeys(workspace),
            )
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as root:
        for shape in SHAPES:
            for steps in (args.steps // 2, args.steps):
                print(f"{shape}, {steps:,} steps ...", file=sys.stderr, flush=True)
                rows.append(measure(steps, shape, args.repeats, Path(root)))
    growth = {}
    for shape in SHAPES:
        half, full = (r for r in rows if r["shape"] == shape)
        growth[shape] = {
            "time": full["analysis_s"] / half["analysis_s"],
            "memory": full["analysis_peak_bytes"] / half["analysis_peak_bytes"],
        }
    result = {
        "rows": rows,
        "growth_2x_steps": growth,
        "goals": {"analysis_over_load": LOAD_RATIO_GOAL, "growth": GROWTH_GOAL},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{'shape':<20}{'steps':>7}{'findings':>9}{'cold load':>10}{'gaps':>7}{'metrics':>8}"
        f"{'equity':>8}{'analysis':>9}{'x load':>7}{'peak MB':>8}"
    )
    for r in rows:
        print(
            f"{r['shape']:<20}{r['steps']:>7,}{r['findings']:>9,}{r['cold_load_s']:>9.2f}s"
            f"{r['gaps_s']:>6.2f}s{r['metrics_s']:>7.2f}s{r['equity_s']:>7.2f}s"
            f"{r['analysis_s']:>8.2f}s{r['analysis_over_load']:>7.2f}"
            f"{r['analysis_peak_bytes'] / 1e6:>8.0f}"
        )
    for shape, g in growth.items():
        print(
            f"{shape}: 2x the steps costs {g['time']:.2f}x the time, {g['memory']:.2f}x the "
            f"peak memory (goal <= {GROWTH_GOAL})"
        )
    worst = max(r["analysis_over_load"] for r in rows if r["steps"] == args.steps)
    print(
        f"analysis at most {LOAD_RATIO_GOAL:g}x a cold load: {worst <= LOAD_RATIO_GOAL} "
        f"(worst {worst:.2f})"
    )


if __name__ == "__main__":
    main()
