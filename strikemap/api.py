"""What each command does, as one library call: the CLI parses its options, calls one of these, prints.

=================================  ==========================================================
``strikemap resolve``              :func:`resolve_names`
``strikemap geocode``              :func:`read_reports` then :func:`geocode_reports` (or :func:`geocode_paths`)
``strikemap events``               :func:`read_reports` then :func:`events_of_reports` (or :func:`events_of_paths`)
``strikemap map`` (its inputs)     :func:`read_map_inputs`
=================================  ==========================================================

Nothing here prints or exits. An input that cannot be read is an :class:`~strikemap.inputs.InputProblem`
whose ``kind`` (a :class:`~strikemap.inputs.ProblemKind`) a program can branch on; the reports that could
be read are still processed. Functions that read inputs also take ``on_notice``, called with each problem
or warning as it happens (the CLI prints them there, in order).

Example, the equivalent of ``strikemap events data/articles/ -o events.geojson``::

    >>> from strikemap.api import events_of_paths
    >>> from strikemap.export import write_events
    >>> run = events_of_paths(["data/articles/02-kafranbel-hospital.txt"], pub_date="2019-05-07")
    >>> [e.location for e in run.events], run.problems
    (['Kafr Nabl'], [])
    >>> data = write_events(run.events, None, "geojson")  # bytes; a path instead of None writes a file
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import InputError, NotFoundError
from .events import merge_duplicates
from .focus import DEFAULT_FOCUS, FocusRegion, flag_outside, focus_region
from .gazetteer.backend import PlaceBackend
from .gazetteer.lookup import Gazetteer, load_gazetteer
from .inputs import InputProblem, ProblemKind, iter_documents, url_problem
from .models import Match, Mention, StrikeEvent
from .pipeline import DocumentResult, Mapper, iter_results
from .resolver import Context, resolve

if TYPE_CHECKING:
    from .online.nominatim import OnlineGeocoder

__all__ = [
    "AUTO_FROM",
    "ENGINES",
    "EVENT_FILE_SUFFIXES",
    "EventsRun",
    "GeocodeRun",
    "MapInputs",
    "Notice",
    "Reports",
    "events_of_paths",
    "events_of_reports",
    "geocode_paths",
    "geocode_reports",
    "read_map_inputs",
    "read_reports",
    "resolve_names",
    "worker_count",
]

ENGINES = ("local", "dask")
# With --jobs auto, reports are spread over the cores from this many on.
AUTO_FROM = 20
EVENT_FILE_SUFFIXES = (".geojson", ".json", ".gpkg", ".csv")
# Called with (reports done, reports in all) after each report.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a run met on the way: an input it could not read (``error``) or a ``warning``."""

    level: Literal["error", "warning"]
    text: str
    kind: ProblemKind | None = None


NoticeHandler = Callable[[Notice], None]


def _problem_notice(problem: InputProblem) -> Notice:
    return Notice("error", f"{problem.source}: {problem.message}", problem.kind)


@dataclass(frozen=True, slots=True)
class Reports:
    """The reports read from some paths, as ``(source, text)``, and the inputs that gave none."""

    documents: list[tuple[str, str]]
    problems: list[InputProblem]


def read_reports(paths: Sequence[str], *, on_notice: NoticeHandler | None = None) -> Reports:
    """Read report files, folders (recursively) and ``-`` (standard input); never raises for a bad input.

    Web addresses are problems of kind ``URL`` (strikemap does not download reports), reported first.
    """
    problems: list[InputProblem] = []
    local = []
    for raw in paths:
        message = url_problem(raw)
        if message:
            problems.append(InputProblem(raw, message, ProblemKind.URL))
            if on_notice:
                on_notice(Notice("error", message, ProblemKind.URL))
        else:
            local.append(raw)
    documents: list[tuple[str, str]] = []
    for item in iter_documents(local) if local else ():
        if isinstance(item, InputProblem):
            problems.append(item)
            if on_notice:
                on_notice(_problem_notice(item))
        else:
            documents.append((item.source, item.text))
    return Reports(documents, problems)


def worker_count(jobs: int | str, reports: int) -> int:
    """How many worker processes ``jobs`` means for this many reports.

    ``"auto"``: this machine's cores (its CPU affinity), but one process below ``AUTO_FROM`` reports, where
    starting workers and loading the gazetteer in each costs more than it saves. A number: that many.
    """
    if jobs == "auto":
        from .parallel import available_cores

        return available_cores() if reports >= AUTO_FROM else 1
    if isinstance(jobs, bool) or (not isinstance(jobs, int) and not (isinstance(jobs, str) and jobs.isdigit())):
        raise InputError(f"--jobs {jobs!r}: give a number of processes (1 to 256) or 'auto'")
    count = int(jobs)
    if not 1 <= count <= 256:
        raise InputError(f"--jobs {jobs!r}: give a number of processes (1 to 256) or 'auto'")
    return count


def _run(documents: list[tuple[str, str]], *, events: bool, pub_date: dt.date | str | None,
         gazetteer: str | Path | None, aliases: str | Path | None, jobs: int | str, engine: str,
         scheduler: str | None, progress: Progress | None) -> Iterator[DocumentResult]:
    """Each report's result, in input order, here or in worker processes (``jobs``) or on Dask."""
    if scheduler:
        engine = "dask"
    if engine not in ENGINES:
        raise InputError(f"--engine {engine!r}: use 'local' or 'dask'")
    jobs = worker_count(jobs, len(documents))
    load_gazetteer(gazetteer, aliases=aliases)  # a bad gazetteer or aliases file fails here, once
    # Workers (other processes, Dask workers elsewhere) open the files themselves: absolute paths.
    path = Path(gazetteer).resolve() if gazetteer is not None else None
    aliases_path = Path(aliases).resolve() if aliases is not None else None
    mapper: Mapper | None = None
    if engine == "dask" or (jobs > 1 and len(documents) > 1):
        from .parallel import map_documents

        mapper = functools.partial(map_documents, jobs=jobs, engine=engine, scheduler=scheduler)
    found = iter_results(documents, events=events, pub_date=pub_date, gazetteer_path=path, mapper=mapper,
                         aliases_path=aliases_path)
    for done, result in enumerate(found, 1):
        if progress:
            progress(done, len(documents))
        yield result


@dataclass(frozen=True, slots=True)
class GeocodeRun:
    """Every place mention of some reports, as ``(source, mention)`` in report and text order."""

    mentions: list[tuple[str, Mention]]
    reports: int
    problems: list[InputProblem] = field(default_factory=list)
    online_used: bool = False  # some mention was placed by the online fallback (credit OpenStreetMap)


def geocode_reports(
    documents: list[tuple[str, str]],
    *,
    gazetteer: str | Path | None = None,
    aliases: str | Path | None = None,
    jobs: int | str = 1,
    engine: str = "local",
    scheduler: str | None = None,
    online: bool = False,
    fallback: PlaceBackend | None = None,
    progress: Progress | None = None,
) -> GeocodeRun:
    """Find, resolve and give roles to the place mentions of ``(source, text)`` reports.

    Parameters
    ----------
    gazetteer
        A built gazetteer file; None: ``$STRIKEMAP_GAZETTEER``, else the shipped default.
    aliases
        An aliases file (``gazetteer.aliases``): spellings the user confirmed, added to the gazetteer.
    jobs, engine, scheduler
        Worker processes on this machine (a number, or ``"auto"``: see :func:`worker_count`), or
        ``engine="dask"`` (a ``scheduler`` address, else a local cluster of ``jobs`` workers).
    online, fallback
        Mentions no gazetteer place resolves are looked up in ``fallback`` (any ``PlaceBackend``); with
        ``online`` and no fallback, in OpenStreetMap's Nominatim (the only network use), once per distinct name.
    """
    pairs: list[tuple[str, Mention]] = []
    for result in _run(documents, events=False, pub_date=None, gazetteer=gazetteer, aliases=aliases, jobs=jobs,
                       engine=engine, scheduler=scheduler, progress=progress):
        if result.article is not None:
            pairs.extend((result.source, m) for m in result.article.mentions)
    used = False
    if online or fallback is not None:
        pairs, used = _resolve_unresolved(pairs, fallback)
    return GeocodeRun(pairs, len(documents), online_used=used)


def _resolve_unresolved(pairs: list[tuple[str, Mention]],
                        fallback: PlaceBackend | None) -> tuple[list[tuple[str, Mention]], bool]:
    """Send the texts of unresolved mentions (only those) to the fallback, once each."""
    names = sorted({m.text for _, m in pairs if m.match is None})
    if not names:
        return pairs, False
    backend = fallback if fallback is not None else _LazyOnline()
    found: dict[str, list[Match]] = {}
    try:
        for name in names:  # stops at the first NetworkError; what was asked before it stays cached
            found[name] = backend.lookup(name, limit=1)
    finally:
        if isinstance(backend, _LazyOnline):
            backend.close()
    out = [
        (source, dataclasses.replace(m, match=found[m.text][0]) if m.match is None and found.get(m.text) else m)
        for source, m in pairs
    ]
    return out, any(found.values())


class _LazyOnline:
    """Nominatim as a ``PlaceBackend``, opened on the first name that needs it (none: no network at all)."""

    def __init__(self) -> None:
        self._geocoder: OnlineGeocoder | None = None

    def lookup(self, name: str, *, limit: int = 5) -> list[Match]:
        if self._geocoder is None:
            from .online.nominatim import OnlineGeocoder

            self._geocoder = OnlineGeocoder()
        return self._geocoder.lookup(name, limit=limit)

    def close(self) -> None:
        if self._geocoder is not None:
            self._geocoder.close()


def geocode_paths(paths: Sequence[str], *, on_notice: NoticeHandler | None = None, **options: object) -> GeocodeRun:
    """:func:`read_reports` then :func:`geocode_reports` (same options); the problems are kept on the run."""
    reports = read_reports(paths, on_notice=on_notice)
    run = geocode_reports(reports.documents, **options)  # type: ignore[arg-type]
    return dataclasses.replace(run, problems=reports.problems)


@dataclass(frozen=True, slots=True)
class EventsRun:
    """The strike events of some reports, and per report the names no place was found for."""

    events: list[StrikeEvent]
    reports: int
    unresolved: list[tuple[str, list[str]]] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


def events_of_reports(
    documents: list[tuple[str, str]],
    *,
    pub_date: dt.date | str | None = None,
    gazetteer: str | Path | None = None,
    aliases: str | Path | None = None,
    jobs: int | str = 1,
    engine: str = "local",
    scheduler: str | None = None,
    merge: bool = True,
    focus: str | FocusRegion | None = DEFAULT_FOCUS,
    progress: Progress | None = None,
) -> EventsRun:
    """Strike events of ``(source, text)`` reports, in input order; reports of one strike merged (``merge``).

    ``pub_date`` is the publication date for reports whose dateline has none. Events outside ``focus``
    (:mod:`strikemap.focus`; default north-west Syria, None for no flag) are kept with a note saying so.
    Other options as for :func:`geocode_reports`.
    """
    focus_region(focus)  # an unknown region fails before any report is read
    found: list[StrikeEvent] = []
    unresolved: list[tuple[str, list[str]]] = []
    for result in _run(documents, events=True, pub_date=pub_date, gazetteer=gazetteer, aliases=aliases, jobs=jobs,
                       engine=engine, scheduler=scheduler, progress=progress):
        found.extend(result.events)
        names = sorted({m.text for m in (result.article.mentions if result.article else ()) if m.match is None})
        if names:
            unresolved.append((result.source, names))
    events = flag_outside(merge_duplicates(found) if merge else found, focus)
    return EventsRun(events, len(documents), unresolved)


def events_of_paths(paths: Sequence[str], *, on_notice: NoticeHandler | None = None, **options: object) -> EventsRun:
    """:func:`read_reports` then :func:`events_of_reports` (same options); the problems are kept on the run."""
    reports = read_reports(paths, on_notice=on_notice)
    run = events_of_reports(reports.documents, **options)  # type: ignore[arg-type]
    return dataclasses.replace(run, problems=reports.problems)


def resolve_names(
    names: Iterable[str],
    *,
    gazetteer: Gazetteer | None = None,
    context: str | None = None,
    limit: int = 3,
    online: bool = False,
    fallback: PlaceBackend | None = None,
) -> Iterator[tuple[str, list[Match]]]:
    """Each name with its matches, best first, one at a time (a blank name has none).

    ``context`` is free text that settles homonyms ("northern Hama"). Names the gazetteer cannot place are
    asked of ``fallback``, or with ``online`` of Nominatim (matches with ``method == "online"``).
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    ctx = Context.from_text(context, gaz) if context else None
    # Only names the offline gazetteer cannot place leave the machine (resolve's fallback).
    backend = fallback if fallback is not None else _LazyOnline() if online else None
    try:
        for name in names:
            yield name, resolve(name, gazetteer=gaz, context=ctx, limit=limit, fallback=backend) if name.strip() else []
    finally:
        if isinstance(backend, _LazyOnline):
            backend.close()


@dataclass(frozen=True, slots=True)
class MapInputs:
    """The events to draw: from event files as they are, from reports through extraction."""

    events: list[StrikeEvent]  # each event_id once, first seen first
    from_files: int  # of ``events``, how many came from event files
    dropped: int  # events given twice (same event_id) and drawn once
    problems: int  # inputs that could not be read
    usable: int  # inputs that could
    notices: list[Notice] = field(default_factory=list)


def read_map_inputs(
    paths: Sequence[str], *, gazetteer: str | Path | None = None, aliases: str | Path | None = None,
    focus: str | FocusRegion | None = DEFAULT_FOCUS, on_notice: NoticeHandler | None = None,
) -> MapInputs:
    """Events from event files (GeoJSON, GeoPackage, CSV, ACLED CSV) and from reports, for a map.

    A folder gives both its event files and its reports; a folder with no reports is then no problem.
    Reports of one strike are merged, as ``strikemap events`` does, so no event is drawn twice.
    """
    from .eventfile.detect import looks_like_event_file
    from .eventfile.read import read_event_file

    notices: list[Notice] = []

    def notice(item: Notice) -> None:
        notices.append(item)
        if on_notice:
            on_notice(item)

    event_paths: list[Path] = []
    article_paths: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_file() and path.suffix.lower() in EVENT_FILE_SUFFIXES \
                and looks_like_event_file(path):
            event_paths.append(path)
        elif raw != "-" and path.is_dir():
            event_paths.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                      and p.suffix.lower() in EVENT_FILE_SUFFIXES and looks_like_event_file(p)))
            article_paths.append(raw)
        else:
            article_paths.append(raw)
    events: list[StrikeEvent] = []
    problems = usable = 0
    for path in event_paths:
        try:
            result = read_event_file(path)
        except (InputError, NotFoundError) as exc:
            notice(Notice("error", str(exc), ProblemKind.BAD_EVENT_FILE))
            problems += 1
            continue
        usable += 1
        for note in result.warnings:
            notice(Notice("warning", note))
        events.extend(result.events)
    from_files = len(events)
    load_gazetteer(gazetteer, aliases=aliases)  # a bad gazetteer fails before any report is read
    if article_paths:
        documents: list[tuple[str, str]] = []
        for doc in iter_documents(article_paths):
            if isinstance(doc, InputProblem):
                if event_paths and doc.kind is ProblemKind.EMPTY_FOLDER:
                    continue
                notice(_problem_notice(doc))
                problems += 1
                continue
            documents.append((doc.source, doc.text))
        found = events_of_reports(documents, gazetteer=gazetteer, aliases=aliases,
                                  focus=focus).events if documents else []
        if documents and not found:
            notice(Notice("warning", "no strike events found in the articles"))
        events.extend(found)
        usable += len(documents)
    keep = _first_of_each_id(events)
    return MapInputs([events[i] for i in keep], sum(1 for i in keep if i < from_files), len(events) - len(keep),
                     problems, usable, notices)


def _first_of_each_id(events: list[StrikeEvent]) -> list[int]:
    """Indices of the first event of each event_id: the same events given twice (one file twice, or
    written in two formats) are drawn once. Linear in the number of events."""
    seen: set[str] = set()
    keep = []
    for i, e in enumerate(events):
        if e.event_id not in seen:
            seen.add(e.event_id)
            keep.append(i)
    return keep
