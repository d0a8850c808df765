"""Benchmark the journey maps on large and crowded journeys: the canvas the app draws
(built on the server) and the printed map (SVG, PNG, PDF), at and past their limits.

Goals (issue 16: every input shape finishes in seconds):

- the canvas of a synthetic journey of 500 and 2,000 steps is built in well under a second
  (the issue measured 6.1 s for 500 steps in the app, with the diagram it had then), and
  of 10,000 steps (the limit of a map) in a few seconds; each is given as a ratio to a
  cold load of the same workspace, measured in the same process;
- a crowded journey within the limits (150 steps each leading to every later one: 11,175
  moves; one step with 1,000 branches) builds its canvas in seconds;
- the printed map at its limits (300 steps, 600 handoffs, every one with its word) is
  drawn in seconds in each picture format;
- a journey past the printed map's limits is refused in milliseconds (the check counts
  steps and moves; no layout is made).

The synthetic journeys come from ``synthetic.py`` (seed 1); the crowded ones are made
here. Each figure is the median of ``--repeats`` runs after one untimed run (imports,
fonts, caches); a picture is one export through :func:`ple.export.export_journey`.

Usage: python benchmarks/maps.py [--repeats 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_workspace

from ple.export import ExportRefused, export_journey, export_refusal
from ple.gaps import analyze
from ple.io import load_workspace
from ple.views.canvas import journey_canvas_data

CATALOG = """agencies:
  - {id: ssa, name: Social Security Administration, acronym: SSA}
  - {id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}
  - {id: irs, name: Internal Revenue Service, acronym: IRS}
"""


def median_time(work: Callable[[], object], repeats: int) -> float:
    work()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def write_journey(folder: Path, journey: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (folder / "journey.yaml").write_text(journey, encoding="utf-8")
    return folder


def dense(steps: int) -> str:
    """Every step leads to every later one, two agencies taking turns."""
    lines = []
    for i in range(steps):
        later = ", ".join(f"{{to: s{j}}}" for j in range(i + 1, steps))
        tail = f", next: [{later}]" if later else ", end: true"
        lines.append(f"  - {{id: s{i}, name: Step {i}, agency: {['ssa', 'cms'][i % 2]}{tail}}}\n")
    return "id: dense\nname: Dense\nentry: [s0]\nsteps:\n" + "".join(lines)


def fan(branches: int) -> str:
    """One step with ``branches`` next steps."""
    targets = ", ".join(f"{{to: s{i}}}" for i in range(1, branches + 1))
    ends = "".join(
        f"  - {{id: s{i}, name: Step {i}, agency: {['ssa', 'cms', 'irs'][i % 3]}, end: true}}\n"
        for i in range(1, branches + 1)
    )
    return (
        f"id: fan\nname: Fan\nentry: [s0]\nsteps:\n"
        f"  - {{id: s0, name: Start, agency: ssa, next: [{targets}]}}\n{ends}"
    )


def at_the_printed_limit(steps: int = 300) -> str:
    """``steps`` steps, each handing over to the next two at other agencies: twice as
    many moves as steps, every one a handoff with its word on the map."""
    lines = []
    for i in range(steps):
        later = [j for j in (i + 1, i + 2) if j < steps]
        tail = (
            (", next: [" + ", ".join(f"{{to: s{j}, handoff: {{type: cold}}}}" for j in later) + "]")
            if later
            else ", end: true"
        )
        lines.append(
            f"  - {{id: s{i}, name: Step {i} with a name long enough to wrap, "
            f"agency: {['ssa', 'cms', 'irs'][i % 3]}{tail}}}\n"
        )
    return "id: limit\nname: At the limit\nentry: [s0]\nsteps:\n" + "".join(lines)


def canvas_rows(root: Path, repeats: int) -> list[dict[str, Any]]:
    rows = []
    shapes: list[tuple[str, Path]] = []
    for steps in (500, 2_000, 10_000):
        folder = root / f"synthetic-{steps}"
        write_workspace(folder, 1, steps)
        shapes.append((f"synthetic, {steps:,} steps", folder))
    shapes.append(("150 steps, each to every later one", write_journey(root / "dense", dense(150))))
    shapes.append(("one step with 1,000 branches", write_journey(root / "fan", fan(1_000))))
    for label, folder in shapes:
        load = median_time(lambda f=folder: load_workspace(f, use_cache=False), repeats)
        workspace = load_workspace(folder, use_cache=False).workspace
        [journey_id] = workspace.journeys
        journey = workspace.journeys[journey_id]
        seconds = median_time(lambda w=workspace, j=journey_id: journey_canvas_data(w, j), repeats)
        data = journey_canvas_data(workspace, journey_id)
        rows.append(
            {
                "shape": label,
                "steps": len(journey.steps),
                "moves": sum(len(s.next) for s in journey.steps),
                "canvas_s": seconds,
                "cold_load_s": load,
                "ratio": seconds / load,
                "json_bytes": len(json.dumps(data)),
            }
        )
    return rows


def picture_rows(root: Path, repeats: int) -> list[dict[str, Any]]:
    rows = []
    for label, journey_id, text in (
        ("300 steps, 600 handoffs", "limit", at_the_printed_limit()),
        ("one step, 299 branches", "fan", fan(299)),
    ):
        folder = write_journey(root / f"print-{journey_id}", text)
        workspace = load_workspace(folder, use_cache=False).workspace
        report = analyze(workspace)
        for fmt in ("svg", "png", "pdf"):

            def export(
                fmt: str = fmt,
                workspace: Any = workspace,
                report: Any = report,
                journey_id: str = journey_id,
            ) -> object:
                try:
                    return export_journey(workspace, journey_id, fmt, report)
                except ExportRefused as refused:
                    return refused

            outcome = export()
            seconds = median_time(export, repeats)
            rows.append(
                {
                    "shape": label,
                    "format": fmt,
                    "seconds": seconds,
                    "outcome": str(outcome)
                    if isinstance(outcome, ExportRefused)
                    else f"{sum(len(a.data) for a in outcome) / 1024:,.0f} KB",
                }
            )
    folder = write_journey(root / "dense-refused", dense(150))
    workspace = load_workspace(folder, use_cache=False).workspace
    report = analyze(workspace)
    for fmt in ("svg", "png", "pdf"):
        seconds = median_time(lambda f=fmt: export_refusal(workspace, "dense", f, report), repeats)
        rows.append(
            {
                "shape": "150 steps, 11,175 moves",
                "format": fmt,
                "seconds": seconds,
                "outcome": "refused before any layout",
            }
        )
    return rows


def measure(repeats: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        return {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "repeats": repeats,
            "canvas": canvas_rows(root, repeats),
            "pictures": picture_rows(root, repeats),
        }


def table(result: dict[str, Any]) -> str:
    lines = [
        f"CPython {result['python']}, {result['machine']}; median of {result['repeats']} "
        "runs after one untimed run",
        "",
        "canvas data on the server (journey_canvas_data)",
        f"{'journey':<38}{'steps':>7}{'moves':>8}{'canvas':>9}{'cold load':>11}"
        f"{'ratio':>7}{'JSON':>9}",
    ]
    for row in result["canvas"]:
        lines.append(
            f"{row['shape']:<38}{row['steps']:>7,}{row['moves']:>8,}"
            f"{row['canvas_s']:>8.2f}s{row['cold_load_s']:>10.2f}s"
            f"{row['ratio']:>6.1f}x{row['json_bytes'] / 2**20:>7.1f} MB"
        )
    lines += [
        "",
        "printed map (export_journey; a refusal is export_refusal)",
        f"{'journey':<28}{'format':<8}{'time':>8}  outcome",
    ]
    for row in result["pictures"]:
        lines.append(
            f"{row['shape']:<28}{row['format']:<8}{row['seconds']:>7.3f}s  {row['outcome'][:90]}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.repeats)
    print(json.dumps(result, indent=2) if args.json else table(result))


if __name__ == "__main__":
    main()
