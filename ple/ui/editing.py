"""Editable grids for the Edit page: one ``st.data_editor`` per table, kept in step with
the edit held in the session.

``st.data_editor`` keeps the user's changes as a delta against the data it was first
given, so that data must not change while the grid lives. Each grid therefore gets a
snapshot of its table when it is created, and a key with generation numbers; the
generation goes up (new keys, new snapshots) when the tables change from outside the
grids (a save, a reload, an edit on the map: every grid) or when one grid must be made
again (a row moved with its ``#`` column; a column that should now offer other choices:
only that grid, so the one being typed in keeps its cursor). Every run copies what the
grid shows back into the edit, so nothing is lost when the page is left and the grid
is created again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import streamlit as st

from ple.sheets.cells import NONE
from ple.sheets.convert import Row
from ple.sheets.schema import CHANNELS, HANDOFF_TYPES, Kind, Sheet
from ple.views.edit import NO, ORDER, YES, Choices, from_frame, moved, to_frame

COMMON_LANGUAGES = ["en", "es", "zh", "vi", "ko", "tl", "ru", "ar", "fr", "ht", "pt", "ase"]
COMMON_ACCOMMODATIONS = [
    "screen_reader",
    "large_print",
    "interpreter",
    "sign_language",
    "tty",
    "braille",
    "wheelchair_access",
]


def editor_key(scope: str, sheet: str, generation: int, own: int = 0) -> str:
    """The widget key of a grid, from the generation of all of ``scope``'s grids and the
    grid's ``own``; tests use it to send edits as the browser would."""
    return f"edit_{scope}_{sheet}_{generation}_{own}"


def generation(scope: str) -> int:
    return st.session_state.setdefault("edit_gen", {}).get(scope, 0)


def own_generation(scope: str, sheet: str) -> int:
    return st.session_state.setdefault("edit_sheet_gen", {}).get(f"{scope}/{sheet}", 0)


def current_key(scope: str, sheet: str) -> str:
    return editor_key(scope, sheet, generation(scope), own_generation(scope, sheet))


def restart(scope: str) -> None:
    """New grids for ``scope`` on the next run, made from the edit's tables."""
    gens = st.session_state.setdefault("edit_gen", {})
    gens[scope] = gens.get(scope, 0) + 1
    grids = st.session_state.setdefault("edit_grids", {})
    for key in [k for k in grids if k.startswith(f"edit_{scope}_")]:
        del grids[key]


def restart_sheet(scope: str, sheet: str) -> None:
    """A new grid for one sheet on the next run; the others keep theirs."""
    grids = st.session_state.setdefault("edit_grids", {})
    grids.pop(current_key(scope, sheet), None)
    gens = st.session_state.setdefault("edit_sheet_gen", {})
    gens[f"{scope}/{sheet}"] = own_generation(scope, sheet) + 1


def _signature(config: Mapping[str, Any]) -> str:
    """What a grid's columns offer, as a digest (the labelling functions left out)."""
    text = json.dumps(config, sort_keys=True, default=lambda _: None)
    return hashlib.sha256(text.encode()).hexdigest()


def _with_order(config: Mapping[str, Any]) -> dict[str, Any]:
    return {
        ORDER: st.column_config.NumberColumn(
            "#",
            width=48,
            help="Row order. Type a number between two others (2.5) to move a row there.",
            step=0.5,
            format="%g",
        ),
        **config,
    }


def grid(
    scope: str,
    sheet: Sheet,
    rows: list[Row],
    config: Mapping[str, Any],
    *,
    order: list[str] | None = None,
    extra: Iterable[str] = (),
    height: int | None = None,
    label: str | None = None,
) -> list[Row]:
    """Show ``rows`` in an editable grid and return them as the user left them.

    A grid keeps the column settings it was created with: Streamlit would start a grid
    afresh, dropping the changes it holds, if they changed under it. When what a column
    should offer changes (a new step to pick from), :func:`settle` makes new grids at
    the end of the run. Moving a row (a new number in ``#``) does the same.
    """
    extra = tuple(extra)
    key = current_key(scope, sheet.name)
    grids = st.session_state.setdefault("edit_grids", {})
    if key not in st.session_state or key not in grids:
        config = _with_order(config)
        grids[key] = (to_frame(rows, sheet, extra), config, _signature(config))
    snapshot, used, _ = grids[key]
    shown = st.data_editor(
        snapshot,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config=used,
        column_order=[ORDER, *(order or [*sheet.names, *extra])],
        height=height or "auto",
        placeholder="",
        alt=label or f"Editable table of {sheet.name.lower()}",
    )
    if moved(shown):
        st.session_state.setdefault("edit_restart", set()).add((scope, sheet.name))
    return from_frame(shown, sheet, extra)


def settle(scope: str, configs: Mapping[str, Mapping[str, Any]]) -> None:
    """After every grid of ``scope`` has handed over its changes: a new grid on a fresh
    run for each grid whose columns should now offer something else, or whose rows were
    moved."""
    grids = st.session_state.setdefault("edit_grids", {})
    again = st.session_state.setdefault("edit_restart", set())
    for sheet, config in configs.items():
        found = grids.get(current_key(scope, sheet))
        if found is not None and found[2] != _signature(_with_order(config)):
            again.add((scope, sheet))
    mine = {sheet for each_scope, sheet in again if each_scope == scope}
    if mine:
        again.difference_update({(scope, sheet) for sheet in mine})
        for sheet in mine:
            restart_sheet(scope, sheet)
        st.rerun()


def _with(values: Iterable[str], present: Iterable[Any]) -> list[str]:
    """The offered values, plus any value already in the table (so it still shows)."""
    chosen = [v for v in values if v]
    for value in present:
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, str) and item and item not in chosen:
                chosen.append(item)
    return chosen


def _labelled(labels: Mapping[str, str]) -> Callable[[str], str]:
    def label(value: str) -> str:
        name = labels.get(value)
        return f"{value} · {name}" if name and name.lower() != value.lower() else value

    return label


def _column(rows: list[Row], name: str) -> list[Any]:
    return [row.get(name) for row in rows]


def journey_config(sheet: Sheet, rows: list[Row], choices: Choices) -> dict[str, Any]:
    """Column settings for a journey table: lists to pick from wherever the format has a
    closed vocabulary or an id defined elsewhere."""
    cc = st.column_config
    config: dict[str, Any] = {}
    for column in sheet.columns:
        name = column.name
        present = _column(rows, name)
        helptext = column.help or None
        if name == "id":
            config[name] = cc.TextColumn(
                "id", help=("Lowercase letters, digits and hyphens; unique in the journey")
            )
        elif name in ("stage",):
            config[name] = cc.SelectboxColumn(
                name, options=_with(choices.stages, present), help="A stage from the Stages table"
            )
        elif name in ("agency",):
            config[name] = cc.SelectboxColumn(
                name,
                options=_with(choices.agencies, present),
                format_func=_labelled(choices.agencies),
                help="From the catalog",
            )
        elif name == "program":
            config[name] = cc.SelectboxColumn(
                name,
                options=_with(choices.programs, present),
                format_func=_labelled(choices.programs),
                help="From the catalog",
            )
        elif name in ("channels", "can_use_channels"):
            config[name] = cc.MultiselectColumn(
                name,
                options=_with([*CHANNELS, NONE], present),
                help=f"{helptext or ''} Pick (none) for a list known to be empty.".strip(),
            )
        elif name in ("languages", "can_use_languages"):
            config[name] = cc.MultiselectColumn(
                name,
                options=_with([*COMMON_LANGUAGES, NONE], present),
                accept_new_options=True,
                help=helptext,
            )
        elif name in ("accommodations", "needs"):
            config[name] = cc.MultiselectColumn(
                name,
                options=_with([*COMMON_ACCOMMODATIONS, NONE], present),
                accept_new_options=True,
                help=helptext,
            )
        elif name in ("requests", "shares"):
            config[name] = cc.MultiselectColumn(
                name,
                options=_with(choices.data_items, present),
                format_func=_labelled(choices.data_items),
                help=helptext,
            )
        elif name == "data_item":
            config[name] = cc.SelectboxColumn(
                name,
                options=_with(choices.data_items, present),
                format_func=_labelled(choices.data_items),
            )
        elif name == "personas":
            config[name] = cc.MultiselectColumn(
                name, options=_with([*choices.personas, NONE], present), help=helptext
            )
        elif name in ("from", "to", "step"):
            config[name] = cc.SelectboxColumn(
                name, options=_with(choices.steps, present), help="A step of this journey"
            )
        elif name == "handoff":
            config[name] = cc.SelectboxColumn(name, options=list(HANDOFF_TYPES), help=helptext)
        elif name == "channel":
            config[name] = cc.SelectboxColumn(name, options=list(CHANNELS))
        elif name == "rule":
            config[name] = cc.SelectboxColumn(
                name, options=_with(choices.rules, present), help="A gap rule id"
            )
        elif column.kind is Kind.lines or column.kind is Kind.words:
            config[name] = cc.ListColumn(name, help=helptext)
        elif column.kind in (Kind.number, Kind.whole):
            low, high, step = _bounds(name)
            config[name] = cc.NumberColumn(
                name, min_value=low, max_value=high, step=step, help=helptext
            )
        elif column.kind is Kind.flag:
            config[name] = cc.CheckboxColumn(name, help=helptext)
        else:
            config[name] = cc.TextColumn(
                name,
                help=helptext,
                width="medium" if name in ("name", "reason", "condition") else None,
            )
    return config


def _bounds(name: str) -> tuple[float | None, float | None, float | None]:
    if name == "sentiment":
        return -2, 2, 1
    if name == "share":
        return 0, 1, 0.05
    if name == "visits":
        return 0, None, 1
    if name in (
        "satisfaction",
        "trust",
        "effectiveness",
        "ease",
        "efficiency",
        "transparency",
        "employee",
    ):
        return 1, 5, 0.01
    return 0, None, None


def catalog_config(sheet: Sheet, rows: list[Row], choices: Choices) -> dict[str, Any]:
    """Column settings for a catalog table: the catalog's agencies (and, for a sharing
    record, its data items) to pick from, closed vocabularies as lists, and list columns
    (sources one per line) as lists."""
    cc = st.column_config
    config: dict[str, Any] = {}
    for column in sheet.columns:
        name = column.name
        present = _column(rows, name)
        helptext = column.help or None
        if name == "id":
            config[name] = cc.TextColumn("id", help="Lowercase letters, digits and hyphens")
        elif column.refers_to == "Agencies":
            config[name] = cc.SelectboxColumn(
                name,
                options=_with(choices.agencies, present),
                format_func=_labelled(choices.agencies),
                help=helptext,
            )
        elif column.refers_to == "DataItems":
            config[name] = cc.SelectboxColumn(
                name,
                options=_with(choices.data_items, present),
                format_func=_labelled(choices.data_items),
                help=helptext,
            )
        elif name == "hisp":
            config[name] = cc.SelectboxColumn(name, options=[YES, NO], help=column.help)
        elif column.choices:
            config[name] = cc.SelectboxColumn(name, options=list(column.choices), help=helptext)
        elif column.is_list:
            config[name] = cc.ListColumn(name, help=helptext)
        elif name == "assistance_listing":
            config[name] = cc.TextColumn(name, help=column.help)
        else:
            config[name] = cc.TextColumn(name, width="medium" if name == "name" else None)
    config["file"] = cc.SelectboxColumn(
        "file",
        options=_with(choices.files, _column(rows, "file")),
        help="The workspace file the entry is written in; new entries go where most of "
        "their kind are",
    )
    return config
