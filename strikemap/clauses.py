"""The strike reading of a report's sentences and clauses: where a clause ends, whether a text reports a strike.

``is_strike_text`` says a text reports a strike: a strike word (``STRIKE_CUE``) not made hypothetical,
prevented or denied (``NON_EVENT_CUE``); ``has_casualty_cue`` that it speaks of deaths or wounds.
``clause_bounds`` cuts a sentence at ``CLAUSE_BREAK``; ``is_headline`` tells a headline from a sentence.
The role reader (``roles``) and the event reader (``events``) both read clauses with these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "CASUALTY_CUE",
    "CLAUSE_BREAK",
    "HEADLINE_MAX_WORDS",
    "NON_EVENT_CUE",
    "STRIKE_CUE",
    "clause_bounds",
    "has_casualty_cue",
    "has_non_event_cue",
    "is_headline",
    "is_strike_text",
]

# Words of strikes and attacks: a clause holding one speaks of an event.
STRIKE_CUE = re.compile(
    r"(?<!deal\s)(?<!agreement\s)\b(?:air\s*-?strikes?|air\s*-?raids?|raids?|bomb(?:s|ed|ing|ings|ardments?|arded)?|"
    r"barrel[- ]bombs?|shell(?:s|ed|ing)|artillery|mortars?|rockets?|missiles?|drones?|struck|strikes?|hit|"
    r"pounded|pounding|targeted|targeting|attacked|attacks?|warplanes?|jets?|helicopters?|offensive|assault|"
    r"clash(?:es|ed)?|fighting|battles?|stormed|sorties?)\b(?!\s+(?:a|an|the)\s+(?:deal|agreement|accord))",
    re.I,
)

# Words of deaths and wounds: in a report about strikes, "five died in Ariha" places an event.
CASUALTY_CUE = re.compile(r"\b(?:killed|killing|died|dead|death\s+toll|bodies|wounded|injured|hurt|casualties)\b", re.I)

# Words that make a clause's strike words hypothetical, prevented or denied, not reported events.
NON_EVENT_CUE = re.compile(
    r"\b(?:ceasefire|cease-fire|truce|halt(?:ed)?\s+to|an\s+end\s+to|prevent(?:ed)?|"
    r"stop\s+(?:the\s+|its\s+|their\s+)?(?:air\s*)?(?:strikes|bombing|bombardment|attacks|raids|shelling|violence|fighting)|would|will|"
    r"could|threaten(?:ed|s)?|vowed|pledged|no\s+(?:air\s*)?(?:strikes?|raids?|shelling)|observer\s+force|"
    r"de-?escalat\w*|without\s+(?:any\s+)?(?:strikes?|shelling)|denied|denies|deny|allegations?|accusations?|"
    # Background, habitual or aggregate statements are not one codable event.
    # A "series of" strikes is background when told in the perfect ("has carried out a series of drone
    # strikes"); "carried out a series of air strikes on Saraqib, killing seven" is one dated event.
    r"aimed\s+at|(?:has|have)\s+(?:\w+\s+){0,3}series\s+of|(?:has|have)\s+(?:\w+\s+)?(?:intensified|escalated)|"
    r"(?:become|becoming)\s+(?:more\s+)?(?:frequent|common))\b",
    re.I,
)

# Where one clause ends and the next begins inside a sentence.
CLAUSE_BREAK = re.compile(
    r"[,;:—–()]|\s-\s|\b(?:which|where|while|after|before|since|until|but|although|though|whereas|however|whom)\b"
)


def clause_bounds(
    sentence: str, offset: int, *, breaks: Sequence[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """``(start, end)`` of the clause of ``sentence`` holding character ``offset``.

    ``breaks`` are the spans of ``CLAUSE_BREAK``'s matches in ``sentence``, for a caller that found them
    already (a sentence holds several mentions).

    >>> s = "Jets struck Ariha, where rebels have offices in Idlib."
    >>> a, b = clause_bounds(s, s.index("Idlib"))
    >>> s[a:b]
    ' rebels have offices in Idlib.'
    """
    if breaks is not None:
        return _bounds_in(breaks, len(sentence), offset)
    start, end = 0, len(sentence)
    for m in CLAUSE_BREAK.finditer(sentence):
        if m.end() <= offset:
            start = m.end()
        elif m.start() >= offset:
            end = m.start()
            break
    return start, end


# re.IGNORECASE reads slowly. On ASCII text the same patterns without it, read in ``text.lower()``, match
# exactly when the re.I ones match the text: each letter of theirs is lower case (tests check), and the
# other characters re.I folds to an ASCII letter (ſ, K, İ, ı) are not ASCII.
_STRIKE_CUE_LOWER = re.compile(STRIKE_CUE.pattern)
_NON_EVENT_CUE_LOWER = re.compile(NON_EVENT_CUE.pattern)
_CASUALTY_CUE_LOWER = re.compile(CASUALTY_CUE.pattern)


def has_casualty_cue(text: str) -> bool:
    """``CASUALTY_CUE.search(text)``, read as ``is_strike_text`` reads its cues."""
    if text.isascii():
        return bool(_CASUALTY_CUE_LOWER.search(text.lower()))
    return bool(CASUALTY_CUE.search(text))


def has_non_event_cue(text: str) -> bool:
    """``NON_EVENT_CUE.search(text)``, read as ``is_strike_text`` reads its cues."""
    if text.isascii():
        return bool(_NON_EVENT_CUE_LOWER.search(text.lower()))
    return bool(NON_EVENT_CUE.search(text))


def is_strike_text(text: str) -> bool:
    """Whether ``text`` reports a strike: a strike word not made hypothetical or denied.

    >>> is_strike_text("Jets pounded Ariha.")
    True
    >>> is_strike_text("A ceasefire would halt air strikes.")
    False
    """
    if text.isascii():
        lowered = text.lower()
        return bool(_STRIKE_CUE_LOWER.search(lowered)) and not _NON_EVENT_CUE_LOWER.search(lowered)
    return bool(STRIKE_CUE.search(text)) and not NON_EVENT_CUE.search(text)


def _bounds_in(breaks: Sequence[tuple[int, int]], length: int, offset: int) -> tuple[int, int]:
    """``clause_bounds`` from the sentence's ``CLAUSE_BREAK`` matches, found once."""
    start, end = 0, length
    for m0, m1 in breaks:
        if m1 <= offset:
            start = m1
        elif m0 >= offset:
            end = m0
            break
    return start, end


# A headline: a short line with no sentence end, followed by a line break and more text.
HEADLINE_MAX_WORDS = 20
_SENTENCE_FINAL = tuple(".!?:;\"”’')…")
# A character ``str.strip`` keeps: re's \s and str.isspace agree on str patterns.
_NOT_SPACE = re.compile(r"\S")


def is_headline(text: str, sent: tuple[int, int]) -> bool:
    """Whether the sentence ``sent`` of ``text`` is a headline ("A Bloody Day in Idleb"), whose places the
    report's body states again where it tells what happened.

    Examples
    --------
    >>> text = "Jets pound Ariha\\n\\nJets struck Ariha on Monday."
    >>> is_headline(text, (0, 16)), is_headline(text, (18, len(text)))
    (True, False)
    """
    s0, s1 = sent
    line = text[s0:s1].rstrip()
    if not line or line.endswith(_SENTENCE_FINAL) or "\n" in line:
        return False
    # Only the next character and whether any text follows are read: copying the rest of a long report
    # for each mention made the role reader quadratic in the text.
    return (text[s1 : s1 + 1] in ("\n", "\r") and _NOT_SPACE.search(text, s1) is not None
            and len(line.split()) <= HEADLINE_MAX_WORDS)
