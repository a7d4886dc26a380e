"""Which column is which: header texts matched to an import's fields, as people write them.

Each import describes its fields once (:class:`FieldSet`: key, label, synonyms, required). A
header is compared after :func:`normalize_header` (no spaces, zero-width characters, punctuation or
list numbering; Thai digits as Arabic; Thai vowels in one Unicode form), first exactly against the
synonyms, then by similarity (:func:`similarity`: longest common blocks, and one text containing
the other). Every column gets a :class:`ColumnMatch` saying what it maps to and how sure that is;
fields are taken by one column at most, the best-scoring first.

A column the matcher is not sure of (no field close enough, two fields almost as close, a field
already taken) ``needs_choice``: the import's preview page asks the user
(``spreadsheets/_column_mapping.html`` with :class:`~prongsai.spreadsheets.forms.ColumnMappingForm`),
and the answer is remembered for the unit and the import kind
(:func:`~prongsai.spreadsheets.services.column_mappings_remember`), so the next file of the same
layout maps itself. A column can also be kept as a note (:data:`NOTE`, when the import has somewhere
to keep it) or ignored (:data:`IGNORE`).

Two-row headers (a merged "ราคา" over "ที่เสนอ" and "ที่ตกลง", as in procurement registers) are
composed into one text per column by :func:`compose_headers`; :func:`find_header` tries one- and
two-row headers in the first rows of a table and keeps the best.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from prongsai.core.thai_dates import arabic_digits

from .reader import Table, column_letter

NOTE = "+note"  # keep the column's text as a note of the row
IGNORE = "+ignore"  # leave the column out
AUTO_SCORE = 0.84  # at or above (and clearly ahead of the next field): mapped without asking
SUGGEST_SCORE = 0.55  # at or above: offered as the suggestion when the user is asked
MARGIN = 0.08  # the best field must lead the next one by this much to be taken without asking

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))
_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\d{1,2}\s)\s*(?=\D)")


def normalize_header(text: object) -> str:
    """``" ๑. ระยะเวลา\u200bแล้วเสร็จ (วัน/เดือน/ปี) "`` → ``"ระยะเวลาแล้วเสร็จวันเดือนปี"``."""
    raw = unicodedata.normalize("NFKC", str(text or "")).translate(_ZERO_WIDTH)
    raw = _NUMBERING.sub("", arabic_digits(raw))
    kept = (ch for ch in raw.lower() if unicodedata.category(ch)[0] in "LMN")
    return "".join(kept)


def similarity(a: str, b: str) -> float:
    """0–1 between two normalised headers: 1 when equal; high when one contains the other
    ("ผู้รับผิดชอบหลัก" ⊃ "ผู้รับผิดชอบ") or most of their letters line up ("ผลการดำเนินงาน" ~
    "ผลการดำเนินการ")."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and short in long_:
        ratio = max(ratio, 0.7 + 0.3 * len(short) / len(long_))
    return round(ratio, 3)


@dataclass(frozen=True)
class Field:
    key: str
    label: str | Promise  # shown in the column select
    synonyms: tuple[
        str, ...
    ] = ()  # header texts meaning this field; the first is what exports write
    required: bool = False

    @property
    def header(self) -> str:
        return self.synonyms[0] if self.synonyms else str(self.label)


@dataclass(frozen=True)
class FieldSet:
    kind: str  # what remembered mappings are filed under, e.g. "measures.plan", "surveys.eit"
    fields: tuple[Field, ...]
    notes: bool = False  # whether extra columns can be kept as a note

    def get(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    @property
    def required(self) -> list[Field]:
        return [f for f in self.fields if f.required]

    def targets(self) -> set[str]:
        return {f.key for f in self.fields} | {IGNORE} | ({NOTE} if self.notes else set())

    def with_fields(self, *extra: Field) -> FieldSet:
        return replace(self, fields=(*self.fields, *extra))


class How:
    EXACT = "exact"  # a synonym, letter for letter once normalised
    SIMILAR = "similar"  # close enough and clearly ahead: taken without asking
    REMEMBERED = "remembered"  # this unit mapped the same header before
    CHOSEN = "chosen"  # chosen by the user for this file
    UNSURE = "unsure"  # a suggestion: the user is asked
    UNKNOWN = "unknown"  # nothing close: the user is asked (a field, a note, or ignore)


HOW_LABELS = {
    How.EXACT: _("recognised"),
    How.SIMILAR: _("recognised (similar wording)"),
    How.REMEMBERED: _("as mapped before in this unit"),
    How.CHOSEN: _("as you chose"),
    How.UNSURE: _("please check"),
    How.UNKNOWN: _("not recognised: please choose"),
}


@dataclass
class ColumnMatch:
    index: int  # 0-based column in the table
    header: str  # as written in the file
    normalized: str
    target: str = ""  # a field key, NOTE, IGNORE, or "" (undecided)
    how: str = How.UNKNOWN
    score: float = 0.0
    candidates: list[tuple[str, float]] = field(default_factory=list)  # best fields first
    samples: list[str] = field(default_factory=list)  # a few values from the rows below

    @property
    def letter(self) -> str:
        return column_letter(self.index + 1)

    @property
    def needs_choice(self) -> bool:
        return self.how in (How.UNSURE, How.UNKNOWN)

    @property
    def how_label(self) -> str:
        return str(HOW_LABELS.get(self.how, ""))

    @property
    def suggestion(self) -> str:
        return self.target or (self.candidates[0][0] if self.candidates else "")


@dataclass
class HeaderMatch:
    fieldset: FieldSet
    columns: list[ColumnMatch]
    header_rows: int = 1  # how many rows the header took (2 for a merged two-row header)

    @property
    def by_index(self) -> dict[int, str]:
        """Column index → field key, for the columns decided as fields."""
        keys = {f.key for f in self.fieldset.fields}
        return {c.index: c.target for c in self.columns if c.target in keys and not c.needs_choice}

    @property
    def note_columns(self) -> list[ColumnMatch]:
        return [c for c in self.columns if c.target == NOTE and not c.needs_choice]

    @property
    def missing(self) -> list[Field]:
        mapped = set(self.by_index.values())
        return [f for f in self.fieldset.required if f.key not in mapped]

    @property
    def needs_choice(self) -> bool:
        return any(c.needs_choice for c in self.columns)

    @property
    def decided(self) -> int:
        """Columns mapped to a field with confidence (how good a candidate header row is)."""
        return len(self.by_index)

    def choices_made(self) -> dict[str, str]:
        """Normalised header → target, for the columns the user decided (to remember)."""
        return {c.normalized: c.target for c in self.columns if c.how == How.CHOSEN}


def match_headers(
    headers: Sequence[str],
    fieldset: FieldSet,
    *,
    remembered: Mapping[str, str] | None = None,
    chosen: Mapping[str, str] | None = None,
) -> HeaderMatch:
    """Map each non-empty header to a field (or a note, or nothing); see the module's doc."""
    remembered, chosen = remembered or {}, chosen or {}
    valid = fieldset.targets()
    synonyms = {
        f.key: [normalize_header(s) for s in (*f.synonyms, f.key, str(f.label))]
        for f in fieldset.fields
    }
    columns: list[ColumnMatch] = []
    taken: dict[str, ColumnMatch] = {}
    for index, header in enumerate(headers):
        normalized = normalize_header(header)
        if not normalized:
            continue
        column = ColumnMatch(index=index, header=str(header).strip(), normalized=normalized)
        scores = sorted(
            (
                (key, max(similarity(normalized, s) for s in texts))
                for key, texts in synonyms.items()
            ),
            key=lambda pair: -pair[1],
        )
        column.candidates = [(k, s) for k, s in scores if s >= SUGGEST_SCORE][:3]
        for source, how in ((chosen, How.CHOSEN), (remembered, How.REMEMBERED)):
            if source.get(normalized) in valid:
                column.target, column.how, column.score = source[normalized], how, 1.0
                break
        columns.append(column)
    # Decided columns first, then the rest by their best score: a field goes to one column only.
    for column in columns:
        if column.target in synonyms:
            if column.target in taken:
                column.how = How.UNSURE  # the user (or memory) gave one field to two columns
            else:
                taken[column.target] = column
    pending = [c for c in columns if not c.target]
    offers = sorted(
        ((score, -c.index, key, c) for c in pending for key, score in c.candidates),
        key=lambda offer: (offer[0], offer[1]),
        reverse=True,
    )
    for score, _index, key, column in offers:
        if column.target or key in taken:
            continue
        others = [s for k, s in column.candidates if k != key]
        clear = not others or score - others[0] >= MARGIN
        column.target, column.score = key, score
        if score == 1.0:
            column.how = How.EXACT
        elif score >= AUTO_SCORE and clear:
            column.how = How.SIMILAR
        else:
            column.how = How.UNSURE
        taken[key] = column
    for column in pending:
        if not column.target:
            column.how = How.UNKNOWN
            column.target = ""
    return HeaderMatch(fieldset=fieldset, columns=columns)


def compose_headers(rows: Sequence[Sequence[str]]) -> list[str]:
    """One header text per column from header rows read with merged blocks filled
    (``Table.texts(merged="fill")``): each column's distinct texts, top to bottom."""
    width = max((len(r) for r in rows), default=0)
    out = []
    for column in range(width):
        parts: list[str] = []
        for row in rows:
            text = row[column].strip() if column < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        out.append(" ".join(parts))
    return out


@dataclass
class FoundHeader:
    index: int  # the header's first row, as an index into ``table.rows``
    match: HeaderMatch

    @property
    def body_start(self) -> int:
        return self.index + self.match.header_rows


def find_header(
    table: Table,
    fieldset: FieldSet,
    *,
    scan_rows: int = 5,
    min_fields: int = 3,
    remembered: Mapping[str, str] | None = None,
    chosen: Mapping[str, str] | None = None,
    samples: int = 3,
) -> FoundHeader | None:
    """The most convincing header in the first ``scan_rows`` rows (one row, or two rows when
    the upper one has merged blocks): the one mapping the most fields, at least ``min_fields``."""
    filled = table.texts(merged="fill")
    best: FoundHeader | None = None
    for index in range(min(scan_rows, len(filled))):
        candidates = [(1, filled[index])]
        if index + 1 < len(filled) and _has_merged_block(table, index):
            candidates.append((2, compose_headers(filled[index : index + 2])))
        for rows, headers in candidates:
            match = match_headers(headers, fieldset, remembered=remembered, chosen=chosen)
            match.header_rows = rows
            if _quality(match) >= min_fields and (
                best is None or _quality(match) > _quality(best.match)
            ):
                best = FoundHeader(index=index, match=match)
    if best is not None and samples:
        texts = table.texts()
        body = texts[best.body_start : best.body_start + 50]
        for column in best.match.columns:
            values = [r[column.index] for r in body if column.index < len(r) and r[column.index]]
            column.samples = [v[:80] for v in values[:samples]]
    return best


def _quality(match: HeaderMatch) -> float:
    """How much a row looks like the header: fields it maps surely, and half for each guess."""
    return match.decided + sum(1 for c in match.columns if c.how == How.UNSURE) / 2


def _has_merged_block(table: Table, index: int) -> bool:
    number = table.row_numbers[index]
    return any(b.min_row == number and b.max_col > b.min_col for b in table.merged) or any(
        b.min_row == number and b.max_row > number for b in table.merged
    )


def is_header_row(cells: Sequence[str], match: HeaderMatch) -> bool:
    """A row repeating the header (Word repeats it on every page)."""
    texts = {c.index: c.normalized for c in match.columns}
    same = sum(
        1 for i, text in enumerate(cells) if i in texts and normalize_header(text) == texts[i]
    )
    return same >= min(3, len(texts))
