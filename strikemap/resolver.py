"""Choosing a place for a name using context: homonyms, nearness, importance.

``resolve`` takes a name and optional context (free text such as "northern Hama", or places already
resolved in the same article) and returns the gazetteer's candidates re-scored:

    score = 0.9 × text score + 10 × support

where the text score (0–100) says how well the name matched (``gazetteer``) and support (0–1) is
how well the place fits: in a governorate or district the context names (up to 0.55), near
places the context names (up to 0.45, falling off over ~30 km), and its prior importance (kind,
population, in Syria; 0.3 of it). Matches below ``MIN_SCORE`` are dropped.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .directions import CARDINAL_PATTERN, INTERCARDINAL_PATTERN
from .gazetteer.backend import PlaceBackend
from .gazetteer.lookup import Gazetteer, load_gazetteer
from .geo import EARTH_RADIUS_KM, bearing_deg, haversine_km
from .kinds import LOCALITY_KINDS, UNIT_KINDS
from .models import Match, Mention, Place, Span
from .spelling import fold
from .text import CONTAINER_GAP, SentenceIndex, sentence_spans

MIN_SCORE = 60.0
NEAR_KM = 30.0
# Relative slack in the nearest-anchor scan's cut-off: rounding moves sin by an ulp (~1e-16), not by this.
_NEAREST_MARGIN = 1.0 + 1e-9

_CONTEXT_SPLIT = re.compile(r"[,;/()\n]|\band\b|\bor\b|\bin\b|\bof\b", re.IGNORECASE)
_ADMIN_WORDS = re.compile(r"\b(governorate|province|district|sub-?district|countryside|city|town)\b", re.I)
_DIRECTION = re.compile(
    rf"^(?:the\s+)?(?:{CARDINAL_PATTERN}|central|{INTERCARDINAL_PATTERN}|rural|countryside)\s+", re.IGNORECASE
)


@dataclass
class Context:
    """What is known around a name: admin units named, and places already placed."""

    admin1: set[str] = field(default_factory=set)
    admin2: set[str] = field(default_factory=set)
    anchors: list[Place] = field(default_factory=list)
    # support() per place, valid while the context holds what it held then: an article asks
    # about the same candidates once per mention, and each ask walks every anchor.
    _support: dict[tuple[str, int, int, int], float] = field(default_factory=dict, repr=False, compare=False)
    _anchor_trig: list[tuple[float, str, float, float]] = field(default_factory=list, repr=False, compare=False)
    _anchor_lat: list[float] = field(default_factory=list, repr=False, compare=False)

    def add(self, place: Place) -> None:
        """Take a resolved place as evidence for the names around it."""
        if place.kind == "country":
            return
        if place.kind == "admin1" or (place.kind == "region" and place.admin1 and not place.admin2):
            if place.admin1:
                self.admin1.add(fold(place.admin1))
        elif place.kind == "admin2" and place.admin2:
            self.admin2.add(fold(place.admin2))
            if place.admin1:
                self.admin1.add(fold(place.admin1))
        elif place.admin1 and fold(place.name) == fold(place.admin1):
            # "Idleb", "Hama": the city and the governorate share the name, and either says which
            # governorate the report is about ("Sfuhen in Idleb").
            self.admin1.add(fold(place.admin1))
        # A place named twice is one anchor: the nearest distance to it does not change.
        if place.kind not in ("admin1", "country") and all(a.place_id != place.place_id for a in self.anchors):
            self.anchors.append(place)

    @classmethod
    def from_places(cls, places: Iterable[Place]) -> Context:
        ctx = cls()
        for place in places:
            ctx.add(place)
        return ctx

    @classmethod
    def from_text(cls, text: str | None, gazetteer: Gazetteer) -> Context:
        """Read a free-text context ("northern Hama", "Maarat al-Numan district, Idlib")."""
        ctx = cls()
        if not text:
            return ctx
        for part in _CONTEXT_SPLIT.split(text):
            part = _DIRECTION.sub("", part.strip())
            part = _ADMIN_WORDS.sub("", part)
            if not part.strip():
                continue
            matches = gazetteer.lookup(part, limit=3, fuzzy=False)
            if matches:
                ctx.add(_pick_context_place(matches))
        return ctx

    def support(self, place: Place) -> float:
        """How well ``place`` fits this context, 0–1 (prior excluded)."""
        key = (place.place_id, len(self.admin1), len(self.admin2), len(self.anchors))
        found = self._support.get(key)
        if found is None:
            found = self._support[key] = self._support_of(place)
        return found

    def _support_of(self, place: Place) -> float:
        s = 0.0
        if self.admin1 and place.admin1 and fold(place.admin1) in self.admin1:
            s += 0.35
        if self.admin2 and place.admin2 and fold(place.admin2) in self.admin2:
            s += 0.2
        nearest = self._nearest_km(place)
        if nearest is not None:
            s += 0.45 * math.exp(-nearest / NEAR_KM)
        return min(s, 1.0)

    def _nearest_km(self, place: Place) -> float | None:
        """``min(haversine_km(place, a))`` over the other anchors, with one asin instead of one per anchor.

        Anchors are kept in order of latitude and read outwards from the place's: once the latitude term
        alone is clearly past the nearest so far, no anchor further out in that direction can be nearer.
        """
        if len(self._anchor_trig) != len(self.anchors):
            self._anchor_trig = sorted(
                (math.radians(a.lat), a.place_id, a.lon, math.cos(math.radians(a.lat))) for a in self.anchors
            )
            self._anchor_lat = [t[0] for t in self._anchor_trig]
        p1 = math.radians(place.lat)
        k = bisect_left(self._anchor_lat, p1)
        best = self._nearest_h(place, p1, range(k, len(self._anchor_trig)), None)
        best = self._nearest_h(place, p1, range(k - 1, -1, -1), best)
        if best is None:
            return None
        # haversine_km's last step, monotone in h: the smallest h is the nearest anchor.
        return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(min(1.0, best)))

    def _nearest_h(self, place: Place, p1: float, order: range, best: float | None) -> float | None:
        """The smallest haversine ``h`` (``best`` or less) over the anchors at ``order``, moving away in latitude."""
        cos1 = math.cos(p1)
        lon1 = place.lon
        pid = place.place_id
        sin, radians = math.sin, math.radians
        trig = self._anchor_trig
        for j in order:
            p2, a_id, lon2, cos2 = trig[j]
            if a_id == pid:
                continue
            h = sin((p2 - p1) / 2) ** 2
            # h only grows by the longitude term (never negative): an anchor whose latitude term is already
            # no nearer is skipped. Further out the latitude term only grows (sin within an ulp of monotone
            # on [0, pi/2]); past the margin, far beyond rounding, the rest of this direction is skipped too.
            if best is not None and h >= best:
                if h > best * _NEAREST_MARGIN:
                    break
                continue
            h += cos1 * cos2 * sin(radians(lon2 - lon1) / 2) ** 2
            if best is None or h < best:
                best = h
        return best

    def __bool__(self) -> bool:
        return bool(self.admin1 or self.admin2 or self.anchors)


def _pick_context_place(matches: Sequence[Match]) -> Place:
    # In a context string an admin unit or area beats a village of the same name.
    for m in matches:
        if m.place.kind in UNIT_KINDS and m.score >= matches[0].score:
            return m.place
    return matches[0].place


def rescore(matches: Sequence[Match], gazetteer: Gazetteer, context: Context | None) -> list[Match]:
    """Re-score a lookup's matches with context and prior; best first, weak ones dropped."""
    return [Match(matches[i].place, -neg, matches[i].matched, matches[i].method)
            for neg, _, i in _ranking(matches, gazetteer, context)]


def _ranking(matches: Sequence[Match], gazetteer: Gazetteer, context: Context | None) -> list[tuple[float, str, int]]:
    """``rescore``'s order without its Match objects: ``(-score, place_id, index in matches)``, best first.

    The index keeps equal keys in input order, as rescore's stable sort does; a caller that keeps
    only the best few makes only those few Match objects.
    """
    out = []
    for i, m in enumerate(matches):
        support = 0.3 * gazetteer.prior(m.place)
        if context:
            support += 0.7 * context.support(m.place)
        score = min(100.0, 0.9 * m.score + 10.0 * min(support, 1.0))
        if score >= MIN_SCORE:
            out.append((-score, m.place.place_id, i))
    out.sort()
    return out


def resolve(
    name: str,
    *,
    gazetteer: Gazetteer | None = None,
    context: str | Context | None = None,
    limit: int = 5,
    fallback: PlaceBackend | None = None,
) -> list[Match]:
    """Resolve one place name to gazetteer places, best first.

    Parameters
    ----------
    name
        The name as written: any transliteration, Arabic script, or with a typo.
    gazetteer
        Defaults to ``load_gazetteer()`` (``$STRIKEMAP_GAZETTEER`` or the shipped default).
    context
        Free text naming the area ("northern Hama") or a ``Context`` built from an article.
    limit
        At most this many matches.
    fallback
        Asked only when the gazetteer finds nothing, e.g. an ``OnlineGeocoder`` (any ``PlaceBackend``).

    Returns
    -------
    list of Match
        Empty when nothing is good enough.

    Examples
    --------
    >>> resolve("Jisr el-Shoghour")[0].place.name
    'Jisr ash-Shughur'
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    ctx = Context.from_text(context, gaz) if isinstance(context, str) else context
    candidates = gaz.lookup(name, limit=max(limit, 10) * 2)
    found = rescore(candidates, gaz, ctx)[:limit]
    if not found and fallback is not None and name.strip():
        return fallback.lookup(name, limit=limit)
    return found


# How a span was found decides which lookup tiers may place it (see toponyms.Span.how).
_FUZZY_SPANS = frozenset({"head", "shape", "arabic"})
# Guessed spans kept even when nothing resolves them: "Kafr X" is a place the gazetteer lacks,
# while an unresolved "Al-Qaeda" or "Abu Al-Azem" was never a place.
_KEEP_UNRESOLVED = frozenset({"known", "head", "settlement"})
_LOOSE_METHODS = frozenset({"skeleton", "fuzzy"})
AMBIGUITY_MARGIN = 3.0


def _candidates(span: Span, gaz: Gazetteer) -> list[Match]:
    found = gaz.lookup(span.text, limit=20, fuzzy=span.how in _FUZZY_SPANS)
    if span.how != "known":
        # A guessed span placed only loosely must at least land in Syria.
        found = [m for m in found if m.method not in _LOOSE_METHODS or m.place.country == "SY"]
        if span.how in ("cue", "list"):
            found = [m for m in found if m.place.country == "SY"]
    return found


def resolve_mentions(
    text: str,
    spans: Sequence[Span],
    gazetteer: Gazetteer | None = None,
    *,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Resolve every span of one article, letting the article's places settle homonyms.

    First pass: spans whose best place is clear (one candidate, or an admin unit, area or city
    well ahead of the rest) become the article's context. Second pass: every span is re-scored
    against that context, so "Suran" near "Morek" is the Suran of northern Hama.

    ``sentences`` are the sentence spans of ``text`` when the caller has them (``text.sentence_spans``).

    Returns mentions in text order with role ``"other"``; ``roles.assign_roles`` sets roles.
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    index = SentenceIndex(list(sentences) if sentences is not None else sentence_spans(text))
    # The same name recurs in a report ("Saraqib" in the lead and twice below): look it up, and rank
    # its candidates in each pass, once. Both passes rank with what is fixed while they run.
    looked_up: dict[tuple[str, str], list[Match]] = {}
    keys: list[tuple[str, str]] = []
    for span in spans:
        key = (span.text, span.how)
        if key not in looked_up:
            looked_up[key] = _candidates(span, gaz)
        keys.append(key)
    _apply_containers(text, spans, keys, looked_up, gaz)
    context = Context()
    first_pass: dict[tuple[str, str], Place | None] = {}
    for key in keys:
        if key not in first_pass:
            found = looked_up[key]
            order = _ranking(found, gaz, None)
            best = found[order[0][2]].place if order else None
            scores = [-neg for neg, _, _ in order[:2]]
            clear = best is not None and best.country == "SY" and (
                len(scores) == 1 or scores[0] - scores[1] >= AMBIGUITY_MARGIN
            )
            first_pass[key] = best if clear else None
            if not clear and best is not None and best.country == "SY" and best.admin1:
                # "Idleb": the city or the governorate, unclear which, but the governorate either way; "Khan
                # Sheikoun": two entries of Idlib, unclear which, but in Idlib either way.
                rivals = [found[i].place for neg, _, i in order if -neg >= scores[0] - AMBIGUITY_MARGIN]
                if all(p.country == "SY" and p.admin1 == best.admin1 for p in rivals):
                    context.admin1.add(fold(best.admin1))
        place = first_pass[key]
        if place is not None:
            context.add(place)
    second_pass: dict[tuple[str, str], list[Match]] = {}
    mentions = []
    for span, key in zip(spans, keys, strict=True):
        if key not in second_pass:
            # rescore()[:5]: a mention keeps its best match and four alternatives.
            found = looked_up[key]
            second_pass[key] = [Match(found[i].place, -neg, found[i].matched, found[i].method)
                                for neg, _, i in _ranking(found, gaz, context)[:5]]
        ranked = _town_over_unit(text, span, second_pass[key], gaz)
        if not ranked and span.how not in _KEEP_UNRESOLVED:
            continue
        mentions.append(
            Mention(
                text=span.text,
                start=span.start,
                end=span.end,
                role="other",
                match=ranked[0] if ranked else None,
                alternatives=tuple(ranked[1:5]),
                sentence=index.of(span.start),
            )
        )
    return mentions


# Words that say a name means the district or sub-district, not the town it is named after.
_UNIT_WORDS = re.compile(r"\b(?:district|sub-?district|nahiya|nahia|nahiyah|mintaqa|mantiqa|region|area)\b", re.I)


def _town_over_unit(text: str, span: Span, ranked: list[Match], gaz: Gazetteer) -> list[Match]:
    """A town's name means the town: a district or sub-district named after it comes first only when the
    text says district, sub-district or nahiya ("Maarat al-Numan district"). Where the name is spelt as
    only the unit is ("Kafr Nobol", OCHA's spelling of the sub-district), the unit's seat is meant."""
    if not ranked or ranked[0].place.kind not in ("admin2", "admin3"):
        return ranked
    if _UNIT_WORDS.search(span.text) or _UNIT_WORDS.match(text[span.end : span.end + 16].lstrip(" -")):
        return ranked
    unit = ranked[0].place
    for k, m in enumerate(ranked[1:], 1):
        p = m.place
        if p.kind in LOCALITY_KINDS and p.admin1 == unit.admin1 and m.score >= ranked[0].score - 10:
            return [m, *ranked[:k], *ranked[k + 1 :]]
    seat = gaz.seat_of(unit)
    if seat is not None:
        top = ranked[0]
        return [Match(seat, top.score, top.matched, top.method), *ranked]
    return ranked


def _container_admin1(found: Sequence[Match]) -> str | None:
    """The governorate a container mention names ("Idleb", "Hama countryside"), if it names one."""
    for m in found[:5]:
        p = m.place
        if p.country == "SY" and p.admin1 and (
            p.kind in ("admin1", "region") or fold(p.name) == fold(p.admin1)
        ):
            return p.admin1
    return None


# "the Wadi al-Jawz area on the outskirts of Nahliya", "a farm near Sarmin": the place lies by the next one.
_NEAR_GAP = re.compile(r"\A\s+(?:(?:area|farms?|district|neighbou?rhood|quarter)\s+)?(?:on\s+the\s+outskirts\s+of|"
                       r"in\s+the\s+vicinity\s+of|close\s+to)\s+(?:the\s+(?:town|village|city)\s+of\s+)?\Z", re.I)
# How far a place "on the outskirts of" another may lie from it.
_NEAR_KM = 25.0


def _keep_near(span: Span, keys: list[tuple[str, str]], i: int, looked_up: dict[tuple[str, str], list[Match]]) -> None:
    """Keep only the candidates of span ``i`` that lie near one of the next span's: none far away is taken."""
    found, anchors = looked_up[keys[i]], [m.place for m in looked_up[keys[i + 1]][:3]]
    if not found or not anchors:
        return
    near = [m for m in found if any(haversine_km(m.place.lat, m.place.lon, a.lat, a.lon) <= _NEAR_KM for a in anchors)]
    _constrain(span, keys, i, looked_up, near, f"near {keys[i + 1][0]}")


def _constrain(span: Span, keys: list[tuple[str, str]], i: int, looked_up: dict[tuple[str, str], list[Match]],
               kept: list[Match], why: str) -> None:
    """Read span ``i`` with only the candidates ``kept``, under a key of its own (``why``: the constraint), so
    that the same name elsewhere in the report keeps all of its candidates."""
    if len(kept) == len(looked_up[keys[i]]):
        return
    key = (span.text, f"{span.how} {why}")
    looked_up.setdefault(key, kept)
    keys[i] = key


# "Maarrat al-Na'san town, north-east of Idlib", "Hass, 30 km south of Idlib": the place lies that way from
# the next one.
_BEARING_GAP = re.compile(
    r"\A\s*,?\s*(?:(?:a\s+)?(?:town|village|city)\s*,?\s*)?(?:(?:some|about|around)\s+)?(?:\d+\s*(?:km|kilomet(?:re|er)s?)\s+)?"
    r"(?P<dir>(?:north|south)(?:[- ]?(?:east|west))?|east|west)\s+of\s+(?:the\s+(?:city|town|village)\s+of\s+)?\Z",
    re.I)
_COMPASS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0, "southwest": 225.0,
            "west": 270.0, "northwest": 315.0}
# How far from the stated direction a place may lie (a direction word covers its octant and the next ones).
_BEARING_SLACK = 67.5


def _keep_bearing(span: Span, keys: list[tuple[str, str]], i: int, looked_up: dict[tuple[str, str], list[Match]],
                  direction: str) -> None:
    """Keep only the candidates of span ``i`` that lie in ``direction`` from the next span's place."""
    found, ref = looked_up[keys[i]], looked_up[keys[i + 1]]
    anchor = next((m.place for m in ref[:5] if m.place.kind in LOCALITY_KINDS), None)
    if not found or anchor is None:
        return
    want = _COMPASS[re.sub(r"[- ]", "", direction.lower())]

    def fits(p: Place) -> bool:
        if haversine_km(anchor.lat, anchor.lon, p.lat, p.lon) < 1.0:
            return True
        off = abs((bearing_deg(anchor.lat, anchor.lon, p.lat, p.lon) - want + 180.0) % 360.0 - 180.0)
        return off <= _BEARING_SLACK

    _constrain(span, keys, i, looked_up, [m for m in found if fits(m.place)], f"{direction} of {keys[i + 1][0]}")


def _apply_containers(
    text: str, spans: Sequence[Span], keys: list[tuple[str, str]], looked_up: dict[tuple[str, str], list[Match]],
    gaz: Gazetteer,
) -> None:
    """A place followed by its governorate ("Kafr Oweid in Idleb") keeps only candidates in that governorate;
    one "on the outskirts of" or "north-east of" the next place, only those near it or lying that way.

    The constrained candidates are stored under a key of their own (the mention's text, how it was found, and
    the governorate), so the same name elsewhere in the report is not constrained. When no candidate lies in
    the governorate, a looser spelling of one of its places is taken (``Gazetteer.lookup_within``), else the
    mention is left unresolved rather than placed in another one.
    """
    for i in range(len(spans) - 1):
        span, nxt = spans[i], spans[i + 1]
        if span.end > nxt.start:
            continue
        gap = text[span.end : nxt.start]
        if _NEAR_GAP.match(gap):
            _keep_near(span, keys, i, looked_up)
            continue
        bearing = _BEARING_GAP.match(gap)
        if bearing is not None:
            _keep_bearing(span, keys, i, looked_up, bearing.group("dir"))
            continue
        if not CONTAINER_GAP.match(gap):
            continue
        admin1 = _container_admin1(looked_up[keys[i + 1]])
        found = looked_up[keys[i]]
        if admin1 is None or (found and _container_admin1(found) == admin1):
            continue
        key = (span.text, f"{span.how} in {admin1}")
        if key not in looked_up:
            # None of the name's places lies there: a looser spelling of one that does (gazetteer.lookup_within).
            looked_up[key] = [m for m in found if m.place.admin1 == admin1] or gaz.lookup_within(
                span.text, admin1=admin1)
        keys[i] = key
