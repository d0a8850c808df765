"""Shared material for the export tests: workspaces, a hostile journey and small readers."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import yaml

from ple.export import Artifact, export_journey
from ple.io import load_workspace
from ple.model import Workspace
from tests.conftest import DATA, SMALL

PAYLOADS = [
    "<script>alert(1)</script>",
    '"quotes"',
    "'single'",
    "&amp; &",
    "[brackets] {braces} (parens)",
    "a --> b",
    ";",
    "#",
    ":",
    "|",
    "%%",
    "two\nlines",
    "$5 and $10",
    "![x](http://evil.example/x.png)",
    "[Re-enter your PIV PIN](javascript:alert(1))",
    "http://evil.example/pin",
    "=1+2",
    "-3",
    "@SUM(A1)",
    "\tTab",
]
HOSTILE = " ".join(PAYLOADS)
"""Every character that has meant trouble in one export format or another, in one string."""

JOURNEYS = [
    ("small_ws", "retirement"),
    ("small_ws", "retirement-future"),
    ("hostile_ws", "hostile"),
    *(
        ("bundled_ws", j)
        for j in [
            "approaching-retirement",
            "facing-a-financial-shock",
            "having-a-child",
            "losing-a-loved-one",
            "recovering-from-a-disaster",
            "transitioning-to-civilian-life",
        ]
    ),
]
"""(workspace fixture, journey id) of every journey the reader tests read back."""

TEXT_FORMATS = ["html", "mermaid", "drawio", "graphml", "json", "csv", "md"]
"""The formats written as UTF-8 text (the images are tested in test_swimlane.py)."""


def hostile(tag: str) -> str:
    """The hostile text, told apart by ``tag`` (so a label can be traced to its field)."""
    return f"{tag} {HOSTILE}"


HOSTILE_CATALOG = {
    "agencies": [
        # One agency is labelled by its acronym in diagrams, the other by its name.
        {"id": "ssa", "name": hostile("Agency A"), "acronym": hostile("AA")},
        {"id": "cms", "name": hostile("Agency B")},
    ],
    "programs": [{"id": "benefits", "name": hostile("Program"), "agency": "ssa"}],
    "data_items": [{"id": "ssn", "name": hostile("Item"), "kind": "fact"}],
}
HOSTILE_JOURNEY = {
    "id": "hostile",
    "name": hostile("Journey"),
    "trigger": hostile("Trigger"),
    "outcome": hostile("Outcome"),
    "stages": [{"id": "one", "name": hostile("Stage")}],
    "steps": [
        {
            "id": "first",
            "name": hostile("Step 1"),
            "stage": "one",
            "agency": "ssa",
            "program": "benefits",
            "requests": ["ssn"],
            "forms": [hostile("Form")],
            "pain_points": [hostile("Pain 1"), hostile("Pain 2")],
            "burden": {"minutes": 0, "wait_days": 3},
            "next": [
                {
                    "to": "second",
                    "condition": hostile("Condition 1"),
                    "handoff": {"type": "warm", "shares": ["ssn"], "note": hostile("Note")},
                },
                {"to": "third", "condition": hostile("Condition 2")},
            ],
        },
        {
            "id": "second",
            "name": hostile("Step 2"),
            "agency": "cms",
            "pain_points": [hostile("Pain 3")],
            "next": [
                {
                    "to": "third",
                    "condition": hostile("Condition 3"),
                    "handoff": {"type": "cold", "note": hostile("Note 2")},
                }
            ],
        },
        {"id": "third", "name": hostile("Step 3"), "agency": "ssa", "end": True},
    ],
}


def write_hostile(folder: Path) -> Path:
    """Write the hostile workspace under ``folder`` (YAML quoting left to PyYAML)."""
    (folder / "journeys").mkdir(parents=True, exist_ok=True)
    (folder / "catalog.yaml").write_text(
        yaml.safe_dump(HOSTILE_CATALOG, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    (folder / "journeys" / "hostile.yaml").write_text(
        yaml.safe_dump(HOSTILE_JOURNEY, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


def write_hostile_pair(folder: Path) -> Path:
    """The hostile journey and a hostile proposal for it (``hostile-future``) that drops
    its second step, adds one and makes the first handoff automatic: every table of a
    comparison has hostile text."""
    future = copy.deepcopy(HOSTILE_JOURNEY)
    future.update(id="hostile-future", name=hostile("Proposal"), state="future", baseline="hostile")
    first, _, third = future["steps"]
    first["next"][0] = {"to": "new", "handoff": {"type": "automatic", "shares": ["ssn"]}}
    future["steps"] = [
        first,
        {
            "id": "new",
            "name": hostile("New step"),
            "agency": "cms",
            "requests": ["ssn"],
            "next": [{"to": "third"}],
        },
        third,
    ]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "catalog.yaml").write_text(yaml.safe_dump(HOSTILE_CATALOG), encoding="utf-8")
    for journey in (HOSTILE_JOURNEY, future):
        (folder / f"{journey['id']}.yaml").write_text(yaml.safe_dump(journey), encoding="utf-8")
    return folder


def load(path: Path) -> Workspace:
    """A valid workspace, read without the cache (session fixtures outlive the cache dir)."""
    result = load_workspace(path, use_cache=False)
    assert result.ok, [str(p) for p in result.problems]
    return result.workspace


def load_small() -> Workspace:
    return load(SMALL)


def load_bundled() -> Workspace:
    return load(DATA)


def main_artifacts(workspace: Workspace, journey_id: str, fmt: str) -> list[Artifact]:
    """The export's own files, without a picture it links to (those have a ``filename``)."""
    return [a for a in export_journey(workspace, journey_id, fmt) if a.filename is None]


def export_text(workspace: Workspace, journey_id: str, fmt: str, suffix: str = "") -> str:
    """The one text file of ``fmt`` with ``suffix`` (``.transitions`` for the CSV ones)."""
    [artifact] = [a for a in main_artifacts(workspace, journey_id, fmt) if a.suffix == suffix]
    return artifact.data.decode("utf-8")


_ENTITY = re.compile(r"#(?:\d+|[a-z]+);")


def without_mermaid_entities(label: str) -> str:
    """A Mermaid label with its ``#code;`` entities taken out, to look for raw characters."""
    return _ENTITY.sub("", label)
