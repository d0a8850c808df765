"""Benchmark the equity walk on the synthetic portfolio.

Goal (issue: equity walk): walking 100 journeys x 1,000 steps as the four built-in
personas takes no longer than loading the same workspace cold. Both are measured in
this one process, so machine noise hits baseline and subject alike; medians of several
rounds are reported. The time tax over every journey is timed too.

Usage: python benchmarks/equity.py [--journeys 100] [--steps 1000] [--repeats 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis import cold_load, timed
from synthetic import write_workspace

from ple.equity import BUILT_IN_IDS, walk_journeys
from ple.metrics import time_tax
from ple.model import Volume


def measure(journeys: int, steps: int, repeats: int, root: Path) -> dict[str, Any]:
    folder = root / f"{journeys}x{steps}"
    write_workspace(folder, journeys, steps)
    load_seconds, workspace = timed(lambda: cold_load(folder), repeats)
    walk_seconds, results = timed(lambda: walk_journeys(workspace, personas=BUILT_IN_IDS), repeats)
    with_volume = [
        j.model_copy(update={"volume": Volume(per_year=1000, source="synthetic")})
        for j in workspace.journeys.values()
    ]  # synthetic journeys have none
    tax_seconds, _ = timed(lambda: [time_tax(j) for j in with_volume], repeats)
    return {
        "journeys": journeys,
        "steps": journeys * steps,
        "walks": len(results),
        "blocked_walks": sum(1 for r in results if r.completes is False),
        "cold_load_s": load_seconds,
        "walk_s": walk_seconds,
        "time_tax_s": tax_seconds,
        "walk_over_load": walk_seconds / load_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        row = measure(args.journeys, args.steps, args.repeats, Path(root))
    row["goal_walk_at_most_load"] = row["walk_over_load"] <= 1.0
    if args.json:
        print(json.dumps(row, indent=2))
        return
    print(f"{row['steps']} steps, {row['walks']} walks ({row['blocked_walks']} cannot complete)")
    print(
        f"cold load {row['cold_load_s']:.2f}s, walk (4 built-in personas) "
        f"{row['walk_s']:.2f}s = {row['walk_over_load']:.2f}x load "
        f"(goal <= 1.0: {row['goal_walk_at_most_load']}), time tax {row['time_tax_s']:.2f}s"
    )


if __name__ == "__main__":
    main()
