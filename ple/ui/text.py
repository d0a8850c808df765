"""Small print under titles and diagrams, readable by everyone.

``st.caption`` greys its text to #828180: 3.9:1 on white, under the 4.5:1 that
WCAG 2.x (1.4.3) asks of text this size (axe rule ``color-contrast``; see
docs/accessibility.md). The pages use :func:`small_print` instead: the same
smaller size, in the body text colour.
"""

from __future__ import annotations

import streamlit as st


def small_print(markdown: str) -> None:
    """Write ``markdown`` in small type, at full contrast. User text in it goes through
    :func:`ple.views.markdown.markdown_text`, which also keeps a ``]`` from closing
    ``:small[...]`` early."""
    st.markdown(f":small[{markdown}]")
