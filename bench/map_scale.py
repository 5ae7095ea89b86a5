"""Build a map of N synthetic events and report build time and HTML size.

Usage::

    python bench/map_scale.py                 # 100,000 events
    python bench/map_scale.py --events 2000 --json
    python bench/map_scale.py --keep maps/bench.html   # keep the page to open it in a browser

The events are spread over Idlib and northern Hama, with a few hundred place names, several actors, dates
over two years and evidence sentences drawn from a small set of templates (as real reports repeat them).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from strikemap.geoframe import events_to_frame  # noqa: E402
from strikemap.models import EVENT_TYPES, StrikeEvent  # noqa: E402
from strikemap.webmap.page import build_map, save_map  # noqa: E402

ACTORS = ["Syrian Air Force", "Russian Air Force", "Syrian Army", "HTS", "Turkish Army", "Unknown drone"]
TARGETS = ["hospital", "school", "market", "civil_defence", "camp", "residential"]
SENTENCES = [
    "Warplanes struck {place}, killing {n} civilians.",
    "Artillery shelled the outskirts of {place}.",
    "A drone hit a car near {place}, killing {n}.",
    "Barrel bombs fell on {place}; rescuers pulled {n} bodies from the rubble.",
]


def synthetic_events(n: int, *, seed: int = 7) -> list[StrikeEvent]:
    rng = random.Random(seed)
    places = [(f"Place {i}", rng.uniform(35.0, 36.6), rng.uniform(35.9, 37.2)) for i in range(400)]
    events = []
    for i in range(n):
        name, lat, lon = places[rng.randrange(len(places))]
        fatalities = rng.choice([None, 0, 1, 2, 3, 5, 8, 13])
        events.append(StrikeEvent(
            event_id=f"ev{i}", event_type=rng.choice(EVENT_TYPES), lat=lat + rng.gauss(0, 0.01),
            lon=lon + rng.gauss(0, 0.01), location=name, place_id=f"bench:{name}", geo_precision=1,
            event_date=f"{rng.choice([2019, 2020])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            actor1=rng.choice(ACTORS), admin1="Idlib" if lat > 35.6 else "Hama", fatalities=fatalities,
            injured=rng.choice([None, 0, 4, 10]), targets=tuple(rng.sample(TARGETS, rng.randint(0, 2))),
            source=f"https://example.org/report/{i // 5}",
            evidence=rng.choice(SENTENCES).format(place=name, n=fatalities or 0),
        ))
    return events


def measure(n: int, keep: Path | None = None) -> dict[str, Any]:
    """Build and save a map of ``n`` synthetic events; seconds and bytes."""
    frame = events_to_frame(synthetic_events(n))
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or Path(tmp) / "bench.html"
        start = time.perf_counter()
        m = build_map(frame, title=f"{n:,} synthetic events", tiles="none")
        built = time.perf_counter()
        save_map(m, out)
        done = time.perf_counter()
        size = out.stat().st_size
    return {"events": n, "build_s": round(built - start, 3), "save_s": round(done - built, 3),
            "seconds": round(done - start, 3), "html_bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--keep", type=Path, help="save the page here")
    args = parser.parse_args()
    result = measure(args.events, args.keep)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['events']:,} events: build {result['build_s']:.2f} s, write {result['save_s']:.2f} s, "
              f"total {result['seconds']:.2f} s, HTML {result['html_bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
