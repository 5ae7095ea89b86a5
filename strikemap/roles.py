"""Roles of place mentions: where something happened, a dateline, a government, or a mere mention.

Every rule reads the local context of one mention inside its sentence and clause, and every
pattern is data below, with a comment saying why it is there. The order of decision:

1. ``dateline``: the mention lies inside the dateline at the top of the text ("AMMAN:",
   "IDLIB, Syria, May 7 (Wire) —", "BEIRUT (Reuters) -").
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
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace

from .geo import haversine_km
from .models import Mention
from .spelling import fold
from .text import CONTAINER_GAP, sentence_spans

__all__ = [
    "ACTOR_AFTER",
    "ACTOR_BEFORE",
    "CASUALTY_CUE",
    "CLAUSE_BREAK",
    "DATELINE",
    "FOREIGN_NAMES",
    "NON_EVENT_CUE",
    "REFERENCE_AFTER",
    "REFERENCE_BEFORE",
    "STRIKE_CUE",
    "assign_roles",
    "clause_bounds",
    "dateline_end",
    "has_casualty_cue",
    "has_non_event_cue",
    "is_headline",
    "is_strike_text",
]

# The dateline: a capitalised place (", Country" optional), an optional date, an optional agency in
# brackets, then ":" or a dash. Only the very start of the text can hold one.
DATELINE = re.compile(
    r"\A\s*(?P<place>[^\W\d_](?:[^\W\d]|['’.\- ]){1,40}?(?:,\s*[^\W\d_](?:[^\W\d]|['’.\- ]){1,30}?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,30})\))?"
    r"\s*(?::|—|–|--|-)\s",
)

# Names that stand for a foreign government or lie outside Syria even when the gazetteer does not
# know them; such mentions are never events.
FOREIGN_NAMES = frozenset(
    fold(n)
    for n in (
        "Moscow Ankara Tehran Teheran Washington Paris London Berlin Astana Nur-Sultan Sochi Geneva Amman Beirut "
        "Riyadh Doha Cairo Baghdad Brussels Russia Turkey Türkiye Iran France Britain Jordan Lebanon Iraq Israel "
        "Kazakhstan Qatar Germany Europe"
    ).split()
) | frozenset(fold(n) for n in ("United States", "United Kingdom", "Saudi Arabia", "New York", "the Kremlin"))

# Places that may stand for the Syrian government ("the Damascus regime", "Damascus denied").
SEAT_OF_GOVERNMENT = frozenset({fold("Damascus")})

_VERBS_OF_GOVERNMENT = (
    r"(?:has\s+|have\s+|had\s+|also\s+|again\s+|later\s+|on\s+\w+day\s+)*"
    r"(?:said|says|say|called|calls|urged|urges|agreed|agrees|denied|denies|deny|accused|accuses|announced|"
    r"announces|condemned|condemns|warned|warns|demanded|demands|blamed|blames|insisted|insists|rejected|"
    r"rejects|struck|signed|brokered|pledged|vowed|claimed|claims|stated|responded|sent|deployed|"
    r"dispatched|negotiated|backs|backed|supports|supported|expects|expected|welcomed|welcomes|rejected|"
    r"declined|did\s+not\s+comment|does\s+not\s+comment|threatened|offered)\b"
)

# Patterns on the text just after the mention (within its sentence) that make it an actor.
ACTOR_AFTER: tuple[tuple[re.Pattern[str], str], ...] = (
    # "France called on Russia", "Moscow denied", and lists: "Moscow, Ankara and Tehran agreed".
    (re.compile(r"\A(?:\s*(?:,|and|,\s*and)\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)*\s+" + _VERBS_OF_GOVERNMENT),
     "a capital or country followed by a verb of government action"),
    # "Ankara, which backs some rebel factions, said".
    (re.compile(r"\A,\s+which\s+" + _VERBS_OF_GOVERNMENT), "a capital described by what its government does"),
    # "the Damascus regime", "the Ankara government", "allies of the Damascus regime".
    (re.compile(r"\A\s+(?:regime|government|authorities|administration|leadership)\b", re.I),
     "a capital naming its government"),
    # "Russia's Defense Ministry", "Turkey's foreign minister", "Iran's envoy".
    (re.compile(r"\A['’]s\s+(?:[\w\-]+\s+){0,2}(?:ministry|minister|government|president|envoy|delegation|"
                r"military|army|air\s+force|officials?|spokes(?:man|woman|person)|foreign|defen[cs]e|leader)\b",
                re.I),
     "a country's office or forces speaking or acting"),
    # "Ankara-backed factions", "Moscow-brokered truce".
    (re.compile(r"\A-(?:backed|supported|allied|brokered|sponsored|led)\b", re.I), "X-backed: a sponsor"),
)

# Patterns on the text just before the mention that make it an actor.
ACTOR_BEFORE: tuple[tuple[re.Pattern[str], str], ...] = (
    # "France called on Russia", "urged Moscow", "pressed Ankara".
    (re.compile(r"\b(?:called|calls|calling)\s+on\s+(?:both\s+)?\Z|\b(?:urged|urges|pressed|presses|asked|"
                r"warned|warns|accused|accuses|blamed|blames)\s+\Z", re.I),
     "the addressee of a demand or accusation"),
    # "a tripartite deal struck by Moscow, Ankara and Tehran", "talks between Ankara and Moscow".
    (re.compile(r"\b(?:deal|agreement|accord|memorandum|talks|summit|truce|ceasefire|cease-fire)\b[^.]{0,40}?"
                r"\b(?:by|between|among|with)\s+(?:[A-Z][\w'’\-]+,?\s+(?:and\s+)?)*\Z"),
     "a party to a deal or talks"),
    # "allies of Russia", "the government of Turkey", "a spokesman for Moscow".
    (re.compile(r"\b(?:allies|ally|government|president|foreign\s+ministry|defen[cs]e\s+ministry|"
                r"spokes(?:man|woman|person)|envoy|ambassador)\s+(?:of|for|to)\s+\Z", re.I),
     "the government behind an office"),
    # "in contact with Moscow", "talks with Ankara".
    (re.compile(r"\b(?:contacts?|talks|talking|negotiations?|met|meeting|spoke|speaking)\s+with\s+\Z", re.I),
     "a government one talks with"),
)

# Patterns on the text just before the mention that make it a reference point, not a place struck.
REFERENCE_BEFORE: tuple[tuple[re.Pattern[str], str], ...] = (
    # "east of Idlib city", "20 km south-west of Maarat al-Numan": the impact site is elsewhere.
    (re.compile(r"\b(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
                r"(?:(?:city|town|village)\s+of\s+)?\Z", re.I),
     "a direction from a reference point"),
    # "missiles fired from Jabal al-Akrad", "launched from positions in X".
    (re.compile(r"\b(?:fired|launched|shot|came)\s+(?:\w+\s+){0,2}?from\s+(?:(?:government|regime|army|rebel|"
                r"opposition|military)\s+)?(?:positions?|bases?|areas?|posts?)?\s*(?:in|at|near|around)?\s*\Z",
                re.I),
     "a launch position"),
    # "the province that borders Turkey", "the border with Turkey".
    (re.compile(r"\b(?:borders?|bordering|border\s+with|frontier\s+with)\s+\Z", re.I), "a neighbour across a border"),
    # "the highway linking Damascus and Aleppo", "the road to Latakia".
    (re.compile(r"\b(?:linking|connecting|roads?\s+to|highways?\s+to|routes?\s+to|towards?|heading\s+to)\s+"
                r"(?:[A-Z][\w'’\-]+\s+(?:and|with)\s+)?\Z", re.I),
     "a road's ends or a heading"),
    # "a rescue worker from the Civil Defense in Idlib": an organisation's seat, not an impact site.
    (re.compile(r"\b(?:Civil\s+Defen[cs]e|White\s+Helmets|council|directorate|health\s+authority|"
                r"observatory|office|headquartered|based)\s+(?:in|of|at)\s+\Z", re.I),
     "an organisation's seat"),
    # "displaced people who fled to Atmeh", "families sheltering in Sarmada": where people went.
    (re.compile(r"\b(?:fled|flee|fleeing|displaced|sheltering|took\s+refuge|moved|headed)\s+(?:\w+\s+){0,3}?"
                r"(?:to|into|toward|towards)\s+(?:the\s+)?(?:\w+\s+)?\Z", re.I),
     "a destination of people fleeing"),
    # "rocket launchers stationed in the village of X", "artillery posted on Jabal X", "troops deployed in X",
    # "the jets had taken off from the Hmeimim air base", "from regime positions in the cities of X".
    (re.compile(r"\b(?:stationed|posted|deployed|positioned|based|took\s+off|taken\s+off|taking\s+off|"
                r"from\s+(?:[\w-]+\s+)?positions?)\s+(?:in|on|at|from|near)\s+(?:the\s+)?(?:(?:\w+\s+){0,2}?(?:village|town|city|"
                r"cities|base|airport|area|hills?|mountains?)\s+(?:(?:of|in)\s+(?:the\s+)?)?)?\Z", re.I),
     "where the attacker stood or took off: an origin"),
    # "the wounded were taken to a hospital in X", "driven to hospitals in X", "dispatched the wounded to
    # the hospital in X": where victims were brought, not where the strike fell.
    (re.compile(r"\b(?:taken|took|take|driven|drove|dispatched|transferred|rushed|evacuated|brought|carried|moved)\s+"
                r"(?:\w+\s+){0,3}?(?:to|into)\s+(?:(?:a|the)\s+)?(?:\w+\s+){0,2}?(?:hospitals?|clinics?|"
                r"medical\s+(?:centres?|centers?|points?))\s+(?:in|of|at)\s+(?:the\s+)?(?:city\s+of\s+)?\Z",
                re.I),
     "where the wounded were brought: a destination"),
    # "a man from the village of X", "displaced from X", "from their home in X": where a person comes from.
    (re.compile(r"\b(?:(?:man|woman|boy|girl|child|family|families|people|resident|residents|native|natives|"
                r"displaced|originally|hails?)\s+(?:who\s+\w+\s+)?(?:had\s+been\s+)?(?:displaced\s+)?from|"
                r"from\s+(?:their|his|her)\s+homes?\s+in)\s+(?:the\s+)?(?:(?:village|town|city)\s+of\s+)?\Z",
                re.I),
     "a person's home: where someone comes from"),
)

# A word one of which every match of the pattern at the same place in ACTOR_BEFORE / REFERENCE_BEFORE holds
# (lower case): a lead-in holding none of them cannot match, and its regex search is skipped. The tests
# derive each pattern's required literals from the regex itself and check these words against them.
_ACTOR_BEFORE_WORDS: tuple[tuple[str, ...], ...] = (
    ("call", "urge", "presse", "asked", "warn", "accuse", "blame"),
    ("deal", "agreement", "accord", "memorandum", "talks", "summit", "truce", "ceasefire", "cease-fire"),
    ("allies", "ally", "government", "president", "ministry", "spokes", "envoy", "ambassador"),
    ("contact", "talk", "negotiation", "met", "meeting", "spoke", "speaking"),
)
_REFERENCE_BEFORE_WORDS: tuple[tuple[str, ...], ...] = (
    ("north", "south", "east", "west"),
    ("fired", "launched", "shot", "came"),
    ("border", "frontier"),
    ("linking", "connecting", "road", "highway", "route", "toward", "heading"),
    ("civil", "white", "council", "directorate", "health", "observatory", "office", "headquartered", "based"),
    ("fled", "flee", "displaced", "sheltering", "took", "moved", "headed"),
    ("stationed", "posted", "deployed", "positioned", "based", "took", "taken", "taking", "position"),
    ("taken", "took", "take", "driven", "drove", "dispatched", "transferred", "rushed", "evacuated", "brought",
     "carried", "moved"),
    ("man", "woman", "boy", "girl", "child", "famil", "people", "resident", "native", "displaced", "originally",
     "hail", "home"),
)
# The only characters besides ASCII letters that re.IGNORECASE matches to an ASCII letter: folded
# with them, and lower-cased, a text holds a pattern's literal words wherever the pattern matches.
_TO_ASCII_CASE = str.maketrans({"İ": "i", "ı": "i", "\u212a": "k", "ſ": "s"})


# Patterns on the text just after the mention that make it a reference point.
REFERENCE_AFTER: tuple[tuple[re.Pattern[str], str], ...] = (
    # "positions in Jabal al-Akrad from which missiles were fired".
    (re.compile(r"\A[^.,;]{0,20}?\bfrom\s+which\b", re.I), "a launch position"),
    # "Idlib-based", "a Beirut-based monitor".
    (re.compile(r"\A-based\b", re.I), "an organisation's seat"),
)

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

_LIST_GAP = re.compile(r"\A\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*\(\s*|\s*\)\s*(?:,\s*)?(?:and\s+)?)\s*\Z")


def dateline_end(text: str) -> int:
    """The offset where the dateline at the top of ``text`` ends, or 0 when there is none.

    >>> dateline_end("AMMAN: Jets struck Ariha.")
    7
    >>> dateline_end("Jets struck Ariha on Monday.")
    0
    """
    m = DATELINE.match(text)
    if not m or "\n" in m.group("place"):
        return 0
    return m.end()


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


def _first_reason(patterns: Sequence[tuple[re.Pattern[str], str]], text: str) -> str | None:
    for pattern, why in patterns:
        if pattern.search(text):
            return why
    return None


# Each table row with its words (see _ACTOR_BEFORE_WORDS), paired once.
_Rows = tuple[tuple[tuple[re.Pattern[str], str], tuple[str, ...]], ...]
_ACTOR_BEFORE_ROWS: _Rows = tuple(zip(ACTOR_BEFORE, _ACTOR_BEFORE_WORDS, strict=True))
_REFERENCE_BEFORE_ROWS: _Rows = tuple(zip(REFERENCE_BEFORE, _REFERENCE_BEFORE_WORDS, strict=True))


def _case_folded(text: str) -> str:
    """``text.translate(_TO_ASCII_CASE).lower()``; an ASCII text has nothing to translate."""
    return text.lower() if text.isascii() else text.translate(_TO_ASCII_CASE).lower()


def _first_reason_with(rows: _Rows, text: str, folded: str) -> str | None:
    """``_first_reason`` over the rows' patterns, searching only with those whose words ``folded`` holds.

    ``folded`` is ``_case_folded(text)``.
    """
    for (pattern, why), needed in rows:
        for word in needed:
            if word in folded:
                if pattern.search(text):
                    return why
                break
    return None


def _is_foreign(mention: Mention) -> bool:
    place = mention.place
    if place is not None:
        return place.country != "SY" or place.kind == "country"
    return fold(mention.text) in FOREIGN_NAMES or fold(mention.text) == fold("Syria")


def _may_be_actor(mention: Mention) -> bool:
    return _is_foreign(mention) or fold(mention.text) in SEAT_OF_GOVERNMENT


# An appositive noun phrase after a comma: "..., two areas pounded daily by jets, ...".
_APPOSITION = re.compile(r"(?:a|an|the|two|three|four|five|both|several|all|each|one|\d+)\s", re.I)


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


class _Reading:
    """What the mentions of one article share: each sentence's text and clause breaks, each clause's strike reading.

    Made per call of ``assign_roles``; a sentence holds many mentions, and each used to re-read it.
    """

    def __init__(self, text: str, starts: Sequence[int], strikes_reported: bool) -> None:
        self.text = text
        self.starts = starts  # of every mention
        self.strikes_reported = strikes_reported
        self._sentences: dict[tuple[int, int], tuple[str, list[tuple[int, int]]]] = {}
        self._events: dict[tuple[tuple[int, int], int, int], bool] = {}

    def sentence(self, sent: tuple[int, int]) -> tuple[str, list[tuple[int, int]]]:
        """The sentence's text and its clause breaks."""
        found = self._sentences.get(sent)
        if found is None:
            sentence = self.text[sent[0] : sent[1]]
            found = self._sentences[sent] = (sentence, [m.span() for m in CLAUSE_BREAK.finditer(sentence)])
        return found

    def clause_bounds(self, sent: tuple[int, int], offset: int) -> tuple[int, int]:
        sentence, breaks = self.sentence(sent)
        return _bounds_in(breaks, len(sentence), offset)

    def event_clause(self, sent: tuple[int, int], offset: int) -> bool:
        """Whether the clause (with apposition) at ``offset`` of the sentence reads as an event."""
        sentence, breaks = self.sentence(sent)
        c0, c1 = _bounds_in(breaks, len(sentence), offset)
        # _clause_with_apposition, on the breaks found once.
        if c1 < len(sentence) and sentence[c1] == ",":
            n0, n1 = _bounds_in(breaks, len(sentence), c1 + 1)
            tail = sentence[n0:n1].strip()
            # No mention starts inside the apposition ([n0, n1) lies inside the sentence).
            lo, hi = sent[0] + n0, sent[0] + n1
            if _APPOSITION.match(tail) and not any(lo <= x < hi for x in self.starts):
                c1 = n1
        key = (sent, c0, c1)
        found = self._events.get(key)
        if found is None:
            clause = sentence[c0:c1]
            found = self._events[key] = is_strike_text(clause) or bool(
                self.strikes_reported and has_casualty_cue(clause) and not has_non_event_cue(clause)
            )
        return found


def _role_of(reading: _Reading, mention: Mention, sent: tuple[int, int], dl_end: int) -> tuple[str, bool]:
    """The role of one mention by its own cues, and whether a cue (not a default) decided it."""
    if mention.start < dl_end:
        return "dateline", True
    text = reading.text
    s0, s1 = sent
    # before[-120:] of before = text[s0 : mention.start], without copying the whole lead-in.
    before, after = text[max(s0, mention.start - 120) : mention.start], text[mention.end : s1]
    folded = _case_folded(before)
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


# A headline: a short line with no sentence end, followed by a line break and more text.
HEADLINE_MAX_WORDS = 20
_SENTENCE_FINAL = tuple(".!?:;\"”’')…")


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
    rest = text[s1:]
    return rest[:1] in ("\n", "\r") and bool(rest.strip()) and len(line.split()) <= HEADLINE_MAX_WORDS


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
    dl_end = dateline_end(text)
    strikes_reported = any(is_strike_text(text[a:b]) for a, b in spans)
    decided: list[tuple[str, bool]] = []
    reading = _Reading(text, [m.start for m in mentions], strikes_reported)
    sentence_of = _sentence_finder(spans, len(text))
    for m in mentions:
        decided.append(_role_of(reading, m, sentence_of(m.start), dl_end))
    _headline_to_body(mentions, decided)
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


# An area named as the container of a place struck: "Suran in northern Hama", "Sinjar, a village in the
# eastern Idlib countryside", "the southern Idlib town".
_CONTAINER_AFTER = re.compile(r"\A\s+(?:town|village|city)\b", re.I)
_AREA_KINDS = frozenset({"admin1", "admin2", "region"})
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
    for i in events:
        m = mentions[i]
        sent = event_sentence[i]
        peers = [j for j in events if j != i and event_sentence[j] == sent]
        localities = [j for j in peers if getattr(mentions[j].place, "kind", None) not in (None, *_AREA_KINDS)]
        if m.place is not None and m.place.kind in _AREA_KINDS and localities:
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

    A governorate ("in Syria's opposition-held Idlib province") gives way to any village struck in it
    anywhere in the report; a district or region ("the southern Idlib countryside") to a village struck in
    it in the same sentence, where both speak of one strike. A named landscape ("Sahl al-Ghab", "Jabal
    al-Zawiya") stays: "shelled villages across the Sahl al-Ghab plain and the town of X" struck both.
    """
    places = {i: mentions[i].place for i in events}
    localities = [j for j in events if (p := places[j]) is not None and p.kind not in _AREA_KINDS]
    if not localities:
        return
    for i in events:
        area = places[i]
        if area is None or area.kind not in _AREA_KINDS or not area.admin1:
            continue
        inside = [j for j in localities if getattr(places[j], "admin1", None) == area.admin1]
        same = [j for j in inside if event_sentence[j] == event_sentence[i]]
        if area.kind == "admin1":
            covered = bool(inside)
        elif area.kind == "admin2" or "countryside" in area.name.lower():
            covered = bool(same)
        else:
            # A named landscape gives way to a village struck inside it in the same sentence, unless the
            # sentence strikes unnamed places across it ("shelled villages across the Sahl al-Ghab plain").
            reach = max(area.radius_km or 0.0, 10.0) + 5.0
            covered = any(
                haversine_km(area.lat, area.lon, p.lat, p.lon) <= reach
                for j in same
                if (p := places[j]) is not None
            ) and not _UNNAMED_PLACES_IN.search(text[max(0, mentions[i].start - 40) : mentions[i].start])
        if covered:
            roles[i] = "other"


def _headline_to_body(mentions: Sequence[Mention], decided: list[tuple[str, bool]]) -> None:
    """A place a headline says was struck is no event there: its first later mention in the body that no cue
    decided becomes the event ("Jets pound Ariha" ... "in Ariha, three died"); one named only in the
    headline ("A Bloody Day in Idleb") is none."""
    for i, (role, _) in enumerate(decided):
        if role != "headline":
            continue
        decided[i] = ("other", True)
        place = mentions[i].place
        if place is None:
            continue
        pid = place.place_id
        for j in range(i + 1, len(mentions)):
            other = mentions[j].place
            if other is not None and other.place_id == pid and decided[j][0] != "headline":
                if decided[j] == ("other", False):
                    decided[j] = ("event", False)
                break
