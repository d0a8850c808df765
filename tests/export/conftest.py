"""Workspaces for the export tests, loaded once per session (read without the cache)."""

from __future__ import annotations

import pytest

from ple.model import Workspace
from tests.export.helpers import load, load_bundled, load_small, write_hostile


@pytest.fixture(scope="session")
def small_ws() -> Workspace:
    """tests/fixtures/small: journeys ``retirement`` and ``retirement-future``."""
    return load_small()


@pytest.fixture(scope="session")
def bundled_ws() -> Workspace:
    """The six life experiences bundled in data/."""
    return load_bundled()


@pytest.fixture(scope="session")
def hostile_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """One journey, ``hostile``, whose every user text is :data:`helpers.HOSTILE`."""
    return load(write_hostile(tmp_path_factory.mktemp("hostile")))
