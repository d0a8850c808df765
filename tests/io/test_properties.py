"""Property tests: generated workspaces load; corrupted ones give located errors.

They also hold the two paths of the loader to the same verdict: the fast path
(Rust parser, positions found afterwards) and the located path (PyYAML marks on
every file) must accept and reject exactly the same files with the same problems.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ple.errors import Severity
from ple.graph import build_graph
from ple.io import load_workspace
from ple.io.parse import ParseFailure, parse_located

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
# A leading word keeps names from reading as numbers: PyYAML's dumper writes YAML 1.1
# and leaves "0E0" unquoted, which YAML 1.2 (our dialect) reads as a float.
names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20).map(
    lambda text: f"Name {text}".strip()
)
CHANNELS = ["online", "phone", "in_person", "mail", "email", "chat", "automatic"]


@st.composite
def workspaces(draw: st.DrawFn) -> dict:
    """A valid workspace as one dict of collections; journeys reference the catalog."""
    agencies = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    items = draw(st.lists(slugs, max_size=4, unique=True))
    journeys = []
    for journey_id in draw(st.lists(slugs, min_size=1, max_size=3, unique=True)):
        step_ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
        steps = []
        for index, step_id in enumerate(step_ids):
            step: dict = {
                "id": step_id,
                "name": draw(names),
                "agency": draw(st.sampled_from(agencies)),
            }
            if draw(st.booleans()):
                step["channels"] = draw(st.lists(st.sampled_from(CHANNELS), max_size=3))
            if items and draw(st.booleans()):
                step["requests"] = draw(st.lists(st.sampled_from(items), max_size=3))
            if draw(st.booleans()):
                step["burden"] = {
                    "minutes": draw(st.integers(0, 600)),
                    "wait_days": draw(st.floats(0, 90)),
                }
            if draw(st.booleans()):
                step["sentiment"] = draw(st.integers(-2, 2))
            later = step_ids[index + 1 :]
            if later:
                targets = draw(
                    st.lists(st.sampled_from(later), min_size=1, max_size=2, unique=True)
                )
                step["next"] = [
                    {
                        "to": t,
                        **(
                            {
                                "handoff": {
                                    "type": draw(
                                        st.sampled_from(["automatic", "warm", "referral", "cold"])
                                    )
                                }
                            }
                            if draw(st.booleans())
                            else {}
                        ),
                    }
                    for t in targets
                ]
            else:
                step["end"] = True
            steps.append(step)
        journeys.append({"id": journey_id, "name": draw(names), "steps": steps})
    return {
        "agencies": [{"id": a, "name": a.upper()} for a in agencies],
        "data_items": [{"id": i, "name": i} for i in items],
        "journeys": journeys,
    }


def documents_of(workspace: dict) -> dict[str, object]:
    """File stem -> document: one catalog file and one file per journey."""
    documents: dict[str, object] = {
        "catalog": {k: workspace[k] for k in ("agencies", "data_items")}
    }
    for index, journey in enumerate(workspace["journeys"]):
        documents[f"journey-{index}"] = journey
    return documents


def write_files(folder: Path, documents: dict[str, object], as_json: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    dump = (
        (lambda d: json.dumps(d, indent=1, ensure_ascii=False))
        if as_json
        else (lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False))
    )
    suffix = ".json" if as_json else ".yaml"
    for stem, document in documents.items():
        (folder / f"{stem}{suffix}").write_text(dump(document), encoding="utf-8")


def both_paths(folder: Path):
    fast = load_workspace(folder, use_cache=False)
    located = load_workspace(folder, use_cache=False, located=True)
    return fast, located


def comparable(result) -> list[tuple]:
    return sorted((p.file, p.field, p.message, p.line) for p in result.problems)


EXAMPLES = int(os.environ.get("PLE_EXAMPLES", "60"))  # raise it locally for a deeper search
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(workspace=workspaces(), as_json=st.booleans())
def test_generated_workspaces_load_and_build(tmp_path, workspace, as_json):
    folder = tmp_path / "ws"
    write_files(folder, documents_of(workspace), as_json)
    fast, located = both_paths(folder)
    assert fast.ok, fast.problems
    assert located.ok
    assert fast.workspace == located.workspace
    graph = build_graph(fast.workspace)
    steps = sum(len(j["steps"]) for j in workspace["journeys"])
    assert sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "step") == steps


JUNK = [None, -1, 3, 1.5, "", "Not A Slug!", "fax", [], ["x"], {}, {"unknown": 1}, True]


def corrupt_value(rng: random.Random, document: object) -> None:
    """Replace, delete or add one entry somewhere inside ``document``."""
    containers = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            containers.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            containers.append(node)
            for value in node:
                walk(value)

    walk(document)
    target = rng.choice(containers)
    if isinstance(target, dict):
        if not target or rng.random() < 0.2:
            target[rng.choice(["chanels", "agency", "ennd", "to"])] = rng.choice(JUNK)
        elif rng.random() < 0.3:
            del target[rng.choice(list(target))]
        else:
            target[rng.choice(list(target))] = rng.choice(JUNK)
    elif target:
        target[rng.randrange(len(target))] = rng.choice(JUNK)
    else:
        target.append(rng.choice(JUNK))


def corrupt_text(rng: random.Random, text: str) -> str:
    """Damage the text itself: cut it, or insert YAML punctuation."""
    at = rng.randrange(len(text) + 1)
    if rng.random() < 0.3:
        return text[:at]
    return (
        text[:at]
        + rng.choice(
            [
                "[",
                "]",
                "{",
                ":",
                "- ",
                "\t",
                "&a ",
                "*a",
                "'",
                '"',
                "\n  ",
                "#",
                "!x ",
                "---\n",
                "?",
            ]
        )
        + text[at:]
    )


@SETTINGS
@given(
    workspace=workspaces(),
    seed=st.integers(0, 2**32 - 1),
    as_json=st.booleans(),
    damage=st.sampled_from(["value", "text"]),
)
def test_corrupted_workspaces_give_located_errors_never_exceptions(
    tmp_path, workspace, seed, as_json, damage
):
    rng = random.Random(seed)
    folder = tmp_path / "ws"
    documents = documents_of(workspace)
    if damage == "value":
        corrupt_value(rng, documents[rng.choice(sorted(documents))])
        write_files(folder, documents, as_json)
    else:
        write_files(folder, documents, as_json)
        victim = rng.choice(sorted(folder.iterdir()))
        victim.write_text(corrupt_text(rng, victim.read_text(encoding="utf-8")), encoding="utf-8")
    fast, located = both_paths(folder)
    assert fast.ok == located.ok
    assert comparable(fast) == comparable(located)
    for problem in fast.problems:
        if problem.severity is Severity.error and problem.path and problem.line is None:
            # Only where PyYAML cannot read what the YAML 1.2 parser accepted.
            text = Path(problem.file).read_text(encoding="utf-8")
            with pytest.raises(ParseFailure):
                parse_located(text, Path(problem.file).suffix)
