"""The journey canvas: a Streamlit custom component (components v2) around React Flow.

The browser side lives in :mod:`ple.diagram.canvas` (built once, shipped in the package,
so running the app needs no Node.js); this module mounts it in a Streamlit page.
Python sends the map (:func:`ple.views.canvas.canvas_data`); the canvas sends back the
selection (kept across reruns) and one edit per action (for one rerun only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from ple.diagram.swimlane import MapTooLarge

_component = st.components.v2.component(
    "ple.canvas", js="canvas.js", css="canvas.css", isolate_styles=False
)


@dataclass(frozen=True)
class CanvasEvents:
    """What the person did on the canvas in this run."""

    selection: dict[str, str] | None
    """The selected step (``{"kind": "step", "id": ...}``) or move (``{"kind": "route",
    "from": ..., "to": ...}``), or None."""
    edit: dict[str, Any] | None
    """The edit made since the last run, e.g. ``{"op": "move", "moves": [...]}``."""


def _noop() -> None:
    """Registering the callbacks keeps both values in every result."""


def reported_selection(key: str) -> tuple[bool, dict[str, str] | None]:
    """What the canvas last said was selected, read *before* drawing it again: a page
    that draws the map with the selection it had before the click sends the canvas a
    stale selection, and the two then argue. ``(False, None)`` before the first report."""
    value = st.session_state.get(key)
    if value is None:
        return False, None
    return True, value.get("selection") if hasattr(value, "get") else getattr(
        value, "selection", None
    )


def map_data(build: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
    """The canvas's data from ``build``, or None after a notice when the journey is past
    the limits of a map (:data:`ple.limits.MAP_STEPS`, ``MAP_MOVES``)."""
    try:
        return build()
    except MapTooLarge as too_large:
        st.warning(
            f"This journey is not drawn as a map: {too_large}. The tables on this "
            "page list its steps.",
            icon=":material/info:",
        )
        return None


def journey_canvas(
    data: dict[str, Any] | None, *, key: str, on_edit: Callable[[], None] | None = None
) -> CanvasEvents:
    """Draw the canvas (nothing for no data, see :func:`map_data`); returns what the
    person selected and edited."""
    if data is None:
        return CanvasEvents(None, None)
    result = _component(
        key=key,
        data=data,
        default={"selection": data.get("selected")},
        on_selection_change=_noop,
        on_edit_change=on_edit or _noop,
        height="content",
    )
    return CanvasEvents(result.get("selection"), result.get("edit"))
