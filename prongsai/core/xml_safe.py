"""Text that XML can carry. DOCX (lxml) refuses, and HTML parsers mangle, the C0 control
characters (except tab, line feed, carriage return), lone surrogates and U+FFFE/U+FFFF. Rows
stored before the forms refused them (or written straight into the database) must still render,
so every document renderer passes its text through :func:`xml_safe` (the DOCX helper and the PDF
path do it for all their callers)."""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (they are dropped, not replaced)."""
    return _NOT_XML.sub("", text)
