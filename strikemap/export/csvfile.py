"""Events and mentions as CSV text: one cell writer for every column, formulas defused."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..geoframe import EVENT_COLUMNS, LIST_COLUMNS, MENTION_COLUMNS
from ..models import Mention, StrikeEvent
from ..sanitize import clean_text, defuse_cell
from ..values import join_list
from .records import COORD_COLUMNS, COORD_DECIMALS, as_frame, to_records

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["csv_text", "events_to_csv", "mentions_to_csv"]


def _csv_cell(column: str, value: Any) -> str:
    """The one place a CSV cell is written: numbers as numbers, text cleaned and defused against formulas."""
    if column in LIST_COLUMNS:
        return defuse_cell(clean_text(join_list(value)))
    if value is None:
        return ""
    if column in COORD_COLUMNS:
        return repr(round(float(value), COORD_DECIMALS))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (int, bool)):
        return str(value)
    return defuse_cell(clean_text(str(value)))


def csv_text(records: list[dict[str, Any]], columns: Sequence[str]) -> str:
    """Records as CSV text: a header row of ``columns``, ``\\r\\n`` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_csv_cell(c, record.get(c)) for c in columns])
    return buffer.getvalue()


def events_to_csv(events: gpd.GeoDataFrame | Iterable[StrikeEvent]) -> str:
    """Events as CSV text: header row, :data:`~strikemap.geoframe.EVENT_COLUMNS`, lists ``;``-joined.

    Parameters
    ----------
    events
        A GeoDataFrame with the event columns, or StrikeEvents.

    Returns
    -------
    str
        The CSV text, ``\\r\\n`` line ends (RFC 4180), no byte-order mark (encode with ``utf-8-sig`` for Excel).
    """
    return csv_text(to_records(as_frame(events), EVENT_COLUMNS), EVENT_COLUMNS)


def mentions_to_csv(mentions: gpd.GeoDataFrame | Iterable[tuple[str, Mention]]) -> str:
    """Mentions as CSV text with :data:`MENTION_COLUMNS` and a header row.

    Parameters
    ----------
    mentions
        A GeoDataFrame from :func:`strikemap.geoframe.mentions_to_frame`, or ``(source, Mention)`` pairs.
    """
    return csv_text(to_records(as_frame(mentions, "mentions"), MENTION_COLUMNS), MENTION_COLUMNS)
