"""The journey as one YAML file that is a workspace by itself: the journey and the
agencies, programs and data items it names (``ple validate FILE`` reads it alone).

This is what to send a colleague or attach to a ticket: it opens in any text editor, loads
in ``ple`` and uploads on the app's Edit page. Fields are written in the model's order,
defaults left out, lists of words on one line, in the style of the bundled files.
"""

from __future__ import annotations

from ple.edit import yamltext
from ple.export.registry import Artifact, ExportContext, exporter
from ple.sheets.closure import needed_catalog, plain


def journey_yaml(context: ExportContext) -> str:
    journey = context.journey
    header = "# A journey and the catalog entries it names: a workspace by itself.\n"
    # The legal basis for sharing its items between its agencies travels with it.
    catalog = needed_catalog(context.workspace, journey)
    return header + yamltext.standalone(plain(journey), catalog)


@exporter(
    "yaml",
    ".yaml",
    "application/yaml",
    "the journey as one YAML file with the agencies, programs and data items it "
    "names: a workspace by itself, to share or upload",
)
def render_yaml(context: ExportContext) -> list[Artifact]:
    return [Artifact(journey_yaml(context).encode("utf-8"))]
