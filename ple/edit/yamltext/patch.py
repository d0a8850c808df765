"""The text itself: only the lines that changed are written into the original, so
whatever the YAML writer would normalize elsewhere (long lines another tool folded, odd
spacing) stays as it was; line endings and a byte order mark are kept.
"""

from __future__ import annotations

import typing
from difflib import SequenceMatcher
from typing import Any

from ple.edit.yamltext.roundtrip import dump, load_round_trip


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
                reaches = (
                    (start < span[1] and span[0] < end)
                    if span[0] < span[1]
                    else (start < span[0] < end)
                )
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


def _map(
    position: int, opcodes: list[tuple[str, int, int, int, int]], *, side: int, last: bool
) -> int:
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
