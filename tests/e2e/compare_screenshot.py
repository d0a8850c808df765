"""Take docs/compare.md's picture of the Compare page: docs/images/compare-page.png.

    .venv/bin/python -m tests.e2e.compare_screenshot [OUT.png]

It runs the app on the bundled data/, opens the Compare page on "Recovering from a
disaster, proposed" (compared with today's map) in system Chromium (see browser.py) and
photographs the page down to the diagram's legend. No request leaves the machine.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.e2e.browser import (
    ROOT,
    choose,
    chromium_path,
    is_local,
    launch_args,
    open_page,
    streamlit_app,
)

OUT = ROOT / "docs" / "images" / "compare-page.png"
PROPOSAL = "Recovering from a disaster, proposed"
VIEWPORT = {"width": 1400, "height": 2000}
COMPARISON = "iframe[title^='Diagram comparing']"


def main(out: Path = OUT) -> Path:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise SystemExit("no Chromium at /usr/bin/chromium or $PLE_CHROMIUM")
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        folder = Path(scratch)
        app = streamlit_app("data", folder / "cache", folder / "streamlit.log")
        with app as url:
            chromium = playwright.chromium.launch(executable_path=executable,
                                                  args=launch_args())
            page = chromium.new_page(viewport=VIEWPORT)
            page.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
            open_page(page, url + "/compare")
            choose(page, "Proposed journey (future state)", PROPOSAL)
            page.frame_locator(COMPARISON).locator("#mynetwork canvas").wait_for()
            page.mouse.move(0, VIEWPORT["height"] - 1)  # no hover highlight or tooltip
            page.wait_for_timeout(500)
            out.parent.mkdir(parents=True, exist_ok=True)
            figures = page.get_by_role("heading", name="Burden figures").bounding_box()
            page.screenshot(path=str(out), clip={"x": 0, "y": 0, "width": VIEWPORT["width"],
                                                 "height": min(VIEWPORT["height"],
                                                               figures["y"] - 8)})
            chromium.close()
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
