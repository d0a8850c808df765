"""The model's shape, as the writer needs it: which values mean the same (``20`` and
``20.0``, an explicit default and none), the order of keys, and new nodes in the house
style (lists of words and small mappings on one line, steps and moves in blocks).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Union

from pydantic import BaseModel, TypeAdapter, ValidationError

FLOW_WIDTH = 72
"""New small mappings of plain values are written on one line up to this width."""


def unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin in (Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


ONWARD_KEYS = ("fork", "next", "end")
"""Where a step leads: written last in a step, as people write them by hand, so a field
added later (a touchpoint, a moment that matters) lands with the step's other facts and not
under its list of next steps."""


def file_keys(model: type[BaseModel]) -> dict[str, Any]:
    """Key as written in files -> field info, in the order new keys are written: the
    model's, with :data:`ONWARD_KEYS` last."""
    keys = {info.alias or name: info for name, info in model.model_fields.items()}
    onward = {key: keys.pop(key) for key in ONWARD_KEYS if key in keys}
    return keys | onward


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
        return {
            str(k) if not isinstance(k, (int, float, bool)) else k: plain(v)
            for k, v in node.items()
        }
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
            _plain_equal(a, b) for a, b in zip(old, new, strict=True)
        )
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return old == new
    return type(old) is type(new) and old == new


def is_default(value: Any, info: Any) -> bool:
    default = _default(info)
    if default is _NO_DEFAULT:
        return False
    return same(value, default, info.annotation)


def commented_map(items: Any = ()) -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(items)


def _commented_seq(items: Any = ()) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items)


_NOT_IN_A_BLOCK = re.compile(r"[\r\x85\u2028\u2029]|[^\S\n]\n|[^\S\n]$")
"""What a literal block cannot hold as written: a carriage return or another line break
YAML folds into a newline, and spaces or tabs at the end of a line (editors drop them)."""


def _scalar(value: Any) -> Any:
    """Text of several lines as a literal block (``|``), as people write it, unless the
    block would change it; then ruamel quotes it with escapes, which keep every character."""
    if isinstance(value, str) and "\n" in value and not _NOT_IN_A_BLOCK.search(value):
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
    return (
        isinstance(value, (str, int, float, bool))
        or value is None
        or (isinstance(value, list) and all(isinstance(v, (str, int, float, bool)) for v in value))
    )


def build(
    value: Any, annotation: Any = None, *, json_file: bool = False, flow: bool | None = None
) -> Any:
    """A new node for ``value``: keys in the model's order, lists of words and small
    mappings of plain values on one line (``channels: [online, phone]``,
    ``burden: {minutes: 20}``), everything else in block style."""
    annotation = unwrap(annotation)
    if json_file:
        return _ordered_plain(value, annotation)
    if isinstance(value, Mapping):
        ordered = _ordered_plain(value, annotation, shallow=True)
        node = commented_map()
        for key, item in ordered.items():
            node[key] = build(item, child_annotation(annotation, key))
        small = all(_is_flat(v) and not (isinstance(v, str) and "\n" in v) for v in value.values())
        if (
            flow
            if flow is not None
            else (small and len(_flow_text(value)) <= FLOW_WIDTH and not _is_item_model(annotation))
        ):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        item_annotation = unwrap(items_annotation(annotation))
        items_flow = False if is_model(item_annotation) else None  # steps, moves: block
        node = _commented_seq([build(v, item_annotation, flow=items_flow) for v in value])
        if all(isinstance(v, (str, int, float, bool)) for v in value):
            node.fa.set_flow_style()
        return node
    return _scalar(value)


def _is_item_model(annotation: Any) -> bool:
    """Steps, stages, personas and catalog entries are written in block style."""
    return is_model(annotation) and "id" in annotation.model_fields


def _ordered_plain(value: Any, annotation: Any, shallow: bool = False) -> Any:
    """A plain copy of ``value`` with mapping keys in the model's field order."""
    annotation = unwrap(annotation)
    if isinstance(value, Mapping):
        keys = list(value)
        if is_model(annotation):
            order = list(file_keys(annotation))
            keys.sort(key=lambda k: order.index(k) if k in order else len(order))
        if shallow:
            return {k: value[k] for k in keys}
        return {k: _ordered_plain(value[k], child_annotation(annotation, k)) for k in keys}
    if isinstance(value, list) and not shallow:
        return [_ordered_plain(v, items_annotation(annotation)) for v in value]
    return value


def child_annotation(annotation: Any, key: Any) -> Any:
    annotation = unwrap(annotation)
    if is_model(annotation):
        info = file_keys(annotation).get(key)
        return info.annotation if info is not None else None
    if typing.get_origin(annotation) is dict:
        return typing.get_args(annotation)[1]
    return None


def items_annotation(annotation: Any) -> Any:
    annotation = unwrap(annotation)
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    return None
