"""The one exception the readers raise: the file cannot be read, and the message says why."""

from __future__ import annotations


class UnreadableFile(ValueError):
    """A file the readers refuse; ``str(exc)`` is a message for the person who uploaded it
    (in the interface language), naming the sheet, row or cell when there is one."""
