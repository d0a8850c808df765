"""Small print under titles and diagrams, readable by everyone.

``st.caption`` greys its text to #828180: 3.9:1 on white, under the 4.5:1 that
WCAG 2.x (1.4.3) asks of text this size (axe rule ``color-contrast``; see
docs/accessibility.md). The pages use :func:`small_print` instead: the same
smaller size, in the body text colour.
"""

from __future__ import annotations

import streamlit as st


def small_print(markdown: str) -> None:
    """Write ``markdown`` in small type, at full contrast."""
    st.markdown(f":small[{markdown}]")


def bracket_safe(text: str) -> str:
    """User text that cannot close :func:`small_print`'s ``:small[...]`` early."""
    return text.replace("[", r"\[").replace("]", r"\]")


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|~$:"})


def plain(text: str) -> str:
    """User text for a Markdown-rendering element (alerts, headings): every character that
    Markdown or Streamlit's directives would act on is escaped, so it shows as typed."""
    return " ".join(text.translate(_MARKDOWN_SPECIAL).splitlines())
