"""Burden metrics: time, waiting, cost, visits and fragmentation per journey and persona,
and the time tax: the public's hours a year."""

from ple.metrics.burden import (
    AgencyBurden,
    JourneyMetrics,
    critical_path,
    journey_metrics,
    portfolio_metrics,
)
from ple.metrics.time_tax import Span, TimeTax, TimeTaxSaving, time_tax, time_tax_saved

__all__ = [
    "AgencyBurden",
    "JourneyMetrics",
    "Span",
    "TimeTax",
    "TimeTaxSaving",
    "critical_path",
    "journey_metrics",
    "portfolio_metrics",
    "time_tax",
    "time_tax_saved",
]
