"""Generated round trips of the minimal-diff save: random edits to random journeys keep
every line they do not touch byte for byte, and the saved text reads back as the edited
journey.

Journeys come from the store's strategies (every field of the model in play, text full of
quotes, backslashes and other scripts); each is written in the house style, with comments
put between steps and top-level keys as a colleague would, then edited the ways the Edit
page edits: a step's text or burden changed, a journey field changed, a step added or
removed."""

from __future__ import annotations

import copy
import difflib
import os
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from ple.edit import yamltext
from ple.io.parse import parse_fast
from ple.model import Journey
from ple.sheets.closure import plain
from tests.store.strategies import journeys, texts

EXAMPLES = int(os.environ.get("PLE_EXAMPLES", "60"))
AGENCIES, PROGRAMS, ITEMS = ["ssa", "cms", "irs"], ["retire", "medicare"], ["ssn", "address"]


def read_back(text: str) -> dict:
    """The saved text as the editor holds a journey: validated, defaults left out."""
    value = parse_fast(text, ".yaml")
    return plain(
        Journey.model_validate({k: v for k, v in value.items() if k not in yamltext.SIDE_KEYS})
    )


def save(text: str, journey: dict) -> str:
    return yamltext.render(
        text, ".yaml", lambda document: yamltext.merge_journey(document, (), journey)
    )


@st.composite
def commented(draw: st.DrawFn, text: str) -> str:
    """``text`` with full-line comments before some steps and top-level keys: places a
    comment cannot fall inside a block of text."""
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        starts = line.startswith("  - id: ") or (line[:1].isalpha() and ":" in line)
        if starts and draw(st.booleans()):
            indent = "  " if line.startswith(" ") else ""
            out.append(f"{indent}# {draw(st.sampled_from(['checked', 'TODO: cite', 'ok']))}\n")
        out.append(line)
    return "".join(out)


@dataclass
class Edit:
    """An edit of the journey, and the steps (by id) and top-level keys it may touch."""

    apply: Callable[[dict], None]
    steps: set[str]
    keys: set[str]


@st.composite
def edits(draw: st.DrawFn, journey: dict) -> Edit:
    steps = journey["steps"]
    index = draw(st.integers(0, len(steps) - 1))
    target = steps[index]["id"]
    kind = draw(st.sampled_from(["text", "minutes", "journey", "add", "remove"]))
    if kind == "text":
        field, value = draw(st.sampled_from(["name", "description", "notes"])), draw(texts)

        def apply(j: dict) -> None:
            j["steps"][index][field] = value

        return Edit(apply, {target}, set())
    if kind == "minutes":
        minutes = draw(st.none() | st.integers(0, 600))

        def apply(j: dict) -> None:
            burden = j["steps"][index].setdefault("burden", {})
            if minutes is None:
                burden.pop("minutes", None)
            else:
                burden["minutes"] = minutes
            if not burden:
                j["steps"][index].pop("burden")

        return Edit(apply, {target}, set())
    if kind == "journey":
        field, value = draw(st.sampled_from(["name", "trigger", "outcome"])), draw(texts)

        def apply(j: dict) -> None:
            j[field] = value

        return Edit(apply, set(), {field})
    if kind == "add":
        new_id = draw(
            st.sampled_from(["zz-new", "zz-other"]).filter(
                lambda i: i not in {s["id"] for s in steps}
            )
        )
        step = {
            "id": new_id,
            "name": draw(texts),
            "agency": draw(st.sampled_from(AGENCIES)),
            "end": True,
        }

        def apply(j: dict) -> None:
            j["steps"].append(step)

        return Edit(apply, set(), set())
    # remove a step that is not the only one, and every move and reference to it
    if len(steps) == 1:
        return Edit(lambda j: None, set(), set())
    pointing = {s["id"] for s in steps if any(t["to"] == target for t in s.get("next", []))}

    def apply(j: dict) -> None:
        j["steps"] = [s for s in j["steps"] if s["id"] != target]
        for step in j["steps"]:
            if "next" in step:
                step["next"] = [t for t in step["next"] if t["to"] != target]
                if not step["next"]:
                    del step["next"]
        for key in ("entry",):
            if target in j.get(key, []):
                j[key] = [e for e in j[key] if e != target]
                if not j[key]:
                    del j[key]
        j["accepted_findings"] = [
            a
            for a in j.get("accepted_findings", [])
            if a.get("step") != target and target not in (a.get("transition") or {}).values()
        ]
        if not j["accepted_findings"]:
            del j["accepted_findings"]

    return Edit(apply, {target} | pointing, {"entry", "accepted_findings"})


def allowed_lines(text: str, edit: Edit) -> set[int]:
    """Line numbers (0-based) of ``text`` the edit may change: the blocks of the steps it
    touches (up to the next step or top-level key) and the top-level keys it touches, each
    with the comment lines right above it (a comment above a key is about that key, and
    goes when the key goes)."""
    document = YAML().load(text)
    lines = text.splitlines()
    keys = list(document.keys())
    starts = {key: document.lc.key(key)[0] for key in keys}
    allowed: set[int] = set()

    def block(start: int, end: int) -> set[int]:
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        return set(range(start, end))

    for position, key in enumerate(keys):
        end = starts[keys[position + 1]] if position + 1 < len(keys) else len(lines)
        if key in edit.keys:
            allowed |= block(starts[key], end)
        if key == "steps":
            steps = document["steps"]
            for index, step in enumerate(steps):
                if step["id"] in edit.steps:
                    last = steps[index + 1].lc.line if index + 1 < len(steps) else end
                    allowed |= block(step.lc.line, last)
    return allowed


def changed_lines(old: str, new: str) -> set[int]:
    """Lines of ``old`` that ``new`` does not keep as they were."""
    matcher = difflib.SequenceMatcher(
        None, old.splitlines(keepends=True), new.splitlines(keepends=True), autojunk=False
    )
    return {
        line
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if tag != "equal"
        for line in range(i1, i2)
    }


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, dict, Edit]:
    journey = plain(draw(journeys(AGENCIES, PROGRAMS, ITEMS, [], exact=False)))
    text = draw(commented(yamltext.standalone(journey, {})))
    return text, journey, draw(edits(journey))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=cases())
def test_an_edit_changes_only_its_own_lines_and_reads_back_as_edited(case):
    text, journey, edit = case
    assert read_back(text) == journey
    assert save(text, copy.deepcopy(journey)) == text  # nothing edited: the same bytes
    edited = copy.deepcopy(journey)
    edit.apply(edited)
    result = save(text, edited)
    assert read_back(result) == read_back_of(edited)
    stray = changed_lines(text, result) - allowed_lines(text, edit)
    assert not stray, [text.splitlines()[line] for line in sorted(stray)]


def read_back_of(journey: dict) -> dict:
    """The edited journey as the model holds it (the editor validates before it saves)."""
    return plain(Journey.model_validate(journey))
