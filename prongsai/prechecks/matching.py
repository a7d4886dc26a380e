"""Finding a criterion's elements in a text, with Thai segmentation.

Thai is written without spaces between words, and documents break lines and insert spaces in
odd places. Both the text and each phrase are normalised the same way (Arabic digits, NFC,
lower case, no zero-width spaces, no spaces between two Thai characters), so a phrase matches
across spacing and line breaks.

Where a match may start and end comes from ``pythainlp``:

* never inside a Thai character cluster (TCC: a consonant with its vowels and tone marks), so
  "กำ" is not found in "กำลัง" split after "ก";
* a short phrase (one or two clusters, e.g. "ยศ", "ภาพ") only on word boundaries of the newmm
  segmenter, so it is not found inside a longer word ("ตา" in "ตาม");
* Latin words only at word edges ("line" is not found in "online").

Longer Thai phrases may end inside one of the segmenter's compound words: the stock dictionary
holds "รับสินบน" and "การประเมินผล" as single words, and "สินบน" or "ประเมินผล" must still be found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache

from prongsai.core.thai_dates import arabic_digits

MAX_SEGMENTED_CHARS = 300_000  # longer texts are matched on the characters alone
SHORT_CLUSTERS = 2

_THAI = "\u0e00-\u0e7f"
_SPACES = re.compile(r"[\s\u200b\u00a0]+")
_BETWEEN_THAI = re.compile(rf"(?<=[{_THAI}]) (?=[{_THAI}])")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", arabic_digits(text)).lower()
    text = _SPACES.sub(" ", text)
    return _BETWEEN_THAI.sub("", text).strip()


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _is_latin_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _cuts(tokens: Iterable[str]) -> frozenset[int]:
    cuts = {0}
    position = 0
    for token in tokens:
        position += len(token)
        cuts.add(position)
    return frozenset(cuts)


@lru_cache(maxsize=4096)
def _phrase(phrase: str) -> tuple[str, bool]:
    """A criterion's phrase normalised, and whether it is short (matched on word edges only).
    The same few phrases are looked for in every page: worked out once each."""
    wanted = normalise(phrase)
    short = False
    if any(_is_thai(c) for c in wanted):
        from pythainlp.tokenize import subword_tokenize

        short = len(subword_tokenize(wanted, engine="tcc")) <= SHORT_CLUSTERS
    return wanted, short


class Matcher:
    def __init__(self, text: str) -> None:
        self.text = normalise(text)

    @cached_property
    def clusters(self) -> frozenset[int] | None:
        if len(self.text) > MAX_SEGMENTED_CHARS:
            return None
        from pythainlp.tokenize import subword_tokenize

        return _cuts(subword_tokenize(self.text, engine="tcc", keep_whitespace=True))

    @cached_property
    def words(self) -> frozenset[int] | None:
        if len(self.text) > MAX_SEGMENTED_CHARS:
            return None
        from pythainlp.tokenize import word_tokenize

        return _cuts(word_tokenize(self.text, engine="newmm", keep_whitespace=True))

    def _edge_ok(self, index: int, *, start: bool, short: bool) -> bool:
        """May a match begin (``start``) or end at ``index``?"""
        if index <= 0 or index >= len(self.text):
            return True
        inner, outer = self.text[index], self.text[index - 1]
        if not start:
            inner, outer = outer, inner
        if _is_latin_word(inner):
            return not _is_latin_word(outer)
        if not _is_thai(inner) or not _is_thai(outer):
            return True
        bounds = self.words if short else self.clusters
        return bounds is None or index in bounds

    def has(self, phrase: str) -> bool:
        wanted, short = _phrase(phrase)
        if not wanted:
            return True
        start = self.text.find(wanted)
        while start != -1:
            end = start + len(wanted)
            if self._edge_ok(start, start=True, short=short) and self._edge_ok(
                end, start=False, short=short
            ):
                return True
            start = self.text.find(wanted, start + 1)
        return False

    def missing(self, entries: Iterable[Sequence[str]]) -> list[Sequence[str]]:
        """The entries (each a tuple of alternative phrases) none of whose phrases is found."""
        return [entry for entry in entries if not any(self.has(p) for p in entry)]
