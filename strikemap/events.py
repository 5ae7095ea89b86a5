"""Strike events from role-tagged mentions: type, actors, casualties, targets, date, precision.

One event per place struck per report (mentions with role ``event`` that resolved to a place).
The codings, each a table below:

Event type
    From the mention's clause, else its sentence, else the report's main type, by the first row of
    ``EVENT_TYPE_CUES`` that matches (most specific first: barrel bomb, drone, missile, air, shelling,
    ground clash). "Rockets" count as shelling (ground-launched, as ACLED's shelling/artillery/missile).
Actors
    ``ACTOR_NAMES`` (ACLED-style names) for attackers named next to a weapon, force or attack verb
    ("Russian and Syrian jets", "regime artillery", "rebels shelled"). actor1 is the first named
    attacker; with two attacking forces the second is actor2 (ACLED would put it in assoc_actor_1;
    ``notes`` then says "actor2 co-attacker"). For a ground clash actor2 is the side attacked
    ("offensive against regime-controlled areas"). Air, barrel-bomb and missile strikes keep only
    forces that fly or fire them (opposition fighters have no jets). A sentence naming no attacker
    takes the report's first named attackers of a compatible type. No attacker anywhere: ``None``.
Casualties
    Numbers through ``text_to_num.alpha2digit`` ("thirty-two" → 32); victims are summed ("a woman
    and her three children" → 4, "a family of five" → 5). Vague counts take the lower bound in
    ``VAGUE_COUNTS`` ("several"/"a few" → 3, "dozens"/"a dozen" → 12, "tens" → 10, "scores" → 20,
    "hundreds" → 100); "many"/"some" stay ``None``. The words as written go to ``fatalities_text``.
No double counting
    A figure followed by "in <place>", or in a sentence naming one event place, belongs to that
    place. A figure in a sentence naming no (or several) event places is a report-level total: the
    first one stated (the lead) counts, minus the figures already placed, and goes to ONE event, the
    broadest (highest geo_precision, then first in text) of the same kind of attack that has no
    figure of its own. So a report's events never sum to more than it reported.
Targets
    ``TARGET_CUES`` over the event's sentences; targets in strike sentences naming no place go to
    the same event as the report-level total.
Date
    A date phrase in the event's sentence ("on Tuesday", "May 5", "yesterday") read with dateparser
    relative to the publication date; else the publication date (``--date``, or the dateline's
    date); ``None`` when neither is known. A weekday equal to the publication's weekday is that day.
Precision
    1 a city, town, village, neighbourhood or camp; 2 near one ("near", "outskirts of",
    "countryside of"), part of an area (a mountain area up to 18 km across in radius, a sub-district),
    or located relative to a reference point; 3 a governorate, district or larger region ("southern
    Idlib countryside").
Confidence
    ``0.5`` + 0.15 explicit strike words in the clause + 0.1 good match (score ≥ 90) + 0.1 actor
    known + up to 0.1 for more sentences, − 0.1 at precision 3, − 0.15 for a fuzzy match, in 0.05–0.95.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from text_to_num import alpha2digit

from .models import Mention, StrikeEvent
from .roles import CASUALTY_CUE, DATELINE, NON_EVENT_CUE, REFERENCE_BEFORE, clause_bounds, is_strike_text

__all__ = [
    "ACTOR_NAMES",
    "EVENT_TYPE_CUES",
    "TARGET_CUES",
    "VAGUE_COUNTS",
    "count_victims",
    "event_type_of",
    "events_from_mentions",
    "find_actors",
    "find_casualties",
    "find_date",
    "merge_duplicates",
    "targets_of",
]

# Most specific first: the first row that matches decides.
EVENT_TYPE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("barrel_bomb", re.compile(r"\bbarrel[- ]bomb|\bexplosive[- ]barrels?\b", re.I)),
    ("drone_strike", re.compile(r"\bdrones?\b|\bUAVs?\b|\bunmanned\b", re.I)),
    ("missile_strike", re.compile(r"\bmissiles?\b|\bballistic\b|\bsurface-to-surface\b", re.I)),
    ("air_strike", re.compile(r"\bair\s*-?(?:strikes?|raids?)|\bwarplanes?\b|\bjets?\b|\baircraft\b|\baerial\b|"
                              r"\bhelicopters?\b|\bplanes?\b|\bbomb(?:s|ed|ing|ings|ardments?)?\b|\bsorties?\b|"
                              r"\braids?\b", re.I)),
    ("shelling", re.compile(r"\bshell(?:s|ed|ing)\b|\bartillery\b|\bmortars?\b|\brockets?\b|\bhowitzers?\b", re.I)),
    ("ground_clash", re.compile(r"\bclash(?:es|ed)?\b|\bfighting\b|\boffensive\b|\bbattles?\b|\bstormed\b|"
                                r"\bassault\b|\bambush", re.I)),
    ("other", re.compile(r"\bexplosions?\b|\bblasts?\b|\bcar\s+bomb|\battack(?:s|ed)?\b|\bstruck\b|\bhit\b", re.I)),
)
_AIR_TYPES = frozenset({"air_strike", "barrel_bomb", "missile_strike", "drone_strike"})

# ACLED-style actor names, the words that name them, and whether they fly (air/barrel/missile strikes).
ACTOR_NAMES: tuple[tuple[str, str, bool], ...] = (
    ("Military Forces of Russia", r"Russian|Russia['’]s|Moscow['’]s", True),
    ("Military Forces of Syria", r"Syrian\s+(?:government|regime|army|state)|Syrian|pro-government|pro-regime|"
                                 r"government|regime|Assad['’]s|Syria['’]s|army", True),
    ("Military Forces of Turkey", r"Turkish|Turkey['’]s", True),
    ("US-led Coalition", r"US-led|U\.S\.-led|coalition|American", True),
    ("Military Forces of Israel", r"Israeli", True),
    ("Hayat Tahrir al-Sham", r"Hayat\s+Tahrir\s+al-Sham|HTS|former\s+al-Qaeda\s+(?:offshoot|affiliate|branch)|"
                             r"jihadists?|jihadist\s+fighters", False),
    ("Opposition fighters", r"opposition|rebels?|insurgents?|armed\s+factions", False),
)
_ACTOR_WORD = "|".join(f"(?P<a{i}>{words})" for i, (_, words, _) in enumerate(ACTOR_NAMES))
# An actor word is an attacker when a weapon, force or attack verb follows (possibly after "and X").
_ATTACKER = re.compile(
    rf"(?<![\w-])(?:{_ACTOR_WORD})(?=(?:\s*(?:,|and|or)\s+(?:{_ACTOR_WORD.replace('?P<a', '?P<b')}))*"
    r"\s+(?:[\w-]+\s+)?(?:war)?(?:jets|planes|aircraft|helicopters|drones|forces|troops|artillery|gunners|military|"
    r"air\s+force|fighters|bombing|bombardment|strikes|air\s*strikes|airstrikes|raids|campaign|shelling|missiles|"
    r"rockets|militants|factions|shelled|struck|bombed|attacked|launched|fired|pounded|waged|hit|targeted|"
    r"raided|stormed|dropped)\b)",
    re.I,
)
_OPPONENT = re.compile(rf"\bagainst\s+(?:the\s+)?(?:{_ACTOR_WORD})", re.I)

# Vague counts, coded at the lower bound of what the words can mean.
VAGUE_COUNTS: dict[str, int | None] = {
    "a few": 3, "few": 3, "several": 3, "a dozen": 12, "dozens": 12, "tens": 10, "scores": 20,
    "hundreds": 100, "many": None, "some": None, "a number of": None, "numerous": None,
}
_VAGUE = r"a\s+few|a\s+dozen|dozens|several|tens|scores|hundreds|many|some|a\s+number\s+of|numerous|few"
_QUAL = r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|some\s+|about\s+|around\s+|up\s+to\s+)?"
_PERSON = r"(?:man|woman|child|boy|girl|civilian|person|fighter|rescuer|doctor|nurse|teacher|volunteer|worker|" \
          r"farmer|shepherd|baby|infant|mother|father|paramedic|student)"
_STOP = r"(?=\s+(?:and\s+)?(?:injur|wound|hurt)|\s+(?:in|on|at|when|as|after|while|near|including|across|since|" \
        r"during|from|overnight|inside|outside)\b|\s*[,.;:—–]|\s*$)"
_KILL_AFTER = re.compile(rf"\b(?:killed|killing|kills|claimed\s+the\s+lives\s+of)\s+(?P<p>{_QUAL}.*?){_STOP}", re.I)
_KILL_BEFORE = re.compile(
    rf"(?P<p>{_QUAL}(?:\d+|{_VAGUE}|an?\s+{_PERSON})(?:\s+[\w-]+){{0,3}}?)\s+(?:were\s+|was\s+|have\s+been\s+|"
    r"had\s+been\s+|are\s+)?(?:\w+\s+)?(?:killed|died|dead)\b|(?P<b>\d+)\s+bodies\b|"
    r"death\s+toll\s+(?:\w+\s+){0,3}?(?:to|of|at|reached)\s+(?P<t>" + _QUAL + r"\d+)", re.I)
_HURT_AFTER = re.compile(rf"\b(?:injured|injuring|wounded|wounding)\s+(?P<p>{_QUAL}.*?){_STOP}", re.I)
_HURT_BEFORE = re.compile(
    rf"(?P<p>{_QUAL}(?:\d+|{_VAGUE}|an?\s+{_PERSON})(?:\s+[\w-]+){{0,3}}?)\s+(?:were\s+|was\s+|have\s+been\s+|"
    r"had\s+been\s+|are\s+)?(?:\w+\s+)?(?:injured|wounded|hurt)\b", re.I)
_AFTER_FIGURE_PLACE = re.compile(
    r"\A\s*(?:[\w-]+\s+){0,2}?(?:in|at|near)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?"
)

# Target codes and the words that name them.
TARGET_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hospital", re.compile(r"\bhospitals?\b|\bmedical\s+(?:cent(?:er|re)s?|facilit\w+|points?)|\bclinics?\b|"
                            r"\bhealth\s+(?:cent(?:er|re)s?|facilit\w+)", re.I)),
    ("school", re.compile(r"\bschools?\b|\bkindergartens?\b", re.I)),
    ("market", re.compile(r"\bmarkets?\b|\bmarketplace\b|\bsouq\b", re.I)),
    ("civil_defence", re.compile(r"\b(?:civil\s+)?defen[cs]e\s+(?:cent(?:er|re)s?|posts?|offices?|teams?|vehicles?)|"
                                 r"\bWhite\s+Helmets\s+(?:cent(?:er|re)|base|team)", re.I)),
    ("camp", re.compile(r"\bcamps?\b|\bdisplacement\s+sites?\b|\btents?\b", re.I)),
    ("power", re.compile(r"\bpower\s+(?:stations?|plants?|lines?|grid)|\belectricity\b", re.I)),
    ("water", re.compile(r"\bwater\s+(?:stations?|plants?|pumping|networks?|tanks?|wells?)", re.I)),
    ("bakery", re.compile(r"\bbaker(?:y|ies)\b|\bbread\s+(?:queues?|lines?)", re.I)),
    ("mosque", re.compile(r"\bmosques?\b", re.I)),
    ("residential", re.compile(r"\bresidential\b|\bhomes?\b|\bhouses?\b|\bapartments?\b|\bneighbou?rhoods?\b", re.I)),
)

_NEAR_BEFORE = re.compile(r"\b(?:near|outside|around|outskirts\s+of|close\s+to|countryside\s+of|rural|vicinity\s+of|"
                          r"surroundings\s+of|edge\s+of)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?\Z", re.I)
_NEAR_AFTER = re.compile(r"\A\s+(?:countryside|outskirts|surroundings|area|plain|region)\b", re.I)
_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE_PHRASE = re.compile(
    rf"\b(?P<abs>{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?)\b|"
    r"\b(?:on|last|this|early\s+on|late\s+on|since)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b|\b(?P<rel>yesterday|today|overnight|last\s+night|this\s+morning)\b")


@dataclass
class _Draft:
    mention: Mention
    sentences: list[int] = field(default_factory=list)
    explicit: bool = False
    fatalities: int | None = None
    injured: int | None = None
    fatalities_text: str | None = None
    targets: set[str] = field(default_factory=set)
    precision: int = 1
    notes: list[str] = field(default_factory=list)


def event_type_of(text: str) -> str | None:
    """The event type the words of ``text`` name, most specific first; None when none does.

    >>> event_type_of("helicopters dropped barrel bombs on the town")
    'barrel_bomb'
    """
    for name, pattern in EVENT_TYPE_CUES:
        if pattern.search(text):
            return name
    return None


def find_actors(sentence: str, event_type: str | None = None) -> tuple[str | None, str | None, bool]:
    """``(actor1, actor2, co_attackers)`` named as attackers in ``sentence`` (see the module notes).

    >>> find_actors("Russian and Syrian jets struck the town", "air_strike")
    ('Military Forces of Russia', 'Military Forces of Syria', True)
    """
    found: list[str] = []
    for m in _ATTACKER.finditer(sentence):
        i = next(int(k[1:]) for k, v in m.groupdict().items() if v and k.startswith("a"))
        name, _, flies = ACTOR_NAMES[i]
        if event_type in _AIR_TYPES - {"drone_strike"} and not flies:
            continue
        if name not in found:
            found.append(name)
    if event_type == "ground_clash" and found:
        opp = _OPPONENT.search(sentence)
        if opp:
            i = next(int(k[1:]) for k, v in opp.groupdict().items() if v and k.startswith("a"))
            other = ACTOR_NAMES[i][0]
            if other != found[0]:
                return found[0], other, False
    if not found:
        return None, None, False
    return found[0], found[1] if len(found) > 1 else None, len(found) > 1


def count_victims(phrase: str) -> int | None:
    """The number of people a victims phrase counts, numbers already in digits; None when vague.

    >>> count_victims("a woman and her 3 children")
    4
    >>> count_victims("dozens")
    12
    """
    phrase = re.sub(r"\bof\s+(?:the\s+same\s+|a\s+single\s+)?(?:1|a)\s+family\b", "", phrase, flags=re.I)
    total, seen = 0, False
    for m in re.finditer(r"(?<![\w.])(\d+)(?![\w.%])(?!\s*(?:km|kilomet|metres|meters|years?|months?|%))", phrase):
        total += int(m.group(1))
        seen = True
    for _ in re.finditer(rf"\b(?:an?|1)\s+(?:[\w-]+\s+)?{_PERSON}\b", phrase, re.I):
        total += 1
        seen = True
    if seen:
        return total
    for words, value in VAGUE_COUNTS.items():
        if re.search(r"\b" + words.replace(" ", r"\s+") + r"\b", phrase, re.I):
            return value
    return None


def find_casualties(sentence: str) -> list[tuple[str, int | None, str, int]]:
    """``(kind, count, words, end)`` for each figure: kind ``killed`` or ``injured``; ``end`` in the digit text.

    >>> [(k, n) for k, n, _, _ in find_casualties("Jets killed thirty-two people and injured dozens.")]
    [('killed', 32), ('injured', 12)]
    """
    text = alpha2digit(sentence, "en", threshold=0)
    out: list[tuple[int, str, int | None, str, int]] = []
    for kind, patterns in (("killed", (_KILL_AFTER, _KILL_BEFORE)), ("injured", (_HURT_AFTER, _HURT_BEFORE))):
        taken: list[tuple[int, int]] = []
        for pattern in patterns:
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                words = next(g for g in (m.groupdict().get(k) for k in ("p", "b", "t")) if g)
                count = count_victims(words) if m.groupdict().get("b") is None else int(words)
                if count is None and not re.search(_VAGUE, words, re.I):
                    continue
                taken.append((m.start(), m.end()))
                out.append((m.start(), kind, count, words.strip(), m.end()))
    return [(k, n, w, e) for _, k, n, w, e in sorted(out)]


def targets_of(text: str) -> set[str]:
    """Target codes named in ``text``.

    >>> sorted(targets_of("six hospitals, five defense centers and a bakery"))
    ['bakery', 'civil_defence', 'hospital']
    """
    return {code for code, pattern in TARGET_CUES if pattern.search(text)}


def _parse_date(phrase: str, base: dt.date | None) -> dt.date | None:
    import dateparser  # slow to import; only short phrases reach it

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    elif not re.search(r"\d{4}", phrase):
        return None
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def find_date(sentence: str, base: dt.date | None) -> dt.date | None:
    """The date a phrase in ``sentence`` names, relative to ``base`` (the publication date).

    >>> find_date("Jets struck on Monday.", dt.date(2019, 5, 7))
    datetime.date(2019, 5, 6)
    """
    m = _DATE_PHRASE.search(sentence)
    if not m:
        return None
    if m.group("abs"):
        return _parse_date(m.group("abs"), base)
    if base is None:
        return None
    if m.group("wd"):
        back = (base.weekday() - _WEEKDAYS.index(m.group("wd").lower())) % 7
        return base - dt.timedelta(days=back)
    rel = m.group("rel").lower()
    return base - dt.timedelta(days=1) if rel in ("yesterday", "last night") else base


def publication_date(text: str, pub_date: dt.date | None) -> dt.date | None:
    """The dateline's date (read relative to ``pub_date`` when it has no year), else ``pub_date``."""
    m = DATELINE.match(text)
    if m and m.group("date"):
        found = _parse_date(m.group("date"), pub_date)
        if found:
            return found
    return pub_date


def _precision(text: str, mention: Mention) -> int:
    place = mention.place
    if place is None or place.kind in ("admin1", "admin2", "country"):
        return 3
    if place.kind == "region":
        return 3 if (place.radius_km or 0) > 18 else 2
    if place.kind == "admin3":
        return 2
    near = _NEAR_BEFORE.search(text[max(0, mention.start - 60) : mention.start])
    if near or _NEAR_AFTER.match(text[mention.end : mention.end + 30]):
        return 2
    if mention.text.split()[0].lower().rstrip("n") in ("north", "south", "east", "west", "norther", "souther",
                                                      "easter", "wester", "central", "rural"):
        return 2
    return 1


def _segment_targets(sentence: str, offsets: list[tuple[int, int]], k: int) -> set[str]:
    """Targets between the previous event mention of the sentence and mention ``k`` (then after it)."""
    if len(offsets) == 1:
        return targets_of(sentence)
    start = offsets[k - 1][1] if k else 0
    found = targets_of(sentence[start : offsets[k][1]])
    if not found and k == len(offsets) - 1:
        found = targets_of(sentence[offsets[k][1] :])
    return found


def events_from_mentions(
    text: str,
    mentions: Sequence[Mention],
    *,
    sentences: Sequence[tuple[int, int]],
    source: str = "",
    pub_date: dt.date | None = None,
) -> list[StrikeEvent]:
    """Strike events of one report from its role-tagged mentions (see the module notes for codings).

    Parameters
    ----------
    text
        The report text.
    mentions
        Mentions with roles (``roles.assign_roles``); those with role ``event`` and a place make events.
    sentences
        Sentence spans of ``text``.
    source
        Where the report came from (a path), copied into each event.
    pub_date
        The publication date when the text has none in its dateline.

    Returns
    -------
    list of StrikeEvent
        One per place struck, in order of first mention; empty for a report with no strikes.
    """
    spans = list(sentences) or [(0, len(text))]
    sents = [text[a:b] for a, b in spans]

    def sentence_of(m: Mention) -> int:
        return next((i for i, (a, b) in enumerate(spans) if a <= m.start < b), 0)

    strike_sents = [is_strike_text(s) for s in sents]
    if not any(strike_sents):
        return []
    base = publication_date(text, pub_date)
    drafts: dict[str, _Draft] = {}
    by_sentence: dict[int, list[tuple[Mention, _Draft]]] = {}
    for m in mentions:
        if m.role != "event" or m.place is None:
            continue
        si = sentence_of(m)
        d = drafts.setdefault(m.place.place_id, _Draft(m, precision=_precision(text, m)))
        d.precision = min(d.precision, _precision(text, m))
        if si not in d.sentences:
            d.sentences.append(si)
        a, _ = spans[si]
        c0, c1 = clause_bounds(sents[si], m.start - a)
        d.explicit = d.explicit or is_strike_text(sents[si][c0:c1])
        by_sentence.setdefault(si, []).append((m, d))
    # A strike located only relative to a reference point ("a village east of Idlib city"): precision 2 there.
    direction = REFERENCE_BEFORE[0][0]
    for m in mentions:
        si = sentence_of(m)
        if (m.role == "other" and m.place is not None and m.place.country == "SY" and strike_sents[si]
                and si not in by_sentence and m.place.kind not in ("admin1", "country")
                and direction.search(text[max(0, m.start - 60) : m.start])):
            d = drafts.setdefault(m.place.place_id, _Draft(m, precision=2, notes=[f"located relative to {m.text}"]))
            d.sentences.append(si)
            by_sentence.setdefault(si, []).append((m, d))
    if not drafts:
        return []

    report_type = next((t for s, ok in zip(sents, strike_sents, strict=True) if ok and (t := event_type_of(s))), None)
    types: dict[str, str] = {}
    evidence: dict[str, int] = {}
    for key, d in drafts.items():
        si = d.sentences[0]
        a, _ = spans[si]
        c0, c1 = clause_bounds(sents[si], d.mention.start - a)
        types[key] = event_type_of(sents[si][c0:c1]) or event_type_of(sents[si]) or report_type or "other"
        evidence[key] = si

    # Casualties and targets, sentence by sentence.
    totals: dict[str, tuple[int | None, str]] = {}
    loose_targets: set[str] = set()
    located = {"killed": 0, "injured": 0}
    for si, sentence in enumerate(sents):
        casualty_ok = strike_sents[si] or (CASUALTY_CUE.search(sentence) and not NON_EVENT_CUE.search(sentence))
        if not casualty_ok:
            continue
        here = by_sentence.get(si, [])
        if not here and strike_sents[si]:
            loose_targets |= targets_of(sentence)
        offsets = [(m.start - spans[si][0], m.end - spans[si][0]) for m, _ in here]
        for k, (_, d) in enumerate(here):
            if strike_sents[si]:
                d.targets |= _segment_targets(sentence, offsets, k)
        digits = alpha2digit(sentence, "en", threshold=0)
        places = list({id(d): d for _, d in here}.values())
        for kind, count, words, end in find_casualties(sentence):
            owner = None
            after = _AFTER_FIGURE_PLACE.match(digits[end:])
            if after:
                rest = digits[end + after.end() :]
                owner = next((d for m, d in here if rest.startswith(m.text)), None)
            if owner is None and len(places) == 1:
                owner = places[0]
            if owner is None:
                totals.setdefault(kind, (count, words))
                continue
            if kind == "killed":
                if count is not None and (owner.fatalities is None or count > owner.fatalities):
                    located[kind] += count - (owner.fatalities or 0)
                    owner.fatalities, owner.fatalities_text = count, words
            elif count is not None and (owner.injured is None or count > owner.injured):
                located[kind] += count - (owner.injured or 0)
                owner.injured = count

    # Report-level totals and loose targets go to ONE event: the broadest of a matching kind.
    order = list(drafts)
    total_type = report_type or "other"

    def anchor(attr: str) -> _Draft | None:
        free = [k for k in order if getattr(drafts[k], attr) is None]
        if not free:
            return None
        same = [k for k in free if (types[k] in _AIR_TYPES) == (total_type in _AIR_TYPES)] or free
        return drafts[max(same, key=lambda k: (drafts[k].precision, -order.index(k)))]

    chosen = anchor("fatalities")
    for kind, attr in (("killed", "fatalities"), ("injured", "injured")):
        if kind not in totals:
            continue
        count, words = totals[kind]
        target = chosen if chosen is not None and getattr(chosen, attr) is None else anchor(attr)
        rest = None if count is None else count - located[kind]
        if target is None or (rest is not None and rest <= 0):
            continue
        setattr(target, attr, rest)
        if kind == "killed":
            target.fatalities_text = words
        target.notes.append(f"report-level {kind} total ({words}) attached here")
    if loose_targets:
        target = chosen or drafts[max(order, key=lambda k: (drafts[k].precision, -order.index(k)))]
        target.targets |= loose_targets

    # Report-level attackers, for sentences that name none.
    report_actors: dict[bool, tuple[str | None, str | None, bool]] = {}
    for s, ok in zip(sents, strike_sents, strict=True):
        kind_here = event_type_of(s)
        if ok and kind_here:
            found = find_actors(s, kind_here)
            if found[0]:
                report_actors.setdefault(kind_here in _AIR_TYPES, found)
    events = []
    for key, d in drafts.items():
        events.append(_finish(d, types[key], sents, evidence[key], spans, report_actors, source, base))
    return events


def _finish(d: _Draft, event_type: str, sents: list[str], si: int, spans: list[tuple[int, int]],
            report_actors: dict[bool, tuple[str | None, str | None, bool]], source: str,
            base: dt.date | None) -> StrikeEvent:
    m = d.mention
    place = m.place
    assert place is not None  # drafts are only made for placed mentions
    a, _ = spans[si]
    c0, c1 = clause_bounds(sents[si], m.start - a)
    actor1, actor2, co = find_actors(sents[si][c0:c1], event_type)
    if actor1 is None:
        actor1, actor2, co = find_actors(sents[si], event_type)
    if actor1 is None:
        actor1, actor2, co = report_actors.get(event_type in _AIR_TYPES, (None, None, False))
    if co:
        d.notes.append("actor2 co-attacker")
    when = find_date(sents[si], base) or base
    score = m.match.score if m.match else 0.0
    conf = 0.5 + 0.15 * d.explicit + 0.1 * (score >= 90) + 0.1 * (actor1 is not None)
    conf += min(0.1, 0.05 * (len(d.sentences) - 1)) - 0.1 * (d.precision == 3)
    conf -= 0.15 * bool(m.match and m.match.method in ("fuzzy", "skeleton"))
    date_text = when.isoformat() if when else None
    digest = hashlib.sha1(f"{source}|{place.place_id}|{event_type}|{date_text}".encode()).hexdigest()[:12]
    return StrikeEvent(
        event_id=f"sm-{digest}", event_type=event_type, lat=place.lat, lon=place.lon, location=place.name,
        place_id=place.place_id, geo_precision=d.precision, event_date=date_text, actor1=actor1, actor2=actor2,
        admin1=place.admin1, admin2=place.admin2, admin3=place.admin3, admin3_pcode=place.admin3_pcode,
        fatalities=d.fatalities, injured=d.injured, targets=tuple(sorted(d.targets)), source=source,
        sources=(source,), evidence=sents[si].strip(), confidence=round(min(0.95, max(0.05, conf)), 2),
        fatalities_text=d.fatalities_text, notes="; ".join(d.notes),
    )


def merge_duplicates(events: Sequence[StrikeEvent]) -> list[StrikeEvent]:
    """One event for several reports of one strike: same place, same (known) day, same type.

    The merged event lists every source in ``sources``; fatalities and injured are the lower median
    of the reported figures (two reports: the smaller, as ACLED keeps the conservative figure; three
    or more: the middle one, robust to one outlier); targets are the union; the other fields come
    from the most confident report, and confidence rises 0.05 per corroborating report (max 0.95).
    Events with no date are never merged: two undated reports may be of different strikes.
    """
    groups: dict[tuple[str, str, str] | int, list[StrikeEvent]] = {}
    for i, e in enumerate(events):
        key: tuple[str, str, str] | int = (e.place_id or e.location, e.event_date, e.event_type) if e.event_date else i
        groups.setdefault(key, []).append(e)
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        best = max(group, key=lambda e: e.confidence)
        sources = tuple(dict.fromkeys(s for e in group for s in (e.sources or (e.source,))))

        def lower_median(values: list[int | None]) -> int | None:
            known = sorted(v for v in values if v is not None)
            return known[(len(known) - 1) // 2] if known else None

        out.append(replace(
            best, sources=sources, fatalities=lower_median([e.fatalities for e in group]),
            injured=lower_median([e.injured for e in group]),
            targets=tuple(sorted({t for e in group for t in e.targets})),
            actor1=best.actor1 or next((e.actor1 for e in group if e.actor1), None),
            actor2=best.actor2 or next((e.actor2 for e in group if e.actor2), None),
            confidence=round(min(0.95, best.confidence + 0.05 * (len(sources) - 1)), 2),
            notes="; ".join(filter(None, [best.notes, f"merged from {len(sources)} reports"])),
        ))
    return out
