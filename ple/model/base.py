"""The pydantic base every model of the format shares."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ple import limits

LARGEST_COUNT = 2**63 - 1
"""The largest whole number a count may be: a graph database stores 64-bit integers, and
Neo4j or FalkorDB would otherwise clamp a bigger one silently in the synced copy."""
Count = Annotated[int, Field(ge=0, le=LARGEST_COUNT)]
"""A whole number of things (visits, people a year), refused past 64 bits."""


class FormatModel(BaseModel):
    """A part of the workspace format.

    Unknown keys are refused (``extra="forbid"``) so that a typo such as ``chanels``
    is reported instead of silently dropped. Numbers must be finite (``.inf`` minutes
    would poison every total). Text is at most :data:`ple.limits.TEXT_LENGTH`
    characters (names and ids have shorter limits of their own). Models are frozen: the
    graph is derived
    from them, and editing goes through new model objects, never in-place mutation.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        use_enum_values=False,
        validate_default=False,
        allow_inf_nan=False,
        str_max_length=limits.TEXT_LENGTH.value,
    )
