"""Write edited content back into a YAML or JSON file, changing only what changed.

People keep journey files in git and review each other's changes, so a save must
not reformat a file. Three layers see to that, one module each (with a fourth for the
comments the second layer carries along):

1. :mod:`~ple.edit.yamltext.roundtrip`: ruamel.yaml's round trip keeps comments, key
   order, quoting and flow style, written with the file's own indentation;
2. :mod:`~ple.edit.yamltext.merge` updates the loaded document in place, guided by the
   model (:mod:`~ple.edit.yamltext.shape`): a value that means the same as before keeps
   its node (``20`` stays ``20`` when the table says ``20.0``; an explicit ``state:
   current`` stays although it is the default), list items are matched by id, so
   inserting a step adds lines instead of shifting every later step, and new keys go
   where the model lists them; :mod:`~ple.edit.yamltext.comments` keeps blank lines and
   comments where they were;
3. :mod:`~ple.edit.yamltext.patch` applies only the lines that changed to the original
   text, so whatever ruamel would normalize elsewhere (long lines folded by another tool,
   odd spacing) stays as it was.

An unchanged save gives the file's exact bytes; a one-cell edit changes one line.
"""

from ple.edit.yamltext.merge import (
    COLLECTION_MODELS,
    SIDE_KEYS,
    merge,
    merge_collection,
    merge_journey,
    standalone,
)
from ple.edit.yamltext.patch import minimal_patch, render
from ple.edit.yamltext.roundtrip import NotEditable, dump, guess_indent, load_round_trip
from ple.edit.yamltext.shape import build, plain, same

__all__ = [
    "COLLECTION_MODELS",
    "SIDE_KEYS",
    "NotEditable",
    "build",
    "dump",
    "guess_indent",
    "load_round_trip",
    "merge",
    "merge_collection",
    "merge_journey",
    "minimal_patch",
    "plain",
    "render",
    "same",
    "standalone",
]
