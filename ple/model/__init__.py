"""The validated workspace model: the contract every other layer builds on."""

from ple.model.catalog import Agency, DataItem, Program
from ple.model.journey import (
    Burden,
    CanUse,
    Handoff,
    Journey,
    Measures,
    Persona,
    Stage,
    Step,
    Transition,
    Volume,
)
from ple.model.vocabulary import (
    MEASURE_KEYS,
    AgencyLevel,
    Channel,
    DataItemKind,
    HandoffType,
    JourneyState,
)
from ple.model.workspace import Origin, Workspace

__all__ = [
    "MEASURE_KEYS",
    "Agency",
    "AgencyLevel",
    "Burden",
    "CanUse",
    "Channel",
    "DataItem",
    "DataItemKind",
    "Handoff",
    "HandoffType",
    "Journey",
    "JourneyState",
    "Measures",
    "Origin",
    "Persona",
    "Program",
    "Stage",
    "Step",
    "Transition",
    "Volume",
    "Workspace",
]
