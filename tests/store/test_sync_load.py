"""sync and load on a real server: FalkorDB always, Neo4j when NEO4J_URI is set.

load(sync(w)) == w, re-syncing changes nothing, a changed or deleted journey leaves
nothing stale behind, and hostile text is stored as plain text.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from ple.graph.schema import NodeKind
from ple.model import Handoff, HandoffType, Transition, Workspace
from ple.store import StoreError, cypher, load, sync, write
from ple.store.records import catalog_rows, journey_rows
from tests.store.conftest import crashing_at
from tests.store.strategies import HOSTILE, workspaces

COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS n"
COUNT_ALL = "MATCH (n) RETURN count(n) AS n"


def count(connection, statement: str, **params) -> int:
    return connection.read(statement, params)[0]["n"]


def expected_counts(workspace: Workspace) -> tuple[int, int]:
    """Nodes (plus the Workspace node) and relationships the graph schema gives."""
    parts = [catalog_rows(workspace), *(journey_rows(j) for j in workspace.journeys.values())]
    return (sum(p.node_count for p in parts) + 1, sum(p.relationship_count for p in parts))


def replace_journey(workspace: Workspace, journey) -> Workspace:
    journeys = dict(workspace.journeys)
    journeys[journey.id] = journey
    return Workspace(
        agencies=workspace.agencies,
        programs=workspace.programs,
        data_items=workspace.data_items,
        journeys=journeys,
        settings=workspace.settings,
    )


@pytest.mark.parametrize("name", ["small", "data", "synthetic"])
def test_load_gives_back_what_was_synced(store, name, request):
    workspace = request.getfixturevalue(f"{name}_workspace")
    report = sync(workspace, store)
    assert sorted(report.journeys_written) == sorted(workspace.journeys)
    loaded = load(store)
    assert loaded == workspace
    # and in the files' order, so exports from the database list things the same way
    for collection in ("agencies", "programs", "data_items", "journeys"):
        assert list(getattr(loaded, collection)) == list(getattr(workspace, collection))
    nodes, relationships = expected_counts(workspace)
    assert count(store, COUNT_ALL) == nodes
    assert count(store, COUNT_RELATIONSHIPS) == relationships


def test_a_second_sync_changes_nothing(store, data_workspace):
    sync(data_workspace, store)
    before = (count(store, COUNT_ALL), count(store, COUNT_RELATIONSHIPS))
    again = sync(data_workspace, store)
    assert again.journeys_written == []
    assert sorted(again.journeys_unchanged) == sorted(data_workspace.journeys)
    assert (count(store, COUNT_ALL), count(store, COUNT_RELATIONSHIPS)) == before
    full = sync(data_workspace, store, full=True)
    assert sorted(full.journeys_written) == sorted(data_workspace.journeys)
    assert (count(store, COUNT_ALL), count(store, COUNT_RELATIONSHIPS)) == before
    assert load(store) == data_workspace


def test_a_changed_journey_leaves_nothing_stale(store, small_workspace):
    sync(small_workspace, store)
    journey = small_workspace.journeys["retirement"]
    # Drop the employer step (and every move to it), send another step to a new agency,
    # and make the remaining move a documented warm handoff.
    kept = [s for s in journey.steps if s.id != "get-l564"]
    steps = []
    for step in kept:
        moves = [t for t in step.next if t.to != "get-l564"]
        if step.id == "apply-retirement":
            moves = [Transition(to=t.to, handoff=Handoff(type=HandoffType.warm)) for t in moves]
        update = {"next": moves}
        if step.id == "enroll-part-b":
            update["agency"] = "hhs"
        steps.append(step.model_copy(update=update))
    changed = replace_journey(small_workspace, journey.model_copy(update={"steps": steps}))
    report = sync(changed, store)
    assert report.journeys_written == ["retirement"]
    assert load(store) == changed
    assert count(store, "MATCH (s:Step {journey: $j}) RETURN count(s) AS n", j="retirement") == len(
        steps
    )
    nodes, relationships = expected_counts(changed)
    assert (count(store, COUNT_ALL), count(store, COUNT_RELATIONSHIPS)) == (nodes, relationships)
    moved = "step:retirement/enroll-part-b"
    assert store.read(
        "MATCH (:Step {key: $key})-[:AT_AGENCY]->(a:Agency) RETURN a.id AS id", {"key": moved}
    ) == [{"id": "hhs"}]
    leaving = [
        r
        for rows in journey_rows(changed.journeys["retirement"]).relationships.values()
        for r in rows
        if r["source"] == moved
    ]
    assert count(store, "MATCH (:Step {key: $key})-[r]->() RETURN count(r) AS n", key=moved) == len(
        leaving
    )


def test_a_deleted_journey_and_catalog_item_are_removed(store, data_workspace):
    sync(data_workspace, store)
    gone = "having-a-child"
    journeys = {k: v for k, v in data_workspace.journeys.items() if k != gone}
    used = (
        {s.agency for j in journeys.values() for s in j.steps}
        | {j.lead_agency for j in journeys.values()}
        | {p.agency for p in data_workspace.programs.values()}
        | {a.parent for a in data_workspace.agencies.values()}
        | {t.agency for t in data_workspace.touchpoints.values()}
        | {a.agency for j in journeys.values() for s in j.steps for _, a in s.actions()}
    )
    unused = [a for a in data_workspace.agencies if a not in used]
    assert unused, "the bundled catalog has an agency only the removed journey uses"
    agencies = {k: v for k, v in data_workspace.agencies.items() if k != unused[0]}
    smaller = Workspace(
        agencies=agencies,
        programs=data_workspace.programs,
        data_items=data_workspace.data_items,
        journeys=journeys,
        settings=data_workspace.settings,
        touchpoints=data_workspace.touchpoints,
    )
    report = sync(smaller, store)
    assert report.journeys_removed == [gone]
    assert report.journeys_written == []
    assert load(store) == smaller
    for kind in (NodeKind.stage, NodeKind.step, NodeKind.persona):
        assert (
            count(
                store,
                f"MATCH (n:{cypher.label(kind)} {{journey: $j}}) RETURN count(n) AS n",
                j=gone,
            )
            == 0
        )
    assert count(store, COUNT_ALL) == expected_counts(smaller)[0]
    assert count(store, COUNT_RELATIONSHIPS) == expected_counts(smaller)[1]


def test_hostile_text_is_stored_as_plain_text(store, small_workspace):
    journey = small_workspace.journeys["retirement"]
    steps = [
        step.model_copy(
            update={
                "name": text,
                "description": text,
                "pain_points": [text, text[::-1]],
                "next": [t.model_copy(update={"condition": text}) for t in step.next],
            }
        )
        for step, text in zip(journey.steps, HOSTILE * 2, strict=False)
    ]
    agencies = {
        k: a.model_copy(update={"name": HOSTILE[i % len(HOSTILE)]})
        for i, (k, a) in enumerate(small_workspace.agencies.items())
    }
    hostile = Workspace(
        agencies=agencies,
        programs=small_workspace.programs,
        data_items=small_workspace.data_items,
        journeys={
            **small_workspace.journeys,
            "retirement": journey.model_copy(
                update={"name": HOSTILE[2], "steps": steps, "notes": "\n".join(HOSTILE)}
            ),
        },
        settings=small_workspace.settings,
    )
    sync(hostile, store)
    assert load(store) == hostile
    assert count(store, COUNT_ALL) == expected_counts(hostile)[0]
    for text in HOSTILE[: len(steps)]:
        assert count(store, "MATCH (s:Step {name: $name}) RETURN count(s) AS n", name=text) == 1, (
            text
        )


@settings(
    max_examples=int(os.environ.get("PLE_EXAMPLES", "60")) // 4,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(workspace=workspaces(exact=False))
@pytest.mark.falkordb
def test_generated_workspaces_round_trip(falkordb, workspace):
    """Every corner of the model, through a real server (floats as people write them:
    FalkorDB's replies carry 15 significant digits)."""
    from ple.store.write import clear

    clear(falkordb)
    sync(workspace, falkordb)
    assert load(falkordb) == workspace


def test_load_refuses_an_empty_database(store):
    with pytest.raises(StoreError, match="holds no ple workspace yet; write one with"):
        load(store)


def test_an_interrupted_sync_is_refused_then_repaired(store, small_workspace, monkeypatch):
    sync(small_workspace, store)
    changed = replace_journey(
        small_workspace,
        small_workspace.journeys["retirement"].model_copy(update={"name": "Retiring"}),
    )

    monkeypatch.setattr(write, "_run", crashing_at("[r:AT_AGENCY]"))
    with pytest.raises(StoreError, match="went away"):
        sync(changed, store)
    with pytest.raises(StoreError, match="has not finished"):
        load(store)
    monkeypatch.undo()
    report = sync(changed, store)
    assert "retirement" in report.journeys_written
    assert load(store) == changed


def test_keys_are_unique_and_indexed(store, small_workspace):
    sync(small_workspace, store)
    schema = "\n".join(store.schema())
    for kind in NodeKind:
        assert cypher.label(kind) in schema
    with pytest.raises(StoreError):
        store.write("CREATE (:Step {key: $key})", {"key": "step:retirement/apply-retirement"})


def test_a_database_from_a_newer_ple_is_left_alone(store, small_workspace):
    sync(small_workspace, store)
    store.write("MATCH (w:Workspace) SET w.format = $format", {"format": 99})
    with pytest.raises(StoreError, match="written by a newer ple"):
        sync(small_workspace, store)
    with pytest.raises(StoreError, match="written by a newer ple"):
        load(store)


def test_other_data_in_the_database_is_left_alone(store, small_workspace):
    """ple deletes only its own nodes and relationships: a note someone linked to a step
    survives a re-sync of that step's journey, and other labels are never touched."""
    sync(small_workspace, store)
    store.write(
        "MATCH (s:Step {key: $key}) CREATE (s)-[:MENTIONED_IN]->(:Memo {text: $text})",
        {"key": "step:retirement/apply-retirement", "text": "see the 2024 review"},
    )
    renamed = replace_journey(
        small_workspace,
        small_workspace.journeys["retirement"].model_copy(update={"name": "Retiring"}),
    )
    try:
        assert sync(renamed, store).journeys_written == ["retirement"]
        assert load(store) == renamed
        assert (
            count(
                store,
                "MATCH (:Step {key: $key})-[:MENTIONED_IN]->(m:Memo) RETURN count(m) AS n",
                key="step:retirement/apply-retirement",
            )
            == 1
        )
    finally:  # the test database's clean-up leaves other data alone too: remove it here
        store.write("MATCH (m:Memo) DETACH DELETE m")


def test_a_sync_started_meanwhile_wins_whole(store, data_workspace, synthetic_workspace):
    """A second sync runs from start to end between two journeys of a first one: the
    first stops at its next unit, and the database holds the second's workspace whole,
    nothing of the first's."""
    from ple.store import connect

    later: list = []

    def start_another(journey_id: str, steps: int) -> None:
        if not later:
            with_own = connect(store.config)
            try:
                later.append(sync(synthetic_workspace, with_own))
            finally:
                with_own.close()

    with pytest.raises(StoreError, match=r"another sync to .* started after this one"):
        sync(data_workspace, store, progress=start_another)
    assert later and sorted(later[0].journeys_written) == sorted(synthetic_workspace.journeys)
    assert load(store) == synthetic_workspace
    nodes, relationships = expected_counts(synthetic_workspace)
    assert (count(store, COUNT_ALL), count(store, COUNT_RELATIONSHIPS)) == (nodes, relationships)


def test_a_journey_larger_than_a_unit_is_written_in_several(
    store, synthetic_workspace, monkeypatch
):
    """Each journey of 150 steps (some 900 rows) in units of at most 200 rows: the same
    database; and interrupted after its first unit, the journey is incompletely written
    (no fingerprint), refused by load, and written whole by the next sync."""
    units: list[int] = []
    original = write._run

    def counting(run, plan):
        units.append(sum(statement.rows for statement in plan))
        return original(run, plan)

    monkeypatch.setattr(write, "_run", counting)
    sync(synthetic_workspace, store, batch_rows=50, unit_rows=200)
    assert max(units) <= 200 and len(units) > 4 * len(synthetic_workspace.journeys)
    assert load(store) == synthetic_workspace

    journey = next(iter(synthetic_workspace.journeys.values()))
    changed = replace_journey(synthetic_workspace, journey.model_copy(update={"name": "Moved"}))
    started: list[bool] = []

    def failing_in_the_second_unit(run, plan):
        if started:
            raise StoreError("the server went away")
        if any(cypher.UPSERT_NODES[NodeKind.journey] in statement.text for statement in plan):
            started.append(True)  # the journey's first unit: it replaces the journey node
        return original(run, plan)

    monkeypatch.setattr(write, "_run", failing_in_the_second_unit)
    with pytest.raises(StoreError, match="went away"):
        sync(changed, store, batch_rows=50, unit_rows=200)
    monkeypatch.setattr(write, "_run", original)
    fingerprints = {
        row["id"]: row["fingerprint"] for row in store.read(cypher.JOURNEY_FINGERPRINTS)
    }
    assert fingerprints[journey.id] is None
    with pytest.raises(StoreError, match="has not finished"):
        load(store)
    assert sync(changed, store).journeys_written == [journey.id]
    assert load(store) == changed


def test_an_unchanged_catalog_is_not_written_again(store, small_workspace, monkeypatch):
    """A re-sync writes nothing when nothing changed; a changed catalog is written; and a
    sync interrupted after writing a changed catalog leaves no fingerprint for it, so going
    back to the old files writes the old catalog again."""
    sync(small_workspace, store)
    assert sync(small_workspace, store).entities_written == 0
    agencies = {
        k: a.model_copy(update={"name": f"{a.name} (renamed)"})
        for k, a in small_workspace.agencies.items()
    }
    renamed = Workspace(
        agencies=agencies,
        programs=small_workspace.programs,
        data_items=small_workspace.data_items,
        journeys={
            **small_workspace.journeys,
            "retirement": small_workspace.journeys["retirement"].model_copy(update={"name": "R"}),
        },
        settings=small_workspace.settings,
    )
    monkeypatch.setattr(write, "_run", crashing_at("[r:AT_AGENCY]"))
    with pytest.raises(StoreError, match="went away"):
        sync(renamed, store)  # the catalog unit ran, the journey's did not end
    monkeypatch.undo()
    assert sync(small_workspace, store).nodes_written >= len(small_workspace.agencies)
    assert load(store) == small_workspace
