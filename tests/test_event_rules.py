"""The quick "no" of the sentence readers: it must never skip a sentence a reader would have read something in."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from text_to_num import alpha2digit

from strikemap import event_rules
from strikemap.dates import find_date
from strikemap.event_rules import (
    TARGET_CUES,
    _Cue,
    event_type_of,
    find_actors,
    find_casualties,
    targets_of,
)
from strikemap.text import sentence_spans

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"

# Each cue and the patterns that cannot match without it.
GUARDS: list[tuple[_Cue, list[re.Pattern[str]]]] = [
    (event_rules._KILL_WORD, [event_rules._KILL_AFTER, event_rules._KILL_BEFORE]),
    (event_rules._HURT_WORD, [event_rules._HURT_AFTER, event_rules._HURT_BEFORE]),
    (event_rules._NONE_WORD, [event_rules._NONE_HURT, event_rules._NONE_KILLED]),
    (event_rules._target_word(), [pattern for _, pattern in TARGET_CUES]),
    *((cue, [pattern]) for (_, pattern), cue in event_rules._target_rows()),
    *((cue, [pattern]) for (_, pattern), cue in event_rules._type_rows()),
    (event_rules._ACTOR_CUE, [event_rules._ATTACKER, event_rules._OPPONENT]),
]
GUARDED = [(cue, pattern) for cue, patterns in GUARDS for pattern in patterns]

# Words the guarded patterns look for, spelled as reports (and odd keyboards) spell them.
WORDS = [
    "killed", "KILLED", "Killing", "kills", "claimed the lives of", "died", "dead", "bodies", "death toll", "reached",
    "injured", "Wounded", "wounding", "hurt", "being treated", "treated for", "harmed", "Nobody was", "no one was",
    "No-one was", "no casualties", "without casualties", "no deaths", "no fatalities", "hospital", "Medical centre",
    "clinics", "health facility", "schools", "kindergarten", "market", "souq", "civil defence centre", "defense teams",
    "White Helmets base", "Civil Defence", "its vehicles", "camp", "displacement sites", "tents", "power station",
    "electricity", "water pumping", "bakery", "bread queues", "mosque", "residential", "homes", "houses",
    "apartments", "neighbourhoods", "hit", "bombed", "were damaged", "on Monday", "Tuesday", "yesterday", "today",
    "overnight", "last night", "this morning", "May 5", "5 August", "in mid-March", "in early June", "last week",
    "earlier this month", "in recent days", "over the past weeks", "12", "three", "a dozen", "several", "a woman",
    "and", "the", "in", "of", ",", ".", "\u017fchools", "k\u0131lled", "\u0130njured", "\u212aILLED",
    "\u017feveral", "Dozens", "hundreds", "Tens", "scores", "many", "some", "numerous", "a number of", "At least",
    "more than", "Over", "nearly", "almost", "about", "around", "up to", "an", "A", "man", "civilians", "were", "was",
    "have been", "people", "toll", "rose to", "of the same family", "x5", "1.5", "5km",
    "Russian", "Syria\u2019s", "pro-regime", "government", "Turkish", "U.S.-led", "US-led", "coalition", "HTS",
    "former al-Qaeda affiliate", "jihadists", "rebels", "armed factions", "jets", "forces", "shelled", "from",
    "positions", "against", "attack on", "barrel bombs", "drone", "UAVs", "missile", "surface-to-surface", "airstrikes",
    "warplanes", "aircraft", "raid", "artillery", "rockets", "clashes", "offensive", "ambushed", "car bomb", "IEDs",
    "explosion", "struck",
]
SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "-", ""])
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), SPACES), max_size=14).map(
    lambda parts: "".join(w + s for w, s in parts))


def _finds(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _article_sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    return [t[a:b] for t in texts for a, b in sentence_spans(t)]


def _readings(sentence: str) -> tuple[object, ...]:
    base = dt.date(2019, 5, 7)
    return (find_casualties(sentence), targets_of(sentence), find_date(sentence, base), find_date(sentence, None),
            event_type_of(sentence), event_type_of(sentence, generic=False), find_actors(sentence),
            find_actors(sentence, "air_strike"), find_actors(sentence, "ground_clash"))


def _without_cues(monkeypatch: pytest.MonkeyPatch, read: Callable[[str], tuple[object, ...]],
                  sentence: str) -> tuple[object, ...]:
    with monkeypatch.context() as m:
        m.setattr(_Cue, "may_match", lambda self, text, lowered=None: True)
        return read(sentence)


def test_odd_case_holds_every_character_lower_misreads() -> None:
    # Every code point the cues' atoms match under re.I is lowered by str.lower() to one character they match
    # without it, or is in _ODD_CASE.
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    odd = set()
    for atom in [*"abcdefghijklmnopqrstuvwxyz-", r"\.", r"\s", r"\d"]:
        plain = re.compile(atom)
        for m in re.compile(atom, re.I).finditer(everything):
            low = m.group().lower()
            if len(low) != 1 or not plain.fullmatch(low):
                odd.add(m.group())
    assert odd <= event_rules._ODD_CASE


def test_cues_are_lower_case_ascii_words_read_from_their_patterns() -> None:
    for cue, _ in GUARDS:
        assert cue.words, "every guarded pattern needs some word"  # else the cue never says no
        for word in cue.words:
            assert word.isascii() and word == word.lower() and len(word) >= 3


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_cue_passes_whatever_its_patterns_match(text: str) -> None:
    for cue, patterns in GUARDS:
        if any(p.search(text) for p in patterns):
            assert cue.may_match(text), (cue.words, text)


@pytest.mark.parametrize(("cue", "pattern"), GUARDED, ids=[p.pattern[:30] for _, p in GUARDED])
def test_a_cue_passes_text_made_from_its_pattern(cue: _Cue, pattern: re.Pattern[str]) -> None:
    # Hypothesis writes text holding a match of the pattern: every branch, in every case.
    @settings(max_examples=100, deadline=None)
    @given(st.from_regex(pattern))
    def passes(text: str) -> None:
        if pattern.search(text):
            assert cue.may_match(text), text

    passes()


@pytest.mark.parametrize("sentence", _article_sentences())
def test_readers_agree_with_and_without_cues_on_articles(sentence: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _readings(sentence) == _without_cues(monkeypatch, _readings, sentence)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_readers_agree_with_and_without_cues(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _readings(text) == _without_cues(monkeypatch, _readings, text)


@pytest.mark.parametrize(("pattern", "fast"), [(event_rules._KILL_BEFORE, event_rules._KILL_BEFORE_AT),
                                               (event_rules._HURT_BEFORE, event_rules._HURT_BEFORE_AT)],
                         ids=["killed", "injured"])
def test_figure_patterns_find_the_same_where_they_may_start(pattern: re.Pattern[str],
                                                             fast: re.Pattern[str]) -> None:
    # Every way a figure can open, from the tables themselves, in three cases and with a long s.
    quals = [q.replace(r"\s+", " ") for q in event_rules._QUAL.removeprefix("(?:").removesuffix(")?").split("|")]
    figures = ["5", "a man", "an infant", *(v.replace(r"\s+", " ") for v in event_rules._VAGUE.split("|"))]
    for qual in ["", *quals]:
        for figure in figures:
            for phrase in (f"{qual}{figure} killed", f"{qual}{figure} were wounded", f"x {qual}{figure} died"):
                for text in (phrase, phrase.upper(), phrase.title(), phrase.replace("s", "\u017f")):
                    assert _finds(fast, text) == _finds(pattern, text), text
    for text in ("5 bodies", "the death toll rose to 5", "DEATH TOLL OF 5", "\u212a 5 killed"):
        assert _finds(fast, text) == _finds(pattern, text), text
    for sentence in _article_sentences():
        digits = alpha2digit(sentence, "en", threshold=0)
        assert _finds(fast, digits) == _finds(pattern, digits), digits

    @settings(max_examples=300, deadline=None)
    @given(st.one_of(TEXTS, st.from_regex(pattern)))
    def same(text: str) -> None:
        assert _finds(fast, text) == _finds(pattern, text), text

    same()


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_cue_of_plain_words_reads_them_as_its_regex_does(text: str) -> None:
    for cue, _ in GUARDS:
        assert cue.words is not None
        lowered = text.lower()
        odd = not text.isascii() and not event_rules._ODD_CASE.isdisjoint(text)
        by_words = any(word in lowered for word in cue.words) or odd
        assert cue.may_match(text) is by_words
        assert cue.may_match(text, lowered) is by_words
