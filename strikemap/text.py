"""The shape of report text: sentences, the dateline, word tokens, with character offsets into the original.

Offsets always index the text as given, so every later stage can point back at it. ``case_folded`` is the
text as re.IGNORECASE reads it, for readers that look for their words in lowered text first.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .directions import AREA_PART_ALTERNATION

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt st no vs etc jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.n u.k e.g i.e approx km".split()
)
# A line break ends a sentence before a capital, Arabic script, a quote, or a bullet or list number (a
# breakdown list's lines are sentences of their own: ``breakdown``).
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)|\n\s*\n|"
                           r"\n(?=[A-Z\u0600-\u06ff\"“]|[ \t]*(?:[•·▪◦‣*–—-]|\d{1,2}[.)])\s)")
# The gap between a place and the area named as its container: "Suran in northern Hama", "Ftireh town in
# Idleb countryside", "Sinjar, a village in the eastern Idlib countryside", "the town of".
CONTAINER_GAP = re.compile(
    r"\A\s*(?:(?:town|village|city|area|badia|axis|countryside|outskirts)\s+)?"
    r"(?:,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?|,\s*)?(?:in|of)\s+(?:the\s+)?"
    rf"(?:(?:{AREA_PART_ALTERNATION})[\w-]*\s+)?\Z",
    re.I,
)
_TOKEN = re.compile(r"[^\W_]+(?:['’ʿʾ`][^\W_]+)*", re.UNICODE)

# The dateline: a capitalised place (", Country" optional), an optional date, an optional agency in
# brackets, then ":" or a dash. Only the very start of the text can hold one.
DATELINE = re.compile(
    r"\A\s*(?P<place>[^\W\d_](?:[^\W\d]|['’.\- ]){1,40}?(?:,\s*[^\W\d_](?:[^\W\d]|['’.\- ]){1,30}?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,30})\))?"
    r"\s*(?::|—|–|--|-)\s",
)

# The only characters besides ASCII letters that re.IGNORECASE matches to an ASCII letter: folded
# with them, and lower-cased, a text holds a pattern's literal words wherever the pattern matches.
_TO_ASCII_CASE = str.maketrans({"İ": "i", "ı": "i", "\u212a": "k", "ſ": "s"})


def dateline_end(text: str) -> int:
    """The offset where the dateline at the top of ``text`` ends, or 0 when there is none.

    >>> dateline_end("AMMAN: Jets struck Ariha.")
    7
    >>> dateline_end("Jets struck Ariha on Monday.")
    0
    >>> dateline_end("Jets struck Ariha at dawn: the market burned.")
    0
    """
    m = DATELINE.match(text)
    if not m or "\n" in m.group("place"):
        return 0
    # A place's words are capitalised but for the particles of Arabic names ("Maarat al-Numan"):
    # "Jets struck Ariha at dawn: ..." is a sentence, no dateline.
    if any(w[0].islower() and w.split("-")[0] not in _NAME_PARTICLES for w in m.group("place").split()):
        return 0
    return m.end()


_NAME_PARTICLES = frozenset("al el ad ar as ash at az an ed es er bin ibn de".split())


# A headline: the first line, short and with no sentence end, then a blank line.
_HEADLINE_FIRST = re.compile(r"\A[^\n]{1,200}(?<![.!?:;])\n[ \t\r]*\n")
_HEADLINE_MAX_WORDS = 20


def dateline_span(text: str) -> tuple[int, int]:
    """``(start, end)`` of the dateline: at the top of ``text``, or opening the body after a headline
    ("Jets bomb towns north of Idlib", a blank line, "Idlib (Qasioun) – Regime jets ..."); ``(0, 0)`` when
    there is none.

    >>> text = "Jets bomb Binnish\\n\\nIdlib (Qasioun) – Jets bombed Binnish."
    >>> a, b = dateline_span(text)
    >>> text[a:b]
    'Idlib (Qasioun) – '
    """
    end = dateline_end(text)
    if end:
        return 0, end
    head = _HEADLINE_FIRST.match(text)
    if head is None or len(head.group().split()) > _HEADLINE_MAX_WORDS:
        return 0, 0
    body = head.end()
    end = dateline_end(text[body:])
    return (body, body + end) if end else (0, 0)


def case_folded(text: str) -> str:
    """``text.translate(_TO_ASCII_CASE).lower()``; an ASCII text has nothing to translate."""
    return text.lower() if text.isascii() else text.translate(_TO_ASCII_CASE).lower()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed; abbreviation-aware.

    >>> text = "Jets hit Ariha. Dr. Ali said 3 died."
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Jets hit Ariha.', 'Dr. Ali said 3 died.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if m.group().startswith("."):
            # Only a full stop can follow an abbreviation: the last word is read for those alone.
            before = text[start : m.start()].rsplit(None, 1)
            last_word = before[-1].lower().rstrip(".") if before else ""
            # An initial ("J. Smith") is one letter; a figure ("killing 3. Shells") ends its sentence, a list
            # number opening a line ("1. Ariha: five children") does not.
            if last_word in ABBREVIATIONS or (len(last_word) == 1 and not last_word.isdigit()) or (
                    len(before) == 1 and last_word.isdigit() and len(last_word) <= 2):
                continue
        _append_trimmed(spans, text, start, end)
        start = end
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Which sentence a character offset falls in."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text: its characters as written, offsets, and what follows it."""

    text: str
    start: int
    end: int
    hyphen_after: bool

    @property
    def capitalised(self) -> bool:
        return is_capitalised(self.text)


def is_capitalised(word: str) -> bool:
    """Whether a word reads as a name's: an upper-case first letter, or a script without case (Arabic)."""
    first = word[0]
    return first.isupper() or not first.isascii()


def tokenize(text: str) -> list[Token]:
    """Word tokens with offsets; a possessive 's is left out of the token ("Idlib's" → "Idlib")."""
    words, starts, ends, hyphens = word_columns(text)
    return [Token(w, s, e, bool(h)) for w, s, e, h in zip(words, starts, ends, hyphens, strict=True)]


# Hyphens that glue a word to the next ("al-Bara", "Romatet‐Espagne").
_HYPHEN = re.compile("[-‐‑–]")
# The last two characters of a possessive word.
_POSSESSIVE_END = re.compile("['’][sSſ]")


def offset_type(limit: int) -> str:
    """The ``array`` type code of the smallest column that holds offsets up to ``limit``: 4 bytes, else 8."""
    return "i" if limit < 2**31 else "q"


def word_columns(text: str) -> tuple[list[str], array[int], array[int], bytearray]:
    """``tokenize`` as four parallel columns (words, starts, ends, hyphen after: 1 or 0), without a ``Token``
    per word.

    The finders read every word several times; plain columns cost less than an object per word. They are
    compact too, for a long report has millions of words: offsets in arrays of 4-byte integers, flags in
    bytes, and each distinct word one string that all its occurrences share.
    """
    words: list[str] = []
    starts, ends = array(offset_type(len(text))), array(offset_type(len(text)))
    distinct: dict[str, str] = {}
    for m in _TOKEN.finditer(text):
        word = m.group()
        words.append(distinct.setdefault(word, word))
        start, end = m.span()
        starts.append(start)
        ends.append(end)
    del distinct
    # Words end in increasing order: the few possessives and hyphens are placed by bisection.
    for after in _POSSESSIVE_END.finditer(text):
        # A word ending "'s" or "’s" (any case; re.I folds ſ to s too) ends where such a pair ends.
        i = bisect_left(ends, after.end())
        if i < len(ends) and ends[i] == after.end() and len(words[i]) > 3:
            words[i] = words[i][:-2]
            ends[i] -= 2
    n = len(text)
    hyphens = bytearray(len(words))
    for m in _HYPHEN.finditer(text):
        if m.end() < n and text[m.end()].isalpha():
            i = bisect_left(ends, m.start())
            if i < len(ends) and ends[i] == m.start():
                hyphens[i] = 1
    return words, starts, ends, hyphens
