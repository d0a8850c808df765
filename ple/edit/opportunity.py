"""Starting an opportunity for a finding, from what the designer typed.

The Gaps page offers it under a finding that no opportunity addresses yet. The new
opportunity names the finding and its steps, has no change yet (the format allows that
while an idea is young: its worth is that of changing nothing until one is written), and
is appended to the workspace's opportunities file, every other line of which is kept
byte for byte. It is saved like any edit (:func:`~ple.edit.commit.commit`): refused for
viewers, on a conflict or when the workspace would gain an error, written atomically with
the previous version kept in the history.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ple.edit import store, yamltext
from ple.edit.check import FileChange
from ple.edit.commit import Outcome, Saved, commit
from ple.edit.places import read_plain
from ple.errors import Problem
from ple.gaps import Finding
from ple.io import LoadResult, find_files
from ple.model import OpportunityStatus, Workspace
from ple.opportunities import finding_reference
from ple.sheets.convert import Built
from ple.signin import Person

KEY = "opportunities"
NEW_FILE = "opportunities.yaml"
"""Where the first opportunity of a workspace goes, at the workspace's top."""


@dataclass(frozen=True)
class Typed:
    """What the designer typed for a new opportunity."""

    title: str
    how_might_we: str
    agency: str
    unit: str = ""
    role: str = ""
    status: OpportunityStatus = OpportunityStatus.idea


@dataclass
class Started:
    """The outcome: the save (None when refused before any check), the new opportunity's id
    and file, and, when refused, why, each problem located at its file and field."""

    saved: Saved | None
    opportunity: str
    file: Path
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.saved is not None and self.saved.outcome is Outcome.saved

    @property
    def message(self) -> str:
        if self.saved is not None and (self.ok or not self.problems):
            return self.saved.message
        return f"Nothing was saved: {len(self.problems)} problem(s) to fix first."


def opportunities_file(root: Path) -> Path:
    """The file that holds most opportunities (the first such file in file order on a
    tie), else ``opportunities.yaml`` at the workspace's top; a one-file workspace is its
    own opportunities file."""
    if root.is_file():
        return root
    counts: dict[Path, int] = {}
    for file in find_files(root) if root.exists() else []:
        value = read_plain(file)
        if isinstance(value, dict) and KEY in value:
            items = value[KEY]
            counts[file] = len(items) if isinstance(items, list) else 0
    if not counts:
        return store.folder_of(root) / NEW_FILE
    return max(counts, key=lambda f: counts[f])  # max keeps the first of equal counts


def start_opportunity(
    root: Path,
    workspace: Workspace,
    finding: Finding,
    typed: Typed,
    before: LoadResult | None,
    *,
    by: Person,
) -> Started:
    """Append an opportunity addressing ``finding`` to the opportunities file and save it.

    Its id comes from the title, made unique among the workspace's opportunities. A
    duplicate (an opportunity of the same journey with the same title) is refused here;
    everything else (an empty title or question, an unknown owner agency, a finding the
    journey does not have) is refused by the same validation as ``ple validate``.
    """
    from ple.edit.actions import new_id

    file = opportunities_file(root)
    data = store.read_bytes(file)
    shown = store.shown(root, file)
    opportunity_id = new_id(set(workspace.opportunities), typed.title or "opportunity")
    duplicate = [
        o
        for o in workspace.opportunities.values()
        if o.journey == finding.journey and _same_words(o.title, typed.title)
    ]
    if duplicate:
        return Started(
            None,
            opportunity_id,
            file,
            [
                Problem(
                    shown,
                    f"the journey already has an opportunity with this title "
                    f"({duplicate[0].id!r}); open it on the Opportunities page instead",
                    ("title",),
                    value=typed.title,
                    code="duplicate-opportunity",
                )
            ],
        )
    entry = _entry(opportunity_id, finding, typed)
    change = FileChange(file, _appender(entry), None if data is None else data.decode("utf-8"))
    saved = commit(
        root,
        [change],
        {file: store.digest(data)},
        Built({KEY: [entry]}),
        before,
        lambda path, at: None,
        by=by,
    )
    problems = []
    if saved.review is not None and saved.outcome is Outcome.invalid:
        problems = [_shown(root, located.problem) for located in saved.review.checked.errors] + [
            _shown(root, p) for p in saved.review.checked.caused
        ]
    return Started(saved, opportunity_id, file, problems)


def _entry(opportunity_id: str, finding: Finding, typed: Typed) -> dict[str, Any]:
    steps = [finding.step] if finding.step else list(finding.transition or ())
    owner = {"agency": typed.agency.strip()}
    owner |= {k: v.strip() for k, v in (("unit", typed.unit), ("role", typed.role)) if v.strip()}
    return {
        "id": opportunity_id,
        "title": " ".join(typed.title.split()),
        "how_might_we": " ".join(typed.how_might_we.split()),
        "journey": finding.journey,
        "findings": [finding_reference(finding)],
        **({"steps": list(dict.fromkeys(steps))} if steps else {}),
        "owner": owner,
        "status": OpportunityStatus(typed.status).value,
    }


def _appender(entry: dict[str, Any]) -> Any:
    def apply(root: Any, json_file: bool) -> None:
        held = root.get(KEY) if isinstance(root.get(KEY), list) else []
        items = [yamltext.plain(item) for item in held]
        yamltext.merge_collection(root, KEY, [*items, entry], json_file=json_file)

    return apply


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _shown(root: Path, problem: Problem) -> Problem:
    """The problem with its file named relative to the workspace, as the app shows files."""
    return replace(problem, file=store.shown(root, Path(problem.file)))
