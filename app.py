"""Streamlit entry point: an overview of the journeys in a workspace.

Run with ``make run`` (or ``streamlit run app.py -- PATH``). The workspace folder
comes from the ``PLE_WORKSPACE`` environment variable, else the first argument
after ``--``, else ``data/``. The page only loads, calls the library and renders.
"""

from __future__ import annotations

import os
import sys

import streamlit as st

from ple.io import load_workspace
from ple.query.summary import summarize


def workspace_path() -> str:
    if os.environ.get("PLE_WORKSPACE"):
        return os.environ["PLE_WORKSPACE"]
    return sys.argv[1] if len(sys.argv) > 1 else "data"


st.set_page_config(page_title="PLE journey maps", layout="wide")
st.title("Priority Life Experience journeys")
path = workspace_path()
result = load_workspace(path)
st.caption(f"Workspace: {path} · {len(result.files)} files")

if not result.ok:
    st.error(
        f"The workspace has {len(result.errors)} problem(s); fix them and reload.\n\n"
        + "\n".join(f"- `{problem}`" for problem in result.problems)
    )
    st.stop()

for warning in result.problems:
    st.warning(str(warning))

rows = [summary.to_dict() for summary in summarize(result.workspace)]
left, middle, right = st.columns(3)
left.metric("Journeys", len(rows))
middle.metric("Steps", sum(r["steps"] for r in rows))
right.metric("Handoffs between agencies", sum(r["handoffs"] for r in rows))
st.dataframe(rows, hide_index=True, width="stretch")
