"""Shard in, records out: the one function any engine maps over a partition of reports.

``events_of_shard`` takes some reports as ``(source, text)`` pairs (or mappings with ``source`` and
``text``) and returns their strike events as plain records (``StrikeEvent.to_dict``: JSON-ready, the
field names of DESIGN.md). It loads the gazetteer by path once per worker process, holds no state between
calls and never touches the network, so Dask, Ray, multiprocessing or Spark can call it on each partition::

    import dask.bag as db
    records = db.from_sequence(reports, npartitions=64).map_partitions(events_of_shard).compute()

For Spark, ``events_of_frames`` has the shape ``DataFrame.mapInPandas`` wants (an iterator of pandas frames
with ``source`` and ``text`` columns in, frames of records out) and ``SPARK_SCHEMA`` is its schema::

    events = reports_df.mapInPandas(events_of_frames, schema=SPARK_SCHEMA)

Events are merged within a report (one event per place struck), not across shards: reports of one strike in
different shards stay separate events; read the records back (``strikemap.eventfile``) and merge them with
``strikemap.events.merge_duplicates`` when that matters.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .focus import DEFAULT_FOCUS, flag_outside
from .pipeline import run_document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["RECORD_TYPES", "SPARK_SCHEMA", "events_of_frames", "events_of_shard"]

# Each record field and its type, in record order (Spark DDL names).
RECORD_TYPES: dict[str, str] = {
    "event_id": "string",
    "event_date": "string",
    "event_type": "string",
    "actor1": "string",
    "actor2": "string",
    "location": "string",
    "place_id": "string",
    "admin1": "string",
    "admin2": "string",
    "admin3": "string",
    "admin3_pcode": "string",
    "geo_precision": "int",
    "fatalities": "int",
    "injured": "int",
    "targets": "array<string>",
    "source": "string",
    "sources": "array<string>",
    "evidence": "string",
    "confidence": "double",
    "latitude": "double",
    "longitude": "double",
    "notes": "string",
    "location_ar": "string",
    "language": "string",
}
SPARK_SCHEMA = ", ".join(f"{name} {kind}" for name, kind in RECORD_TYPES.items())


def _pair(row: tuple[str, str] | Mapping[str, Any]) -> tuple[str, str]:
    if isinstance(row, Mapping):
        return str(row["source"]), str(row["text"])
    source, text = row
    return str(source), str(text)


def events_of_shard(
    rows: Iterable[tuple[str, str] | Mapping[str, Any]],
    *,
    pub_date: dt.date | str | None = None,
    gazetteer_path: str | None = None,
    aliases_path: str | None = None,
    focus: str | None = DEFAULT_FOCUS,
) -> list[dict[str, Any]]:
    """The strike events of some reports, as records in report order.

    Parameters
    ----------
    rows
        ``(source, text)`` pairs, or mappings with ``source`` and ``text`` keys.
    pub_date
        Publication date for reports whose dateline has none (``YYYY-MM-DD``).
    gazetteer_path
        A built gazetteer file every worker can read; None: ``$STRIKEMAP_GAZETTEER``, else the shipped one.
    aliases_path
        An aliases file every worker can read (``strikemap.gazetteer.aliases``), or None.
    focus
        Events outside this region get a note (``strikemap.focus``; None: no flag).

    Examples
    --------
    >>> records = events_of_shard([("r1", "Russian jets struck Kafr Nabl on Monday, killing four people.")],
    ...                           pub_date="2019-05-07")
    >>> [(r["location"], r["event_date"], r["fatalities"]) for r in records]
    [('Kafr Nabl', '2019-05-06', 4)]
    """
    unit = functools.partial(run_document, events=True, pub_date=pub_date, gazetteer_path=gazetteer_path,
                             aliases_path=aliases_path)
    return [event.to_dict() for row in rows for event in flag_outside(unit(_pair(row)).events, focus)]


def events_of_frames(
    frames: Iterable[pd.DataFrame],
    *,
    pub_date: dt.date | str | None = None,
    gazetteer_path: str | None = None,
    aliases_path: str | None = None,
    focus: str | None = DEFAULT_FOCUS,
) -> Iterator[pd.DataFrame]:
    """``events_of_shard`` over pandas frames with ``source`` and ``text`` columns: Spark's ``mapInPandas``."""
    import pandas as pd

    for frame in frames:
        rows = zip(frame["source"].astype(str), frame["text"].astype(str), strict=True)
        records = events_of_shard(rows, pub_date=pub_date, gazetteer_path=gazetteer_path, aliases_path=aliases_path,
                                  focus=focus)
        yield pd.DataFrame.from_records(records, columns=list(RECORD_TYPES))
