"""Time every registered export format on one synthetic journey of 200 steps.

The journey comes from ``synthetic.py`` (seed 1). The workspace is loaded and the gap
analysis run once, outside the timings (the report is passed to every export, as the
app does); each format then runs once untimed, so that its first-use imports and font
loading are not counted, and ``--repeats`` timed times. The table gives the median,
the fastest and slowest run and the size of what the export wrote.

Usage: python benchmarks/export.py [--steps 200] [--repeats 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_workspace

from ple.export import all_exporters, export_journey
from ple.gaps import analyze
from ple.io import load_workspace


def measure(steps: int, repeats: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        write_workspace(Path(folder), 1, steps)
        workspace = load_workspace(Path(folder), use_cache=False).workspace
    [journey_id] = workspace.journeys
    started = time.perf_counter()
    report = analyze(workspace, journeys=[journey_id])
    analysis = time.perf_counter() - started
    rows = []
    for name, exporter in all_exporters().items():
        if not exporter.available():
            rows.append({"format": name, "available": False})
            continue
        export_journey(workspace, journey_id, name, report)  # imports, fonts, caches
        samples, artifacts = [], []
        for _ in range(repeats):
            started = time.perf_counter()
            artifacts = export_journey(workspace, journey_id, name, report)
            samples.append(time.perf_counter() - started)
        rows.append(
            {
                "format": name,
                "available": True,
                "median_s": statistics.median(samples),
                "min_s": min(samples),
                "max_s": max(samples),
                "files": len(artifacts),
                "bytes": sum(len(a.data) for a in artifacts),
                "samples_s": samples,
            }
        )
    return {
        "steps": len(workspace.journeys[journey_id].steps),
        "repeats": repeats,
        "findings": len(report.findings),
        "analysis_s": analysis,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "rows": rows,
    }


def table(result: dict[str, Any]) -> str:
    lines = [
        f"export of one synthetic journey of {result['steps']} steps "
        f"({result['findings']} findings; gap analysis {result['analysis_s']:.2f}s, "
        "not included)",
        f"CPython {result['python']}, {result['machine']}; median of {result['repeats']} "
        "runs after one untimed run",
        "",
        f"{'format':<9}{'median':>9}{'min-max':>15}{'files':>7}{'size':>10}",
    ]
    for row in result["rows"]:
        if not row["available"]:
            lines.append(f"{row['format']:<9}{'not installed':>20}")
            continue
        spread = f"{row['min_s']:.2f}-{row['max_s']:.2f}"
        lines.append(
            f"{row['format']:<9}{row['median_s']:>8.2f}s{spread:>15}"
            f"{row['files']:>7}{row['bytes'] / 1024:>8.0f} KB"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.steps, args.repeats)
    print(json.dumps(result, indent=2) if args.json else table(result))


if __name__ == "__main__":
    main()
