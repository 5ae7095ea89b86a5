"""Strike events from role-tagged mentions: type, actors, casualties, targets, date, precision.

One event per place struck per report (mentions with role ``event`` that resolved to a place).
The codings (their tables and sentence readers live in ``event_rules`` and ``dates``; ``report`` cuts the
report up, ``attribution`` gives figures and targets to events):

Event type
    From the mention's clause, else its sentence, else the report's main type, by the first row of
    ``EVENT_TYPE_CUES`` that matches (most specific first: barrel bomb, drone, missile, air, shelling,
    ground clash). "Rockets" count as shelling (ground-launched, as ACLED's shelling/artillery/missile).
    Missiles in a report whose strikes are flown by aircraft (jets, warplanes, helicopters) and that
    names no ground launch are an air strike (``event_rules.missiles_from_aircraft``); helicopters alone
    striking in a report of barrel bombs drop barrels (``event_rules.helicopters_only``).
Actors
    ``ACTOR_NAMES`` (ACLED-style names) for attackers named next to a weapon, force or attack verb
    ("Russian and Syrian jets", "regime artillery", "rebels shelled"). actor1 is the first named
    attacker; with two attacking forces the second is actor2 (ACLED would put it in assoc_actor_1;
    ``notes`` then says "actor2 co-attacker"). For a ground clash actor2 is the side attacked
    ("offensive against regime-controlled areas"). Air, barrel-bomb and missile strikes keep only
    forces that fly or fire them (opposition fighters have no jets). A sentence naming no attacker
    takes the report's first named attackers of a compatible type. No attacker anywhere: ``None``.
Casualties
    Numbers through ``text_to_num.alpha2digit`` ("thirty-two" → 32; "no one" stays a pronoun); victims
    are summed ("a woman and her three children" → 4, "a family of five" → 5). Vague counts take the lower bound in
    ``VAGUE_COUNTS`` ("several"/"a few" → 3, "dozens"/"a dozen" → 12, "tens" → 10, "scores" → 20,
    "hundreds" → 100); "many"/"some" stay ``None``. The words as written go to ``fatalities_text``.
No double counting
    A figure followed by "in <place>", or in a sentence naming one event place, belongs to that
    place; a breakdown ("The dead are: • X town: three children", "killed: one each in A, B and C")
    gives each listed place its own. A figure in a sentence naming several event places that none of
    them owns is theirs: it goes to the first of them without a figure, less what was placed at them.
    A figure in a sentence naming none is a report-level total: the first one stated (the lead) counts,
    minus the figures already placed, and goes to ONE event, the broadest area (highest geo_precision of
    a region or admin unit; a locality counts as 1), then first in text, of the same kind of attack
    (else another event with no figure of its own); a lead said to be "in a village" goes to the first
    village struck. So a report's events never sum to more than it
    reported. A reported zero ("Nobody was hurt") is coded 0, not ``None``.
Targets
    ``TARGET_CUES`` words that name what was hit (right after a verb of damage, before a passive one,
    or listed with one that was): from the event's own sentences; a sentence naming no event place
    gives its targets to the event place named last in it or in the sentence before (same paragraph;
    "the town" looks further back), else to the event that takes the report-level total. Denials
    give none.
Date
    A date phrase in the event's sentence ("on Tuesday", "May 5", "yesterday") read with dateparser
    relative to the publication date (the dateline's date, else ``--date``); else the date of the last
    dated strike sentence before it ("Shells also fell on Morek" after "on Tuesday"); else the
    publication date; ``None`` when none is known. A weekday equal to the publication's weekday is
    that day. A month without a day ("in August") or a vague past ("late last month") gives ``None``.
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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from .attribution import anchor_event, place_casualties, place_targets
from .clauses import SIGHTING_CUE, is_headline
from .dates import find_date, publication_date
from .directions import AREA_PART_WORDS
from .event_rules import AIR_TYPES, helicopters_only, missiles_from_aircraft
from .kinds import COARSE_KINDS, TOO_WIDE_KINDS
from .models import Mention, Place, StrikeEvent
from .report import Draft, Report
from .role_cues import REFERENCE_BEFORE
from .text import dateline_end

__all__ = ["event_id", "events_from_mentions", "merge_duplicates", "place_fields"]

_NEAR_BEFORE = re.compile(r"\b(?:near|outside|around|outskirts\s+of|close\s+to|countryside\s+of|rural|vicinity\s+of|"
                          r"surroundings\s+of|edge\s+of)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?\Z", re.I)
_NEAR_AFTER = re.compile(r"\A\s+(?:countryside|outskirts|surroundings|area|plain|region)\b", re.I)
# "the town north of Idlib city" points back at a place already named: not a strike located by reference.
_ANAPHOR_BEFORE = re.compile(r"\bthe\s+(?:town|village|city|area)\s+\Z", re.I)
# "bombed the countryside east and north of Idlib", "pounded villages south of Idlib city": a summary of
# an area whose places the report names (when it names some struck, no strike is located by reference).
_AREA_SUMMARY_BEFORE = re.compile(
    r"\b(?:countryside|towns|villages|areas|parts|regions?)\s+(?:[\w-]+\s+(?:and|or)\s+)?\Z", re.I)


def _precision(text: str, mention: Mention) -> int:
    place = mention.place
    if place is None or place.kind in COARSE_KINDS:
        return 3
    if place.kind == "region":
        return 3 if (place.radius_km or 0) > 18 else 2
    if place.kind == "admin3":
        return 2
    near = _NEAR_BEFORE.search(text[max(0, mention.start - 60) : mention.start])
    if near or _NEAR_AFTER.match(text[mention.end : mention.end + 30]):
        return 2
    if mention.text.split()[0].lower() in AREA_PART_WORDS:
        return 2
    return 1


def _drafts(rep: Report, mentions: Sequence[Mention]) -> dict[str, Draft]:
    """One draft per place struck, plus strikes located only relative to a reference point."""
    drafts: dict[str, Draft] = {}
    seen: set[tuple[str, int]] = set()  # (place, sentence) pairs in a draft's sentences: a place named often
    for m in mentions:
        if m.role != "event" or m.place is None:
            continue
        precision = _precision(rep.text, m)
        d = drafts.setdefault(m.place.place_id, Draft(m, precision=precision))
        d.precision = min(d.precision, precision)
        si = rep.of(m)
        if (m.place.place_id, si) not in seen:
            seen.add((m.place.place_id, si))
            d.sentences.append(si)
        d.explicit = d.explicit or rep.is_strike(rep.clause(m))
    # "warplanes bombed a farm east of Idlib city": no place named for the strike; precision 2 at the reference.
    placed = {si for d in drafts.values() for si in d.sentences}
    direction = REFERENCE_BEFORE[0][0]
    for m in mentions:
        if m.role != "other" or m.place is None or m.place.country != "SY" or m.place.kind in TOO_WIDE_KINDS:
            continue
        si = rep.of(m)
        # A headline's strike is told again in the body ("Seven killed west of Idlib city").
        if not rep.strike[si] or si in placed or is_headline(rep.text, rep.spans[si]):
            continue
        before = rep.text[max(0, m.start - 60) : m.start]
        found = direction.search(before)
        if found and not _ANAPHOR_BEFORE.search(before[: found.start()]) and not (
                drafts and _AREA_SUMMARY_BEFORE.search(before[: found.start()])):
            d = drafts.setdefault(m.place.place_id, Draft(m, precision=2, notes=[f"located relative to {m.text}"]))
            d.sentences.append(si)
    return drafts


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
    rep = Report(text, list(sentences) or [(0, len(text))])
    if not any(rep.strike):
        return []
    drafts = _drafts(rep, mentions)
    if not drafts:
        return []
    base = publication_date(text, pub_date)
    order = list(drafts)
    strike_sents = [x for x, ok in zip(rep.sents, rep.strike, strict=True) if ok]
    # Aircraft seen overhead ("drones kept circling") give the report no type of strike.
    report_type = next((t for x in strike_sents if not SIGHTING_CUE.search(x)
                        and (t := rep.event_type(x, generic=False))), None)
    # Bare "strikes hit the town" takes the report's more specific type.
    types = {k: rep.event_type(rep.clause(d.mention), generic=False)
             or rep.event_type(rep.sents[d.sentences[0]], generic=False) or report_type
             or rep.event_type(rep.sents[d.sentences[0]]) or "other" for k, d in drafts.items()}
    if "missile_strike" in types.values() and missiles_from_aircraft(strike_sents):
        types = {k: "air_strike" if t == "missile_strike" else t for k, t in types.items()}
    if report_type == "barrel_bomb":
        # "The helicopters also struck the villages of X and Y" in a report of barrel bombs: barrels too.
        types = {k: "barrel_bomb" if t == "air_strike" and helicopters_only(rep.clause(drafts[k].mention)) else t
                 for k, t in types.items()}
    anchor = anchor_event(drafts, order, types, report_type or "other")
    place_casualties(rep, mentions, drafts, anchor)
    place_targets(rep, mentions, drafts, anchor)
    dates = _dates(rep, base, (d.sentences[0] for d in drafts.values()))
    return [_finish(d, types[k], rep, source, dates[d.sentences[0]]) for k, d in drafts.items()]


def _dates(rep: Report, base: dt.date | None, wanted: Iterable[int]) -> dict[int, dt.date | None]:
    """The day each wanted sentence speaks of: its own date phrase, else the last strike sentence's, else ``base``.

    Only the sentences asked for are read, and the strike sentences before one that names no date back to
    the nearest that names a day: the rest cannot change the answer.
    """
    skip = dateline_end(rep.text)
    read: dict[int, tuple[bool, dt.date | None]] = {}
    # earlier[k]: the day of the last dated strike sentence before sentence k (else ``base``), kept for
    # every sentence walked past, so that the walks back of all events together read each sentence once.
    earlier: dict[int, dt.date | None] = {}

    def reading(k: int) -> tuple[bool, dt.date | None]:
        found = read.get(k)
        if found is None:
            a, b = rep.spans[k]
            # The dateline's date is the base, not an event's.
            found = read[k] = find_date(rep.text[max(a, skip) : b], base)
        return found

    out: dict[int, dt.date | None] = {}
    for k in wanted:
        if k in out:
            continue
        said, day = reading(k)
        if not said:
            day = _day_before(k, base, rep.strike, reading, earlier)
        out[k] = day
    return out


def _day_before(k: int, base: dt.date | None, strike: Sequence[bool],
                reading: Callable[[int], tuple[bool, dt.date | None]], earlier: dict[int, dt.date | None]
                ) -> dt.date | None:
    """The day of the last strike sentence before ``k`` that names a day, else ``base`` (memo ``earlier``)."""
    walked: list[int] = []
    day = base
    j = k
    while j > 0:
        if j in earlier:
            day = earlier[j]
            break
        walked.append(j)
        j -= 1
        if strike[j]:
            said_j, day_j = reading(j)
            if said_j and day_j is not None:
                day = day_j
                break
    for w in walked:
        earlier[w] = day
    return day


def event_id(source: str, place_id: str, event_type: str, date_text: str | None) -> str:
    """An event's id: the same report, place, type and day give the same id in every run."""
    return "sm-" + hashlib.sha1(f"{source}|{place_id}|{event_type}|{date_text}".encode()).hexdigest()[:12]


def place_fields(place: Place) -> dict[str, Any]:
    """The fields an event takes from the place it happened at (coordinates, name, admin units)."""
    return {"lat": place.lat, "lon": place.lon, "location": place.name, "place_id": place.place_id,
            "admin1": place.admin1, "admin2": place.admin2, "admin3": place.admin3,
            "admin3_pcode": place.admin3_pcode}


def _finish(d: Draft, event_type: str, rep: Report, source: str, when: dt.date | None) -> StrikeEvent:
    m = d.mention
    place = m.place
    if place is None:  # drafts are only made for placed mentions
        raise ValueError(f"mention {m.text!r} has no place")
    si = d.sentences[0]
    actor1, actor2, co = rep.actors(rep.clause(m), event_type)
    if actor1 is None:
        actor1, actor2, co = rep.actors(rep.sents[si], event_type)
    if actor1 is None:
        actor1, actor2, co = rep.attackers().get(event_type in AIR_TYPES, (None, None, False))
    if co:
        d.notes.append("actor2 co-attacker")
    score = m.match.score if m.match else 0.0
    conf = 0.5 + 0.15 * d.explicit + 0.1 * (score >= 90) + 0.1 * (actor1 is not None)
    conf += min(0.1, 0.05 * (len(d.sentences) - 1)) - 0.1 * (d.precision == 3)
    conf -= 0.15 * bool(m.match and m.match.method in ("fuzzy", "skeleton"))
    date_text = when.isoformat() if when else None
    return StrikeEvent(
        event_id=event_id(source, place.place_id, event_type, date_text), event_type=event_type,
        **place_fields(place), geo_precision=d.precision, event_date=date_text, actor1=actor1, actor2=actor2,
        fatalities=d.fatalities, injured=d.injured, targets=tuple(sorted(d.targets)), source=source,
        sources=(source,), evidence=rep.sents[si].strip(), confidence=round(min(0.95, max(0.05, conf)), 2),
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
