"""burden-hotspot: a step that costs far more time, waiting or money than the rest."""

from __future__ import annotations

from collections.abc import Iterator
from statistics import median

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView

_FIGURES = {
    "minutes": ("{:g} minutes of the customer's time", "minutes"),
    "wait_days": ("{:g} days of waiting", "days of waiting"),
    "cost_usd": ("${:,.2f} out of pocket", "dollars"),
    "visits": ("{:g} office visits", "visits"),
}


@rule(id="burden-hotspot", title="Burden hotspot", severity="warning")
def burden_hotspot(view: JourneyView) -> Iterator[Gap]:
    """A step whose time, wait, cost or visits are far above the journey's other steps.

    A figure is a hotspot when it reaches the absolute limit in the workspace
    settings (defaults: 120 minutes, 30 days of waiting, $100, 2 visits), or when it
    is at least `factor` times (default 3) the journey's median for that figure,
    taken over the steps where the figure is above zero.

    Why it matters:
        Burden concentrates: one long form, one office visit or one month of waiting
        is where people drop out, and where a fix saves the most time across
        everyone who goes through the journey.

    How to fix:
        Remove or pre-fill questions, accept documents already held, offer the step
        remotely, or set a service standard for the wait. Start with the hotspot
        that the most people pass through.

    Basis:
        The PRA's burden definition and M-22-10's compliance costs (gathering
        records, travel, waiting); OIRA's time-tax reduction work.
    """
    limits = view.settings.burden_hotspot
    known: dict[str, list[float]] = {figure: [] for figure in _FIGURES}
    for step in view.journey.steps:
        if step.burden is not None:
            for figure in _FIGURES:
                value = getattr(step.burden, figure)
                if value:  # zero: the customer does nothing here; it says nothing typical
                    known[figure].append(value)
    medians = {figure: median(values) for figure, values in known.items() if values}
    for step in view.journey.steps:
        if step.burden is None:
            continue
        reasons = []
        for figure, (phrase, unit) in _FIGURES.items():
            value = getattr(step.burden, figure)
            if not value:
                continue
            typical = medians.get(figure, 0)
            if value >= getattr(limits, figure):
                reasons.append(f"{phrase.format(value)} (limit {getattr(limits, figure):g})")
            elif typical > 0 and value >= limits.factor * typical:
                reasons.append(
                    f"{phrase.format(value)} ({value / typical:.1f} times the "
                    f"journey's median of {typical:g} {unit})"
                )
        if reasons:
            yield Gap(
                message=f"{view.step_label(step)} is a burden hotspot: {'; '.join(reasons)}.",
                suggestion="Cut the questions or documents, offer it remotely, or set a "
                "service standard for the wait.",
                step=step.id,
                agencies=(step.agency,),
            )
