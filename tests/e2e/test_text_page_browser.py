"""The accessible text page in Chromium: axe-core finds no violation on the page of any
bundled journey (nor on the hostile one), nothing is requested off the page, and
Chromium's accessibility tree reads it in order: the title, the stages in the journey's
order, each stage's steps in order inside it, then the findings.

axe-core is the npm package in tests/e2e (``npm ci --prefix tests/e2e``, as .ci/run does);
Chromium is the system one. Skipped without them unless ``PLE_REQUIRE_BROWSER=1``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ple.export import export_journey
from ple.model import Workspace
from tests.e2e.test_accessibility import run_axe
from tests.export.helpers import load, load_bundled, load_small, write_hostile

pytestmark = pytest.mark.browser

BUNDLED = load_bundled()


@pytest.fixture(scope="module")
def text_page(browser, tmp_path_factory) -> Iterator:
    """Open a journey's text page from a file in a page that refuses every request."""
    context = browser.new_context()
    refused: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    folder = tmp_path_factory.mktemp("text-pages")

    def open_page(workspace: Workspace, journey_id: str):
        [artifact] = export_journey(workspace, journey_id, "text-html")
        file = folder / f"{journey_id}.text.html"
        file.write_bytes(artifact.data)
        page = context.new_page()
        page.goto(Path(file).as_uri())
        return page

    open_page.refused = refused
    yield open_page
    context.close()


@pytest.mark.parametrize("journey_id", list(BUNDLED.journeys))
def test_no_accessibility_violation(text_page, axe_source, journey_id):
    page = text_page(BUNDLED, journey_id)
    violations = run_axe(page, axe_source)
    page.close()
    assert violations == [], [(v["id"], v["help"], v["nodes"][:2]) for v in violations]
    assert text_page.refused == []


def test_the_hostile_page_has_no_violation_and_runs_nothing(
    text_page, axe_source, tmp_path_factory
):
    hostile = load(write_hostile(tmp_path_factory.mktemp("hostile")))
    page = text_page(hostile, "hostile")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert run_axe(page, axe_source) == []
    assert dialogs == [] and text_page.refused == []
    page.close()


HEADING = re.compile(r'^heading "(?P<name>(?:[^"\\]|\\.)*)" \[level=(?P<level>\d)\]$')


def headings(page) -> list[tuple[int, int, str]]:
    """(depth in the tree, heading level, name) of every heading, in the order Chromium's
    accessibility tree holds them: Playwright's ARIA snapshot is that tree as YAML, walked
    depth first."""
    found: list[tuple[int, int, str]] = []

    def walk(nodes: list, depth: int) -> None:
        for node in nodes or []:
            label, children = next(iter(node.items())) if isinstance(node, dict) else (node, [])
            match = HEADING.match(str(label))
            if match:
                found.append((depth, int(match["level"]), match["name"].replace('\\"', '"')))
            if isinstance(children, list):
                walk(children, depth + 1)

    walk(yaml.safe_load(page.locator("body").aria_snapshot()), 0)
    return found


@pytest.mark.parametrize(
    "workspace, journey_id",
    [
        (BUNDLED, "having-a-child"),
        (BUNDLED, "recovering-from-a-disaster-future"),
        (load_small(), "retirement"),
    ],
    ids=["having-a-child", "disaster-future", "small"],
)
def test_the_accessibility_tree_reads_in_order(text_page, workspace, journey_id):
    journey = workspace.journeys[journey_id]
    page = text_page(workspace, journey_id)
    tree = headings(page)
    page.close()
    assert tree[0][1:] == (1, journey.name)
    names = [name for _, _, name in tree]
    top = [name for _, level, name in tree if level == 2]
    assert top[:4] == [
        "About this journey",
        "Steps by stage",
        "Handoffs between agencies",
        "Gap findings",
    ]
    numbers = {step.id: n for n, step in enumerate(journey.steps, start=1)}
    expected: list[str] = []
    for position, stage in enumerate(journey.stages, start=1):
        expected.append(f"Stage {position} of {len(journey.stages)}: {stage.name}")
        expected += [
            f"Step {numbers[s.id]}: {s.name}" for s in journey.steps if s.stage == stage.id
        ]
    loose = [s for s in journey.steps if s.stage not in {st.id for st in journey.stages}]
    if loose:
        expected.append("Steps without a stage" if journey.stages else "All steps")
        expected += [f"Step {numbers[s.id]}: {s.name}" for s in loose]
    start = names.index("Steps by stage") + 1
    assert names[start : start + len(expected)] == expected
    assert names.index("Gap findings") > start + len(expected) - 1
    # the tree nests them: each step inside its stage's region, each stage inside the
    # region of "Steps by stage"
    depth = {name: d for d, _, name in tree}
    groups = {depth[n] for n in expected if not re.match(r"Step \d", n)}
    steps = {depth[n] for n in expected if re.match(r"Step \d", n)}
    assert groups == {depth["Steps by stage"] + 1}
    assert steps <= {depth["Steps by stage"] + 2}
