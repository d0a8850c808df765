"""The ranking as an accessible page, read back with the standard library's HTML parser:
one h1, the ranking table in rank order with header cells, one section per opportunity in
the same order, and every user text escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from click.testing import CliRunner

from ple.cli.main import cli
from ple.export.opportunities import ranking_page
from ple.io import load_workspace
from ple.opportunities import rank_opportunities
from tests.conftest import DATA
from tests.opportunities.conftest import AS_EDITS, loaded, workspace_folder


class Outline(HTMLParser):
    """Headings (level, text), table rows (the cells' text) and tags seen."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.rows: list[list[str]] = []
        self.tags: set[str] = set()
        self._heading: int | None = None
        self._cell: list[str] | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading, self._text = int(tag[1]), ""
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell, self._text = [], ""

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4") and self._heading is not None:
            self.headings.append((self._heading, self._text))
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(self._text)
            self._cell = None

    def handle_data(self, data):
        self._text += data


def outline(text: str) -> Outline:
    parsed = Outline()
    parsed.feed(text)
    return parsed


def test_the_page_reads_the_ranking_in_order():
    workspace = load_workspace(DATA).workspace
    ranked = rank_opportunities(workspace)
    page = outline(ranking_page(workspace, ranked))
    assert [h for h in page.headings if h[0] == 1] == [
        (1, "Opportunities, ranked by what each is worth")
    ]
    sections = [text for level, text in page.headings if level == 2]
    assert sections == ["The ranking", *(f"{r.rank}. {r.opportunity.title}" for r in ranked)]
    header, *rows = [row for row in page.rows if row][: len(ranked) + 1]
    assert header[:3] == ["Opportunity", "Rank", "Id"]
    assert [row[2] for row in rows] == [r.opportunity.id for r in ranked]
    assert "script" not in page.tags and "img" not in page.tags


def test_user_text_is_escaped(tmp_path):
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
    folder = workspace_folder(
        tmp_path,
        AS_EDITS.replace("title: Enroll by phone, handed over warm", f"title: '{hostile}'"),
    )
    workspace = loaded(folder)
    text = ranking_page(workspace, rank_opportunities(workspace))
    page = outline(text)
    assert "script" not in page.tags and "img" not in page.tags
    assert (2, f"1. {hostile}") in page.headings  # there, as text


def test_the_command_writes_the_page():
    result = CliRunner().invoke(cli, ["opportunities", str(DATA), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert outline(result.stdout).headings[0] == (1, "Opportunities, ranked by what each is worth")
