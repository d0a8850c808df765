"""Where each journey and catalog entry is written in a workspace's files.

The editor must find a journey even when it does not validate (fixing it is the
point), so files are read as plain documents here, not through the model: a journey
is a one-journey file (``id`` and ``steps`` at the top) or an item of a ``journeys``
list; catalog entries are items of ``agencies``, ``programs``, ``data_items``,
``touchpoints`` and ``sharing``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ple import limits
from ple.errors import KeyPath
from ple.io import find_files
from ple.io.files import Refused, read_bytes
from ple.io.parse import ParseFailure, decode, parse_fast
from ple.model.vocabulary import SLUG_PATTERN

CATALOG = ("agencies", "programs", "data_items", "touchpoints", "sharing")
BESIDE = ("settings",)
"""What else a one-journey file may carry beside the journey, kept as written when the
journey is edited (no table shows it)."""


@dataclass(frozen=True)
class Place:
    """A journey's file and its key path in it: ``()`` for a one-journey file."""

    file: Path
    path: KeyPath = ()


@dataclass(frozen=True)
class FoundJourney:
    id: str
    name: str
    place: Place
    document: dict[str, Any]
    """The journey as written (a plain dict), catalog collections beside it left out."""


def read_plain(file: Path) -> Any:
    """A file's parsed content, or None when it cannot be read or parsed."""
    try:
        return parse_fast(decode(read_bytes(file)), file.suffix)
    except (OSError, Refused, ParseFailure):
        return None


def journeys_in(file: Path, value: Any) -> Iterator[FoundJourney]:
    if not isinstance(value, dict):
        return
    if "id" in value and "steps" in value:
        document = {k: v for k, v in value.items() if k not in (*CATALOG, *BESIDE)}
        yield FoundJourney(
            str(value.get("id")), str(value.get("name") or value.get("id")), Place(file), document
        )
        return
    items = value.get("journeys")
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict) and "id" in item:
                yield FoundJourney(
                    str(item["id"]),
                    str(item.get("name") or item["id"]),
                    Place(file, ("journeys", index)),
                    dict(item),
                )


def find_journeys(root: Path) -> list[FoundJourney]:
    """Every journey written in the workspace, valid or not, in file order; an id written
    twice is listed twice (the loader reports it)."""
    found: list[FoundJourney] = []
    for file in find_files(root) if root.exists() else []:
        found.extend(journeys_in(file, read_plain(file)))
    return found


@dataclass(frozen=True)
class CatalogFile:
    """A file holding catalog collections, with their items as written."""

    file: Path
    collections: dict[str, list[Any]]


def find_catalog(root: Path) -> list[CatalogFile]:
    """Every file that holds catalog collections (agencies, ..., sharing), in file order."""
    found = []
    for file in find_files(root) if root.exists() else []:
        value = read_plain(file)
        if not isinstance(value, dict):
            continue
        collections = {key: value[key] for key in CATALOG if isinstance(value.get(key), list)}
        if collections:
            found.append(CatalogFile(file, collections))
    return found


def journey_file_name(journey_id: str) -> str:
    """The name of a new journey's file: ``<id>.yaml``. An id that is not a valid one
    (too long, or not a slug; the loader reports it) still gets a name every file
    system takes: the slug of what it can keep and a short hash, so that placing such
    a journey reports the id instead of failing with "File name too long"."""
    if re.fullmatch(SLUG_PATTERN, journey_id) and len(journey_id) <= limits.ID_LENGTH.value:
        return f"{journey_id}.yaml"
    stem = re.sub(r"[^a-z0-9]+", "-", journey_id.lower()).strip("-")[:60] or "journey"
    return f"{stem}-{hashlib.sha256(journey_id.encode()).hexdigest()[:8]}.yaml"


def journey_folder(root: Path, journeys: list[FoundJourney]) -> Path:
    """Where a new journey file goes: beside most existing journey files (``ples/`` in
    the bundled layout), else the workspace folder."""
    folder = root if root.is_dir() else root.parent
    counts: dict[Path, int] = {}
    for journey in journeys:
        if not journey.place.path:
            counts[journey.place.file.parent] = counts.get(journey.place.file.parent, 0) + 1
    if not counts:
        return folder / "ples" if root.is_dir() else folder
    return max(sorted(counts), key=lambda f: counts[f])
