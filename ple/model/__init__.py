"""The validated workspace model: the contract every other layer builds on."""

from ple.model.catalog import Agency, DataItem, Program
from ple.model.journey import (
    AcceptedFinding,
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
from ple.model.sharing import (
    Authority,
    AuthorityKind,
    Sharing,
    SharingAnswer,
    SharingBasis,
    sharing_basis,
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
    "AcceptedFinding",
    "Agency",
    "AgencyLevel",
    "Authority",
    "AuthorityKind",
    "Burden",
    "CanUse",
    "Channel",
    "DataItem",
    "DataItemKind",
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
    "Sharing",
    "SharingAnswer",
    "SharingBasis",
    "Stage",
    "Step",
    "Transition",
    "TransitionRef",
    "Volume",
    "Workspace",
    "sharing_basis",
]
