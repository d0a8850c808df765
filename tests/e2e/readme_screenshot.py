"""Take the README's picture of the Journey page: docs/images/journey-page.png.

    .venv/bin/python -m tests.e2e.readme_screenshot [OUT.png]

It runs the app on the bundled data/, opens "Recovering from a disaster" in
system Chromium (see browser.py) and photographs the top of the page: the
journey, its diagram and the legend (not the metrics and tables below them).
No request leaves the machine.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.e2e.browser import (
    DIAGRAM,
    ROOT,
    app_page,
    choose,
    open_page,
)

OUT = ROOT / "docs" / "images" / "journey-page.png"
JOURNEY = "Recovering from a disaster"
VIEWPORT = {"width": 1400, "height": 1320}


def main(out: Path = OUT) -> Path:
    # "data", relative to the repository, is what the sidebar shows
    with (tempfile.TemporaryDirectory() as scratch,
          app_page("data", Path(scratch), VIEWPORT) as (page, url)):
        open_page(page, url + "/journey")
        choose(page, "Journey", JOURNEY)
        page.frame_locator(DIAGRAM).locator("#mynetwork canvas").wait_for()
        page.mouse.move(0, VIEWPORT["height"] - 1)  # no hover highlight or tooltip
        page.wait_for_timeout(500)
        out.parent.mkdir(parents=True, exist_ok=True)
        legend_end = page.get_by_text("⚠ n on a step").bounding_box()
        bottom = min(VIEWPORT["height"], legend_end["y"] + legend_end["height"] + 12)
        page.screenshot(path=str(out), clip={"x": 0, "y": 0, "width": VIEWPORT["width"],
                                             "height": bottom})
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
