"""What the steps a person takes cost them, each step in the cheapest channel open to them.

``burden`` describes a step as most people do it; ``burden_by_channel`` describes it
through one channel where that differs. A channel's figures override the general
ones field by field, so ``phone: {minutes: 45}`` changes the minutes and keeps the
general wait. The cheapest channel is the one with the fewest known minutes, then
the shortest wait, the lowest cost and the fewest visits; a channel whose minutes
are unknown is chosen only when no channel's are known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from ple.model import Channel, Step

FIGURES = ("minutes", "wait_days", "cost_usd", "visits")


@dataclass(frozen=True)
class BurdenTotals:
    """Burden summed over the steps a walk takes, with what is unknown beside it."""

    steps: int
    minutes: float
    wait_days: float
    cost_usd: float
    visits: float
    unknown: dict[str, int]
    """Per figure, how many steps do not say (so the total may be low)."""
    channels: dict[str, str | None]
    """Per step, the channel its figures come from (None: the step's channels are unknown)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def channel_figures(step: Step, channel: Channel | None) -> dict[str, float | None]:
    """The step's burden figures through ``channel`` (None: the general figures)."""
    figures = {f: (getattr(step.burden, f) if step.burden else None) for f in FIGURES}
    override = step.burden_by_channel.get(channel) if channel is not None else None
    if override is not None:
        figures.update(
            {f: getattr(override, f) for f in FIGURES if getattr(override, f) is not None}
        )
    return figures


def cheapest(
    step: Step, channels: Iterable[Channel | None]
) -> tuple[Channel | None, dict[str, float | None]]:
    """The cheapest of ``channels`` for this step, and its figures."""
    options = [(channel, channel_figures(step, channel)) for channel in channels]
    if not options:
        return None, channel_figures(step, None)
    return min(
        options,
        key=lambda option: tuple(
            (value is None, value or 0.0) for value in (option[1][f] for f in FIGURES)
        ),
    )


def sum_burden(choices: dict[str, tuple[Channel | None, dict[str, float | None]]]) -> BurdenTotals:
    """Add up each step's chosen figures; unknown figures are counted, never added as 0."""
    totals = dict.fromkeys(FIGURES, 0.0)
    unknown = dict.fromkeys(FIGURES, 0)
    for _channel, figures in choices.values():
        for figure in FIGURES:
            value = figures[figure]
            if value is None:
                unknown[figure] += 1
            else:
                totals[figure] += value
    return BurdenTotals(
        steps=len(choices),
        **totals,
        unknown=unknown,
        channels={
            step: (channel.value if channel is not None else None)
            for step, (channel, _) in choices.items()
        },
    )
