"""Only editors change a workspace, and the history says who saved what.

The check is in the file store and the save path, not in a page: every way the Edit page
(or ``ple import xlsx``) writes is tried here as a viewer, without a UI, and must leave
every byte of the workspace as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ple.edit import catalog as edit_catalog
from ple.edit import incoming, store
from ple.edit import journey as edit_journey
from ple.edit.commit import Outcome
from ple.io import load_workspace
from ple.signin import NOT_SIGNED_IN, Person, Role

EDITOR = Person("Eddie Editor", "eddie@cx.agency.gov", Role.editor, signed_in=True)
VIEWER = Person("Vera Viewer", "vera@cx.agency.gov", Role.viewer, signed_in=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the workspace, hidden folders included."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def renamed(workspace: Path, name: str = "Check the estimate online"):
    edit = edit_journey.open_journey(workspace, "retirement")
    edit.tables["Steps"][0]["name"] = name
    return edit


@pytest.mark.parametrize("who", [VIEWER, NOT_SIGNED_IN], ids=["viewer", "not signed in"])
def test_a_journey_save_by_a_viewer_is_refused_and_touches_nothing(workspace, who):
    before = snapshot(workspace)
    saved = edit_journey.save(renamed(workspace), load_workspace(workspace), by=who)
    assert saved.outcome is Outcome.not_allowed
    assert saved.message.startswith("Only editors can save")
    assert snapshot(workspace) == before


def test_every_other_write_of_a_viewer_is_refused_too(workspace):
    loaded = load_workspace(workspace)
    journey_file = workspace / "journeys" / "retirement.yaml"
    store.save_draft(
        workspace, journey_file, "id: retirement\n", store.file_digest(journey_file), 1, by=EDITOR
    )  # something for the viewer to try to discard
    store.write_files(
        workspace,
        {journey_file: journey_file.read_bytes() + b"# two\n"},
        {journey_file: store.file_digest(journey_file)},
        by=EDITOR,
    )
    [version] = store.list_versions(workspace, journey_file)
    before = snapshot(workspace)

    assert (
        edit_journey.save(renamed(workspace, "x"), loaded, by=VIEWER, as_draft=True).outcome
        is Outcome.not_allowed
    )
    assert (
        edit_journey.save_as_new(renamed(workspace), loaded, "mine", by=VIEWER)[1].outcome
        is Outcome.not_allowed
    )
    assert edit_journey.delete(renamed(workspace), by=VIEWER).not_allowed
    catalog = edit_catalog.open_catalog(workspace)
    catalog.tables["Agencies"][0]["name"] = "Renamed"
    assert edit_catalog.save(catalog, loaded, by=VIEWER).outcome is Outcome.not_allowed
    assert (
        edit_catalog.add_entry(workspace, "agencies", "Peace Corps", loaded, by=VIEWER)[0].outcome
        is Outcome.not_allowed
    )
    upload = incoming.plan(
        workspace,
        incoming.read_incoming(
            "new.yaml",
            b"id: new\nname: New\nsteps:\n  - {id: s, name: S, agency: ssa, end: true}\n",
        ),
    )
    assert upload.ok and incoming.commit_plan(upload, by=VIEWER).outcome is Outcome.not_allowed
    assert store.restore(workspace, version, journey_file, by=VIEWER).not_allowed
    assert store.write_files(workspace, {journey_file: b"x"}, {}, by=VIEWER).not_allowed
    with pytest.raises(store.NotAllowed):
        store.discard_draft(workspace, journey_file, by=VIEWER)
    with pytest.raises(store.NotAllowed):
        store.save_draft(workspace, journey_file, "x", None, 0, by=VIEWER)

    assert snapshot(workspace) == before


def test_an_editors_save_is_recorded_with_their_name(workspace):
    file = workspace / "journeys" / "retirement.yaml"
    first = edit_journey.save(renamed(workspace), load_workspace(workspace), by=EDITOR)
    assert first.outcome is Outcome.saved, first.message

    [save] = store.list_saves(workspace, file)
    assert (save.action, save.by, save.email, save.signed_in) == (
        "saved",
        "Eddie Editor",
        "eddie@cx.agency.gov",
        True,
    )
    assert save.sha256 == store.file_digest(file)
    assert store.current_author(workspace, file).who == "Eddie Editor <eddie@cx.agency.gov>"

    ana = Person("Ana Lopez", "ana@cx.agency.gov", Role.editor, signed_in=True)
    second = edit_journey.save(
        renamed(workspace, "Check it again"), load_workspace(workspace), by=ana
    )
    assert second.outcome is Outcome.saved, second.message
    assert store.current_author(workspace, file).by == "Ana Lopez"
    # The version Ana's save replaced is the one Eddie saved, and says so.
    newest = store.list_versions(workspace, file)[0]
    assert newest.author is not None and newest.author.by == "Eddie Editor"


def test_the_record_is_one_json_object_a_line_beside_the_versions(workspace):
    file = workspace / "journeys" / "retirement.yaml"
    edit_journey.save(renamed(workspace), load_workspace(workspace), by=EDITOR)
    record = workspace / ".ple-history" / "journeys" / "retirement.yaml" / "saves.jsonl"
    [line] = record.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) | {"at": None} == {
        "at": None,
        "action": "saved",
        "by": "Eddie Editor",
        "email": "eddie@cx.agency.gov",
        "signed_in": True,
        "sha256": store.file_digest(file),
    }
    assert load_workspace(workspace).ok  # the loader skips the history, record and all


def test_a_refused_save_and_a_removal_are_recorded_too(workspace):
    file = workspace / "journeys" / "retirement.yaml"
    stale = store.file_digest(file)
    file.write_bytes(file.read_bytes() + b"# a colleague's text editor\n")
    refused = store.write_files(workspace, {file: b"id: mine\n"}, {file: stale}, by=EDITOR)
    assert refused.conflicts
    [kept] = store.list_versions(workspace, file)
    assert kept.refused and kept.author is not None and kept.author.by == "Eddie Editor"
    # A file changed by another program has no recorded author.
    assert store.current_author(workspace, file) is None

    removed = store.write_files(workspace, {file: None}, {file: store.file_digest(file)}, by=EDITOR)
    assert removed.removed == [file]
    assert [s.action for s in store.list_saves(workspace, file)] == ["removed", "refused"]


def test_a_damaged_record_line_is_skipped_not_fatal(workspace):
    file = workspace / "journeys" / "retirement.yaml"
    edit_journey.save(renamed(workspace), load_workspace(workspace), by=EDITOR)
    record = store.history_folder(workspace, file) / store.SAVES
    record.write_text(
        "{not json\n[1]\n{}\n"
        + record.read_text(encoding="utf-8")
        + '{"at": "2099-01-01T00:00:00", "action": "saved", "by": "By hand"}\n',
        encoding="utf-8",
    )  # a time without a zone is taken as UTC
    assert [s.by for s in store.list_saves(workspace, file)] == ["By hand", "Eddie Editor"]


def test_drafts_say_who_kept_them(workspace):
    file = workspace / "journeys" / "retirement.yaml"
    saved = edit_journey.save(
        renamed(workspace, ""), load_workspace(workspace), by=EDITOR, as_draft=True
    )
    assert saved.outcome is Outcome.draft, saved.message
    assert store.draft_for(workspace, file).by == "Eddie Editor <eddie@cx.agency.gov>"
