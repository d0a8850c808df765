"""Widgets several pages share, so they look and behave the same everywhere."""

from __future__ import annotations

import streamlit as st

from ple.model import Workspace


def journey_picker(workspace: Workspace, key: str) -> str:
    """A journey select box that opens on the journey chosen on any other page, and
    remembers this choice for them (``st.session_state["journey_id"]``)."""
    ids = sorted(workspace.journeys)
    chosen = st.session_state.get("journey_id")
    journey_id = st.selectbox(
        "Journey", ids, index=ids.index(chosen) if chosen in ids else 0,
        format_func=lambda j: workspace.journeys[j].name, key=key)
    st.session_state["journey_id"] = journey_id
    return journey_id
