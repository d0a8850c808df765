"""The JSON Schema of a workspace file, so editors can check and complete YAML.

A file is either a set of collections (``agencies``, ``programs``,
``data_items``, ``sharing``, ``journeys``, ``opportunities``) or one journey that may carry
catalog collections beside it. Editors such as VS Code (with the YAML extension) read this schema
from a ``# yaml-language-server: $schema=...`` comment.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, TypeAdapter

from ple.model import (
    Agency,
    DataItem,
    Journey,
    Opportunity,
    Program,
    Settings,
    Sharing,
    Touchpoint,
)
from ple.model.base import FormatModel


class CollectionsFile(FormatModel):
    """A file of catalog collections and journeys."""

    agencies: list[Agency] = Field(default_factory=list)
    programs: list[Program] = Field(default_factory=list)
    data_items: list[DataItem] = Field(default_factory=list)
    sharing: list[Sharing] = Field(default_factory=list)
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    journeys: list[Journey] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    settings: Settings | None = None


class JourneyFile(Journey):
    """A file that is one journey, optionally with the catalog it needs."""

    agencies: list[Agency] = Field(default_factory=list)
    programs: list[Program] = Field(default_factory=list)
    data_items: list[DataItem] = Field(default_factory=list)
    sharing: list[Sharing] = Field(default_factory=list)
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    settings: Settings | None = None


def workspace_file_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) accepted by every workspace file."""
    schema = TypeAdapter(JourneyFile | CollectionsFile).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "PLE journey-mapping workspace file"
    return schema
