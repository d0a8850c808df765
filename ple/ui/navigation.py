"""The app's frame: page config, workspace choice, the validation panel, navigation.

Both entry scripts (``app.py`` at the top of the repository, for ``make run``, and
``ple/ui/app.py`` inside the package, for ``ple app``) call :func:`run_app`, so
the app works from a checkout and from an installed package alike.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ple.access import host_allowed
from ple.signin import DEFAULT_PROVIDER, auth_problems, providers
from ple.ui import state
from ple.ui.text import small_print
from ple.ui.widgets import keep_scope, scope_picker
from ple.views.markdown import markdown_text

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"
"""Not ``pages/``: Streamlit would also pick that up as a legacy multipage folder."""
PORTFOLIO = PAGES_DIR / "portfolio.py"
JOURNEY = PAGES_DIR / "journey.py"
HANDOFFS = PAGES_DIR / "handoffs.py"
GAPS = PAGES_DIR / "gaps.py"
EQUITY = PAGES_DIR / "equity.py"
COMPARE = PAGES_DIR / "compare.py"
EDIT = PAGES_DIR / "edit.py"
OPPORTUNITIES = PAGES_DIR / "opportunities.py"
COUNTED_BY_SCOPE = {"Portfolio", "Handoffs", "Gaps"}
"""The pages whose totals add up the journeys of the sidebar's scope; the others are about
one journey (or every one, as the Opportunities ranking is), so the choice is not shown
there, though it is kept."""


def run_app() -> None:
    st.set_page_config(page_title="PLE journey maps", page_icon="🗺️", layout="wide")
    access = state.access()
    if not host_allowed(access, st.context.headers):
        st.error(
            "This app does not answer to the address in your browser's address bar. "
            "Open it under the name its operator gave you (see docs/deployment.md).",
            icon=":material/block:",
        )
        st.stop()
    if access.sign_in:
        sign_in_door()
    with st.sidebar:
        if state.backend_name() == "networkx":
            st.text_input(
                "Workspace folder",
                value=state.default_path(),
                key="workspace_path",
                help="A folder of journey YAML/JSON files, or one file.",
            )
            refused = state.chosen_path()[1]
            if refused:
                st.error(markdown_text(refused), icon=":material/folder_off:")
    loaded = state.current()
    if loaded.store is not None:
        st.sidebar.caption(
            f"Workspace: {markdown_text(loaded.path)} (read-only here; "
            "`ple sync` writes it from the files)"
        )
    pages = st.navigation(
        [
            st.Page(PORTFOLIO, title="Portfolio", icon=":material/dashboard:", default=True),
            st.Page(JOURNEY, title="Journey", icon=":material/route:"),
            st.Page(HANDOFFS, title="Handoffs", icon=":material/swap_horiz:"),
            st.Page(GAPS, title="Gaps", icon=":material/report:"),
            st.Page(EQUITY, title="Equity", icon=":material/accessibility:"),
            st.Page(COMPARE, title="Compare", icon=":material/compare_arrows:"),
            st.Page(OPPORTUNITIES, title="Opportunities", icon=":material/lightbulb:"),
            # Editing writes files; a workspace read from a database is changed by editing
            # its files and running `ple sync` again.
            *(
                []
                if loaded.store is not None
                else [st.Page(EDIT, title="Edit", icon=":material/edit:")]
            ),
        ]
    )
    # getattr: run bare (``python app.py``, as a spawned process does), the page has no
    # title, and the picker is not needed
    if getattr(pages, "title", None) in COUNTED_BY_SCOPE:
        scope_picker()
    else:
        keep_scope()
    if not loaded.result.ok:
        st.error(
            f"The workspace has {len(loaded.result.errors)} error(s). Journeys without "
            "errors are still shown; fix the files below and reload.",
            icon=":material/error:",
        )
        st.dataframe(
            [p.to_dict() for p in loaded.result.errors],
            hide_index=True,
            column_order=["file", "line", "column", "field", "message"],
        )
    for warning in [p for p in loaded.result.problems if p not in loaded.result.errors]:
        st.sidebar.warning(markdown_text(warning))
    pages.run()


def sign_in_door() -> None:
    """With sign-in on: nothing of the app runs until a visitor has signed in and may
    view; afterwards the sidebar says who they are and what they may do. A server whose
    ``[auth]`` secrets cannot work stops here too, rather than run without sign-in."""
    problems = auth_problems(state.secrets())
    if problems:
        st.error(
            "This app is set to ask for sign-in, but sign-in is not set up: "
            + markdown_text("; ".join(problems))
            + ". Its operator can fix this in the "
            "secrets (see docs/deployment.md).",
            icon=":material/lock:",
        )
        st.stop()
    person = state.person()
    if not person.signed_in:
        st.title("PLE journey maps")
        st.write("Sign in to see and edit this office's journey maps.")
        for provider in providers(state.secrets() or {}):
            label = "Sign in" if provider == DEFAULT_PROVIDER else f"Sign in with {provider}"
            st.button(
                label,
                key=f"sign_in_{provider}",
                type="primary",
                on_click=st.login,
                args=(provider,),
            )
        st.stop()
    if not person.may_view:
        st.error(
            markdown_text(
                f"You are signed in as {person}, but this app is not open to you. "
                "Ask its operator to add you, or sign in with another account."
            ),
            icon=":material/person_off:",
        )
        st.button("Sign out", key="sign_out", on_click=st.logout)
        st.stop()
    with st.sidebar:
        st.markdown(f"Signed in as **{markdown_text(person.name)}** · {person.role}")
        if not person.may_edit:
            small_print("Viewers see every page; only editors can save.")
        st.button("Sign out", key="sign_out", on_click=st.logout)
