"""``ple import``: start from what the government already publishes."""

from __future__ import annotations

import click


@click.group("import")
def import_group() -> None:
    """Import public data sets into a workspace (see docs/real-data.md)."""


# Each importer module registers its command on import_group when imported.
from ple.cli.imports import benefit_finder, hisp_cx, programs, xlsx  # noqa: E402, F401
