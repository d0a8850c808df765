"""Time the journey canvas: its layout against graphviz's ``dot``, a large map opening in
Chromium, and one edit on the Edit page from the mouse to the redrawn map.

Usage: python benchmarks/canvas.py [--steps 500,2000] [--edit-steps 100] [--repeats 5]
                                   [--edits 9] [--json]

- layout: the canvas data of one synthetic journey (``synthetic.py``, seed 1), built in a
  fresh Python process each time (imports and the workspace load are done before the
  clock starts, so the figure is the cold layout and nothing else), against ``dot -Tjson``
  laying out the same steps and moves (one node a step, one edge a move, left to right),
  also a fresh process each time. Goal for 500 steps: at most 2x ``dot``.
- open: the journey's standalone HTML page (the ``html`` export, which carries the canvas)
  opened in a new Chromium context (an empty cache), from navigation to the map drawn and
  fitted (``.ple-canvas[data-fitted]``) and then to a step selected by a click. Goal for
  500 steps: 1 s.
- edit: the app on a workspace of one journey of ``--edit-steps`` steps; a step dragged
  into another lane with the mouse, timed from releasing the button until the page
  Python drew for that edit is on the screen (map and problems list come from one rerun;
  the canvas says which edit it shows in ``data-applied``). Goal: 300 ms median.

Medians of the repeats, and the ratio to ``dot`` measured in the same run. A script that
reports, not a test that fails; figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

from ple.export import export_journey  # noqa: E402
from ple.io import load_workspace  # noqa: E402

COLD_LAYOUT = """
import sys, time
from pathlib import Path
from ple.io import load_workspace
from ple.views.canvas import journey_canvas_data
workspace = load_workspace(Path(sys.argv[1]), use_cache=False).workspace
[journey_id] = workspace.journeys
started = time.perf_counter()
data = journey_canvas_data(workspace, journey_id)
print(time.perf_counter() - started, len(data["steps"]))
"""


def dot_source(workspace: Any, journey_id: str) -> str:
    """The journey as graphviz sees it: its steps with their names, its moves."""
    journey = workspace.journeys[journey_id]
    lines = ["digraph journey {", "  rankdir=LR;", "  node [shape=box];"]
    lines += [f'  "{step.id}" [label={json.dumps(step.name)}];' for step in journey.steps]
    lines += [f'  "{step.id}" -> "{move.to}";' for step in journey.steps for move in step.next]
    return "\n".join([*lines, "}"])


def time_layout(folder: Path, repeats: int) -> dict[str, Any]:
    workspace = load_workspace(folder, use_cache=False).workspace
    [journey_id] = workspace.journeys
    source = dot_source(workspace, journey_id)
    ours, dots = [], []
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, "-c", COLD_LAYOUT, str(folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        ours.append(float(done.stdout.split()[0]))
        started = time.perf_counter()
        subprocess.run(["dot", "-Tjson"], input=source, capture_output=True, text=True, check=True)
        dots.append(time.perf_counter() - started)
    return {
        "canvas_cold_s": statistics.median(ours),
        "dot_s": statistics.median(dots),
        "ratio_to_dot": statistics.median(ours) / statistics.median(dots),
    }


def time_opening(folder: Path, repeats: int, browser: Any) -> dict[str, Any]:
    workspace = load_workspace(folder, use_cache=False).workspace
    [journey_id] = workspace.journeys
    [page_file] = export_journey(workspace, journey_id, "html")
    html = folder / "journey.html"
    html.write_bytes(page_file.data)
    drawn, selected = [], []
    for _ in range(repeats):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(html.as_uri())
        page.locator(".ple-canvas[data-fitted]").wait_for(timeout=60_000)
        drawn.append(time.perf_counter() - started)
        first = page.locator(".react-flow__node").first
        first.locator(".ple-step").click()
        page.locator(".react-flow__node.selected").first.wait_for(timeout=60_000)
        selected.append(time.perf_counter() - started)
        context.close()
    return {
        "page_bytes": len(page_file.data),
        "drawn_s": statistics.median(drawn),
        "selected_s": statistics.median(selected),
    }


def time_edits(folder: Path, edits: int, browser: Any) -> dict[str, Any]:
    """Drag one step between two lanes ``edits`` times on the Edit page."""
    from tests.e2e.browser import canvas_ready, open_page, settle, streamlit_app
    from tests.e2e.canvas import in_view, lane_box, lane_labels, last_sent, node

    workspace = load_workspace(folder, use_cache=False).workspace
    [journey] = workspace.journeys.values()
    # a step near the start: in view at the zoom a long map opens at (fitting a 100-step
    # chain whole would make its lane two pixels tall)
    step = journey.steps[2]
    scratch = Path(tempfile.mkdtemp())
    seconds = []
    try:
        with streamlit_app(folder, scratch / "cache", scratch / "streamlit.log") as url:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            open_page(page, url + "/edit")  # the workspace's one journey, open for editing
            canvas_ready(page)
            labels = lane_labels(page)
            own = workspace.agency_label(step.agency)
            # the lane just below (or above) the step's own: in view with it
            at = labels.index(own)
            other = labels[at + 1] if at + 1 < len(labels) else labels[at - 1]
            for number in range(edits):
                settle(page)
                in_view(page, step.id)
                box = node(page, step.id).locator(".ple-step").bounding_box()
                band = lane_box(page, other if number % 2 == 0 else own)
                start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                sent = last_sent(page)
                page.mouse.move(*start)
                page.mouse.down()
                page.mouse.move(start[0] + 6, start[1] + 6, steps=3)
                page.mouse.move(start[0], band["y"] + band["height"] / 2, steps=15)
                released = time.perf_counter()
                page.mouse.up()
                try:
                    page.wait_for_function(
                        """sent => {
                        const host = document.querySelector('.ple-canvas-host');
                        const made = host && Number((host.dataset.lastEdit || '0').split(' ')[0]);
                        const canvas = document.querySelector('.ple-canvas[data-applied]');
                        return made > sent && canvas && canvas.dataset.applied === String(made);
                    }""",
                        arg=sent,
                        polling="raf",
                        timeout=30_000,
                    )
                except Exception:
                    shot = Path(tempfile.gettempdir()) / "ple-canvas-failed-edit.png"
                    page.screenshot(path=str(shot))
                    print(f"edit {number} did not come back; the page then: {shot}")
                    raise
                seconds.append(time.perf_counter() - released)
            page.context.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {
        "steps": len(journey.steps),
        "edits": edits,
        "median_ms": statistics.median(seconds) * 1000,
        "slowest_ms": max(seconds) * 1000,
        "first_ms": seconds[0] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="500,2000")
    parser.add_argument("--edit-steps", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.e2e.browser import chromium_path, launch_args

    results: dict[str, Any] = {"python": platform.python_version(), "sizes": {}}
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=launch_args())
        for steps in (int(s) for s in args.steps.split(",")):
            folder = Path(scratch) / f"s{steps}"
            synthetic.write_workspace(folder, 1, steps)
            results["sizes"][steps] = {
                **time_layout(folder, args.repeats),
                **time_opening(folder, args.repeats, browser),
            }
        folder = Path(scratch) / "edit"
        synthetic.write_workspace(folder, 1, args.edit_steps)
        results["edit"] = time_edits(folder, args.edits, browser)
        browser.close()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(
        f"{'steps':>6} {'canvas cold':>12} {'dot':>8} {'ratio':>6} {'page':>9} "
        f"{'drawn':>7} {'selected':>9}"
    )
    for steps, row in results["sizes"].items():
        print(
            f"{steps:>6} {row['canvas_cold_s']:>11.3f}s {row['dot_s']:>7.3f}s "
            f"{row['ratio_to_dot']:>5.2f}x {row['page_bytes'] / 1e6:>7.2f}MB "
            f"{row['drawn_s']:>6.2f}s {row['selected_s']:>8.2f}s"
        )
    edit = results["edit"]
    print(
        f"edit on {edit['steps']} steps: median {edit['median_ms']:.0f} ms, first "
        f"{edit['first_ms']:.0f} ms, slowest {edit['slowest_ms']:.0f} ms ({edit['edits']} "
        f"drags)"
    )


if __name__ == "__main__":
    main()
