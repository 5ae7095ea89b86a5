"""Dump everything strikemap outputs for a fixed set of inputs, to compare two commits byte for byte.

A change meant to keep behaviour (a restructuring, a speed-up) is checked by running this at the commit
before and at the change, with each gazetteer, and comparing the folders::

    git stash; python bench/snapshot.py --out /tmp/snap-before --gazetteer FULL.jsonl; git stash pop
    python bench/snapshot.py --out /tmp/snap-after --gazetteer FULL.jsonl
    diff -r /tmp/snap-before /tmp/snap-after && echo identical

Inputs: the sample reports (``data/articles``), the founding report (``../shared/seed``, when present), the
Arabic reports (``tests/arabic``, ``data/articles-ar``) and a generated corpus (``bench/corpus.py``, ``--n``
reports, fixed seed). Outputs, one file each: the mentions of every report (geocode), the events of every
report, the merged events of each set exported as GeoJSON and CSV, and the top resolutions of a few
thousand names (exact, variant and typo spellings).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import make_corpus  # noqa: E402


def _texts(n: int) -> dict[str, list[tuple[str, str]]]:
    sets: dict[str, list[tuple[str, str]]] = {}
    articles = sorted((ROOT / "data" / "articles").glob("*.txt"))
    sets["articles"] = [(f"data/articles/{p.name}", p.read_text(encoding="utf-8")) for p in articles]
    seed = sorted((ROOT.parent / "shared" / "seed").glob("*.txt"))
    if seed:
        sets["seed"] = [(f"seed/{p.name}", p.read_text(encoding="utf-8")) for p in seed]
    arabic = [*sorted((ROOT / "tests" / "arabic").glob("**/*.txt")),
              *sorted((ROOT / "data" / "articles-ar").glob("*.txt"))]
    sets["arabic"] = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in arabic]
    sets["corpus"] = [(f"corpus/{i:05d}.txt", t) for i, t in enumerate(make_corpus(n))]
    return sets


def _mention(m: Any) -> dict[str, Any]:
    data: dict[str, Any] = m.to_dict()
    data["alternatives"] = [a.place.place_id for a in m.alternatives]
    return data


def snapshot(out: Path, gazetteer: Path | None, n: int) -> None:
    from bench.run import name_sets
    from strikemap.export import write_events
    from strikemap.gazetteer.lookup import load_gazetteer
    from strikemap.geoframe import events_to_frame
    from strikemap.pipeline import extract_events, geocode_article
    from strikemap.webmap.payload import map_payload

    gaz = load_gazetteer(gazetteer) if gazetteer else load_gazetteer()
    out.mkdir(parents=True, exist_ok=True)
    for name, texts in _texts(n).items():
        events_all = []
        with (out / f"{name}.geocode.jsonl").open("w", encoding="utf-8") as g, \
                (out / f"{name}.events.jsonl").open("w", encoding="utf-8") as e:
            for source, text in texts:
                result = geocode_article(text, source=source, gazetteer=gaz)
                g.write(json.dumps([source, [_mention(m) for m in result.mentions]], ensure_ascii=False) + "\n")
                events = extract_events(text, source=source, pub_date="2019-05-07", gazetteer=gaz)
                events_all.extend(events)
                e.write(json.dumps([source, [ev.to_dict() for ev in events]], ensure_ascii=False) + "\n")
        for fmt in ("geojson", "csv"):
            data = write_events(events_all, None, fmt)
            (out / f"{name}.events.{fmt}").write_bytes(data or b"")
        # The map page's data: everything the browser is given, as JSON.
        payload = map_payload(events_to_frame(events_all), title=f"snapshot {name}")
        (out / f"{name}.map.json").write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=0),
                                              encoding="utf-8")
    names = name_sets(gaz, 1000)
    with (out / "resolve.jsonl").open("w", encoding="utf-8") as r:
        for kind in ("exact", "variant", "fuzzy"):
            for query in names[kind]:
                matches = gaz.lookup(query, limit=3)
                r.write(json.dumps([kind, query, [(m.place.place_id, round(m.score, 3)) for m in matches]],
                                   ensure_ascii=False) + "\n")


CLI_RUNS = [
    ["--help"], ["resolve", "--help"], ["geocode", "--help"], ["events", "--help"], ["map", "--help"],
    ["evaluate", "--help"], ["gazetteer", "--help"], ["gazetteer", "build", "--help"],
    ["gazetteer", "info", "--help"], ["gazetteer", "fetch", "--help"], ["gazetteer", "info"],
    ["resolve", "Jisr Al-Shqour", "Suran", "Kafr Nabl", "جسر الشغور", "Maarat al-Numan", "Nowhere-at-all"],
    ["resolve", "Suran", "--context", "northern Hama", "--json", "--limit", "5"],
    ["geocode", "data/articles", "--format", "csv"],
    ["events", "data/articles", "--format", "csv"],
    ["events", "data/articles", "--format", "geojson"],
    ["resolve", "--bad-option"], ["events", "no-such-file.txt"],
]


def cli_snapshot(out: Path, gazetteer: Path | None) -> None:
    """Each command's help, and what a few runs print and exit with (run as a user would)."""
    import os
    import subprocess

    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("STRIKEMAP_GAZETTEER", None)
    if gazetteer:
        env["STRIKEMAP_GAZETTEER"] = str(gazetteer.resolve())
    with (out / "cli.txt").open("w", encoding="utf-8") as f:
        for args in CLI_RUNS:
            run = subprocess.run([sys.executable, "-m", "strikemap", *args], capture_output=True, text=True,
                                 cwd=ROOT, env=env, check=False)
            f.write(f"$ strikemap {' '.join(args)}\n[exit {run.returncode}]\n{run.stdout}\n[stderr]\n{run.stderr}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write the snapshot into")
    parser.add_argument("--gazetteer", type=Path, help="a built gazetteer (default: the shipped one)")
    parser.add_argument("--n", type=int, default=500, help="generated reports (default 500)")
    args = parser.parse_args()
    snapshot(args.out, args.gazetteer, args.n)
    cli_snapshot(args.out, args.gazetteer)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
