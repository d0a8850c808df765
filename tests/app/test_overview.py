"""The overview page, driven by Streamlit's AppTest (no browser)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def run_app(monkeypatch, workspace) -> AppTest:
    monkeypatch.setenv("PLE_WORKSPACE", str(workspace))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    return app.run()


def test_overview_lists_journeys(monkeypatch, small):
    app = run_app(monkeypatch, small)
    assert not app.exception
    assert [m.value for m in app.metric] == ["2", "6", "4"]
    assert list(app.dataframe[0].value["id"]) == ["retirement", "retirement-future"]


def test_bad_workspace_shows_an_error_panel_not_a_traceback(monkeypatch, write):
    folder = write("catalog.yaml", "agencies:\n  - {id: ssa, nme: SSA}\n")
    app = run_app(monkeypatch, folder)
    assert not app.exception
    assert "unknown field 'nme' (did you mean 'name'?)" in app.error[0].value
    assert not app.dataframe
