"""Workspace settings: the thresholds the gap rules use, kept with the journeys.

Settings live under a top-level ``settings`` key in any one file of the
workspace, so a team tunes its rules in the same repository as its journeys and
every run gives the same findings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, NonNegativeFloat

from ple import limits
from ple.model.base import FormatModel
from ple.model.vocabulary import Slug


class HotspotLimits(FormatModel):
    """When a step's burden counts as a hotspot.

    A figure is a hotspot when it reaches its absolute limit, or when it is at
    least ``factor`` times the journey's median for that figure (and above zero).
    """

    factor: float = Field(default=3.0, gt=1, le=1_000_000)
    minutes: NonNegativeFloat = Field(default=120, le=limits.MINUTES)
    wait_days: NonNegativeFloat = Field(default=30, le=limits.WAIT_DAYS)
    cost_usd: NonNegativeFloat = Field(default=100, le=limits.COST_USD)
    visits: NonNegativeFloat = Field(default=2, le=limits.VISITS)


class GapSettings(FormatModel):
    """Thresholds and switches of the gap rules."""

    burden_hotspot: HotspotLimits = Field(default_factory=HotspotLimits)
    low_score: float = Field(
        default=3.0, ge=1, le=5, description="An A-11 driver score below this is low."
    )
    disabled_rules: list[Slug] = Field(default_factory=list)
    severity: dict[Slug, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="Rule id -> error, warning or info, to override."
    )


class Settings(FormatModel):
    """Everything a workspace can tune."""

    gaps: GapSettings = Field(default_factory=GapSettings)
