"""One entry point for the renderers, used by the generated-document kind (``document_kinds.py``),
which the web and the ``ita_report`` command both render through."""

from __future__ import annotations

from .builder import Report

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render_report(report: Report, fmt: str) -> bytes:
    if fmt == "docx":
        from .render_docx import render_docx

        return render_docx(report)
    if fmt == "pdf":
        from .render_pdf import render_pdf

        return render_pdf(report)
    raise ValueError(f"unknown report format {fmt!r} (docx or pdf)")
