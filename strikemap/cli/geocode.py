"""``strikemap geocode``: reports in, place mentions (or the spellings no place was found for) out.

Nothing heavy is imported at module level: geopandas comes in only when an output is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .boundary import check_output_path, emit, error_boundary, partial_exit, say
from .options import AliasesOpt, EngineOpt, GazetteerOpt, JobsOpt, OutputOpt, PathsArg, SchedulerOpt, StrictOpt
from .reports import progress_counter, read_report_inputs

if TYPE_CHECKING:
    from ..models import Mention


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
    aliases: AliasesOpt = None,
    jobs: JobsOpt = "auto",
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
    from ..api import geocode_reports, worker_count
    from ..export import format_for, write_mentions
    from ..inputs import SUFFIXES

    name = format_for(output, fmt, default="json", allowed=("json", "geojson", "csv"))
    worker_count(jobs, 0)  # a bad --jobs fails before any report is read
    check_output_path(output, paths, suffixes=SUFFIXES)
    docs, problems = read_report_inputs(paths, strict=strict)
    run = geocode_reports(docs, gazetteer=gazetteer, aliases=aliases, jobs=jobs, engine=engine, scheduler=scheduler,
                          online=online, progress=progress_counter(len(docs)))
    if run.online_used:
        from ..online.nominatim import ATTRIBUTION

        say(ATTRIBUTION)
    if unresolved:
        emit(_write_unresolved(run.mentions, output, gazetteer, aliases))
        partial_exit(problems)
        return
    emit(write_mentions(run.mentions, output, name))
    if output is not None and str(output) != "-":
        say(f"wrote {output}: {len(run.mentions)} mentions from {len(docs)} reports")
    partial_exit(problems)


def _write_unresolved(pairs: list[tuple[str, Mention]], output: Path | None, gazetteer: Path | None,
                      aliases: Path | None) -> bytes | None:
    """The table of unresolved spellings, written to ``output`` (atomically) or returned for stdout."""
    from ..atomic import write_or_return
    from ..gazetteer.lookup import load_gazetteer
    from ..unresolved import table_text, unresolved_names

    data = table_text(unresolved_names(pairs, load_gazetteer(gazetteer, aliases=aliases))).encode("utf-8")
    result = write_or_return(data, output)
    if result is None:
        say(f"wrote {output}: unresolved spellings")
    return result
