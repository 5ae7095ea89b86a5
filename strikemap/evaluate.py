"""Scoring strikemap against human coding: ACLED-style records in, agreement figures out.

Each record's ``notes`` go through the pipeline (publication date = the record's date) and the events
that come out are compared with what the coders wrote: the point (within 5 km where they coded an exact
place, geo_precision 1; within 25 km where they coded a place nearby or a region, 2 or 3), the event type,
the fatalities and the date. Records of a kind strikemap should not turn into strikes (protests, abductions,
agreements, ...) count the events they wrongly gave.

Which event is compared: the one nearest the coded point (the report may name several places; the record
codes one). Fatalities are the sum over the record's events, so a toll copied to a second event counts as
wrong. A record whose coders gave 0 (ACLED's code for none and for unknown) agrees with no toll read.

The held-out third: a record is held out when the SHA-256 of its id, read as a number, is divisible by 3
(:func:`split_of`). The rule looks only at the id, never at a result, so it can be fixed before scoring and
stays the same as records are added.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import iso_date
from .errors import InputError
from .gazetteer.lookup import Gazetteer, load_gazetteer
from .geo import haversine_km
from .models import StrikeEvent
from .pipeline import extract_events

__all__ = [
    "EXPECTED_TYPES",
    "CodedRecord",
    "Evaluation",
    "RecordResult",
    "evaluate_file",
    "evaluate_records",
    "format_report",
    "read_coded",
    "split_of",
]

SPLITS = ("all", "dev", "heldout")
EXACT_KM = 5.0
APPROXIMATE_KM = 25.0

# The strikemap event types that agree with each ACLED sub-event type. A sub-event type absent from this
# table (protests, abductions, agreements, arrests, ...) should give no event at all.
EXPECTED_TYPES: Mapping[str, frozenset[str]] = {
    "air/drone strike": frozenset({"air_strike", "drone_strike", "barrel_bomb", "missile_strike"}),
    "shelling/artillery/missile attack": frozenset({"shelling", "missile_strike"}),
    "armed clash": frozenset({"ground_clash"}),
    "government regains territory": frozenset({"ground_clash"}),
    "non-state actor overtakes territory": frozenset({"ground_clash"}),
    "remote explosive/landmine/ied": frozenset({"other", "shelling", "missile_strike", "drone_strike"}),
    "grenade": frozenset({"other", "shelling"}),
    "suicide bomb": frozenset({"other"}),
    "attack": frozenset({"other", "ground_clash", "shelling", "air_strike", "drone_strike"}),
}
# The strike and clash records the headline figure is about.
STRIKE_AND_CLASH = frozenset({"air/drone strike", "shelling/artillery/missile attack", "armed clash"})

_REQUIRED = ("notes", "latitude", "longitude", "geo_precision", "sub_event_type")


@dataclass(frozen=True, slots=True)
class CodedRecord:
    """One coded record: the coders' text and their answer."""

    record_id: str
    notes: str
    lat: float
    lon: float
    geo_precision: int
    event_type: str
    sub_event_type: str
    fatalities: int
    event_date: str | None
    location: str = ""

    @property
    def tolerance_km(self) -> float:
        """5 km for an exact place (geo_precision 1), 25 km for a place nearby or a region."""
        return EXACT_KM if self.geo_precision == 1 else APPROXIMATE_KM

    @property
    def expected_types(self) -> frozenset[str] | None:
        """The event types that agree, or None when the record should give no event."""
        return EXPECTED_TYPES.get(self.sub_event_type.strip().lower())

    @property
    def is_strike_or_clash(self) -> bool:
        return self.sub_event_type.strip().lower() in STRIKE_AND_CLASH


def split_of(record_id: str) -> str:
    """``heldout`` for a third of the ids (SHA-256 of the id divisible by 3), else ``dev``.

    Examples
    --------
    >>> split_of("SYR97662") in ("dev", "heldout")
    True
    """
    digest = hashlib.sha256(record_id.strip().encode("utf-8")).hexdigest()
    return "heldout" if int(digest, 16) % 3 == 0 else "dev"


def _number(row: Mapping[str, str], name: str, where: str) -> float:
    text = (row.get(name) or "").strip()
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{where}: {name} {text!r} is not a number") from None


def read_coded(path: str | Path) -> list[CodedRecord]:
    """The records of an ACLED-style CSV export (ACLED's column names; ``event_date`` or ``date``).

    Raises
    ------
    InputError
        A missing column, a value that is not a number, or a file that is not UTF-8 CSV.
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        from .errors import NotFoundError

        raise NotFoundError(f"{name}: no such file; give an ACLED CSV export") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text; export the CSV as UTF-8") from None
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InputError(f"{name}: not readable as CSV ({exc})") from None
    if not rows:
        raise InputError(f"{name}: no records; expected a header line and one row per event")
    missing = [c for c in _REQUIRED if c not in rows[0]]
    if missing:
        raise InputError(f"{name}: missing column(s) {', '.join(missing)}; expected ACLED's export columns")
    records = []
    for number, row in enumerate(rows, 2):
        where = f"{name}:{number}"
        record_id = (row.get("event_id_cnty") or row.get("id") or row.get("event_id") or "").strip()
        precision = int(_number(row, "geo_precision", where))
        if precision not in (1, 2, 3):
            raise InputError(f"{where}: geo_precision {precision} is not 1, 2 or 3")
        fatalities = (row.get("fatalities") or "0").strip() or "0"
        records.append(
            CodedRecord(
                record_id=record_id or f"row{number}",
                notes=row.get("notes") or "",
                lat=_number(row, "latitude", where),
                lon=_number(row, "longitude", where),
                geo_precision=precision,
                event_type=(row.get("event_type") or "").strip(),
                sub_event_type=(row.get("sub_event_type") or "").strip(),
                fatalities=int(_number({"fatalities": fatalities}, "fatalities", where)),
                event_date=_iso_date(row.get("event_date") or row.get("date")),
                location=(row.get("location") or "").strip(),
            )
        )
    return records


def _iso_date(value: str | None) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    day = iso_date(text)
    if day is not None:
        return day.isoformat()
    try:  # "7 May 2019", as some coders' exports write it
        return dt.datetime.strptime(text, "%d %B %Y").date().isoformat()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class RecordResult:
    """What strikemap made of one record, compared with the coding."""

    record: CodedRecord
    split: str
    events: tuple[StrikeEvent, ...]
    nearest: StrikeEvent | None
    error_km: float | None

    @property
    def located(self) -> bool:
        return self.error_km is not None and self.error_km <= self.record.tolerance_km

    @property
    def type_agrees(self) -> bool:
        expected = self.record.expected_types
        return self.nearest is not None and expected is not None and self.nearest.event_type in expected

    @property
    def fatalities(self) -> int:
        return sum(e.fatalities or 0 for e in self.events)

    @property
    def fatalities_agree(self) -> bool:
        return self.fatalities == self.record.fatalities

    @property
    def date_agrees(self) -> bool:
        return self.nearest is not None and self.nearest.event_date == self.record.event_date

    def to_dict(self) -> dict[str, Any]:
        near = self.nearest
        return {
            "id": self.record.record_id,
            "split": self.split,
            "sub_event_type": self.record.sub_event_type,
            "geo_precision": self.record.geo_precision,
            "coded_location": self.record.location,
            "coded_lat": self.record.lat,
            "coded_lon": self.record.lon,
            "events": len(self.events),
            "location": near.location if near else None,
            "place_id": near.place_id if near else None,
            "error_km": round(self.error_km, 1) if self.error_km is not None else None,
            "located": self.located,
            "event_type": near.event_type if near else None,
            "type_agrees": self.type_agrees,
            "coded_fatalities": self.record.fatalities,
            "fatalities": self.fatalities,
            "coded_date": self.record.event_date,
            "event_date": near.event_date if near else None,
            "all_locations": [e.location for e in self.events],
        }


@dataclass(frozen=True, slots=True)
class Group:
    """Figures over a set of records."""

    name: str
    results: tuple[RecordResult, ...]

    def figures(self) -> dict[str, Any]:
        strikes = [r for r in self.results if r.record.expected_types is not None]
        others = [r for r in self.results if r.record.expected_types is None]
        errors = [r.error_km for r in strikes if r.error_km is not None]
        return {
            "group": self.name,
            "records": len(self.results),
            "with_event": sum(bool(r.events) for r in strikes),
            "located": sum(r.located for r in strikes),
            "type_agrees": sum(r.type_agrees for r in strikes),
            "fatalities_agree": sum(r.fatalities_agree for r in strikes),
            "date_agrees": sum(r.date_agrees for r in strikes),
            "scored": len(strikes),
            "median_km": round(statistics.median(errors), 1) if errors else None,
            "non_strike_records": len(others),
            "events_from_non_strike": sum(len(r.events) for r in others),
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Every record's result and the figures by group."""

    split: str
    results: tuple[RecordResult, ...] = field(default=())

    def groups(self) -> list[Group]:
        """Strike and clash records, then each sub-event type, each geo precision, and everything."""
        rs = self.results
        out = [Group("strike and clash", tuple(r for r in rs if r.record.is_strike_or_clash))]
        for sub in sorted({r.record.sub_event_type for r in rs}):
            out.append(Group(sub, tuple(r for r in rs if r.record.sub_event_type == sub)))
        for precision in sorted({r.record.geo_precision for r in rs}):
            out.append(Group(f"geo_precision {precision}", tuple(r for r in rs if r.record.geo_precision == precision)))
        out.append(Group("all", rs))
        return out

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"split": self.split, "groups": [g.figures() for g in self.groups()]}
        if details:
            data["records"] = [r.to_dict() for r in self.results]
        return data


def _compare(record: CodedRecord, events: Sequence[StrikeEvent], split: str) -> RecordResult:
    nearest: StrikeEvent | None = None
    error: float | None = None
    for event in events:
        km = haversine_km(record.lat, record.lon, event.lat, event.lon)
        if error is None or km < error:
            nearest, error = event, km
    return RecordResult(record, split, tuple(events), nearest, error)


def evaluate_records(
    records: Iterable[CodedRecord], *, gazetteer: Gazetteer | None = None, split: str = "all"
) -> Evaluation:
    """Run each record's notes through the pipeline and compare with the coding.

    Parameters
    ----------
    split
        ``all``, ``dev`` (records :func:`split_of` keeps for development) or ``heldout`` (the third
        never tuned on).
    """
    if split not in SPLITS:
        raise InputError(f"split {split!r}: use one of {', '.join(SPLITS)}")
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    results = []
    for record in records:
        part = split_of(record.record_id)
        if split != "all" and part != split:
            continue
        events = extract_events(record.notes, source=record.record_id, pub_date=record.event_date, gazetteer=gaz)
        results.append(_compare(record, events, part))
    return Evaluation(split, tuple(results))


def evaluate_file(path: str | Path, *, gazetteer: Gazetteer | None = None, split: str = "all") -> Evaluation:
    """:func:`read_coded` then :func:`evaluate_records`."""
    return evaluate_records(read_coded(path), gazetteer=gazetteer, split=split)


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} {100 * part / whole:3.0f}%" if whole else "-"


def format_report(evaluation: Evaluation, *, details: bool = False) -> str:
    """A plain-text table of the figures by group (and, with ``details``, one line per record)."""
    lines = [f"split: {evaluation.split}; located = nearest event within 5 km (geo_precision 1) or 25 km (2, 3)"]
    header = ("group", "n", "located", "type", "fatalities", "date", "median km", "events from non-strike")
    rows = [header]
    for group in evaluation.groups():
        f = group.figures()
        n = f["scored"]
        rows.append(
            (
                f["group"],
                str(f["records"]),
                _pct(f["located"], n),
                _pct(f["type_agrees"], n),
                _pct(f["fatalities_agree"], n),
                _pct(f["date_agrees"], n),
                "-" if f["median_km"] is None else f"{f['median_km']:.1f}",
                f"{f['events_from_non_strike']} of {f['non_strike_records']}" if f["non_strike_records"] else "-",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if details:
        lines.append("")
        for r in evaluation.results:
            d = r.to_dict()
            mark = "ok " if r.located else "MISS"
            km = "-" if d["error_km"] is None else f"{d['error_km']:.1f} km"
            lines.append(
                f"{mark} {d['id']} [{d['split']}] {d['sub_event_type']} gp{d['geo_precision']}: coded "
                f"{d['coded_location'] or '?'}, got {d['location'] or 'no event'} ({km}); type {d['event_type']}; "
                f"deaths {d['fatalities']}/{d['coded_fatalities']}; date {d['event_date']}/{d['coded_date']}; "
                f"events {d['all_locations']}"
            )
    return "\n".join(lines) + "\n"
