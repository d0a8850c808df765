"""``ple import``: start from what the government already publishes."""

from __future__ import annotations

import click


@click.group("import")
def import_group() -> None:
    """Import public data sets into a workspace (see docs/real-data.md)."""
