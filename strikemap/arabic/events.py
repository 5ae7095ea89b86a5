"""Strike events read from the Arabic sentences of a report (civil-defence, monitor, local-council posts).

The English reading (:mod:`strikemap.roles`, :mod:`strikemap.events`) handles sentences in English;
this module handles those written mostly in Arabic script, with the Arabic readers of
:mod:`strikemap.arabic.cues`, :mod:`strikemap.arabic.numbers` and :mod:`strikemap.arabic.dates`, which
use the same event-type, actor and target codes.

Roles (:func:`assign_roles_ar`), for each place mention in an Arabic sentence:

- ``dateline``: a place opening the report before `` - `` or ``:`` ("إدلب - سمارت").
- ``other``: a place in a sentence with no strike word; a place right after an origin or reference cue
  ("المتمركزة في", "من مواقعها في", "قرب", "شرق"); an area or governorate that contains a finer place
  named in the same sentence ("في بلدة كفرنبل بريف إدلب الجنوبي"); a place outside Syria.
- ``event``: every other place of a strike sentence.

Events (:func:`events_from_arabic`): one per event mention; in a sentence naming several struck places,
its casualty figures go to the first of them only (never counted twice). The event type, actors and
date come from the sentence, else from the report; ``geo_precision`` is 1 for a town, village, camp or
neighbourhood, 3 for an area or admin unit. ``location`` is the English name and ``location_ar`` the
Arabic one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..events import event_id, place_fields
from ..kinds import AREA_OR_SUBDISTRICT_KINDS, POINT_KINDS
from ..language import arabic_share
from ..models import Mention, StrikeEvent
from .cues import actors_ar, event_type_ar, role_cue_ar, targets_ar
from .dates import find_date_ar
from .fold import area_of, fold_ar
from .numbers import find_casualties_ar, to_digits_ar

__all__ = ["assign_roles_ar", "events_from_arabic", "is_arabic_sentence"]

_DATELINE_AFTER = re.compile(r"\s*[-–—:]")
_CLAUSE_BREAK = re.compile(r"[،؛,;]")
_CONTAINER_BEFORE = re.compile(r"\A[^،,.]{0,12}(?:(?<!\w)في\s+|(?<!\w)[وف]?ب)\Z")
# After a casualty figure: "في" or "ب" and perhaps a settlement word, then the place ("طفل في بلدة حيش").
_IN_PLACE = re.compile(r"\s*(?:[وف]?(?:في|ب))\s*(?:(?:ال)?(?:مدينه|بلده|قريه|مخيم|مخيمات|بلدتي)\s+)?")
# "على طريق محمبل - جسر الشغور": the road's far end only says which road.
_ROAD_FAR_END = re.compile(r"(?<!\w)طريق\s+\S+(?:\s+\S+)?\s*[-–—]\s*(?:(?:بلده|قريه|مدينه)\s+)?\Z")


def is_arabic_sentence(sentence: str) -> bool:
    """True when most letters of ``sentence`` are Arabic.

    >>> is_arabic_sentence("قصف مدفعي على كفرنبل"), is_arabic_sentence("Shelling hit Kafr Nabl")
    (True, False)
    """
    share = arabic_share(sentence)
    return share is not None and share >= 0.5


def _strike_sentence(sentence: str) -> bool:
    return event_type_ar(sentence) is not None


def _road_far_end(before: str) -> bool:
    return _ROAD_FAR_END.search(fold_ar(before)) is not None


def assign_roles_ar(text: str, mentions: Sequence[Mention], *, sentences: Sequence[tuple[int, int]],
                    arabic: Sequence[int]) -> list[Mention]:
    """Roles for the mentions in the ``arabic`` sentences (indices into ``sentences``; see the module text);
    the others are kept as they are."""
    out = list(mentions)
    in_arabic = set(arabic)
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(out):
        if m.sentence in in_arabic:
            by_sentence.setdefault(m.sentence, []).append(i)
    for si, members in by_sentence.items():
        start, end = sentences[si]
        sentence = text[start:end]
        strike = _strike_sentence(sentence)
        roles: dict[int, str] = {}
        struck_before = False
        for i in members:
            m = out[i]
            place = m.place
            before = text[start:m.start]
            cue = role_cue_ar(before)
            if si == 0 and not text[:m.start].strip() and _DATELINE_AFTER.match(text, m.end):
                roles[i] = "dateline"
            elif not strike or place is None or place.country != "SY" or cue == "origin" or _road_far_end(before):
                roles[i] = "other"
            elif cue == "reference" and struck_before:
                roles[i] = "other"  # "X east of Idlib": Idlib only says where X is
            else:
                roles[i] = "event"  # "near X", "the outskirts of X" with nothing struck before: at X
                struck_before = True
        # An area holding a finer struck place of the same sentence is its container, not a strike; so is
        # an area put right after another struck place by "في"/"ب" ("جبل الأكراد في ريف اللاذقية").
        finer = [i for i in members if roles[i] == "event" and getattr(out[i].place, "kind", None) in POINT_KINDS]
        for n, i in enumerate(members):
            place = out[i].place
            is_area = place is not None and (
                place.kind in AREA_OR_SUBDISTRICT_KINDS or area_of(out[i].text) is not None)
            if roles[i] != "event" or not is_area:
                continue
            prev = members[n - 1] if n else None
            contains = prev is not None and roles[prev] == "event" and _CONTAINER_BEFORE.search(
                fold_ar(text[out[prev].end:out[i].start])) is not None
            if finer or contains:
                roles[i] = "other"
        for i, role in roles.items():
            if out[i].role != role:
                out[i] = replace(out[i], role=role)
    return out


def _report_date(text: str, sentences: Sequence[tuple[int, int]], pub: dt.date | None) -> dt.date | None:
    for start, end in sentences:
        for part in _CLAUSE_BREAK.split(text[start:end]):
            says, day = find_date_ar(part, pub)
            if says:
                return day
    return pub


def _sentence_date(sentence: str, pub: dt.date | None) -> tuple[bool, dt.date | None]:
    """The date the strike clause gives ("... after raids that hit the town the day before yesterday")."""
    parts = _CLAUSE_BREAK.split(sentence)
    for part in sorted(parts, key=lambda p: event_type_ar(p, generic=True) is None):
        says, day = find_date_ar(part, pub)
        if says:
            return says, day
    return False, None


@dataclass
class _Draft:
    mention: Mention
    sentence: int
    event_type: str
    date: str | None
    precision: int
    evidence: str
    fatalities: int | None = None
    injured: int | None = None
    targets: set[str] = field(default_factory=set)


def _named_after(digits: str, end: int, mention: Mention) -> bool:
    """Whether ``mention``'s name comes right after a casualty figure ending at ``end``: "... طفل في حيش"."""
    match = _IN_PLACE.match(digits, end)
    if not match:
        return False
    name = fold_ar(mention.text)
    rest = digits[match.end():]
    return rest.startswith(name) or (name.startswith("ال") and rest.startswith(name[2:]))


def events_from_arabic(
    text: str,
    mentions: Sequence[Mention],
    *,
    sentences: Sequence[tuple[int, int]],
    arabic: Sequence[int],
    source: str = "",
    pub_date: dt.date | None = None,
) -> list[StrikeEvent]:
    """Strike events of the ``arabic`` sentences (indices into ``sentences``) of one report, from mentions
    with Arabic roles.

    A casualty figure goes to the struck place named right after it ("استشهاد طفل في حيش"), else to the
    first place struck in its sentence, else (a sentence that only counts the victims) to the first place
    of the last strike sentence; each place keeps the first figure of each kind it is given.
    """
    if not arabic:
        return []
    whole = " ".join(text[sentences[i][0]:sentences[i][1]] for i in arabic)
    report_type = event_type_ar(whole, generic=False) or event_type_ar(whole)
    report_day = _report_date(text, sentences, pub_date)
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    drafts: dict[tuple[str, str, str | None], _Draft] = {}
    first_of_place: dict[str, _Draft] = {}  # the first draft made for each place, looked up, not scanned for
    last_strike: list[_Draft] = []
    for si in arabic:
        start, end = sentences[si]
        sentence = text[start:end].strip()
        here: list[_Draft] = []
        for m in by_sentence.get(si, []):
            place = m.place
            if m.role != "event" or place is None:
                continue
            event_type = event_type_ar(sentence, generic=False) or report_type or "other"
            says, day = _sentence_date(sentence, pub_date)
            when = day if says else report_day
            key = (place.place_id, event_type, when.isoformat() if when else None)
            draft = drafts.get(key)
            if draft is None:
                cue = role_cue_ar(text[start:m.start])
                precision = 3 if place.kind not in POINT_KINDS else 2 if cue == "reference" else 1
                draft = drafts[key] = _Draft(m, si, event_type, key[2], precision, sentence)
                first_of_place.setdefault(place.place_id, draft)
            if draft not in here:
                here.append(draft)
        for d in here:
            d.targets |= targets_ar(sentence)
        digits = to_digits_ar(sentence)
        named = [m for m in by_sentence.get(si, []) if m.place is not None]
        for kind, count, _words, figure_end in find_casualties_ar(sentence, digits=digits):
            owner = None
            for m in named:
                if _named_after(digits, figure_end, m):
                    owner = first_of_place.get(m.place.place_id) if m.place else None
                    if owner:
                        break
            if owner is None:
                owner = here[0] if here else (last_strike[0] if last_strike else None)
            if owner is None:
                continue
            if kind == "killed" and owner.fatalities is None:
                owner.fatalities = count
            elif kind == "injured" and owner.injured is None:
                owner.injured = count
        if here:
            last_strike = here
    whole_actors: dict[str, tuple[str | None, str | None, bool]] = {}
    return [_finish(d, text, whole, source, whole_actors) for d in drafts.values()]


def _finish(d: _Draft, text: str, whole: str, source: str,
            whole_actors: dict[str, tuple[str | None, str | None, bool]]) -> StrikeEvent:
    """The event of a draft; ``whole_actors`` keeps the attackers the whole report names, by event type (read
    once a type, not once an event: the report may be long)."""
    m = d.mention
    place = m.place
    if place is None:  # drafts are made for placed mentions only
        raise ValueError(f"mention {m.text!r} has no place")
    actor1, actor2, _co = actors_ar(d.evidence, d.event_type)
    if actor1 is None:
        if d.event_type not in whole_actors:
            whole_actors[d.event_type] = actors_ar(whole, d.event_type)
        actor1, actor2, _co = whole_actors[d.event_type]
    score = m.match.score if m.match else 0.0
    confidence = 0.6 + 0.1 * (score >= 90) + 0.1 * (actor1 is not None) - 0.1 * (d.precision == 3)
    return StrikeEvent(
        event_id=event_id(source, place.place_id, d.event_type, d.date), event_type=d.event_type,
        **place_fields(place), geo_precision=d.precision, event_date=d.date, actor1=actor1, actor2=actor2,
        fatalities=d.fatalities, injured=d.injured, targets=tuple(sorted(d.targets)), source=source,
        sources=(source,), evidence=d.evidence, confidence=round(min(0.95, max(0.05, confidence)), 2),
        location_ar=place.name_ar or m.text, language="ar",
    )
