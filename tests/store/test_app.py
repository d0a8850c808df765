"""The app on a workspace held by a database (``PLE_BACKEND=falkordb`` or ``neo4j``),
through AppTest: every page renders, the query pages ask the server, and a database that
cannot be read is a message on the page, not a traceback. (The same app in Chromium, on
Neo4j: test_app_browser.py.)"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ple.query import open_backend
from ple.store import sync
from ple.ui.navigation import COMPARE, EQUITY, GAPS, HANDOFFS, JOURNEY, PORTFOLIO
from tests.conftest import ROOT
from tests.markdown import shown_as
from tests.store.conftest import NAMES
from tests.store.falkordb_server import free_port

APP = ROOT / "app.py"


@pytest.fixture
def database_app(backend, request, small_workspace, monkeypatch) -> AppTest:
    sync(small_workspace, request.getfixturevalue(backend))
    monkeypatch.setenv("PLE_BACKEND", backend)
    monkeypatch.delenv("PLE_WORKSPACE", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_every_page_renders_from_the_database(database_app, backend):
    at = database_app
    captions = [shown_as(c.value) for c in at.sidebar.caption]
    assert any(f"Workspace: {NAMES[backend]} at " in c for c in captions), captions
    assert not at.sidebar.text_input  # no folder to choose: the database is the workspace
    assert "2 journeys" in shown_as(at.main.markdown[0].value)
    for page in (JOURNEY, HANDOFFS, GAPS, EQUITY, COMPARE, PORTFOLIO):
        at.switch_page(str(page))
        at.run()
        assert not at.exception, (page.name, [e.value for e in at.exception])


def test_the_handoffs_page_asks_the_server(database_app, small_workspace):
    at = database_app
    at.switch_page(str(HANDOFFS))
    at.run()
    rows = at.main.dataframe[0].value
    expected = open_backend(small_workspace).handoffs(scope="current")  # the sidebar's default
    assert list(zip(rows["from_step"], rows["to_step"], strict=True)) == [
        (r.from_step, r.to_step) for r in expected
    ]


@pytest.mark.falkordb
def test_an_unreachable_database_is_a_message(monkeypatch):
    monkeypatch.setenv("PLE_BACKEND", "falkordb")
    monkeypatch.setenv("FALKORDB_URL", f"redis://127.0.0.1:{free_port()}")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("The workspace cannot be read: cannot reach FalkorDB at ")
