"""Burden metrics: time, waiting, cost, visits and fragmentation per journey and persona,
M-22-10's three costs of sludge, and the time tax: the public's hours a year."""

from ple.metrics.burden import (
    AgencyBurden,
    JourneyMetrics,
    critical_path,
    journey_metrics,
    portfolio_metrics,
)
from ple.metrics.report import MetricsRow, metrics_report
from ple.metrics.sludge import Sludge, SludgeFigure, sludge
from ple.metrics.time_tax import Span, TimeTax, TimeTaxSaving, time_tax, time_tax_saved

__all__ = [
    "AgencyBurden",
    "JourneyMetrics",
    "MetricsRow",
    "Sludge",
    "SludgeFigure",
    "Span",
    "TimeTax",
    "TimeTaxSaving",
    "critical_path",
    "journey_metrics",
    "metrics_report",
    "portfolio_metrics",
    "sludge",
    "time_tax",
    "time_tax_saved",
]
