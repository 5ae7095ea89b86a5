"""Typo search over many short keys: rapidfuzz ``ratio`` on only the keys that can reach the cutoff.

Scoring every key of a full gazetteer (35,000 of them) costs milliseconds a query, most of it in
keys that share almost nothing with the query. A count of shared bigrams rules those out exactly:

For keys of lengths a and b, ``ratio = 100 × (1 − d / (a + b))`` with d the indel distance, so
``ratio ≥ c`` needs ``d ≤ s(a + b)`` with ``s = 1 − c/100``. Their longest common subsequence then
has ``ℓ = (a + b − d) / 2 ≥ (1 − s)(a + b) / 2`` characters. Of its ``ℓ − 1`` adjacent pairs, each
character of a outside it splits at most one, and so does each of b, so at least
``(ℓ − 1) − (a − ℓ) − (b − ℓ) = 3ℓ − 1 − a − b ≥ (a + b)(1 − 3s)/2 − 1`` pairs are bigrams of both
strings, at distinct places in each: the keys share at least that many bigrams, counted with
multiplicity. One numpy ``bincount`` over inverted lists counts the shared bigrams of every key at
once; rapidfuzz then scores only the keys that pass. The answer is the one a scan of every key gives
(``tests/test_fuzzy_index.py`` checks it against ``process.extract`` over all keys).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from rapidfuzz import fuzz, process

__all__ = ["FuzzyIndex"]

# Above this many candidates, rapidfuzz's own loop beats one Python call per key.
_BULK = 256


def _bigram_levels(text: str) -> Iterator[tuple[str, int]]:
    """Each bigram of ``text`` with its occurrence number: ("ab", 1), ("ba", 1), ("ab", 2) for "abab"."""
    seen: dict[str, int] = {}
    for i in range(len(text) - 1):
        gram = text[i : i + 2]
        level = seen.get(gram, 0) + 1
        seen[gram] = level
        yield gram, level


class FuzzyIndex:
    """Keys searchable by rapidfuzz ``ratio`` with a cutoff, through a bigram count filter.

    Examples
    --------
    >>> index = FuzzyIndex(["kafrnabl", "kafrzita", "saraqib"])
    >>> index.search("kafrnbl", cutoff=84.0, limit=10)
    [('kafrnabl', 93.33333333333333, 0)]
    """

    def __init__(self, keys: Sequence[str]) -> None:
        import numpy as np  # numpy only for typo search, not at gazetteer load

        self._np = np
        self.keys = list(keys)
        self._lengths = np.fromiter((len(k) for k in self.keys), dtype=np.int64, count=len(self.keys))
        # (bigram, n) -> the keys holding that bigram at least n times: a query holding it m times
        # adds one per key for each n ≤ m, i.e. min(m, the key's count), the shared count.
        postings: dict[tuple[str, int], list[int]] = defaultdict(list)
        for j, key in enumerate(self.keys):
            for entry in _bigram_levels(key):
                postings[entry].append(j)
        self._postings: dict[tuple[str, int], Any] = {k: np.array(v, dtype=np.int64) for k, v in postings.items()}

    def __len__(self) -> int:
        return len(self.keys)

    def search(self, query: str, *, cutoff: float, limit: int) -> list[tuple[str, float, int]]:
        """``(key, ratio, index)`` of the keys with ``fuzz.ratio(query, key) ≥ cutoff``, best first.

        Ties keep key order, as ``process.extract`` over every key would; at most ``limit`` rows.
        """
        np = self._np
        n = len(self.keys)
        if n == 0 or not query:
            return []
        a = len(query)
        slack = 1.0 - cutoff / 100.0
        lists = [p for entry in _bigram_levels(query) if (p := self._postings.get(entry)) is not None]
        shared = np.bincount(np.concatenate(lists), minlength=n) if lists else np.zeros(n, dtype=np.int64)
        total = a + self._lengths
        eps = 1e-6  # float rounding at the bound only ever lets one more key through to the real score
        passes = (shared >= total * (1.0 - 3.0 * slack) / 2.0 - 1.0 - eps) & (
            np.abs(a - self._lengths) <= slack * total + eps
        )
        candidates = np.flatnonzero(passes).tolist()
        keys = self.keys
        if len(candidates) > _BULK:
            scored = [(key, score, candidates[k]) for key, score, k in process.extract(
                query, [keys[j] for j in candidates], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)]
        else:
            scored = []
            for j in candidates:
                score = fuzz.ratio(query, keys[j], score_cutoff=cutoff)
                if score >= cutoff and score > 0:
                    scored.append((keys[j], score, j))
        scored.sort(key=lambda row: (-row[1], row[2]))
        return scored[:limit]
