"""Burden metrics: time, waiting, cost, visits and fragmentation per journey and persona."""

from ple.metrics.burden import (
    AgencyBurden,
    JourneyMetrics,
    critical_path,
    journey_metrics,
    portfolio_metrics,
)

__all__ = [
    "AgencyBurden",
    "JourneyMetrics",
    "critical_path",
    "journey_metrics",
    "portfolio_metrics",
]
