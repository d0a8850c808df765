"""Every page of the app on a workspace whose names, values, file names and even YAML keys
are hostile Markdown and HTML: whatever the pages hand Streamlit as Markdown (alerts,
headings, captions, small print, button labels) reads, with GitHub's own renderer, as the
text itself: no image, no link, no HTML, no emphasis made from the user's text.

The browser test (tests/e2e/test_app_browser.py) checks the same of the Edit page's error
in Chromium, with every request off the machine recorded.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from ple.ui.navigation import (
    COMPARE,
    EDIT,
    EQUITY,
    GAPS,
    HANDOFFS,
    JOURNEY,
    OPPORTUNITIES,
    PORTFOLIO,
)
from tests.conftest import ROOT
from tests.export.helpers import HOSTILE_JOURNEY, hostile, write_hostile_pair
from tests.markdown import images, links, render, shown_as

APP = ROOT / "app.py"
PIN = "[Re-enter your PIV PIN](http://evil.example/pin)"
PICTURE = "![x](http://evil.example/x.png)"
TRICK = f"{PIN} {PICTURE} <img src=http://evil.example/y.png> :red[alarm] **loud**"
"""What a colleague's file can say where the app shows a name, a key or a file name."""


def hostile_workspace(folder: Path) -> Path:
    """The hostile pair (every name hostile), plus a journey whose step has a field the
    tables cannot show, named with Markdown (the Edit page reports it by name), and an
    empty file named with Markdown (reported as a warning in the sidebar)."""
    write_hostile_pair(folder)
    broken = {**HOSTILE_JOURNEY, "id": "broken", "name": hostile("Broken")}
    broken["steps"] = [{**broken["steps"][2], TRICK: "a field no one knows"}]
    (folder / "broken.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    (folder / "[x](javascript:alert(1)).yaml").write_text("", encoding="utf-8")
    opportunity = {
        "id": "fix",
        "title": TRICK,
        "how_might_we": TRICK,
        "journey": "hostile",
        "findings": [{"rule": "cold-handoff"}],
        "steps": ["first"],
        "owner": {"agency": "ssa", "unit": TRICK, "role": TRICK},
        "change": {"future": "hostile-future"},
        "sources": [TRICK],
    }
    (folder / "opportunities.yaml").write_text(
        yaml.safe_dump({"opportunities": [opportunity]}), encoding="utf-8"
    )
    return folder


def markdown_shown(at: AppTest) -> list[str]:
    """Every string the page handed Streamlit to render as Markdown."""
    found = [
        e.value
        for kind in (
            "markdown",
            "caption",
            "title",
            "header",
            "subheader",
            "error",
            "warning",
            "info",
            "success",
            "toast",
        )
        for e in getattr(at, kind)
    ]
    found += [b.label for b in at.button]
    found += [link.proto.label for link in at.get("page_link")]
    return found


def assert_shown_as_text(at: AppTest, page: str) -> None:
    for markdown in markdown_shown(at):
        rendered = render(markdown)
        assert links(rendered) == [] and images(rendered) == [], (page, markdown)
        assert "<img" not in rendered and "<script" not in rendered, (page, markdown)
        assert "<strong>loud</strong>" not in rendered and ":red[" not in markdown, (page, markdown)


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppTest:
    monkeypatch.setenv("PLE_WORKSPACE", str(hostile_workspace(tmp_path / "hostile")))
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def visit(at: AppTest, page: Path) -> AppTest:
    at.switch_page(str(page))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    "page",
    [PORTFOLIO, JOURNEY, HANDOFFS, GAPS, EQUITY, COMPARE, OPPORTUNITIES],
    ids=lambda p: p.stem,
)
def test_every_page_shows_hostile_text_as_text(at: AppTest, page: Path) -> None:
    visit(at, page)
    assert_shown_as_text(at, page.stem)
    assert any("(javascript:alert(1)).yaml" in shown_as(w.value) for w in at.sidebar.warning)


def test_a_hostile_opportunity_is_text_on_its_page_and_from_the_gaps_page(at: AppTest) -> None:
    visit(at, OPPORTUNITIES)
    [heading] = at.header
    assert PIN in shown_as(heading.value)  # there, as text
    assert_shown_as_text(at, "opportunities")
    visit(at, GAPS)
    at.selectbox(key="gaps_rule").set_value("cold-handoff")
    at.run()
    at.session_state["gaps_table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    labels = [
        link.proto.label
        for link in at.get("page_link")
        if "opportunity=" in link.proto.query_string
    ]
    assert len(labels) == 1 and PIN in shown_as(labels[0])
    assert_shown_as_text(at, "gaps: a finding's opportunities")


def test_the_journey_page_shows_a_hostile_name_as_its_title(at: AppTest) -> None:
    at.session_state["journey_id"] = "hostile"
    visit(at, JOURNEY)
    [title] = at.title
    assert PICTURE in shown_as(title.value)  # as text
    assert_shown_as_text(at, "journey")


def test_the_edit_page_reports_a_hostile_field_as_text(at: AppTest) -> None:
    visit(at, EDIT)
    at.selectbox(key="edit_journey").set_value("broken")
    at.run()
    [error] = [e.value for e in at.error if "tables cannot show" in e.value]
    assert PIN in shown_as(error)  # there, as text
    assert_shown_as_text(at, "edit")
    for mode in ("Catalog", "Upload", "History and drafts", "New journey"):
        at.radio(key="edit_mode").set_value(mode)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert_shown_as_text(at, f"edit: {mode}")


def test_a_hostile_step_on_the_edit_page_map_panel_is_text(at: AppTest) -> None:
    visit(at, EDIT)
    at.selectbox(key="edit_journey").set_value("hostile")
    at.run()
    at.session_state["edit_selected_hostile"] = {"kind": "step", "id": "first"}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Step 1" in s.value for s in at.subheader)
    assert_shown_as_text(at, "edit: step panel")
