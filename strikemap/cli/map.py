"""``strikemap map``: event files or articles in, one offline HTML map out.

Nothing heavy is imported at module level: ``strikemap --help`` must not pay for geopandas or folium.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .boundary import check_inputs, check_output_path, error_boundary, fail, partial_exit, say
from .options import AliasesOpt, FocusOpt, GazetteerOpt, StrictOpt
from .reports import print_notice


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
    gazetteer: GazetteerOpt = None,
    aliases: AliasesOpt = None,
    focus: FocusOpt = "north-west-syria",
    strict: StrictOpt = False,
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
    from ..api import EVENT_FILE_SUFFIXES, read_map_inputs
    from ..focus import focus_region
    from ..gazetteer.lookup import load_gazetteer
    from ..geoframe import events_to_frame
    from ..inputs import SUFFIXES, url_problem
    from ..webmap.page import build_map, save_map

    if not paths:
        raise fail("give event files, article files or folders to map (or '-' for standard input)")
    if str(output) == "-":
        raise fail("the map needs a file name: give -o maps/NAME.html")
    if output.parent.is_dir():  # else made below, once the map is built
        check_output_path(output, paths, suffixes=SUFFIXES + EVENT_FILE_SUFFIXES)
    for raw in paths:
        message = url_problem(raw)
        if message:
            raise fail(message)
    focus_region(focus)  # an unknown region fails before any input is read
    found = read_map_inputs(paths, gazetteer=gazetteer, aliases=aliases, focus=focus, on_notice=print_notice)
    check_inputs(found.problems, found.usable, strict=strict, what="event file or report")
    if not found.events and not allow_empty:
        raise fail("no strike events in the inputs; nothing written (give --allow-empty to write an empty map)")
    notes = [f"Duplicates dropped: {found.dropped} (same event_id)"] if found.dropped else []
    boundaries = load_gazetteer(gazetteer, aliases=aliases).boundaries  # the gazetteer read_map_inputs loaded
    m = build_map(events_to_frame(found.events), title=title, boundaries=boundaries, tiles=tiles, notes=notes)
    output.parent.mkdir(parents=True, exist_ok=True)
    save_map(m, output, assets_dir=assets)
    say(f"wrote {output}: {len(found.events)} events ({found.from_files} from event files, "
        f"{len(found.events) - found.from_files} from articles)"
        + (f"; {found.dropped} duplicates dropped" if found.dropped else ""))
    partial_exit(found.problems)
