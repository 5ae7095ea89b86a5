"""Arabic place-name spans in a report, found with a gazetteer's ``knows`` and the clitic stemmer.

``find_arabic_names`` walks the Arabic words of a text and, at each word, tries the longest run of up
to ``max_words`` words first. A run is a name when one of its ``arabic.name_candidates`` (first word's
proclitics taken off, a settlement word such as "بلدة" or "بلدتي" dropped) is known to the gazetteer,
through the ``knows`` predicate the caller passes (``Gazetteer.knows``: exact or variant key, no fuzzy).
A single word that ``arabic_cues.is_common_word`` (prepositions, cue words, adjectives that are also
village names: "على" folds to "علي") is never a name, and organisation names are skipped whole
(``arabic.organisation_words``: "قوات سوريا الديمقراطية" names no place).

Each span covers the name only, in the original text: "وبلدة كفرنبل" gives the span of "كفرنبل",
"بريف إدلب الجنوبي" that of "ريف إدلب الجنوبي", "للمدينة" that of "مدينة" (the article of "لل" is
written as its lam). Tashkeel and tatweel inside a word stay inside its span.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple

from .cues import is_common_word
from .fold import fold_ar, name_candidates, organisation_words

__all__ = ["ArabicName", "find_arabic_names"]

# An Arabic word with its marks (tashkeel, tatweel are not \w).
_WORD = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f][\u0621-\u065f\u0670-\u06d3\u06d5"
                   r"\u06fa-\u06ff\u0750-\u077f\u0640]*")
_MARK = re.compile("[\u064b-\u065f\u0670\u0640]")
# Between two words of one name: spaces, or a hyphen ("أرض-أرض" is not a name, "جسر - الشغور" rare).
_JOIN = re.compile(r"[ \t\u00a0]+")


class ArabicName(NamedTuple):
    """A place name found: its span in the text, and the form the gazetteer knows."""

    start: int
    end: int
    name: str


def _letter_offset(word: str, letters: int) -> int:
    """The index in ``word`` (marks included) after its first ``letters`` letters."""
    seen = 0
    for i, ch in enumerate(word):
        if seen == letters:
            return i
        if not _MARK.match(ch):
            seen += 1
    return len(word)


def _prefix_letters(first_word: str, name: str) -> int | None:
    """How many letters of ``first_word`` come before the name's first word, or None when it is not there."""
    bare = _MARK.sub("", first_word)
    head = name.split()[0]
    if bare.endswith(head):
        return len(bare) - len(head)
    if head.startswith("ال") and bare.endswith(head[2:]) and bare[: len(bare) - len(head) + 2].endswith("لل"):
        return len(bare) - len(head) + 2  # "للمدينة" → "المدينة": the span is "مدينة"
    return None


@functools.lru_cache(maxsize=65536)
def _candidates(phrase: str) -> tuple[str, ...]:
    return tuple(name_candidates(phrase))


def find_arabic_names(text: str, knows: Callable[[str], bool], *, max_words: int = 5) -> list[ArabicName]:
    """Place-name spans in the Arabic of ``text``, left to right, longest first, never overlapping.

    >>> known = {"كفرنبل", "ريف إدلب الجنوبي", "البارة"}
    >>> text = "غارات على بلدة كفرنبل بريف إدلب الجنوبي وللبارةِ"
    >>> [(text[s:e], n) for s, e, n in find_arabic_names(text, known.__contains__)]
    [('كفرنبل', 'كفرنبل'), ('ريف إدلب الجنوبي', 'ريف إدلب الجنوبي'), ('بارةِ', 'البارة')]
    """
    words = list(_WORD.finditer(text))
    folded = [fold_ar(m.group()) for m in words]
    out: list[ArabicName] = []
    i = 0
    while i < len(words):
        skip = organisation_words(folded[i:])
        if skip:
            i += skip
            continue
        found = None
        # The run may only go on over plain spaces: a comma or a full stop ends a name.
        run = 1
        while run < max_words and i + run < len(words) and _JOIN.fullmatch(
                text[words[i + run - 1].end() : words[i + run].start()]):
            run += 1
        for n in range(run, 0, -1):
            phrase = " ".join(m.group() for m in words[i : i + n])
            if n == 1 and is_common_word(phrase):
                continue
            for candidate in _candidates(phrase):
                if knows(candidate):
                    found = (n, candidate)
                    break
            if found:
                break
        if found is None:
            i += 1
            continue
        n, name = found
        # The name's first word is the k-th word of the run (a settlement word may come before it).
        k = n - len(name.split())
        first = words[i + k]
        letters = _prefix_letters(first.group(), _MARK.sub("", name))
        start = first.start() + (_letter_offset(first.group(), letters) if letters is not None else 0)
        out.append(ArabicName(start, words[i + n - 1].end(), name))
        i += n
    return out


_SETTLEMENT_HEADS = frozenset(fold_ar(w) for w in "بلدة قرية مدينة مخيم بلدتي قريتي".split())


def unknown_arabic_names(text: str, knows: Callable[[str], bool]) -> list[ArabicName]:
    """Words named as a settlement that the gazetteer does not know: "في قرية X" where X is unknown.

    The word after a settlement noun ("بلدة", "قرية", "مدينة", "مخيم", with any proclitic) is taken as
    a name when it is no common word and no known name, of one word or two, starts there.

    >>> text = "قصف مدفعي على قرية الزيادية ومدينة أريحا"
    >>> [text[s:e] for s, e, _ in unknown_arabic_names(text, {"اريحا", "أريحا"}.__contains__)]
    ['الزيادية']
    """
    words = list(_WORD.finditer(text))
    out: list[ArabicName] = []
    for i, m in enumerate(words[:-1]):
        folded = fold_ar(m.group())
        if not any(stem in _SETTLEMENT_HEADS for stem in (folded, folded[1:], folded[2:])):
            continue
        nxt = words[i + 1]
        if not _JOIN.fullmatch(text[m.end():nxt.start()]) or is_common_word(nxt.group()):
            continue
        phrase = nxt.group()
        if any(knows(c) for c in name_candidates(phrase)):
            continue
        end = nxt.end()
        if i + 2 < len(words):
            second = words[i + 2]
            two = f"{phrase} {second.group()}"
            if any(knows(c) for c in name_candidates(two)):
                continue
        out.append(ArabicName(nxt.start(), end, _MARK.sub("", phrase)))
    return out
