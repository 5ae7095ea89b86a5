"""``strikemap events``: reports in, strike events out (GeoJSON, GeoPackage, CSV or JSON).

Nothing heavy is imported at module level: geopandas comes in only when an output is written.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..vocab import type_codes
from .boundary import check_output_path, emit, error_boundary, partial_exit, say
from .options import (
    AliasesOpt,
    EngineOpt,
    FocusOpt,
    GazetteerOpt,
    JobsOpt,
    OutputOpt,
    PathsArg,
    SchedulerOpt,
    StrictOpt,
)
from .reports import parse_date, progress_counter, read_report_inputs


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
    aliases: AliasesOpt = None,
    focus: FocusOpt = "north-west-syria",
    jobs: JobsOpt = "auto",
    no_merge: Annotated[
        bool, typer.Option("--no-merge", help="Keep one event per report even when reports describe the same strike.")
    ] = False,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Extract strike events: one per place struck per report, ACLED-style fields.

    Each event has a type ({event_types}), actors, fatalities and injured (a report's total is never counted twice),
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
    from ..api import events_of_reports, worker_count
    from ..export import EVENT_FORMATS, format_for, write_events
    from ..focus import focus_region
    from ..inputs import SUFFIXES

    pub_date = parse_date(date)
    name = format_for(output, fmt, default="geojson", allowed=EVENT_FORMATS)
    worker_count(jobs, 0)  # a bad --jobs or --focus fails before any report is read
    focus_region(focus)
    check_output_path(output, paths, suffixes=SUFFIXES)
    docs, problems = read_report_inputs(paths, strict=strict)
    run = events_of_reports(docs, pub_date=pub_date, gazetteer=gazetteer, aliases=aliases, focus=focus, jobs=jobs,
                            engine=engine, scheduler=scheduler, merge=not no_merge,
                            progress=progress_counter(len(docs)))
    emit(write_events(run.events, output, name))
    for source, names in run.unresolved:  # names a user may add (strikemap geocode lists them with their offsets)
        say(f"note: {source}: not resolved: {', '.join(names)}")
    if output is not None and str(output) != "-":
        say(f"wrote {output}: {len(run.events)} events from {len(docs)} reports")
    partial_exit(problems)


# The types named in the help come from the vocabulary (click rewraps the paragraph).
events_command.__doc__ = (events_command.__doc__ or "").replace("{event_types}", ", ".join(type_codes()))
