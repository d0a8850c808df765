"""Benchmark gap analysis and burden metrics on the synthetic portfolio.

Goals (issue: gap analysis and burden metrics): on 100 journeys x 1,000 steps,
``analyze`` plus ``portfolio_metrics`` take no longer than loading the same
workspace cold, and twice the steps cost at most 2.2 times the time. Both are
measured in this one process, so machine noise hits baseline and subject alike;
medians of several rounds are reported.

Usage: python benchmarks/analysis.py [--journeys 100] [--steps 1000] [--repeats 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_workspace

from ple.gaps import analyze
from ple.graph import build_graph
from ple.io import load_workspace
from ple.metrics import portfolio_metrics


def timed(action: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Median seconds of ``repeats`` runs, and the last result."""
    samples, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


def cold_load(folder: Path) -> Any:
    """Load with an empty cache and build the graph: the loader's whole cold cost."""
    with tempfile.TemporaryDirectory() as cache:
        os.environ["PLE_CACHE_DIR"] = cache
        result = load_workspace(folder)
        build_graph(result.workspace)
    return result.workspace


def measure(journeys: int, steps: int, repeats: int, root: Path) -> dict[str, Any]:
    folder = root / f"{journeys}x{steps}"
    write_workspace(folder, journeys, steps)
    load_seconds, workspace = timed(lambda: cold_load(folder), repeats)
    gaps_seconds, report = timed(lambda: analyze(workspace), repeats)
    metrics_seconds, _ = timed(lambda: portfolio_metrics(workspace), repeats)
    analysis = gaps_seconds + metrics_seconds
    return {
        "journeys": journeys,
        "steps": journeys * steps,
        "findings": len(report.findings),
        "cold_load_s": load_seconds,
        "gaps_s": gaps_seconds,
        "metrics_s": metrics_seconds,
        "analysis_s": analysis,
        "analysis_over_load": analysis / load_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        half = measure(args.journeys, args.steps // 2, args.repeats, Path(root))
        full = measure(args.journeys, args.steps, args.repeats, Path(root))
    growth = full["analysis_s"] / half["analysis_s"]
    result = {
        "half": half,
        "full": full,
        "growth_2x_steps": growth,
        "goals": {
            "analysis_at_most_load": full["analysis_over_load"] <= 1.0,
            "linear_growth": growth <= 2.2,
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{'steps':>8} {'findings':>9} {'cold load':>10} {'gaps':>7} {'metrics':>8} "
        f"{'analysis':>9} {'x load':>7}"
    )
    for row in (half, full):
        print(
            f"{row['steps']:>8} {row['findings']:>9} {row['cold_load_s']:>9.2f}s "
            f"{row['gaps_s']:>6.2f}s {row['metrics_s']:>7.2f}s {row['analysis_s']:>8.2f}s "
            f"{row['analysis_over_load']:>7.2f}"
        )
    print(f"growth for 2x the steps: {growth:.2f} (goal <= 2.2)")
    print(f"analysis no slower than a cold load: {result['goals']['analysis_at_most_load']}")


if __name__ == "__main__":
    main()
