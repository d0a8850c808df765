"""Reading a file's text into a document that can be written back as it was, and
writing it in the file's own style: ruamel.yaml's round trip (comments, key order,
quoting, flow style) with the indentation the file already has, or JSON with its indent.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from typing import Any

from ple.edit.yamltext.comments import is_flow
from ple.edit.yamltext.shape import commented_map


class NotEditable(ValueError):
    """The file cannot be read as YAML by the round-trip parser."""


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
    return commented_map() if document is None else document


def dump(document: Any, suffix: str, like: str = "") -> str:
    """The document as text, in the style of ``like`` (the file's current text)."""
    if suffix.lower() == ".json":
        indent = _json_indent(like)
        return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"
    _quote_where_flow_needs_it(document)
    buffer = io.StringIO()
    _handler(like).dump(document, buffer)
    return buffer.getvalue()


_FLOW_TROUBLE = re.compile(r"\s-$")
"""Text ending in a space and a hyphen: ruamel writes it plain inside ``[...]`` and
``{...}``, where the reader (yaml_rs) takes the hyphen for the start of an item."""


def _quote_where_flow_needs_it(node: Any, in_flow: bool = False) -> None:
    """Quote the plain text in one-line lists and mappings that would not read back."""
    if not isinstance(node, (Mapping, list)):
        return
    in_flow = in_flow or is_flow(node)
    keys = list(node.keys()) if isinstance(node, Mapping) else range(len(node))
    for key in keys:
        value = node[key]
        if in_flow and type(value) is str and _FLOW_TROUBLE.search(value):
            from ruamel.yaml.scalarstring import SingleQuotedScalarString

            node[key] = SingleQuotedScalarString(value)
        else:
            _quote_where_flow_needs_it(value, in_flow)


def _json_indent(text: str) -> int | None:
    found = re.search(r"^( +)\S", text, flags=re.MULTILINE)
    if found:
        return len(found.group(1))
    return 2 if not text.strip() or "\n" in text.strip() else None
