"""The Opportunities page in Chromium: the ranking of the bundled portfolio in order, a
filter that narrows it, an opportunity opened from its address, the Gaps page's link to
it, and no serious accessibility problem (axe-core)."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ple.io import load_workspace
from ple.opportunities import rank_opportunities
from tests.e2e.browser import EXCEPTION, open_page, poll, screenshot, settle, table_rows
from tests.e2e.grid import HEADER
from tests.e2e.test_accessibility import blocking, run_axe

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[2] / "data"


def pick_typed(page, label: str, option: str) -> None:
    """Pick ``option`` in a long selectbox by typing it (the list shows only its first
    options until one types)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(150)
    settle(page)


def ranked_ids(page) -> list[str]:
    return [row[1] for row in table_rows(page, 0)]


def test_the_ranking_shows_in_order_and_follows_the_filters(page, data_app, tmp_path):
    workspace = load_workspace(DATA).workspace
    expected = [r.opportunity.id for r in rank_opportunities(workspace)]
    open_page(page, data_app + "/opportunities")
    assert page.locator("h1").first.inner_text() == "Opportunities"
    assert page.locator(EXCEPTION).count() == 0
    assert ranked_ids(page) == expected
    assert page.locator("h2").first.inner_text().startswith("1. ")
    screenshot(page, tmp_path / "opportunities.png")
    pick_typed(page, "Owner", "FNS")
    poll(lambda: ranked_ids(page), lambda ids: len(ids) == 2)
    assert ranked_ids(page) == [
        i for i in expected if workspace.opportunities[i].owner.agency == "fns"
    ]


def test_an_opportunity_opens_from_its_address(page, data_app):
    open_page(page, data_app + "/opportunities?opportunity=snap-from-the-ui-claim")
    heading = page.locator("h2").first.inner_text()
    assert heading.endswith("SNAP application started from the unemployment claim")
    addressed = table_rows(page, -1)
    assert [row[1] for row in addressed] == ["resolved", "resolved"]


def test_no_serious_accessibility_violation(page, data_app, axe_source):
    open_page(page, data_app + "/opportunities")
    problems = blocking(run_axe(page, axe_source), "opportunities page")
    assert not problems, "\n".join(problems)


def test_the_ranking_page_passes_axe_and_reads_in_rank_order(browser, axe_source, tmp_path):
    """The downloadable page, opened from a file in a page that refuses every request:
    no axe violation at any impact, and Chromium's accessibility tree gives the title, the
    ranking, then each opportunity in rank order, its findings and sources inside it."""
    from ple.export.opportunities import ranking_page
    from tests.e2e.test_text_page_browser import headings

    workspace = load_workspace(DATA).workspace
    ranked = rank_opportunities(workspace)
    file = tmp_path / "opportunities.html"
    file.write_text(ranking_page(workspace, ranked), encoding="utf-8")
    context = browser.new_context()
    refused: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith("file:")
            else (refused.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    page.goto(file.as_uri())
    try:
        assert run_axe(page, axe_source) == []
        tree = headings(page)
    finally:
        context.close()
    assert refused == []
    assert tree[0][1:] == (1, "Opportunities, ranked by what each is worth")
    top = [name for _, level, name in tree if level == 2]
    assert top == ["The ranking", *(f"{r.rank}. {r.opportunity.title}" for r in ranked)]
    depth = {name: d for d, _, name in tree}
    inner = [(d, name) for d, level, name in tree if level == 3]
    assert {d for d, _ in inner} == {depth["The ranking"] + 1}  # inside their opportunity


def test_an_opportunity_started_on_the_gaps_page_opens_on_the_opportunities_page(
    page, start_app, axe_source, tmp_path
):
    """On a writable copy of the bundled data: pick a finding no opportunity addresses,
    start one with the form (which axe-core finds no serious problem in), and follow the
    link to it."""
    copy = tmp_path / "ws"
    shutil.copytree(DATA, copy)
    journey = load_workspace(copy).workspace.journeys["having-a-child"]
    open_page(page, start_app(copy) + "/gaps")
    pick_typed(page, "Journey", journey.name)
    pick_typed(page, "Rule", "single-channel")
    grid = page.locator("[data-testid='stDataFrame']").first
    start = page.get_by_role("button", name="Start the opportunity")
    for _attempt in range(3):  # a click while the grid redraws selects nothing
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 18, box["y"] + HEADER + HEADER // 2)  # the row marker
        with contextlib.suppress(PlaywrightTimeout):
            start.wait_for(timeout=5_000)
            break
    problems = blocking(run_axe(page, axe_source), "gaps page with the form")
    assert not problems, "\n".join(problems)
    page.get_by_label("How might we ...?").fill("How might we let parents apply by phone?")
    screenshot(page, tmp_path / "gaps-start-form.png")
    start.click()
    opened = page.get_by_role("link", name="Open Only one channel: First prenatal visit")
    opened.wait_for(timeout=30_000)
    screenshot(page, tmp_path / "gaps-started.png")
    assert "id: only-one-channel-first-prenatal-visit" in (copy / "opportunities.yaml").read_text(
        encoding="utf-8"
    )
    opened.click()
    heading = poll(
        lambda: page.locator("h2").first.inner_text(),
        lambda text: text.endswith("Only one channel: First prenatal visit"),
    )
    assert page.url.endswith("/opportunities?opportunity=only-one-channel-first-prenatal-visit"), (
        page.url
    )
    assert heading.endswith(". Only one channel: First prenatal visit")
    assert page.locator(EXCEPTION).count() == 0
