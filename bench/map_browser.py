"""Open a built map in headless Chromium and time it until its event markers are drawn.

Usage::

    python bench/map_scale.py --keep /tmp/m.html && python bench/map_browser.py /tmp/m.html
    python bench/map_browser.py --events 100000          # builds the page first (bench/map_scale.py)

Needs Debian's chromium (``/usr/bin/chromium``) and the ``playwright`` package (no downloaded browser).
Reports, for each run: seconds from navigation until the first cluster or marker is on screen, seconds
until the page's script has finished (every event in its cluster, filters ready), and the page's
JavaScript heap (Chromium's ``JSHeapUsedSize``) then. Every network request but
``file:`` is refused, so the page is measured as it is used offline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DRAWN = "document.querySelectorAll('.marker-cluster, path.sm-event').length > 0"
LOADED = "window.strikemap !== undefined"


def measure_page(page_path: Path, runs: int = 3) -> dict[str, Any]:
    """Seconds until markers are drawn and JS heap in MB, per run, for the page at ``page_path``."""
    from playwright.sync_api import sync_playwright

    seconds, loaded, heaps = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable")
                start = time.perf_counter()
                page.goto(page_path.resolve().as_uri(), wait_until="commit", timeout=120_000)
                page.wait_for_function(DRAWN, timeout=120_000, polling=50)
                seconds.append(time.perf_counter() - start)
                page.wait_for_function(LOADED, timeout=300_000, polling=50)
                loaded.append(time.perf_counter() - start)
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                heaps.append(metrics.get("JSHeapUsedSize", 0.0) / 1e6)
                context.close()
        finally:
            browser.close()
    return {"drawn_s": [round(s, 3) for s in seconds], "loaded_s": [round(s, 3) for s in loaded],
            "js_heap_mb": [round(h, 1) for h in heaps],
            "drawn_s_median": round(statistics.median(seconds), 3),
            "loaded_s_median": round(statistics.median(loaded), 3),
            "js_heap_mb_median": round(statistics.median(heaps), 1)}


def measure(n: int, runs: int = 3) -> dict[str, Any]:
    """Build a map of ``n`` synthetic events (bench/map_scale.py) and measure it in the browser."""
    from bench.map_scale import measure as build

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "map.html"
        built = build(n, keep=page)
        result = measure_page(page, runs)
    return {"events": n, "html_bytes": built["html_bytes"], **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, help="a map page (else one is built with --events)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"error: {CHROMIUM} is missing (apt-get install chromium)")
    result = measure_page(args.page, args.runs) if args.page else measure(args.events, args.runs)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"first markers drawn after {result['drawn_s_median']:.2f} s (runs {result['drawn_s']}), "
              f"script done after {result['loaded_s_median']:.2f} s (runs {result['loaded_s']}), "
              f"JS heap {result['js_heap_mb_median']:.0f} MB")


if __name__ == "__main__":
    main()
