"""``strikemap gazetteer``: build a full gazetteer from public sources, describe one, fetch the sources.

Heavy libraries (shapely, pyogrio) are imported inside the commands.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .boundary import check_output_path, error_boundary
from .help import HelpCommand, HelpGroup
from .options import GAZETTEER_HELP

if TYPE_CHECKING:
    from ..gazetteer.sources.draft import Progress

gazetteer_app = typer.Typer(
    help=(
        "Build, describe and fetch gazetteers.\n\n"
        "Examples:\n\n"
        "\b\n"
        "  strikemap gazetteer fetch -o sources/  # not run: online\n"
        "  strikemap gazetteer build \\\n"
        "    --whosonfirst sources/whosonfirst/whosonfirst-data-admin-sy.tar.gz \\\n"
        "    --ocha sources/ocha-cod-ab/en_hno_2019.json \\\n"
        "    --ocha sources/ocha-cod-ab/ar_hno_2019.json \\\n"
        "    --opensyria sources/opensyria-geography -o full.jsonl\n"
        "  strikemap gazetteer info --gazetteer full.jsonl"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=HelpGroup,
)


def _stderr_progress() -> Progress | None:
    if not sys.stderr.isatty():
        return None

    def show(stage: str, count: int) -> None:
        typer.echo(f"  {stage}: {count:,}", err=True)

    return show


@gazetteer_app.command(cls=HelpCommand)
@error_boundary
def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="The gazetteer file to write (.jsonl or .jsonl.gz).")],
    whosonfirst: Annotated[
        Path | None,
        typer.Option("--whosonfirst", help="Who's On First Syria: whosonfirst-data-admin-sy.tar.gz or its folder."),
    ] = None,
    ocha: Annotated[
        list[Path] | None,
        typer.Option("--ocha", metavar="<path>",
                     help="OCHA sub-district polygons (en_hno_2019.json, ar_hno_2019.json); repeatable."),
    ] = None,
    opensyria: Annotated[
        Path | None, typer.Option("--opensyria", help="Open-Syria data-geography 'data' folder.")
    ] = None,
    geonames: Annotated[Path | None, typer.Option("--geonames", help="GeoNames SY.txt (or SY.zip).")] = None,
    no_curated: Annotated[
        bool,
        typer.Option("--no-curated", help="Leave out the default gazetteer's curated areas, camps and world places."),
    ] = False,
) -> None:
    """Build a full gazetteer from public sources you have downloaded.

    Every place gets its governorate, district and sub-district (names and OCHA P-codes) by
    point-in-polygon; copies of one village are merged; admin boundaries are included for maps.
    The file is written only when the whole build succeeds.

    Examples:

    \b
      strikemap gazetteer build \\
        --whosonfirst sources/whosonfirst/whosonfirst-data-admin-sy.tar.gz \\
        --ocha sources/ocha-cod-ab/en_hno_2019.json \\
        --ocha sources/ocha-cod-ab/ar_hno_2019.json \\
        --opensyria sources/opensyria-geography -o full.jsonl
      strikemap gazetteer build --geonames sources/geonames/SY.txt \\
        --ocha sources/ocha-cod-ab/en_hno_2019.json -o geonames-only.jsonl.gz
      STRIKEMAP_GAZETTEER=full.jsonl strikemap resolve "Kafr Nabl"
    """
    from ..gazetteer.build import build_gazetteer
    from ..gazetteer.sources.registry import FULL_SOURCES

    # One option per source of the registry, in its order; each is handed on under the source's keyword.
    given = {"whosonfirst": whosonfirst, "ocha": ocha or (), "opensyria": opensyria, "geonames": geonames}
    inputs = {s.argument: given[s.argument] for s in FULL_SOURCES}
    sources = [str(p) for s in FULL_SOURCES for p in s.paths(inputs[s.argument])]
    check_output_path(output, sources, suffixes=(".jsonl", ".gz", ".json", ".txt", ".zip", ".csv"))
    report = build_gazetteer(output=output, curated=not no_curated, progress=_stderr_progress(), **inputs)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(
        f"wrote {report.output}: {report.places:,} places, {report.boundaries} boundaries "
        f"({report.merged_duplicates} duplicates merged)"
    )


@gazetteer_app.command(cls=HelpCommand)
@error_boundary
def info(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object instead of a table.")] = False,
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", envvar="STRIKEMAP_GAZETTEER", help=GAZETTEER_HELP, show_default=False),
    ] = None,
) -> None:
    """Counts of places by governorate and kind, and the sources with their licences.

    Examples:

    \b
      strikemap gazetteer info
      strikemap gazetteer info --gazetteer full.jsonl --json
    """
    from ..gazetteer.fileformat import read_gazetteer
    from ..gazetteer.sources.shipped import default_gazetteer_path
    from ..gazetteer.summary import summarize_gazetteer

    path = gazetteer if gazetteer is not None else default_gazetteer_path()
    summary = summarize_gazetteer(read_gazetteer(path), path=str(path))
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, sort_keys=True))
        return
    lines = [
        f"gazetteer: {summary['path']} ({summary['name']})",
        f"places: {summary['places']:,}   boundaries: {summary['boundaries']}",
        "by kind: " + ", ".join(f"{k} {v:,}" for k, v in summary["by_kind"].items()),
        "by governorate:",
    ]
    for area, kinds in summary["by_admin1"].items():
        total = sum(kinds.values())
        detail = ", ".join(f"{k} {v:,}" for k, v in kinds.items())
        lines.append(f"  {area:<20} {total:>6,}  ({detail})")
    lines.append("sources:")
    for source in summary["sources"]:
        lines.append(f"  {source['id']}: {source['title']} [{source['license']}]")
    typer.echo("\n".join(lines))


@gazetteer_app.command(cls=HelpCommand)
@error_boundary
def fetch(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder to download into (made when missing).")
    ] = Path("gazetteer-sources"),
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            envvar="STRIKEMAP_FETCH_BASE",
            help="A mirror laid out as BASE/<host>/<path> instead of the publishers' servers.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Download the public sources of the full gazetteer (needs the internet).

    Who's On First Syria, OCHA sub-district polygons, Open-Syria admin names and GeoNames SY.txt
    land in OUTPUT in the layout 'gazetteer build' reads; the command to run next is printed.

    Examples:

    \b
      strikemap gazetteer fetch -o sources/  # not run: online
      strikemap gazetteer fetch -o sources/ \\
        --base-url http://mirror.example.org/strikemap  # not run: online
    """
    from ..gazetteer.fetch import fetch_sources

    def show(name: str, size: int) -> None:
        if sys.stderr.isatty():
            typer.echo(f"  {name}: {size:,} bytes", err=True)

    report = fetch_sources(output, base_url=base_url, progress=show)
    typer.echo(f"downloaded {len(report.files)} files into {report.dest}; now run:\n  {report.build_command()}")
