"""The cues that give a place mention its role, as data: every pattern with a comment saying why it is there.

A mention's role is read from the text just before and after it (``roles`` puts the reading together):
``ACTOR_AFTER`` / ``ACTOR_BEFORE`` make a capital or country stand for its government, ``REFERENCE_BEFORE``
/ ``REFERENCE_AFTER`` make a place a reference point, an origin, a destination or a seat, never the place
struck; ``FOREIGN_NAMES`` and ``SEAT_OF_GOVERNMENT`` say which names may be actors at all.
"""

from __future__ import annotations

import re

from .directions import CARDINAL_ALTERNATION, EAST_WEST_ALTERNATION
from .needs import needed_words
from .spelling import fold

__all__ = [
    "ACTOR_AFTER",
    "ACTOR_BEFORE",
    "ACTOR_BEFORE_WORDS",
    "FOREIGN_NAMES",
    "REFERENCE_AFTER",
    "REFERENCE_BEFORE",
    "REFERENCE_BEFORE_WORDS",
    "SEAT_OF_GOVERNMENT",
]

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
    (re.compile(rf"\b(?:{CARDINAL_ALTERNATION})(?:[- ]?(?:{EAST_WEST_ALTERNATION}))?(?:ern)?\s+of\s+(?:the\s+)?"
                r"(?:(?:city|town|village)\s+of\s+)?\Z", re.I),
     "a direction from a reference point"),
    # "missiles fired from Jabal al-Akrad", "launched from positions in X".
    (re.compile(r"\b(?:fired|launched|shot|came)\s+(?:\w+\s+){0,2}?from\s+(?:(?:government|regime|army|rebel|"
                r"opposition|military)\s+)?(?:positions?|bases?|areas?|posts?)?\s*(?:in|at|near|around)?\s*\Z",
                re.I),
     "a launch position"),
    # "the province that borders Turkey", "the border with Turkey".
    (re.compile(r"\b(?:borders?|bordering|border\s+with|frontier\s+with)\s+\Z", re.I), "a neighbour across a border"),
    # "the highway linking Damascus and Aleppo", "the road to Latakia", "on the road between Idlib and Saraqib";
    # "open land between Ihsim and Al-Bara": a stretch between two places names neither as struck.
    (re.compile(r"\b(?:linking|connecting|(?:roads?|highways?|routes?)\s+(?:to|between)|"
                r"(?:land|lands|areas?|fields|farmland|farms|orchards|hills)\s+between|towards?|heading\s+to)\s+"
                r"(?:[A-Z][\w'’\-]+(?:\s+[\w'’\-]+){0,2}?\s+(?:and|with)\s+)?\Z", re.I),
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
    # "doctors treat a boy hurt in the shelling, at a hospital in the city of X", "the wounded are being
    # treated in hospitals in X": where victims are cared for, not where the strike fell.
    (re.compile(r"\b(?:treat\w*|admitted|recover\w*|hospitali[sz]ed|doctors?|surgeons?)\b[^.;]{0,80}?\b(?:at|in)\s+"
                r"(?:(?:a|the)\s+)?(?:\w+\s+){0,2}?(?:hospitals?|clinics?)\s+(?:in|of|at)\s+(?:the\s+)?(?:city\s+of\s+)?\Z",
                re.I),
     "where the wounded are cared for: a destination"),
    # "a man from the village of X", "displaced from X", "from their home in X": where a person comes from.
    (re.compile(r"\b(?:(?:man|woman|boy|girl|child|family|families|people|resident|residents|native|natives|"
                r"displaced|originally|hails?)\s+(?:who\s+\w+\s+)?(?:had\s+been\s+)?(?:displaced\s+)?from|"
                r"from\s+(?:their|his|her)\s+homes?\s+in)\s+(?:the\s+)?(?:(?:village|town|city)\s+of\s+)?\Z",
                re.I),
     "a person's home: where someone comes from"),
)

REFERENCE_BEFORE += (
    # "Hass, a village near the town of Kafr Nubl", "Baksariyah village near Jisr al-Shughur": the named
    # village is the place struck, the town it is near a reference ("struck a village near X" names none).
    # So for any name before "near" inside a sentence: "a house in Binnish near Idlib city", "the Scientific
    # Research Centre near Ram Hamdan" (at a sentence's start, "Shelling near Ariha" names no place).
    (re.compile(r"(?<=[\w,]\s)[A-Z][\w'’-]+(?:(?:,\s+an?)?\s+(?:[Vv]illage|[Tt]own|[Cc]amp))?\s+near\s+"
                r"(?:the\s+(?:town|city|village)\s+of\s+)?\Z"),
     "the place a named place is near"),
)

# What each row of ACTOR_BEFORE / REFERENCE_BEFORE cannot match without (``strikemap.needs``, read from the
# pattern): a lead-in missing one of its groups of words cannot match, and that row's search is skipped.
ACTOR_BEFORE_WORDS: tuple[tuple[tuple[str, ...], ...], ...] = tuple(needed_words(p) for p, _ in ACTOR_BEFORE)
REFERENCE_BEFORE_WORDS: tuple[tuple[tuple[str, ...], ...], ...] = tuple(needed_words(p) for p, _ in REFERENCE_BEFORE)

# Patterns on the text just after the mention that make it a reference point.
REFERENCE_AFTER: tuple[tuple[re.Pattern[str], str], ...] = (
    # "positions in Jabal al-Akrad from which missiles were fired".
    (re.compile(r"\A[^.,;]{0,20}?\bfrom\s+which\b", re.I), "a launch position"),
    # "Idlib-based", "a Beirut-based monitor".
    (re.compile(r"\A-based\b", re.I), "an organisation's seat"),
    # "near the Latakia border", "the Turkish border": a border names where a place lies, not a strike.
    (re.compile(r"\A\s+(?:border|frontier)\b", re.I), "a border"),
)
