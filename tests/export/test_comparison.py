"""The comparison brief, read back: Markdown with GitHub's table rules, HTML with the
standard library's parser; hostile names survive as text in both."""

from __future__ import annotations

import pytest

from ple.compare import compare_journeys
from ple.export.comparison import comparison_download, comparison_markdown, comparison_page
from ple.model import Workspace
from tests.compare.conftest import PROPOSED, TODAY
from tests.compare.conftest import load as load_pair
from tests.export.helpers import HOSTILE, PAYLOADS, hostile, load, write_hostile_pair
from tests.export.test_brief import cell_text, flat, tables
from tests.export.test_page import Page


@pytest.fixture
def pair(write) -> Workspace:
    return load_pair(write, ("today.yaml", TODAY), ("proposed.yaml", PROPOSED))


@pytest.fixture
def hostile_pair(tmp_path) -> Workspace:
    return load(write_hostile_pair(tmp_path / "hostile"))


def test_markdown_tables_read_back(pair):
    text = comparison_markdown(pair, compare_journeys(pair, "today", "proposed"))
    found = {tuple(header): rows for header, rows in tables(text)}
    burden = found[("figure", "today", "proposed", "change", "not recorded (today / proposed)")]
    assert ["Customer minutes (hands-on)", "195", "100", "95 fewer", "1 / 1 steps"] in burden
    steps = found[("change", "step", "agency", "what changed")]
    assert [row[0] for row in steps] == ["added", "changed", "changed", "removed"]
    assert "## In short" in text and text.endswith("are in both journeys and are not listed.\n")


def test_hostile_text_survives_the_markdown_brief(hostile_pair):
    comparison = compare_journeys(hostile_pair, "hostile", "hostile-future")
    text = comparison_markdown(hostile_pair, comparison)
    assert "<script>" not in text
    cells = [cell_text(c) for _, rows in tables(text) for row in rows for c in row]
    assert any(flat(hostile("Step 2")) in c for c in cells)  # the removed step
    assert any(flat(hostile("New step")) in c for c in cells)
    assert flat(hostile("Journey")) in cell_text(text.split("\n")[0])


def test_html_page_is_self_contained_and_lists_every_change(pair):
    comparison = compare_journeys(pair, "today", "proposed")
    page = Page(comparison_page(pair, comparison))
    assert "".join(page.title) == "Retire today → Retire, proposed: comparison"
    assert page.loads == []
    [canvas] = page.canvases
    assert {s["mark"] for s in canvas["steps"]} >= {"+ NEW", "✕ REMOVED"}
    assert ["removed", "Visit an office", "SSA", ""] in page.rows
    assert "what changed" in page.headers


def test_hostile_text_is_escaped_in_the_html_brief(hostile_pair):
    comparison = compare_journeys(hostile_pair, "hostile", "hostile-future")
    text = comparison_page(hostile_pair, comparison)
    page = Page(text)
    assert page.loads == []
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in text
    assert any(HOSTILE in cell for row in page.rows for cell in row)


def test_downloads_are_named_after_the_pair(pair):
    comparison = compare_journeys(pair, "today", "proposed")
    md = comparison_download(pair, comparison, "md")
    html = comparison_download(pair, comparison, "html")
    assert (md.file_name, md.media_type) == ("today-vs-proposed.md", "text/markdown")
    assert (html.file_name, html.media_type) == ("today-vs-proposed.html", "text/html")
    with pytest.raises(ValueError, match="use md or html"):
        comparison_download(pair, comparison, "pdf")
