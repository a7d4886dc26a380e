"""Text out of fetched evidence: HTML, PDF, DOCX, XLSX, CSV, JSON and plain text.

Each reader is bounded: by the bytes it is given (the fetcher's cap), by pages or rows, by the
characters it keeps (:data:`MAX_TEXT_CHARS`) and by a deadline. Office files are opened only
after the product's ZIP checks (``prongsai.spreadsheets``: parts, unpacked size, ratio);
spreadsheets are read by the product's one reader. Thai text stays as it is (NFC).

PDFs made by the product carry each line's text as ``/ActualText`` (``core/pdf_text.py``):
when a page has such spans they are read instead of the glyph mapping, which garbles Thai.
"""

from __future__ import annotations

import io
import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import filetype

from prongsai.spreadsheets.archives import check_archive, read_member
from prongsai.spreadsheets.cells import cell_text
from prongsai.spreadsheets.errors import UnreadableFile
from prongsai.spreadsheets.limits import ReadLimits
from prongsai.spreadsheets.reader import read_tables

MAX_TEXT_CHARS = 300_000
MAX_PDF_PAGES = 300
MAX_SECONDS = 20.0
MAX_XML_BYTES = 30 * 1024 * 1024
SHEET_LIMITS = ReadLimits(max_bytes=30 * 1024 * 1024, max_rows=20_000, max_seconds=MAX_SECONDS)

HTML, PDF, DOCX, XLSX, CSV, JSON, TEXT, IMAGE, OTHER = (
    "html", "pdf", "docx", "xlsx", "csv", "json", "text", "image", "other",
)  # fmt: skip
MACHINE_READABLE_KINDS = frozenset({DOCX, XLSX, CSV, JSON})


@dataclass
class Extracted:
    kind: str
    title: str = ""
    headings: list[str] = field(default_factory=list)
    text: str = ""
    password_field: bool = False  # an HTML form asking for a password (a log-in wall)
    problem: str = ""  # why the text could not be read ("" when it could)

    @property
    def all_text(self) -> str:
        return "\n".join([self.title, *self.headings, self.text])


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u200b", "").replace("\xa0", " ")
    return text[:MAX_TEXT_CHARS]


def sniff(body: bytes, content_type: str = "") -> str:
    """The kind of a fetched body, from its content first and its declared type second."""
    head = body[:2048]
    declared = content_type.split(";")[0].strip().lower()
    if head.startswith(b"%PDF"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            names = {info.filename for info in check_archive(body)}
        except UnreadableFile:
            return OTHER
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        return OTHER
    # filetype tries its image kinds first, so this is what ``filetype.guess`` would say,
    # without trying every other kind it knows of.
    guess = filetype.image_match(head)
    if guess is not None and guess.mime.startswith("image/"):
        return IMAGE
    lowered = head.lstrip().lower()
    if declared in ("text/html", "application/xhtml+xml") or lowered.startswith(
        (b"<!doctype html", b"<html", b"<head", b"<body")
    ):
        return HTML
    if declared in ("application/json", "text/json") or declared.endswith("+json"):
        return JSON
    if declared in ("text/csv", "application/csv"):
        return CSV
    if declared.startswith("text/"):
        return TEXT
    return OTHER


def _decode(body: bytes, content_type: str = "") -> str:
    match = re.search(r"charset=([\w-]+)", content_type, re.I)
    for encoding in ([match.group(1)] if match else []) + ["utf-8", "tis-620", "cp874"]:
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


class _HtmlText(HTMLParser):
    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    CHROME = frozenset({"nav", "header", "footer", "aside"})
    BLOCKS = frozenset(
        {"p", "div", "li", "tr", "br", "td", "th", "section", "article", "main", "table"}
    )
    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.headings: list[str] = []
        self.body: list[str] = []
        self.main: list[str] = []
        self.password = False
        self._stack: list[str] = []
        self._skip = 0
        self._chrome = 0
        self._main = 0
        self._in_title = False
        self._heading: list[str] | None = None
        self._size = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input" and any(
            k == "type" and (v or "").lower() == "password" for k, v in attrs
        ):
            self.password = True
        if tag in ("br", "input", "img", "meta", "link", "hr"):
            if tag == "br":
                self._add("\n")
            return
        self._stack.append(tag)
        if tag in self.SKIP and tag != "head":
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self.CHROME:
            self._chrome += 1
        if tag in ("main", "article"):
            self._main += 1
        if tag in self.HEADINGS:
            self._heading = []
        if tag in self.BLOCKS:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return
        while self._stack:
            top = self._stack.pop()
            self._close(top)
            if top == tag:
                break

    def _close(self, tag: str) -> None:
        if tag in self.SKIP and tag != "head":
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self.CHROME:
            self._chrome -= 1
        if tag in ("main", "article"):
            self._main -= 1
        if tag in self.HEADINGS and self._heading is not None:
            heading = " ".join("".join(self._heading).split())
            if heading:
                self.headings.append(heading)
            self._heading = None
        if tag in self.BLOCKS:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
            return
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
        self._add(data)

    def _add(self, data: str) -> None:
        if self._size > MAX_TEXT_CHARS:
            return
        self._size += len(data)
        if not self._chrome:
            self.body.append(data)
        if self._main:
            self.main.append(data)


def _lines(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def html_text(body: bytes, content_type: str = "") -> Extracted:
    parser = _HtmlText()
    try:
        parser.feed(_decode(body[: MAX_TEXT_CHARS * 4], content_type))
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - the parser is lenient
        pass
    main = _lines("".join(parser.main))
    return Extracted(
        kind=HTML,
        title=_clean(" ".join("".join(parser.title).split())),
        headings=[_clean(h) for h in parser.headings[:200]],
        text=_clean(main or _lines("".join(parser.body))),
        password_field=parser.password,
    )


def _actual_texts(page: Any, reader: Any) -> list[str]:
    from pypdf.generic import ContentStream, DictionaryObject

    contents = page.get_contents()
    if contents is None:
        return []
    out: list[str] = []
    for operands, operator in ContentStream(contents, reader).operations:
        if operator == b"BDC" and len(operands) >= 2 and isinstance(operands[1], DictionaryObject):
            actual = operands[1].get("/ActualText")
            if actual is not None:
                out.append(str(actual))
    return out


def pdf_text(body: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    deadline = time.monotonic() + MAX_SECONDS
    try:
        reader = PdfReader(io.BytesIO(body), strict=False)
        if reader.is_encrypted:
            return Extracted(kind=PDF, problem="ไฟล์ PDF ถูกตั้งรหัสผ่าน ระบบอ่านเนื้อหาไม่ได้")
        pages: list[str] = []
        size = 0
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES or time.monotonic() > deadline or size > MAX_TEXT_CHARS:
                break
            spans = _actual_texts(page, reader)
            text = "\n".join(spans) if spans else (page.extract_text() or "")
            pages.append(text)
            size += len(text)
        title = ""
        meta = reader.metadata
        if meta is not None and meta.title:
            title = str(meta.title)
    except (PyPdfError, ValueError, TypeError, KeyError, OSError, RecursionError) as exc:
        return Extracted(kind=PDF, problem=f"อ่านไฟล์ PDF ไม่ได้ ({type(exc).__name__})")
    text = _clean("\n".join(pages))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Extracted(kind=PDF, title=_clean(title), headings=lines[:3], text=text)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(body: bytes) -> Extracted:
    from defusedxml import ElementTree

    try:
        xml = read_member(body, "word/document.xml", max_size=MAX_XML_BYTES)
    except UnreadableFile as exc:
        return Extracted(kind=DOCX, problem=str(exc))
    if xml is None:
        return Extracted(kind=DOCX, problem="อ่านไฟล์ Word ไม่ได้")
    try:
        root = ElementTree.fromstring(xml)
    except Exception as exc:  # defusedxml raises its own and ParseError; all mean "unreadable"
        return Extracted(kind=DOCX, problem=f"อ่านไฟล์ Word ไม่ได้ ({type(exc).__name__})")
    paragraphs: list[str] = []
    headings: list[str] = []
    size = 0
    for paragraph in root.iter(f"{W}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t")).strip()
        if not text:
            continue
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        name = (style.get(f"{W}val") or "") if style is not None else ""
        if name.lower().startswith(("heading", "title")):
            headings.append(text)
        paragraphs.append(text)
        size += len(text)
        if size > MAX_TEXT_CHARS:
            break
    return Extracted(
        kind=DOCX,
        title=_clean(headings[0] if headings else (paragraphs[0] if paragraphs else "")),
        headings=[_clean(h) for h in headings[:200]],
        text=_clean("\n".join(paragraphs)),
    )


def sheet_text(body: bytes, kind: str, name: str = "") -> Extracted:
    try:
        book = read_tables(body, name=name or kind, accept=(kind,), limits=SHEET_LIMITS)
    except UnreadableFile as exc:
        return Extracted(kind=kind, problem=str(exc))
    lines: list[str] = []
    size = 0
    for table in book.tables:
        if table.name:
            lines.append(table.name)
        for row in table.rows:
            line = " ".join(cell_text(v) for v in row if v is not None and cell_text(v))
            if line:
                lines.append(line)
                size += len(line)
            if size > MAX_TEXT_CHARS:
                break
    return Extracted(kind=kind, title=lines[0] if lines else "", text=_clean("\n".join(lines)))


def _json_strings(value: Any, out: list[str], depth: int = 0) -> None:
    if depth > 64 or sum(len(s) for s in out) > MAX_TEXT_CHARS:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            out.append(str(key))
            _json_strings(item, out, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _json_strings(item, out, depth + 1)
    elif value is not None:
        out.append(str(value))


def json_text(body: bytes) -> Extracted:
    try:
        data = json.loads(_decode(body))
    except (ValueError, RecursionError):
        return Extracted(kind=JSON, problem="อ่านไฟล์ JSON ไม่ได้")
    strings: list[str] = []
    _json_strings(data, strings)
    return Extracted(kind=JSON, text=_clean("\n".join(strings)))


def extract(body: bytes, content_type: str = "", *, name: str = "") -> Extracted:
    """The text of ``body`` (never raises; a problem is reported in ``Extracted.problem``)."""
    kind = sniff(body, content_type)
    if kind == HTML:
        return html_text(body, content_type)
    if kind == PDF:
        return pdf_text(body)
    if kind == DOCX:
        return docx_text(body)
    if kind in (XLSX, CSV):
        return sheet_text(body, kind, name)
    if kind == JSON:
        return json_text(body)
    if kind == TEXT:
        return Extracted(kind=TEXT, text=_clean(_decode(body, content_type)))
    return Extracted(kind=kind)
