"""Rebuild the README's screenshots of the sample map, at a laptop's and a phone's size.

    python docs/screenshots.py          # after rebuilding maps/sample.html (see the README)

Opens ``maps/sample.html`` in headless Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright,
every request but ``file:`` refused, so no basemap), saves ``docs/map.png`` (1366x768),
``docs/map-popup.png`` (the same with a popup open) and ``docs/map-phone.png`` (390x844), and writes
``docs/screenshots.json`` with a digest of what they show: the page's data table and strikemap's map
script and stylesheet. ``tests/test_browser.py`` recomputes the digest and fails when the screenshots
are stale.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "maps" / "sample.html"
DOCS = ROOT / "docs"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def digest(page: Path = PAGE) -> str:
    """What the screenshots show: the sample page's data and strikemap's own map code."""
    text = page.read_text(encoding="utf-8")
    tables = re.findall(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', text, flags=re.S)
    h = hashlib.sha256()
    for table in tables:
        h.update(json.dumps(json.loads(table), sort_keys=True).encode())
    for name in ("webmap.js", "webmap.css"):
        h.update((ROOT / "strikemap" / "data" / name).read_bytes())
    return h.hexdigest()


def main() -> None:
    from playwright.sync_api import sync_playwright

    if not PAGE.exists():
        sys.exit(f"error: {PAGE} is missing: build it with the README's first set-up command")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, size in (("map", (1366, 768)), ("map-phone", (390, 844))):
            context = browser.new_context(viewport={"width": size[0], "height": size[1]})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page = context.new_page()
            page.goto(PAGE.as_uri())
            page.wait_for_function("window.strikemap !== undefined")
            page.wait_for_timeout(500)
            page.screenshot(path=str(DOCS / f"{name}.png"))
            if name == "map":
                page.locator("path.sm-air_strike").first.click(force=True)
                page.locator(".leaflet-popup-content").wait_for()
                page.wait_for_timeout(500)
                page.screenshot(path=str(DOCS / "map-popup.png"))
            context.close()
        browser.close()
    (DOCS / "screenshots.json").write_text(json.dumps({"sha256": digest()}, indent=1) + "\n", encoding="utf-8")
    print("wrote docs/map.png, docs/map-popup.png, docs/map-phone.png, docs/screenshots.json")


if __name__ == "__main__":
    main()
