"""Tables of a Word document (DOCX) as :class:`~prongsai.spreadsheets.reader.Table` objects.

Plans (and the registers to come) are often kept as Word tables: one table per page, merged
continuation cells, a header row repeated per page. A horizontally merged cell (``gridSpan``)
and a vertical merge (``vMerge``) become :class:`MergedRange` blocks, so ``Table.texts()`` reads
them as the spreadsheet reader reads merged cells. The package is checked (see ``archives``)
before python-docx opens it; rows and columns are counted against the limits.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from django.utils.translation import gettext as _

from .archives import check_archive
from .cells import CellValue, strip_control
from .errors import UnreadableFile
from .limits import DEFAULT_LIMITS, ReadLimits
from .reader import MergedRange, Table


def read_docx_tables(
    data: bytes,
    *,
    limits: ReadLimits = DEFAULT_LIMITS,
    check_time: Callable[[], None] = lambda: None,
) -> list[Table]:
    """Every top-level table of the document, in order."""
    from docx import Document
    from docx.table import _Cell

    check_archive(data, limits=limits)
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise UnreadableFile(
            _("The Word file could not be opened: %(error)s") % {"error": exc.__class__.__name__}
        ) from exc
    tables: list[Table] = []
    for number, docx_table in enumerate(document.tables, start=1):
        if number > limits.max_tables:
            raise UnreadableFile(
                _("The document has more than %(max)s tables.") % {"max": limits.max_tables}
            )
        label = _("Table %(n)s") % {"n": number}
        table = Table(label=label)
        open_blocks: dict[int, list[int]] = {}  # first column → [top row, last row, last column]
        for row_number, tr in enumerate(docx_table._tbl.tr_lst, start=1):
            check_time()
            if row_number > limits.max_rows:
                raise UnreadableFile(
                    _("%(where)s has more than %(max)s rows; split it into several files.")
                    % {"where": label, "max": f"{limits.max_rows:,}"}
                )
            cells: list[CellValue] = [None] * tr.grid_before
            for tc in tr.tc_lst:
                column = len(cells) + 1
                span = tc.grid_span
                if tc.vMerge == "continue":
                    cells.append(None)
                    if column in open_blocks:
                        open_blocks[column][1] = row_number
                else:
                    text = "\n".join(p.text for p in _Cell(tc, docx_table).paragraphs).strip()
                    if len(text) > limits.max_cell_chars:
                        raise UnreadableFile(
                            _("%(where)s, row %(row)s: a cell holds more than %(max)s characters.")
                            % {
                                "where": label,
                                "row": row_number,
                                "max": f"{limits.max_cell_chars:,}",
                            }
                        )
                    cells.append(strip_control(text))
                    if tc.vMerge == "restart" or span > 1:
                        _close(table, open_blocks, column)
                        open_blocks[column] = [row_number, row_number, column + span - 1]
                    else:
                        _close(table, open_blocks, column)
                cells.extend([None] * (span - 1))
                if len(cells) > limits.max_columns:
                    raise UnreadableFile(
                        _("%(where)s, row %(row)s: more than %(max)s columns.")
                        % {"where": label, "row": row_number, "max": limits.max_columns}
                    )
            table.rows.append(cells)
            table.row_numbers.append(row_number)
        for column in list(open_blocks):
            _close(table, open_blocks, column)
        width = table.width
        for cells in table.rows:
            cells.extend([None] * (width - len(cells)))
        tables.append(table)
    return tables


def _close(table: Table, open_blocks: dict[int, list[int]], column: int) -> None:
    block = open_blocks.pop(column, None)
    if block is None:
        return
    top, bottom, last_column = block
    if bottom > top or last_column > column:
        table.merged.append(MergedRange(top, column, bottom, last_column))
