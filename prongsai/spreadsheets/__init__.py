"""Spreadsheets in and out, for every import and export.

* ``reader.read_tables(data, name=…, accept=("xlsx", "csv"[, "docx"]), limits=ReadLimits(…))`` →
  ``SpreadsheetFile(kind, tables)``; each ``Table`` has typed ``rows``, ``row_numbers`` and
  ``merged`` ranges, and ``texts(merged="first"|"fill"|"none")``. Raises ``UnreadableFile``.
* ``archives.check_archive(data_or_handle, limits=…)``: a ZIP package's directory checked (members,
  unpacked size, ratio) before anything unpacks it (also for uploaded Office evidence).
* ``cells``: ``cell_text``, ``normalize``, ``squash``, ``parse_amount``, ``parse_integer``,
  ``parse_day``, ``expand_ranges``, ``CellError``; ``formula_escape`` / ``formula_unescape``.
* ``headers``: ``Field``, ``FieldSet``, ``match_headers``, ``find_header``, ``compose_headers``,
  ``normalize_header``, ``NOTE`` / ``IGNORE``.
* ``forms.ColumnMappingForm`` + ``templates/spreadsheets/_column_mapping.html``: the preview
  page's column selects; ``services.column_mappings_remember`` /
  ``selectors.remembered_mappings``: choices remembered per unit and import kind.
* ``pending``: the uploaded file kept between preview and confirmation.
* ``writer``: ``new_workbook``, ``new_sheet``, ``append_row``, ``write_cell``, ``workbook_bytes``,
  ``csv_bytes`` — formula-injection escaping and control-character cleaning for every export.
"""
