"""Write edited content back into a YAML or JSON file, changing only what changed.

People keep journey files in git and review each other's changes, so a save must
not reformat a file. Three layers see to that:

1. ruamel.yaml's round trip keeps comments, key order, quoting and flow style;
2. :func:`merge` updates the loaded document in place, guided by the model: a value
   that means the same as before keeps its node (``20`` stays ``20`` when the table
   says ``20.0``; an explicit ``state: current`` stays although it is the default),
   list items are matched by id, so inserting a step adds lines instead of shifting
   every later step, and new keys go where the model lists them;
3. :func:`minimal_patch` applies only the lines that changed to the original text,
   so whatever ruamel would normalize elsewhere (long lines folded by another tool,
   odd spacing) stays as it was.

An unchanged save gives the file's exact bytes; a one-cell edit changes one line.
"""

from __future__ import annotations

import io
import json
import re
import types
import typing
from collections.abc import Mapping
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Union

from pydantic import BaseModel, TypeAdapter, ValidationError

from ple.model import Agency, DataItem, Journey, Program, Touchpoint

COLLECTION_MODELS: dict[str, type[BaseModel]] = {
    "agencies": Agency,
    "programs": Program,
    "data_items": DataItem,
    "touchpoints": Touchpoint,
    "journeys": Journey,
}
FLOW_WIDTH = 72
"""New small mappings of plain values are written on one line up to this width."""
FOLD_WIDTH = 88


class NotEditable(ValueError):
    """The file cannot be read as YAML by the round-trip parser."""


# --- ruamel set-up --------------------------------------------------------------------


_SEQUENCE_ITEM = re.compile(r"^( *)- ")


def guess_indent(text: str) -> tuple[int, int]:
    """(sequence indent, dash offset) of the first block list under a key, as ruamel's
    ``indent()`` wants them; (4, 2) for ``  - id: x`` under ``steps:``, (2, 0) for
    ``- id: x`` level with its key. A look at the lines, not a parse: files are large."""
    lines = text.splitlines()
    for number, line in enumerate(lines[:-1]):
        stripped = line.rstrip()
        if not stripped.endswith(":") or stripped.lstrip().startswith("#"):
            continue
        found = _SEQUENCE_ITEM.match(lines[number + 1])
        if found is None:
            continue
        offset = len(found.group(1)) - (len(line) - len(line.lstrip()))
        if offset >= 0:
            return offset + 2, offset
    return 4, 2


def _handler(text: str) -> Any:
    """A round-trip YAML handler using the indentation the file already has."""
    from ruamel.yaml import YAML

    sequence, offset = guess_indent(text)
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 4096  # never fold a long line: that would touch lines nobody edited
    handler.indent(mapping=2, sequence=sequence, offset=offset)
    return handler


def load_round_trip(text: str, suffix: str) -> Any:
    """The document with everything needed to write it back as it was."""
    if suffix.lower() == ".json":
        try:
            return json.loads(text) if text.strip() else {}
        except json.JSONDecodeError as error:
            raise NotEditable(f"not valid JSON: {error.msg}") from None
    try:
        document = _handler(text).load(text)
    except Exception as error:
        raise NotEditable(f"the YAML cannot be edited in place: {error}") from None
    return _commented_map() if document is None else document


def dump(document: Any, suffix: str, like: str = "") -> str:
    """The document as text, in the style of ``like`` (the file's current text)."""
    if suffix.lower() == ".json":
        indent = _json_indent(like)
        return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    _handler(like).dump(document, buffer)
    return buffer.getvalue()


def _json_indent(text: str) -> int | None:
    found = re.search(r"^( +)\S", text, flags=re.MULTILINE)
    if found:
        return len(found.group(1))
    return 2 if not text.strip() or "\n" in text.strip() else None


# --- the model's shape ----------------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin in (Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """Key as written in files -> field info, in the model's order."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


_NO_DEFAULT = object()


def _default(info: Any) -> Any:
    if info.is_required():
        return _NO_DEFAULT
    value = info.get_default(call_default_factory=True)
    return getattr(value, "value", value)


@lru_cache(maxsize=256)
def _adapter(annotation: Any) -> TypeAdapter:
    return TypeAdapter(annotation)


def plain(node: Any) -> Any:
    """A round-trip node as plain Python values (ruamel's subclasses unwrapped)."""
    if isinstance(node, Mapping):
        return {str(k) if not isinstance(k, (int, float, bool)) else k: plain(v)
                for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def same(old: Any, new: Any, annotation: Any = None) -> bool:
    """Whether two values mean the same: equal as plain values (``20`` and ``20.0``, but
    not ``1`` and ``true``), or equal once validated as ``annotation``."""
    old = plain(old)
    if _plain_equal(old, new):
        return True
    if annotation is None:
        return False
    try:
        adapter = _adapter(annotation)
        return adapter.validate_python(old) == adapter.validate_python(new)
    except (ValidationError, TypeError, ValueError):
        return False


def _plain_equal(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return old.keys() == new.keys() and all(_plain_equal(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(
            _plain_equal(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return old == new
    return type(old) is type(new) and old == new


def _is_default(value: Any, info: Any) -> bool:
    default = _default(info)
    if default is _NO_DEFAULT:
        return False
    return same(value, default, info.annotation)


# --- building new nodes in the house style --------------------------------------------


def _commented_map(items: Any = ()) -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(items)


def _commented_seq(items: Any = ()) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items)


def _scalar(value: Any) -> Any:
    if isinstance(value, str) and "\n" in value:
        from ruamel.yaml.scalarstring import LiteralScalarString

        return LiteralScalarString(value)
    return value


def _flow_text(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_flow_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow_text(v) for v in value) + "]"
    return str(value)


def _is_flat(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None or (
        isinstance(value, list) and all(isinstance(v, (str, int, float, bool)) for v in value))


def build(value: Any, annotation: Any = None, *, json_file: bool = False,
          flow: bool | None = None) -> Any:
    """A new node for ``value``: keys in the model's order, lists of words and small
    mappings of plain values on one line (``channels: [online, phone]``,
    ``burden: {minutes: 20}``), everything else in block style."""
    annotation = _unwrap(annotation)
    if json_file:
        return _ordered_plain(value, annotation)
    if isinstance(value, Mapping):
        ordered = _ordered_plain(value, annotation, shallow=True)
        node = _commented_map()
        for key, item in ordered.items():
            node[key] = build(item, _child_annotation(annotation, key))
        small = all(_is_flat(v) and not (isinstance(v, str) and "\n" in v)
                    for v in value.values())
        if flow if flow is not None else (small and len(_flow_text(value)) <= FLOW_WIDTH
                                          and not _is_item_model(annotation)):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        item_annotation = _unwrap(_item_annotation(annotation))
        items_flow = False if _is_model(item_annotation) else None  # steps, moves: block
        node = _commented_seq([build(v, item_annotation, flow=items_flow) for v in value])
        if all(isinstance(v, (str, int, float, bool)) for v in value):
            node.fa.set_flow_style()
        return node
    return _scalar(value)


def _is_item_model(annotation: Any) -> bool:
    """Steps, stages, personas and catalog entries are written in block style."""
    return _is_model(annotation) and "id" in annotation.model_fields


def _ordered_plain(value: Any, annotation: Any, shallow: bool = False) -> Any:
    """A plain copy of ``value`` with mapping keys in the model's field order."""
    annotation = _unwrap(annotation)
    if isinstance(value, Mapping):
        keys = list(value)
        if _is_model(annotation):
            order = list(_fields(annotation))
            keys.sort(key=lambda k: order.index(k) if k in order else len(order))
        if shallow:
            return {k: value[k] for k in keys}
        return {k: _ordered_plain(value[k], _child_annotation(annotation, k)) for k in keys}
    if isinstance(value, list) and not shallow:
        return [_ordered_plain(v, _item_annotation(annotation)) for v in value]
    return value


def _child_annotation(annotation: Any, key: Any) -> Any:
    annotation = _unwrap(annotation)
    if _is_model(annotation):
        info = _fields(annotation).get(key)
        return info.annotation if info is not None else None
    if typing.get_origin(annotation) is dict:
        return typing.get_args(annotation)[1]
    return None


def _item_annotation(annotation: Any) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    return None


# --- merging new content into the loaded document -------------------------------------


def merge(old: Any, new: Any, annotation: Any, *, json_file: bool = False) -> Any:
    """``new`` (plain values) written over ``old`` (a loaded node), keeping every part of
    ``old`` that means the same. Returns the node to store (often ``old`` itself)."""
    annotation = _unwrap(annotation)
    if same(old, new, annotation if not _is_model(annotation) else None):
        return old
    if isinstance(new, Mapping) and isinstance(old, Mapping):
        if _is_model(annotation):
            _merge_model(old, new, annotation, json_file)
        else:
            _merge_map(old, new, _child_annotation(annotation, None) if annotation else None,
                       json_file)
        return old
    if isinstance(new, list) and isinstance(old, list):
        item = _unwrap(_item_annotation(annotation))
        if _is_model(item):
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


def _merge_model(old: Any, new: Mapping[str, Any], model: type[BaseModel],
                 json_file: bool, keep: tuple[str, ...] = ()) -> None:
    fields = _fields(model)
    for key in list(old.keys()):
        if key in new or key in keep:
            continue
        info = fields.get(key)
        if info is not None and _is_default(old[key], info):
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


def _merge_map(old: Any, new: Mapping[str, Any], value_annotation: Any,
               json_file: bool) -> None:
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
            _move_trailing_comment(mapping, last, key)
        return
    items = list(mapping.items())
    items.insert(position, (key, value))
    mapping.clear()
    mapping.update(items)


def _delete(mapping: Any, key: str) -> None:
    keys = list(mapping.keys())
    if hasattr(mapping, "ca") and len(keys) > 1 and keys[-1] == key:
        _move_trailing_comment(mapping, key, keys[-2])
    del mapping[key]


# --- comments that belong to a position, not to a key ---------------------------------


def _last_leaf(container: Any, key: Any) -> tuple[Any, Any]:
    """The innermost mapping and key that end the value under ``key``: where ruamel keeps
    the blank lines and comments that follow it."""
    value = container[key]
    while True:
        if isinstance(value, Mapping) and len(value) and not _is_flow(value):
            container, key = value, list(value.keys())[-1]
            value = container[key]
        elif isinstance(value, list) and len(value) and not _is_flow(value) and isinstance(
                value[-1], Mapping) and len(value[-1]) and not _is_flow(value[-1]):
            container = value[-1]
            key = list(container.keys())[-1]
            value = container[key]
        else:
            return container, key


def _is_flow(node: Any) -> bool:
    return hasattr(node, "fa") and bool(node.fa.flow_style())


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _following(holder: Any, leaf: Any) -> str:
    """The lines after a leaf's own line that ruamel keeps with it (blank lines and
    full-line comments); for a plain value its own line end and comment are not part
    of it."""
    entry = getattr(holder, "ca", None) and holder.ca.items.get(leaf)
    if not entry or len(entry) < 3 or entry[2] is None:
        return ""
    text = entry[2].value
    if _is_block_scalar(holder[leaf]):
        return text
    end = text.find("\n")
    return "" if end < 0 else text[end + 1:]


def _set_following(holder: Any, leaf: Any, rest: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    entry = holder.ca.items.setdefault(leaf, [None, None, None, None])
    while len(entry) < 3:
        entry.append(None)
    if _is_block_scalar(holder[leaf]):
        own = ""
    elif entry[2] is not None and entry[2].value.startswith("#"):
        text = entry[2].value
        own = text[: text.find("\n") + 1] if "\n" in text else text + "\n"
    else:
        own = "\n"
    value = own + rest
    if not value or (value == "\n" and not _is_block_scalar(holder[leaf])
                     and entry[2] is None):
        return
    if entry[2] is None:
        entry[2] = CommentToken(value, CommentMark(0), None)
    else:
        entry[2].value = value
    if entry[2].value in ("", "\n") and not _is_block_scalar(holder[leaf]):
        entry[2] = None


def _move_trailing_comment(mapping: Any, source_key: Any, target_key: Any) -> None:
    """Keep blank lines and full-line comments after ``source_key``'s value where they
    are in the file (after the mapping's new last key); its end-of-line comment stays."""
    holder, leaf = _last_leaf(mapping, source_key)
    rest = _following(holder, leaf)
    if not rest:
        return
    _set_following(holder, leaf, "")
    target_holder, target_leaf = _last_leaf(mapping, target_key)
    if hasattr(target_holder, "ca"):
        _set_following(target_holder, target_leaf, _following(target_holder, target_leaf) + rest)


# --- lists of objects -----------------------------------------------------------------


def _identity(item: Any, model: type[BaseModel]) -> Any:
    if not isinstance(item, Mapping):
        return None
    if "id" in model.model_fields:
        return ("id", plain(item.get("id")))
    if "to" in model.model_fields:
        return ("to", plain(item.get("to")))
    return None


def _merge_items(old: Any, new: list[Any], model: type[BaseModel], json_file: bool) -> None:
    """Items matched by id (steps, agencies), by target (transitions), else by position;
    unchanged items keep their node and the comments around it."""
    separated = _trailing_blank(old)
    last = old[-1] if len(old) else None
    last_end = _ends_item(last) if last is not None else None
    tail = _following(*last_end) if last_end is not None else ""
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
        _settle_ends(old, last, separated, tail)


def _siblings_flow(old: Any) -> bool | None:
    """New list items follow their siblings: one-line items among one-line items."""
    mappings = [item for item in old if isinstance(item, Mapping)]
    if mappings and all(_is_flow(item) for item in mappings):
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


def _settle_ends(items: Any, old_last: Any, separated: bool, tail: str) -> None:
    """After items moved: what followed the old last item (the end of the list) follows
    the new last one, and items stay separated by blank lines if they were."""
    if old_last is not None and old_last is not items[-1]:
        end = _ends_item(old_last)
        if end is not None and _following(*end) == tail:
            _set_following(*end, "")
    for item in list(items)[:-1]:
        end = _ends_item(item)
        if end is not None and separated and not _following(*end).startswith("\n"):
            _set_following(*end, "\n" + _following(*end))
    end = _ends_item(items[-1])
    if end is not None and _following(*end) in ("", "\n") and tail:
        _set_following(*end, tail)


def _ends_item(item: Any) -> tuple[Any, Any] | None:
    if not isinstance(item, Mapping) or not len(item) or _is_flow(item):
        return None
    holder, leaf = _last_leaf(item, list(item.keys())[-1])
    return (holder, leaf) if hasattr(holder, "ca") else None


def _trailing_blank(items: Any) -> bool:
    """Whether the items of this block list are separated by blank lines."""
    if len(items) < 2:
        return False
    ends = [_ends_item(item) for item in list(items)[:-1]]
    return all(end is not None and _following(*end).startswith("\n") for end in ends)


# --- whole files ----------------------------------------------------------------------


def merge_collection(root: Any, key: str, items: list[Any], *, json_file: bool = False
                     ) -> None:
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
        order = ["settings", "agencies", "programs", "data_items", "touchpoints", "journeys"]
        _insert(root, _position_for(root, key, order), key, node)


def standalone(journey: Mapping[str, Any], catalog: Mapping[str, list[Any]]) -> str:
    """A new one-journey file holding ``journey`` and, after it, the catalog entries given:
    a workspace by itself."""

    def fill(root: Any) -> None:
        merge_journey(root, (), journey)
        for key in ("agencies", "programs", "data_items", "touchpoints"):
            if catalog.get(key):
                merge_collection(root, key, list(catalog[key]))

    return render(None, ".yaml", fill)


SIDE_KEYS = ("agencies", "programs", "data_items", "touchpoints", "settings")
"""What a one-journey file may carry beside the journey."""


def merge_journey(root: Any, path: tuple[Any, ...], journey: Mapping[str, Any], *,
                  json_file: bool = False) -> Any:
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


# --- the text itself ------------------------------------------------------------------


def minimal_patch(original: str, before: str, after: str) -> str:
    """``original`` with only the lines that differ between ``before`` and ``after``
    replaced, where ``before`` is how the YAML writer renders ``original`` unchanged.

    Where the writer renders a region of the file differently from how it is written (a
    long line another tool folded), that region keeps its original text unless an edit
    touches it; then the whole region takes the writer's form.
    """
    if before == after:
        return original
    if before == original:
        return after
    o, b, a = (t.splitlines(keepends=True) for t in (original, before, after))
    rendering = SequenceMatcher(None, o, b, autojunk=False).get_opcodes()
    editing = SequenceMatcher(None, b, a, autojunk=False).get_opcodes()
    regions = [(b1, b2) for tag, _, _, b1, b2 in rendering if tag != "equal" and b2 > b1]
    spans = _grow([[i1, i2] for tag, i1, i2, _, _ in editing if tag != "equal"], regions)
    pieces: list[str] = []
    o_at = 0
    for start, end in spans:
        o1 = _map(start, rendering, side=1, last=True)
        o2 = max(o1, _map(end, rendering, side=1, last=False))
        a1 = _map(start, editing, side=0, last=False)
        a2 = _map(end, editing, side=0, last=True)
        pieces += o[o_at:o1]
        pieces += a[a1:a2]
        o_at = o2
    pieces += o[o_at:]
    return "".join(pieces)


def _grow(spans: list[list[int]], regions: list[tuple[int, int]]) -> list[list[int]]:
    """Widen each edited span to whole differently rendered regions it reaches into, and
    join spans that meet, until nothing changes."""
    while True:
        changed = False
        for span in spans:
            for start, end in regions:
                reaches = (start < span[1] and span[0] < end) if span[0] < span[1] else (
                    start < span[0] < end)
                if reaches and (start < span[0] or end > span[1]):
                    span[0], span[1] = min(span[0], start), max(span[1], end)
                    changed = True
        spans.sort()
        joined: list[list[int]] = []
        for span in spans:
            if joined and span[0] <= joined[-1][1]:
                joined[-1][1] = max(joined[-1][1], span[1])
                changed = True
            else:
                joined.append(span)
        spans = joined
        if not changed:
            return spans


def _map(position: int, opcodes: list[tuple[str, int, int, int, int]], *, side: int,
         last: bool) -> int:
    """A line position on one side of ``opcodes`` as a position on the other side.

    ``side=1`` maps the second sequence to the first, ``side=0`` the first to the
    second. Where several positions fit (lines only one side has), ``last`` picks the
    latest of them.
    """
    found = None
    for opcode in opcodes:
        tag = opcode[0]
        here1, here2 = (opcode[3], opcode[4]) if side == 1 else (opcode[1], opcode[2])
        there1, there2 = (opcode[1], opcode[2]) if side == 1 else (opcode[3], opcode[4])
        if tag == "equal" and here1 <= position <= here2:
            candidate = there1 + (position - here1)
        elif tag != "equal" and position == here1 == here2:
            candidate = there2 if last else there1  # lines only the other side has
        elif tag != "equal" and position == here1:
            candidate = there1
        elif tag != "equal" and position == here2:
            candidate = there2
        else:
            continue
        if not last:
            return candidate
        found = candidate
    return position if found is None else found


def render(original: str | None, suffix: str, edit: typing.Callable[[Any], Any]) -> str:
    """The text of a file after ``edit`` changed its loaded document (``original`` None:
    a new file). Line endings and a byte order mark are kept as the file had them.

    Raises :class:`NotEditable` when the file cannot be loaded for a round trip.
    """
    text = original or ""
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    if crlf:
        text = text.replace("\r\n", "\n")
    document = load_round_trip(text, suffix)
    before = dump(document, suffix, like=text) if original is not None else ""
    edited = edit(document)
    if edited is not None:
        document = edited
    after = dump(document, suffix, like=text)
    result = minimal_patch(text, before, after) if original is not None else after
    if crlf:
        result = result.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + result
