"""Every Markdown the ``ple`` command writes, on a workspace whose every name is hostile
(HTML, Markdown links and images, ``javascript:`` addresses): read with GitHub's own
renderer, it holds no HTML of the user's, no link and no image made from their text.

The commands are found by walking the CLI: a new command with ``--format md`` fails
:func:`test_every_markdown_command_is_covered` until it is added here.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from ple.cli.main import cli
from tests.export.helpers import hostile, write_hostile_pair
from tests.markdown import images, links, render, tags

MARKDOWN_COMMANDS = {
    "gaps": ["--fail-on", "never"],
    "metrics": [],
    "equity": ["--journey", "hostile", "--fail-on", "never"],
    "compare": ["hostile", "hostile-future"],
    "portfolio": ["--scope", "all"],
    "opportunities": [],
}
"""Each command with ``--format md``, with the options that make it show hostile text."""


def commands_with_format(fmt: str) -> set[str]:
    """The command paths (``query handoffs``) whose ``--format`` offers ``fmt``."""
    found = set()

    def walk(command: click.Command, path: str) -> None:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}".strip())
            return
        for param in command.params:
            if (
                param.name == "fmt"
                and isinstance(param.type, click.Choice)
                and fmt in param.type.choices
            ):
                found.add(path)

    walk(cli, "")
    return found


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_hostile_pair(tmp_path_factory.mktemp("hostile") / "workspace")
    opportunity = {
        "id": "fix",
        "title": hostile("Opportunity"),
        "journey": "hostile",
        "how_might_we": hostile("How might we"),
        "owner": {"agency": "ssa", "unit": hostile("Unit"), "role": hostile("Role")},
        "change": {"future": "hostile-future"},
    }
    (folder / "opportunities.yaml").write_text(
        yaml.safe_dump({"opportunities": [opportunity]}), encoding="utf-8"
    )
    return folder


def assert_no_markup_from_the_user(markdown: str, own_images: tuple[str, ...] = ()) -> None:
    rendered = render(markdown)
    assert links(rendered) == [], links(rendered)  # the workspace has no sources to link
    assert images(rendered) == list(own_images) and "<script" not in rendered, rendered
    assert tags(rendered) <= {
        "p",
        "code",
        "h1",
        "h2",
        "h3",
        "ul",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "em",
        "strong",
        "br",
        "img",
    }, tags(rendered)


def test_every_markdown_command_is_covered() -> None:
    assert commands_with_format("md") == set(MARKDOWN_COMMANDS)


@pytest.mark.parametrize("command", sorted(MARKDOWN_COMMANDS))
def test_markdown_output_shows_hostile_names_as_text(command: str, hostile_folder: Path):
    args = [command, str(hostile_folder), *MARKDOWN_COMMANDS[command], "--format", "md"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert_no_markup_from_the_user(result.stdout)
    if command != "metrics":  # the one without names: ids and figures only
        assert "Re-enter your PIV PIN" in render(result.stdout)  # there, as text


def test_the_exported_brief_shows_hostile_names_as_text(hostile_folder: Path, tmp_path: Path):
    result = CliRunner().invoke(
        cli, ["export", str(hostile_folder), "--all", "--format", "md", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    for brief in sorted(tmp_path.glob("*.md")):
        text = brief.read_text(encoding="utf-8")
        # The map beside the brief is its one image; there is no other.
        assert_no_markup_from_the_user(text, (f"{brief.stem}-swimlane.png",))
