"""The readers of one sentence: event type, attackers, casualties and targets, as tables.

Every table is data with a comment saying why; ``events`` puts the readings together per place.
See ``events`` for the codings these tables implement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from text_to_num import alpha2digit

from .dates import mask_dates
from .needs import any_needed_words
from .vocab import airborne_codes, derived, event_types, target_categories

__all__ = [
    "ACTOR_NAMES",
    "AIR_TYPES",
    "EVENT_TYPE_CUES",
    "TARGET_CUES",
    "VAGUE_COUNTS",
    "casualty_figures",
    "count_victims",
    "event_type_of",
    "find_actors",
    "find_casualties",
    "helicopters_only",
    "missiles_from_aircraft",
    "target_cues",
    "targets_of",
    "to_digits",
    "type_cues",
]

# Characters that re.IGNORECASE matches to a lower-case ASCII letter, a hyphen, a space or a digit
# although ``str.lower()`` does not make them that one character: dotted and dotless i, long s (found by
# trying every code point: tests/test_event_rules.py).
_ODD_CASE = frozenset("\u0130\u0131\u017f")

class _Cue:
    """A quick "no" for patterns: words one of which any match of them holds, in lower case, looked for in
    ``text.lower()``; read from the patterns themselves (``strikemap.needs``), never kept by hand.

    Reading lowered text without re.IGNORECASE is several times faster than reading it with, and never
    says no where the re.I reading of the same words would find them: text holding a character of
    ``_ODD_CASE`` always passes. Patterns that need no word for sure always pass.
    """

    def __init__(self, *patterns: re.Pattern[str]) -> None:
        self.words = any_needed_words(patterns)

    def may_match(self, text: str, lowered: str | None = None) -> bool:
        """Whether the pattern may match ``text`` (``lowered`` is ``text.lower()`` when the caller has it)."""
        if self.words is None:
            return True
        low = text.lower() if lowered is None else lowered
        for word in self.words:
            if word in low:
                return True
        return not text.isascii() and not _ODD_CASE.isdisjoint(text)


def _guarded(code: str, pattern: str) -> tuple[tuple[str, re.Pattern[str]], _Cue]:
    """A vocabulary row's ``(code, compiled pattern)`` with its quick "no"."""
    compiled = re.compile(pattern, re.I)
    return (code, compiled), _Cue(compiled)


# The event types' cues come from ``strikemap.vocab``; the first row that matches decides.


@derived
def _type_rows() -> tuple[tuple[tuple[str, re.Pattern[str]], _Cue], ...]:
    """Each cue of the event types with its quick "no", in the order tried: first cues, by rank, generic cues."""
    types = sorted(event_types(), key=lambda t: t.rank)
    cues = [(t.code, cue) for t in types for cue in t.first_cues]
    cues += [(t.code, cue) for t in types for cue in t.cues]
    cues += [(t.code, cue) for t in types for cue in t.generic_cues]
    return tuple(_guarded(code, cue.pattern) for code, cue in cues)


@derived
def _specific_type_rows() -> tuple[tuple[tuple[str, re.Pattern[str]], _Cue], ...]:
    """``_type_rows`` less the generic cues (the last rows), for ``event_type_of(..., generic=False)``."""
    rows = _type_rows()
    return rows[: len(rows) - sum(len(t.generic_cues) for t in event_types())]


def type_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(code, pattern)`` of every event type cue, in the order tried, as the vocabulary is now."""
    return tuple(row for row, _ in _type_rows())


# The tables as the vocabulary stands at import, for readers of the shipped vocabulary; the readers here
# use the functions, which follow ``vocab.rebuild()``. The last row of EVENT_TYPE_CUES is the generic one.
EVENT_TYPE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = type_cues()
AIR_TYPES: frozenset[str] = airborne_codes()

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
# Words one of which each row of ACTOR_NAMES needs ("pro-regime" holds "regime", "Turkish" "turk").
# An actor word is an attacker when a weapon, force or attack verb follows (possibly after "and X").
_ATTACKER = re.compile(
    rf"(?<![\w-])(?:{_ACTOR_WORD})(?=(?:\s*(?:,|and|or)\s+(?:{_ACTOR_WORD.replace('?P<a', '?P<b')}))*"
    r"\s+(?:[\w-]+\s+)?(?:war)?(?:jets?|planes?|aircraft|helicopters?|drones?|forces|troops|artillery|gunners|"
    r"military|air\s+force|fighters|bombing|bombardment|strikes?|air\s*strikes?|airstrikes?|raids?|campaign|shelling|"
    r"missiles?|rockets?|militants|factions|groups|shelled|struck|bombed|attacked|launched|fired|pounded|waged|hit|"
    r"targeted|raided|stormed|dropped)\b)"
    # "missiles fired from government positions": the side that holds the launch site.
    rf"|(?<=from\s)(?:the\s+)?(?:{_ACTOR_WORD.replace('?P<a', '?P<c')})(?=\s+(?:positions|bases|areas)\b)",
    re.I,
)
# The side attacked in a ground clash: "offensive against army positions", "assault on government-held areas".
_OPPONENT = re.compile(rf"\b(?:against|assault\s+on|attack\s+on|attacked|stormed)\s+(?:the\s+)?(?:{_ACTOR_WORD})", re.I)

_ACTOR_CUE = _Cue(_ATTACKER, _OPPONENT)

# Vague counts, coded at the lower bound of what the words can mean.
VAGUE_COUNTS: dict[str, int | None] = {
    "a few": 3, "few": 3, "several": 3, "a dozen": 12, "dozens": 12, "tens": 10, "scores": 20,
    "hundreds": 100, "many": None, "some": None, "a number of": None, "numerous": None,
}
_VAGUE = r"a\s+few|a\s+dozen|dozens|several|tens|scores|hundreds|many|some|a\s+number\s+of|numerous|few"
_QUAL = r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|some\s+|about\s+|around\s+|up\s+to\s+)?"
_PERSON = r"(?:man|woman|child|boy|girl|civilian|person|fighter|rescuer|doctor|nurse|teacher|volunteer|worker|" \
          r"farmer|shepherd|baby|infant|mother|father|paramedic|student|commander|driver|member|guard|leader|" \
          r"official|son|daughter|wife|husband|brother|sister)"
_STOP = r"(?=\s+(?:and\s+)?(?:injur|wound|hurt)|\s+(?:in|on|at|when|as|after|while|near|including|across|since|" \
        r"during|from|overnight|inside|outside|there)\b|\s*[,.;:—–]|\s*$)"
# Up to five words between a number and its verb, none of them a verb of the count itself.
_WORDS = r"(?:\s+(?!(?:were|was|killed|died|dead|wounded|injured|hurt)\b)[\w-]+){0,5}?"
# A victims phrase does not open with a link word ("killed and 11 wounded").
_NOT_LINK = r"(?!(?:and|or|by|in|on)\b)"
_KILL_AFTER = re.compile(
    rf"\b(?:killed|killing|kills|martyred|claimed\s+the\s+lives\s+of|"
    # "a family lost three of its members": the victims counted among a group's own.
    r"lost(?=\s+(?:\d+|\w+)\s+of\s+(?:its|their|his|her)\s+(?:own\s+)?(?:members|sons|daughters|children|"
    r"relatives|people|residents|men|women|fighters|soldiers|civilians|volunteers)\b))"
    rf"\s+(?P<p>{_NOT_LINK}{_QUAL}.*?){_STOP}", re.I
)
_KILL_BEFORE = re.compile(
    rf"(?P<p>{_QUAL}(?:\d+|{_VAGUE}|an?\s+{_PERSON}){_WORDS})\s+(?:were\s+|was\s+|have\s+been\s+|"
    r"had\s+been\s+|are\s+)?(?:\w+\s+)?(?:killed|died|dead|martyred|lost\s+(?:their|his|her)\s+lives?)\b|(?P<b>\d+)\s+bodies\b|"
    # "the death toll rose to 35", "the barrel-bomb toll now stands at 5", "the number killed ... has risen to 8"
    r"(?:\btoll|\bnumber\s+(?:of\s+(?:the\s+)?(?:dead|people\s+killed|victims)|killed))\b[^.;]{0,80}?"
    r"\b(?:to|of|at|reached)\s+(?P<t>" + _QUAL + r"\d+)", re.I)
_HURT_AFTER = re.compile(rf"\b(?:injured|injuring|wounded|wounding)\s+(?P<p>{_NOT_LINK}{_QUAL}.*?){_STOP}", re.I)
_HURT_BEFORE = re.compile(
    rf"(?P<p>{_QUAL}(?:\d+|{_VAGUE}|an?\s+{_PERSON}){_WORDS})\s+(?:were\s+|was\s+|have\s+been\s+|"
    r"had\s+been\s+|are\s+)?(?:\w+\s+)?(?:injured|wounded|hurt|being\s+treated|treated\s+for)\b", re.I)
# The same two, tried only where a match can start (a digit, the first letter of a ``_QUAL`` or ``_VAGUE`` word,
# of "a"/"an", or of "death toll"): otherwise every branch of the figure is tried at every position.
_FIGURE_START = r"[\damonsudthf]"
_KILL_BEFORE_AT = re.compile(rf"(?={_FIGURE_START})(?:{_KILL_BEFORE.pattern})", _KILL_BEFORE.flags)
_HURT_BEFORE_AT = re.compile(rf"(?={_FIGURE_START})(?:{_HURT_BEFORE.pattern})", _HURT_BEFORE.flags)
# "Nobody was hurt", "no casualties were reported": a reported zero, for deaths and (unless only deaths) wounds.
_NONE_HURT = re.compile(r"\b(?:nobody|no\s+one|no-one)\s+was\s+(?:hurt|injured|wounded|harmed)|"
                        r"\bno\s+casualties\b|\bwithout\s+casualties\b", re.I)
_NONE_KILLED = re.compile(r"\b(?:nobody|no\s+one|no-one)\s+was\s+killed|\bno\s+(?:deaths|fatalities)\b", re.I)
# Words without which a group of casualty patterns cannot match (each pattern needs one of them, so
# a sentence holding none skips the patterns: the costly ones try a figure at every position).
_KILL_WORD = _Cue(_KILL_AFTER, _KILL_BEFORE)
_HURT_WORD = _Cue(_HURT_AFTER, _HURT_BEFORE)
_NONE_WORD = _Cue(_NONE_HURT, _NONE_KILLED)

# Target codes and the words that name them come from ``strikemap.vocab``.


@derived
def _target_rows() -> tuple[tuple[tuple[str, re.Pattern[str]], _Cue], ...]:
    """Each target cue with its quick "no" (most sentences hold none of any row)."""
    return tuple(_guarded(t.code, t.cue.pattern) for t in target_categories())


@derived
def _target_word() -> _Cue:
    """The quick "no" of all target cues at once."""
    return _Cue(*(pattern for (_, pattern), _ in _target_rows()))


def target_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(code, pattern)`` of every target category, in row order, as the vocabulary is now."""
    return tuple(row for row, _ in _target_rows())


TARGET_CUES: tuple[tuple[str, re.Pattern[str]], ...] = target_cues()  # at import, as EVENT_TYPE_CUES

# A target word counts only as what was hit: right after a verb of damage, or before a passive one.
_DAMAGE_BEFORE = re.compile(
    r"\b(?:hit|hitting|struck|striking|bombed|shelled|targeted|targeting|damaged|damaging|destroyed|destroying|"
    r"destruction\s+of|pounded|raided|flattened|knocked\s+out|put\s+out|set\s+fire\s+to|collapsed|burning|"
    r"(?:air\s*)?(?:strikes?|raids?|attacks?|bombing|shelling)\s+on|bombing\s+of|shelling\s+of|landed\s+(?:in|on|among)|"
    r"fell\s+on|exploded\s+(?:in|at|near)|killed|killing)\b(?P<gap>[^.;]{0,45})\Z", re.I)
_DAMAGE_AFTER = re.compile(
    r"\A(?P<gap>[^.;]{0,60}?)\b(?:(?:was|were|had|has|have)\s+(?:also\s+)?(?:been\s+)?(?:\w+\s+)?"
    r"(?:hit|struck|damaged|destroyed|bombed|shelled|targeted|knocked\s+out|put\s+out|flattened)|"
    r"(?:raid|strike|attack|bombing|shelling|blast|explosion)s?\s+(?:damaged|destroyed|hit))\b", re.I)
_LIST_GAP = re.compile(r"\A(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s*,?\s*along\s+with\s+|\s+as\s+well\s+as\s+)"
                       r"(?:[\w-]+\s+){0,4}?\Z", re.I)
_GAP_BREAK = re.compile(r"\band\s+that\b|\bbut\b|\bwhile\b|\bas\s+it\b", re.I)


# Aircraft that fire missiles, and words that say a missile was fired from the ground.
_AIRCRAFT = re.compile(r"\b(?:war)?planes?\b|\bjets?\b|\baircraft\b|\bhelicopters?\b|\bair\s*-?(?:strikes?|raids?)",
                       re.I)
_GROUND_LAUNCH = re.compile(r"\bsurface-to-surface\b|\bballistic\b|\bground-to-ground\b|\blaunchers?\b|"
                            r"\b(?:troops|forces|units|positions)\s+(?:\w+\s+){0,3}?(?:launched|fired)\b|"
                            r"\blaunched\s+(?:\w+\s+){0,2}?missiles?\b", re.I)


def missiles_from_aircraft(strike_sentences: Iterable[str]) -> bool:
    """Whether a report's missiles are an air strike (ACLED's coding): its strike sentences name aircraft
    ("a missile from a warplane", "Russian jets fired missiles") and no launch from the ground.

    >>> missiles_from_aircraft(["A missile from a warplane hit the hospital."])
    True
    >>> missiles_from_aircraft(["Troops launched guided missiles at army posts.", "Jets flew over."])
    False
    """
    sentences = list(strike_sentences)
    return any(_AIRCRAFT.search(x) for x in sentences) and not any(_GROUND_LAUNCH.search(x) for x in sentences)


_FIXED_WING = re.compile(r"\b(?:war)?planes?\b|\bjets?\b|\baircraft\b|\bsorties?\b", re.I)
_HELICOPTER = re.compile(r"\bhelicopters?\b", re.I)


def helicopters_only(text: str) -> bool:
    """Whether ``text`` names helicopters as the aircraft, and no fixed-wing ones.

    >>> helicopters_only("The helicopters also struck the villages"), helicopters_only("Jets and helicopters struck")
    (True, False)
    """
    return bool(_HELICOPTER.search(text)) and not _FIXED_WING.search(text)


def event_type_of(text: str, *, generic: bool = True) -> str | None:
    """The event type the words of ``text`` name, most specific first; None when none does.

    With ``generic=False`` the last row (bare "attack", "struck", "hit") is skipped, so that a
    report's more specific type can be used instead.

    >>> event_type_of("helicopters dropped barrel bombs on the town")
    'barrel_bomb'
    >>> event_type_of("the strikes hit the town", generic=False) is None
    True
    """
    lowered = text.lower()
    for (name, pattern), cue in _type_rows() if generic else _specific_type_rows():
        if cue.may_match(text, lowered) and pattern.search(text):
            return name
    return None


def find_actors(sentence: str, event_type: str | None = None) -> tuple[str | None, str | None, bool]:
    """``(actor1, actor2, co_attackers)`` named as attackers in ``sentence`` (see the module notes).

    >>> find_actors("Russian and Syrian jets struck the town", "air_strike")
    ('Military Forces of Russia', 'Military Forces of Syria', True)
    """
    if not _ACTOR_CUE.may_match(sentence):
        return None, None, False
    found: list[str] = []
    for m in _ATTACKER.finditer(sentence):
        i = next(int(k[1:]) for k, v in m.groupdict().items() if v and k[0] in "ac")
        name, _, flies = ACTOR_NAMES[i]
        if event_type in airborne_codes() - {"drone_strike"} and not flies:
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


# The parts of a victims phrase ``count_victims`` counts ("of a family" is one family, not one more victim).
# (The phrase may stop short of "family" when the word before the verb is read apart: "5 civilians of 1".)
_OF_FAMILY = re.compile(r"\bof\s+(?:the\s+same\s+|a\s+single\s+)?(?:1|a)(?:\s+family\b|\s*$)", re.I)
_NUMBER = re.compile(r"(?<![\w.])(\d+)(?![\w.%])(?!\s*(?:km|kilomet|metres|meters|years?|months?|%))")
_ONE_PERSON = re.compile(rf"\b(?:an?|his|her|their|another)\s+(?:[\w-]+\s+)?{_PERSON}\b|\A\s*another\s*\Z", re.I)
_VAGUE_PATTERNS = tuple((re.compile(r"\b" + words.replace(" ", r"\s+") + r"\b", re.I), value)
                        for words, value in VAGUE_COUNTS.items())
_VAGUE_WORD = re.compile(_VAGUE, re.I)


_BRACKETED = re.compile(r"\([^()]*\)")


def count_victims(phrase: str) -> int | None:
    """The number of people a victims phrase counts, numbers already in digits; None when vague.

    Numbers, one per "a/an/his/her <person>", and vague words are summed.

    >>> count_victims("a woman and her 3 children")
    4
    >>> count_victims("several children and a teacher")
    4
    >>> count_victims("dozens")
    12
    >>> count_victims("3 civilians (2 children and a woman)")
    3
    >>> count_victims("another"), count_victims("another 4 civilians")
    (1, 4)
    """
    phrase = _OF_FAMILY.sub("", phrase)
    if "(" in phrase:
        # "3 civilians (2 children and a woman)": the brackets break the figure down, they add nobody.
        outside = _BRACKETED.sub(" ", phrase)
        counted = count_victims(outside) if outside != phrase else None
        if counted is not None:
            return counted
    total, seen = 0, False
    for m in _NUMBER.finditer(phrase):
        total += int(m.group(1))
        seen = True
    for _ in _ONE_PERSON.finditer(phrase):
        total += 1
        seen = True
    rest = phrase
    for pattern, value in _VAGUE_PATTERNS:
        if pattern.search(rest):
            if value is None:
                return total if seen else None
            total += value
            seen = True
            rest = pattern.sub(" ", rest)
    return total if seen else None


# "No one was hurt": alpha2digit reads "No 1 was hurt", one victim. The pronoun becomes "nobody" first.
_NO_ONE = re.compile(r"\b(no)\s+one\b", re.I)


def to_digits(sentence: str) -> str:
    """``sentence`` with number words as digits ("thirty-two" → "32"), "no one" kept a pronoun.

    >>> to_digits("No one was hurt; thirty-two were killed.")
    'Nobody was hurt; 32 were killed.'
    """
    return str(alpha2digit(_NO_ONE.sub(lambda m: m.group(1) + "body", sentence), "en", threshold=0))


def find_casualties(sentence: str, *, digits: str | None = None) -> list[tuple[str, int | None, str, int]]:
    """``(kind, count, words, end)`` for each figure: kind ``killed`` or ``injured``; ``end`` in the digit text.

    ``digits`` is ``to_digits(sentence)`` made already, for a caller that needs that text too.

    >>> [(k, n) for k, n, _, _ in find_casualties("Jets killed thirty-two people and injured dozens.")]
    [('killed', 32), ('injured', 12)]
    """
    return [(k, n, w, e) for k, n, w, _, e in casualty_figures(sentence, digits=digits)]


# An aside that breaks up a victims phrase ("17 people, 13 of them children, died"): read as blank, so
# the phrase meets its verb and the aside's number is no second figure.
_VICTIMS_ASIDE = re.compile(
    r",\s+(?:(?:\d+|all|most|many|some|several|half)\s+of\s+them|among\s+them)\s+[^,;.]{1,40}?,", re.I)
# A figure whose verb is left out after an earlier one ("7 died in Idlib city, 7 more in Binnish, and 4 in
# the village of al-Nayrab"): it is of the kind of the figure before it.
_ELLIPTIC_FIGURE = re.compile(
    r"(?:[,;]\s*(?:and\s+)?|\s+and\s+)(?P<p>\d+(?:\s+(?:more|others?|civilians|people|children|women|men))?)"
    r"\s+(?=(?:in|at)\s)", re.I)


def casualty_figures(sentence: str, *, digits: str | None = None) -> list[tuple[str, int | None, str, int, int]]:
    """``(kind, count, words, start, end)`` of each figure, as ``find_casualties`` with where it starts."""
    text = mask_dates(to_digits(sentence) if digits is None else digits)
    lowered = text.lower()
    if " them " in lowered:  # every aside holds "of them" or "among them"
        text = _VICTIMS_ASIDE.sub(lambda m: " " * len(m.group()), text)
        lowered = text.lower()
    out: list[tuple[int, str, int | None, str, int]] = []
    for kind, patterns, cue in (("killed", (_KILL_AFTER, _KILL_BEFORE_AT), _KILL_WORD),
                                ("injured", (_HURT_AFTER, _HURT_BEFORE_AT), _HURT_WORD)):
        if not cue.may_match(text, lowered):
            continue
        taken: list[tuple[int, int]] = []
        for pattern in patterns:
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                words = next((g for g in (m.groupdict().get(k) for k in ("p", "b", "t")) if g), None)
                if not words:  # the pattern matched around an empty figure ("jets killed .")
                    continue
                count = count_victims(words) if m.groupdict().get("b") is None else int(words)
                if count is None and not _VAGUE_WORD.search(words):
                    continue
                taken.append((m.start(), m.end()))
                out.append((m.start(), kind, count, words.strip(), m.end()))
    if _NONE_WORD.may_match(text, lowered):
        for m in _NONE_HURT.finditer(text):
            out += [(m.start(), "killed", 0, m.group(), m.end()), (m.start(), "injured", 0, m.group(), m.end())]
        for m in _NONE_KILLED.finditer(text):
            out.append((m.start(), "killed", 0, m.group(), m.end()))
    if out:
        out += _elliptic_figures(text, sorted(out))
    return [(k, n, w, a, e) for a, k, n, w, e in sorted(out)]


def _elliptic_figures(
    text: str, found: list[tuple[int, str, int | None, str, int]]
) -> list[tuple[int, str, int | None, str, int]]:
    """Figures without a verb after one with it, in the same sentence, of that one's kind."""
    out: list[tuple[int, str, int | None, str, int]] = []
    for m in _ELLIPTIC_FIGURE.finditer(text, found[0][4]):
        a = m.start("p")
        if any(s <= a < e for s, _, _, _, e in found):
            continue
        kind = next((k for s, k, n, _, _ in reversed(found) if s < a and n), None)
        if kind is not None:
            out.append((a, kind, count_victims(m.group("p")), m.group("p"), m.end("p")))
    return out


def targets_of(sentence: str) -> set[str]:
    """Target codes named in ``sentence`` as what was hit (see ``_DAMAGE_BEFORE`` / ``_DAMAGE_AFTER``).

    A target word in a list with one that was hit ("six hospitals, five defence centres and power
    stations") counts too.

    >>> sorted(targets_of("documented the destruction of six hospitals, five defense centers and a bakery"))
    ['bakery', 'civil_defence', 'hospital']
    >>> sorted(targets_of("drones flew over before the strike and that markets closed early"))
    []
    """
    lowered = sentence.lower()
    if not _target_word().may_match(sentence, lowered):
        return set()
    found: list[tuple[int, int, str]] = []
    for (code, pattern), cue in _target_rows():
        if cue.may_match(sentence, lowered):
            found += [(m.start(), m.end(), code) for m in pattern.finditer(sentence)]
    found.sort()
    hit = [False] * len(found)
    for k, (start, end, _) in enumerate(found):
        before = _DAMAGE_BEFORE.search(sentence[max(0, start - 80) : start])
        after = _DAMAGE_AFTER.match(sentence[end : end + 90])
        hit[k] = bool((before and not _GAP_BREAK.search(before.group("gap")))
                      or (after and not _GAP_BREAK.search(after.group("gap"))))
    changed = True
    while changed:
        changed = False
        for k in range(len(found)):
            for j in (k - 1, k + 1):
                if not hit[k] and 0 <= j < len(found) and hit[j]:
                    lo, hi = (found[j][1], found[k][0]) if j < k else (found[k][1], found[j][0])
                    if _LIST_GAP.match(sentence[lo:hi]):
                        hit[k] = changed = True
    return {code for (_, _, code), ok in zip(found, hit, strict=True) if ok}
