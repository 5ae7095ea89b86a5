"""Breakdown lists: bullet lines that give each place its victims under a casualty heading.

Monitors close a toll with a heading ("The breakdown of fatalities is as follows:", "The dead are:") and
one line per place ("• Balyoun town: three children.", "- Ihsim village: a woman and her two daughters").
Such a line has no verb: its place is where the heading's deaths (or wounds) happened, and the words after
the colon are the place's figure. ``text.sentence_spans`` makes each bullet line a sentence of its own.
The same list may follow the heading in its own sentence ("The dead are spread as follows: two in the town
of A, two in the village of B and a child in C"; "Three were killed: one each in A, B and C"):
``inline_breakdown``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["BreakdownItem", "breakdown_items", "inline_breakdown"]

# A bullet line: a bullet or a list number, a name of at most six words (with "town", "village" ...), a
# colon, the victims.
_ITEM = re.compile(
    r"\A\s*(?:[•·▪◦‣*–—-]|\(?\d{1,2}[.)])\s*(?P<place>[^\W\d_][^:;.,\n]{1,60}?)\s*:\s*(?P<victims>\S[^\n]*?)\s*\.?\s*\Z"
)
# The heading: a sentence ending in a colon that speaks of deaths or of wounds.
_HEADING_END = re.compile(r":\s*\Z")
_DEATH_WORDS = re.compile(r"\b(?:fatalities|dead|deaths|killed|victims|martyrs|toll|died)\b", re.I)
_HURT_WORDS = re.compile(r"\b(?:wounded|injured|injuries|hurt)\b", re.I)

BreakdownItem = tuple[str, int, int]  # kind ("killed" or "injured"), where the place part ends, where victims start


def breakdown_items(sentences: Sequence[str]) -> dict[int, BreakdownItem]:
    """The sentences that are items of a breakdown list, by index: ``(kind, place_end, victims_start)``,
    offsets in the sentence.

    >>> breakdown_items(["Shells hit the mountain.", "The dead are:", "• Balyoun town: three children.",
    ...                  "- Ihsim: two men", "The shelling went on."])
    {2: ('killed', 14, 16), 3: ('killed', 7, 9)}
    >>> breakdown_items(["Jets struck at: dawn.", "• Balyoun town: three children."])
    {}
    """
    items: dict[int, BreakdownItem] = {}
    kind: str | None = None
    for k, sentence in enumerate(sentences):
        found = _ITEM.match(sentence) if kind is not None else None
        if found is not None and kind is not None:
            items[k] = (kind, found.end("place"), found.start("victims"))
            continue
        kind = _heading_kind(sentence) if ":" in sentence else None
    return items


def _heading_kind(sentence: str) -> str | None:
    """``killed`` or ``injured`` for a heading of a breakdown list, else None."""
    if not _HEADING_END.search(sentence):
        return None
    if _DEATH_WORDS.search(sentence):
        return "killed"
    if _HURT_WORDS.search(sentence):
        return "injured"
    return None


# An inline list after a heading in the same sentence: "The dead are spread as follows: two in the town of A,
# two in the village of B and a child in C", "Three health workers were killed: one each in A, B and C".
_INLINE_ITEM = re.compile(r"\A\s*(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several)\b", re.I)


def inline_breakdown(sentence: str) -> tuple[str, int] | None:
    """``(kind, offset after the colon)`` when ``sentence`` is a casualty heading followed, after a colon, by
    its breakdown ("... were killed: one each in A, B and C"); else None.

    >>> inline_breakdown("Three health workers were killed: one each in Madiq Castle, Has and Kafr Nobol.")
    ('killed', 33)
    >>> inline_breakdown("Jets struck at 5 a.m.: the market burned.") is None
    True
    """
    colon = sentence.find(":")
    if colon < 0 or not _INLINE_ITEM.match(sentence[colon + 1 :]):
        return None
    head = sentence[:colon]
    kind = "killed" if _DEATH_WORDS.search(head) else "injured" if _HURT_WORDS.search(head) else None
    return None if kind is None else (kind, colon + 1)
