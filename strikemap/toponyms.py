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
``list``
    A lone capitalised word coordinated with a place found ("Kansafra and Safohin"), kept when the
    gazetteer's exact, variant or skeleton tiers place it in Syria.

Person names are not places: a run after a speech verb or a title ("said Salem Abu Al-Azem",
"spokeswoman Agnes Romatet-Espagne") is dropped whole, and so is a foreign single-word match
glued to other capitalised words ("New York Times").
The word lists these finders read (heads, cues, stopwords) are in ``toponym_words``.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate, islice
from typing import Any

import ahocorasick

from .gazetteer.lookup import Gazetteer
from .geo import haversine_km
from .models import Place, Span
from .spelling import ARTICLES, fold, has_arabic, phrase_key_of_folded, token_key
from .text import dateline_span, is_capitalised, offset_type, word_columns
from .toponym_words import (
    DIRECTION_WORDS,
    FACILITY_WORDS,
    GENERIC_HEADS,
    LOCATIVE_CUES,
    NEEDS_EVIDENCE,
    ORGANISATION_WORDS,
    PERSON_CUES,
    PLACE_NOUNS_AFTER,
    PLACE_NOUNS_OF,
    STOPWORDS,
)

# Articles that are also English words count as articles only when hyphenated ("as-Suqaylabiyah").
_ENGLISH_ARTICLES = frozenset({"as", "at", "an", "en", "es", "et", "ed", "er", "il", "ul", "ad"})

# Matches of a whole run tried before its pieces need at least this score, in Syria.
WHOLE_RUN_SCORE = 80.0

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
        self.longest = max(map(len, phrases), default=0) + 2  # the longest word added, with its spaces


@lru_cache(maxsize=4)
def _matcher(gazetteer: Gazetteer) -> _Matcher:
    return _Matcher(gazetteer)


class _Words:
    """One text's words as columns, with what every finder asks of a word computed once per text.

    The flags (``cap``, ``arabic``, ``hyphen``) are bytes, 1 or 0: a long report has millions of words.
    """

    __slots__ = ("arabic", "cap", "ends", "folded", "hyphen", "n", "starts", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words, self.starts, self.ends, self.hyphen = word_columns(text)
        self.n = len(self.words)
        self.folded = list(map(fold, self.words))
        self.cap = bytearray(map(is_capitalised, self.words))
        # An ASCII word holds no Arabic letter: only the others need the regex.
        self.arabic = bytearray(not w.isascii() and has_arabic(w) for w in self.words)


def _stream_tokens(words: _Words) -> tuple[array[int], list[str]]:
    """The token indices and variant keys of the tokens the matcher sees, as two columns; articles are left out."""
    indices, keys = array(offset_type(words.n)), []
    n, hyphen, folded = words.n, words.hyphen, words.folded
    # token_key is pure and cached by word: reading it for the few articles left out costs less than a test.
    for i, key in enumerate(map(token_key, words.words)):
        if not key:
            continue
        f = folded[i]
        if f in ARTICLES and i + 1 < n and (hyphen[i] or f not in _ENGLISH_ARTICLES or _capital_article(words, i)):
            continue
        indices.append(i)
        keys.append(key)
    return indices, keys


def _known_spans(words: _Words, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Token ranges ``[first, last]`` of every known name, longest first, non-overlapping."""
    matcher = _matcher(gazetteer)
    stream, keys = _stream_tokens(words)
    if matcher.empty or not keys:
        return []
    # Where each key starts in " key key ... key ".
    size = sum(map(len, keys)) + len(keys) + 1
    offsets = array(offset_type(size), accumulate((len(key) + 1 for key in islice(keys, len(keys) - 1)), initial=1))
    keys.insert(0, "")  # " ".join then puts the spaces around, without copying the haystack twice
    keys.append("")
    haystack = " ".join(keys)
    del keys
    found = []
    for end, n in _matches(matcher, haystack):
        last = bisect_right(offsets, end - 1) - 1  # the stream word ending just before this space
        first = last - n + 1
        if first < 0:
            continue
        found.append((stream[first], stream[last]))
    return _longest_first(found)


_CHUNK = 1 << 20


def _matches(matcher: _Matcher, haystack: str) -> Iterator[tuple[int, int]]:
    """``matcher.automaton.iter(haystack)``, read a megabyte at a time: the automaton copies what it reads
    into 4 bytes a character. Each piece starts the longest word early, and gives only the matches that end
    in its megabyte: together, every match once (in the same order, which nothing needs)."""
    reach = matcher.longest
    for a in range(0, len(haystack), _CHUNK):
        lo = max(0, a - reach)
        for end, n in matcher.automaton.iter(haystack[lo : a + _CHUNK]):
            if lo + end >= a:
                yield lo + end, n


def _longest_first(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    used = bytearray(max((last for _, last in ranges), default=0) + 1)  # 1 on a token already in a taken range
    # Longest first, then leftmost: the key (-(last - first), first) as one integer, not a tuple per range.
    width = max((first for first, _ in ranges), default=0) + 1
    for first, last in sorted(set(ranges), key=lambda r: (r[0] - r[1]) * width + r[0]):
        if not any(used[first : last + 1]):
            taken.append((first, last))
            used[first : last + 1] = b"\x01" * (last + 1 - first)
    return sorted(taken)


# Articles written apart and capitalised, as names are in English news ("Al Tah", "El Bara").
_SPACED_ARTICLES = frozenset({"al", "el"})


def _extend_article(words: _Words, first: int) -> int:
    """Take in an article glued before the span, or written apart with a capital: "al-Bara", "Al Tah"
    rather than "Bara", "Tah" (a list reads "A, B, Al Tah and C" whole)."""
    if first > 0 and words.folded[first - 1] in ARTICLES and (words.hyphen[first - 1] or (
            words.folded[first - 1] in _SPACED_ARTICLES and words.cap[first - 1]
            and words.starts[first] - words.ends[first - 1] == 1)):
        return first - 1
    return first


def _is_person(words: _Words, first: int) -> bool:
    """Whether the capitalised run containing token ``first`` follows a speech verb or a title."""
    cap, folded = words.cap, words.folded
    i = first
    while i > 0 and cap[i - 1] and folded[i - 1] not in STOPWORDS:
        i -= 1
    if i == 0:
        return False
    before = folded[i - 1]
    if before == "to" and i > 1:  # "according to X"
        before = folded[i - 2]
    return before in PERSON_CUES


def _known_is_person(words: _Words, first: int, last: int) -> bool:
    """A known name is a person's only inside a longer capitalised run ("said Salem Abu Al-Azem").

    A bare place after a speech verb stays a place: "a spokesman said Ankara would respond".
    """
    longer_left = first > 0 and words.cap[first - 1] and words.folded[first - 1] not in STOPWORDS
    longer_right = last + 1 < words.n and _run_end(words, last) > last
    return (longer_left or longer_right) and _is_person(words, first)


def _tail_of_another_name(words: _Words, first: int) -> bool:
    """ "al-Sham" in "Hayat Tahrir al-Sham": an article-led match glued to a capitalised word before it.

    A place-name head before it ("Bab al-Hawa") would have been matched with it, or is kept.
    """
    if first == 0 or words.folded[first] not in ARTICLES:
        return False
    folded = words.folded[first - 1]
    adjacent = words.starts[first] - words.ends[first - 1] <= 1
    return adjacent and bool(words.cap[first - 1]) and folded not in STOPWORDS and folded not in GENERIC_HEADS


def _capital_article(words: _Words, k: int) -> bool:
    """Whether token ``k`` is an article written apart and capitalised inside a name, between capitalised
    words ("Ma'arrat An Nu'man", "Jisr As Shughur"): the name's, not English's "an" or "as"."""
    return (0 < k < words.n - 1 and bool(words.cap[k]) and bool(words.cap[k - 1]) and bool(words.cap[k + 1])
            and words.starts[k + 1] - words.ends[k] == 1 and words.starts[k] - words.ends[k - 1] == 1)


def _run_end(words: _Words, i: int) -> int:
    """The last token of the capitalised run starting at ``i`` (articles may sit inside)."""
    folded, hyphen, starts, ends, cap, arabic = (
        words.folded, words.hyphen, words.starts, words.ends, words.cap, words.arabic
    )
    j = i
    while j + 1 < words.n:
        nxt = folded[j + 1]
        joined = hyphen[j] or starts[j + 1] - ends[j] <= 1
        if not joined:
            break
        if nxt in ARTICLES and (hyphen[j + 1] or (nxt in _ENGLISH_ARTICLES and _capital_article(words, j + 1))):
            j += 1
            continue
        if cap[j + 1] and nxt not in STOPWORDS and arabic[j + 1] == arabic[i]:
            j += 1
            continue
        break
    # A run does not end on an article.
    while j > i and folded[j] in ARTICLES:
        j -= 1
    return j


def _foreign_glued(
    words: _Words, first: int, last: int, gazetteer: Gazetteer, in_syria: dict[str, bool]
) -> bool:
    """A foreign match glued to other capitalised words is part of another name ("New York Times").

    The neighbours are read first: a match glued to none is kept whatever the gazetteer says, so most
    matches need no lookup. ``in_syria`` holds this text's answers so far (a name recurs in a report).
    """
    starts, ends = words.starts, words.ends
    glued = False
    for j in (first - 1, last + 1):
        if 0 <= j < words.n:
            edge = ends[last] if j > last else starts[first]
            close = (j < first and words.hyphen[j]) or abs(starts[j] - edge) <= 1
            if close and words.cap[j] and words.folded[j] not in STOPWORDS:
                glued = True
                break
    if not glued:
        return False
    name = words.text[starts[first] : ends[last]]
    syrian = in_syria.get(name)
    if syrian is None:
        syrian = in_syria[name] = any(m.place.country == "SY" for m in gazetteer.lookup(name, limit=3, fuzzy=False))
    return not syrian


def find_spans(text: str, gazetteer: Gazetteer) -> list[Span]:
    """Every stretch of ``text`` that names, or looks like it names, a place; in text order.

    Examples
    --------
    >>> from strikemap.gazetteer.lookup import Gazetteer
    >>> [s.text for s in find_spans("Jets struck Maarat al-Numan and Kafranbel.", Gazetteer.default())]
    ['Maarat al-Numan', 'Kafranbel']
    """
    words = _Words(text)
    folded, starts, ends = words.folded, words.starts, words.ends
    spans: list[Span] = []
    covered = bytearray(words.n)  # 1 where a token is taken
    # Words of person names met so far: a later bare "Salem" is that person, not a place.
    person_words: set[str] = set()
    in_syria: dict[str, bool] = {}
    for first, last in _known_spans(words, gazetteer):
        latin = not words.arabic[first]
        if latin and not words.cap[first] and folded[first] not in DIRECTION_WORDS:
            continue
        first = _extend_article(words, first)
        if latin and _in_organisation_name(words, first, last):
            for k in range(first, _run_end(words, last) + 1):
                covered[k] = 1
            continue
        if latin and _glued_left(words, first, covered) and _names_facility(words, last):
            # "Imam Malek School": a known name ("Malek") inside a building's name is no place.
            for k in range(first - 1, last + 1):
                covered[k] = 1
            continue
        if (latin and _glued_left(words, first, covered) and _run_end(words, last) == last
                and not _known_is_person(words, first, last)):
            # "Maarathan Numan": an unseen spelling of a longer name ends in a known one. The whole run
            # is tried before its known piece is taken alone.
            name = text[starts[first - 1] : ends[last]]
            if _resolves_whole(name, gazetteer):
                for k in range(first - 1, last + 1):
                    covered[k] = 1
                spans.append(Span(name, starts[first - 1], ends[last], "head"))
                continue
        if latin and first == last and folded[first] in NEEDS_EVIDENCE:
            whole = _whole_run(words, first, gazetteer)
            if whole is not None:
                for k in range(first, whole + 1):
                    covered[k] = 1
                spans.append(Span(text[starts[first] : ends[whole]], starts[first], ends[whole], "head"))
                continue
            if not _single_word_cue(words, first) or _run_end(words, first) > first:
                continue
        if (
            _known_is_person(words, first, last)
            or _tail_of_another_name(words, first)
            or (latin and _foreign_glued(words, first, last, gazetteer, in_syria))
            or (first == last and folded[first] in person_words)
        ):
            if _known_is_person(words, first, last):
                person_words.update(folded[first : _run_end(words, last) + 1])
            for k in range(first, last + 1):
                covered[k] = 1
            continue
        for k in range(first, last + 1):
            covered[k] = 1
        spans.append(Span(text[starts[first] : ends[last]], starts[first], ends[last], "known"))
    spans.extend(_shape_spans(words, covered))
    spans.sort(key=lambda s: s.start)
    return _with_list_members(words, _without_acronyms(words, spans), gazetteer)


def _without_acronyms(words: _Words, spans: list[Span]) -> list[Span]:
    """Spans less the short words in capitals of running text ("SANA's reporter said", "told EFE"): outlets
    and groups. In a dateline ("IDLIB, Syria") or a line in capitals the word stays."""
    if not any(len(s.text) <= 5 and s.text.isupper() for s in spans):
        return spans
    dateline_end = dateline_span(words.text)[1]
    out = []
    for s in spans:
        if len(s.text) <= 5 and s.text.isalpha() and s.text.isupper() and s.start >= dateline_end:
            i = bisect_left(words.starts, s.start)
            neighbours = [words.words[k] for k in (i - 1, i + 1) if 0 <= k < words.n]
            if not any(w.isupper() and len(w) > 1 for w in neighbours):
                continue
        out.append(s)
    return out


def _shape_spans(words: _Words, covered: bytearray) -> list[Span]:
    text, folded, cap, hyphen = words.text, words.folded, words.cap, words.hyphen
    starts, ends = words.starts, words.ends
    out = []
    i = 0
    n = words.n
    while i < n:
        f = folded[i]
        if covered[i] or not cap[i] or (f in STOPWORDS and not (f in ARTICLES and hyphen[i])):
            i += 1
            continue
        j = _run_end(words, i)
        if any(covered[i : j + 1]):
            j = i + covered[i : j + 1].index(1) - 1
            if j < i:
                i += 1
                continue
        how = _shape_kind(words, i, j)
        if how and not _is_person(words, i) and not _names_facility(words, j):
            out.append(Span(text[starts[i] : ends[j]], starts[i], ends[j], how))
        i = j + 1
    return out


def _names_facility(words: _Words, last: int) -> bool:
    """Whether the word after token ``last`` makes the run a building's name ("Imam Malek School")."""
    k = last + 1
    return k < words.n and words.folded[k] in FACILITY_WORDS and words.starts[k] - words.ends[last] <= 1


def _shape_kind(words: _Words, i: int, j: int) -> str | None:
    if words.arabic[i]:
        return "arabic"
    folded = words.folded[i : j + 1]
    if len(folded) > 1 and folded[0] in GENERIC_HEADS:
        return "head"
    if len(folded) > 1 and any(w in ARTICLES for w in folded[:-1]):
        return "shape"
    if folded[0] in ARTICLES and words.hyphen[i]:
        return "shape"
    if len(folded) == 1 and len(folded[0]) >= 4 and _single_word_cue(words, i):
        return "cue"
    return None


# A comma or a sentence's end between a cue and a word: the cue is not the word's ("Ariha city. Shells hit").
_GAP_PUNCTUATION = frozenset(",.;:!?")


def _single_word_cue(words: _Words, i: int) -> bool:
    """A cue around a lone capitalised word that makes it a place: "in X", "shelled X", "X town", "town of X"."""
    if words.words[i].isupper():  # an acronym: "west of Idlib city, SOHR activists said"
        return False
    before = words.folded[i - 1] if i > 0 else ""
    if before in LOCATIVE_CUES and not _GAP_PUNCTUATION.intersection(words.text[words.ends[i - 1] : words.starts[i]]):
        return True
    if before == "of" and i > 1 and words.folded[i - 2] in PLACE_NOUNS_OF:
        return True
    return i + 1 < words.n and words.folded[i + 1] in PLACE_NOUNS_AFTER and not words.cap[i + 1]


def _whole_run(words: _Words, first: int, gazetteer: Gazetteer) -> int | None:
    """The last token of the run "Kafr Oweid" led by a word that needs evidence, when the run resolves whole.

    The run may go on in lower case after a head ("Ma'ar shorin"); it resolves whole when the gazetteer's
    variant, skeleton or fuzzy tiers place it in Syria with at least ``WHOLE_RUN_SCORE``.
    """
    last = _run_end(words, first)
    if last == first:
        return None
    return last if _resolves_whole(words.text[words.starts[first] : words.ends[last]], gazetteer) else None


def _glued_left(words: _Words, first: int, covered: bytearray) -> bool:
    """Whether a free capitalised word (no stopword, no direction) sits just before token ``first``."""
    k = first - 1
    if k < 0 or covered[k] or not words.cap[k] or words.arabic[k] or words.starts[first] - words.ends[k] > 1:
        return False
    f = words.folded[k]
    return f not in STOPWORDS and f not in DIRECTION_WORDS and not _is_person(words, k)


def _resolves_whole(name: str, gazetteer: Gazetteer) -> bool:
    """Whether the gazetteer's variant, skeleton or fuzzy tiers place ``name`` in Syria at ``WHOLE_RUN_SCORE``."""
    return any(m.place.country == "SY" and m.score >= WHOLE_RUN_SCORE
               for m in gazetteer.lookup(name, limit=3, fuzzy=True))


def _in_organisation_name(words: _Words, first: int, last: int) -> bool:
    """Whether the known name ``first..last`` opens or sits in an organisation's name ("Hayat Tahrir al-Sham")."""
    folded = words.folded
    # Back over the capitalised run before, articles included: "Hayat Tahrir al Sham" without a hyphen.
    k = first
    while k > 0 and (words.cap[k - 1] or folded[k - 1] in ARTICLES) and words.starts[k] - words.ends[k - 1] <= 1:
        k -= 1
        if folded[k] in ORGANISATION_WORDS:
            return True
    end = _run_end(words, last)
    if end == last:
        return False
    return folded[first] in ORGANISATION_WORDS or any(folded[k] in ORGANISATION_WORDS for k in range(last + 1, end + 1))


# How far a list member may lie from a place its neighbour in the list may be.
LIST_REACH_KM = 40.0
# Between two members of one coordinated list: "A, B", "A and B", "A, and B", "A or B", "(A, B".
_LIST_GAP = re.compile(r"\A\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)\Z")


def _with_list_members(words: _Words, spans: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """``spans`` with the lone capitalised words coordinated with a place found ("Kansafra and Safohin",
    "Kafarzita, Zakat and Murek"), where the gazetteer places the word in Syria without fuzzy matching.

    Standing in a list of places is the evidence a cue gives a lone word ("in Safohin"); the rest is a
    gazetteer match within ``LIST_REACH_KM`` of a place the neighbour in the list may be (lists name
    neighbouring villages: "Kafr Jales and Maram" does not make "Maram" a namesake 100 km away).
    Members are added until none is left: "Balyon and Al-Fterah" after a known name.
    """
    text, folded, starts, ends = words.text, words.folded, words.starts, words.ends
    taken = bytearray(words.n)
    for span in spans:
        k = bisect_left(starts, span.start)
        while k < words.n and starts[k] < span.end:
            taken[k] = 1
            k += 1
    candidates = [
        i for i in range(words.n)
        if not taken[i] and words.cap[i] and not words.arabic[i] and len(folded[i]) >= 4
        and not words.words[i].isupper()  # an acronym: "SOHR sources said"
        and folded[i] not in STOPWORDS and folded[i] not in GENERIC_HEADS
        # a run of its own: not glued to a capitalised word before it, nor followed by one
        and not (i > 0 and (words.hyphen[i - 1] or (starts[i] - ends[i - 1] <= 1 and words.cap[i - 1]
                                                    and folded[i - 1] not in STOPWORDS)))
        and _run_end(words, i) == i and not _is_person(words, i)
    ]
    if not candidates:
        return spans
    looked_up: dict[str, list[Place]] = {}

    def places_of(name: str) -> list[Place]:
        found = looked_up.get(name)
        if found is None:
            found = looked_up[name] = [m.place for m in gazetteer.lookup(name, limit=5, fuzzy=True)
                                       if m.place.country == "SY"]
        return found

    placed = sorted((s.start, s.end) for s in spans)
    span_starts = [a for a, _ in placed]
    added: list[Span] = []
    checked: set[int] = set()  # candidates looked up, taken or not: each is looked up once
    grew = True
    while grew:
        grew = False
        for i in candidates:
            if i in checked:
                continue
            a, b = starts[i], ends[i]
            k = bisect_left(span_starts, a)
            neighbours = []
            if k > 0 and _LIST_GAP.match(text[placed[k - 1][1] : a]):
                neighbours.append(text[placed[k - 1][0] : placed[k - 1][1]])
            if k < len(placed) and _LIST_GAP.match(text[b : placed[k][0]]):
                neighbours.append(text[placed[k][0] : placed[k][1]])
            if not neighbours:
                continue
            checked.add(i)
            found = [m.place for m in gazetteer.lookup(text[a:b], limit=5, fuzzy=False)
                     if m.place.country == "SY" and m.score >= WHOLE_RUN_SCORE]
            near = [p for n in neighbours for p in places_of(n)]
            if any(haversine_km(p.lat, p.lon, q.lat, q.lon) <= LIST_REACH_KM for p in found for q in near):
                added.append(Span(text[a:b], a, b, "list"))
                k = bisect_left(span_starts, a)
                placed.insert(k, (a, b))
                span_starts.insert(k, a)
                grew = True
    if not added:
        return spans
    return sorted([*spans, *added], key=lambda s: s.start)
