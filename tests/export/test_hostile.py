"""A journey whose every user text is hostile (``<script>``, quotes, ``&amp;``, brackets,
``-->``, ``;``, ``#``, ``:``, ``|``, ``%%``, a newline, ``$5 and $10``) exports to every
registered format, and no markup format lets the text out as markup.

Each format's own test module checks more: that the text round-trips (draw.io, GraphML,
JSON, CSV, Markdown), that Mermaid labels hold no raw syntax, and where the HTML page
puts it (escaped in the page, ``\\u003c`` JSON strings in the diagram).
"""

from __future__ import annotations

import pytest

from ple.export import all_exporters, export_journey
from ple.model import Workspace

DATA_FORMATS = {"csv", "json", "journey-json", "sheets", "yaml"}
"""Text formats that hold user text as data, never as markup: ``<script>`` in a CSV cell
or a JSON string is just text, and those modules check that it comes back exactly."""


@pytest.mark.parametrize("fmt", sorted(all_exporters()))
def test_every_format_exports_the_hostile_journey(fmt: str, hostile_ws: Workspace) -> None:
    exporter = all_exporters()[fmt]
    if not exporter.available():
        pytest.skip(f"{fmt} needs a library that is not installed")
    artifacts = export_journey(hostile_ws, "hostile", fmt)
    assert artifacts and all(a.data for a in artifacts)
    if fmt in DATA_FORMATS:
        return
    for artifact in artifacts:
        try:
            text = artifact.data.decode("utf-8")
        except UnicodeDecodeError:  # a picture: no markup to break out of
            continue
        if fmt == "html":  # the page carries the canvas's own scripts (see test_page.py)
            assert "<script>alert" not in text.lower(), (fmt, artifact.suffix)
            continue
        assert "<script" not in text.lower(), (fmt, artifact.suffix, artifact.filename)
