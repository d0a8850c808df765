"""User text in Markdown reads back as the same text, and never as markup: checked with
GitHub's own renderer (:mod:`tests.markdown`)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ple.views.markdown import markdown_cell, markdown_link, markdown_table, markdown_text
from tests.markdown import render, tags, text_of

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=http://evil.example/x.png>",
    "![x](http://evil.example/x.png)",
    "[Re-enter your PIV PIN](http://evil.example/pin)",
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "&#106;avascript:alert(1)",
    "http://evil.example/auto",
    "www.evil.example",
    "someone@evil.example",
    "**bold** _em_ ~~gone~~ `code`",
    ":red[red] :smile: $x^2$",
    "# heading",
    "- item",
    "1. item",
    "> quote",
    "| a | b |",
    "a\\",
    "x`y``z`",
    "`",
    "trailing |",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_itself(text: str) -> None:
    rendered = render(markdown_text(text))
    assert tags(rendered) <= {"p", "code"}, rendered
    assert text_of(rendered) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_renders_as_itself_in_a_paragraph_a_list_and_a_heading(text: str) -> None:
    expected = " ".join(text.split())
    for prefix, allowed in (
        ("", {"p", "code"}),
        ("- ", {"ul", "li", "code"}),
        ("# ", {"h1", "code"}),
    ):
        rendered = render(prefix + markdown_text(text))
        if not expected:
            continue
        assert tags(rendered) <= allowed, (prefix, rendered)
        assert text_of(rendered) == expected, (prefix, rendered)


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
        min_size=2,
        max_size=3,
    )
)
def test_any_text_stays_in_its_table_cell(cells: list[str]) -> None:
    rendered = render("\n".join(markdown_table(["a", "b"], [cells[:2]])) + "\n")
    found = re.findall(r"<td>(.*?)</td>", rendered, re.DOTALL)
    assert [text_of(c) for c in found] == [" ".join(c.split()) for c in cells[:2]], rendered
    assert tags(rendered) <= {"table", "thead", "tbody", "tr", "th", "td", "code"}


def test_cells() -> None:
    assert markdown_cell(None) == "" and markdown_cell(0) == "0"
    assert markdown_cell(["a", "b|c"]) == "a; b\\|c"


def test_links_only_to_web_addresses() -> None:
    good = render(markdown_link("the guide", "https://www.performance.gov/cx/?a=1&b=(2)"))
    assert re.search(
        r'<a href="https://www.performance.gov/cx/\?a=1&amp;b=%282%29">the guide'
        r"</a>",
        good,
    ), good
    for address in (
        "javascript:alert(1)",
        "data:text/html,<script>",
        "file:///etc/passwd",
        "http://",
        "vbscript:x",
        " JavaScript:alert(1)",
    ):
        rendered = render(markdown_link(address, address))
        assert "<a" not in rendered and "<script" not in rendered, rendered
        assert text_of(rendered) == address.strip()
