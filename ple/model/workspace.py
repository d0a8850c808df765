"""The workspace: a catalog plus journeys, the single source of truth.

A :class:`Workspace` is only ever built by the loader after every reference has
been resolved, so code downstream (graph, queries, gap rules) may look ids up
without checking them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ple.model.catalog import Agency, DataItem, Program, Touchpoint
from ple.model.journey import Journey
from ple.model.opportunity import Opportunity
from ple.model.settings import Settings
from ple.model.sharing import Sharing


@dataclass(frozen=True)
class Origin:
    """Where a model object was read from: its file and its key path inside that file."""

    file: str
    path: tuple[str | int, ...]


@dataclass(frozen=True)
class Workspace:
    """Every agency, program, data item and journey of one workspace, keyed by id."""

    agencies: dict[str, Agency] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    data_items: dict[str, DataItem] = field(default_factory=dict)
    journeys: dict[str, Journey] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    sharing: dict[str, Sharing] = field(default_factory=dict)
    """The legal basis for sharing data items between agencies, keyed by
    :func:`ple.model.sharing.sharing_key`; a pair not here is unknown."""
    touchpoints: dict[str, Touchpoint] = field(default_factory=dict)
    opportunities: dict[str, Opportunity] = field(default_factory=dict)
    """What teams mean to do about findings (:mod:`ple.model.opportunity`)."""
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict, compare=False)
    """(kind, id) -> where it was defined; kinds are the collection names."""

    def agency_label(self, agency_id: str) -> str:
        """The acronym when there is one, else the name: what a diagram shows."""
        agency = self.agencies[agency_id]
        return agency.acronym or agency.name

    def program_label(self, program_id: str) -> str:
        """The short name when there is one, else the name: what a step's details show."""
        program = self.programs[program_id]
        return program.short_name or program.name
