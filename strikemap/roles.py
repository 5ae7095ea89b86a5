"""Roles of place mentions: where something happened, a dateline, a government, or a mere mention.

Every rule reads the local context of one mention inside its sentence and clause; every pattern is
data in ``role_cues`` (the mention's context) and ``clauses`` (a clause's strike reading), with a comment
saying why it is there. The order of decision:

1. ``dateline``: the mention lies inside the dateline at the top of the text or of the body after a
   headline (``text.dateline_span``: "AMMAN:", "IDLIB, Syria, May 7 (Wire) —", "BEIRUT (Reuters) -").
2. ``actor``: a capital or country standing for its government ("France called on Russia",
   "a deal struck by Moscow, Ankara and Tehran", "the Damascus regime", "Ankara-backed").
   Only foreign places, countries and Damascus can be actors; a Syrian village never is.
3. ``other`` by a reference cue: "east of Idlib city", "positions in Jabal al-Akrad from which
   missiles were fired", "the province that borders Turkey", "Civil Defense in Idlib".
4. ``event``: the mention's clause speaks of a strike ("bombing of towns in southern Idlib"), or of
   deaths in a report about strikes ("five people died in Ariha"), and no cue above applies.
   Foreign places and whole countries are never events.
5. Everything else stays ``other``.

Mentions in one coordinated list ("Moscow, Ankara and Tehran", "Kafranbel, Hass and Kafr Sijna",
"Maarat al-Numan (معرة النعمان)") share the strongest role of the list, unless a cue of their own
says otherwise.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace

from .breakdown import breakdown_items, inline_breakdown
from .clauses import (
    CLAUSE_BREAK,
    DAMAGE_CUE,
    SIGHTING_CUE,
    PredicateSpans,
    clause_bounds,
    has_casualty_cue,
    has_non_event_cue,
    is_headline,
    is_strike_text,
    predicate_spans,
)
from .geo import haversine_km
from .kinds import AREA_KINDS
from .models import Mention, Place
from .needs import holds_needed
from .role_cues import (
    ACTOR_AFTER,
    ACTOR_BEFORE,
    ACTOR_BEFORE_WORDS,
    FOREIGN_NAMES,
    REFERENCE_AFTER,
    REFERENCE_BEFORE,
    REFERENCE_BEFORE_WORDS,
    SEAT_OF_GOVERNMENT,
)
from .spelling import fold
from .text import CONTAINER_GAP, case_folded, dateline_span, sentence_spans

__all__ = ["assign_roles"]

_LIST_GAP = re.compile(r"\A\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*\(\s*|\s*\)\s*(?:,\s*)?(?:and\s+)?)\s*\Z")


def _first_reason(patterns: Sequence[tuple[re.Pattern[str], str]], text: str) -> str | None:
    for pattern, why in patterns:
        if pattern.search(text):
            return why
    return None


# Each table row with the words it needs (see ACTOR_BEFORE_WORDS), paired once.
_Rows = tuple[tuple[tuple[re.Pattern[str], str], tuple[tuple[str, ...], ...]], ...]
_ACTOR_BEFORE_ROWS: _Rows = tuple(zip(ACTOR_BEFORE, ACTOR_BEFORE_WORDS, strict=True))
_REFERENCE_BEFORE_ROWS: _Rows = tuple(zip(REFERENCE_BEFORE, REFERENCE_BEFORE_WORDS, strict=True))


def _first_reason_with(rows: _Rows, text: str, folded: str) -> str | None:
    """``_first_reason`` over the rows' patterns, searching only with those whose words ``folded`` holds.

    ``folded`` is ``case_folded(text)``.
    """
    for (pattern, why), needed in rows:
        if holds_needed(needed, folded) and pattern.search(text):
            return why
    return None


def _is_foreign(mention: Mention) -> bool:
    place = mention.place
    if place is not None:
        return place.country != "SY" or place.kind == "country"
    return fold(mention.text) in FOREIGN_NAMES or fold(mention.text) == fold("Syria")


def _may_be_actor(mention: Mention) -> bool:
    return _is_foreign(mention) or fold(mention.text) in SEAT_OF_GOVERNMENT


class _Reading:
    """What the mentions of one article share: each sentence's text and clause breaks, each clause's strike reading.

    Made per call of ``assign_roles``; a sentence holds many mentions, and each used to re-read it.
    """

    def __init__(self, text: str, starts: Sequence[int], strikes_reported: bool) -> None:
        self.text = text
        self.starts = sorted(starts)  # of every mention, in order: one is looked for by bisection
        self.strikes_reported = strikes_reported
        self._sentences: dict[tuple[int, int], tuple[str, list[tuple[int, int]]]] = {}
        self._events: dict[tuple[tuple[int, int], int, int], bool] = {}
        self._predicates: dict[tuple[int, int], PredicateSpans] = {}

    def sentence(self, sent: tuple[int, int]) -> tuple[str, list[tuple[int, int]]]:
        """The sentence's text and its clause breaks."""
        found = self._sentences.get(sent)
        if found is None:
            sentence = self.text[sent[0] : sent[1]]
            found = self._sentences[sent] = (sentence, [m.span() for m in CLAUSE_BREAK.finditer(sentence)])
        return found

    def clause_bounds(self, sent: tuple[int, int], offset: int) -> tuple[int, int]:
        sentence, breaks = self.sentence(sent)
        return clause_bounds(sentence, offset, breaks=breaks)

    def _starts_in(self, sent: tuple[int, int]) -> list[int]:
        """Where mentions start in the sentence, as offsets in it."""
        lo, hi = bisect_left(self.starts, sent[0]), bisect_left(self.starts, sent[1])
        return [a - sent[0] for a in self.starts[lo:hi]]

    def event_clause(self, sent: tuple[int, int], offset: int) -> bool:
        """Whether the clause at ``offset`` of the sentence, with the pieces of its predicate, reads as an event."""
        spans = self._predicates.get(sent)
        if spans is None:  # read once per sentence: a sentence holds several mentions
            sentence, breaks = self.sentence(sent)
            spans = self._predicates[sent] = predicate_spans(sentence, breaks, self._starts_in(sent))
        sentence = self.sentence(sent)[0]
        c0, c1 = spans.at(offset)
        key = (sent, c0, c1)
        found = self._events.get(key)
        if found is None:
            clause = sentence[c0:c1]
            found = self._events[key] = not SIGHTING_CUE.search(clause) and (is_strike_text(clause) or bool(
                self.strikes_reported and (has_casualty_cue(clause) or DAMAGE_CUE.search(clause))
                and not has_non_event_cue(clause)
            ))
        return found


_QUOTES = ('"', "“", "”", "‘", "'", "«")


def _role_of(
    reading: _Reading, mention: Mention, sent: tuple[int, int], dateline: tuple[int, int]
) -> tuple[str, bool]:
    """The role of one mention by its own cues, and whether a cue (not a default) decided it."""
    if dateline[0] <= mention.start < dateline[1]:
        return "dateline", True
    text = reading.text
    s0, s1 = sent
    # before[-120:] of before = text[s0 : mention.start], without copying the whole lead-in.
    before, after = text[max(s0, mention.start - 120) : mention.start], text[mention.end : s1]
    if before.endswith(_QUOTES):  # 'north of "Kafr Nabl"': a name in quotes keeps the cue before it
        before = before.rstrip("".join(_QUOTES))
    folded = case_folded(before)
    if _may_be_actor(mention) and (
        _first_reason(ACTOR_AFTER, after) or _first_reason_with(_ACTOR_BEFORE_ROWS, before, folded)
    ):
        return "actor", True
    if _first_reason_with(_REFERENCE_BEFORE_ROWS, before, folded) or _first_reason(REFERENCE_AFTER, after):
        return "other", True
    if _is_foreign(mention):
        return "other", True
    if reading.event_clause(sent, mention.start - s0):
        # A headline's place struck is an event where the body names it again (see assign_roles).
        return ("headline", True) if is_headline(text, sent) else ("event", False)
    return "other", is_headline(text, sent)


def _list_groups(text: str, mentions: Sequence[Mention]) -> list[list[int]]:
    """Indices of mentions that form one coordinated list ("A, B and C", "A (أ)")."""
    groups: list[list[int]] = []
    for i, m in enumerate(mentions):
        if i and groups and mentions[i - 1].end <= m.start and _LIST_GAP.match(text[mentions[i - 1].end : m.start]):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def assign_roles(
    text: str,
    mentions: Sequence[Mention],
    *,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Give each mention its role: ``event``, ``dateline``, ``actor`` or ``other``.

    Parameters
    ----------
    text
        The article text the mentions' offsets point into.
    mentions
        Mentions in text order (from ``resolve.resolve_mentions``); their roles are ignored.
    sentences
        Sentence spans of ``text``; computed with ``text.sentence_spans`` when not given.

    Returns
    -------
    list of Mention
        New mentions (``dataclasses.replace``), in the same order, with roles set.

    Examples
    --------
    >>> from strikemap.models import Mention
    >>> text = "AMMAN: Jets struck Ariha, and France called on Russia to stop."
    >>> ms = [Mention(w, text.index(w), text.index(w) + len(w)) for w in ("AMMAN", "Ariha", "France", "Russia")]
    >>> [m.role for m in assign_roles(text, ms)]
    ['dateline', 'event', 'actor', 'actor']
    """
    spans = list(sentences) if sentences is not None else sentence_spans(text)
    if not spans:
        spans = [(0, len(text))]
    dateline = dateline_span(text)
    strikes_reported = any(is_strike_text(text[a:b]) for a, b in spans)
    decided: list[tuple[str, bool]] = []
    reading = _Reading(text, [m.start for m in mentions], strikes_reported)
    sentence_of = _sentence_finder(spans, len(text))
    for m in mentions:
        decided.append(_role_of(reading, m, sentence_of(m.start), dateline))
    _headline_to_body(mentions, decided)
    if strikes_reported and ":" in text:
        _breakdown_places(text, mentions, decided, spans, sentence_of)
    roles = [role for role, _ in decided]
    # A list shares its strongest role with members that no cue of their own decided.
    rank = {"dateline": 3, "actor": 2, "event": 1, "other": 0}
    for group in _list_groups(text, mentions):
        if len(group) < 2:
            continue
        best = max((roles[i] for i in group), key=rank.__getitem__)
        for i in group:
            by_cue = decided[i][1]
            if by_cue and roles[i] != "other":
                continue
            if best == "actor" and not _may_be_actor(mentions[i]):
                continue
            if best == "event" and _is_foreign(mentions[i]):
                continue
            if by_cue and roles[i] == "other" and best != "actor":
                continue
            roles[i] = best
    _demote_redundant(reading, mentions, roles, spans)
    return [replace(m, role=role) for m, role in zip(mentions, roles, strict=True)]


def _breakdown_places(text: str, mentions: Sequence[Mention], decided: list[tuple[str, bool]],
                      spans: Sequence[tuple[int, int]], sentence_of: Callable[[int], tuple[int, int]]) -> None:
    """The place of a breakdown line ("• Balyoun town: three children.") is where the heading's victims
    were struck: an event, unless a cue of its own decided otherwise."""
    sentences = [text[a:b] for a, b in spans]
    items = breakdown_items(sentences)
    # An inline list ("... were killed: one each in A, B and C"): the places after the colon.
    inline = {k: found[1] for k, x in enumerate(sentences) if ":" in x and (found := inline_breakdown(x))}
    if not items and not inline:
        return
    index = {span: k for k, span in enumerate(spans)}
    listed: list[Place] = []
    for i, m in enumerate(mentions):
        sent = sentence_of(m.start)
        k = index.get(sent, -1)
        item = items.get(k)
        listed_here = ((item is not None and m.end - sent[0] <= item[1])
                       or (k in inline and m.start - sent[0] >= inline[k]))
        if listed_here and decided[i][0] in ("other", "event"):
            if decided[i] == ("other", False):
                decided[i] = ("event", False)
            if decided[i][0] == "event" and m.place is not None and m.place.kind not in AREA_KINDS:
                listed.append(m.place)
    # The list is the toll's breakdown: an area struck that holds a listed place gives way to the list.
    for i, m in enumerate(mentions):
        area = m.place
        if decided[i][0] == "event" and area is not None and area.kind in AREA_KINDS and any(
            p.admin1 == area.admin1 and haversine_km(area.lat, area.lon, p.lat, p.lon) <= _countryside_reach(area)
            for p in listed
        ):
            decided[i] = ("other", True)


# An area named as the container of a place struck: "Suran in northern Hama", "Sinjar, a village in the
# eastern Idlib countryside", "the southern Idlib town".
_CONTAINER_AFTER = re.compile(r"\A\s+(?:town|village|city)\b", re.I)
# A clause opened by one of these gives background ("... after rebels launched an offensive in X").
_BACKGROUND_OPENER = re.compile(r"\b(?:after|since|before|until|following)\s*\Z", re.I)


def _sentence_finder(spans: Sequence[tuple[int, int]], length: int) -> Callable[[int], tuple[int, int]]:
    """The first span holding an offset, else ``(0, length)``: by bisection when the spans are in order."""
    starts = [a for a, _ in spans]
    ordered = all(a <= b for a, b in spans) and all(spans[k][1] <= starts[k + 1] for k in range(len(spans) - 1))

    def by_bisection(offset: int) -> tuple[int, int]:
        # In ordered spans only the last one starting at or before ``offset`` can hold it.
        k = bisect_right(starts, offset) - 1
        return spans[k] if k >= 0 and offset < spans[k][1] else (0, length)

    def by_scan(offset: int) -> tuple[int, int]:
        return next(((a, b) for a, b in spans if a <= offset < b), (0, length))

    return by_bisection if ordered else by_scan


def _demote_redundant(
    reading: _Reading, mentions: Sequence[Mention], roles: list[str], spans: Sequence[tuple[int, int]]
) -> None:
    """Areas that only contain a place struck, and places in background clauses, become ``other``."""
    text = reading.text
    starts = [a for a, _ in spans]

    def sentence_of(m: Mention) -> tuple[int, int]:
        k = bisect_right(starts, m.start) - 1
        return spans[k] if k >= 0 and m.start < spans[k][1] else (0, len(text))

    events = [i for i, r in enumerate(roles) if r == "event"]
    event_sentence = {j: sentence_of(mentions[j]) for j in events}
    _demote_covered_areas(text, mentions, roles, events, event_sentence)
    events = [i for i in events if roles[i] == "event"]
    # The event mentions of each sentence, in order: peers are looked up, not scanned for among all events.
    in_sentence: dict[tuple[int, int], list[int]] = {}
    for i in events:
        in_sentence.setdefault(event_sentence[i], []).append(i)
    for i in events:
        m = mentions[i]
        sent = event_sentence[i]
        peers = [j for j in in_sentence[sent] if j != i]
        # The places a container holds: localities, and for a governorate or district a region of it too
        # ("Jabal al-Akrad in the Latakia mountains").
        localities = [j for j in peers if _inside_kind(mentions[j].place, m.place)]
        if m.place is not None and m.place.kind in AREA_KINDS and localities:
            before = [j for j in localities if mentions[j].end <= m.start]
            if (before and CONTAINER_GAP.match(text[mentions[before[-1]].end : m.start])) or _CONTAINER_AFTER.match(
                text[m.end : m.end + 12]
            ):
                roles[i] = "other"
                continue
        sentence = reading.sentence(sent)[0]
        c0, _ = reading.clause_bounds(sent, m.start - sent[0])
        if peers and _BACKGROUND_OPENER.search(sentence[:c0]):
            main = [j for j in peers if not _BACKGROUND_OPENER.search(
                sentence[: reading.clause_bounds(sent, mentions[j].start - sent[0])[0]])]
            if main:
                roles[i] = "other"


def _inside_kind(place: Place | None, area: Place | None) -> bool:
    """Whether ``place`` is of a kind ``area`` may contain: a locality, or a region of a governorate or district."""
    if place is None:
        return False
    if place.kind not in AREA_KINDS:
        return True
    return (area is not None and area.kind in ("admin1", "admin2") and place.kind == "region"
            and place.admin1 == area.admin1)


def _countryside_reach(area: Place) -> float:
    """How far from an area's centre a place struck may lie and be inside it (a countryside, a region)."""
    return (area.radius_km or 25.0) + 5.0


def _unnamed_places_in(text: str, start: int) -> bool:
    """Whether places struck that the report does not name lie in the area named at ``start`` ("shelled
    villages across the Sahl al-Ghab plain"); "A, B and other villages of X" and "A and B, two villages of X"
    name theirs."""
    lead = text[max(0, start - 40) : start]
    found = _UNNAMED_PLACES_IN.search(lead)
    if found is None:
        return False
    # "A, B and other villages of X", "A and B, two villages of X": the villages were named.
    before = lead[: found.start()].rstrip().rsplit(None, 1)
    return not (before and _NAMED_COUNT.fullmatch(before[-1]))


_NAMED_COUNT = re.compile(r"other|both|two|three|four|five|six|seven|eight|nine|ten|\d+", re.I)
# "villages across the", "towns in": the area holds places struck that the report does not name.
_UNNAMED_PLACES_IN = re.compile(
    r"\b(?:villages|towns|areas|parts|places|positions)\s+(?:across|in|of|throughout|around|along)\s+(?:the\s+)?\Z",
    re.I,
)


def _demote_covered_areas(
    text: str,
    mentions: Sequence[Mention],
    roles: list[str],
    events: list[int],
    event_sentence: dict[int, tuple[int, int]],
) -> None:
    """An area is an event only when the report names no finer place struck inside it.

    A governorate ("in Syria's opposition-held Idlib province") or its countryside, or a part of that
    ("the southern Idlib countryside"), gives way to any village struck in it anywhere in the report: a
    report names the area where it sums up, the villages where it tells what happened. A district gives
    way to a village struck in it in the same sentence, where both speak of one strike. A named landscape
    ("Sahl al-Ghab", "Jabal al-Zawiya") stays: "shelled villages across the Sahl al-Ghab plain and the town
    of X" struck both.
    """
    places = {i: mentions[i].place for i in events}
    localities = [j for j in events if (p := places[j]) is not None and p.kind not in AREA_KINDS]
    if not localities:
        return
    # The localities by governorate, and by governorate and sentence (in order), built once.
    inside_admin1: dict[str | None, list[int]] = {}
    same_sentence: dict[tuple[str | None, tuple[int, int]], list[int]] = {}
    for j in localities:
        admin1 = getattr(places[j], "admin1", None)
        inside_admin1.setdefault(admin1, []).append(j)
        same_sentence.setdefault((admin1, event_sentence[j]), []).append(j)
    for i in events:
        area = places[i]
        if area is None or area.kind not in AREA_KINDS or not area.admin1:
            continue
        inside = inside_admin1.get(area.admin1, [])
        same = same_sentence.get((area.admin1, event_sentence[i]), [])
        if area.kind == "admin1":
            covered = bool(inside)
        elif area.kind != "admin2" and "countryside" in area.name.lower():
            # A governorate's countryside or a part of it ("the Idlib countryside", "southern Idlib province")
            # is where a report sums up before it names the villages: one struck inside it anywhere covers it.
            # Unless its own sentence strikes unnamed places in it and names none ("five more died in strikes
            # on villages in southern Idlib"): a strike of its own, placed at the area.
            reach = _countryside_reach(area)
            covered = any(
                haversine_km(area.lat, area.lon, p.lat, p.lon) <= reach
                for j in inside
                if (p := places[j]) is not None
            ) and not (not same and _unnamed_places_in(text, mentions[i].start))
        elif area.kind == "admin2":
            covered = bool(same)
        else:
            # A named landscape gives way to a village struck inside it in the same sentence, unless the
            # sentence strikes unnamed places across it ("shelled villages across the Sahl al-Ghab plain").
            reach = max(area.radius_km or 0.0, 10.0) + 5.0
            covered = any(
                haversine_km(area.lat, area.lon, p.lat, p.lon) <= reach
                for j in same
                if (p := places[j]) is not None
            ) and not _unnamed_places_in(text, mentions[i].start)
        if covered:
            roles[i] = "other"


def _headline_to_body(mentions: Sequence[Mention], decided: list[tuple[str, bool]]) -> None:
    """A place a headline says was struck is no event there: its first later mention in the body that no cue
    decided becomes the event ("Jets pound Ariha" ... "in Ariha, three died"); one named only in the
    headline ("A Bloody Day in Idleb") is none."""
    headlines = [i for i, (role, _) in enumerate(decided) if role == "headline"]
    if not headlines:
        return
    # The mentions of each place that no headline holds, in order: the first one after a headline is
    # found by bisection. A headline's own role is reset as it is met, so "after i" holds none of them.
    body: dict[str, list[int]] = {}
    for j, m in enumerate(mentions):
        if m.place is not None and decided[j][0] != "headline":
            body.setdefault(m.place.place_id, []).append(j)
    for i in headlines:
        decided[i] = ("other", True)
        place = mentions[i].place
        if place is None:
            continue
        later = body.get(place.place_id, [])
        k = bisect_right(later, i)
        if k < len(later) and decided[later[k]] == ("other", False):
            decided[later[k]] = ("event", False)
