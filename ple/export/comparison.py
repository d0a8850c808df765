"""A comparison of two journeys as a brief for leadership: Markdown or one HTML page.

Both say the same things in the same order: the gist in a few sentences, the burden
figures, the steps, handoffs and data items that changed, and the findings resolved and
introduced. The HTML page adds the diagram of the two journeys overlaid (self-contained,
offline) with its legend. All user text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from ple.compare import Comparison
from ple.diagram.canvas import canvas_element, canvas_head
from ple.diagram.compare import EDGE_MARKS, MARKS
from ple.diagram.swimlane import MapTooLarge
from ple.export.bundle import Download
from ple.export.registry import file_stem
from ple.model import Workspace
from ple.views.canvas import comparison_canvas_data
from ple.views.compare import (
    data_item_rows,
    finding_rows,
    handoff_rows,
    metric_rows,
    step_rows,
    summary_lines,
)
from ple.views.markdown import markdown_table, markdown_text

READING = (
    'Totals add only the figures the steps record; a change is "exact" when every '
    "step records the figure in both versions (or leaves it out in both versions of "
    'the same step), "at least" or "at most" when only one version has steps that '
    'do not say, and "unknown" when both do.'
)


def section_rows(workspace: Workspace, comparison: Comparison) -> list[tuple[str, list[dict]]]:
    return [
        ("Burden figures", metric_rows(comparison)),
        ("Steps that changed", step_rows(workspace, comparison)),
        ("Handoffs that changed", handoff_rows(workspace, comparison)),
        ("What the customer is asked for", data_item_rows(workspace, comparison)),
        ("Gap findings resolved and introduced", finding_rows(comparison)),
    ]


def _title(comparison: Comparison) -> str:
    return f"{comparison.current_name} → {comparison.future_name}"


def _md_table(rows: Sequence[dict[str, Any]]) -> list[str]:
    if not rows:
        return ["None."]
    columns = list(rows[0])
    return markdown_table(columns, [[row[c] for c in columns] for row in rows])


def comparison_markdown(workspace: Workspace, comparison: Comparison) -> str:
    """The brief in Markdown."""
    lines = [
        f"# {markdown_text(_title(comparison))}",
        "",
        f"Today's journey `{comparison.current}` compared with the proposed `{comparison.future}`.",
        "",
        "## In short",
        "",
    ]
    lines += [f"- {markdown_text(line)}" for line in summary_lines(workspace, comparison)]
    for title, rows in section_rows(workspace, comparison):
        lines += ["", f"## {title}", "", *_md_table(rows)]
        if title == "Burden figures":
            lines += ["", markdown_text(READING)]
    remaining = len(comparison.findings.remaining)
    lines += ["", f"{remaining} finding(s) are in both journeys and are not listed."]
    return "\n".join(lines) + "\n"


_STYLE = """
body { font-family: sans-serif; margin: 1.5rem; color: #1a1a1a; max-width: 80rem; }
h1 { margin-bottom: .2rem; } .meta { color: #444; margin-top: 0; }
table { border-collapse: collapse; font-size: .9rem; margin-bottom: 1rem; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left;
vertical-align: top; } th { background: #eee; }
"""


def _html_table(rows: Sequence[dict[str, Any]]) -> str:
    e = html.escape
    if not rows:
        return "<p>None.</p>"
    columns = list(rows[0])
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{e(str(row[c]))}</td>" for c in columns) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def comparison_page(workspace: Workspace, comparison: Comparison) -> str:
    """The brief as one self-contained HTML page, with both journeys on one map (unless
    they are past the limits of a map, which the page then says)."""
    e = html.escape
    try:
        canvas = canvas_element(comparison_canvas_data(workspace, comparison))
        about_map = "Select a step for what changed; the tables below list every change as text."
    except MapTooLarge as too_large:
        canvas = ""
        about_map = f"No map: {e(str(too_large))}. The tables below list every change as text."
    summary = "".join(f"<li>{e(line)}</li>" for line in summary_lines(workspace, comparison))
    marks = "".join(
        f"<li><strong>{e(m.badge)}</strong>: {e(m.meaning)}</li>" for m in MARKS.values()
    )
    marks += "".join(
        f"<li>line labelled <strong>{e(label)}</strong>: {e(meaning)}</li>"
        for label, meaning in EDGE_MARKS.items()
    )
    sections = "".join(
        f"<h2>{e(title)}</h2>{_html_table(rows)}"
        + (f"<p>{e(READING)}</p>" if title == "Burden figures" else "")
        for title, rows in section_rows(workspace, comparison)
    )
    title = e(_title(comparison))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title}: comparison</title><style>{_STYLE}</style>
{canvas_head()}</head>
<body><main><h1>{title}</h1>
<p class="meta">Today's journey <code>{e(comparison.current)}</code> compared with the
proposed <code>{e(comparison.future)}</code>.</p>
<h2>In short</h2><ul>{summary}</ul>
<h2>The two journeys on one map</h2>
<p>{about_map}</p>
{canvas}
<ul>{marks}</ul>
{sections}
<p>{len(comparison.findings.remaining)} finding(s) are in both journeys and are not
listed.</p></main></body></html>
"""


def comparison_download(workspace: Workspace, comparison: Comparison, fmt: str) -> Download:
    """The brief as a file: ``md`` or ``html``."""
    stem = f"{file_stem(comparison.current)}-vs-{file_stem(comparison.future)}"
    if fmt == "md":
        return Download(
            f"{stem}.md", comparison_markdown(workspace, comparison).encode(), "text/markdown"
        )
    if fmt == "html":
        return Download(
            f"{stem}.html", comparison_page(workspace, comparison).encode(), "text/html"
        )
    raise ValueError(f"no comparison brief format {fmt!r}: use md or html")
