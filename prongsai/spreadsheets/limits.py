"""How much of an uploaded file the readers may look at.

Every import reads through these limits (one set per import kind, defaults below): the file's
size, then — for ZIP packages (XLSX, DOCX, PPTX) — the members' count, their total size once
unpacked and their compression ratio, all from the ZIP directory before any parser opens a member;
then rows, columns and cell length while reading, and a deadline. Python's ``zipfile`` never
unpacks more than a member's declared size (a member that lies fails its CRC check), so checking
the declared sizes bounds the real work.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int = 10 * MIB  # the file as uploaded
    max_entries: int = 2_000  # members of a ZIP package
    max_unpacked: int = 100 * MIB  # all members together, once unpacked
    # Unpacked ÷ packed size. Real sheets and documents compress 5–20 times; a "zip bomb" packs
    # gigabytes into a few kilobytes (ratios of 1,000 and more).
    max_ratio: int = 100
    ratio_floor: int = 1 * MIB  # members (and files) smaller than this are not ratio-checked
    max_rows: int = 20_000  # per table, header included
    max_columns: int = 200  # columns with content, per table
    max_cell_chars: int = 32_767  # Excel's own limit for the text of one cell
    max_tables: int = 100  # sheets of a workbook, tables of a document
    max_seconds: float = 60.0  # reading stops (and refuses the file) after this long


DEFAULT_LIMITS = ReadLimits()
