"""The validated workspace model: the contract every other layer builds on."""

from ple.model.catalog import Agency, DataItem, Program, Touchpoint
from ple.model.evidence import Evidence
from ple.model.journey import (
    BLUEPRINT_ROWS,
    AcceptedFinding,
    Action,
    Burden,
    CanUse,
    Handoff,
    Journey,
    Measures,
    Persona,
    Stage,
    Step,
    Transition,
    TransitionRef,
    Volume,
)
from ple.model.settings import GapSettings, HotspotLimits, Settings
from ple.model.vocabulary import (
    MEASURE_KEYS,
    AgencyLevel,
    Channel,
    DataItemKind,
    EvidenceLevel,
    HandoffType,
    JourneyState,
    TouchpointKind,
)
from ple.model.workspace import Origin, Workspace

__all__ = [
    "BLUEPRINT_ROWS",
    "MEASURE_KEYS",
    "AcceptedFinding",
    "Action",
    "Agency",
    "AgencyLevel",
    "Burden",
    "CanUse",
    "Channel",
    "DataItem",
    "DataItemKind",
    "Evidence",
    "EvidenceLevel",
    "GapSettings",
    "Handoff",
    "HandoffType",
    "HotspotLimits",
    "Journey",
    "JourneyState",
    "Measures",
    "Origin",
    "Persona",
    "Program",
    "Settings",
    "Stage",
    "Step",
    "Touchpoint",
    "TouchpointKind",
    "Transition",
    "TransitionRef",
    "Volume",
    "Workspace",
]
