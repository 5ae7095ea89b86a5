"""The strike reading of a report's sentences and clauses: where a clause ends, whether a text reports a strike.

``is_strike_text`` says a text reports a strike: a strike word (``STRIKE_CUE``) not made hypothetical,
prevented or denied (``NON_EVENT_CUE``); ``has_casualty_cue`` that it speaks of deaths or wounds.
``clause_bounds`` cuts a sentence at ``CLAUSE_BREAK``; ``is_headline`` tells a headline from a sentence.
The role reader (``roles``) and the event reader (``events``) both read clauses with these.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from .directions import CARDINAL_ALTERNATION, EAST_WEST_ALTERNATION

__all__ = [
    "CASUALTY_CUE",
    "CLAUSE_BREAK",
    "DAMAGE_CUE",
    "HEADLINE_MAX_WORDS",
    "NON_EVENT_CUE",
    "SIGHTING_CUE",
    "STRIKE_CUE",
    "STRIKE_WORDS",
    "PredicateSpans",
    "clause_bounds",
    "has_casualty_cue",
    "has_non_event_cue",
    "is_headline",
    "is_strike_text",
    "predicate_bounds",
    "predicate_spans",
]

# Words of strikes and attacks, as data: each row is one word with the forms reports write. A clause
# holding one speaks of an event. A space in a form matches a space, a hyphen or nothing ("air strike",
# "air-strike", "airstrike"); a domain expert adds a row, ``STRIKE_CUE`` is built from the table.
STRIKE_WORDS: tuple[tuple[str, ...], ...] = (
    ("air strike", "air strikes", "air raid", "air raids"),
    ("raid", "raids", "raided"),
    ("bomb", "bombs", "bombed", "bombing", "bombings", "bombarded", "bombardment", "bombardments"),
    ("barrel bomb", "barrel bombs", "barrels"),  # "dropped explosive barrels on the town"
    ("shells", "shelled", "shelling"),  # not "shell": "a shell company"
    ("artillery", "gunners", "gunfire", "guns opened up", "machine guns"),
    ("mortar", "mortars"),
    ("rocket", "rockets"),
    ("missile", "missiles"),
    ("drone", "drones"),
    ("strike", "strikes", "struck", "striking"),
    ("hit", "hits", "hitting"),
    ("pounded", "pounding"),
    ("targeted", "targeting"),
    ("attack", "attacks", "attacked"),
    ("warplane", "warplanes", "jet", "jets", "helicopter", "helicopters", "sortie", "sorties"),
    ("offensive", "assault", "stormed"),
    ("clash", "clashes", "clashed", "fighting", "battle", "battles"),
    # Fire aimed at a place ("fired at rebel posts in X", "army fire on X"); "fired from X" is an origin.
    ("fire on", "fire at", "fired on", "fired at", "fired upon", "firing on", "firing at", "opened fire",
     "fired back at", "firing back at", "returned fire"),
)


def _alternation(rows: tuple[tuple[str, ...], ...]) -> str:
    forms = sorted({f for row in rows for f in row}, key=len, reverse=True)
    return "|".join(r"[\s-]*".join(re.escape(w) for w in f.split()) for f in forms)


STRIKE_CUE = re.compile(
    r"(?<!deal\s)(?<!agreement\s)\b(?:" + _alternation(STRIKE_WORDS) + r")\b"
    r"(?!\s+(?:a|an|the)\s+(?:deal|agreement|accord))",
    re.I,
)

# Words of deaths and wounds: in a report about strikes, "five died in Ariha" places an event.
# The damage a strike leaves ("pictures of wrecked buildings in X"): in a report of strikes, like a casualty
# word, it places one; alone ("the storm destroyed tents") it places nothing.
DAMAGE_CUE = re.compile(r"\b(?:wrecked|destroyed|flattened|levelled|leveled|reduced\s+to\s+rubble)\b", re.I)
CASUALTY_CUE = re.compile(r"\b(?:killed|killing|died|dead|martyred|death\s+toll|bodies|wounded|injured|hurt|casualties|"
                          r"lost\s+(?:their|his|her)\s+lives?)\b", re.I)

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
    r"(?:become|becoming)\s+(?:more\s+)?(?:frequent|common)|"
    # A toll summed over months is no one event: "since the end of April more than 500 have been killed".
    r"since\s+the\s+(?:start|end|beginning|middle)\s+of|since\s+(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)|without\s+striking)\b",
    re.I,
)

# Aircraft seen, not striking: "drones kept flying over Idlib", "jets had circled over the town", or brought
# down. A clause saying so places no event (its aircraft still name the attackers of the report's strikes).
SIGHTING_CUE = re.compile(r"\b(?:flying|flew|flown|circling|circled|hovering|hovered)\s+(?:\w+\s+)?over\b"
                          # air defences at work: "shot down a drone above Jisr al-Shughur", "intercepted rockets"
                          r"|\b(?:shot|shooting|brought|bringing)\s+down\b|\bdowned\b|\bintercept(?:ed|ing)\b", re.I)

# Where one clause ends and the next begins inside a sentence.
CLAUSE_BREAK = re.compile(
    r"[,;:—–()]|\s-\s|\b(?:which|where|while|but|although|though|whereas|however|whom)\b"
    # "after the rebels attacked" opens a clause; "after midnight", "since Friday" are only times
    r"|\b(?:after|before|since|until)\b(?!\s+(?:midnight|dawn|noon|sunset|sunrise|daybreak|nightfall|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d|(?:the\s+)?(?:weekend|morning|evening|night|afternoon)\b))"
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


# A clause that is no clause of its own but a piece of the one before it: a list member, a locative phrase
# or an apposition after a comma or inside brackets ("hit Qulaydin and Al-Ankawi, two villages of Sahl
# al-Ghab, and Kansafra", "fell in the Ariha district, on the villages of A, B and C", "landed on (A, B, C)
# towns"), or a participle or verb that carries the strike of a subject cut off by an apposition ("army
# fire on Kafr Nouran, a village west of Aleppo, killed four"). A place mention opening the piece makes it
# one as well (``predicate_bounds`` is told where mentions start).
_FRAGMENT_OPENER = re.compile(
    r"\A\s*(?:(?:and|or|as\s+well\s+as|then|also)\s+)?(?:"
    r"(?:in|on|at|inside|around|across|along|into|onto|over|outside|upon|near|between)\s"
    r"|(?:a|an|the|two|three|four|five|six|seven|eight|nine|ten|both|several|all|each|one|its|their|\d+)\s"
    rf"|(?:{CARDINAL_ALTERNATION})(?:-?(?:{EAST_WEST_ALTERNATION}))?(?:ern)?\s"
    r"|(?:killing|killed|wounding|wounded|injuring|injured|hitting|striking|leaving|destroying|damaging)\b"
    # the members of a list after it: "several communities were hit, among them the city of Ariha, Shinan ..."
    r"|(?:among\s+them|including|such\s+as|notably|especially|particularly|mainly|mostly|chiefly)\b"
    # an aside on who struck: "a raid, thought to be Russian, in Khan Sheikhoun"
    r"|(?:thought|believed|suspected|likely|probably|apparently|reportedly)\b)",
    re.I,
)
# After these breaks a piece may continue the clause before; a clause word ("which", "after") or a
# semicolon opens a clause of its own.
_CONTINUING_BREAKS = frozenset(",()")
_AND_OR = re.compile(r"\A\s*(?:(?:and|or|as\s+well\s+as)\s+)?")


def predicate_bounds(
    sentence: str, offset: int, breaks: Sequence[tuple[int, int]], mention_starts: Sequence[int] = ()
) -> tuple[int, int]:
    """``(start, end)`` of the clause at ``offset`` with the pieces that belong to its predicate.

    The clause (``clause_bounds``) is joined with the pieces around it that have no predicate of their
    own (list members, locative phrases, appositions, a participle: ``_FRAGMENT_OPENER``) after a comma
    or a bracket; a sentence that opens with such a piece ("In Ariha, ...", "Taftanaz, Ram Hamdan and
    Binnish, north of Idlib, came under raids") is joined with the clause that follows it, its predicate.
    ``mention_starts`` are the offsets in ``sentence`` where place mentions start.

    >>> s = "Shells fell in the Ariha district, on the villages of Bara and Deir Sunbul, monitors said."
    >>> a, b = predicate_bounds(s, s.index("Bara"), [m.span() for m in CLAUSE_BREAK.finditer(s)])
    >>> s[a:b]
    'Shells fell in the Ariha district, on the villages of Bara and Deir Sunbul'
    """
    return predicate_spans(sentence, breaks, mention_starts).at(offset)


class PredicateSpans:
    """The pieces of one sentence and the predicate span of each (``predicate_spans``), read once."""

    __slots__ = ("chains", "ends")

    def __init__(self, ends: list[int], chains: list[tuple[int, int]]) -> None:
        self.ends = ends  # where each piece ends, in order
        self.chains = chains  # each piece's predicate span

    def at(self, offset: int) -> tuple[int, int]:
        """The predicate span of the piece holding ``offset`` (the first piece ending at or after it)."""
        return self.chains[min(bisect_left(self.ends, offset), len(self.ends) - 1)]


def predicate_spans(
    sentence: str, breaks: Sequence[tuple[int, int]], mention_starts: Sequence[int] = ()
) -> PredicateSpans:
    """Each piece of ``sentence`` (between ``breaks``) with the span of the predicate it belongs to."""
    # The pieces: (start, end, the break before it); the first has none.
    pieces: list[tuple[int, int, str]] = []
    bracketed: list[bool] = []  # the piece lies inside brackets: an aside, read with the piece before it
    prev_end, prev_break, depth = 0, "", 0
    for b0, b1 in breaks:
        pieces.append((prev_end, b0, prev_break))
        bracketed.append(depth > 0)
        prev_end, prev_break = b1, sentence[b0:b1].strip()
        depth = depth + 1 if prev_break == "(" else max(0, depth - 1) if prev_break == ")" else depth
    pieces.append((prev_end, len(sentence), prev_break))
    bracketed.append(depth > 0)
    starts = frozenset(mention_starts)

    def joins(k: int) -> bool:
        """Whether piece ``k`` continues the one before it."""
        a, b, brk = pieces[k]
        piece = sentence[a:b]
        if not piece.strip() or bracketed[k]:
            return True  # between two breaks (", which", ") ,"), or inside brackets
        if brk == "where":
            return True  # "out in Hass, where helicopters had dropped barrels": the strike is at the place before
        if brk not in _CONTINUING_BREAKS:
            return False
        return bool(_FRAGMENT_OPENER.match(piece)) or a + _AND_OR.match(piece).end() in starts  # type: ignore[union-attr]

    # Runs of pieces each joined to the one before; the first run takes in the next when the sentence
    # opens with a subject list or a fronted locative (its predicate is the next clause).
    runs: list[list[int]] = []
    for k in range(len(pieces)):
        if k and joins(k):
            runs[-1].append(k)
        else:
            runs.append([k])
    if len(runs) > 1 and _opens_with_fragment(sentence, pieces[0], starts):
        runs[0:2] = [runs[0] + runs[1]]
    chains: list[tuple[int, int]] = [(0, 0)] * len(pieces)
    for run in runs:
        span = (pieces[run[0]][0], pieces[run[-1]][1])
        for k in run:
            chains[k] = span
    return PredicateSpans([b for _, b, _ in pieces], chains)


# A fronted locative opening a sentence: "In Ariha, ... an ambulance was hit".
_FRONTED_LOCATIVE = re.compile(r"\s*(?:in|on|at|near|around|inside|outside)\s", re.I)
# An auxiliary or a verb of saying: a piece holding one has a predicate of its own ("Idlib had lived a bloody
# day on Sunday, when raids on Binnish killed 12"), so it is no subject list waiting for the next clause.
_PLACE_SUBJECT = re.compile(r"\s*the\s+(?:village|town|city|locality|camp)\s+of\s", re.I)
_OWN_VERB = re.compile(r"\b(?:had|has|have|was|were|is|are|will|would|said|says)\b", re.I)


def _opens_with_fragment(sentence: str, piece: tuple[int, int, str], starts: frozenset[int]) -> bool:
    a, b, _ = piece
    text = sentence[a:b]
    lead = len(text) - len(text.lstrip())
    # "The village of Ihsim, in the Yabal Zauya area, accounted for five of the dead": "the village of X" with
    # no verb is the subject of the clause after it.
    names_a_place = bool(_PLACE_SUBJECT.match(text)) and any(a <= start < b for start in starts)
    return (a + lead in starts or bool(_FRONTED_LOCATIVE.match(text)) or names_a_place) and not _OWN_VERB.search(text)


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
# A bullet or list number opens a list's line, never a headline.
_LIST_ITEM = re.compile(r"\s*(?:[•·▪◦‣*–—-]|\d{1,2}[.)])\s")
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
    if not line or line.endswith(_SENTENCE_FINAL) or "\n" in line or _LIST_ITEM.match(line):
        return False
    # Only the next character and whether any text follows are read: copying the rest of a long report
    # for each mention made the role reader quadratic in the text.
    return (text[s1 : s1 + 1] in ("\n", "\r") and _NOT_SPACE.search(text, s1) is not None
            and len(line.split()) <= HEADLINE_MAX_WORDS)
