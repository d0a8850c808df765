"""Retake the docs' pictures of the app, in system Chromium (see browser.py):

    .venv/bin/python -m tests.e2e.screenshots [OUT_DIR]

- ``journey-page.png`` (README): the Journey page on "Recovering from a disaster";
- ``journey-blueprint.png`` (README, docs/editing.md): the Journey page's blueprint mode on
  "Having a child and early childhood";
- ``compare-page.png`` (docs/compare.md): the Compare page on the proposed disaster journey;
- ``edit-page.png`` (docs/editing.md): the Edit page with a step selected on the map;
- ``canvas/<journey>.png``: the journey canvas of every journey in data/ and
  data-benefit-finder/, the whole map fitted to its frame (Fit), to look at before a
  release: no text over text, no arrow through a box (docs/canvas-gallery.md).

The app runs on a scratch copy of each workspace (the sidebar shows only its name) and
no request leaves the machine.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.e2e.browser import CANVAS, ROOT, app_page, canvas_ready, choose, open_page, settle

OUT = ROOT / "docs" / "images"
VIEWPORT = {"width": 1400, "height": 1000}
WORKSPACES = ("data", "data-benefit-finder")
SIDEBAR = 300


def still(page) -> None:
    """No hover highlight or tooltip, nothing left to draw."""
    page.mouse.move(VIEWPORT["width"] - 1, VIEWPORT["height"] - 1)
    settle(page)
    page.wait_for_timeout(400)


def journey_page(page, url: str, out: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 1250})
    open_page(page, url + "/journey?journey=recovering-from-a-disaster")
    canvas_ready(page)
    still(page)
    legend_end = page.get_by_text("⚠ n on a step").bounding_box()
    page.screenshot(
        path=str(out),
        clip={
            "x": SIDEBAR,
            "y": 0,
            "width": 1400 - SIDEBAR,
            "height": legend_end["y"] + legend_end["height"] + 16,
        },
    )


def blueprint_page(page, url: str, out: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 1400})
    open_page(page, url + "/journey?journey=having-a-child")
    page.get_by_text("Service blueprint", exact=True).click()
    blueprint = page.locator("section.ple-blueprint")
    blueprint.wait_for()
    still(page)
    box = blueprint.bounding_box()
    page.screenshot(
        path=str(out),
        clip={
            "x": SIDEBAR,
            "y": max(box["y"] - 120, 0),
            "width": 1400 - SIDEBAR,
            "height": box["height"] + 130,
        },
    )


def compare_page(page, url: str, out: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 1500})
    open_page(page, url + "/compare")
    choose(page, "Proposed journey (future state)", "Recovering from a disaster, proposed")
    canvas_ready(page)
    still(page)
    figures = page.get_by_role("heading", name="Burden figures").bounding_box()
    page.screenshot(
        path=str(out),
        clip={"x": SIDEBAR, "y": 0, "width": 1400 - SIDEBAR, "height": figures["y"] - 8},
    )


def edit_page(page, url: str, out: Path) -> None:
    page.set_viewport_size(VIEWPORT)
    open_page(page, url + "/edit")
    canvas = canvas_ready(page)
    canvas.locator(".react-flow__node").nth(1).click()
    page.get_by_role("button", name="Close (back to adding steps)").wait_for()
    still(page)
    top = page.locator(CANVAS).bounding_box()["y"] - 60
    page.screenshot(
        path=str(out), clip={"x": SIDEBAR, "y": max(top, 0), "width": 1400 - SIDEBAR, "height": 900}
    )


def every_canvas(page, url: str, folder: Path, out: Path) -> list[Path]:
    taken = []
    page.set_viewport_size(VIEWPORT)
    journeys = sorted(p.stem for p in (folder / "ples").glob("*.yaml"))
    for journey in journeys:
        open_page(page, f"{url}/journey?journey={journey}")
        canvas = canvas_ready(page)
        canvas.evaluate("element => element.scrollIntoView({block: 'start'})")
        canvas.get_by_role("button", name="Fit the whole map").click()  # all of it
        still(page)
        taken.append(out / f"{journey}.png")
        canvas.screenshot(path=str(taken[-1]))
    return taken


def main(out: Path = OUT) -> list[Path]:
    taken = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in WORKSPACES:
            folder = Path(scratch) / name
            shutil.copytree(ROOT / name, folder)
            with app_page(folder, Path(scratch), VIEWPORT) as (page, url):
                if name == "data":
                    for make, file in (
                        (journey_page, "journey-page.png"),
                        (blueprint_page, "journey-blueprint.png"),
                        (compare_page, "compare-page.png"),
                        (edit_page, "edit-page.png"),
                    ):
                        make(page, url, out / file)
                        taken.append(out / file)
                (out / "canvas").mkdir(parents=True, exist_ok=True)
                taken += every_canvas(page, url, folder, out / "canvas")
    return taken


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path)
