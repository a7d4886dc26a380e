"""Thai search over a unit's public pages and news.

Text is cut into words by pythainlp (``newmm``, its bundled dictionary: no network) when it is
indexed and when it is asked for, so a word written inside a longer unspaced Thai phrase is found.
The words are stored space-joined and lower-cased (``SearchDocument.words``) and matched as whole
words, all of them: SQLite through an FTS5 table (``ascii`` tokenizer: a space separates words,
every Thai character is a word character), PostgreSQL through a GIN-indexed
``array_to_tsvector`` of the same words (no parser, no stemming) — the same hits on both.
:func:`search` is the one selector; snippets are highlighted in Python, the same on both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection, transaction

from prongsai.organizations.models import Unit

from .models import SearchDocument

MAX_QUERY_WORDS = 12
MAX_RESULTS = 50
_WORDY = re.compile(r"\w", re.UNICODE)


@lru_cache(maxsize=1)
def _tokenize():  # type: ignore[no-untyped-def]
    from pythainlp.tokenize import word_tokenize  # ~1 s to import: only when first needed

    return word_tokenize


def words_of(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without spaces and punctuation."""
    if not text:
        return []
    tokens = _tokenize()(text, engine="newmm", keep_whitespace=False)
    return [t.strip().lower() for t in tokens if t.strip() and _WORDY.search(t)]


@lru_cache(maxsize=1)
def _dictionary():  # type: ignore[no-untyped-def]
    from pythainlp.corpus.common import thai_words
    from pythainlp.util import Trie

    return Trie(thai_words())


def index_words(text: str) -> list[str]:
    """The words of ``text`` and, for each compound the segmenter keeps whole that splits into two
    dictionary words (``ให้บริการ`` = ``ให้`` + ``บริการ``), those two: a query for the shorter
    word finds it."""
    words = words_of(text)
    trie = _dictionary()
    out = list(words)
    for word in set(words):
        for cut in range(2, len(word) - 1):
            head, tail = word[:cut], word[cut:]
            if head in trie and tail in trie:
                out += [head, tail]
    return list(dict.fromkeys(out))


def _fts_table_exists() -> bool:
    return connection.vendor == "sqlite"


def index_document(
    *, unit: Unit, key: str, url: str, title: str, body: str, published_on: dt.date | None
) -> None:
    """Add or replace one page in the index (inside the caller's transaction)."""
    words = " ".join(index_words(f"{title}\n{body}"))
    doc, _created = SearchDocument.objects.update_or_create(
        unit=unit,
        key=key,
        defaults={
            "url": url,
            "title": title[:300],
            "body": body,
            "words": words,
            "published_on": published_on,
        },
    )
    if _fts_table_exists():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM website_search_fts WHERE rowid = %s", [doc.pk])
            cursor.execute(
                "INSERT INTO website_search_fts (rowid, words) VALUES (%s, %s)", [doc.pk, words]
            )


def remove_document(*, unit: Unit, key: str) -> None:
    ids = list(SearchDocument.objects.filter(unit=unit, key=key).values_list("pk", flat=True))
    if ids and _fts_table_exists():
        with connection.cursor() as cursor:
            for pk in ids:
                cursor.execute("DELETE FROM website_search_fts WHERE rowid = %s", [pk])
    SearchDocument.objects.filter(pk__in=ids).delete()


@dataclass(frozen=True)
class Part:
    text: str
    mark: bool


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    published_on: dt.date | None
    snippet: list[Part]


def _matching_ids(unit: Unit, words: list[str]) -> list[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            cursor.execute(
                "SELECT d.id FROM website_search_fts f JOIN website_searchdocument d"
                " ON d.id = f.rowid WHERE website_search_fts MATCH %s AND d.unit_id = %s"
                " ORDER BY d.published_on DESC, d.id LIMIT %s",
                [match, unit.pk.hex, MAX_RESULTS],
            )
        else:
            query = " & ".join(
                "'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in words
            )
            cursor.execute(
                "SELECT id FROM website_searchdocument WHERE unit_id = %s AND"
                " array_to_tsvector(string_to_array(words, ' ')) @@ CAST(%s AS tsquery)"
                " ORDER BY published_on DESC NULLS LAST, id LIMIT %s",
                [unit.pk, query, MAX_RESULTS],
            )
        return [row[0] for row in cursor.fetchall()]


def snippet(body: str, words: list[str], *, width: int = 160) -> list[Part]:
    """A piece of ``body`` around the first word found, every occurrence of the words marked."""
    lower = body.lower()
    found = [i for i in (lower.find(w) for w in words) if i >= 0]
    start = max(0, min(found) - width // 3) if found else 0
    piece = body[start : start + width]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + width < len(body) else ""
    if not words:
        return [Part(prefix + piece + suffix, False)]
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    parts: list[Part] = [Part(prefix, False)] if prefix else []
    pos = 0
    for m in pattern.finditer(piece):
        if m.start() > pos:
            parts.append(Part(piece[pos : m.start()], False))
        parts.append(Part(m.group(0), True))
        pos = m.end()
    if pos < len(piece):
        parts.append(Part(piece[pos:], False))
    if suffix:
        parts.append(Part(suffix, False))
    return parts


def search(unit: Unit, query: str) -> list[Hit]:
    """The unit's public pages and news that contain every word of ``query``, newest first."""
    words = list(dict.fromkeys(words_of(query[:200])))[:MAX_QUERY_WORDS]
    if not words:
        return []
    ids = _matching_ids(unit, words)
    docs = SearchDocument.objects.in_bulk(ids)
    return [
        Hit(d.title, d.url, d.published_on, snippet(d.body, words))
        for d in (docs[i] for i in ids if i in docs)
    ]


@transaction.atomic
def reindex_unit(unit: Unit) -> int:
    """Index every public page and post of the unit again (``manage.py website_reindex``)."""
    from .indexing import index_everything

    return index_everything(unit)
