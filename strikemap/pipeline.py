"""The stages wired together, no I/O: text → spans → mentions → roles → strike events.

``geocode_article`` finds, resolves and gives roles to every place mention of one report;
``extract_events`` goes on to strike events. ``run_document`` is the per-report unit of work, top-level
and picklable so that other engines (multiprocessing, Dask) can map it; ``iter_results`` runs it over many
reports. Reading paths and merging many reports' events is ``api``'s work.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .arabic.events import assign_roles_ar, events_from_arabic, is_arabic_sentence
from .arabic.mentions import find_arabic_names, unknown_arabic_names
from .dates import iso_date
from .directions import AREA_PART_ALTERNATION
from .events import events_from_mentions
from .gazetteer.lookup import Gazetteer, load_gazetteer
from .geo import haversine_km
from .kinds import AREA_KINDS, DISTRICT_OR_WIDER
from .language import detect_language
from .models import Mention, Span, StrikeEvent
from .resolver import resolve_mentions
from .roles import assign_roles
from .text import CONTAINER_GAP, sentence_spans
from .toponyms import find_spans

__all__ = [
    "ArticleResult",
    "DocumentResult",
    "events_of",
    "extract_events",
    "geocode_article",
    "iter_results",
    "run_document",
]

# "southern Idlib", "northern Hama countryside": a direction word before a name that is both a city and
# a governorate means the governorate.
_AREA_BEFORE = re.compile(
    rf"\b(?:(?:{AREA_PART_ALTERNATION})\w*(?:\s+parts\s+of)?|(?:province|governorate|region|suburbs|countryside)"
    r"\s+of)\s+\Z", re.I
)
# "Idlib province", "the Latakia mountains", "the Jisr al-Shughur and Ariha districts".
_AREA_AFTER = re.compile(
    r"\A(?:\s+and\s+[\w'’ -]{1,30}?)?\s+(?:province|governorate|countryside|suburbs|mountains|districts?)\b"
    # "in Hama's north-western countryside": the governorate's
    r"|\A['’]s\s+(?:[\w-]+\s+){0,2}?(?:countryside|suburbs|province|governorate)\b", re.I)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """One report's place mentions with roles, and its sentence spans."""

    source: str
    text: str
    mentions: tuple[Mention, ...]
    sentences: tuple[tuple[int, int], ...]
    language: str = "en"  # "en", "ar" or "mixed" (language.detect_language)
    arabic: tuple[int, ...] = ()  # the sentences written mostly in Arabic (events_ar.is_arabic_sentence)


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What ``run_document`` returns: the report's source, its article and its events."""

    source: str
    article: ArticleResult | None = None
    events: tuple[StrikeEvent, ...] = ()


# "Baksariyah near Jisr al-Shughur in the rebel stronghold of Idlib", "in the opposition-held province of
# Idlib": a descriptive "in the ... of" after a place. Whether it names the city or the governorate is read
# from the map (``_far_inside``).
_IN_THE_OF = re.compile(r"\A\s*,?\s*in\s+the\s+(?:[\w'’-]+\s+){1,3}?of\s+\Z", re.I)
# A place this far from a city that shares its name with their governorate is not in the city.
_CITY_REACH_KM = 10.0


def _prefer_areas(text: str, mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        contained = (
            prev is not None
            and prev.place is not None
            and prev.place.kind not in AREA_KINDS
            and prev.end <= mention.start
            and (CONTAINER_GAP.match(text[prev.end : mention.start]) is not None
                 or (_IN_THE_OF.match(text[prev.end : mention.start]) is not None and _far_inside(prev, mention)))
        )
        out.append(_prefer_area(text, mention, contained=contained))
    return out


def _far_inside(inner: Mention, outer: Mention) -> bool:
    """Whether ``inner``'s place lies in the governorate of ``outer``'s city but beyond the city's reach."""
    a, b = inner.place, outer.place
    if a is None or b is None or b.kind in AREA_KINDS or a.admin1 is None or a.admin1 != b.admin1:
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) > _CITY_REACH_KM


def _prefer_area(text: str, mention: Mention, *, contained: bool = False) -> Mention:
    """Switch "southern Idlib" from Idlib city to Idlib governorate when an alternative is one.

    ``contained``: the mention follows a place as its container ("Sfuhen in Idleb"), which is an area.
    """
    place = mention.place
    if place is None or place.kind in AREA_KINDS:
        return mention
    wants_area = (
        contained
        or _AREA_BEFORE.search(text[max(0, mention.start - 30) : mention.start])
        or _AREA_AFTER.match(text[mention.end : mention.end + 50])
    )
    if not wants_area:
        return mention
    for alt in mention.alternatives:
        if alt.place.kind in DISTRICT_OR_WIDER and alt.place.admin1 == place.admin1:
            others = tuple(a for a in mention.alternatives if a is not alt)
            assert mention.match is not None
            return replace(mention, match=alt, alternatives=(mention.match, *others))
    return mention


def geocode_article(text: str, *, source: str = "", gazetteer: Gazetteer | None = None) -> ArticleResult:
    """Find, resolve and give roles to every place mention of one report.

    Parameters
    ----------
    text
        The report text.
    source
        Where it came from (copied into the result).
    gazetteer
        Defaults to ``load_gazetteer()``.

    Examples
    --------
    >>> r = geocode_article("AMMAN: Jets struck Jisr al-Shughur.")
    >>> [(m.text, m.role) for m in r.mentions]
    [('AMMAN', 'dateline'), ('Jisr al-Shughur', 'event')]
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    sentences = sentence_spans(text)
    language = detect_language(text)
    spans = find_spans(text, gaz)
    arabic: tuple[int, ...] = ()
    if language != "en":
        arabic = tuple(i for i, (a, b) in enumerate(sentences) if is_arabic_sentence(text[a:b]))
        spans = _with_arabic_spans(text, spans, gaz, [sentences[i] for i in arabic])
    mentions = resolve_mentions(text, spans, gaz, sentences=sentences)
    mentions = _prefer_areas(text, mentions)
    with_roles = assign_roles(text, mentions, sentences=sentences)
    if arabic:
        with_roles = assign_roles_ar(text, with_roles, sentences=sentences, arabic=arabic)
    return ArticleResult(source, text, tuple(with_roles), tuple(sentences), language, arabic)


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, disjoint spans ``zip(starts, ends)``."""
    k = bisect.bisect_left(starts, end) - 1  # the last span starting before ``end``
    return k >= 0 and ends[k] > start


def _with_arabic_spans(text: str, spans: list[Span], gaz: Gazetteer, arabic_sentences: list[tuple[int, int]]
                       ) -> list[Span]:
    """In Arabic sentences, the names the Arabic finder reads through their clitics instead of the English
    finder's spans (which take common words such as مزرعة, "farm", for villages); elsewhere the English ones.

    ``arabic_sentences`` are the ``(start, end)`` of those sentences, in text order. Each span is placed by
    bisection, so the work is linear in the spans (times a logarithm), not their product.
    """
    sentence_starts = [a for a, _ in arabic_sentences]
    sentence_ends = [b for _, b in arabic_sentences]

    def in_arabic(pos: int) -> bool:
        return _overlaps(sentence_starts, sentence_ends, pos, pos + 1)

    arabic = [Span(text[a:b], a, b, "arabic") for a, b, _name in find_arabic_names(text, gaz.knows)
              if b > a and in_arabic(a)]
    known_starts, known_ends = [s.start for s in arabic], [s.end for s in arabic]  # left to right, disjoint
    # Names given as a village or town that no gazetteer spelling reaches: kept, unresolved, for the user.
    settlements = [Span(text[a:b], a, b, "settlement") for a, b, _name in unknown_arabic_names(text, gaz.knows)
                   if b > a and in_arabic(a) and not _overlaps(known_starts, known_ends, a, b)]
    arabic = sorted(arabic + settlements, key=lambda s: s.start)
    starts, ends = [s.start for s in arabic], [s.end for s in arabic]
    kept = [s for s in spans if not in_arabic(s.start) and not _overlaps(starts, ends, s.start, s.end)]
    return sorted(kept + arabic, key=lambda s: (s.start, -s.end))


def extract_events(
    text: str,
    *,
    source: str = "",
    pub_date: dt.date | str | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[StrikeEvent]:
    """Strike events of one report: one per place struck.

    Parameters
    ----------
    text
        The report text.
    source
        Where it came from (copied into each event).
    pub_date
        The publication date (``date`` or ``YYYY-MM-DD``), used when the dateline has none.
    gazetteer
        Defaults to ``load_gazetteer()``.
    """
    article = geocode_article(text, source=source, gazetteer=gazetteer)
    return events_of(article, pub_date=_as_date(pub_date))


def events_of(article: ArticleResult, *, pub_date: dt.date | None = None) -> list[StrikeEvent]:
    """Strike events from an article already geocoded: English sentences by :mod:`strikemap.events`,
    Arabic ones by :mod:`strikemap.arabic.events`; each event carries the report's ``language``."""
    text, sentences = article.text, article.sentences
    mentions: Iterable[Mention] = article.mentions
    arabic: list[StrikeEvent] = []
    if article.arabic:
        in_arabic = set(article.arabic)
        arabic = events_from_arabic(text, article.mentions, sentences=sentences, arabic=article.arabic,
                                    source=article.source, pub_date=pub_date)
        mentions = [m for m in article.mentions if m.sentence not in in_arabic]
    english = events_from_mentions(text, list(mentions), sentences=sentences, source=article.source,
                                   pub_date=pub_date)
    known = {(e.place_id, e.event_type, e.event_date) for e in english}
    events = english + [e for e in arabic if (e.place_id, e.event_type, e.event_date) not in known]
    names_ar = {m.place.place_id: m.place.name_ar for m in article.mentions if m.place is not None}
    return [replace(e, language=article.language, location_ar=e.location_ar or names_ar.get(e.place_id or ""))
            for e in events]


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    day = iso_date(value)
    if day is None:
        from .errors import InputError

        raise InputError(f"publication date {value!r} is not YYYY-MM-DD (e.g. 2019-05-07)")
    return day


def run_document(
    document: tuple[str, str],
    *,
    events: bool = True,
    pub_date: dt.date | str | None = None,
    gazetteer_path: str | None = None,
    aliases_path: str | None = None,
) -> DocumentResult:
    """Geocode one ``(source, text)`` report and (with ``events``) extract its events.

    The unit of work ``parallel.map_documents`` maps: top-level and picklable, and the gazetteer is named
    by path (None: the default), with the user's aliases file if any, so each worker process loads it once.
    """
    source, text = document
    gaz = load_gazetteer(gazetteer_path or None, aliases=aliases_path or None)
    article = geocode_article(text, source=source, gazetteer=gaz)
    found = tuple(events_of(article, pub_date=_as_date(pub_date))) if events else ()
    return DocumentResult(source, article, found)


# Maps a per-document function over documents, keeping order: ``parallel.map_documents`` partially applied
# (local processes or Dask), chosen by the caller so that this stage imports no engine.
Mapper = Callable[[Callable[[tuple[str, str]], DocumentResult], list[tuple[str, str]]], list[DocumentResult]]


def iter_results(
    documents: Iterable[tuple[str, str]],
    *,
    events: bool = True,
    pub_date: dt.date | str | None = None,
    gazetteer_path: str | Path | None = None,
    mapper: Mapper | None = None,
    aliases_path: str | Path | None = None,
) -> Iterator[DocumentResult]:
    """``run_document`` over ``(source, text)`` pairs, in input order.

    Parameters
    ----------
    mapper
        Runs the work elsewhere, e.g. ``functools.partial(parallel.map_documents, jobs=4)``; None runs it
        here, one document at a time (results stream as they come).
    """
    func = functools.partial(
        run_document, events=events, pub_date=pub_date, gazetteer_path=str(gazetteer_path) if gazetteer_path else None,
        aliases_path=str(aliases_path) if aliases_path else None,
    )
    if mapper is None:
        yield from map(func, documents)
    else:
        yield from mapper(func, list(documents))

