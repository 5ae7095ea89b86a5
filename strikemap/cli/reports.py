"""``strikemap geocode`` and ``strikemap events``: reports in, place mentions or strike events out.

Nothing heavy is imported at module level: geopandas comes in only when an output is written.
A bad file in a folder is reported as ``error: <file>: <why>`` and the others are still processed;
the output is then written and the exit status is 1 (2 with ``--strict``, and 2 when no input could be
read: then nothing is written, an existing ``-o`` file is left as it was).
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .boundary import (
    GAZETTEER_HELP,
    STRICT_HELP,
    check_inputs,
    check_output_path,
    emit,
    error_boundary,
    fail,
    partial_exit,
    say,
    url_problem,
)

if TYPE_CHECKING:
    from ..models import Mention, StrikeEvent
    from ..pipeline import DocumentResult

# Show a progress counter on a terminal from this many reports on.
PROGRESS_FROM = 5

PathsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Report files (*.txt, *.md, *.html), folders (searched recursively), or '-' for standard "
                        "input. None: standard input.", show_default=False),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write here (atomically) instead of standard output.", show_default=False),
]
GazetteerOpt = Annotated[
    Path | None, typer.Option("--gazetteer", envvar="STRIKEMAP_GAZETTEER", help=GAZETTEER_HELP, show_default=False)
]
JobsOpt = Annotated[
    int, typer.Option("--jobs", "-j", min=1, max=256, help="Worker processes (results keep the input order).")
]
EngineOpt = Annotated[
    str,
    typer.Option(
        "--engine",
        help="'local' (this machine, --jobs processes) or 'dask' (a Dask cluster: --scheduler, else a local "
        "cluster of --jobs workers; pip install 'strikemap[scale]').",
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help=STRICT_HELP)]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", metavar="ADDRESS", help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                                                         "(implies --engine dask).", show_default=False),
]


def _documents(paths: list[str] | None) -> tuple[list[tuple[str, str]], int]:
    """The readable reports as ``(source, text)``, and how many inputs failed (each reported)."""
    from ..inputs import InputProblem, iter_documents

    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            raise fail("give report files or folders, or pipe a report on standard input ('-')")
        paths = ["-"]
    docs: list[tuple[str, str]] = []
    problems = 0
    for raw in paths:
        message = url_problem(raw)
        if message:
            say(f"error: {message}")
            problems += 1
    paths = [raw for raw in paths if not url_problem(raw)]
    for item in iter_documents(paths) if paths else ():
        if isinstance(item, InputProblem):
            say(f"error: {item.source}: {item.message}")
            problems += 1
        else:
            docs.append((item.source, item.text))
    return docs, problems


def _with_progress(results: Iterator[DocumentResult], total: int) -> Iterator[DocumentResult]:
    show = total >= PROGRESS_FROM and sys.stderr is not None and sys.stderr.isatty()
    for done, result in enumerate(results, 1):
        if show:
            sys.stderr.write(f"\rreading reports: {done}/{total}")
            sys.stderr.flush()
        yield result
    if show:
        sys.stderr.write("\n")


def _results(docs: list[tuple[str, str]], *, events: bool, pub_date: dt.date | None, gazetteer: Path | None,
             jobs: int, engine: str = "local", scheduler: str | None = None) -> list[DocumentResult]:
    from ..gazetteer.lookup import load_gazetteer
    from ..pipeline import Mapper, iter_results

    if scheduler:
        engine = "dask"
    if engine not in ("local", "dask"):
        raise fail(f"--engine {engine!r}: use 'local' or 'dask'")
    load_gazetteer(gazetteer)  # a bad gazetteer fails here, once, with its own message
    # Workers (other processes, Dask workers elsewhere) open the file themselves: an absolute path.
    gazetteer = gazetteer.resolve() if gazetteer is not None else None
    mapper: Mapper | None = None
    if engine == "dask" or (jobs > 1 and len(docs) > 1):
        from ..parallel import map_documents

        mapper = functools.partial(map_documents, jobs=jobs, engine=engine, scheduler=scheduler)
    found = iter_results(docs, events=events, pub_date=pub_date, gazetteer_path=gazetteer, mapper=mapper)
    return list(_with_progress(found, len(docs)))


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--date {value!r} is not a date: use YYYY-MM-DD, e.g. --date 2019-05-07") from None


@error_boundary
def geocode_command(
    paths: PathsArg = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="json (default), geojson or csv; default: from the -o suffix, else json.",
                     show_default=False),
    ] = None,
    output: OutputOpt = None,
    gazetteer: GazetteerOpt = None,
    jobs: JobsOpt = 1,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    online: Annotated[
        bool,
        typer.Option("--online", help="Ask OpenStreetMap's Nominatim for mentions no gazetteer knows (sends those "
                                      "names over the network; 1 request/s; cached)."),
    ] = False,
    unresolved: Annotated[
        bool,
        typer.Option("--unresolved", help="Instead of the mentions, list the spellings no place was found for: "
                                          "how often, in how many reports, and near places to check."),
    ] = False,
    strict: StrictOpt = False,
) -> None:
    """Find and resolve every place mention in each report, with its role.

    Roles: 'event' (where something reported happened), 'dateline' ("AMMAN:" at the top), 'actor'
    (a capital or country standing for its government: "Moscow, Ankara and Tehran") or 'other'
    (mentioned only: "east of Idlib city", "the province that borders Turkey"). Unresolved
    mentions keep place_id null.

    Examples:

    \b
      strikemap geocode data/articles/01-week-of-bombing-retold.txt
      strikemap geocode data/articles/ --format csv -o mentions.csv
      strikemap geocode data/articles/ data/articles-ar/ --unresolved
      cat data/articles/02-kafranbel-hospital.txt | strikemap geocode -f geojson
      strikemap geocode data/articles/ --online  # not run: online
    """
    from ..export import format_for, write_mentions
    from ..inputs import SUFFIXES

    name = format_for(output, fmt, default="json", allowed=("json", "geojson", "csv"))
    check_output_path(output, paths, suffixes=SUFFIXES)
    docs, problems = _documents(paths)
    check_inputs(problems, len(docs), strict=strict)
    pairs: list[tuple[str, Mention]] = []
    for result in _results(docs, events=False, pub_date=None, gazetteer=gazetteer, jobs=jobs, engine=engine,
                           scheduler=scheduler):
        if result.article is not None:
            pairs.extend((result.source, m) for m in result.article.mentions)
    if online:
        pairs = _resolve_online(pairs)
    if unresolved:
        emit(_write_unresolved(pairs, output, gazetteer))
        partial_exit(problems)
        return
    emit(write_mentions(pairs, output, name))
    if output is not None and str(output) != "-":
        say(f"wrote {output}: {len(pairs)} mentions from {len(docs)} reports")
    partial_exit(problems)


def _write_unresolved(pairs: list[tuple[str, Mention]], output: Path | None, gazetteer: Path | None) -> bytes | None:
    """The table of unresolved spellings, written to ``output`` (atomically) or returned for stdout."""
    from ..atomic import write_or_return
    from ..gazetteer.lookup import load_gazetteer
    from ..unresolved import table_text, unresolved_names

    data = table_text(unresolved_names(pairs, load_gazetteer(gazetteer))).encode("utf-8")
    result = write_or_return(data, output)
    if result is None:
        say(f"wrote {output}: unresolved spellings")
    return result


def _resolve_online(pairs: list[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """Send the texts of unresolved mentions (only those) to Nominatim, once each."""
    import dataclasses

    from ..online.nominatim import ATTRIBUTION, OnlineGeocoder

    unresolved = sorted({m.text for _, m in pairs if m.match is None})
    if not unresolved:
        return pairs
    with OnlineGeocoder() as geocoder:
        found = geocoder.geocode_many(unresolved, limit=1)
    out = [
        (source, dataclasses.replace(m, match=found[m.text][0]) if m.match is None and found.get(m.text) else m)
        for source, m in pairs
    ]
    if any(found.values()):
        say(ATTRIBUTION)
    return out


@error_boundary
def events_command(
    paths: PathsArg = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="geojson (default), gpkg, csv or json; default: from the -o suffix.",
                     show_default=False),
    ] = None,
    output: OutputOpt = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD",
                     help="Publication date, for reports whose dateline has none; 'on Tuesday' is read from it.",
                     show_default=False),
    ] = None,
    gazetteer: GazetteerOpt = None,
    jobs: JobsOpt = 1,
    no_merge: Annotated[
        bool, typer.Option("--no-merge", help="Keep one event per report even when reports describe the same strike.")
    ] = False,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Extract strike events: one per place struck per report, ACLED-style fields.

    Each event has a type (air_strike, shelling, drone_strike, missile_strike, barrel_bomb,
    ground_clash, other), actors, fatalities and injured (a report's total is never counted twice),
    targets, a date, geo_precision (1 place, 2 near a place or part of an area, 3 region), the
    evidence sentence and a confidence. Reports of the same strike (same place, day and type) are
    merged into one event listing every source.

    Examples:

    \b
      strikemap events data/articles/ -o events.geojson
      strikemap events data/articles/13-ceasefire-statement.txt \\
        --date 2019-05-07 --format csv
      strikemap events data/articles/ --format gpkg -o events.gpkg --jobs 2
      strikemap events data/articles/ -o events.gpkg \\
        --scheduler tcp://10.0.0.5:8786  # not run: needs a Dask cluster
    """
    from ..events import merge_duplicates
    from ..export import EVENT_FORMATS, format_for, write_events

    pub_date = _parse_date(date)
    from ..inputs import SUFFIXES

    name = format_for(output, fmt, default="geojson", allowed=EVENT_FORMATS)
    check_output_path(output, paths, suffixes=SUFFIXES)
    docs, problems = _documents(paths)
    check_inputs(problems, len(docs), strict=strict)
    found: list[StrikeEvent] = []
    unresolved: list[str] = []
    for result in _results(docs, events=True, pub_date=pub_date, gazetteer=gazetteer, jobs=jobs, engine=engine,
                           scheduler=scheduler):
        found.extend(result.events)
        names = sorted({m.text for m in (result.article.mentions if result.article else ()) if m.match is None})
        if names:
            unresolved.append(f"note: {result.source}: not resolved: {', '.join(names)}")
    events = found if no_merge else merge_duplicates(found)
    emit(write_events(events, output, name))
    for line in unresolved:  # names a user may add (strikemap geocode lists them with their offsets)
        say(line)
    if output is not None and str(output) != "-":
        say(f"wrote {output}: {len(events)} events from {len(docs)} reports")
    partial_exit(problems)
