"""Merging new content into the loaded document, guided by the model.

A value that means the same as before keeps its node; list items are matched by id
(steps, catalog entries) or target (moves), so inserting a step adds lines instead of
shifting every later step; new keys go where the model lists them; and the catalog
collections and one-journey files are written whole from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from ple.edit.yamltext.comments import (
    ends_item,
    following,
    is_flow,
    move_trailing_comment,
    settle_ends,
    trailing_blank,
)
from ple.edit.yamltext.patch import render
from ple.edit.yamltext.shape import (
    build,
    child_annotation,
    file_keys,
    is_default,
    is_model,
    items_annotation,
    plain,
    same,
    unwrap,
)
from ple.model import Agency, DataItem, Journey, Opportunity, Program, Sharing, Touchpoint

COLLECTION_MODELS: dict[str, type[BaseModel]] = {
    "agencies": Agency,
    "programs": Program,
    "data_items": DataItem,
    "touchpoints": Touchpoint,
    "sharing": Sharing,
    "journeys": Journey,
    "opportunities": Opportunity,
}


FOLD_WIDTH = 88


def merge(old: Any, new: Any, annotation: Any, *, json_file: bool = False) -> Any:
    """``new`` (plain values) written over ``old`` (a loaded node), keeping every part of
    ``old`` that means the same. Returns the node to store (often ``old`` itself)."""
    annotation = unwrap(annotation)
    if same(old, new, annotation if not is_model(annotation) else None):
        return old
    if isinstance(new, Mapping) and isinstance(old, Mapping):
        if is_model(annotation):
            _merge_model(old, new, annotation, json_file)
        else:
            _merge_map(
                old, new, child_annotation(annotation, None) if annotation else None, json_file
            )
        return old
    if isinstance(new, list) and isinstance(old, list):
        item = unwrap(items_annotation(annotation))
        if is_model(item):
            _merge_items(old, new, item, json_file)
            return old
        if same(old, new, annotation):
            return old
        return _replace_list(old, new, item, json_file)
    if same(old, new, annotation):
        return old
    return _restyled(old, build(new, annotation, json_file=json_file))


def _restyled(old: Any, new: Any) -> Any:
    """A new scalar in the old one's quoting or folding style."""
    if not isinstance(new, str) or not isinstance(old, str) or type(old) is str:
        return new
    from ruamel.yaml.scalarstring import FoldedScalarString

    if isinstance(old, FoldedScalarString):
        folded = FoldedScalarString(new)
        folded.fold_pos = _fold_positions(new)
        return folded
    try:
        return type(old)(new)
    except TypeError:
        return new


def _fold_positions(text: str) -> list[int]:
    folds, start = [], 0
    while len(text) - start > FOLD_WIDTH:
        space = text.rfind(" ", start, start + FOLD_WIDTH)
        if space <= start:
            break
        folds.append(space)
        start = space + 1
    return folds


def _replace_list(old: Any, new: list[Any], item: Any, json_file: bool) -> Any:
    node = build(new, list[item] if item is not None else None, json_file=json_file)
    if not json_file and hasattr(old, "fa") and hasattr(node, "fa"):
        if old.fa.flow_style():
            node.fa.set_flow_style()
        else:
            node.fa.set_block_style()
    return node


def _merge_model(
    old: Any,
    new: Mapping[str, Any],
    model: type[BaseModel],
    json_file: bool,
    keep: tuple[str, ...] = (),
) -> None:
    fields = file_keys(model)
    for key in list(old.keys()):
        if key in new or key in keep:
            continue
        info = fields.get(key)
        if info is not None and is_default(old[key], info):
            continue  # an explicit default (state: current) means the same as none
        _delete(old, key)
    order = list(fields) + [k for k in new if k not in fields]
    for key in order:
        if key not in new:
            continue
        info = fields.get(key)
        annotation = info.annotation if info is not None else None
        if key in old:
            stored = merge(old[key], new[key], annotation, json_file=json_file)
            if stored is not old[key]:
                old[key] = stored
            continue
        position = _position_for(old, key, order)
        _insert(old, position, key, build(new[key], annotation, json_file=json_file))


def _merge_map(old: Any, new: Mapping[str, Any], value_annotation: Any, json_file: bool) -> None:
    """A mapping with free keys (``burden_by_channel``): keys kept in their order."""
    for key in list(old.keys()):
        if key not in new:
            _delete(old, key)
    for key, value in new.items():
        if key in old:
            stored = merge(old[key], value, value_annotation, json_file=json_file)
            if stored is not old[key]:
                old[key] = stored
        else:
            _insert(old, len(old), key, build(value, value_annotation, json_file=json_file))


def _position_for(old: Any, key: str, order: list[str]) -> int:
    """Just after the last existing key that the model lists before ``key``."""
    keys = list(old.keys())
    before = order[: order.index(key)]
    found = [keys.index(k) for k in before if k in keys]
    return max(found) + 1 if found else 0


def _insert(mapping: Any, position: int, key: str, value: Any) -> None:
    if hasattr(mapping, "insert"):
        at_end = position >= len(mapping) and len(mapping) > 0
        last = list(mapping.keys())[-1] if at_end else None
        mapping.insert(position, key, value)
        if last is not None:
            move_trailing_comment(mapping, last, key)
        return
    items = list(mapping.items())
    items.insert(position, (key, value))
    mapping.clear()
    mapping.update(items)


def _delete(mapping: Any, key: str) -> None:
    keys = list(mapping.keys())
    if hasattr(mapping, "ca") and len(keys) > 1 and keys[-1] == key:
        move_trailing_comment(mapping, key, keys[-2])
    del mapping[key]


def _identity(item: Any, model: type[BaseModel]) -> Any:
    if not isinstance(item, Mapping):
        return None
    if "id" in model.model_fields:
        return ("id", plain(item.get("id")))
    if model is Sharing:  # no id of its own: one record per item and ordered pair
        return ("sharing", *(plain(item.get(k)) for k in ("data_item", "from", "to")))
    if "to" in model.model_fields:
        return ("to", plain(item.get("to")))
    return None


def _merge_items(old: Any, new: list[Any], model: type[BaseModel], json_file: bool) -> None:
    """Items matched by id (steps, agencies), by item and pair (sharing records), by target
    (transitions), else by position;
    unchanged items keep their node and the comments around it."""
    separated = trailing_blank(old)
    last = old[-1] if len(old) else None
    last_end = ends_item(last) if last is not None else None
    tail = following(*last_end) if last_end is not None else ""
    unused: dict[Any, list[int]] = {}
    for index, item in enumerate(old):
        unused.setdefault(_identity(item, model), []).append(index)
    positional = all(key is None for key in unused)
    chosen: list[tuple[Any, int | None]] = []
    for position, item in enumerate(new):
        key = _identity(item, model)
        if positional:
            index = position if position < len(old) else None
        else:
            candidates = unused.get(key) if key is not None else None
            index = candidates.pop(0) if candidates else None
        if index is not None and isinstance(old[index], Mapping) and isinstance(item, Mapping):
            stored = merge(old[index], item, model, json_file=json_file)
            chosen.append((stored, index))
        else:
            flow = _siblings_flow(old)
            chosen.append((build(item, model, json_file=json_file, flow=flow), None))
    if [index for _, index in chosen] == list(range(len(old))):
        for position, (node, _) in enumerate(chosen):
            if node is not old[position]:
                old[position] = node
        return
    _rearrange(old, chosen)
    if hasattr(old, "ca") and len(old):
        settle_ends(old, last, separated, tail)


def _siblings_flow(old: Any) -> bool | None:
    """New list items follow their siblings: one-line items among one-line items."""
    mappings = [item for item in old if isinstance(item, Mapping)]
    if mappings and all(is_flow(item) for item in mappings):
        return True
    return False if mappings else None


def _rearrange(old: Any, chosen: list[tuple[Any, int | None]]) -> None:
    """Put the chosen nodes into ``old`` in order, moving each item's comments with it."""
    comments = getattr(old, "ca", None)
    saved = dict(comments.items) if comments is not None else {}
    list.clear(old)
    list.extend(old, [node for node, _ in chosen])
    if comments is not None:
        comments.items.clear()
        for position, (_, index) in enumerate(chosen):
            if index is not None and index in saved:
                comments.items[position] = saved[index]


def merge_collection(root: Any, key: str, items: list[Any], *, json_file: bool = False) -> None:
    """Make ``root[key]`` hold exactly ``items`` (plain dicts), matched by id; an empty
    collection is removed from the file."""
    model = COLLECTION_MODELS[key]
    if not items:
        if key in root:
            _delete(root, key)
        return
    if key in root and isinstance(root[key], list):
        _merge_items(root[key], items, model, json_file)
        return
    node = build(items, list[model], json_file=json_file)
    if key in root:
        root[key] = node
    elif "steps" in root:  # a one-journey file: what it names comes after the journey
        _insert(root, len(root), key, node)
    else:
        order = [
            "settings",
            "agencies",
            "programs",
            "data_items",
            "touchpoints",
            "sharing",
            "journeys",
            "opportunities",
        ]
        _insert(root, _position_for(root, key, order), key, node)


def standalone(journey: Mapping[str, Any], catalog: Mapping[str, list[Any]]) -> str:
    """A new one-journey file holding ``journey`` and, after it, the catalog entries given:
    a workspace by itself."""

    def fill(root: Any) -> None:
        merge_journey(root, (), journey)
        for key in ("agencies", "programs", "data_items", "touchpoints", "sharing"):
            if catalog.get(key):
                merge_collection(root, key, list(catalog[key]))

    return render(None, ".yaml", fill)


SIDE_KEYS = ("agencies", "programs", "data_items", "touchpoints", "sharing", "settings")
"""What a one-journey file may carry beside the journey."""


def merge_journey(
    root: Any, path: tuple[Any, ...], journey: Mapping[str, Any], *, json_file: bool = False
) -> Any:
    """Write a journey over the one at ``path`` (``()`` for a one-journey file, whose
    catalog collections beside the journey are left alone). Returns the root."""
    if not path:
        _merge_model(root, journey, Journey, json_file, keep=SIDE_KEYS)
        return root
    container = root
    for part in path[:-1]:
        container = container[part]
    stored = merge(container[path[-1]], journey, Journey, json_file=json_file)
    if stored is not container[path[-1]]:
        container[path[-1]] = stored
    return root
