"""The pydantic base every model of the format shares."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ple import limits


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
