"""Driving the journey canvas with a real mouse and keyboard, as a designer would.

Every helper waits on what the canvas itself says (its ``data-revision`` changes when
Python sends a new map), never on a fixed sleep. Shared by the canvas tests and by the
script that times the task for docs/editing.md.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.browser import canvas_ready, poll, settle


@dataclass
class Effort:
    """What a task took: mouse clicks and drags, typed fields, key presses."""

    clicks: int = 0
    drags: int = 0
    typed: int = 0
    keys: int = 0
    steps: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.clicks} clicks, {self.drags} drags, {self.typed} typed fields, "
            f"{self.keys} key presses"
        )


def last_sent(page) -> int:
    """The number of the last edit the map sent (0 before the first)."""
    sent = page.locator(".ple-canvas-host").first.get_attribute("data-last-edit") or "0"
    return int(sent.split()[0])


def wait_for_edit(page, sent_before: int) -> None:
    """Wait until the map has sent an edit after ``sent_before`` and shows the page
    Python drew once that edit was applied. (A new map alone is not enough: a click that
    clears the selection draws one too, before the edit arrives.)"""
    sent = poll(lambda: last_sent(page), lambda number: number > sent_before)
    poll(
        lambda: canvas_ready(page).get_attribute("data-applied"),
        lambda applied: applied == str(sent),
    )
    settle(page)


def wait_for_filtered(page, typed: str) -> None:
    """Wait until the open list's first option has the typed text (Enter takes the first;
    a list that has not caught up with the typing yet would give the wrong one)."""
    poll(
        lambda: page.get_by_role("option").all_inner_texts(),
        lambda shown: bool(shown) and typed.lower() in shown[0].lower(),
    )


def pick(page, label: str, typed: str, effort: Effort) -> None:
    """Choose in a select box by typing part of the option and pressing Enter (long lists
    draw only the options in view)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    page.keyboard.type(typed)
    wait_for_filtered(page, typed)
    page.keyboard.press("Enter")
    effort.clicks += 1
    effort.typed += 1
    settle(page)


def node(page, step_id: str):
    return canvas_ready(page).locator(f".react-flow__node[data-id='{step_id}']")


def in_view(page, *step_ids: str) -> None:
    """Make sure the steps are inside the canvas's frame: a map larger than the frame
    opens at a readable zoom on its start, so press Fit when one is out of sight."""
    canvas = canvas_ready(page)
    canvas.evaluate("element => element.scrollIntoView({block: 'center'})")
    frame = canvas.bounding_box()

    def inside(step_id: str) -> bool:
        box = node(page, step_id).bounding_box()
        return (
            bool(box)
            and frame["x"] <= box["x"]
            and box["x"] + box["width"] <= (frame["x"] + frame["width"])
            and frame["y"] <= box["y"]
            and (box["y"] + box["height"] <= frame["y"] + frame["height"])
        )

    if not all(inside(s) for s in step_ids):
        canvas.get_by_role("button", name="Fit the whole map").click()
        poll(lambda: all(inside(s) for s in step_ids), bool)


def lane_labels(page) -> list[str]:
    """The lanes' bold labels, top to bottom (a wrapped label joined again)."""
    return (
        canvas_ready(page)
        .locator(".ple-lane")
        .evaluate_all(
            "lanes => lanes.map(l => [...l.querySelectorAll('.ple-lane-acronym')]"
            ".map(d => d.textContent).join(' '))"
        )
    )


def lane_box(page, agency_label: str) -> dict:
    """Where a lane is on the screen (its band, right of the label column)."""
    labels = lane_labels(page)
    if agency_label not in labels:
        raise AssertionError(f"no lane {agency_label!r} in {labels}")
    lane = canvas_ready(page).locator(".ple-lane").nth(labels.index(agency_label))
    return lane.locator(".ple-lane-band").bounding_box()


def empty_point(page, agency_label: str) -> tuple[float, float]:
    """A point of the lane where a double click reaches the canvas's pane (no box, no
    arrow there), as far right as the frame shows."""
    canvas_ready(page).evaluate("element => element.scrollIntoView({block: 'center'})")
    band = lane_box(page, agency_label)
    frame = canvas_ready(page).bounding_box()
    y = band["y"] + band["height"] / 2
    right = min(band["x"] + band["width"], frame["x"] + frame["width"] - 80)
    for dx in range(0, int(right - band["x"]), 25):
        x = right - dx
        for dy in (0, -12, 12, -20, 20):
            hit = page.evaluate(
                "([x, y]) => document.elementFromPoint(x, y)?.className?.toString() || ''",
                [x, y + dy],
            )
            if "react-flow__pane" in hit:
                return x, y + dy
    raise AssertionError(f"no empty point in the lane {agency_label!r}")


def add_step(page, agency_label: str, name: str, effort: Effort) -> str:
    """Double-click an empty cell of the lane, name the step, press Enter."""
    sent = last_sent(page)
    x, y = empty_point(page, agency_label)
    page.mouse.dblclick(x, y)
    effort.clicks += 2
    box = page.locator(".ple-popup input")
    box.wait_for()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    effort.typed += 1
    effort.keys += 1
    wait_for_edit(page, sent)


def drag(page, start: tuple[float, float], end: tuple[float, float], effort: Effort) -> None:
    """A real drag: press, move in small steps, release (React Flow needs the moves)."""
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + 6, start[1] + 6, steps=3)
    page.mouse.move(*end, steps=15)
    page.mouse.up()
    effort.drags += 1


def connect(page, source: str, target: str, handoff: str | None, effort: Effort) -> None:
    """Drag from the source step's right handle onto the target step's left handle; when
    the agencies differ, pick the handoff type in the menu."""
    sent = last_sent(page)
    in_view(page, source, target)
    node(page, source).hover()
    handle = node(page, source).locator(".react-flow__handle-right").bounding_box()
    goal = node(page, target).locator(".react-flow__handle-left").bounding_box()
    start = (handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    end = (goal["x"] + goal["width"] / 2, goal["y"] + goal["height"] / 2)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + 6, start[1] + 6, steps=3)
    page.mouse.move(*end, steps=15)
    canvas_ready(page).locator(".react-flow__handle.connectingto.valid").wait_for()
    page.mouse.up()
    effort.drags += 1
    if handoff is not None:
        page.locator(".ple-menu").get_by_role("menuitem", name=handoff).first.click()
        effort.clicks += 1
    wait_for_edit(page, sent)


def move_step(page, step_id: str, agency_label: str, effort: Effort) -> None:
    """Drag a step into another lane, in the same column."""
    sent = last_sent(page)
    in_view(page, step_id)
    box = node(page, step_id).locator(".ple-step").bounding_box()
    band = lane_box(page, agency_label)
    start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    drag(page, start, (start[0], band["y"] + band["height"] / 2), effort)
    wait_for_edit(page, sent)


def click_route(page, source: str, target: str, effort: Effort) -> None:
    """Click an arrow in the middle of its length, then wait until the panel beside the map
    shows that move (the selection has reached Python)."""
    settle(page)
    in_view(page, source, target)
    route = canvas_ready(page).locator(
        f".ple-route[data-from='{source}'][data-to='{target}'] .ple-route-hit"
    )
    point = route.evaluate("""path => {
        const length = path.getTotalLength();
        const p = path.getPointAtLength(length * 0.5);
        const m = path.getScreenCTM();
        return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f];
    }""")
    page.mouse.click(*point)
    effort.clicks += 1
    canvas_ready(page).locator(
        f".react-flow__edge.selected .ple-route[data-from='{source}'][data-to='{target}']"
    ).wait_for()
    page.get_by_role("button", name="Delete this move").wait_for()
    settle(page)


def press(page, keys: str, effort: Effort) -> None:
    """A key on the canvas that changes the journey (Delete, Ctrl+Z): wait for the map."""
    settle(page)
    sent = last_sent(page)
    page.keyboard.press(keys)
    effort.keys += 1
    wait_for_edit(page, sent)


def save(page, effort: Effort) -> None:
    """Press Save and wait for the page to say what happened (a save is never silent)."""
    settle(page)
    said = page.locator(
        "[data-testid='stAlertContentSuccess'], "
        "[data-testid='stAlertContentInfo'], [data-testid='stAlertContentError']"
    )
    before = said.all_inner_texts()
    page.get_by_role("button", name="Save", exact=True).click()
    effort.clicks += 1
    poll(
        lambda: said.all_inner_texts(),
        lambda now: (
            now != before
            and any(text.startswith(("Saved", "No changes", "Nothing was saved")) for text in now)
        ),
    )
    settle(page)


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def saved_text(file: Path, before: str | None) -> str:
    """The file once a save has changed it (``before`` None: once it exists)."""
    return poll(
        lambda: file.read_text(encoding="utf-8") if file.exists() else None,
        lambda text: text is not None and text != before,
        timeout=30,
    )
