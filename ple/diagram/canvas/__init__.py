"""The journey canvas as built for the browser: React Flow drawing the swimlane layout.

``frontend/`` holds its source, ``package.json`` and lockfile; ``npm ci && npm run build``
there writes ``static/``: ``canvas.js`` (the Streamlit component, an ES module),
``canvas-page.js`` (the same canvas for a standalone page), ``canvas.css`` and the licences
of everything bundled. The built files are part of the package, so neither the app nor an
export needs Node.js or a network. The app mounts ``canvas.js`` through
:mod:`ple.ui.canvas`; :func:`standalone_html` puts ``canvas-page.js`` into one HTML file.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parent / "static"
BUNDLES = ("canvas.js", "canvas-page.js", "canvas.css")


@cache
def _asset(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def _script_text(text: str) -> str:
    """Text safe inside a ``<script>`` element: it cannot close the element early."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _json_text(value: Any) -> str:
    """JSON for a ``<script type="application/json">`` element: ``<`` (which can only be in
    a string) is written ``\\u003c``, so no user text reads as markup to the HTML parser."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def canvas_element(data: dict[str, Any], element_id: str = "ple-canvas") -> str:
    """A view-only canvas for a standalone page: a host element, the map's data as JSON
    and the script that draws it. The page needs :func:`canvas_head` in its ``<head>``."""
    view = {**data, "editable": False}
    return (
        f'<div id="{element_id}" class="ple-canvas-page"></div>\n'
        f'<script type="application/json" id="{element_id}-data">'
        f"{_json_text(view)}</script>\n"
        f"<script>PleCanvas.default({{data: JSON.parse(document.getElementById("
        f'"{element_id}-data").textContent), parentElement: document.getElementById('
        f'"{element_id}"), setStateValue() {{}}, setTriggerValue() {{}}}});</script>'
    )


def canvas_head() -> str:
    """The canvas's style and script, inlined: a page that carries them makes no request."""
    return (
        f"<style>{_asset('canvas.css')}</style>\n"
        f"<script>{_script_text(_asset('canvas-page.js'))}</script>"
    )
