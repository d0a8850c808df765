"""The journey canvas in Chromium, driven with a real mouse and keyboard: build a journey
(5 steps at 3 agencies, 4 moves: warm, referral, cold and one more) without typing an id,
move a step to another lane, delete a move, undo, save; each save's YAML diff is checked
and the saved workspace validates. Once with the mouse on a copy of data/, once on a new
empty workspace, once with the keyboard alone; and two steps selected together, moved together.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from ple.io import load_workspace
from tests.e2e.browser import EXCEPTION, canvas_ready, open_page, poll, screenshot, settle
from tests.e2e.canvas import (
    Effort,
    add_step,
    changed_lines,
    click_route,
    connect,
    drag,
    lane_box,
    lane_labels,
    last_sent,
    move_step,
    node,
    pick,
    press,
    save,
    saved_text,
    wait_for_edit,
    wait_for_filtered,
)
from tests.e2e.conftest import SMALL

pytestmark = pytest.mark.browser

DATA = SMALL.parents[2] / "data"
JOURNEY = "Starting a small business"
STATE = "State workforce agency (American Job Centers)"
FILE = "ples/starting-a-small-business.yaml"
STEPS = [  # (lane: sba, irs or state; name; id made from the name)
    ("sba", "Write a business plan", "write-a-business-plan"),
    ("irs", "Get an employer identification number", "get-an-employer-identification-number"),
    ("state", "Register as an employer", "register-as-an-employer"),
    ("irs", "Learn about federal taxes", "learn-about-federal-taxes"),
    ("sba", "Apply for an SBA loan", "apply-for-an-sba-loan"),
]
Lanes = dict[str, tuple[str, str]]
"""sba, irs, state -> (the lane's label on the map, the agency's id)."""
MOVES = [  # (from, to, handoff type)
    (0, 1, "warm"),
    (1, 2, "referral"),
    (2, 3, "cold"),
    (3, 4, "warm"),
]


def new_journey(page, url: str, lead: str, effort: Effort) -> None:
    open_page(page, url + "/edit")
    page.get_by_text("New journey", exact=True).click()
    effort.clicks += 1
    page.get_by_role("heading", name="Start a new journey").wait_for()
    page.get_by_label("Name of the journey", exact=True).fill(JOURNEY)
    effort.typed += 1
    pick(page, "Lead agency (the first step's agency)", lead, effort)
    page.get_by_role("button", name="Create", exact=True).click()
    effort.clicks += 1
    settle(page)
    canvas_ready(page)


def show_lane(page, typed: str, label: str, effort: Effort) -> None:
    pick(page, "Show a lane for", typed, effort)
    page.get_by_role("button", name="Add the lane").click()
    effort.clicks += 1
    settle(page)
    poll(lambda: lane_labels(page), lambda labels: label in labels)


def new_catalog_entry(page, name: str, acronym: str, effort: Effort) -> None:
    """Create an agency from the panel beside the map, without leaving the page."""
    settle(page)  # a rerun still on its way would clear what is typed into the form
    expander = page.get_by_text("New agency, program or data item")
    if not page.get_by_label("Name of the new entry").is_visible():
        expander.click()
        effort.clicks += 1
    for label, text in (("Name of the new entry", name), ("Acronym (agencies)", acronym)):
        field = page.get_by_label(label)
        field.fill(text)
        poll(field.input_value, lambda shown, text=text: shown == text)
    effort.typed += 2
    settle(page)
    page.get_by_role("button", name="Create it in the catalog").click()
    effort.clicks += 1
    settle(page)
    poll(lambda: lane_labels(page), lambda labels: acronym in labels)


def lanes_from_data(page, url: str, effort: Effort) -> Lanes:
    """A copy of data/: the agencies are in its catalog; show their lanes."""
    new_journey(page, url, "Small Business Administration", effort)
    show_lane(page, "Internal Revenue", "IRS", effort)
    show_lane(page, "State workforce", STATE, effort)
    return {
        "sba": ("SBA", "sba"),
        "irs": ("IRS", "irs"),
        "state": (STATE, "state-workforce-agency"),
    }


def build_with_the_mouse(
    page, url: str, workspace: Path, tmp_path: Path, lanes=lanes_from_data
) -> Effort:
    effort = Effort()
    started = time.perf_counter()
    lane = lanes(page, url, effort)
    for role, name, _ in STEPS:
        add_step(page, lane[role][0], name, effort)
    ids = [step_id for _, _, step_id in STEPS]
    assert {
        n.get_attribute("data-id") for n in canvas_ready(page).locator(".react-flow__node").all()
    } == set(ids)
    for source, target, handoff in MOVES:
        connect(page, ids[source], ids[target], handoff, effort)
    screenshot(page, tmp_path / "built.png")
    file = workspace / FILE
    save(page, effort)
    built = saved_text(file, None)
    result = load_workspace(workspace)
    assert result.ok, [str(p) for p in result.errors]
    journey = result.workspace.journeys["starting-a-small-business"]
    assert [s.id for s in journey.steps] == ids
    assert [(s.id, t.to, t.handoff.type.value) for s in journey.steps for t in s.next] == [
        (ids[a], ids[b], kind) for a, b, kind in MOVES
    ]
    assert len({s.agency for s in journey.steps}) == 3

    move_step(page, ids[3], lane["state"][0], effort)
    save(page, effort)
    moved = saved_text(file, built)
    assert changed_lines(built, moved) == [
        f"-    agency: {lane['irs'][1]}",
        f"+    agency: {lane['state'][1]}",
    ]

    click_route(page, ids[1], ids[2], effort)
    press(page, "Delete", effort)
    save(page, effort)
    cut = saved_text(file, moved)
    removed = changed_lines(moved, cut)
    assert removed and all(line.startswith("-") for line in removed)
    assert any(ids[2] in line for line in removed)

    node(page, ids[0]).click()
    effort.clicks += 1
    press(page, "Control+z", effort)
    save(page, effort)
    assert saved_text(file, cut) == moved  # the undone delete restores the file exactly
    save(page, effort)
    page.get_by_text("No changes to save.").wait_for()
    assert file.read_text(encoding="utf-8") == moved  # an unchanged save: byte for byte
    assert load_workspace(workspace).ok
    assert page.locator(EXCEPTION).count() == 0
    effort.steps.append(f"{time.perf_counter() - started:.1f} s")
    screenshot(page, tmp_path / "done.png")
    return effort


def test_build_a_journey_with_the_mouse_on_a_copy_of_data(page, start_app, tmp_path):
    workspace = tmp_path / "data"
    shutil.copytree(DATA, workspace)
    effort = build_with_the_mouse(page, start_app(workspace), workspace, tmp_path)
    print(f"\nbuilt, moved, deleted, undone and saved in {effort.steps[-1]}: {effort.summary()}")


def lanes_made_here(page, url: str, effort: Effort) -> Lanes:
    """An empty workspace: the three agencies are made from the panel, as lanes."""
    open_page(page, url + "/edit")
    page.get_by_text("New journey", exact=True).click()
    effort.clicks += 1
    page.get_by_role("heading", name="Start a new journey").wait_for()
    page.get_by_label("Name of the journey", exact=True).fill(JOURNEY)
    effort.typed += 1
    page.get_by_role("button", name="Create", exact=True).click()
    effort.clicks += 1
    settle(page)
    canvas_ready(page)
    new_catalog_entry(page, "Small Business Administration", "SBA", effort)
    new_catalog_entry(page, "Internal Revenue Service", "IRS", effort)
    new_catalog_entry(page, STATE, "SWA", effort)
    return {"sba": ("SBA", "sba"), "irs": ("IRS", "irs"), "state": ("SWA", "swa")}


def test_build_a_journey_with_the_mouse_in_an_empty_workspace(page, start_app, tmp_path):
    workspace = tmp_path / "empty"
    workspace.mkdir()
    effort = build_with_the_mouse(page, start_app(workspace), workspace, tmp_path, lanes_made_here)
    catalog = load_workspace(workspace).workspace
    assert {a.name for a in catalog.agencies.values()} == {
        "Small Business Administration",
        "Internal Revenue Service",
        STATE,
    }
    print(f"\nin an empty workspace, in {effort.steps[-1]}: {effort.summary()}")


# --- the keyboard path -------------------------------------------------------------------


class Keys:
    """Only the keyboard: ``reach`` puts the focus on a control (as Tab would; a person
    with a screen reader jumps there by its name), everything else is key presses."""

    def __init__(self, page, effort: Effort) -> None:
        self.page, self.effort = page, effort

    def reach(self, locator) -> None:
        locator.focus()
        self.effort.keys += 1  # one Tab stop (or a screen reader's jump) to get there

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.effort.typed += 1

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.effort.keys += 1
        settle(self.page)

    def edit(self, key: str) -> None:
        """A key the map turns into an edit (a move, undo, save): wait until Python has
        applied it and drawn the page again."""
        sent = last_sent(self.page)
        self.page.keyboard.press(key)
        self.effort.keys += 1
        wait_for_edit(self.page, sent)

    def field(self, label: str, text: str) -> None:
        self.reach(self.page.get_by_label(label, exact=True))
        self.type(text)

    def pick(self, label: str, typed: str) -> None:
        """Type part of an option into the select box, press Enter, and wait until the box
        shows that option (on a busy machine, moving on earlier can submit the old one)."""
        self.reach(self.page.get_by_role("combobox", name=label, exact=True))
        self.type(typed)
        wait_for_filtered(self.page, typed)
        self.press("Enter")
        box = self.page.get_by_role("combobox", name=label, exact=True)
        poll(lambda: box.input_value(), lambda shown: typed.lower() in shown.lower())
        settle(self.page)  # the run the choice started (it may enable the next button)

    def button(self, name: str) -> None:
        """Tab to a button and press Enter, once it is enabled: a choice made just before
        enables it only when the run it started is back, and Enter on a disabled button
        does nothing (the page may look idle before that run has even begun)."""
        button = self.page.get_by_role("button", name=name, exact=True)
        poll(button.is_enabled, bool)
        self.reach(button)
        self.press("Enter")

    def step(self, step_id: str, name: str) -> None:
        """Tab to a step on the map and press Enter: it is selected, the panel shows it
        (under the step's name)."""
        self.reach(node(self.page, step_id))
        self.press("Enter")
        self.page.get_by_role("heading", name=name, exact=True).wait_for()
        settle(self.page)


def test_build_the_same_journey_with_the_keyboard_alone(page, start_app, tmp_path):
    workspace = tmp_path / "data"
    shutil.copytree(DATA, workspace)
    url = start_app(workspace)
    effort = Effort()
    keys = Keys(page, effort)
    started = time.perf_counter()
    open_page(page, url + "/edit")
    keys.reach(page.get_by_role("radio", name="Edit a journey"))
    keys.press("ArrowRight")  # the next choice: New journey
    page.get_by_role("heading", name="Start a new journey").wait_for()
    keys.field("Name of the journey", JOURNEY)
    keys.pick("Lead agency (the first step's agency)", "Small Business Administration")
    keys.button("Create")
    canvas_ready(page)
    for typed, label in (("Internal Revenue", "IRS"), ("State workforce", STATE)):
        keys.pick("Show a lane for", typed)
        keys.button("Add the lane")
        poll(lambda label=label: lane_labels(page), lambda labels, label=label: label in labels)
    agencies = {
        "sba": "Small Business Administration",
        "irs": "Internal Revenue",
        "state": "State workforce",
    }
    for role, name, step_id in STEPS:
        keys.field("Name of the step", name)
        keys.pick("Agency (lane)", agencies[role])
        keys.button("Add the step")
        node(page, step_id).wait_for()
        keys.button("Close (back to adding steps)")
    ids = [step_id for _, _, step_id in STEPS]
    names = [name for _, name, _ in STEPS]
    for source, target, handoff in MOVES:
        keys.step(ids[source], names[source])
        keys.pick("Connect to…", names[target])
        keys.pick("Handoff type (when the agencies differ)", handoff)
        keys.button("Connect")
        canvas_ready(page).locator(
            f".ple-route[data-from='{ids[source]}'][data-to='{ids[target]}']"
        ).wait_for()
    file = workspace / FILE
    keys.reach(node(page, ids[0]))
    keys.edit("Control+s")
    built = saved_text(file, None)
    journey = load_workspace(workspace).workspace.journeys["starting-a-small-business"]
    assert [(s.id, t.to, t.handoff.type.value) for s in journey.steps for t in s.next] == [
        (ids[a], ids[b], kind) for a, b, kind in MOVES
    ]

    keys.step(ids[3], names[3])
    keys.reach(node(page, ids[3]))
    keys.edit("Alt+ArrowDown")  # to the lane below: the state agency
    keys.edit("Control+s")
    moved = saved_text(file, built)
    assert changed_lines(built, moved) == [
        "-    agency: irs",
        "+    agency: state-workforce-agency",
    ]

    keys.step(ids[1], names[1])
    keys.button(f"→ {names[2]} (referral)")
    keys.button("Delete this move")
    keys.reach(node(page, ids[0]))
    keys.edit("Control+s")
    cut = saved_text(file, moved)
    assert all(line.startswith("-") for line in changed_lines(moved, cut))
    keys.edit("Control+z")
    keys.edit("Control+s")
    assert saved_text(file, cut) == moved
    assert load_workspace(workspace).ok
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, tmp_path / "keyboard-done.png")
    print(
        f"\nwith the keyboard alone, in {time.perf_counter() - started:.1f} s: {effort.summary()}"
    )


def test_two_steps_selected_together_move_together(page, start_app, tmp_path):
    """Control-click two steps of one lane, drag one of them into another lane: both
    change agency, in one edit that one undo takes back."""
    workspace = tmp_path / "small"
    shutil.copytree(SMALL, workspace)
    file = workspace / "journeys" / "retirement.yaml"
    before = file.read_text(encoding="utf-8")
    open_page(page, start_app(workspace) + "/edit")
    effort = Effort()
    first, second = node(page, "check-estimate"), node(page, "apply-retirement")
    first.locator(".ple-step").click()
    second.locator(".ple-step").click(modifiers=["Control"])
    poll(lambda: canvas_ready(page).locator(".react-flow__node.selected").count(), lambda n: n == 2)
    settle(page)  # the selection reached Python, which drew the map again: still both
    poll(lambda: canvas_ready(page).locator(".react-flow__node.selected").count(), lambda n: n == 2)
    sent = last_sent(page)
    box = first.locator(".ple-step").bounding_box()
    band = lane_box(page, "CMS")
    start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    drag(page, start, (start[0], band["y"] + band["height"] / 2), effort)
    wait_for_edit(page, sent)
    save(page, effort)
    moved = saved_text(file, before)
    assert (
        sorted(changed_lines(before, moved)) == ["+    agency: cms"] * 2 + ["-    agency: ssa"] * 2
    )
    node(page, "check-estimate").locator(".ple-step").click()
    press(page, "Control+z", effort)
    save(page, effort)
    assert saved_text(file, moved) == before
    assert page.locator(EXCEPTION).count() == 0
