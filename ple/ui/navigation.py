"""The app's frame: page config, workspace choice, the validation panel, navigation.

Both entry scripts (``app.py`` at the top of the repository, for ``make run``, and
``ple/ui/app.py`` inside the package, for ``ple app``) call :func:`run_app`, so
the app works from a checkout and from an installed package alike.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ple.access import host_allowed
from ple.ui import state
from ple.ui.text import plain
from ple.ui.widgets import scope_picker

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"
"""Not ``pages/``: Streamlit would also pick that up as a legacy multipage folder."""
PORTFOLIO = PAGES_DIR / "portfolio.py"
JOURNEY = PAGES_DIR / "journey.py"
HANDOFFS = PAGES_DIR / "handoffs.py"
GAPS = PAGES_DIR / "gaps.py"
EQUITY = PAGES_DIR / "equity.py"
COMPARE = PAGES_DIR / "compare.py"
EDIT = PAGES_DIR / "edit.py"


def run_app() -> None:
    st.set_page_config(page_title="PLE journey maps", page_icon="🗺️", layout="wide")
    if not host_allowed(state.access(), st.context.headers):
        st.error("This app does not answer to the address in your browser's address bar. "
                 "Open it under the name its operator gave you (see docs/deployment.md).",
                 icon=":material/block:")
        st.stop()
    with st.sidebar:
        if state.backend_name() == "networkx":
            st.text_input("Workspace folder", value=state.default_path(), key="workspace_path",
                          help="A folder of journey YAML/JSON files, or one file.")
            refused = state.chosen_path()[1]
            if refused:
                st.error(plain(refused), icon=":material/folder_off:")
    loaded = state.current()
    scope_picker()
    if loaded.store is not None:
        st.sidebar.caption(f"Workspace: {loaded.path} (read-only here; "
                           "`ple sync` writes it from the files)")
    pages = st.navigation([
        st.Page(PORTFOLIO, title="Portfolio", icon=":material/dashboard:", default=True),
        st.Page(JOURNEY, title="Journey", icon=":material/route:"),
        st.Page(HANDOFFS, title="Handoffs", icon=":material/swap_horiz:"),
        st.Page(GAPS, title="Gaps", icon=":material/report:"),
        st.Page(EQUITY, title="Equity", icon=":material/accessibility:"),
        st.Page(COMPARE, title="Compare", icon=":material/compare_arrows:"),
        # Editing writes files; a workspace read from a database is changed by editing
        # its files and running `ple sync` again.
        *([] if loaded.store is not None else [st.Page(EDIT, title="Edit",
                                                       icon=":material/edit:")]),
    ])
    if not loaded.result.ok:
        st.error(f"The workspace has {len(loaded.result.errors)} error(s). Journeys without "
                 "errors are still shown; fix the files below and reload.", icon=":material/error:")
        st.dataframe([p.to_dict() for p in loaded.result.errors], hide_index=True,
                     column_order=["file", "line", "column", "field", "message"])
    for warning in [p for p in loaded.result.problems if p not in loaded.result.errors]:
        st.sidebar.warning(str(warning))
    pages.run()
