"""Take docs/editing.md's picture of the Edit page: docs/images/edit-page.png.

    .venv/bin/python -m tests.e2e.edit_screenshot [OUT.png]

It runs the app on a scratch copy of the bundled data/, opens *Approaching retirement* on
the Edit page in system Chromium (see browser.py), types words where the journey's yearly
number of people goes, as happens in a workshop, and photographs the page without the
sidebar (which shows the scratch folder): the steps table, the problem beside it and the
buttons. No request leaves the machine and the bundled data is not touched.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.e2e.browser import (
    ROOT,
    app_page,
    open_page,
    settle,
)

OUT = ROOT / "docs" / "images" / "edit-page.png"
VIEWPORT = {"width": 1400, "height": 1000}
SIDEBAR = 300


def main(out: Path = OUT) -> Path:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        shutil.copytree(ROOT / "data", folder / "data")  # the picture shows an unsaved edit
        with app_page(folder / "data", folder, VIEWPORT) as (page, url):
            open_page(page, url + "/edit")
            page.get_by_role("tab", name="Journey details").click()
            people = page.get_by_role("textbox", name="People a year")
            people.fill("about 3 million")
            people.press("Enter")
            settle(page)
            page.get_by_role("tab", name="Steps").click()
            page.get_by_text("error(s) to fix before saving").wait_for()
            page.mouse.move(VIEWPORT["width"] - 1, VIEWPORT["height"] - 1)
            page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollTo(0, 0)")
            page.wait_for_timeout(500)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), clip={"x": SIDEBAR, "y": 80,
                                                 "width": VIEWPORT["width"] - SIDEBAR,
                                                 "height": 840})
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
