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
    app_page,
    choose,
    open_page,
)

OUT = ROOT / "docs" / "images" / "compare-page.png"
PROPOSAL = "Recovering from a disaster, proposed"
VIEWPORT = {"width": 1400, "height": 2000}
COMPARISON = "iframe[title^='Diagram comparing']"


def main(out: Path = OUT) -> Path:
    with (tempfile.TemporaryDirectory() as scratch,
          app_page("data", Path(scratch), VIEWPORT) as (page, url)):
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
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
