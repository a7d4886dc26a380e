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
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache

from prongsai.core.thai_dates import arabic_digits

MAX_SEGMENTED_CHARS = 300_000  # longer texts are matched on the characters alone
SHORT_CLUSTERS = 2

_THAI = "\u0e00-\u0e7f"
_SPACES = re.compile(r"[\s\u200b\u00a0]+")
_BETWEEN_THAI = re.compile(rf" (?<=[{_THAI}] )(?=[{_THAI}])")  # starts with the space: found fast


_THAI_DIGIT = re.compile("[\u0e50-\u0e59]")
_THAI_RUN = re.compile(f"[{_THAI}]+")


def plain_digits(text: str) -> str:
    """Thai digits as 0–9; a text without any is returned as it is (``str.translate`` looks up
    every character, the search only skips through them)."""
    return arabic_digits(text) if _THAI_DIGIT.search(text) else text


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", plain_digits(text)).lower()
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


CACHED_RUN_CHARS = 2_000  # runs up to this long are remembered across texts


def _run_clusters(run: str, after: str) -> frozenset[int]:
    if len(run) <= CACHED_RUN_CHARS:
        return _short_run_clusters(run, after)
    return _segment_run(run, after)


@lru_cache(maxsize=8192)
def _short_run_clusters(run: str, after: str) -> frozenset[int]:
    return _segment_run(run, after)


def _segment_run(run: str, after: str) -> frozenset[int]:
    """The cluster edges inside one run of Thai characters (offsets from its start).

    The TCC rules consume Thai characters only, so every run starts a cluster and its clusters
    depend on the run alone and on what follows it (one rule looks ahead at the next letter or
    the text's end): ``after`` is ``" "`` when more text follows, ``""`` at the end. That is
    pythainlp's own segmentation of the whole text, done on one run (tables repeat the same runs,
    so they are segmented once)."""
    from pythainlp.tokenize import subword_tokenize

    return _cuts(subword_tokenize(run + after, engine="tcc", keep_whitespace=True))


class Matcher:
    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        self._runs: dict[int, frozenset[int]] = {}  # a Thai run's start → its cluster edges

    @cached_property
    def _thai_runs(self) -> tuple[list[int], list[int]]:
        starts: list[int] = []
        ends: list[int] = []
        for run in _THAI_RUN.finditer(self.text):
            starts.append(run.start())
            ends.append(run.end())
        return starts, ends

    def _in_cluster_edges(self, index: int) -> bool:
        """Is ``index`` (between two Thai characters) a cluster edge? Only the run of Thai
        around ``index`` is segmented, and only when a phrase was found there."""
        starts, ends = self._thai_runs
        which = bisect_right(starts, index - 1) - 1
        start, end = starts[which], ends[which]
        cuts = self._runs.get(start)
        if cuts is None:
            text = self.text
            after = "" if end == len(text) else (text[end:] if text[end:] == "\n" else " ")
            cuts = self._runs[start] = _run_clusters(text[start:end], after)
        return (index - start) in cuts

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
        if len(self.text) > MAX_SEGMENTED_CHARS:
            return True
        if short:
            bounds = self.words
            return bounds is None or index in bounds
        return self._in_cluster_edges(index)

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
