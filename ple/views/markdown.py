"""User text inside Markdown, shown as the text itself: never a link, an image, HTML or
emphasis made from it.

One escaping rule serves every Markdown the project writes or shows: the workshop and
comparison briefs, ``--format md`` of the CLI, and every Streamlit element that renders
Markdown (alerts, headings, captions, button labels). Streamlit adds its own syntax to
GitHub's (``:red[...]`` and other directives, ``:emoji:`` codes, ``$math$``), so the rule
covers both:

- ``&``, ``<`` and ``>`` become HTML entities: no tag, no entity of the user's, in any
  flavour of Markdown (entities are the one escape every renderer honours);
- the characters that start inline markup anywhere in a line (`` \\ ` * _ [ ] ! | ~ $ @ ``,
  and ``:`` before a word) get a backslash, which CommonMark defines for every ASCII
  punctuation character;
- a character that would open a block at the start of the text (``#``, ``-``, ``+``,
  ``=``, ``1.``) gets one too: user text often starts a list item or a heading;
- a word that a renderer would turn into a link by itself (``http://...``, ``www.``, an
  e-mail address) goes into a code span: GitHub and Streamlit both link such words even
  when their punctuation is escaped, but never inside code.

Links come only from :func:`markdown_link`, and only to ``http`` or ``https`` addresses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlsplit

_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        **{c: "\\" + c for c in "\\`*_[]!|~$@"},
    }
)
_DIRECTIVE = re.compile(r":(?=\S)")
"""A colon that could start Streamlit's ``:red[...]``, ``:material/...:`` or an ``:emoji:``
code; one before a space (``Note: ...``) starts nothing and is left alone."""
_BLOCK_START = re.compile(r"(?:#{1,6}|[+-]|\d{1,9}[.)])(?=\s|$)|[-=]{2,}")
"""What opens a block at the start of a line: a heading, a list item, a rule or a heading
underline (``>`` is already ``&gt;``, which opens nothing; ``0.5`` or ``-5`` open nothing
either, and stay as they are)."""
_LINK_WORD = re.compile(r"://|www\.|@|mailto:|xmpp:", re.IGNORECASE)
"""What makes GitHub (cmark-gfm) or Streamlit (remark-gfm) link a bare word."""
_WORD = re.compile(r"\S+")
_BACKTICKS = re.compile(r"`+")
_URL_SAFE = "/:?#[]@!$&'*+,;=%~-._"
"""Characters a link keeps as they are; ``()<>\\"``, spaces and the rest are %-encoded,
so the address cannot end the Markdown link early."""


def markdown_text(text: object) -> str:
    """``text`` as inline Markdown that displays exactly ``text`` (on one line)."""
    line = " ".join(str(text).split())
    if not line:
        return ""
    parts, at = [], 0
    for word in _WORD.finditer(line):
        if _LINK_WORD.search(word[0]):
            parts += [_escaped(line[at : word.start()], at == 0), _code(word[0])]
            at = word.end()
    parts.append(_escaped(line[at:], at == 0))
    return "".join(parts)


def _escaped(text: str, at_start: bool) -> str:
    escaped = _DIRECTIVE.sub(r"\\:", text.translate(_ESCAPES))
    if at_start and (block := _BLOCK_START.match(text)):
        end = block.end() - 1  # the marker's last character: '#', '-', or the '.' of '1.'
        escaped = escaped[:end] + "\\" + escaped[end:]
    return escaped


def _code(word: str) -> str:
    """A word in code spans, split at ``|`` (escaped between them), so that it reads the
    same in a table cell, where a pipe would end the cell even inside code."""
    spans = []
    for piece in word.split("|"):
        if not piece:
            spans.append("")
            continue
        fence = "`" * (max((len(run) for run in _BACKTICKS.findall(piece)), default=0) + 1)
        padded = f" {piece} " if piece.startswith("`") or piece.endswith("`") else piece
        spans.append(f"{fence}{padded}{fence}")
    return "\\|".join(spans)


def markdown_cell(value: Any) -> str:
    """One table cell: lists joined with ``;``, None blank, 0 kept."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return markdown_text("; ".join(map(str, value)))
    return markdown_text(value)


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """A GitHub-flavoured table, every header and cell escaped."""
    return [
        "| " + " | ".join(markdown_cell(c) for c in columns) + " |",
        "|" + "---|" * len(columns),
        *("| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows),
    ]


def markdown_link(label: str, address: str) -> str:
    """A link to ``address`` when it is an ``http(s)`` address with a host; otherwise the
    label as text (with the address after it when they differ)."""
    address = address.strip()
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return markdown_text(label if label.strip() == address else f"{label} ({address})")
    # CommonMark decodes entities in a link's address: '&' is written as one.
    target = quote(address, safe=_URL_SAFE).replace("&", "&amp;")
    return f"[{markdown_text(label)}]({target})"
