"""A publication as a list of sections, and the accessible HTML page that reads it out.

The text page of a journey is the Section 508 companion of its printed map: what the
map shows by colour and position is written here as headings, lists, description
lists and tables, in reading order. The page is built from plain :class:`Section`
values, so any list of sections (a journey, a ranking of opportunities) becomes the
same kind of page with :func:`accessible_page`: self-contained (no script, no request),
with one ``h1``, a heading per section a level below its parent, landmarks, a contents
list, tables with captions and header cells, and every piece of user text escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Link:
    """A link in a list: only ``http`` and ``https`` addresses become links, anything
    else stays text (a source written as 'SSA field office interview')."""

    text: str
    href: str


@dataclass(frozen=True)
class Table:
    """A data table. The first cell of each row heads its row (``th scope="row"``)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    """One titled part of a page, in the order it is read: paragraphs, facts (a
    description list of term and description), a list, a table, then subsections
    (whose headings are one level below this one)."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    items: tuple[str | Link, ...] = ()
    ordered: bool = False
    table: Table | None = None
    subsections: tuple[Section, ...] = field(default_factory=tuple)
    anchor: str | None = None
    """The id the contents list links to; made from the heading when not given."""


STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0 auto; max-width: 60rem;
  padding: 1rem 1.5rem; color: #1a1a1a; background: #fff; }
a { color: #0b4f9c; } a:focus { outline: 3px solid #0b4f9c; outline-offset: 2px; }
h1 { font-size: 1.9rem; margin-bottom: .3rem; } h2 { border-top: 2px solid #444;
  padding-top: .6rem; margin-top: 2rem; } h3 { margin-top: 1.6rem; } h4 { margin-bottom: .2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .3rem 0; }
dt { font-weight: 600; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border: 1px solid #767676; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
nav ul { columns: 2; } footer { margin-top: 2rem; font-size: .9rem; color: #444; }
@media print { a { color: #000; } nav { display: none; } h2 { break-after: avoid; }
  tr, dl { break-inside: avoid; } }
"""
"""Black on white (contrast far above WCAG AA), borders on every cell, underlined links;
nothing on the page means something by colour alone."""


def accessible_page(
    title: str, sections: Sequence[Section], *, intro: Sequence[str] = (), footer: str = ""
) -> str:
    """The page: ``title`` as the only ``h1``, ``intro`` paragraphs under it, a contents
    list of the top sections, the sections as ``h2`` (their subsections ``h3``, ...)."""
    anchors = _Anchors()
    body = "".join(_section(section, 2, anchors) for section in sections)
    contents = "".join(
        f'<li><a href="#{anchors.of(section)}">{_e(section.heading)}</a></li>'
        for section in sections
    )
    nav = f'<nav aria-label="Contents"><ul>{contents}</ul></nav>\n' if len(sections) > 1 else ""
    paragraphs = "".join(f"<p>{_e(p)}</p>" for p in intro)
    ending = f"<footer><p>{_e(footer)}</p></footer>\n" if footer else ""
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{_e(title)}</h1>{paragraphs}</header>\n{nav}"
        f"<main>\n{body}</main>\n{ending}</body>\n</html>\n"
    )


class _Anchors:
    """Unique ids for headings: the given anchor, or a slug of the heading."""

    def __init__(self) -> None:
        self.given: dict[int, str] = {}
        self.used: set[str] = set()

    def of(self, section: Section) -> str:
        key = id(section)
        if key not in self.given:
            base = (
                section.anchor
                or re.sub(r"[^a-z0-9]+", "-", section.heading.lower()).strip("-")[:60]
                or "section"
            )
            anchor, n = base, 1
            while anchor in self.used:
                n += 1
                anchor = f"{base}-{n}"
            self.used.add(anchor)
            self.given[key] = anchor
        return self.given[key]


def _section(section: Section, level: int, anchors: _Anchors) -> str:
    heading = min(level, 6)
    anchor = anchors.of(section)
    parts = [
        f'<section aria-labelledby="{anchor}">\n'
        f'<h{heading} id="{anchor}">{_e(section.heading)}</h{heading}>\n'
    ]
    parts += [f"<p>{_e(p)}</p>\n" for p in section.paragraphs]
    if section.facts:
        parts.append(
            "<dl>"
            + "".join(f"<dt>{_e(term)}</dt><dd>{_e(text)}</dd>" for term, text in section.facts)
            + "</dl>\n"
        )
    if section.items:
        tag = "ol" if section.ordered else "ul"
        parts.append(
            f"<{tag}>" + "".join(f"<li>{_item(i)}</li>" for i in section.items) + f"</{tag}>\n"
        )
    if section.table is not None:
        parts.append(_table(section.table))
    parts += [_section(sub, level + 1, anchors) for sub in section.subsections]
    parts.append("</section>\n")
    return "".join(parts)


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in table.columns)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{_e(cell)}</th>' if n == 0 else f"<td>{_e(cell)}</td>"
            for n, cell in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    return (
        f"<table><caption>{_e(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>\n"
    )


def _item(item: str | Link) -> str:
    if isinstance(item, Link) and urlsplit(item.href).scheme in ("http", "https"):
        return f'<a href="{_e(item.href)}">{_e(item.text)}</a>'
    return _e(item.text if isinstance(item, Link) else item)


def _e(text: str) -> str:
    """Escaped, and without the control characters HTML cannot hold."""
    return html.escape(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text), quote=True)
