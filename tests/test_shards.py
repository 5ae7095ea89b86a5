"""strikemap.shards: a partition of reports in, event records out, the same on any engine."""

from __future__ import annotations

from pathlib import Path

import dask.bag as db
import pandas as pd

from strikemap.models import StrikeEvent
from strikemap.pipeline import extract_events
from strikemap.shards import RECORD_TYPES, SPARK_SCHEMA, events_of_frames, events_of_shard

ARTICLES = sorted((Path(__file__).resolve().parent.parent / "data" / "articles").glob("*.txt"))
REPORTS = [(p.name, p.read_text(encoding="utf-8")) for p in ARTICLES]


def _expected() -> list[dict[str, object]]:
    return [e.to_dict() for source, text in REPORTS
            for e in extract_events(text, source=source, pub_date="2019-05-07")]


def test_a_shard_gives_each_report_events_in_order() -> None:
    records = events_of_shard(REPORTS, pub_date="2019-05-07")
    assert len(records) > 20
    assert records == _expected()
    as_mappings = events_of_shard([{"source": s, "text": t} for s, t in REPORTS], pub_date="2019-05-07")
    assert as_mappings == records


def test_dask_partitions_give_the_same_records() -> None:
    bag = db.from_sequence(REPORTS, npartitions=4)
    records = bag.map_partitions(events_of_shard, pub_date="2019-05-07").compute(scheduler="processes")
    assert list(records) == _expected()


def test_frames_for_spark_map_in_pandas() -> None:
    columns = ["source", "text"]
    frames = [pd.DataFrame(REPORTS[:5], columns=columns), pd.DataFrame(REPORTS[5:], columns=columns)]
    out = list(events_of_frames(iter(frames), pub_date="2019-05-07"))
    assert len(out) == 2 and all(list(f.columns) == list(RECORD_TYPES) for f in out)
    assert sum(len(f) for f in out) == len(_expected())


def test_the_record_types_cover_every_field() -> None:
    event = StrikeEvent(event_id="x", event_type="shelling", lat=35.6, lon=36.6, location="Ariha", place_id=None,
                        geo_precision=1)
    assert list(event.to_dict()) == list(RECORD_TYPES)
    assert SPARK_SCHEMA.startswith("event_id string, event_date string") and "targets array<string>" in SPARK_SCHEMA
