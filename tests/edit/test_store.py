"""The file store: conflicts are found, every replaced version is kept, drafts stay out
of the workspace."""

from __future__ import annotations

import pytest

from ple.edit import store
from ple.io import load_workspace
from ple.signin import local_person

ME = local_person()
"""The person running the tests: an editor, as in local use."""


@pytest.fixture
def root(tmp_path):
    folder = tmp_path / "ws"
    (folder / "ples").mkdir(parents=True)
    (folder / "catalog.yaml").write_text("agencies:\n  - {id: ssa, name: SSA}\n")
    (folder / "ples" / "a.yaml").write_text(
        "id: a\nname: A\nsteps:\n  - {id: s, name: S, agency: ssa, end: true}\n"
    )
    return folder


def test_a_file_changed_since_editing_began_is_a_conflict_and_nothing_is_written(root):
    file = root / "ples" / "a.yaml"
    base = store.file_digest(file)
    file.write_text(file.read_text() + "# a colleague's change\n")
    written = store.write_files(root, {file: b"id: a\n"}, {file: base}, by=ME)
    assert not written.ok and [str(c) for c in written.conflicts] == [f"{file} was changed"]
    assert file.read_text().endswith("# a colleague's change\n")


def test_a_file_created_or_deleted_meanwhile_is_a_conflict_too(root):
    new = root / "ples" / "b.yaml"
    new.write_text("id: b\n")
    assert [str(c) for c in store.conflicts({new: None})] == [f"{new} was created by someone else"]
    old = root / "ples" / "a.yaml"
    digest = store.file_digest(old)
    old.unlink()
    assert [str(c) for c in store.conflicts({old: digest})] == [f"{old} was deleted"]


def test_each_replaced_version_is_kept_and_can_be_restored(root):
    file = root / "ples" / "a.yaml"
    first = file.read_bytes()
    for text in (b"id: a\nname: Two\n", b"id: a\nname: Three\n"):
        written = store.write_files(root, {file: text}, {file: store.file_digest(file)}, by=ME)
        assert written.ok and len(written.backups) == 1
    versions = store.list_versions(root, file)
    assert [v.file.read_bytes() for v in versions] == [b"id: a\nname: Two\n", first]
    assert store.files_with_history(root) == [file]
    restored = store.restore(root, versions[-1], file, by=ME)
    assert restored.ok and file.read_bytes() == first
    assert len(store.list_versions(root, file)) == 3  # the restore itself can be undone


def test_history_is_capped_and_ignored_by_git_and_the_loader(root, monkeypatch):
    monkeypatch.setattr(store, "KEEP", 2)
    file = root / "ples" / "a.yaml"
    original = file.read_bytes()
    for number in range(4):
        store.write_files(
            root,
            {file: original + f"# {number}\n".encode()},
            {file: store.file_digest(file)},
            by=ME,
        )
    assert len(store.list_versions(root, file)) == 2
    assert (root / ".ple-history" / ".gitignore").read_text().endswith("*\n")
    assert load_workspace(root).ok  # the kept copies are not part of the workspace


def test_a_draft_keeps_the_text_and_says_what_it_is(root):
    file = root / "ples" / "a.yaml"
    base = store.file_digest(file)
    kept = store.save_draft(root, file, "id: a\nname: [broken\n", base, problems=2, by=ME)
    assert kept == root / ".ple-drafts" / "ples" / "a.yaml"
    assert kept.read_text().startswith("#ple-draft: DRAFT: not part of the workspace.")
    draft = store.draft_for(root, file)
    assert (draft.target, draft.text, draft.base, draft.problems) == (
        file,
        "id: a\nname: [broken\n",
        base,
        2,
    )
    assert [d.target for d in store.list_drafts(root)] == [file]
    assert load_workspace(root).ok  # the broken draft does not break the workspace
    store.discard_draft(root, file, by=ME)
    assert store.list_drafts(root) == []


def test_unchanged_files_are_not_rewritten_nor_backed_up(root):
    file = root / "ples" / "a.yaml"
    written = store.write_files(
        root, {file: file.read_bytes()}, {file: store.file_digest(file)}, by=ME
    )
    assert written.ok and written.written == [] and written.backups == []


def test_removing_a_file_keeps_it_in_the_history(root):
    file = root / "ples" / "a.yaml"
    data = file.read_bytes()
    written = store.write_files(root, {file: None}, {file: store.file_digest(file)}, by=ME)
    assert written.removed == [file] and not file.exists()
    assert store.list_versions(root, file)[0].file.read_bytes() == data
    assert store.files_with_history(root) == [file]


def test_history_and_drafts_of_a_private_file_stay_private(root):
    """A file only its owner may read (0600) keeps that in every copy: the earlier
    versions, a refused save and a draft (with a usual umask they would be 0644)."""
    file = root / "ples" / "a.yaml"
    file.chmod(0o600)
    written = store.write_files(
        root, {file: b"id: a\nname: Two\n"}, {file: store.file_digest(file)}, by=ME
    )
    [backup] = written.backups
    refused = store.write_files(root, {file: b"id: a\nname: Three\n"}, {file: "stale"}, by=ME)
    draft = store.save_draft(root, file, "id: a\n", store.file_digest(file), 1, by=ME)
    for copy in (file, backup, *refused.refused_kept, draft):
        assert copy.stat().st_mode & 0o777 == 0o600, copy
    public = root / "catalog.yaml"
    public.chmod(0o644)
    [kept] = store.write_files(
        root, {public: b"agencies: []\n"}, {public: store.file_digest(public)}, by=ME
    ).backups
    assert kept.stat().st_mode & 0o777 == 0o644
