"""The one way edits reach the disk: who may save, conflict check, exact text, full
validation, history, atomic writes. The journey editor, the catalog editor and uploads
all save through :func:`commit`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ple.edit import store, yamltext
from ple.edit.check import Checked, FileChange, check, exact_text
from ple.errors import KeyPath, PleError
from ple.io import LoadResult
from ple.sheets.convert import Built, Cell, CellProblem
from ple.signin import Person, may_write


@dataclass
class Review:
    """An edit as the workspace would see it, without anything written."""

    built: Built
    checked: Checked

    @property
    def cell_problems(self) -> list[CellProblem]:
        return self.built.problems

    @property
    def ok(self) -> bool:
        return not self.cell_problems and self.checked.ok

    @property
    def problem_count(self) -> int:
        """Errors to fix: a cell that cannot be read counts once, not again for what the
        check then finds missing there."""
        unreadable = {p.cell for p in self.cell_problems}
        follow = [e for e in self.checked.errors if e.cell is None or e.cell not in unreadable]
        return len(self.cell_problems) + len(follow) + len(self.checked.caused)


class Outcome(StrEnum):
    saved = "saved"
    unchanged = "unchanged"
    draft = "draft"
    conflict = "conflict"
    invalid = "invalid"
    not_allowed = "not-allowed"
    """The person saving may not edit (a viewer); nothing was checked or written."""


@dataclass
class Saved:
    outcome: Outcome
    message: str
    review: Review | None = None
    written: store.Written | None = None
    conflicts: list[store.Changed] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)
    texts: dict[Path, bytes | None] = field(default_factory=dict)
    """The content each file got (or would have got)."""


Locate = Callable[[Path, KeyPath], Cell | None]
Verify = Callable[[Checked], str | None]
"""Says why the validated result is not what the tables describe (None: it is)."""


def commit(
    root: Path,
    changes: list[FileChange],
    bases: dict[Path, str | None],
    built: Built,
    before: LoadResult | None,
    locate: Locate,
    *,
    by: Person,
    as_draft: bool = False,
    verify: Verify | None = None,
) -> Saved:
    """Write ``changes`` as ``by`` if they may edit, no file changed since ``bases`` were
    taken and the workspace gains no error; with ``as_draft``, keep invalid work as
    drafts instead."""
    refusal = may_write(by)
    if refusal:
        return Saved(Outcome.not_allowed, refusal)
    changed = store.conflicts({c.path: bases.get(c.path) for c in changes})
    if changed:
        return Saved(
            Outcome.conflict,
            "A file changed on disk since you began editing: "
            + "; ".join(c.describe(store.shown(root, c.path)) for c in changed)
            + ". Nothing was saved.",
            conflicts=changed,
        )
    try:
        texts = {c.path: exact_text(c) for c in changes}
    except (yamltext.NotEditable, PleError) as error:
        return Saved(Outcome.invalid, f"Nothing was saved: {error}")
    checked = check(root, changes, before=before, locate=locate, contents=texts)
    review = Review(built, checked)
    if not review.ok:
        if not as_draft:
            return Saved(
                Outcome.invalid,
                f"Nothing was saved: {review.problem_count} "
                "error(s) to fix first, or keep the work as a draft.",
                review,
                texts=texts,
            )
        kept = [
            store.save_draft(
                root, path, data.decode("utf-8"), bases.get(path), review.problem_count, by=by
            )
            for path, data in texts.items()
            if data is not None
        ]
        return Saved(
            Outcome.draft,
            f"Kept as a draft with {review.problem_count} error(s); the workspace was not changed.",
            review,
            drafts=kept,
            texts=texts,
        )
    reason = verify(checked) if verify else None
    if reason:
        return Saved(Outcome.invalid, f"Nothing was saved: {reason}", review, texts=texts)
    if all(store.read_bytes(path) == data for path, data in texts.items()):
        for path in texts:
            store.discard_draft(root, path, by=by)
        return Saved(Outcome.unchanged, "No changes to save.", review, texts=texts)
    written = store.write_files(root, texts, bases, by=by)
    if written.not_allowed:
        return Saved(Outcome.not_allowed, written.not_allowed, review, written, texts=texts)
    if written.outside:
        return Saved(
            Outcome.invalid,
            "Nothing was saved: "
            + ", ".join(str(p) for p in written.outside)
            + " is outside the workspace folder.",
            review,
            written,
            texts=texts,
        )
    if written.busy:
        return Saved(
            Outcome.conflict,
            "Another save of this workspace did not finish in "
            f"{store.LOCK_WAIT_SECONDS:g} seconds; nothing was saved. Try again.",
            review,
            written,
            texts=texts,
        )
    if not written.ok:  # a colleague saved between our first check and the write
        return Saved(
            Outcome.conflict,
            "Someone else saved "
            + "; ".join(store.shown(root, c.path) for c in written.conflicts)
            + " while you were saving; nothing of yours was written. Your version "
            "is kept in the file's history.",
            review,
            written,
            conflicts=written.conflicts,
            texts=texts,
        )
    for path in texts:
        store.discard_draft(root, path, by=by)
    names = ", ".join(store.shown(root, p) for p in [*written.written, *written.removed])
    kept = " The previous version is in the history." if written.backups else ""
    return Saved(Outcome.saved, f"Saved {names}.{kept}", review, written, texts=texts)
