"""The one pyvis page left (the agency network): self-contained, safe with hostile text.

The helpers here read the vis-network data out of a page; the network's own tests use them.
"""

from __future__ import annotations

import json
import re

import pytest

from ple.diagram.pyvis_page import render_page, safe_text

_NODES = re.compile(r"nodes = new vis\.DataSet\((\[.*?\])\);\n")
_EDGES = re.compile(r"edges = new vis\.DataSet\((\[.*?\])\);\n")
_FETCHING_ATTRIBUTE = re.compile(
    r"""\b(?:src|href|srcset|action|data)\s*=\s*["']?[^"'\s>]""", re.IGNORECASE
)
_CSS_URL = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)


def nodes(html: str) -> list[dict]:
    return json.loads(_NODES.search(html).group(1))


def edges(html: str) -> list[dict]:
    return json.loads(_EDGES.search(html).group(1))


def by_id(html: str) -> dict[str, dict]:
    return {n["id"]: n for n in nodes(html)}


def assert_self_contained(html: str) -> None:
    assert "<link" not in html.lower()
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert not re.search(r"<(?:img|iframe|embed|object|source|video|audio)\b", html, re.IGNORECASE)
    # no markup attribute points anywhere; URLs in licence comments are fine
    markup = re.sub(
        r"<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>",
        "",
        html,
        flags=re.IGNORECASE | re.DOTALL,
    )
    assert not _FETCHING_ATTRIBUTE.search(markup), _FETCHING_ATTRIBUTE.search(markup)
    assert not _CSS_URL.search(html)
    assert not _CSS_IMPORT.search(html)


@pytest.mark.parametrize("text", ["href", "HREF", "a HrEf=x", "hrefhref"])
def test_safe_text_breaks_href(text):
    safe = safe_text(text)
    assert "href" not in safe.lower()
    assert safe.replace("\u200b", "") == text


def test_safe_text_leaves_other_text_alone():
    assert safe_text("<b>Apply</b> & wait\nnext line") == "<b>Apply</b> & wait\nnext line"


def test_a_page_makes_no_request_and_keeps_hostile_text_in_json():
    hostile = "<img src=x onerror=alert(1)>"
    html = render_page(
        [{"id": "a", "label": hostile, "title": safe_text(hostile + " href")}],
        [],
        400,
        "<b>Title</b>",
    )
    assert_self_contained(html)
    assert "vis.Network" in html  # vis-network is inlined, not fetched
    assert hostile not in html
    assert "<title>&lt;b&gt;Title&lt;/b&gt;</title>" in html
    assert by_id(html)["a"]["label"] == hostile
