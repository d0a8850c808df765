"""Turn file text into plain Python values, fast or with positions.

Two parsers read the same text and must agree on the result:

* :func:`parse_fast` uses a Rust YAML parser (``yaml_rs``) or ``json``; it keeps
  no positions and reads our journey files about twenty times faster than
  PyYAML's C loader.
* :func:`parse_located` uses PyYAML's composer, which keeps a mark for every
  node, and returns a map from key path to (line, column). The loader calls it
  only for files that have problems, so valid workspaces never pay for marks.

Both follow YAML 1.2's core schema (``yes`` stays a string, ``2024-05-01`` stays a
string, ``010`` is ten), refuse explicit tags, duplicate keys and several
documents in one file, and cap alias expansion so a "billion laughs" file fails
in milliseconds.
"""

from __future__ import annotations

import json
import math
import re
import threading
import typing
from dataclasses import dataclass
from typing import Any

import yaml

from ple import limits
from ple.errors import KeyPath

MAX_ALIAS_EVENTS = 100_000
"""How many nodes alias replay may produce in one file before it is refused."""

MAX_DEPTH = limits.DEPTH.value
"""Deepest nesting of lists and mappings a file may have. Journey files need fewer than
twenty levels. The limit is checked before a parser builds anything: yaml_rs itself
stops flow nesting (``[[[...``) at 256, but follows block nesting (``- - - ...``) until
its stack overflows and the whole process dies, at about 10,000 levels."""

MAX_INTEGER_DIGITS = limits.INTEGER_DIGITS.value
"""Most decimal digits a whole number may have (see :data:`ple.limits.INTEGER_DIGITS`)."""

_INTEGER_CEILING = 10**MAX_INTEGER_DIGITS

_DEEP_BLOCK_LINE = re.compile(r"\n[ \t?:\-]{64}")
"""A line that starts with 64 or more spaces and block indicators. Each block level
needs at least one more column of indentation or one more ``- ``/``? ``/``: `` on the
line, and at most two levels share a column, so a file without such a line is nested
fewer than 130 block levels deep and needs no closer look (this search costs about 5%
of a parse)."""

_DEEP_BLOCK_LINE_DECORATED = re.compile(
    r"^(?:[ \t?:\-]|[&!][^ \t\r\n]*+){64,}+", flags=re.MULTILINE
)
"""The same, counting anchors (``&a``) and tags (``!t``) between the indicators, for the
files that have any: ``- &a - &b - ...`` nests as deeply as ``- - ...``."""

_NOT_YAML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""Characters YAML does not allow in a file (control characters other than tab, line
feed and carriage return). One of them would otherwise cut a file short: yaml_rs stops
reading at a NUL byte and returned a three-step journey as two."""

_NOT_JSON_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

_TAG_HINT = re.compile(r"(?:^|[\s\[{,:-])!")
"""A ``!`` where a YAML tag could start. yaml_rs ignores unknown tags silently, so
files that may hold one go to the located parser, which refuses tags."""

_YAML_RS_POSITION = re.compile(r"line (\d+), column (\d+)")


def _import_yaml_rs() -> Any:
    """yaml_rs (0.1.6) ties state to the thread that imports it: once that thread has
    ended, later parses crash the whole process (a segmentation fault) after a few calls.
    The app runs each rerun of a page in a new thread that then ends, so the server died
    on a parse after a file changed, or on the Edit page. yaml_rs is therefore imported,
    and first used, in a thread that lasts as long as the process."""
    found: list[Any] = []
    imported = threading.Event()

    def keep() -> None:
        import yaml_rs as module

        module.loads("first: parse")
        found.append(module)
        imported.set()
        threading.Event().wait()  # never returns: the thread must outlive every parse

    threading.Thread(target=keep, name="yaml_rs-importer", daemon=True).start()
    imported.wait()
    return found[0]


yaml_rs = _import_yaml_rs()


@dataclass
class ParseFailure(Exception):
    """The text is not well-formed YAML or JSON (or breaks a safety limit)."""

    message: str
    line: int | None = None
    column: int | None = None
    code: str = "syntax"


Positions = dict[KeyPath, tuple[int, int]]
"""Key path -> (line, column), both 1-based; a mapping entry points at its key."""


def _is_json(suffix: str) -> bool:
    return suffix.lower() == ".json"


def decode(data: bytes) -> str:
    """A file's bytes as text: UTF-8, with or without a byte-order mark. Raises
    :class:`ParseFailure` with the line and column of the first byte that is not UTF-8,
    and names UTF-16 and UTF-32, which some Windows tools write."""
    for mark, encoding in _OTHER_ENCODINGS:
        if data.startswith(mark):
            raise ParseFailure(
                f"the file is {encoding} text; save it as UTF-8", 1, 1, code="not-utf8"
            )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ParseFailure(
            f"not UTF-8 text: byte 0x{data[error.start]:02x} cannot be decoded",
            line,
            column,
            code="not-utf8",
        ) from None


_OTHER_ENCODINGS = [
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
]


def check_text(text: str, suffix: str) -> None:
    """Refuse, before any parser sees it, text that a parser could silently cut short
    or crash on: characters the format does not allow, and nesting deeper than
    :data:`MAX_DEPTH`. Both checks are linear and build nothing."""
    not_allowed = (_NOT_JSON_TEXT if _is_json(suffix) else _NOT_YAML_TEXT).search(text)
    if not_allowed:
        raise ParseFailure(
            _describe_character(text, not_allowed.start()),
            *_position(text, not_allowed.start()),
            code="not-text",
        )
    if _is_json(suffix):
        return
    decorated = "&" in text or "!" in text
    deep = (
        _DEEP_BLOCK_LINE_DECORATED.search(text)
        if decorated
        else _DEEP_BLOCK_LINE.search(text) or _DEEP_BLOCK_LINE.match("\n" + text[:64])
    )
    if deep:
        _refuse_deep_yaml(text)


def _describe_character(text: str, index: int) -> str:
    code = ord(text[index])
    name = "NUL" if code == 0 else f"U+{code:04X}"
    if code == 0 and text.count("\x00", 0, 200) * 3 > min(len(text), 200):
        return (
            "the file holds NUL bytes between its letters: it is probably UTF-16 text "
            "without a byte-order mark; save it as UTF-8"
        )
    return (
        f"the control character {name} is not allowed in the file; remove it (text "
        "is never cut short at it)"
    )


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _refuse_deep_yaml(text: str) -> None:
    """Follow the nesting with libyaml's event parser, which keeps its own stack and
    so cannot overflow, and refuse the file at the first level past the limit."""
    parser = _CoreSchemaLoader(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ParseFailure(
                        f"nesting deeper than {MAX_DEPTH} levels",
                        *_event_mark(event),
                        code="too-deep",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        raise _syntax_failure(error) from None
    except yaml.YAMLError as error:
        raise ParseFailure(f"not valid YAML: {error}") from None
    finally:
        parser.dispose()


def _event_mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def may_hold_tags(text: str) -> bool:
    """Whether a YAML tag may start somewhere in ``text``; such files are read (and
    judged) by the located parser alone."""
    return "!" in text and bool(_TAG_HINT.search(text))  # the plain test is 500x cheaper


def parse_fast(text: str, suffix: str) -> Any:
    """Parse without positions. Raises :class:`ParseFailure`."""
    check_text(text, suffix)
    if _is_json(suffix):
        return _parse_json(text)
    if may_hold_tags(text):
        return parse_located(text, suffix)[0]
    try:
        value = yaml_rs.loads(
            text,
            parse_datetime=False,
            alias_limits=yaml_rs.AliasLimits(
                max_total_replayed_events=MAX_ALIAS_EVENTS, max_replay_stack_depth=64
            ),
        )
    except yaml_rs.YAMLDecodeError as error:
        message = str(error).splitlines()[0] if str(error) else "not valid YAML"
        found = _YAML_RS_POSITION.search(message)
        if found:
            return _located_failure_or(text, suffix, message, int(found[1]), int(found[2]))
        return _located_failure_or(text, suffix, message, None, None)
    except RecursionError:
        raise ParseFailure(f"nesting deeper than {MAX_DEPTH} levels", code="too-deep") from None
    except TypeError:  # a key yaml_rs cannot hold, such as the mapping in ``? : :``
        return _located_failure_or(text, suffix, "mapping keys must be plain values", None, None)
    if isinstance(value, list) and re.search(r"^(?:---|\.\.\.)", text, flags=re.MULTILINE):
        # yaml_rs returns several documents as a list; the located parser names the error.
        return parse_located(text, suffix)[0]
    return value


def refuse_unreadable(text: str, suffix: str, value: Any) -> None:
    """Refuse, with its place, a value the fast parser read but the format does not
    allow: a whole number past :data:`MAX_INTEGER_DIGITS`, or a mapping key that is a
    list or a mapping (yaml_rs makes tuples of those). Either one always fails
    validation too, so the loader asks only about files with errors, and valid files
    never pay for the walk."""
    if not _is_json(suffix) and holds_unreadable(value):
        parse_located(text, suffix)  # raises, naming the number or the key


def holds_unreadable(value: Any) -> bool:
    """Whether a parsed value holds a whole number past the digit limit or a mapping key
    that is not a plain value (walked without recursion)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            if any(isinstance(key, (tuple, frozenset)) for key in item):
                return True
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif (
            isinstance(item, int)
            and not isinstance(item, bool)
            and not -_INTEGER_CEILING < item < _INTEGER_CEILING
        ):
            return True
    return False


def _too_long_number(text: str) -> str:
    """The message for a whole number past the digit limit (``text`` as written)."""
    digits = text.strip().lstrip("+-").replace("_", "")
    shown = text.strip() if len(text.strip()) <= 24 else text.strip()[:20] + "..."
    if digits[:2].lower() in ("0x", "0o", "0b"):
        count = f"more than {MAX_INTEGER_DIGITS} digits"
    else:
        count = f"{len(digits.lstrip('0')):,} digits"
    return (
        f"the whole number {shown} has {count}, over the limit of "
        f"{limits.INTEGER_DIGITS.value} {limits.INTEGER_DIGITS.what}; put it in quotes "
        "if it is text (an account or form number)"
    )


def _located_failure_or(
    text: str, suffix: str, message: str, line: int | None, column: int | None
) -> Any:
    """Prefer the located parser's account of a syntax error: its words name the
    construct. If it accepts the text, keep the fast parser's verdict."""
    try:
        parse_located(text, suffix)
    except ParseFailure as located:
        raise located from None
    raise ParseFailure(message, line, column)


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ParseFailure(f"duplicate key {key!r}")
        result[key] = value
    return result


def _parse_json(text: str) -> Any:
    try:
        value = json.loads(
            text,
            object_pairs_hook=_refuse_duplicate_keys,
            parse_int=lambda digits: _bounded_json_int(text, digits),
        )
    except json.JSONDecodeError as error:
        raise ParseFailure(f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except RecursionError:
        raise ParseFailure(f"nesting deeper than {MAX_DEPTH} levels", code="too-deep") from None
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth_over(value, MAX_DEPTH):
        raise ParseFailure(f"nesting deeper than {MAX_DEPTH} levels", code="too-deep")
    return value


def _bounded_json_int(text: str, digits: str) -> int:
    """A JSON whole number, or a refusal when it has too many digits (located at the
    first such number outside a string, as far as a search can tell). JSON files are
    seldom large, so a hook per number costs little."""
    if len(digits) <= MAX_INTEGER_DIGITS:
        return int(digits)
    if len(digits.lstrip("-")) <= MAX_INTEGER_DIGITS:
        return int(digits)
    found = re.search(rf"(?:^|[:\[,])\s*(-?[0-9]{{{MAX_INTEGER_DIGITS + 1},}})", text)
    raise ParseFailure(
        _too_long_number(digits),
        *(_position(text, found.start(1)) if found else (None, None)),
        code="too-long-number",
    )


def _depth_over(value: Any, limit: int) -> bool:
    """Whether lists and mappings nest more than ``limit`` deep (walked without
    recursion; JSON's own parser stops only at Python's recursion limit)."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, (list, dict)):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return False


# --- the located parser ---------------------------------------------------------------

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML's loader with YAML 1.2 core-schema resolution instead of YAML 1.1's."""

    yaml_implicit_resolvers: typing.ClassVar[dict] = {}


_INT = r"[-+]?(?:0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*)$"
_FLOAT = (
    r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*\.[0-9_]*|[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?$"
    r"|[-+]?\.(?:inf|Inf|INF)$|\.(?:nan|NaN|NAN)$"
)
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:bool", r"(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", _INT, "-+0123456789"),
    ("tag:yaml.org,2002:float", _FLOAT, "-+.0123456789"),
]:
    _CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

_CORE = "tag:yaml.org,2002:"
_STR, _INT_TAG, _FLOAT_TAG = _CORE + "str", _CORE + "int", _CORE + "float"
_BOOL, _NULL, _SEQ, _MAP = _CORE + "bool", _CORE + "null", _CORE + "seq", _CORE + "map"


def _construct_int(text: str) -> int:
    """A core-schema whole number; past :data:`MAX_INTEGER_DIGITS` a ValueError (Python
    itself refuses to convert more than 4,300 decimal digits)."""
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    value = None
    for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
        if digits.startswith(prefix):
            value = int(digits[2:], base)
    if value is None:
        if len(digits.lstrip("0")) > MAX_INTEGER_DIGITS:
            raise ValueError(text)
        value = int(digits)
    if value >= _INTEGER_CEILING:
        raise ValueError(text)
    return sign * value


def _construct_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(text.replace("_", ""))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Builds values from PyYAML nodes, recording where each key path starts."""

    def __init__(self) -> None:
        self.positions: Positions = {}
        self.seen: set[int] = set()
        self.replayed = 0

    def build(self, node: yaml.Node, path: KeyPath, depth: int = 0) -> Any:
        if id(node) in self.seen:
            self.replayed += 1
        else:
            self.seen.add(id(node))
        if self.replayed > MAX_ALIAS_EVENTS:
            raise ParseFailure(
                f"alias expansion produces more than {MAX_ALIAS_EVENTS} nodes", *_mark(node)
            )
        if depth > MAX_DEPTH:
            raise ParseFailure(
                f"nesting deeper than {MAX_DEPTH} levels", *_mark(node), code="too-deep"
            )
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if node.tag not in (_SEQ, _MAP):
            raise ParseFailure(f"YAML tags are not allowed: {node.tag}", *_mark(node))
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.positions.setdefault((*path, index), _mark(child))
                items.append(self.build(child, (*path, index), depth + 1))
            return items
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, path, depth + 1)
            if isinstance(key, (list, dict)):
                raise ParseFailure("mapping keys must be plain values", *_mark(key_node))
            if key in mapping:
                raise ParseFailure(f"duplicate key {key!r}", *_mark(key_node))
            self.positions.setdefault((*path, key), _mark(key_node))
            mapping[key] = self.build(value_node, (*path, key), depth + 1)
        return mapping

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag == _INT_TAG and re.match(_INT, text):
            try:
                return _construct_int(text)
            except ValueError:
                raise ParseFailure(
                    _too_long_number(text), *_mark(node), code="too-long-number"
                ) from None
        if tag == _FLOAT_TAG and re.match(_FLOAT, text):
            return _construct_float(text)
        if tag == _BOOL and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if tag == _NULL and text in ("~", "null", "Null", "NULL", ""):
            return None
        raise ParseFailure(f"YAML tags are not allowed: {tag}", *_mark(node))


def _syntax_failure(error: yaml.MarkedYAMLError) -> ParseFailure:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if "maximum nesting depth" in str(error.problem):  # libyaml's own limit, at 1,000
        return ParseFailure(
            f"nesting deeper than {MAX_DEPTH} levels", line, column, code="too-deep"
        )
    problem = " ".join(p for p in (error.context, error.problem) if p) or "not valid YAML"
    return ParseFailure(f"not valid YAML: {problem}", line, column)


def parse_located(text: str, suffix: str) -> tuple[Any, Positions]:
    """Parse keeping positions. Raises :class:`ParseFailure` with line and column."""
    if _is_json(suffix):
        return _parse_json_located(text)
    return _parse_yaml_located(text)


def _parse_json_located(text: str) -> tuple[Any, Positions]:
    """JSON's own parser decides what the value is; YAML's composer, which reads most
    JSON, supplies positions. Where it cannot (escaped surrogate pairs such as
    ``\\ud83d\\ude00``), problems are still reported, with the file but no line."""
    value = _parse_json(text)
    try:
        return value, _parse_yaml_located(text)[1]
    except ParseFailure:
        return value, {}


def _parse_yaml_located(text: str) -> tuple[Any, Positions]:
    check_text(text, ".yaml")
    loader = _CoreSchemaLoader(text)
    try:
        if not loader.check_node():
            return None, {}
        root = loader.get_node()
        if loader.check_node():
            raise ParseFailure(
                "a file must hold one YAML document; found several", *_mark(loader.get_node())
            )
        builder = _Builder()
        builder.positions[()] = _mark(root)
        value = builder.build(root, ())
        return value, builder.positions
    except yaml.MarkedYAMLError as error:
        raise _syntax_failure(error) from None
    except yaml.YAMLError as error:
        raise ParseFailure(f"not valid YAML: {error}") from None
    except RecursionError:
        raise ParseFailure(f"nesting deeper than {MAX_DEPTH} levels", code="too-deep") from None
    finally:
        loader.dispose()
