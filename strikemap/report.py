"""A report as the event reader sees it, and the draft event of each place struck.

``Report`` cuts a report into sentences and says which report strikes and which paragraph each is in; it
keeps the readings of its sentences and clauses (event type, attackers, strike words), each made once.
``Draft`` gathers what the report says of one place struck until ``events`` finishes it as a
``StrikeEvent``; ``attribution`` gives it its casualty figures and targets.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .clauses import CLAUSE_BREAK, clause_bounds, has_non_event_cue, is_strike_text
from .event_rules import AIR_TYPES, EVENT_TYPE_CUES, event_type_of, find_actors
from .models import Mention

__all__ = ["Draft", "Report"]


@dataclass
class Draft:
    """One event in the making: the place struck (its first event mention) and what the report says of it."""

    mention: Mention
    sentences: list[int] = field(default_factory=list)
    explicit: bool = False
    fatalities: int | None = None
    injured: int | None = None
    fatalities_text: str | None = None
    targets: set[str] = field(default_factory=set)
    precision: int = 1
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    """One report cut up: sentences, which report strikes, which paragraph each is in.

    It also keeps the readings of its sentences and clauses, each made once: the events of a report
    read the same sentences again and again. The memos live and die with the report, one per call.
    """

    text: str
    spans: list[tuple[int, int]]
    sents: list[str] = field(default_factory=list)
    strike: list[bool] = field(default_factory=list)
    paragraph: list[int] = field(default_factory=list)
    _clauses: dict[int, str] = field(default_factory=dict, init=False, repr=False)
    _breaks: dict[int, list[tuple[int, int]]] = field(default_factory=dict, init=False, repr=False)
    _strike_texts: dict[str, bool] = field(default_factory=dict, init=False, repr=False)
    _types: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)
    _generic: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)
    _actors: dict[tuple[str, str | None], tuple[str | None, str | None, bool]] = field(
        default_factory=dict, init=False, repr=False)
    _non_event: dict[int, bool] = field(default_factory=dict, init=False, repr=False)
    _attackers: dict[bool, tuple[str | None, str | None, bool]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self._starts = [a for a, _ in self.spans]
        self.sents = [self.text[a:b] for a, b in self.spans]
        self.strike = [self.is_strike(s) for s in self.sents]
        para = 0
        for k, (a, _) in enumerate(self.spans):
            if k and "\n\n" in self.text[self.spans[k - 1][1] : a].replace("\r", ""):
                para += 1
            self.paragraph.append(para)

    def of(self, m: Mention) -> int:
        """The sentence holding the mention's start (0 when it falls between sentences)."""
        i = bisect_right(self._starts, m.start) - 1
        return i if i >= 0 and m.start < self.spans[i][1] else 0

    def clause(self, m: Mention) -> str:
        """The clause holding the mention's start (it depends on nothing else)."""
        found = self._clauses.get(m.start)
        if found is None:
            si = self.of(m)
            sentence = self.sents[si]
            breaks = self._breaks.get(si)
            if breaks is None:  # found once per sentence: a sentence holds several mentions
                breaks = self._breaks[si] = [b.span() for b in CLAUSE_BREAK.finditer(sentence)]
            c0, c1 = clause_bounds(sentence, m.start - self.spans[si][0], breaks=breaks)
            found = self._clauses[m.start] = sentence[c0:c1]
        return found

    def is_strike(self, text: str) -> bool:
        """``clauses.is_strike_text`` of a sentence or clause of the report."""
        found = self._strike_texts.get(text)
        if found is None:
            found = self._strike_texts[text] = is_strike_text(text)
        return found

    def non_event(self, si: int) -> bool:
        """Whether sentence ``si`` has a ``NON_EVENT_CUE`` (a strike sentence has none, by definition)."""
        found = self._non_event.get(si)
        if found is None:
            found = self._non_event[si] = not self.strike[si] and has_non_event_cue(self.sents[si])
        return found

    def event_type(self, text: str, *, generic: bool = True) -> str | None:
        """``event_type_of(text, generic=generic)``; the generic reading adds only the last row to the other."""
        if text not in self._types:
            self._types[text] = event_type_of(text, generic=False)
        specific = self._types[text]
        if specific is not None or not generic:
            return specific
        if text not in self._generic:
            last, pattern = EVENT_TYPE_CUES[-1]
            self._generic[text] = last if pattern.search(text) else None
        return self._generic[text]

    def actors(self, text: str, event_type: str | None) -> tuple[str | None, str | None, bool]:
        """``find_actors(text, event_type)``."""
        key = (text, event_type)
        if key not in self._actors:
            self._actors[key] = find_actors(text, event_type)
        return self._actors[key]

    def attackers(self) -> dict[bool, tuple[str | None, str | None, bool]]:
        """The first attackers a strike sentence names, by whether its type is an air type (read when needed)."""
        if self._attackers is None:
            self._attackers = {}
            for s, ok in zip(self.sents, self.strike, strict=True):
                if not ok:  # only a strike sentence's attackers count
                    continue
                kind_here = self.event_type(s)
                found = self.actors(s, kind_here) if kind_here else (None, None, False)
                if found[0]:
                    self._attackers.setdefault(kind_here in AIR_TYPES, found)
                    if len(self._attackers) == 2:  # both kinds found: later sentences change nothing
                        break
        return self._attackers
