"""Score strikemap's events against the hand-written expectations of the real-shape reports.

Each report in ``reports/`` has an entry in ``expected.json``: the places it says were struck (with the
deaths it puts at each) and the places it names that were not struck, with their role (origin,
reference, destination, person_origin, container, dateline, organisation, actor, person). The expectations
were written by reading each report, never from strikemap's output.

An event is at an expected place when it has the place's ``place_id`` or lies within 3 km of the
place's coordinates. Figures, for the development and held-out splits separately:

- struck places found: expected struck places with at least one event there;
- events at a struck place: events output that are at one of the report's struck places;
- wrong-role events: events at a place the report names only as an origin, reference, destination or
  a person's origin (and, counted apart, containers, datelines, organisations, actors and persons);
- fatalities right: of the struck places found, those whose events carry the deaths the report puts
  there (summed over the place's events, so a double count is wrong; none given equals 0; a vague
  count such as "several" is right when a positive number is given; one total over several places is
  right when those places' events add up to it);
- event type right: of the struck places found, those whose first event has the expected type;
- report death totals right: reports whose events' deaths add up to the report's own total (reports
  with vague counts left out).

The held-out split is every report whose number is a multiple of 3 (03, 06, 09, ...): it is scored and
reported, never used to tune rules. Run::

    python -m tests.realtext.score [--split dev|heldout|all] [--gazetteer PATH] [--details]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strikemap.gazetteer.lookup import Gazetteer, load_gazetteer
from strikemap.geo import haversine_km
from strikemap.models import StrikeEvent
from strikemap.pipeline import extract_events

HERE = Path(__file__).resolve().parent
REPORTS = HERE / "reports"
EXPECTED = HERE / "expected.json"
TOLERANCE_KM = 3.0
HELD_OUT_EVERY = 3  # report numbers divisible by this are held out
SPLITS = ("dev", "heldout")
WRONG_ROLES = ("origin", "reference", "destination", "person_origin")
OTHER_ROLES = ("container", "dateline", "organisation", "actor", "person", "incident")
ROLES = WRONG_ROLES + OTHER_ROLES


def report_number(stem: str) -> int:
    """``"12-kamikaze-drone"`` -> 12."""
    return int(stem.split("-", 1)[0])


def split_of(stem: str) -> str:
    """The fixed split rule: held out when the report's number is a multiple of 3."""
    return "heldout" if report_number(stem) % HELD_OUT_EVERY == 0 else "dev"


def load_expected(path: Path = EXPECTED) -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def at_place(event: StrikeEvent, place: dict[str, Any], known_ids: frozenset[str] = frozenset()) -> bool:
    """The event is at the expected place: same place_id, or within TOLERANCE_KM of its coordinates.

    ``also_place_ids`` are other records that stand for the same mention (the district and the
    countryside area named after a governorate). ``known_ids`` are all the place_ids the report's
    expectation names: an event at one of them is at that place only, not at a neighbour 2 km away
    (Hass and Kafr Nabl).
    """
    ids = _ids(place)
    if event.place_id is not None and event.place_id in known_ids:
        return event.place_id in ids
    if event.place_id is not None and event.place_id in ids:
        return True
    if "lat" not in place:
        return False
    return haversine_km(event.lat, event.lon, place["lat"], place["lon"]) <= TOLERANCE_KM


def _ids(place: dict[str, Any]) -> set[str]:
    ids = set(place.get("also_place_ids", ()))
    if place.get("place_id"):
        ids.add(place["place_id"])
    return ids


def _deaths(events: Iterable[StrikeEvent]) -> int | None:
    values = [e.fatalities for e in events if e.fatalities is not None]
    return sum(values) if values else None


@dataclass
class ReportResult:
    """One report scored: what was found, missed and wrongly made an event."""

    stem: str
    split: str
    struck_total: int = 0
    struck_found: int = 0
    events_total: int = 0
    events_at_struck: int = 0
    fatalities_checked: int = 0
    fatalities_right: int = 0
    types_right: int = 0
    total_checked: bool = False
    total_right: bool = False
    wrong_roles: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def score_report(stem: str, expected: dict[str, Any], events: Sequence[StrikeEvent]) -> ReportResult:
    """Compare one report's events with its expectation."""
    res = ReportResult(stem=stem, split=split_of(stem))
    struck = expected["struck"]
    res.struck_total = len(struck)
    res.events_total = len(events)
    known = frozenset(i for p in (*struck, *expected["not_struck"]) for i in _ids(p))
    matched = [[e for e in events if at_place(e, p, known)] for p in struck]

    shared_groups: dict[int, list[int]] = {}
    for i, place in enumerate(struck):
        if "shared_fatalities" in place:
            shared_groups.setdefault(place["shared_fatalities"], []).append(i)

    for place, evs in zip(struck, matched, strict=True):
        if not evs:
            res.problems.append(f"missed {place['name']}")
            continue
        res.struck_found += 1
        if evs[0].event_type == place["event_type"]:
            res.types_right += 1
        else:
            res.problems.append(f"{place['name']}: type {evs[0].event_type}, want {place['event_type']}")
        got = _deaths(evs)
        if "shared_fatalities" in place:
            total = place["shared_fatalities"]
            group = shared_groups[total]
            got_group = _deaths({id(e): e for j in group for e in matched[j]}.values())
            right = (got_group or 0) == total
            shown = f"{got_group} over {len(group)} places, want {total} in all"
        elif "fatalities_vague" in place:
            right = got is not None and got > 0
            shown = f"{got}, want a positive count ({place['fatalities_vague']})"
        else:
            right = (got or 0) == (place["fatalities"] or 0)
            shown = f"{got}, want {place['fatalities']}"
        res.fatalities_checked += 1
        if right:
            res.fatalities_right += 1
        else:
            res.problems.append(f"{place['name']}: deaths {shown}")
        if len(evs) > 1:
            res.problems.append(f"{place['name']}: {len(evs)} events")

    for event in events:
        if any(at_place(event, p, known) for p in struck):
            res.events_at_struck += 1
            continue
        role = next((o["role"] for o in expected["not_struck"] if at_place(event, o, known)), None)
        if role is not None:
            res.wrong_roles[role] += 1
        res.problems.append(f"extra event {event.location} ({event.admin1}) [{role or 'not named as a place'}]")

    if not any("fatalities_vague" in p for p in struck):
        want_total = sum(p.get("fatalities") or 0 for p in struck) + sum(shared_groups)
        got_total = sum(e.fatalities or 0 for e in events)
        res.total_checked = True
        res.total_right = got_total == want_total
        if not res.total_right:
            res.problems.append(f"report deaths {got_total}, want {want_total}")
    return res


@dataclass
class Figures:
    """The figures of one split."""

    split: str
    reports: int = 0
    struck_total: int = 0
    struck_found: int = 0
    events_total: int = 0
    events_at_struck: int = 0
    fatalities_checked: int = 0
    fatalities_right: int = 0
    types_right: int = 0
    totals_checked: int = 0
    totals_right: int = 0
    wrong_roles: Counter[str] = field(default_factory=Counter)

    def add(self, r: ReportResult) -> None:
        self.reports += 1
        self.struck_total += r.struck_total
        self.struck_found += r.struck_found
        self.events_total += r.events_total
        self.events_at_struck += r.events_at_struck
        self.fatalities_checked += r.fatalities_checked
        self.fatalities_right += r.fatalities_right
        self.types_right += r.types_right
        self.totals_checked += int(r.total_checked)
        self.totals_right += int(r.total_right)
        self.wrong_roles.update(r.wrong_roles)

    @staticmethod
    def _pct(part: int, whole: int) -> float:
        return round(100.0 * part / whole, 1) if whole else 0.0

    @property
    def struck_found_pct(self) -> float:
        return self._pct(self.struck_found, self.struck_total)

    @property
    def events_at_struck_pct(self) -> float:
        return self._pct(self.events_at_struck, self.events_total)

    @property
    def wrong_role_events(self) -> int:
        """Events at an origin, reference, destination or a person's origin."""
        return sum(self.wrong_roles[r] for r in WRONG_ROLES)

    @property
    def fatalities_right_pct(self) -> float:
        return self._pct(self.fatalities_right, self.fatalities_checked)

    @property
    def types_right_pct(self) -> float:
        return self._pct(self.types_right, self.struck_found)

    @property
    def totals_right_pct(self) -> float:
        return self._pct(self.totals_right, self.totals_checked)

    def as_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "reports": self.reports,
            "struck_found_pct": self.struck_found_pct,
            "struck_found": f"{self.struck_found}/{self.struck_total}",
            "events_at_struck_pct": self.events_at_struck_pct,
            "events_at_struck": f"{self.events_at_struck}/{self.events_total}",
            "wrong_role_events": self.wrong_role_events,
            "wrong_roles": dict(sorted(self.wrong_roles.items())),
            "fatalities_right_pct": self.fatalities_right_pct,
            "fatalities_right": f"{self.fatalities_right}/{self.fatalities_checked}",
            "types_right_pct": self.types_right_pct,
            "totals_right_pct": self.totals_right_pct,
            "totals_right": f"{self.totals_right}/{self.totals_checked}",
        }

    def line(self) -> str:
        others = ", ".join(f"{r} {self.wrong_roles[r]}" for r in OTHER_ROLES if self.wrong_roles[r])
        return (
            f"{self.split:8} {self.reports:3d} reports | struck places found {self.struck_found_pct:5.1f}% "
            f"({self.struck_found}/{self.struck_total}) | events at a struck place {self.events_at_struck_pct:5.1f}% "
            f"({self.events_at_struck}/{self.events_total}) | origin/reference/destination events "
            f"{self.wrong_role_events} | fatalities right {self.fatalities_right_pct:5.1f}% "
            f"({self.fatalities_right}/{self.fatalities_checked}) | type right {self.types_right_pct:5.1f}% | "
            f"report totals right {self.totals_right_pct:5.1f}% ({self.totals_right}/{self.totals_checked})"
            + (f" | also made events: {others}" if others else "")
        )


def run(
    split: str = "all", *, gazetteer: Gazetteer | None = None, expected: dict[str, dict[str, Any]] | None = None
) -> tuple[dict[str, Figures], list[ReportResult]]:
    """Run the pipeline on the reports of ``split`` ("dev", "heldout" or "all") and score them."""
    if split not in (*SPLITS, "all"):
        raise ValueError(f"split must be dev, heldout or all, got {split!r}")
    expected = load_expected() if expected is None else expected
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    figures = {s: Figures(s) for s in SPLITS}
    results = []
    for stem in sorted(expected, key=report_number):
        if split != "all" and split_of(stem) != split:
            continue
        text = (REPORTS / f"{stem}.txt").read_text(encoding="utf-8")
        want = expected[stem]
        events = extract_events(text, source=stem, pub_date=want.get("pub_date"), gazetteer=gaz)
        result = score_report(stem, want, events)
        figures[result.split].add(result)
        results.append(result)
    if split != "all":
        figures = {split: figures[split]}
    return figures, results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.realtext.score", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--gazetteer", help="a built gazetteer (default: the shipped one)")
    parser.add_argument("--details", action="store_true", help="list each report's misses and extra events")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    gaz = None
    if args.gazetteer:
        path = Path(args.gazetteer)
        if not path.is_file():
            print(f"error: no gazetteer file at {path}", file=sys.stderr)
            return 2
        gaz = Gazetteer.load(path)
    figures, results = run(args.split, gazetteer=gaz)
    if args.details:
        for r in results:
            if r.problems:
                print(f"{r.stem} [{r.split}]: " + "; ".join(r.problems))
        print()
    if args.json:
        print(json.dumps({s: f.as_dict() for s, f in figures.items()}, indent=1))
    else:
        for f in figures.values():
            print(f.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
