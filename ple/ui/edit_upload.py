"""The Edit page's Upload section: a journey from a file, checked before anything is
written, and added to the workspace when asked (:mod:`ple.edit.incoming` decides)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from ple.edit import incoming
from ple.edit.commit import Saved
from ple.errors import Severity
from ple.sheets.grid import describe
from ple.ui import state
from ple.ui.text import small_print
from ple.views.markdown import markdown_text


def upload_section(root: Path, uploaded: Callable[[Saved], None]) -> None:
    """Read an uploaded journey (YAML, JSON, a workbook or its CSV sheets), show what adding
    it would change and every problem with its place, and add it when asked."""
    st.header("Add a journey from a file")
    small_print(
        "A YAML or JSON journey file (one sent by a colleague, or downloaded "
        "here), an Excel workbook from `ple export --format xlsx`, or its CSV "
        "sheets (choose all of them at once). Nothing is written until you confirm."
    )
    files = st.file_uploader(
        "Journey file",
        type=["yaml", "yml", "json", "xlsx", "csv"],
        accept_multiple_files=True,
        key="edit_upload",
        max_upload_size=incoming.MAX_UPLOAD_BYTES // 2**20,
    )
    if not files:
        return
    csvs = {f.name: f.getvalue() for f in files if f.name.lower().endswith(".csv")}
    others = [f for f in files if not f.name.lower().endswith(".csv")]
    if (csvs and others) or len(others) > 1:
        st.error("Upload one file, or the CSV sheets of one journey.")
        return
    read = (
        incoming.read_incoming_csv(csvs, "the CSV sheets")
        if csvs
        else incoming.read_incoming(others[0].name, others[0].getvalue())
    )
    replace = st.checkbox(
        "Replace a journey (and catalog entries) the workspace already "
        "has; the old files go into the history",
        key="edit_upload_replace",
    )
    planned = incoming.plan(root, read, replace=replace)
    for note in planned.notes:
        st.markdown(f"- {markdown_text(note)}")
    errors = [p for p in planned.problems if p.severity is Severity.error]
    if planned.problems:
        st.dataframe(
            [
                {"severity": p.severity.value, "where": _where(p), "message": p.message}
                for p in planned.problems
            ],
            hide_index=True,
            width="stretch",
            column_config={"message": st.column_config.TextColumn(width="large")},
        )
    if errors:
        st.error(f"{len(errors)} error(s): fix them in the file and upload it again.")
    if st.button(
        "Add to the workspace",
        key="edit_upload_commit",
        type="primary",
        disabled=bool(errors) or not planned.changes,
    ):
        uploaded(incoming.commit_plan(planned, by=state.person()))
        st.rerun()


def _where(problem) -> str:
    text = incoming.problem_text(problem)
    if problem.file.lower().endswith((".xlsx", ".csv")) or "sheet" in text:
        return describe(problem).split(": ")[1] if ": " in describe(problem) else text
    return str(problem.location) + (f" {problem.field}" if problem.path else "")
