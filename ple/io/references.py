"""Checks that need the whole workspace: unique ids and references that resolve.

A single file can be valid on its own and still name an agency nobody defined,
or define ``ssa`` a second time. These checks run after every file has been
validated, and report each problem at the place that holds the bad reference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ple.errors import KeyPath, Location, Problem, Severity
from ple.io.documents import SETTINGS_KEY, Entry
from ple.io.opportunity_references import check_opportunity
from ple.io.suggest import did_you_mean
from ple.model import (
    BLUEPRINT_ROWS,
    Agency,
    Journey,
    JourneyState,
    Program,
    Settings,
    Sharing,
    SharingBasis,
    Step,
    Touchpoint,
    TouchpointKind,
    Workspace,
)
from ple.model.vocabulary import GAP_RULES
from ple.model.workspace import Origin

SINGULAR = {
    "agencies": "agency",
    "programs": "program",
    "data_items": "data item",
    "sharing": "sharing record",
    "touchpoints": "touchpoint",
    "journeys": "journey",
    "opportunities": "opportunity",
}

SHARE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Sourced:
    """An entry together with the file it came from."""

    file: str
    entry: Entry


def assemble(
    sourced: Iterable[Sourced], *, check_references: bool = True
) -> tuple[Workspace, list[Problem]]:
    """Index entries by id, refusing duplicates, then resolve every reference
    (unless the caller knows this exact workspace resolved before)."""
    problems: list[Problem] = []
    collections: dict[str, dict] = {kind: {} for kind in SINGULAR}
    origins: dict[tuple[str, str], Origin] = {}
    settings: Settings | None = None
    for source in sourced:
        entry = source.entry
        if entry.kind == SETTINGS_KEY:
            if settings is not None:
                first = origins[(SETTINGS_KEY, "")]
                problems.append(
                    Problem(
                        source.file,
                        "settings are given in two files; the first is used",
                        path=entry.path,
                        code="duplicate-settings",
                        related=(Location(first.file, path=first.path),),
                    )
                )
                continue
            settings = entry.item
            origins[(SETTINGS_KEY, "")] = Origin(source.file, entry.path)
            continue
        key = (entry.kind, entry.item.id)
        if key in origins:
            first = origins[key]
            # A sharing record has no id of its own: it is keyed by item and pair.
            at = () if entry.kind == "sharing" else ("id",)
            problems.append(
                Problem(
                    source.file,
                    f"duplicate {SINGULAR[entry.kind]} {'id ' if at else ''}"
                    f"{entry.item.id!r}; the first definition is used",
                    path=(*entry.path, *at),
                    value=entry.item.id,
                    code="duplicate-id",
                    related=(Location(first.file, path=(*first.path, *at)),),
                )
            )
            continue
        origins[key] = Origin(source.file, entry.path)
        collections[entry.kind][entry.item.id] = entry.item
    workspace = Workspace(
        agencies=collections["agencies"],
        programs=collections["programs"],
        data_items=collections["data_items"],
        journeys=collections["journeys"],
        settings=settings or Settings(),
        sharing=collections["sharing"],
        touchpoints=collections["touchpoints"],
        opportunities=collections["opportunities"],
        origins=origins,
    )
    if check_references:
        problems.extend(find_reference_problems(workspace))
    return workspace, problems


def find_reference_problems(workspace: Workspace) -> list[Problem]:
    """Every reference that names something the workspace does not define."""
    checker = _Checker(workspace)
    for agency in workspace.agencies.values():
        checker.catalog_agency(agency)
    for program in workspace.programs.values():
        checker.catalog_program(program)
    for record in workspace.sharing.values():
        checker.catalog_sharing(record)
    for touchpoint in workspace.touchpoints.values():
        checker.catalog_touchpoint(touchpoint)
    checker.listings_in_inventory()
    for journey in workspace.journeys.values():
        checker.journey(journey)
    checker.detail_loops()
    checker.gap_settings()
    for opportunity in workspace.opportunities.values():
        check_opportunity(checker, opportunity)
    return checker.problems


def inventory_id(program: Program) -> str | None:
    """The id ``ple import programs`` gives a program with this listing number."""
    if program.assistance_listing is None:
        return None
    return "al-" + program.assistance_listing.lower().replace(".", "-")


SUGGESTED = 50
"""Distinct unknown ids of one kind that get a "did you mean"; past that, an unknown id
is more likely a missing catalog file than a typo, and suggesting costs time."""


LOOP_SHOWN = 8
"""Agencies a loop of parents names before it says how long it is."""


def _parent_loops(agencies: Mapping[str, Agency]) -> dict[str, tuple[list[str], int]]:
    """Each agency on a loop of parents, with the loop and its place on it. Every agency
    has at most one parent, so one walk up from each agency not yet seen finds them all
    (a walk per agency up a chain of 20,000 parents took minutes)."""
    done: set[str] = set()
    loops: dict[str, tuple[list[str], int]] = {}
    for start in agencies:
        walked: dict[str, int] = {}
        agency: str | None = start
        while agency is not None and agency in agencies and agency not in done:
            if agency in walked:
                loop = list(walked)[walked[agency] :]
                for position, member in enumerate(loop):
                    loops[member] = (loop, position)
                break
            walked[agency] = len(walked)
            agency = agencies[agency].parent
        done.update(walked)
    return loops


class _Checker:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.problems: list[Problem] = []
        self.loops = _parent_loops(workspace.agencies)
        self.suggestions: dict[tuple[str, str], str] = {}
        self.suggested: dict[str, int] = {}

    def _suggestion(
        self, what: str, value: str, known: Mapping[str, object] | Iterable[str]
    ) -> str:
        """A suggestion for an unknown id, worked out once per id, for the first
        :data:`SUGGESTED` unknown ids of each kind."""
        key = (what, value)
        if key not in self.suggestions:
            if self.suggested.get(what, 0) >= SUGGESTED:
                return ""
            self.suggested[what] = self.suggested.get(what, 0) + 1
            self.suggestions[key] = did_you_mean(value, known)
        return self.suggestions[key]

    def _at(self, kind: str, item_id: str) -> Origin:
        return self.workspace.origins[(kind, item_id)]

    def _require(
        self,
        origin: Origin,
        path: KeyPath,
        value: str | None,
        known: Mapping[str, object] | Iterable[str],
        what: str,
    ) -> None:
        if value is None or value in known:
            return
        self.problems.append(
            Problem(
                origin.file,
                f"unknown {what} {value!r}{self._suggestion(what, value, known)}",
                path=(*origin.path, *path),
                value=value,
                code="unknown-reference",
            )
        )

    def gap_settings(self) -> None:
        """Rules the settings switch off or re-grade must exist: a misspelt id would
        otherwise leave the rule on, or at its old severity, without a word."""
        origin = self.workspace.origins.get((SETTINGS_KEY, ""))
        if origin is None:
            return
        gaps = self.workspace.settings.gaps
        for index, rule_id in enumerate(gaps.disabled_rules):
            self._require(origin, ("gaps", "disabled_rules", index), rule_id, GAP_RULES, "gap rule")
        for rule_id in gaps.severity:
            self._require(origin, ("gaps", "severity", rule_id), rule_id, GAP_RULES, "gap rule")

    def catalog_agency(self, agency: Agency) -> None:
        origin = self._at("agencies", agency.id)
        self._require(origin, ("parent",), agency.parent, self.workspace.agencies, "agency")
        if agency.id in self.loops:  # report a loop once, at each of its members
            loop, position = self.loops[agency.id]
            shown = [loop[(position + i) % len(loop)] for i in range(min(len(loop), LOOP_SHOWN))]
            ending = (
                agency.id
                if len(loop) <= LOOP_SHOWN
                else f"... -> {agency.id} (a loop of {len(loop):,} agencies)"
            )
            self.problems.append(
                Problem(
                    origin.file,
                    f"agency parents form a loop: {' -> '.join([*shown, ending])}",
                    path=(*origin.path, "parent"),
                    value=agency.parent,
                    code="parent-loop",
                )
            )

    def catalog_sharing(self, record: Sharing) -> None:
        """A sharing record names a known item and two known, different agencies; a
        permission or a bar names its authority; one without sources is a warning,
        since a legal basis nobody can check is a rumour."""
        ws, origin = self.workspace, self._at("sharing", record.id)
        self._require(origin, ("data_item",), record.data_item, ws.data_items, "data item")
        self._require(origin, ("from",), record.from_, ws.agencies, "agency")
        self._require(origin, ("to",), record.to, ws.agencies, "agency")
        if record.from_ == record.to:
            self.problems.append(
                Problem(
                    origin.file,
                    f"a sharing record is between two agencies; 'from' and 'to' are "
                    f"both {record.to!r}",
                    path=(*origin.path, "to"),
                    value=record.to,
                    code="self-reference",
                )
            )
        if record.basis in (SharingBasis.permitted, SharingBasis.prohibited) and (
            record.authority is None
        ):
            self.problems.append(
                Problem(
                    origin.file,
                    f"a sharing that is {record.basis.value} must name its authority "
                    "(authority: kind and citation): without one it is a guess presented as law",
                    path=(*origin.path, "basis"),
                    value=record.basis.value,
                    code="sharing-without-authority",
                )
            )
        if not record.sources and record.basis is not SharingBasis.unknown:
            self.problems.append(
                Problem(
                    origin.file,
                    f"a sharing recorded as {record.basis.value} names no sources; "
                    "add where it can be checked (the statute, the agreement, the form)",
                    path=(*origin.path, "basis"),
                    value=record.basis.value,
                    severity=Severity.warning,
                    code="sharing-without-sources",
                )
            )

    def catalog_touchpoint(self, touchpoint: Touchpoint) -> None:
        origin = self._at("touchpoints", touchpoint.id)
        self._require(origin, ("agency",), touchpoint.agency, self.workspace.agencies, "agency")
        if touchpoint.kind is TouchpointKind.form:
            return
        for name, label in (
            ("omb_control_number", "an OMB control number"),
            ("form_number", "a form number"),
        ):
            value = getattr(touchpoint, name)
            if value is not None:
                self.problems.append(
                    Problem(
                        origin.file,
                        f"only a form has {label}; this touchpoint "
                        f"is a {touchpoint.kind.value} (set kind: form, or remove it)",
                        path=(*origin.path, name),
                        value=value,
                        code="number-on-non-form",
                    )
                )

    def detail_loops(self) -> None:
        """Refuse a journey that is, through ``detail`` steps, told in more detail by
        itself: drilling down would never end. Reported at each step on the loop."""
        journeys = self.workspace.journeys
        details = {
            j.id: [
                (s, step.detail)
                for s, step in enumerate(j.steps)
                if step.detail in journeys and step.detail != j.id
            ]
            for j in journeys.values()
        }
        done: set[str] = set()
        for start in journeys:
            if start in done:
                continue
            # A depth-first walk with its own stack: a chain of thousands of detail
            # journeys must not hit Python's recursion limit.
            on_path: dict[str, int] = {start: 0}
            path: list[tuple[str, int, str]] = []
            stack = [(start, iter(details[start]))]
            while stack:
                journey_id, moves = stack[-1]
                move = next(moves, None)
                if move is None:
                    stack.pop()
                    del on_path[journey_id]
                    done.add(journey_id)
                    if path:
                        path.pop()
                    continue
                index, target = move
                if target in on_path:
                    self._report_loop([*path[on_path[target] :], (journey_id, index, target)])
                elif target not in done:
                    path.append((journey_id, index, target))
                    on_path[target] = len(path)
                    stack.append((target, iter(details[target])))

    def _report_loop(self, loop: list[tuple[str, int, str]]) -> None:
        names = " -> ".join([*(j for j, _, _ in loop), loop[0][0]])
        for journey_id, index, target in loop:
            origin = self._at("journeys", journey_id)
            self.problems.append(
                Problem(
                    origin.file,
                    f"detail journeys form a loop: {names}; a journey cannot be "
                    "told in more detail by itself",
                    path=(*origin.path, "steps", index, "detail"),
                    value=target,
                    code="detail-loop",
                )
            )

    def listings_in_inventory(self) -> None:
        """When the Federal Program Inventory is loaded (``ple import programs`` writes
        programs whose id is ``al-`` plus their listing number), warn about every other
        program whose Assistance Listing number the inventory does not have."""
        inventory = {
            p.assistance_listing
            for p in self.workspace.programs.values()
            if p.assistance_listing is not None and p.id == inventory_id(p)
        }
        if not inventory:
            return
        for program in self.workspace.programs.values():
            listing = program.assistance_listing
            if listing is None or listing in inventory:
                continue
            origin = self._at("programs", program.id)
            self.problems.append(
                Problem(
                    origin.file,
                    f"assistance listing {listing!r} is not in the loaded program inventory",
                    path=(*origin.path, "assistance_listing"),
                    value=listing,
                    severity=Severity.warning,
                    code="unknown-listing",
                )
            )

    def catalog_program(self, program: Program) -> None:
        origin = self._at("programs", program.id)
        self._require(origin, ("agency",), program.agency, self.workspace.agencies, "agency")

    def journey(self, journey: Journey) -> None:
        ws, origin = self.workspace, self._at("journeys", journey.id)
        stages = self._unique(origin, journey.stages, "stages", "stage")
        personas = self._unique(origin, journey.personas, "personas", "persona")
        steps = self._unique(origin, journey.steps, "steps", "step")
        self._require(origin, ("lead_agency",), journey.lead_agency, ws.agencies, "agency")
        self._baseline(origin, journey)
        for a, accepted in enumerate(journey.accepted_findings):
            at = ("accepted_findings", a)
            self._require(origin, (*at, "rule"), accepted.rule, GAP_RULES, "gap rule")
            self._require(origin, (*at, "step"), accepted.step, steps, "step")
            self._require(
                origin, (*at, "data_item"), accepted.data_item, ws.data_items, "data item"
            )
            if accepted.transition is not None:
                self._require(
                    origin, (*at, "transition", "from"), accepted.transition.from_, steps, "step"
                )
                self._require(
                    origin, (*at, "transition", "to"), accepted.transition.to, steps, "step"
                )
        for index, entry in enumerate(journey.entry):
            self._require(origin, ("entry", index), entry, steps, "step")
        for s, step in enumerate(journey.steps):
            at = ("steps", s)
            self._require(origin, (*at, "stage"), step.stage, stages, "stage")
            self._require(origin, (*at, "agency"), step.agency, ws.agencies, "agency")
            self._require(origin, (*at, "program"), step.program, ws.programs, "program")
            for r, item in enumerate(step.requests):
                self._require(origin, (*at, "requests", r), item, ws.data_items, "data item")
            self._blueprint(origin, journey, at, step)
            for p, persona in enumerate(step.personas or []):
                self._require(origin, (*at, "personas", p), persona, personas, "persona")
            total_share = 0.0
            for t, transition in enumerate(step.next):
                self._require(origin, (*at, "next", t, "to"), transition.to, steps, "step")
                total_share += transition.share or 0.0
                if transition.handoff:
                    for i, item in enumerate(transition.handoff.shares):
                        self._require(
                            origin,
                            (*at, "next", t, "handoff", "shares", i),
                            item,
                            ws.data_items,
                            "data item",
                        )
                target = steps.get(transition.to)
                if (
                    transition.handoff
                    and target is not None
                    and journey.steps[target].agency == step.agency
                ):
                    self.problems.append(
                        Problem(
                            origin.file,
                            f"a handoff on a move within one agency ({step.agency}) is not "
                            "a handoff between agencies and is ignored",
                            path=(*origin.path, *at, "next", t, "handoff"),
                            severity=Severity.warning,
                            code="handoff-within-agency",
                        )
                    )
            if total_share > 1 + SHARE_TOLERANCE and not step.fork:
                self.problems.append(
                    Problem(
                        origin.file,
                        f"the shares of this step's branches add up to {total_share:g}, "
                        "more than 1",
                        path=(*origin.path, *at, "next"),
                        value=round(total_share, 6),
                        code="shares-over-one",
                    )
                )
            if step.fork and len(step.next) < 2:
                self.problems.append(
                    Problem(
                        origin.file,
                        "a fork needs two next steps or more; with "
                        f"{len(step.next)} it is a plain step",
                        path=(*origin.path, *at, "fork"),
                        value=True,
                        severity=Severity.warning,
                        code="fork-without-branches",
                    )
                )
            if step.end and step.next:
                self.problems.append(
                    Problem(
                        origin.file,
                        "a step marked end: true also lists next steps",
                        path=(*origin.path, *at, "end"),
                        value=True,
                        severity=Severity.warning,
                        code="end-with-next",
                    )
                )

    def _blueprint(self, origin: Origin, journey: Journey, at: KeyPath, step: Step) -> None:
        """The step's touchpoints, its blueprint actions' agencies, its detail journey and
        its moment that matters."""
        ws = self.workspace
        for t, touchpoint in enumerate(step.touchpoints):
            self._require(origin, (*at, "touchpoints", t), touchpoint, ws.touchpoints, "touchpoint")
        for row in BLUEPRINT_ROWS:
            for a, action in enumerate(getattr(step, row)):
                self._require(origin, (*at, row, a, "agency"), action.agency, ws.agencies, "agency")
        if step.detail is not None:
            self._require(origin, (*at, "detail"), step.detail, ws.journeys, "journey")
            if step.detail == journey.id:
                self.problems.append(
                    Problem(
                        origin.file,
                        "a step cannot be told in more detail by its own journey",
                        path=(*origin.path, *at, "detail"),
                        value=step.detail,
                        code="self-reference",
                    )
                )
        if step.moment_reason is not None and not step.moment_that_matters:
            self.problems.append(
                Problem(
                    origin.file,
                    "a moment_reason belongs to a moment that matters (set "
                    "moment_that_matters: true, or remove the reason)",
                    path=(*origin.path, *at, "moment_reason"),
                    value=step.moment_reason,
                    code="reason-without-moment",
                )
            )
        elif step.moment_that_matters and step.moment_reason is None:
            self.problems.append(
                Problem(
                    origin.file,
                    "a moment that matters should say why, in moment_reason",
                    path=(*origin.path, *at, "moment_that_matters"),
                    value=True,
                    severity=Severity.warning,
                    code="moment-without-reason",
                )
            )

    def _unique(self, origin: Origin, items: list, field: str, what: str) -> dict[str, int]:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                self.problems.append(
                    Problem(
                        origin.file,
                        f"duplicate {what} id {item.id!r} in this journey",
                        path=(*origin.path, field, index, "id"),
                        value=item.id,
                        code="duplicate-id",
                        related=(
                            Location(origin.file, path=(*origin.path, field, seen[item.id], "id")),
                        ),
                    )
                )
            else:
                seen[item.id] = index
        return seen

    def _baseline(self, origin: Origin, journey: Journey) -> None:
        if journey.baseline is None:
            return
        self._require(origin, ("baseline",), journey.baseline, self.workspace.journeys, "journey")
        if journey.baseline == journey.id:
            self.problems.append(
                Problem(
                    origin.file,
                    "a journey cannot be its own baseline",
                    path=(*origin.path, "baseline"),
                    value=journey.baseline,
                    code="self-reference",
                )
            )
        elif journey.state is not JourneyState.future:
            self.problems.append(
                Problem(
                    origin.file,
                    "only a future-state journey has a baseline (set state: future)",
                    path=(*origin.path, "baseline"),
                    value=journey.baseline,
                    code="baseline-on-current",
                )
            )
        else:
            base = self.workspace.journeys.get(journey.baseline)
            if base is not None and base.state is not JourneyState.current:
                self.problems.append(
                    Problem(
                        origin.file,
                        f"the baseline {journey.baseline!r} is not a current-state journey",
                        path=(*origin.path, "baseline"),
                        value=journey.baseline,
                        code="baseline-not-current",
                    )
                )
