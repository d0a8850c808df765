"""The built-in export formats, one module each. Importing this package registers them.

To add a format: write a module here with one ``@exporter`` render function, import it
below, and add its reader test to ``tests/export``.
"""

# The swimlane pictures (svg, png, pdf) first: the Markdown brief embeds the png.
# isort: off
from ple.export.formats import swimlane  # noqa: F401 - imported to register

# isort: on
# The journey record's opportunities (journey-json) come from ple.opportunities.
from ple.export import opportunities  # noqa: F401 - imported to register
from ple.export.formats import (  # noqa: F401 - imported to register
    blueprint,
    blueprint_drawio,
    brief,
    drawio,
    graph_files,
    journey_json,
    mermaid,
    page,
    tables,
    text_page,
    xlsx,
    yaml_file,
)
