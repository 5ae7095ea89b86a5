"""Time and peak memory of one long report: does the cost grow with the text, or faster?

Archive dumps, transcripts and monthly round-ups come as one long file. This builds single reports of the
given sizes from the generated corpus (``bench/corpus.py``, fixed seed: reports joined with blank lines),
and runs ``strikemap events FILE`` on each in a fresh process (one core), reporting wall time, peak
resident memory (the child's ``ru_maxrss``) and the ratio of each size's time to the 1 MB one's::

    python bench/long_reports.py                      # 0.1, 1, 3 and 10 MB, default gazetteer
    python bench/long_reports.py --sizes 0.1 1 --gazetteer /tmp/strikemap-full.jsonl --out long.json

Only the standard library and strikemap are used.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from corpus import make_corpus  # noqa: E402

MB = 1_000_000


def long_text(megabytes: float, *, seed: int = 11) -> str:
    """One report of at most ``megabytes`` MB (UTF-8), from corpus reports joined by blank lines.

    At most, not about: 10 MB is also the CLI's limit for one report (``inputs.MAX_BYTES``), which a
    report one corpus text over it would exceed.
    """
    target = int(megabytes * MB)
    parts: list[str] = []
    size = -2  # no blank line before the first report
    batch = 0
    while True:
        for text in make_corpus(200, seed=seed + batch):
            grown = size + 2 + len(text.encode("utf-8"))
            if grown > target:
                return "\n\n".join(parts)
            parts.append(text)
            size = grown
        batch += 1


def run_one(path: Path, gazetteer: Path | None) -> dict[str, Any]:
    """``strikemap events PATH`` in a child process: seconds, peak RSS in MB, events written."""
    out = path.with_suffix(".geojson")
    cmd = [sys.executable, "-m", "strikemap", "events", str(path), "-o", str(out)]
    if gazetteer:
        cmd += ["--gazetteer", str(gazetteer)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise SystemExit(f"strikemap failed on {path}: {proc.stderr.strip()}")
    events = len(json.loads(out.read_text(encoding="utf-8"))["features"])
    # ru_maxrss of children is the largest child so far: sizes run smallest first, so it is this one's.
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(max(peak_kb, before) / 1024, 1), "events": events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 3, 10], help="report sizes in MB")
    parser.add_argument("--gazetteer", type=Path, help="a built gazetteer (default: the shipped one)")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            path = Path(tmp) / f"long-{size:g}MB.txt"
            path.write_text(long_text(size), encoding="utf-8")
            row = {"mb": size, "bytes": path.stat().st_size, **run_one(path, args.gazetteer)}
            rows.append(row)
            print(f"{size:>6g} MB  {row['seconds']:>8.2f} s  {row['peak_rss_mb']:>7.1f} MB peak  "
                  f"{row['events']:>6} events", flush=True)
    one = next((r for r in rows if r["mb"] == 1), None)
    if one:
        for row in rows:
            row["time_vs_1mb"] = round(row["seconds"] / one["seconds"], 2)
        print("time / time at 1 MB: " + ", ".join(f"{r['mb']:g} MB {r['time_vs_1mb']}" for r in rows))
    if args.out:
        args.out.write_text(json.dumps({"gazetteer": str(args.gazetteer or "default"), "rows": rows}, indent=1),
                            encoding="utf-8")


if __name__ == "__main__":
    main()
