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
from ple.model.opportunity import (
    Change,
    FindingRef,
    HandoffEdit,
    Opportunity,
    OpportunityStatus,
    Owner,
    StepEdit,
)
from ple.model.settings import GapSettings, HotspotLimits, Settings
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
    "Burden",
    "CanUse",
    "Change",
    "Channel",
    "DataItem",
    "DataItemKind",
    "FindingRef",
    "GapSettings",
    "Handoff",
    "HandoffEdit",
    "HandoffType",
    "HotspotLimits",
    "Journey",
    "JourneyState",
    "Measures",
    "Opportunity",
    "OpportunityStatus",
    "Origin",
    "Owner",
    "Persona",
    "Program",
    "Settings",
    "Stage",
    "Step",
    "StepEdit",
    "Transition",
    "TransitionRef",
    "Volume",
    "Workspace",
]
