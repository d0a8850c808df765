"""Programs that plausibly belong in a journey: a lead for the designer, not a finding.

A journey's programs are those its steps name. Each is described by its Federal Program
Inventory categories and beneficiary types, taken from the program itself or, for a
hand-written catalog program, from the inventory program with the same Assistance Listing
number. Every other program is scored by its best Jaccard similarity to one of them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ple.errors import NotFoundError
from ple.io.suggest import did_you_mean
from ple.model import Program, Workspace


@dataclass(frozen=True)
class Suggestion:
    """One candidate program, how similar it is, and to which journey program."""

    id: str
    name: str
    agency: str
    assistance_listing: str | None
    score: float
    like: str
    shared: list[str]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _features(program: Program) -> frozenset[str]:
    return frozenset(
        [
            *(f"category: {c}" for c in program.categories),
            *(f"beneficiary: {b}" for b in program.beneficiary_types),
        ]
    )


def suggest_programs(workspace: Workspace, journey_id: str, limit: int = 10) -> list[Suggestion]:
    """The ``limit`` programs most like the journey's own, best first (ties by id).

    Raises :class:`~ple.errors.NotFoundError` for an unknown journey. Programs without
    categories or beneficiary types are never suggested; a journey whose programs have
    none (and no inventory twin) gets no suggestions.
    """
    journey = workspace.journeys.get(journey_id)
    if journey is None:
        raise NotFoundError(
            f"no journey {journey_id!r} in the workspace"
            f"{did_you_mean(journey_id, workspace.journeys)}"
        )
    by_listing: dict[str, Program] = {}
    for program in workspace.programs.values():
        if program.assistance_listing and _features(program):
            by_listing.setdefault(program.assistance_listing, program)
    used = {step.program for step in journey.steps if step.program in workspace.programs}
    used_listings = {workspace.programs[p].assistance_listing for p in used} - {None}
    profiles: dict[str, frozenset[str]] = {}
    for program_id in sorted(used):
        program = workspace.programs[program_id]
        features = _features(program)
        if not features and program.assistance_listing in by_listing:
            features = _features(by_listing[program.assistance_listing])
        if features:
            profiles[program_id] = features
    if not profiles:
        return []
    suggestions = []
    for program in workspace.programs.values():
        if program.id in used or program.assistance_listing in used_listings:
            continue
        features = _features(program)
        if not features:
            continue
        best: tuple[float, str, frozenset[str]] | None = None
        for program_id, profile in profiles.items():
            shared = features & profile
            score = len(shared) / len(features | profile)
            if shared and (best is None or score > best[0]):
                best = (score, program_id, shared)
        if best is not None:
            suggestions.append(
                Suggestion(
                    program.id,
                    program.name,
                    program.agency,
                    program.assistance_listing,
                    round(best[0], 3),
                    best[1],
                    sorted(best[2]),
                )
            )
    suggestions.sort(key=lambda s: (-s.score, s.id))
    return suggestions[:limit]
