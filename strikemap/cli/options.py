"""The options several commands share, each defined once (type, flags, help text)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

GAZETTEER_HELP = (
    "A built gazetteer file (from 'strikemap gazetteer build'). "
    "Default: $STRIKEMAP_GAZETTEER, else the shipped default gazetteer."
)
STRICT_HELP = "Any input that cannot be read fails the run (exit 2, nothing written) instead of exit 1."

GazetteerOpt = Annotated[
    Path | None, typer.Option("--gazetteer", envvar="STRIKEMAP_GAZETTEER", help=GAZETTEER_HELP, show_default=False)
]
AliasesOpt = Annotated[
    Path | None,
    typer.Option("--aliases", metavar="FILE", envvar="STRIKEMAP_ALIASES",
                 help="Spellings you have confirmed, added to the gazetteer: CSV (spelling,place_id) or JSON. "
                      "Default: $STRIKEMAP_ALIASES.", show_default=False),
]
FocusOpt = Annotated[
    str,
    typer.Option("--focus", metavar="REGION",
                 help="Events outside this region are kept with a note saying so: north-west-syria (Idlib, "
                      "Aleppo, Hama, Latakia), syria, or none."),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write here (atomically) instead of standard output.", show_default=False),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help=STRICT_HELP)]
PathsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Report files (*.txt, *.md, *.html), folders (searched recursively), or '-' for standard "
                        "input. None: standard input.", show_default=False),
]
JobsOpt = Annotated[
    str,
    typer.Option("--jobs", "-j", metavar="N|auto",
                 help="Worker processes: a number, or 'auto' (this machine's cores, from 20 reports on). Results "
                      "keep the input order."),
]
EngineOpt = Annotated[
    str,
    typer.Option(
        "--engine",
        help="'local' (this machine, --jobs processes) or 'dask' (a Dask cluster: --scheduler, else a local "
        "cluster of --jobs workers; pip install 'strikemap[scale]').",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", metavar="ADDRESS", help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                                                         "(implies --engine dask).", show_default=False),
]
