"""Benchmark the opportunity ranking on the synthetic portfolio.

Goal (issue 20: what each opportunity is worth): ranking N opportunities costs no more than
1.5x what their worth rests on, done directly: for each, the gap analysis, comparison
(``ple.compare.compare_journeys``) and equity walk of today's journey and the changed one.
The ranking applies each change, runs exactly those, and sorts; the goal holds it to adding
little on top. Both are timed in this one process, medians of several rounds,
interleaved after one warm-up round (the first run of a process pays for imports).

Each synthetic journey gets one opportunity written as edits: its first step stops asking
for what it asks, and its first handoff becomes automatic.

Usage: python benchmarks/opportunities.py [--journeys 20] [--steps 200] [--repeats 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis import cold_load, timed
from synthetic import write_workspace

from ple.compare import compare_journeys
from ple.equity import walk_journeys
from ple.gaps import analyze
from ple.model import Opportunity, Volume, Workspace
from ple.opportunities import apply_change, rank_opportunities


def with_opportunities(workspace: Workspace) -> Workspace:
    """One opportunity of edits per journey, and a volume on each journey (the synthetic
    ones have none) so that the hours are computed too."""
    journeys, opportunities = {}, {}
    for journey in workspace.journeys.values():
        journey = journey.model_copy(update={"volume": Volume(per_year=1000, source="synthetic")})
        journeys[journey.id] = journey
        asks = next(s for s in journey.steps if s.requests)
        move = next(((s, t) for s, t, _ in journey.handoff_transitions()), None)
        change: dict[str, Any] = {
            "steps": [{"step": asks.id, "stop_requesting": asks.requests[:1]}]
        }
        if move is not None:
            change["handoffs"] = [{"from": move[0].id, "to": move[1].to, "type": "automatic"}]
        opportunities[f"fix-{journey.id}"] = Opportunity.model_validate(
            {
                "id": f"fix-{journey.id}",
                "title": "Fix",
                "how_might_we": "How might we?",
                "journey": journey.id,
                "owner": {"agency": journey.steps[0].agency},
                "change": change,
            }
        )
    return replace(workspace, journeys=journeys, opportunities=opportunities)


def directly(workspace: Workspace) -> None:
    """What the worth rests on, without the ranking: analysis, comparison and walks."""
    for opportunity in workspace.opportunities.values():
        applied = apply_change(workspace, opportunity)
        pair = [applied.current, applied.future]
        report = analyze(applied.workspace, journeys=pair)
        compare_journeys(applied.workspace, *pair, report)
        walk_journeys(applied.workspace, pair)


def measure(journeys: int, steps: int, repeats: int, root: Path) -> dict[str, Any]:
    folder = root / f"{journeys}x{steps}"
    write_workspace(folder, journeys, steps)
    workspace = with_opportunities(cold_load(folder))
    directly(workspace), rank_opportunities(workspace)  # warm: the first run pays for imports
    direct, rank = [], []
    for _round in range(repeats):  # interleaved, so that noise and the collector hit both
        direct.append(timed(lambda: directly(workspace), 1)[0])
        seconds, ranked = timed(lambda: rank_opportunities(workspace), 1)
        rank.append(seconds)
    direct_seconds, rank_seconds = statistics.median(direct), statistics.median(rank)
    return {
        "journeys": journeys,
        "steps": journeys * steps,
        "opportunities": len(ranked),
        "direct_s": direct_seconds,
        "rank_s": rank_seconds,
        "rank_over_direct": rank_seconds / direct_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=20)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        row = measure(args.journeys, args.steps, args.repeats, Path(root))
    row["goal_rank_at_most_1_5x_direct"] = row["rank_over_direct"] <= 1.5
    if args.json:
        print(json.dumps(row, indent=2))
        return
    print(
        f"{row['opportunities']} opportunities on {row['steps']} steps: rank "
        f"{row['rank_s']:.2f}s, directly {row['direct_s']:.2f}s = "
        f"{row['rank_over_direct']:.2f}x (goal <= 1.5: "
        f"{row['goal_rank_at_most_1_5x_direct']})"
    )


if __name__ == "__main__":
    main()
