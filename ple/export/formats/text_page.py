"""The accessible text page of a journey: the Section 508 companion of its printed map.

Headings by stage, steps as description lists, handoffs and findings as tables, the
handoff type and every unknown written in words: nothing only in colour or position.
One self-contained HTML file, no script and no request, for people who do not run the
tool and for screen readers. Written beside the ``html`` page as ``<journey>.text.html``.
"""

from __future__ import annotations

from ple.export.journey_sections import journey_intro, journey_sections
from ple.export.registry import Artifact, ExportContext, exporter
from ple.export.sections import accessible_page


def generate_text_page(context: ExportContext) -> str:
    journey = context.journey
    return accessible_page(
        journey.name,
        journey_sections(context),
        intro=journey_intro(journey),
        footer=f"Written by ple from the journey '{journey.id}'. The gap findings are "
        "those of this version of the map.",
    )


@exporter(
    "text-html",
    ".text.html",
    "text/html",
    "accessible text page: headings by stage, lists and tables, no map (Section 508 "
    "companion of the printed map)",
)
def render_text_page(context: ExportContext) -> list[Artifact]:
    return [Artifact(generate_text_page(context).encode("utf-8"))]
