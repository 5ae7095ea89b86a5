"""Long reports: the indexed steps of the role and event readers agree with the linear scans they replace.

Each old scan is kept here as the slow oracle. A long report made of the sample reports (English and
Arabic, in several orders) is read twice, once with the oracles swapped in: the mentions and events must be
equal. Speed is measured by ``bench/long_reports.py``, never here.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pytest

from strikemap import clauses, events, roles, toponyms
from strikemap.arabic.cues import actors_ar, event_type_ar, role_cue_ar, targets_ar
from strikemap.arabic.events import _Draft, _named_after, _report_date, _sentence_date, events_from_arabic
from strikemap.arabic.numbers import find_casualties_ar, to_digits_ar
from strikemap.attribution import _THE_TOWN, _segment_targets
from strikemap.dates import find_date
from strikemap.event_rules import AIR_TYPES, targets_of
from strikemap.events import event_id, place_fields
from strikemap.gazetteer.lookup import Gazetteer
from strikemap.geo import haversine_km
from strikemap.kinds import AREA_KINDS, POINT_KINDS, TOO_WIDE_KINDS
from strikemap.models import Match, Mention, Place, StrikeEvent
from strikemap.pipeline import extract_events, geocode_article
from strikemap.report import Draft, Report
from strikemap.role_cues import REFERENCE_BEFORE
from strikemap.text import CONTAINER_GAP, dateline_end, tokenize, word_columns

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def long_report() -> str:
    """The sample reports in three orders, joined by blank lines, as one report; the English ones under a
    headline made of their file names ("Jets pound Kafranbel Hospital")."""
    texts = [(f"Jets pound {' '.join(w.capitalize() for w in p.stem.split('-')[1:])}\n"
              if folder == "articles" else "") + p.read_text(encoding="utf-8")
             for folder in ("articles", "articles-ar") for p in sorted((DATA / folder).glob("*.txt"))]
    assert len(texts) > 10
    parts: list[str] = []
    for seed in range(3):
        order = texts[:]
        random.Random(seed).shuffle(order)
        parts += order
    return "\n\n".join(parts)


# --- the oracles: the scans as they were -------------------------------------------------------------


def old_is_headline(text: str, sent: tuple[int, int]) -> bool:
    s0, s1 = sent
    line = text[s0:s1].rstrip()
    if not line or line.endswith(clauses._SENTENCE_FINAL) or "\n" in line:
        return False
    rest = text[s1:]
    return rest[:1] in ("\n", "\r") and bool(rest.strip()) and len(line.split()) <= clauses.HEADLINE_MAX_WORDS


def old_starts_in(self: roles._Reading, sent: tuple[int, int]) -> list[int]:
    return [x - sent[0] for x in self.starts if sent[0] <= x < sent[1]]


def old_headline_to_body(mentions: Sequence[Mention], decided: list[tuple[str, bool]]) -> None:
    for i, (role, _) in enumerate(decided):
        if role != "headline":
            continue
        decided[i] = ("other", True)
        place = mentions[i].place
        if place is None:
            continue
        pid = place.place_id
        for j in range(i + 1, len(mentions)):
            other = mentions[j].place
            if other is not None and other.place_id == pid and decided[j][0] != "headline":
                if decided[j] == ("other", False):
                    decided[j] = ("event", False)
                break


def old_demote_redundant(reading: roles._Reading, mentions: Sequence[Mention], roles_: list[str],
                         spans: Sequence[tuple[int, int]]) -> None:
    text = reading.text
    starts = [a for a, _ in spans]

    def sentence_of(m: Mention) -> tuple[int, int]:
        k = roles.bisect_right(starts, m.start) - 1
        return spans[k] if k >= 0 and m.start < spans[k][1] else (0, len(text))

    found = [i for i, r in enumerate(roles_) if r == "event"]
    event_sentence = {j: sentence_of(mentions[j]) for j in found}
    old_demote_covered_areas(text, mentions, roles_, found, event_sentence)
    found = [i for i in found if roles_[i] == "event"]
    for i in found:
        m = mentions[i]
        sent = event_sentence[i]
        peers = [j for j in found if j != i and event_sentence[j] == sent]
        localities = [j for j in peers if roles._inside_kind(mentions[j].place, m.place)]
        if m.place is not None and m.place.kind in AREA_KINDS and localities:
            before = [j for j in localities if mentions[j].end <= m.start]
            if (before and CONTAINER_GAP.match(text[mentions[before[-1]].end : m.start])) or \
                    roles._CONTAINER_AFTER.match(text[m.end : m.end + 12]):
                roles_[i] = "other"
                continue
        sentence = reading.sentence(sent)[0]
        c0, _ = reading.clause_bounds(sent, m.start - sent[0])
        if peers and roles._BACKGROUND_OPENER.search(sentence[:c0]):
            main = [j for j in peers if not roles._BACKGROUND_OPENER.search(
                sentence[: reading.clause_bounds(sent, mentions[j].start - sent[0])[0]])]
            if main:
                roles_[i] = "other"


def old_demote_covered_areas(text: str, mentions: Sequence[Mention], roles_: list[str], found: list[int],
                             event_sentence: dict[int, tuple[int, int]]) -> None:
    places = {i: mentions[i].place for i in found}
    localities = [j for j in found if (p := places[j]) is not None and p.kind not in AREA_KINDS]
    if not localities:
        return
    for i in found:
        area = places[i]
        if area is None or area.kind not in AREA_KINDS or not area.admin1:
            continue
        inside = [j for j in localities if getattr(places[j], "admin1", None) == area.admin1]
        same = [j for j in inside if event_sentence[j] == event_sentence[i]]
        if area.kind == "admin1":
            covered = bool(inside)
        elif area.kind != "admin2" and "countryside" in area.name.lower():
            reach = (area.radius_km or 25.0) + 5.0
            covered = any(haversine_km(area.lat, area.lon, p.lat, p.lon) <= reach
                          for j in inside if (p := places[j]) is not None) and not (
                not same and roles._unnamed_places_in(text, mentions[i].start))
        elif area.kind == "admin2":
            covered = bool(same)
        else:
            reach = max(area.radius_km or 0.0, 10.0) + 5.0
            covered = any(
                haversine_km(area.lat, area.lon, p.lat, p.lon) <= reach for j in same if (p := places[j]) is not None
            ) and not roles._unnamed_places_in(text, mentions[i].start)
        if covered:
            roles_[i] = "other"


def old_drafts(rep: Report, mentions: Sequence[Mention]) -> dict[str, Draft]:
    drafts: dict[str, Draft] = {}
    for m in mentions:
        if m.role != "event" or m.place is None:
            continue
        precision = events._precision(rep.text, m)
        d = drafts.setdefault(m.place.place_id, Draft(m, precision=precision))
        d.precision = min(d.precision, precision)
        si = rep.of(m)
        if si not in d.sentences:
            d.sentences.append(si)
        d.explicit = d.explicit or rep.is_strike(rep.clause(m))
    placed = {si for d in drafts.values() for si in d.sentences}
    direction = REFERENCE_BEFORE[0][0]
    for m in mentions:
        if m.role != "other" or m.place is None or m.place.country != "SY" or m.place.kind in TOO_WIDE_KINDS:
            continue
        si = rep.of(m)
        if not rep.strike[si] or si in placed or events.is_headline(rep.text, rep.spans[si]):
            continue
        before = rep.text[max(0, m.start - 60) : m.start]
        hit = direction.search(before)
        if hit and not events._ANAPHOR_BEFORE.search(before[: hit.start()]) and not (
                drafts and events._AREA_SUMMARY_BEFORE.search(before[: hit.start()])):
            d = drafts.setdefault(m.place.place_id, Draft(m, precision=2, notes=[f"located relative to {m.text}"]))
            d.sentences.append(si)
    return drafts


def old_dates(rep: Report, base: dt.date | None, wanted: Iterable[int]) -> dict[int, dt.date | None]:
    skip = dateline_end(rep.text)
    out: dict[int, dt.date | None] = {}

    def reading(k: int) -> tuple[bool, dt.date | None]:
        a, b = rep.spans[k]
        return find_date(rep.text[max(a, skip) : b], base)

    for k in wanted:
        said, day = reading(k)
        if not said:
            day = base
            for j in range(k - 1, -1, -1):
                if rep.strike[j]:
                    said_j, day_j = reading(j)
                    if said_j and day_j is not None:
                        day = day_j
                        break
        out[k] = day
    return out


def old_anchor_event(drafts: dict[str, Draft], order: list[str], types: dict[str, str], total_type: str) -> Draft:
    same = [k for k in order if (types[k] in AIR_TYPES) == (total_type in AIR_TYPES)] or order

    def breadth(k: str) -> int:
        place = drafts[k].mention.place
        return drafts[k].precision if place is not None and place.kind in AREA_KINDS else 1

    return drafts[max(same, key=lambda k: (breadth(k), -order.index(k)))]


def old_place_targets(rep: Report, mentions: Sequence[Mention], drafts: dict[str, Draft], anchor: Draft) -> None:
    sentence_of = [rep.of(m) for m in mentions]
    events_in: dict[int, list[Mention]] = {}
    for m, ms in zip(mentions, sentence_of, strict=True):
        if m.role == "event" and m.place and m.place.place_id in drafts:
            events_in.setdefault(ms, []).append(m)
    for si, sentence in enumerate(rep.sents):
        here = events_in.get(si)
        if here:
            offsets = [(m.start - rep.spans[si][0], m.end - rep.spans[si][0]) for m in here]
            given = [(m, _segment_targets(sentence, offsets, k)) for k, m in enumerate(here)]
            if any(found for _, found in given) and not rep.non_event(si):
                for m, found in given:
                    if m.place is not None:
                        drafts[m.place.place_id].targets |= found
            continue
        found = targets_of(sentence)
        if not found or rep.non_event(si):
            continue
        earlier = [m for m, ms in zip(mentions, sentence_of, strict=True)
                   if m.place is not None and m.place.place_id in drafts and ms <= si
                   and (m.role == "event" or drafts[m.place.place_id].mention.role == "event")]
        if not _THE_TOWN.search(sentence):
            earlier = [m for m in earlier if rep.paragraph[rep.of(m)] == rep.paragraph[si] and rep.of(m) >= si - 1]
        owner = drafts[earlier[-1].place.place_id] if earlier and earlier[-1].place else anchor
        owner.targets |= found


def _use_oracles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roles, "is_headline", old_is_headline)
    monkeypatch.setattr(roles._Reading, "_starts_in", old_starts_in)
    monkeypatch.setattr(roles, "_headline_to_body", old_headline_to_body)
    monkeypatch.setattr(roles, "_demote_redundant", old_demote_redundant)
    monkeypatch.setattr(events, "_drafts", old_drafts)
    monkeypatch.setattr(events, "_dates", old_dates)
    monkeypatch.setattr(events, "anchor_event", old_anchor_event)
    monkeypatch.setattr(events, "place_targets", old_place_targets)


# --- the checks ---------------------------------------------------------------------------------------


def test_long_report_reads_as_with_the_linear_scans(long_report: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_article = geocode_article(long_report, source="long.txt")
    fast_events = extract_events(long_report, source="long.txt", pub_date="2019-05-07")
    with monkeypatch.context() as patched:
        _use_oracles(patched)
        slow_article = geocode_article(long_report, source="long.txt")
        slow_events = extract_events(long_report, source="long.txt", pub_date="2019-05-07")
    assert fast_article == slow_article
    assert fast_events == slow_events
    # The report exercises what was indexed: headlines, several event mentions a sentence, targets, dates.
    roles_seen = {m.role for m in fast_article.mentions}
    assert {"event", "other", "actor"} <= roles_seen
    assert any(e.targets for e in fast_events) and any(e.event_date for e in fast_events)
    assert any(clauses.is_headline(long_report, s) for s in fast_article.sentences)


@pytest.mark.parametrize("seed", range(40))
def test_headline_reads_as_before(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["Jets pound Ariha", "\n", "\r\n", " ", "\n\n", "Ariha.", "\u2028", "\x1c", "\t", "x", "…", ":"]
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
    for s0 in range(len(text) + 1):
        for s1 in range(s0, len(text) + 1):
            assert clauses.is_headline(text, (s0, s1)) == old_is_headline(text, (s0, s1)), (text, s0, s1)


@pytest.mark.parametrize("seed", range(30))
def test_headline_to_body_agrees_with_the_scan(seed: int) -> None:
    rng = random.Random(seed)
    matches = [Match(Place(f"test:p{k}", f"P{k}", 35.9, 36.6, "town"), 100.0, f"P{k}", "exact") for k in range(4)]
    mentions = [Mention("P", k, k + 1, match=rng.choice([None, *matches])) for k in range(rng.randint(0, 30))]
    states = [("headline", True), ("other", False), ("other", True), ("event", False), ("event", True)]
    decided = [rng.choice(states) for _ in mentions]
    fast, slow = decided[:], decided[:]
    roles._headline_to_body(mentions, fast)
    old_headline_to_body(mentions, slow)
    assert fast == slow



def old_longest_first(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    used: set[int] = set()
    for first, last in sorted(set(ranges), key=lambda r: (-(r[1] - r[0]), r[0])):
        span = range(first, last + 1)
        if used.isdisjoint(span):
            taken.append((first, last))
            used.update(span)
    return sorted(taken)


@pytest.mark.parametrize("seed", range(30))
def test_longest_first_agrees_with_the_set_scan(seed: int) -> None:
    rng = random.Random(seed)
    ranges = []
    for _ in range(rng.randint(0, 60)):
        first = rng.randint(0, 80)
        ranges.append((first, first + rng.randint(0, 4)))
    assert toponyms._longest_first(ranges) == old_longest_first(ranges)


@pytest.mark.parametrize("chunk", [1, 7, 64, 1000])
def test_matcher_read_in_pieces_finds_every_match_once(long_report: str, chunk: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    gaz = Gazetteer.default()
    matcher = toponyms._matcher(gaz)
    _, keys = toponyms._stream_tokens(toponyms._Words(long_report[:20_000]))
    haystack = " " + " ".join(keys) + " "
    whole = list(matcher.automaton.iter(haystack))
    assert len(whole) > 50
    monkeypatch.setattr(toponyms, "_CHUNK", chunk)
    assert sorted(toponyms._matches(matcher, haystack)) == sorted(whole)


def old_word_columns(text: str) -> tuple[list[str], list[int], list[int], list[bool]]:
    from bisect import bisect_left

    from strikemap.text import _HYPHEN, _POSSESSIVE_END, _TOKEN

    words: list[str] = []
    starts: list[int] = []
    for m in _TOKEN.finditer(text):
        words.append(m.group())
        starts.append(m.start())
    ends = [s + len(w) for w, s in zip(words, starts, strict=True)]
    for after in _POSSESSIVE_END.finditer(text):
        i = bisect_left(ends, after.end())
        if i < len(ends) and ends[i] == after.end() and len(words[i]) > 3:
            words[i] = words[i][:-2]
            ends[i] -= 2
    n = len(text)
    hyphens = [False] * len(words)
    for m in _HYPHEN.finditer(text):
        if m.end() < n and text[m.end()].isalpha():
            i = bisect_left(ends, m.start())
            if i < len(ends) and ends[i] == m.start():
                hyphens[i] = True
    return words, starts, ends, hyphens


def test_word_columns_are_the_lists_they_were(long_report: str) -> None:
    text = long_report[:50_000] + " Jets hit al-Bara's market, Idlib’s Ma‐arrat, ٱلبارة‑ x_y U.S. İdlib ſ"
    words, starts, ends, hyphens = word_columns(text)
    old = old_word_columns(text)
    assert (words, list(starts), list(ends), [bool(h) for h in hyphens]) == old
    assert set(hyphens) == {0, 1}
    assert [(t.text, t.start, t.end, t.hyphen_after) for t in tokenize(text)] == list(zip(*old, strict=True))
    assert all(type(t.hyphen_after) is bool for t in tokenize(text))


# --- Arabic: the owner of a figure and the report's attackers, as they were read ---------------------------


def old_events_from_arabic(
    text: str,
    mentions: Sequence[Mention],
    *,
    sentences: Sequence[tuple[int, int]],
    arabic: Sequence[int],
    source: str = "",
    pub_date: dt.date | None = None,
) -> list[StrikeEvent]:
    if not arabic:
        return []
    whole = " ".join(text[sentences[i][0]:sentences[i][1]] for i in arabic)
    report_type = event_type_ar(whole, generic=False) or event_type_ar(whole)
    report_day = _report_date(text, sentences, pub_date)
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    drafts: dict[tuple[str, str, str | None], _Draft] = {}
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
                    owner = next((d for d in drafts.values() if d.mention.place and m.place
                                  and d.mention.place.place_id == m.place.place_id), None)
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
    return [old_finish_ar(d, text, whole, source) for d in drafts.values()]


def old_finish_ar(d: _Draft, text: str, whole: str, source: str) -> StrikeEvent:
    m = d.mention
    place = m.place
    if place is None:  # drafts are made for placed mentions only
        raise ValueError(f"mention {m.text!r} has no place")
    actor1, actor2, _co = actors_ar(d.evidence, d.event_type)
    if actor1 is None:
        actor1, actor2, _co = actors_ar(whole, d.event_type)
    score = m.match.score if m.match else 0.0
    confidence = 0.6 + 0.1 * (score >= 90) + 0.1 * (actor1 is not None) - 0.1 * (d.precision == 3)
    return StrikeEvent(
        event_id=event_id(source, place.place_id, d.event_type, d.date), event_type=d.event_type,
        **place_fields(place), geo_precision=d.precision, event_date=d.date, actor1=actor1, actor2=actor2,
        fatalities=d.fatalities, injured=d.injured, targets=tuple(sorted(d.targets)), source=source,
        sources=(source,), evidence=d.evidence, confidence=round(min(0.95, max(0.05, confidence)), 2),
        location_ar=place.name_ar or m.text, language="ar",
    )


def test_long_arabic_report_reads_as_with_the_scans() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "articles-ar").glob("*.txt"))]
    # One place struck twice, by air and by shells (two drafts), then a figure named for it: the first draft's.
    twice = ("شن الطيران الحربي الروسي غارات على كفرنبل. وقصفت قوات النظام بالمدفعية مدينة كفرنبل. "
             "واستشهد طفل في كفرنبل جراء القصف.")
    order = [*texts, twice] * 6
    random.Random(5).shuffle(order)
    article = geocode_article("\n\n".join(order), source="long-ar.txt")
    assert article.arabic
    def read(reader: Callable[..., list[StrikeEvent]]) -> list[StrikeEvent]:
        return reader(article.text, article.mentions, sentences=article.sentences, arabic=article.arabic,
                      source="long-ar.txt", pub_date=dt.date(2019, 5, 7))

    fast = read(events_from_arabic)
    assert fast and any(e.fatalities for e in fast)
    assert fast == read(old_events_from_arabic)
