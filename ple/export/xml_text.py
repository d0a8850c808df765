"""Text that any XML file can hold, for the exporters that write XML."""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold at all, not even as ``&#...;``
    (control characters other than tab and line breaks, such as a pasted form feed):
    each becomes a space, so the file stays well-formed."""
    return _NOT_XML.sub(" ", text)
