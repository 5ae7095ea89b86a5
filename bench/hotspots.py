"""Where the time goes: cProfile of the per-article work, ``python -X importtime`` of the command line.

    python bench/hotspots.py geocode --gazetteer /tmp/strikemap-full.jsonl   # top functions by own time
    python bench/hotspots.py events --n 400
    python bench/hotspots.py fuzzy --gazetteer /tmp/strikemap-full.jsonl     # the fuzzy fallback alone
    python bench/hotspots.py import -- resolve "Jisr Al-Shqour"              # slowest imports of a command

Shares are of the profiled total; cProfile slows pure-Python code more than C, so read them as ranks.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import subprocess
import sys
from pathlib import Path

import corpus
import run


def profile_articles(stage: str, gazetteer: Path | None, n: int, top: int) -> None:
    from strikemap.gazetteer.lookup import load_gazetteer

    if gazetteer is not None:
        import os

        os.environ["STRIKEMAP_GAZETTEER"] = str(gazetteer.resolve())
    load_gazetteer()
    func = run.geocode_doc if stage == "geocode" else run.events_doc
    texts = corpus.make_corpus(n)
    func(texts[0])  # the name automaton is built outside the profile
    run.clear_name_caches()
    prof = cProfile.Profile()
    prof.enable()
    for text in texts:
        func(text)
    prof.disable()
    _print_stats(prof, top, f"{stage}: {n} reports")


def profile_fuzzy(gazetteer: Path | None, n: int, top: int) -> None:
    from strikemap.gazetteer.lookup import load_gazetteer
    from strikemap.resolver import resolve

    gaz = load_gazetteer(gazetteer)
    names = run.name_sets(gaz, n)["fuzzy"]
    run.clear_name_caches()
    prof = cProfile.Profile()
    prof.enable()
    for name in names:
        resolve(name, gazetteer=gaz)
    prof.disable()
    _print_stats(prof, top, f"fuzzy fallback: {len(names)} names")


def _print_stats(prof: cProfile.Profile, top: int, title: str) -> None:
    stats = pstats.Stats(prof)
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])  # type: ignore[attr-defined]
    print(f"{title}: {total:.2f} s profiled; top {top} functions by own time")
    print(f"{'own %':>6} {'cum %':>6} {'calls':>9}  function")
    for (path, line, name), (_cc, calls, own, cum, _callers) in rows[:top]:
        where = f"{Path(path).name}:{line}" if line else path
        print(f"{100 * own / total:6.1f} {100 * cum / total:6.1f} {calls:9d}  {name} ({where})")
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    print("\nby cumulative time:")
    print("\n".join(line for line in buf.getvalue().splitlines() if "/" in line or "ncalls" in line))


def profile_imports(argv: list[str], top: int) -> None:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "strikemap", *argv], capture_output=True,
                          text=True, timeout=120)
    rows = []
    for line in proc.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if not line.startswith("import time:") or len(parts) != 3 or not parts[0].strip().isdigit():
            continue  # the header line, or another message
        own, cum, name = parts
        rows.append((int(cum), int(own), name.rstrip()))
    rows.sort(reverse=True)
    print(f"python -X importtime -m strikemap {' '.join(argv)}: top {top} imports by cumulative time")
    print(f"{'cum ms':>8} {'self ms':>8}  module")
    for cum, own, name in rows[:top]:
        print(f"{cum / 1000:8.1f} {own / 1000:8.1f}  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["geocode", "events", "fuzzy", "import"])
    parser.add_argument("--gazetteer", type=Path, default=None)
    parser.add_argument("--n", type=int, default=400, help="reports (or names) to profile")
    parser.add_argument("--top", type=int, default=20)
    args, rest = parser.parse_known_args()  # with 'import': the strikemap arguments, after --
    if args.what == "import":
        profile_imports([a for a in rest if a != "--"] or ["--help"], args.top)
    elif args.what == "fuzzy":
        profile_fuzzy(args.gazetteer, args.n, args.top)
    else:
        profile_articles(args.what, args.gazetteer, args.n, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
