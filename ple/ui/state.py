"""The loaded workspace, cached on its content so reruns and page switches are instant.

``st.cache_resource`` hands every session the same objects: the workspace, the
graph and the gap report are built once per content fingerprint and treated as
read-only (nothing in the app mutates them).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import networkx as nx
import streamlit as st

from ple.gaps import GapReport, analyze
from ple.graph import build_graph
from ple.io import LoadResult, load_workspace
from ple.io.fingerprint import workspace_fingerprint
from ple.model import Workspace
from ple.query import NetworkxBackend

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

    @property
    def backend(self) -> NetworkxBackend:
        return NetworkxBackend(self.graph)


def default_path() -> str:
    """``PLE_WORKSPACE``, else the first argument after ``--``, else the bundled data."""
    if os.environ.get("PLE_WORKSPACE"):
        return os.environ["PLE_WORKSPACE"]
    return sys.argv[1] if len(sys.argv) > 1 else DEFAULT_WORKSPACE


@st.cache_resource(show_spinner="Loading the workspace…", max_entries=4)
def _load(path: str, fingerprint: str) -> Loaded:
    result = load_workspace(path)
    workspace = result.usable or Workspace()
    return Loaded(path, fingerprint, result, workspace, build_graph(workspace),
                  analyze(workspace))


def current() -> Loaded:
    """The workspace chosen in the sidebar, loaded (or taken from the cache)."""
    path = st.session_state.get("workspace_path") or default_path()
    return _load(path, workspace_fingerprint(path))
