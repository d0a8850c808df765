"""How sure a map is: the evidence behind a step or a figure.

A CX team mixes figures it has watched happen, figures an agency publishes and figures
a designer guessed. They look alike on a map, so each may say which it is. A figure
that says nothing is *unknown*, and is reported as unknown, never as assumed.
"""

from __future__ import annotations

from pydantic import Field

from ple.model.base import FormatModel
from ple.model.vocabulary import EvidenceLevel


class Evidence(FormatModel):
    """What a step or a figure rests on, and where to check it."""

    level: EvidenceLevel = Field(
        description="observed (research with people, analytics), reported (agency data or a "
        "published figure) or assumed (a designer's estimate)."
    )
    sources: list[str] = Field(
        default_factory=list, description="Where to check it: reports, pages, research notes."
    )
    notes: str | None = None
