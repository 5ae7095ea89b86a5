"""``strikemap evaluate``: score strikemap against an ACLED-style coded CSV."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .boundary import check_output_path, emit, error_boundary, fail
from .options import AliasesOpt, GazetteerOpt, OutputOpt


@error_boundary
def evaluate_command(
    coded: Annotated[Path, typer.Argument(help="An ACLED-style CSV export (notes, latitude, longitude, ...).",
                                          show_default=False)],
    details: Annotated[bool, typer.Option("--details", help="Also one line (or JSON object) per record.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    split: Annotated[
        str,
        typer.Option("--split", help="all, dev, or heldout (a third of the records, chosen by a hash of the id)."),
    ] = "all",
    output: OutputOpt = None,
    gazetteer: GazetteerOpt = None,
    aliases: AliasesOpt = None,
) -> None:
    """Score strikemap against human coding: run each record's notes and compare with the coders' answer.

    Per sub-event type and geo precision: records located within 5 km (25 km where the coders gave
    geo_precision 2 or 3), event type, fatalities and date agreement, median error, and events made
    from records that are no strike (protests, abductions).

    Examples:

    \b
      strikemap evaluate data/acled_export.csv
      strikemap evaluate data/acled_export.csv --details
      strikemap evaluate data/acled_export.csv --split heldout --json
    """
    from ..evaluate import SPLITS, evaluate_file, format_report
    from ..gazetteer.lookup import load_gazetteer

    if split not in SPLITS:
        raise fail(f"--split {split!r}: use one of {', '.join(SPLITS)}")
    check_output_path(output, [str(coded)])
    result = evaluate_file(coded, gazetteer=load_gazetteer(gazetteer, aliases=aliases), split=split)
    if as_json:
        text = json.dumps(result.to_dict(details=details), ensure_ascii=False, indent=1) + "\n"
    else:
        text = format_report(result, details=details)
    from ..atomic import write_or_return

    emit(write_or_return(text.encode("utf-8"), output))
