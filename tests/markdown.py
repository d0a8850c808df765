"""Markdown read back as GitHub reads it: cmark-gfm (GitHub's own renderer), with its
table, strikethrough and autolink extensions, and raw HTML let through, so that any
markup the text lets out shows in the HTML."""

from __future__ import annotations

import html
import re

import cmarkgfm
from cmarkgfm.cmark import Options

TAG = re.compile(r"<(/?)([a-z0-9]+)[^>]*>")
INLINE = {"p", "code"}
"""What user text may become: a paragraph, and code spans (words that look like links)."""
DOCUMENT = INLINE | {
    "h1",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "strong",
    "em",
    "img",
    "a",
    "hr",
}
"""What a whole report may hold; its images and links are checked one by one."""


def render(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def text_of(rendered: str) -> str:
    """The text a reader sees, without the tags."""
    return html.unescape(TAG.sub("", rendered)).strip()


def tags(rendered: str) -> set[str]:
    return {name for _, name in TAG.findall(rendered)}


def shown_as(markdown: str) -> str:
    """The text one piece of inline Markdown shows."""
    return text_of(render(markdown))


def links(rendered: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', rendered)


def images(rendered: str) -> list[str]:
    return re.findall(r'<img src="([^"]*)"', rendered)
