"""The file store writes only inside the workspace, and never lets two saves both win.

A draft in ``.ple-drafts/`` that names ``../x.yaml`` as its target, or a history folder
that is a symlink to elsewhere, once made a save write outside the workspace. Two saves
less than about 50 ms apart were both told "Saved", and one edit was lost.
"""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from ple.edit import store
from ple.signin import local_person

ME = local_person()
"""The person running the tests: an editor, as in local use."""

JOURNEY = b"id: a\nname: A\nsteps:\n  - {id: s, name: S, agency: ssa, end: true}\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    (folder / "ples").mkdir(parents=True)
    (folder / "catalog.yaml").write_text("agencies:\n  - {id: ssa, name: SSA}\n")
    (folder / "ples" / "a.yaml").write_bytes(JOURNEY)
    return folder


# --- inside the workspace only ---------------------------------------------------------


def test_a_path_outside_the_workspace_is_refused_and_nothing_is_written(root, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    inside = root / "ples" / "b.yaml"
    written = store.write_files(
        root, {inside: b"id: b\n", outside: b"x: 1\n"}, {inside: None, outside: None}, by=ME
    )
    assert not written.ok and written.outside == [outside]
    assert not outside.exists() and not inside.exists()


def test_a_dot_dot_path_is_outside_too(root, tmp_path):
    sneaky = root / "ples" / ".." / ".." / "sneaky.yaml"
    written = store.write_files(root, {sneaky: b"x: 1\n"}, {sneaky: None}, by=ME)
    assert written.outside == [sneaky] and not (tmp_path / "sneaky.yaml").exists()


def test_a_symlinked_folder_that_leads_out_is_outside(root, tmp_path):
    (tmp_path / "target").mkdir()
    (root / "linked").symlink_to(tmp_path / "target")
    written = store.write_files(
        root, {root / "linked" / "j.yaml": b"x: 1\n"}, {root / "linked" / "j.yaml": None}, by=ME
    )
    assert not written.ok and not (tmp_path / "target" / "j.yaml").exists()


def test_a_history_folder_that_is_a_symlink_out_is_never_written_through(root, tmp_path):
    (tmp_path / "captured").mkdir()
    (root / ".ple-history").symlink_to(tmp_path / "captured")
    file = root / "ples" / "a.yaml"
    with pytest.raises(store.OutsideWorkspace):
        store.write_files(
            root, {file: JOURNEY + b"# two\n"}, {file: store.file_digest(file)}, by=ME
        )
    assert list((tmp_path / "captured").iterdir()) == []
    assert file.read_bytes() == JOURNEY


@pytest.mark.parametrize(
    "target", ["../escaped.yaml", "/tmp/escaped.yaml", "ples/../../escaped.yaml"]
)
def test_a_planted_draft_with_a_target_outside_is_not_offered(root, target):
    planted = root / ".ple-drafts" / "evil.yaml"
    planted.parent.mkdir()
    planted.write_text(f"#ple-draft: target {target}\n#ple-draft: base new-file\nx: 1\n")
    with pytest.raises(store.OutsideWorkspace):
        store.read_draft(root, planted)
    assert store.list_drafts(root) == []


def test_a_draft_with_an_ordinary_target_is_still_read(root):
    store.save_draft(root, root / "ples" / "a.yaml", "id: a\n", None, 1, by=ME)
    assert [d.target for d in store.list_drafts(root)] == [root / "ples" / "a.yaml"]


# --- one save at a time ----------------------------------------------------------------


def _save(root: str, text: bytes, base: str | None, start, results) -> None:
    """One saver: wait for the other, then save ``text`` over the version it began from."""
    file = Path(root) / "ples" / "a.yaml"
    start.wait()
    written = store.write_files(Path(root), {file: text}, {file: base}, by=ME)
    results.put((text, written.ok, bool(written.conflicts), len(written.refused_kept)))


def _race(root: Path, start_saver) -> list[tuple[bytes, bool, bool, int]]:
    file = root / "ples" / "a.yaml"
    base = store.file_digest(file)
    mine, theirs = JOURNEY + b"# mine\n", JOURNEY + b"# theirs\n"
    return start_saver(str(root), [mine, theirs], base)


def _with_processes(root: str, texts: list[bytes], base: str | None):
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(len(texts)), context.Queue()
    savers = [context.Process(target=_save, args=(root, t, base, start, results)) for t in texts]
    for saver in savers:
        saver.start()
    outcomes = [results.get(timeout=60) for _ in savers]
    for saver in savers:
        saver.join(timeout=60)
    return outcomes


def _with_threads(root: str, texts: list[bytes], base: str | None):
    import queue

    start, results = threading.Barrier(len(texts)), queue.Queue()
    savers = [threading.Thread(target=_save, args=(root, t, base, start, results)) for t in texts]
    for saver in savers:
        saver.start()
    for saver in savers:
        saver.join(timeout=60)
    return [results.get_nowait() for _ in savers]


@pytest.mark.parametrize(
    "start_saver", [_with_processes, _with_threads], ids=["two processes", "two threads"]
)
def test_of_two_saves_at_once_exactly_one_wins_and_no_version_is_lost(root, start_saver):
    file = root / "ples" / "a.yaml"
    for _ in range(5 if start_saver is _with_processes else 20):
        before = file.read_bytes()
        outcomes = _race(root, start_saver)
        winners = [text for text, ok, _, _ in outcomes if ok]
        losers = [(text, conflict, kept) for text, ok, conflict, kept in outcomes if not ok]
        assert len(winners) == 1 and len(losers) == 1, outcomes
        assert losers[0][1:] == (True, 1)  # refused as a conflict, its content kept
        assert file.read_bytes() == winners[0]
        kept = [v.file.read_bytes() for v in store.list_versions(root, file)]
        assert before in kept and losers[0][0] in kept
        file.write_bytes(JOURNEY)  # the next round starts from the same version again


def test_a_refused_save_is_marked_in_the_history(root):
    file = root / "ples" / "a.yaml"
    stale = store.file_digest(file)
    file.write_bytes(JOURNEY + b"# a colleague\n")
    written = store.write_files(root, {file: JOURNEY + b"# mine\n"}, {file: stale}, by=ME)
    assert written.conflicts and written.refused_kept
    [version] = store.list_versions(root, file)
    assert version.refused and version.file.read_bytes() == JOURNEY + b"# mine\n"
