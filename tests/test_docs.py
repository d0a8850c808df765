"""The docs are held to the code: a new field, node kind or command must be documented."""

from __future__ import annotations

import re

import click
import pytest
from pydantic import BaseModel

import ple.model as model
from ple.cli.main import cli
from ple.graph.schema import EdgeKind, NodeKind
from ple.model import OpportunityStatus
from ple.model.sharing import AuthorityKind, SharingBasis
from ple.model.vocabulary import MEASURE_KEYS, AgencyLevel, Channel, DataItemKind, HandoffType
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def backticked(text: str) -> set[str]:
    return set(re.findall(r"`([^`\n]+)`", text))


MODELS = [
    getattr(model, name)
    for name in model.__all__
    if isinstance(getattr(model, name), type) and issubclass(getattr(model, name), BaseModel)
]


@pytest.mark.parametrize("model_class", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_in_the_format_reference(model_class):
    documented = backticked((DOCS / "format.md").read_text(encoding="utf-8"))
    fields = {info.alias or name for name, info in model_class.model_fields.items()}
    missing = fields - documented
    assert not missing, f"docs/format.md lacks {model_class.__name__} fields {missing}"


def test_every_vocabulary_word_is_in_the_format_reference():
    documented = backticked((DOCS / "format.md").read_text(encoding="utf-8"))
    words = {
        *Channel,
        *AgencyLevel,
        *DataItemKind,
        *HandoffType,
        *MEASURE_KEYS,
        *SharingBasis,
        *AuthorityKind,
        *OpportunityStatus,
    }
    assert {str(w) for w in words} <= documented


def test_every_node_and_edge_kind_is_in_the_graph_model():
    documented = backticked((DOCS / "graph-model.md").read_text(encoding="utf-8"))
    assert {k.value for k in NodeKind} | {k.value for k in EdgeKind} <= documented


def command_names(group: click.Group, prefix: str = "ple") -> list[str]:
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            names += command_names(command, f"{prefix} {name}")
    return names


@pytest.mark.parametrize("command", command_names(cli))
def test_every_command_is_in_the_cli_reference(command):
    assert command in (DOCS / "cli.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_setup_commands_and_links_the_format():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "docs/format.md" in readme


def test_docs_name_no_paths_of_a_particular_machine():
    for document in [ROOT / "README.md", *DOCS.glob("*.md")]:
        assert not re.search(r"/(work|home|root|tmp)/", document.read_text(encoding="utf-8")), (
            document.name
        )


def test_the_rule_catalogue_in_docs_is_generated_from_the_rules():
    from ple.gaps.catalogue import BEGIN, END, catalogue_markdown

    text = (DOCS / "gaps.md").read_text(encoding="utf-8")
    documented = text[text.index(BEGIN) : text.index(END) + len(END)] + "\n"
    assert documented == catalogue_markdown(), (
        "docs/gaps.md is stale: paste `ple gaps --list-rules --format md` over the catalogue"
    )
