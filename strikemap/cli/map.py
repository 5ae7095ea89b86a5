"""``strikemap map``: event files or articles in, one offline HTML map out.

Nothing heavy is imported at module level: ``strikemap --help`` must not pay for geopandas or folium.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .boundary import (
    GAZETTEER_HELP,
    STRICT_HELP,
    check_inputs,
    check_output_path,
    error_boundary,
    fail,
    partial_exit,
    say,
    url_problem,
)

if TYPE_CHECKING:
    from ..models import StrikeEvent

EVENT_SUFFIXES = (".geojson", ".json", ".gpkg", ".csv")


def _event_files_in(folder: Path) -> list[Path]:
    from ..eventfile import looks_like_event_file

    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in EVENT_SUFFIXES
                  and looks_like_event_file(p))


@error_boundary
def map_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Event files (GeoJSON, GeoPackage, CSV, ACLED CSV), article files, folders, or '-'.",
                       show_default=False),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML file to write, e.g. maps/idlib.html.", show_default=False)
    ],
    title: Annotated[str | None, typer.Option("--title", help="Title shown on the map and in the browser tab.")] = None,
    tiles: Annotated[
        str,
        typer.Option(
            "--tiles",
            help="Basemap: an xyzservices name (OpenStreetMap, CartoDB.Positron), a URL template with "
            "{z}/{x}/{y}, a folder of z/x/y tiles, or 'none'. Tiles are the only part that needs the network.",
        ),
    ] = "OpenStreetMap",
    assets: Annotated[
        Path | None,
        typer.Option("--assets", metavar="DIR",
                     help="Write Leaflet and plugin files into DIR instead of inside the page (maps share them).",
                     show_default=False),
    ] = None,
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", envvar="STRIKEMAP_GAZETTEER", help=GAZETTEER_HELP, show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=STRICT_HELP)] = False,
    allow_empty: Annotated[
        bool, typer.Option("--allow-empty", help="Write a map even when the inputs hold no event (else an error).")
    ] = False,
) -> None:
    """Build an interactive map that works offline from event files or articles.

    Event files are read as they are; articles (*.txt, *.md, *.html, or '-' for standard input) go through
    event extraction first. The page holds every script it needs: open it from disk with no network and
    you still get events, boundaries, popups, filters and the summary (only the basemap needs the network).

    On the map: colours by event type, circle size by fatalities, clusters that open as you zoom, a layer
    switcher per event type and per actor, a date filter, a heat map, place search, full screen.

    Examples:

    \b
      strikemap map data/events/sample.geojson -o maps/idlib.html \\
        --title "Idlib, May 2019"
      strikemap map data/articles/ -o maps/articles.html
      strikemap map data/acled_export.csv -o maps/acled.html \\
        --tiles CartoDB.Positron
      strikemap map data/events/sample.geojson data/acled_export.csv \\
        -o maps/offline.html --tiles none
      strikemap map data/events/sample.geojson -o site/map.html \\
        --assets site/assets
    """
    from ..gazetteer.lookup import load_gazetteer
    from ..geoframe import events_to_frame
    from ..inputs import SUFFIXES
    from ..webmap.page import build_map, save_map

    if not paths:
        raise fail("give event files, article files or folders to map (or '-' for standard input)")
    if str(output) == "-":
        raise fail("the map needs a file name: give -o maps/NAME.html")
    if output.parent.is_dir():  # else made below, once the map is built
        check_output_path(output, paths, suffixes=SUFFIXES + EVENT_SUFFIXES)
    event_paths: list[Path] = []
    article_paths: list[str] = []
    for raw in paths:
        if url_problem(raw):
            raise fail(url_problem(raw) or "")
        path = Path(raw)
        if raw != "-" and path.is_file() and _is_event_file(path):
            event_paths.append(path)
        elif raw != "-" and path.is_dir():
            event_paths.extend(_event_files_in(path))
            article_paths.append(raw)
        else:
            article_paths.append(raw)

    events: list[StrikeEvent] = []
    problems = 0
    usable = 0
    for path in event_paths:
        from ..errors import InputError, NotFoundError
        from ..eventfile import read_event_file

        try:
            result = read_event_file(path)
        except (InputError, NotFoundError) as exc:
            say(f"error: {exc}")
            problems += 1
            continue
        usable += 1
        for note in result.warnings:
            say(f"warning: {note}")
        events.extend(result.events)
    from_files = len(events)

    gaz = load_gazetteer(gazetteer)
    if article_paths:
        found, failed, read = _article_events(article_paths, gazetteer, allow_empty_folders=bool(event_paths))
        events.extend(found)
        problems += failed
        usable += read
    check_inputs(problems, usable, strict=strict, what="event file or report")
    if not events and not allow_empty:
        raise fail("no strike events in the inputs; nothing written (give --allow-empty to write an empty map)")

    keep = _first_of_each_id(events)
    kept_from_files = sum(1 for i in keep if i < from_files)
    dropped = len(events) - len(keep)
    events = [events[i] for i in keep]
    notes = [f"Duplicates dropped: {dropped} (same event_id)"] if dropped else []
    m = build_map(events_to_frame(events), title=title, boundaries=gaz.boundaries, tiles=tiles, notes=notes)
    output.parent.mkdir(parents=True, exist_ok=True)
    save_map(m, output, assets_dir=assets)
    say(f"wrote {output}: {len(events)} events ({kept_from_files} from event files, "
         f"{len(events) - kept_from_files} from articles)" + (f"; {dropped} duplicates dropped" if dropped else ""))
    partial_exit(problems)


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


def _is_event_file(path: Path) -> bool:
    if path.suffix.lower() not in EVENT_SUFFIXES:
        return False
    from ..eventfile import looks_like_event_file

    return looks_like_event_file(path)


def _article_events(
    paths: list[str], gazetteer: Path | None, *, allow_empty_folders: bool
) -> tuple[list[StrikeEvent], int, int]:
    """Events of the reports among ``paths``, how many inputs failed (each reported), how many were read."""
    from ..inputs import InputProblem, iter_documents
    from ..pipeline import extract_events_many

    documents: list[tuple[str, str]] = []
    problems = 0
    for doc in iter_documents(paths):
        if isinstance(doc, InputProblem):
            if allow_empty_folders and doc.message.startswith("folder has no report files"):
                continue
            say(f"error: {doc.source}: {doc.message}")
            problems += 1
            continue
        documents.append((doc.source, doc.text))
    # As `strikemap events` does: reports of one strike are merged, so no event is drawn twice.
    events = extract_events_many(documents, gazetteer_path=gazetteer) if documents else []
    if documents and not events:
        say("warning: no strike events found in the articles")
    return events, problems, len(documents)
