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

_component = st.components.v2.component(
    "ple.canvas", js="canvas.js", css="canvas.css", isolate_styles=False)


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


def journey_canvas(data: dict[str, Any], *, key: str,
                   on_edit: Callable[[], None] | None = None) -> CanvasEvents:
    """Draw the canvas; returns what the person selected and edited."""
    result = _component(key=key, data=data, default={"selection": data.get("selected")},
                        on_selection_change=_noop, on_edit_change=on_edit or _noop,
                        height="content")
    return CanvasEvents(result.get("selection"), result.get("edit"))
