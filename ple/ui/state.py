"""The loaded workspace, cached on its content so reruns and page switches are instant.

``st.cache_resource`` hands every session the same objects: the workspace, the
graph and the gap report are built once per content fingerprint and treated as
read-only (nothing in the app mutates them).

The workspace comes from files (the default), or, when ``PLE_BACKEND`` is ``neo4j`` or
``falkordb`` (set by ``ple app --backend``, the environment or Streamlit secrets), from
the graph database it was synced to: then one small query per rerun reads the database's
content fingerprint, the workspace is loaded again only when that changed, and the query
pages ask the server in Cypher. The database driver is shared by all sessions.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import streamlit as st

from ple.access import (
    Access,
    Refused,
    default_workspace,
    from_settings,
    workspace_folder,
)
from ple.access import person as person_of
from ple.gaps import GapReport, analyze
from ple.graph import build_graph
from ple.io import LoadResult, load_workspace
from ple.io.fingerprint import workspace_fingerprint
from ple.model import Workspace
from ple.query import NetworkxBackend, QueryBackend
from ple.signin import Person
from ple.store.config import StoreConfig, resolve
from ple.views.markdown import markdown_text

DEFAULT_WORKSPACE = "data"


@dataclass(frozen=True)
class Loaded:
    """Everything the pages read, built once per workspace content."""

    path: str
    fingerprint: str
    result: LoadResult
    workspace: Workspace
    """The valid part: every journey that has no errors."""
    graph: nx.MultiDiGraph
    report: GapReport
    store: Any = None
    """The database connection (``ple.store.Connection``) when the workspace lives in one."""

    @property
    def backend(self) -> QueryBackend:
        if self.store is not None:
            from ple.store import CypherBackend

            return CypherBackend(self.store)
        return NetworkxBackend(self.graph)


def secrets() -> Mapping[str, Any] | None:
    """Streamlit secrets (``.streamlit/secrets.toml``), or None when there are none."""
    try:
        return dict(st.secrets) if st.secrets.load_if_toml_exists() else None
    except Exception:  # an unreadable secrets file counts as none, like a missing one
        return None


def backend_name() -> str:
    """``PLE_BACKEND`` from the environment or the secrets; networkx (files) by default."""
    found = secrets() or {}
    return os.environ.get("PLE_BACKEND") or str(found.get("PLE_BACKEND") or "networkx")


def store_config() -> StoreConfig | None:
    """Where the database is, when the workspace comes from one (None: from files)."""
    backend = backend_name()
    if backend == "networkx":
        return None
    return resolve(backend, secrets=secrets())


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(backend: str, uri: str, database: str) -> Any:
    """One connection per database for every session (the driver is thread-safe)."""
    from ple.store import connect

    config = resolve(backend, uri=uri, database=database, secrets=secrets())
    return connect(config)


@st.cache_resource(show_spinner="Loading the workspace from the database…", max_entries=4)
def _load_store(_connection: Any, described: str, version: str) -> Loaded:
    from ple.store import load

    workspace = load(_connection)
    result = LoadResult(workspace, files=[], usable=workspace)
    return Loaded(
        described,
        version,
        result,
        workspace,
        build_graph(workspace),
        analyze(workspace),
        store=_connection,
    )


def access() -> Access:
    """Local or server mode, and the host names the app answers to (:mod:`ple.access`)."""
    return from_settings(secrets=secrets())


def person() -> Person:
    """Who is using the app in this session (:func:`ple.access.person`): the signed-in
    person when the server asks for sign-in, else the computer's own user. Every write
    of the Edit page passes it to the file store, which refuses viewers."""
    return person_of(access(), st.user.to_dict())


def default_path() -> str:
    """``PLE_WORKSPACE``, else the first argument after ``--``, else the bundled data; in
    server mode, that folder only when it lies inside a root (else the first root)."""
    wanted = os.environ.get("PLE_WORKSPACE") or (
        sys.argv[1] if len(sys.argv) > 1 else DEFAULT_WORKSPACE
    )
    return default_workspace(access(), wanted)


def chosen_path() -> tuple[str, str | None]:
    """The workspace typed in the sidebar if the app may open it, else the default; and
    why the typed one was refused (None: it was not)."""
    typed = st.session_state.get("workspace_path") or default_path()
    chosen = workspace_folder(access(), typed)
    if isinstance(chosen, Refused):
        return default_path(), chosen.message
    return str(chosen), None


@st.cache_resource(show_spinner="Loading the workspace…", max_entries=4)
def _load(path: str, fingerprint: str) -> Loaded:
    result = load_workspace(path)
    workspace = result.usable or Workspace()
    return Loaded(path, fingerprint, result, workspace, build_graph(workspace), analyze(workspace))


def current() -> Loaded:
    """The workspace chosen in the sidebar, loaded (or taken from the cache); or the
    database's. A database that cannot be read stops the page with one sentence."""
    from ple.store import StoreError, content_version

    try:
        config = store_config()
        if config is not None:
            connection = _connection(config.backend, config.uri, config.database)
            return _load_store(connection, config.describe(), content_version(connection))
    except StoreError as error:
        st.error(markdown_text(f"The workspace cannot be read: {error}."), icon=":material/error:")
        st.stop()
    path = chosen_path()[0]
    return _load(path, workspace_fingerprint(path))
