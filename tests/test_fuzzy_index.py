"""The bigram-filtered typo search gives exactly what scoring every key with rapidfuzz gives."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from strikemap.gazetteer.fuzzy_index import FuzzyIndex
from strikemap.gazetteer.lookup import FUZZY_CUTOFF, Gazetteer


def full_scan(keys: list[str], query: str, cutoff: float, limit: int) -> list[tuple[str, float, int]]:
    """The slow reference: process.extract over every key, best first, ties in key order."""
    scored = process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    return sorted(scored, key=lambda row: (-row[1], row[2]))[:limit]


def _typo(rng: random.Random, word: str) -> str:
    """One or two random edits: drop, double, swap or replace a letter."""
    chars = list(word)
    for _ in range(rng.randint(1, 2)):
        if len(chars) < 2:
            break
        i = rng.randrange(len(chars) - 1)
        op = rng.choice("dirs")
        if op == "d":
            del chars[i]
        elif op == "i":
            chars.insert(i, chars[i])
        elif op == "r":
            chars[i] = rng.choice("aeiouklmnrst")
        else:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def test_agrees_with_a_full_scan_on_the_default_gazetteer_keys() -> None:
    keys = Gazetteer.default()._fuzzy_choices
    index = FuzzyIndex(keys)
    rng = random.Random(7)
    queries = [_typo(rng, rng.choice(keys)) for _ in range(400)] + ["kafrnbl", "jisrshugur", "xqzw", "saraqibb"]
    found_any = 0
    for query in queries:
        expected = full_scan(keys, query, FUZZY_CUTOFF, 10)
        assert index.search(query, cutoff=FUZZY_CUTOFF, limit=10) == expected, query
        found_any += bool(expected)
    assert found_any > 250  # most typos find a key (282 of 404): the comparison is not of empty lists


@settings(max_examples=300, deadline=None)
@given(
    keys=st.lists(st.text(alphabet="abkrsl", min_size=1, max_size=12), min_size=1, max_size=40),
    query=st.text(alphabet="abkrsl", min_size=1, max_size=12),
    cutoff=st.sampled_from([50.0, 70.0, 84.0, 90.0, 100.0]),
)
def test_agrees_with_a_full_scan_on_any_keys(keys: list[str], query: str, cutoff: float) -> None:
    # A small alphabet makes repeated bigrams ("abab") and near misses common, where the bound is tight.
    assert FuzzyIndex(keys).search(query, cutoff=cutoff, limit=10) == full_scan(keys, query, cutoff, 10)


def test_many_candidates_take_rapidfuzz_own_loop_with_the_same_answer() -> None:
    keys = [f"kafr{c}{d}" for c in "abcdefghijklmnop" for d in "abcdefghijklmnopqrstuvwxyz"]  # 416 near keys
    assert FuzzyIndex(keys).search("kafrab", cutoff=60.0, limit=50) == full_scan(keys, "kafrab", 60.0, 50)


def test_empty_index_and_empty_query_find_nothing() -> None:
    assert FuzzyIndex([]).search("kafr", cutoff=84.0, limit=10) == []
    assert FuzzyIndex(["kafr"]).search("", cutoff=84.0, limit=10) == []
