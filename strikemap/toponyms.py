"""Finding place-name spans in English report text (with Arabic script inside it).

Two finders, merged with the longest span winning:

``known``
    Every spelling the gazetteer holds, found in one pass by an Aho-Corasick automaton
    (pyahocorasick) over the text's words in variant form (``normalize.token_key``), so
    "Jisr el-Shughour" finds "Jisr ash-Shughur" and "Maarat al-Numan" is one span, never "Numan".
``shape``
    Capitalised runs the gazetteer does not spell that look like Arabic place names: with an
    article ("Al-Hobeit", "Jabal Al-Zawya"), led by a generic word ("Kafr X", "Tal X", "Maarat X"),
    or a single capitalised word after a locative cue ("in Kafranbel"); and runs of Arabic script.
    These go to the resolver's variant, skeleton and fuzzy paths.

Person names are not places: a run after a speech verb or a title ("said Salem Abu Al-Azem",
"spokeswoman Agnes Romatet-Espagne") is dropped whole, and so is a foreign single-word match
glued to other capitalised words ("New York Times").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import ahocorasick

from .gazetteer import Gazetteer
from .models import Span
from .normalize import ARTICLES, fold, has_arabic, is_article, phrase_key_of_folded, token_key
from .text import Token, tokenize

# Articles that are also English words count as articles only when hyphenated ("as-Suqaylabiyah").
_ENGLISH_ARTICLES = frozenset({"as", "at", "an", "en", "es", "et", "ed", "er", "il", "ul", "ad"})

# Words that start many Arabic place names: a capitalised run led by one is a place candidate.
GENERIC_HEADS = frozenset(
    (
        "kafr kfar kafar kefr tal tell tall jabal jebel jabel jbel maarat maarrat maaret khan deir dayr ain ayn "
        "jisr qalaat qalat kalaat sheikh shaykh shaikh umm beit bayt ras bab qasr marj wadi sahl tallet khirbet "
        "khirbat hawsh mazraat mazraa mughr bir qarya qaryat ard"
    ).split()
)

# Cues before a single unknown capitalised word that make it a place candidate.
LOCATIVE_CUES = frozenset("in on at near from towards toward outside around into across village town city".split())

# Lower-case words that may open a known name ("northern Hama", "southern Idlib countryside").
DIRECTION_WORDS = frozenset(
    "north south east west northern southern eastern western northeastern northwestern southeastern southwestern "
    "central rural greater".split()
)

# A run right after one of these is a person (or an office), not a place.
PERSON_CUES = frozenset(
    (
        "said says told according mr mrs ms dr spokesman spokeswoman spokesperson commander minister president "
        "premier leader head chief general gen colonel col officer official worker activist resident director "
        "doctor correspondent reporter journalist named ambassador envoy secretary sheikh imam father mother "
        "brother son daughter wife husband mp senator"
    ).split()
)

# Capitalised words of news prose that are never places on their own.
STOPWORDS = frozenset(
    (
        "the a an and or but if in on at of for to from by with as is was were be been are this that these those "
        "it its he she they we i you his her their our my your who whom which what when where why how all any both "
        "each few more most other some such no nor not only own same so than too very can will just should now "
        "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
        "august september october november december today yesterday tomorrow week month year "
        "russian syrian turkish iranian american french british arab arabic kurdish jordanian lebanese israeli "
        "government regime opposition rebels rebel forces force army military ministry defense defence civil "
        "foreign affairs minister president state news agency reuters afp ap observatory human rights watch "
        "united nations un security council red cross crescent white helmets hospital school market camp "
        "north south east west northern southern eastern western central province governorate district city "
        "town village countryside area region mount mountain plain valley road highway airport base "
        "al el ash as ad at az an ar meanwhile however thousands hundreds dozens several many some also "
        "after before during since while until under over about against between among through "
        "mark will grant hope faith chase may june april august summer winter spring fall"
    ).split()
)
_STOP_KEYS = frozenset(token_key(w) for w in STOPWORDS)


class _Matcher:
    """The Aho-Corasick automaton over a gazetteer's names, in variant-word form."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.automaton: Any = ahocorasick.Automaton()
        phrases: dict[str, int] = {}
        for keys in gazetteer.name_keys:
            for folded, _, _ in keys:
                phrase = phrase_key_of_folded(folded)
                words = phrase.split()
                if not words or (len(words) == 1 and (len(phrase) < 3 or phrase in _STOP_KEYS)):
                    continue
                phrases[phrase] = len(words)
        for phrase, n in phrases.items():
            self.automaton.add_word(f" {phrase} ", n)
        if phrases:
            self.automaton.make_automaton()
        self.empty = not phrases


@lru_cache(maxsize=4)
def _matcher(gazetteer: Gazetteer) -> _Matcher:
    return _Matcher(gazetteer)


def _stream_tokens(tokens: Sequence[Token]) -> list[tuple[int, str]]:
    """``(token index, variant key)`` of the tokens the matcher sees; articles are left out."""
    out = []
    for i, tok in enumerate(tokens):
        folded = fold(tok.text)
        if is_article(folded) and i + 1 < len(tokens) and (tok.hyphen_after or folded not in _ENGLISH_ARTICLES):
            continue
        key = token_key(tok.text)
        if key:
            out.append((i, key))
    return out


def _known_spans(tokens: Sequence[Token], gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Token ranges ``[first, last]`` of every known name, longest first, non-overlapping."""
    matcher = _matcher(gazetteer)
    stream = _stream_tokens(tokens)
    if matcher.empty or not stream:
        return []
    offsets = []
    parts = []
    pos = 1
    for _, key in stream:
        offsets.append(pos)
        parts.append(key)
        pos += len(key) + 1
    haystack = " " + " ".join(parts) + " "
    found = []
    for end, n in matcher.automaton.iter(haystack):
        last = bisect_right(offsets, end - 1) - 1  # the stream word ending just before this space
        first = last - n + 1
        if first < 0:
            continue
        found.append((stream[first][0], stream[last][0]))
    return _longest_first(found)


def _longest_first(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    used: set[int] = set()  # token indices already in a taken range: one lookup per token, not per range
    for first, last in sorted(set(ranges), key=lambda r: (-(r[1] - r[0]), r[0])):
        span = range(first, last + 1)
        if used.isdisjoint(span):
            taken.append((first, last))
            used.update(span)
    return sorted(taken)


def _extend_article(tokens: Sequence[Token], first: int) -> int:
    """Take in an article glued before the span: "al-Bara" rather than "Bara"."""
    if first > 0:
        prev = tokens[first - 1]
        if prev.hyphen_after and fold(prev.text) in ARTICLES:
            return first - 1
    return first


def _is_person(tokens: Sequence[Token], first: int) -> bool:
    """Whether the capitalised run containing token ``first`` follows a speech verb or a title."""
    i = first
    while i > 0 and tokens[i - 1].capitalised and fold(tokens[i - 1].text) not in STOPWORDS:
        i -= 1
    if i == 0:
        return False
    before = fold(tokens[i - 1].text)
    if before == "to" and i > 1:  # "according to X"
        before = fold(tokens[i - 2].text)
    return before in PERSON_CUES


def _known_is_person(tokens: Sequence[Token], first: int, last: int) -> bool:
    """A known name is a person's only inside a longer capitalised run ("said Salem Abu Al-Azem").

    A bare place after a speech verb stays a place: "a spokesman said Ankara would respond".
    """
    longer_left = first > 0 and tokens[first - 1].capitalised and fold(tokens[first - 1].text) not in STOPWORDS
    longer_right = last + 1 < len(tokens) and _run_end(tokens, last) > last
    return (longer_left or longer_right) and _is_person(tokens, first)


def _tail_of_another_name(tokens: Sequence[Token], first: int) -> bool:
    """ "al-Sham" in "Hayat Tahrir al-Sham": an article-led match glued to a capitalised word before it.

    A place-name head before it ("Bab al-Hawa") would have been matched with it, or is kept.
    """
    if first == 0 or fold(tokens[first].text) not in ARTICLES:
        return False
    prev = tokens[first - 1]
    folded = fold(prev.text)
    adjacent = tokens[first].start - prev.end <= 1
    return adjacent and prev.capitalised and folded not in STOPWORDS and folded not in GENERIC_HEADS


def _run_end(tokens: Sequence[Token], i: int) -> int:
    """The last token of the capitalised run starting at ``i`` (articles may sit inside)."""
    j = i
    while j + 1 < len(tokens):
        nxt = tokens[j + 1]
        folded = fold(nxt.text)
        joined = tokens[j].hyphen_after or tokens[j + 1].start - tokens[j].end <= 1
        if not joined:
            break
        if folded in ARTICLES and nxt.hyphen_after:
            j += 1
            continue
        same_script = has_arabic(nxt.text) == has_arabic(tokens[i].text)
        if nxt.capitalised and folded not in STOPWORDS and same_script:
            j += 1
            continue
        break
    # A run does not end on an article.
    while j > i and fold(tokens[j].text) in ARTICLES:
        j -= 1
    return j


def _foreign_glued(text: str, tokens: Sequence[Token], first: int, last: int, gazetteer: Gazetteer) -> bool:
    """A foreign match glued to other capitalised words is part of another name ("New York Times")."""
    name = text[tokens[first].start : tokens[last].end]
    if any(m.place.country == "SY" for m in gazetteer.lookup(name, limit=3, fuzzy=False)):
        return False
    for j in (first - 1, last + 1):
        if 0 <= j < len(tokens):
            neighbour = tokens[j]
            close = (j < first and neighbour.hyphen_after) or (
                abs(neighbour.start - (tokens[last].end if j > last else tokens[first].start)) <= 1
            )
            if close and neighbour.capitalised and fold(neighbour.text) not in STOPWORDS:
                return True
    return False


def find_spans(text: str, gazetteer: Gazetteer) -> list[Span]:
    """Every stretch of ``text`` that names, or looks like it names, a place; in text order.

    Examples
    --------
    >>> from strikemap.gazetteer import Gazetteer
    >>> [s.text for s in find_spans("Jets struck Maarat al-Numan and Kafranbel.", Gazetteer.default())]
    ['Maarat al-Numan', 'Kafranbel']
    """
    tokens = tokenize(text)
    spans: list[Span] = []
    covered = [False] * len(tokens)
    # Words of person names met so far: a later bare "Salem" is that person, not a place.
    person_words: set[str] = set()
    for first, last in _known_spans(tokens, gazetteer):
        latin = not has_arabic(tokens[first].text)
        if latin and not tokens[first].capitalised and fold(tokens[first].text) not in DIRECTION_WORDS:
            continue
        first = _extend_article(tokens, first)
        if (
            _known_is_person(tokens, first, last)
            or _tail_of_another_name(tokens, first)
            or (latin and _foreign_glued(text, tokens, first, last, gazetteer))
            or (first == last and fold(tokens[first].text) in person_words)
        ):
            if _known_is_person(tokens, first, last):
                person_words.update(fold(t.text) for t in tokens[first : _run_end(tokens, last) + 1])
            for k in range(first, last + 1):
                covered[k] = True
            continue
        for k in range(first, last + 1):
            covered[k] = True
        spans.append(Span(text[tokens[first].start : tokens[last].end], tokens[first].start, tokens[last].end, "known"))
    spans.extend(_shape_spans(text, tokens, covered))
    spans.sort(key=lambda s: s.start)
    return spans


def _shape_spans(text: str, tokens: Sequence[Token], covered: list[bool]) -> list[Span]:
    out = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        folded = fold(tok.text)
        if covered[i] or not tok.capitalised or (folded in STOPWORDS and not (folded in ARTICLES and tok.hyphen_after)):
            i += 1
            continue
        j = _run_end(tokens, i)
        if any(covered[i : j + 1]):
            j = i + covered[i : j + 1].index(True) - 1
            if j < i:
                i += 1
                continue
        how = _shape_kind(tokens, i, j)
        if how and not _is_person(tokens, i):
            out.append(Span(text[tokens[i].start : tokens[j].end], tokens[i].start, tokens[j].end, how))
        i = j + 1
    return out


def _shape_kind(tokens: Sequence[Token], i: int, j: int) -> str | None:
    words = [fold(t.text) for t in tokens[i : j + 1]]
    if has_arabic(tokens[i].text):
        return "arabic"
    if len(words) > 1 and words[0] in GENERIC_HEADS:
        return "head"
    if len(words) > 1 and any(w in ARTICLES for w in words[:-1]):
        return "shape"
    if words[0] in ARTICLES and tokens[i].hyphen_after:
        return "shape"
    if len(words) == 1 and len(words[0]) >= 4 and i > 0 and fold(tokens[i - 1].text) in LOCATIVE_CUES:
        return "cue"
    return None
