"""Write into Streamlit's data editor (a canvas grid) from a test, one checked step at a
time.

The grid draws on a canvas, but keeps an accessible table beside it whose cells say what
they hold and whether they are selected (``data-testid="glide-cell-<column>-<row>"``,
columns counted from 1 as the grid shows them, rows from 0). Every step below waits on
that table before the next: a click that lands while the grid is still redrawing (a row
was just added, a list is closing) selects nothing, and what is typed then goes nowhere.
"""

from __future__ import annotations

import contextlib
import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.browser import poll

HEADER = 35
"""Height of the grid's header row, and of each row, in pixels."""
SELECTED = "[role='gridcell'][aria-selected='true']"


def cell(grid, column: int, row: int):
    """A cell of the grid's accessible table."""
    return grid.get_by_test_id(f"glide-cell-{column}-{row}")


def write_cell(page, grid, column: int, row: int, text: str, listed: bool = False) -> None:
    """Select a cell, write ``text`` into it (``listed``: pick it from the cell's list of
    choices) and press Enter, until the grid's table says the cell holds it.

    The whole is tried up to three times, each try checked step by step; the cell's
    content, not the absence of an error, decides.
    """
    target = cell(grid, column, row)
    for _ in range(3):
        with contextlib.suppress(PlaywrightTimeout, AssertionError):  # not drawn yet
            _select(page, grid, column, row)
            _write(page, text, listed)
            poll(lambda: target.inner_text(), lambda shown: shown == text, 5)
        if target.inner_text() == text:
            return
    raise AssertionError(f"cell {column},{row} holds {target.inner_text()!r}, not {text!r}")


def _select(page, grid, column: int, row: int) -> None:
    """Click the first data row near its left edge, then walk with the arrow keys."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + HEADER + HEADER // 2)
    at = poll(
        lambda: grid.locator(SELECTED).first.get_attribute("data-testid", timeout=1_000),
        lambda testid: bool(testid),
        5,
    )
    now_column, now_row = (int(n) for n in re.findall(r"\d+", at))
    for key, steps in (("ArrowRight", column - now_column), ("ArrowDown", row - now_row)):
        for _ in range(abs(steps)):
            page.keyboard.press(
                key if steps > 0 else key.replace("Right", "Left").replace("Down", "Up")
            )
    poll(lambda: cell(grid, column, row).get_attribute("aria-selected"), lambda s: s == "true", 5)


def _write(page, text: str, listed: bool) -> None:
    page.keyboard.press("Enter")  # opens the cell's editor
    if listed:
        options = page.get_by_role("option")
        options.first.wait_for(timeout=5_000)
        page.keyboard.type(text)
        # Enter picks the highlighted option: wait until the typing has narrowed the
        # list to the one wanted (before that, Enter picks the first in the list).
        poll(options.all_inner_texts, lambda shown: shown == [text], 5)
        page.keyboard.press("Enter")
        options.first.wait_for(state="detached", timeout=5_000)
    else:  # a text box over the canvas
        editor = page.locator("textarea.gdg-input:visible")
        editor.fill(text, timeout=5_000)
        editor.press("Enter", timeout=5_000)
