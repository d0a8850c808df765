"""The built-in export formats, one module each. Importing this package registers them.

To add a format: write a module here with one ``@exporter`` render function, import it
below, and add its reader test to ``tests/export``.
"""

from ple.export.formats import (  # noqa: F401 - imported to register
    brief,
    drawio,
    graph_files,
    mermaid,
    page,
    tables,
)
