"""Turn one parsed file into validated model objects, or problems with key paths.

A file holds catalog collections (``agencies``, ``programs``, ``data_items``)
and journeys, either under ``journeys`` or as the file itself when its top level
has ``id`` and ``steps``. Each object is validated on its own, so one bad step
does not hide the problems of the next journey. Problems carry key paths only;
the loader turns paths into line numbers when, and only when, there are problems.
"""

from __future__ import annotations

import copy
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from ple import limits
from ple.errors import KeyPath, Problem, Severity, shown
from ple.io.suggest import did_you_mean
from ple.model import (
    Agency,
    DataItem,
    Journey,
    Opportunity,
    Program,
    Settings,
    Sharing,
    Touchpoint,
)
from ple.model.vocabulary import (
    ACCOMMODATION_PATTERN,
    COLOUR_PATTERN,
    LANGUAGE_PATTERN,
    LISTING_PATTERN,
    OMB_CONTROL_PATTERN,
    SLUG_PATTERN,
)

COLLECTIONS: dict[str, type[BaseModel]] = {
    "agencies": Agency,
    "programs": Program,
    "data_items": DataItem,
    "sharing": Sharing,
    "touchpoints": Touchpoint,
    "journeys": Journey,
    "opportunities": Opportunity,
}
"""Top-level keys a workspace file may hold, and the model of their items."""

CATALOG_KEYS = ("agencies", "programs", "data_items", "sharing", "touchpoints")

SETTINGS_KEY = "settings"
"""A mapping, not a list: the workspace's gap-rule thresholds (at most one file has it)."""

SIDE_KEYS = (*CATALOG_KEYS, SETTINGS_KEY)
"""What a one-journey file may carry beside the journey."""


@dataclass(frozen=True)
class Entry:
    """One validated object and where it sits in its file."""

    kind: str
    item: Any
    path: KeyPath
    partial: bool = False
    """True when invalid parts were left out so its references could still be checked."""


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
        journey = {k: v for k, v in value.items() if k not in SIDE_KEYS}
        _validate_item(content, file, "journeys", journey, ())
        for key in SIDE_KEYS:
            if key in value:
                _validate_part(content, file, key, value[key])
        return content
    for key, items in value.items():
        if key == SETTINGS_KEY or key in COLLECTIONS:
            _validate_part(content, file, key, items)
            continue
        hint = did_you_mean(key, [*COLLECTIONS, SETTINGS_KEY])
        if not hint and key in Journey.model_fields:
            hint = " (a file that is one journey needs both 'id' and 'steps' at the top level)"
        content.problems.append(
            Problem(
                file,
                f"unknown top-level key {shown(key)}{hint}",
                path=(key,),
                value=key,
                code="unknown-field",
            )
        )
    return content


def _kind_of(value: Any) -> str:
    return {list: "list", str: "string"}.get(type(value), type(value).__name__)


def _validate_part(content: FileContent, file: str, key: str, value: Any) -> None:
    if key == SETTINGS_KEY:
        _validate_item(content, file, SETTINGS_KEY, value, (SETTINGS_KEY,))
    else:
        _validate_collection(content, file, key, value)


def _validate_collection(content: FileContent, file: str, key: str, items: Any) -> None:
    if not isinstance(items, list):
        content.problems.append(
            Problem(
                file,
                f"{key} must be a list, found a {_kind_of(items)}",
                path=(key,),
                code="not-a-list",
            )
        )
        return
    for index, item in enumerate(items):
        _validate_item(content, file, key, item, (key, index))


def _validate_item(content: FileContent, file: str, kind: str, item: Any, path: KeyPath) -> None:
    model = Settings if kind == SETTINGS_KEY else COLLECTIONS[kind]
    if kind == "journeys" and _too_big(content, file, item, path):
        return
    try:
        content.entries.append(Entry(kind, model.model_validate(item), path))
    except ValidationError as error:
        details = error.errors(include_url=False)
        content.problems.extend(_problem_from(file, model, path, d) for d in details)
        repaired = _without_invalid_parts(item, model, [d["loc"] for d in details])
        if repaired is not None:
            try:
                partial = model.model_validate(repaired)
            except ValidationError:
                return
            content.entries.append(Entry(kind, partial, path, partial=True))


def _too_big(content: FileContent, file: str, journey: Any, path: KeyPath) -> bool:
    """Report a journey past the size limits before validating it. Too many steps: the
    journey is refused unread (True). Too many branches at a step: reported, and the
    journey is still validated, since that costs no more than its size."""
    if not isinstance(journey, dict) or not isinstance(steps := journey.get("steps"), list):
        return False
    if len(steps) > limits.STEPS.value:
        content.problems.append(
            Problem(
                file,
                f"the journey has {limits.STEPS.beyond(len(steps), 'steps')}; it is not "
                "read: split it into several journeys",
                path=(*path, "steps"),
                code="too-many-steps",
            )
        )
        return True
    for index, step in enumerate(steps):
        moves = step.get("next") if isinstance(step, dict) else None
        if isinstance(moves, list) and len(moves) > limits.BRANCHES.value:
            content.problems.append(
                Problem(
                    file,
                    f"the step has {limits.BRANCHES.beyond(len(moves), 'next steps')}",
                    path=(*path, "steps", index, "next"),
                    code="too-many-branches",
                )
            )
    return False


def _without_invalid_parts(item: Any, model: type[BaseModel], locs: list[KeyPath]) -> Any:
    """A copy of ``item`` without its invalid optional fields and list values.

    Reporting all problems in one pass means checking the references of an object
    that failed validation too: an unknown agency in a step with a bad channel.
    Only parts that can go without shifting anything that references point at are
    left out; when a required part is wrong, None (the object is not checked further).
    """
    repaired = copy.deepcopy(item)
    ordered = sorted(
        locs,
        key=lambda loc: [(0, p) if isinstance(p, int) else (1, str(p)) for p in loc],
        reverse=True,
    )
    for loc in ordered:
        loc = tuple(p for p in loc if p != "[key]")
        parent: Any = repaired
        for part in loc[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                return None
        last = loc[-1] if loc else None
        optional_field = (
            isinstance(parent, dict) and last in parent and last not in _required_at(model, loc)
        )
        loose_value = (
            isinstance(parent, list)
            and isinstance(last, int)
            and last < len(parent)
            and _is_scalar(parent[last])
            and _is_scalar_list_field(loc)
        )
        if not (optional_field or loose_value):
            return None
        del parent[last]
    return repaired


_SCALAR_LISTS = {
    "channels",
    "languages",
    "accommodations",
    "needs",
    "pain_points",
    "forms",
    "sources",
}


def _is_scalar_list_field(loc: KeyPath) -> bool:
    """Lists whose items nothing refers to by index, so one can be dropped safely."""
    return len(loc) >= 2 and loc[-2] in _SCALAR_LISTS


def _required_at(model: type[BaseModel], loc: KeyPath) -> set[str]:
    """Required field names of the model that holds the last element of ``loc``."""
    holder = _model_at(model, loc[:-1])
    if holder is None:
        return set()
    return {name for name, info in holder.model_fields.items() if info.is_required()}


def _problem_from(file: str, model: type[BaseModel], prefix: KeyPath, detail: Any) -> Problem:
    """Reword one pydantic error for a person editing YAML, keeping its key path."""
    loc: KeyPath = tuple(p for p in detail["loc"] if p != "[key]")
    kind, given = detail["type"], detail.get("input")
    message = detail["msg"]
    if kind == "extra_forbidden":
        message = (
            f"unknown field {shown(loc[-1])}{did_you_mean(loc[-1], _fields_at(model, loc[:-1]))}"
        )
        given = loc[-1]
    elif kind == "missing":
        message = f"missing required field {loc[-1]!r}"
        given = None
    elif kind == "string_too_long":
        message = _too_long(given, detail["ctx"]["max_length"])
    elif kind == "string_pattern_mismatch":
        message = _pattern_message(detail["ctx"]["pattern"], given)
    elif kind == "enum":
        allowed = re.findall(r"'([^']*)'", detail["ctx"]["expected"])
        message = (
            f"{shown(given)} is not one of: {', '.join(allowed)}{did_you_mean(given, allowed)}"
        )
    elif kind == "string_type" and isinstance(given, (int, float)) and given is not True:
        message = (
            f"expected text, got the number {shown(given)}; put it in quotes to keep it as written"
        )
    elif _is_scalar(given):
        message = (
            f"{message} ({shown(given)})" if "got" in message else f"{message}, got {shown(given)}"
        )
    return Problem(
        file,
        message,
        path=(*prefix, *loc),
        value=given if _is_scalar(given) else None,
        code=kind.replace("_", "-"),
    )


def _too_long(given: Any, most: int) -> str:
    """A text over one of the length limits, naming the limit (and its setting)."""
    limit = next(
        (
            candidate
            for candidate in (limits.ID_LENGTH, limits.NAME_LENGTH, limits.TEXT_LENGTH)
            if candidate.value == most
        ),
        None,
    )
    length = len(given) if isinstance(given, str) else 0
    if limit is None:
        return f"{shown(given)} is {length:,} characters long, over the limit of {most:,}"
    return f"{shown(given)} is {limit.beyond(length, 'characters long')}"


PATTERN_RULES: dict[str, str] = {
    SLUG_PATTERN: "is not a valid id: use lowercase letters, digits and hyphens",
    LANGUAGE_PATTERN: "is not a language tag such as 'en', 'es' or 'zh-Hant'",
    COLOUR_PATTERN: "is not a colour written as #RRGGBB, e.g. '#0072B2'",
    ACCOMMODATION_PATTERN: "should be lowercase words joined by underscores, e.g. 'screen_reader'",
    LISTING_PATTERN: "is not an Assistance Listing number: two digits, a point and three "
    "digits, e.g. '96.002'",
    OMB_CONTROL_PATTERN: "is not an OMB control number: four digits, a hyphen and four "
    "digits, e.g. '0960-0618'",
}
"""What each pattern of the format asks for, in words: a value that does not match is told
the rule of its own field (every pattern needs its entry here; tests hold them to it)."""


def _pattern_message(pattern: str, given: Any) -> str:
    rule = PATTERN_RULES.get(pattern)
    if rule is None:  # a pattern added without its words: at least say which form it takes
        return f"{shown(given)} does not have the form this field takes ({pattern})"
    return f"{shown(given)} {rule}"


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _fields_at(model: type[BaseModel], loc: KeyPath) -> list[str]:
    """The field names of the model found at ``loc`` below ``model``, for suggestions."""
    holder = _model_at(model, loc)
    return list(holder.model_fields) if holder is not None else []


def _model_at(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    """The model class found at ``loc`` below ``model``, or None when it is not a model."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if not (isinstance(part, str) and part in annotation.model_fields):
                return None
            annotation = annotation.model_fields[part].annotation
        elif typing.get_origin(annotation) is list:
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
        else:
            return None
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


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
