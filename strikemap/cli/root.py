"""The ``strikemap`` command: parse, one library call, print.

Heavy libraries (geopandas, folium, dask) are imported inside the commands that need them, so
``strikemap --help`` and ``strikemap resolve`` start fast.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from .boundary import error_boundary, fail
from .evaluate import evaluate_command
from .events import events_command
from .gazetteer import gazetteer_app
from .geocode import geocode_command
from .help import HelpCommand, HelpGroup
from .map import map_command
from .options import AliasesOpt, GazetteerOpt

if TYPE_CHECKING:
    from ..models import Match

app = typer.Typer(
    name="strikemap",
    help=(
        "Turn news reports of air and artillery strikes in north-west Syria into mapped, "
        "exportable event data, offline.\n\n"
        "Examples:\n\n"
        "\b\n"
        "  strikemap resolve \"Jisr Al-Shqour\" --json\n"
        "  strikemap geocode data/articles/ --format csv -o mentions.csv\n"
        "  strikemap events data/articles/ --format gpkg -o events.gpkg\n"
        "  strikemap map data/articles/ -o maps/articles.html\n"
        "  strikemap gazetteer info"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=HelpGroup,
)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"strikemap {version('strikemap')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """strikemap: strike reports to mapped event data."""


def _read_names(names: list[str] | None) -> list[str]:
    if names:
        return names
    if sys.stdin is None or sys.stdin.isatty():
        raise fail("give one or more names, or pipe names one per line on standard input")
    from ..inputs import InputTooLarge, read_stdin

    try:
        data = read_stdin()
    except InputTooLarge:
        raise fail("standard input is over the 10 MB limit for names: split it") from None
    if b"\x00" in data:
        raise fail("standard input is binary, not text: give place names one per line")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail("standard input is not UTF-8 text: convert it (e.g. iconv -t UTF-8) and retry") from None
    # Every line, blank ones too: the output has one line per input line, so `paste` lines them up.
    return [line.strip() for line in text.splitlines()]


@app.command(cls=HelpCommand)
@error_boundary
def resolve(
    names: Annotated[
        list[str] | None, typer.Argument(help="Place names; none: one per line on standard input.")
    ] = None,
    context: Annotated[
        str | None, typer.Option("--context", "-c", help="Free text that settles homonyms, e.g. \"northern Hama\".")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=100, help="At most this many matches per name.")
    ] = 3,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per name, one per line (JSON Lines).")
    ] = False,
    gazetteer: GazetteerOpt = None,
    aliases: AliasesOpt = None,
    online: Annotated[
        bool,
        typer.Option(
            "--online",
            help=(
                "Ask OpenStreetMap's Nominatim for names no gazetteer knows (sends those names over the "
                "network; 1 request/s; cached)"
            ),
        ),
    ] = False,
) -> None:
    """Resolve place names in any spelling (news, Arabic script, typos) to places.

    Names on standard input give exactly one output line per input line, in order: the best match
    (with --json, up to --limit matches), or an empty record for a blank or unresolved line.

    Examples:

    \b
      strikemap resolve "Jisr Al-Shqour"
      strikemap resolve Suran --context "northern Hama" --json
      cut -f1 data/names.txt | strikemap resolve --json > resolved.jsonl
      strikemap resolve "Kafr Nabudah" --online  # not run: online
    """
    from ..api import resolve_names
    from ..gazetteer.lookup import load_gazetteer

    batch = not names
    queries = _read_names(names)
    out = sys.stdout
    used_online = False
    try:
        gaz = load_gazetteer(gazetteer, aliases=aliases)
        for query, matches in resolve_names(queries, gazetteer=gaz, context=context, limit=limit, online=online):
            used_online = used_online or any(m.method == "online" for m in matches)
            _write_resolved(out, query, matches, as_json, one_line=batch)
            out.flush()
    finally:
        if used_online:
            from ..online.nominatim import ATTRIBUTION

            typer.echo(ATTRIBUTION, err=True)


def _write_resolved(out: TextIO, query: str, matches: list[Match], as_json: bool, *, one_line: bool) -> None:
    if as_json:
        out.write(json.dumps({"query": query, "matches": [m.to_dict() for m in matches]}, ensure_ascii=False))
        out.write("\n")
        return
    if not matches:
        out.write(f"{query}\t(no match)\n" if query else "\n")
        return
    for rank, m in enumerate(matches[:1] if one_line else matches):
        p = m.place
        admin = ", ".join(x for x in (p.admin3, p.admin2, p.admin1) if x) or p.country
        lead = query if rank == 0 else ""
        pcode = p.admin3_pcode or p.admin2_pcode or p.admin1_pcode or ""
        out.write(
            f"{lead}\t{m.score:5.1f}  {p.name} ({p.kind}; {admin}) {p.lat:.4f},{p.lon:.4f} {pcode} "
            f"[{p.place_id}, {m.method}: {m.matched}]\n"
        )


app.command("geocode", cls=HelpCommand)(geocode_command)
app.command("events", cls=HelpCommand)(events_command)
app.command("map", cls=HelpCommand)(map_command)
app.command("evaluate", cls=HelpCommand)(evaluate_command)
app.add_typer(gazetteer_app, name="gazetteer", cls=HelpGroup)


def main() -> None:
    """Entry point of the console script and ``python -m strikemap``."""
    from ..atomic import install_signal_handlers

    # SIGTERM and SIGHUP unwind like Ctrl-C: no temporary file is left behind.
    install_signal_handlers()
    app()


if __name__ == "__main__":
    main()
