"""What text the product accepts: which characters, and how long.

Pure functions (no forms, no ORM), shared by every form field (``form_fields.py`` applies them to
each ``forms.CharField``) and by services and importers that take text from elsewhere.

*Characters.* C0 and C1 control characters other than tab, line feed and carriage return, lone
surrogates and Unicode noncharacters carry no meaning in what officers write, are invisible on
screen and are not allowed in XML: one of them in a stored row breaks every XLSX and DOCX that
contains it. They are refused. Characters that Python treats as line boundaries (vertical tab
and form feed from Word, U+2028/U+2029, NEL, the information separators) are line breaks the
writer meant, and become a line feed.

*Length.* Every text has a limit by its kind (``TextLength``); a field that declares a smaller
``max_length`` keeps it.
"""

from __future__ import annotations

import re
from enum import IntEnum

from django.utils.translation import gettext as _


class TextLength(IntEnum):
    """Longest text, in characters, of each kind of field."""

    SINGLE_LINE = 2_000  # a one-line input: a name, a title, a code, a password, a web address
    PARAGRAPH = 5_000  # a text area: an activity, an answer, a note (the seed's longest is 1,243)
    RICH_TEXT = 200_000  # the HTML of a page written in the editor, markup included


# Line boundaries of str.splitlines() other than \n and \r (kept: a browser sends \r\n).
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_REFUSED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"  # C0 and C1 controls but \t \n \r (and the above)
    "\ud800-\udfff"  # lone surrogates (only reach us from code, never as UTF-8)
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters of the basic plane …
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"  # … and the last two code points of every other plane
)


def normalise_line_breaks(text: str) -> str:
    return _LINE_BREAKS.sub("\n", text)


def refused_characters(text: str) -> list[str]:
    """The distinct refused characters of ``text``, in order of appearance."""
    return list(dict.fromkeys(_REFUSED.findall(text)))


def without_refused_characters(text: str) -> str:
    return _REFUSED.sub("", normalise_line_breaks(text))


def describe_characters(characters: list[str], *, most: int = 3) -> str:
    """``U+001B, U+0007`` — how a message names characters nobody can see."""
    named = ", ".join(f"U+{ord(c):04X}" for c in characters[:most])
    return named + (" …" if len(characters) > most else "")


def refused_characters_message(characters: list[str]) -> str:
    return _(
        "This text contains invisible control characters (%(characters)s), for example from "
        "text copied out of a PDF. They have been removed from the field: check the text and "
        "save again."
    ) % {"characters": describe_characters(characters)}


def too_long_message(*, limit: int, length: int) -> str:
    return _("This text is too long: at most %(limit)s characters (it has %(length)s).") % {
        "limit": f"{limit:,}",
        "length": f"{length:,}",
    }


def text_problems(text: str, *, limit: int) -> list[str]:
    """Messages for what is wrong with ``text`` (after normalising its line breaks); empty when
    it may be stored. For services and importers; forms get the same through their fields."""
    problems = []
    refused = refused_characters(text)
    if refused:
        problems.append(refused_characters_message(refused))
    if len(text) > limit:
        problems.append(too_long_message(limit=limit, length=len(text)))
    return problems
