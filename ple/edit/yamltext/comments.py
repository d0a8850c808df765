"""Blank lines and comments that belong to a position in the file, not to a key.

ruamel keeps what follows a value (blank lines, full-line comments) with the innermost
value before it. When a key is added after the last one, deleted, or list items move,
these helpers carry that text along so it stays where it was in the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def last_leaf(container: Any, key: Any) -> tuple[Any, Any]:
    """The innermost mapping and key that end the value under ``key``: where ruamel keeps
    the blank lines and comments that follow it."""
    value = container[key]
    while True:
        if isinstance(value, Mapping) and len(value) and not is_flow(value):
            container, key = value, list(value.keys())[-1]
            value = container[key]
        elif (
            isinstance(value, list)
            and len(value)
            and not is_flow(value)
            and isinstance(value[-1], Mapping)
            and len(value[-1])
            and not is_flow(value[-1])
        ):
            container = value[-1]
            key = list(container.keys())[-1]
            value = container[key]
        else:
            return container, key


def is_flow(node: Any) -> bool:
    return hasattr(node, "fa") and bool(node.fa.flow_style())


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _block_list(holder: Any, leaf: Any) -> Any | None:
    """The value under ``leaf`` when it is a block list whose last item is not a block
    mapping (a flow mapping such as ``- {rule: a}``, or a word): ruamel keeps what follows
    such a list in the list's own ``ca.end``, not with the key."""
    value = holder[leaf]
    if isinstance(value, list) and len(value) and not is_flow(value) and hasattr(value, "ca"):
        return value
    return None


def following(holder: Any, leaf: Any) -> str:
    """The lines after a leaf's own line that ruamel keeps with it (blank lines and
    full-line comments); for a plain value its own line end and comment are not part
    of it."""
    listed = _block_list(holder, leaf)
    if listed is not None:
        return "".join(token.value for token in listed.ca.end or [])
    entry = getattr(holder, "ca", None) and holder.ca.items.get(leaf)
    if not entry or len(entry) < 3 or entry[2] is None:
        return ""
    text = entry[2].value
    if _is_block_scalar(holder[leaf]):
        return text
    end = text.find("\n")
    return "" if end < 0 else text[end + 1 :]


def set_following(holder: Any, leaf: Any, rest: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    listed = _block_list(holder, leaf)
    if listed is not None:
        listed.ca.end = [CommentToken(rest, CommentMark(0), None)] if rest else []
        return
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
    if not value or (value == "\n" and not _is_block_scalar(holder[leaf]) and entry[2] is None):
        return
    if entry[2] is None:
        entry[2] = CommentToken(value, CommentMark(0), None)
    else:
        entry[2].value = value
    if entry[2].value in ("", "\n") and not _is_block_scalar(holder[leaf]):
        entry[2] = None


def move_trailing_comment(mapping: Any, source_key: Any, target_key: Any) -> None:
    """Keep blank lines and full-line comments after ``source_key``'s value where they
    are in the file (after the mapping's new last key); its end-of-line comment stays."""
    holder, leaf = last_leaf(mapping, source_key)
    rest = following(holder, leaf)
    if not rest:
        return
    set_following(holder, leaf, "")
    target_holder, target_leaf = last_leaf(mapping, target_key)
    if hasattr(target_holder, "ca"):
        set_following(target_holder, target_leaf, following(target_holder, target_leaf) + rest)


def settle_ends(items: Any, old_last: Any, separated: bool, tail: str) -> None:
    """After items moved: what followed the old last item (the end of the list) follows
    the new last one, and items stay separated by blank lines if they were."""
    if old_last is not None and old_last is not items[-1]:
        end = ends_item(old_last)
        if end is not None and following(*end) == tail:
            set_following(*end, "")
    for item in list(items)[:-1]:
        end = ends_item(item)
        if end is not None and separated and not following(*end).startswith("\n"):
            set_following(*end, "\n" + following(*end))
    end = ends_item(items[-1])
    if end is not None and following(*end) in ("", "\n") and tail:
        set_following(*end, tail)


def ends_item(item: Any) -> tuple[Any, Any] | None:
    if not isinstance(item, Mapping) or not len(item) or is_flow(item):
        return None
    holder, leaf = last_leaf(item, list(item.keys())[-1])
    return (holder, leaf) if hasattr(holder, "ca") else None


def trailing_blank(items: Any) -> bool:
    """Whether the items of this block list are separated by blank lines."""
    if len(items) < 2:
        return False
    ends = [ends_item(item) for item in list(items)[:-1]]
    return all(end is not None and following(*end).startswith("\n") for end in ends)
