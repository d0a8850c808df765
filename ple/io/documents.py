"""Turn one parsed file into validated model objects, or problems with key paths.

A file holds catalog collections (``agencies``, ``programs``, ``data_items``)
and journeys, either under ``journeys`` or as the file itself when its top level
has ``id`` and ``steps``. Each object is validated on its own, so one bad step
does not hide the problems of the next journey. Problems carry key paths only;
the loader turns paths into line numbers when, and only when, there are problems.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from ple.errors import KeyPath, Problem, Severity
from ple.io.suggest import did_you_mean
from ple.model import Agency, DataItem, Journey, Program
from ple.model.vocabulary import SLUG_PATTERN

COLLECTIONS: dict[str, type[BaseModel]] = {
    "agencies": Agency,
    "programs": Program,
    "data_items": DataItem,
    "journeys": Journey,
}
"""Top-level keys a workspace file may hold, and the model of their items."""

CATALOG_KEYS = ("agencies", "programs", "data_items")


@dataclass(frozen=True)
class Entry:
    """One validated object and where it sits in its file."""

    kind: str
    item: Any
    path: KeyPath


@dataclass
class FileContent:
    """What one file contributes to a workspace."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_document(value: Any, file: str) -> FileContent:
    """Validate one parsed document. Never raises for bad data."""
    content = FileContent()
    if value is None:
        content.problems.append(
            Problem(file, "file is empty", severity=Severity.warning, code="empty-file")
        )
        return content
    if not isinstance(value, dict):
        content.problems.append(
            Problem(
                file,
                "the top level must be a mapping with agencies, programs, data_items or "
                f"journeys, or one journey with id and steps; found a {_kind_of(value)}",
                code="not-a-mapping",
            )
        )
        return content
    if "id" in value and "steps" in value:
        journey = {k: v for k, v in value.items() if k not in CATALOG_KEYS}
        _validate_item(content, file, "journeys", journey, ())
        for key in CATALOG_KEYS:
            if key in value:
                _validate_collection(content, file, key, value[key])
        return content
    for key, items in value.items():
        if key in COLLECTIONS:
            _validate_collection(content, file, key, items)
            continue
        hint = did_you_mean(key, COLLECTIONS)
        if not hint and key in Journey.model_fields:
            hint = " (a file that is one journey needs both 'id' and 'steps' at the top level)"
        content.problems.append(
            Problem(file, f"unknown top-level key {key!r}{hint}", path=(key,), value=key,
                    code="unknown-field")
        )
    return content


def _kind_of(value: Any) -> str:
    return {list: "list", str: "string"}.get(type(value), type(value).__name__)


def _validate_collection(content: FileContent, file: str, key: str, items: Any) -> None:
    if not isinstance(items, list):
        content.problems.append(
            Problem(file, f"{key} must be a list, found a {_kind_of(items)}", path=(key,),
                    code="not-a-list")
        )
        return
    for index, item in enumerate(items):
        _validate_item(content, file, key, item, (key, index))


def _validate_item(
    content: FileContent, file: str, kind: str, item: Any, path: KeyPath
) -> None:
    model = COLLECTIONS[kind]
    try:
        content.entries.append(Entry(kind, model.model_validate(item), path))
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            content.problems.append(_problem_from(file, model, path, detail))


def _problem_from(file: str, model: type[BaseModel], prefix: KeyPath, detail: Any) -> Problem:
    """Reword one pydantic error for a person editing YAML, keeping its key path."""
    loc: KeyPath = tuple(p for p in detail["loc"] if p != "[key]")
    kind, given = detail["type"], detail.get("input")
    message = detail["msg"]
    if kind == "extra_forbidden":
        message = f"unknown field {loc[-1]!r}{did_you_mean(loc[-1], _fields_at(model, loc[:-1]))}"
        given = loc[-1]
    elif kind == "missing":
        message = f"missing required field {loc[-1]!r}"
        given = None
    elif kind == "string_pattern_mismatch":
        message = _pattern_message(detail["ctx"]["pattern"], given)
    elif kind == "enum":
        allowed = re.findall(r"'([^']*)'", detail["ctx"]["expected"])
        message = f"{given!r} is not one of: {', '.join(allowed)}{did_you_mean(given, allowed)}"
    elif _is_scalar(given):
        message = f"{message}, got {given!r}"
    return Problem(
        file, message, path=(*prefix, *loc), value=given if _is_scalar(given) else None,
        code=kind.replace("_", "-"),
    )


def _pattern_message(pattern: str, given: Any) -> str:
    if pattern == SLUG_PATTERN:
        return f"{given!r} is not a valid id: use lowercase letters, digits and hyphens"
    if "[a-z]{2,3}" in pattern:
        return f"{given!r} is not a language tag such as 'en', 'es' or 'zh-Hant'"
    return f"{given!r} should be lowercase words joined by underscores, e.g. 'screen_reader'"


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _fields_at(model: type[BaseModel], loc: KeyPath) -> list[str]:
    """The field names of the model found at ``loc`` below ``model``, for suggestions."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if not (isinstance(part, str) and part in annotation.model_fields):
                return []
            annotation = annotation.model_fields[part].annotation
        elif typing.get_origin(annotation) is list:
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
        else:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip ``X | None`` and ``Annotated[X, ...]`` down to X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin in (Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation
