"""Generated maps opened in headless Chromium from file://, with every non-file request refused.

Needs Debian's /usr/bin/chromium (never a downloaded browser). Locally the tests skip without it; in CI
(CI=true) they fail, so a missing browser cannot pass for a green run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from strikemap.geoframe import events_to_frame
from strikemap.models import StrikeEvent
from strikemap.webmap.page import build_map, save_map

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
EVIL = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "\"'><svg onload=alert(1)>", "${alert(1)}`",
        "{{ 7*7 }} {% if 1 %}x{% endif %} {#"]
# A valid 1x1 PNG, served for every tile when a test lets tiles "load".
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cf000000030101006e2bb4b80000000049454e44ae426082"
)
TILE_HOSTS = re.compile(r"tile|basemaps|cartocdn|\{z\}|\.png", re.IGNORECASE)

IDLIB = {"boundary": "SY07", "level": 1, "name": "Idlib", "name_ar": "إدلب",
         "geometry": {"type": "Polygon", "coordinates": [[[36.0, 35.3], [37.0, 35.3], [37.0, 36.3], [36.0, 36.3],
                                                          [36.0, 35.3]]]}}


def events() -> list[StrikeEvent]:
    common: dict[str, Any] = {"geo_precision": 1}
    return [
        StrikeEvent(event_id="e1", event_type="air_strike", lat=35.8143, lon=36.3206, location="Jisr ash-Shughur",
                    place_id="gn:1", event_date="2019-05-06", actor1="Syrian Air Force", admin1="Idlib",
                    fatalities=7, injured=12, targets=("hospital",), source="https://example.org/r1",
                    evidence="Warplanes struck the main market in Jisr ash-Shughur, killing seven.", **common),
        StrikeEvent(event_id="e2", event_type="shelling", lat=35.5, lon=36.9, location="Maarat al-Numan",
                    place_id="gn:2", event_date="2019-05-07", actor1="Syrian Army", admin1="Idlib",
                    source="r2.txt", evidence="Artillery shelled Maarat al-Numan.", **common),
        StrikeEvent(event_id="e3", event_type="barrel_bomb", lat=35.45, lon=36.52, location="Kafr Nabudah",
                    place_id="gn:3", actor1="Syrian Air Force", admin1="Hama", fatalities=3, source="r3.txt",
                    evidence="Barrel bombs fell on Kafr Nabudah.", **common),
        StrikeEvent(event_id="e4", event_type="air_strike", lat=35.455, lon=36.525, location="Kafr Nabudah",
                    place_id="gn:3", event_date="2019-05-20", actor1="Russian Air Force", admin1="Hama",
                    fatalities=2, source="r3.txt", evidence="Jets hit the outskirts of Kafr Nabudah.", **common),
        StrikeEvent(event_id="e5", event_type="shelling", lat=36.1, lon=36.75, location=EVIL[0], place_id=None,
                    event_date="2019-05-08", actor1=EVIL[1], actor2=EVIL[2], admin1=EVIL[3], fatalities=1,
                    targets=(EVIL[2],), source="javascript:alert(1)", sources=("javascript:alert(1)", EVIL[1]),
                    evidence="EVIL " + " ".join(EVIL), **common),
    ]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is absent")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Page:
    """A page opened offline, with its console errors and dialogs recorded."""

    def __init__(self, chromium: Any, path: Path, *, viewport: tuple[int, int] = (1200, 800),
                 tiles_load: bool = False) -> None:
        self.context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.context.route("**/*", lambda route: self._route(route, tiles_load))
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("requestfailed",
                     lambda r: None if TILE_HOSTS.search(r.url) else self.errors.append(f"request failed: {r.url}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.strikemap !== undefined")
        self.page.wait_for_timeout(300)

    @staticmethod
    def _route(route: Any, tiles_load: bool) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        elif tiles_load and TILE_HOSTS.search(url):
            route.fulfill(status=200, content_type="image/png", body=PNG_1X1)
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def real_errors(self) -> list[str]:
        # Tiles are the one online part: their failures are expected offline.
        return [e for e in self.errors if not (e.startswith("Failed to load resource") or TILE_HOSTS.search(e))]

    def shown(self) -> int:
        """Events on screen: single markers plus the counts of cluster icons."""
        return int(self.page.evaluate(
            """() => {
                let n = document.querySelectorAll('path.sm-event').length;
                document.querySelectorAll('.marker-cluster span').forEach(s => n += parseInt(s.textContent));
                return n;
            }"""
        ))

    def close(self) -> None:
        self.context.close()


def make_map(tmp_path: Path, *, tiles: str = "none", name: str = "map.html") -> Path:
    m = build_map(events_to_frame(events()), title="Test map " + EVIL[0], boundaries=[IDLIB], tiles=tiles)
    return save_map(m, tmp_path / name)


@pytest.fixture()
def page(chromium: Any, tmp_path: Path) -> Iterator[Page]:
    p = Page(chromium, make_map(tmp_path))
    yield p
    p.close()


def test_loads_offline_without_errors(page: Page) -> None:
    assert page.page.evaluate("typeof window.L") == "object"
    assert page.real_errors() == []
    assert page.dialogs == []
    assert page.shown() == len(events())


def test_loads_offline_with_unreachable_tiles(chromium: Any, tmp_path: Path) -> None:
    p = Page(chromium, make_map(tmp_path, tiles="OpenStreetMap"))
    try:
        assert p.real_errors() == []
        assert p.shown() == len(events())
        # No minimap when its tiles cannot load: it would be a blank box.
        assert p.page.locator(".leaflet-control-minimap").count() == 0
    finally:
        p.close()


def test_minimap_once_tiles_load(chromium: Any, tmp_path: Path) -> None:
    p = Page(chromium, make_map(tmp_path, tiles="OpenStreetMap"), tiles_load=True)
    try:
        p.page.locator(".leaflet-control-minimap").wait_for(state="attached", timeout=5000)
        assert p.real_errors() == []
    finally:
        p.close()


def test_legend_is_the_type_filter(page: Page) -> None:
    row = page.page.locator(".sm-legend .sm-type[data-type=air_strike]")
    assert "(2)" in row.inner_text()
    row.click()
    page.page.wait_for_timeout(300)
    assert page.shown() == len(events()) - 2
    assert row.get_attribute("aria-pressed") == "false"
    # The summary and the counts follow the filter.
    assert page.page.locator(".sm-shown").inner_text() == f"{len(events()) - 2} of {len(events())}"
    assert page.page.locator(".sm-fatalities").inner_text() == "4"  # 1 + 3 of the three left
    assert "(0)" in row.inner_text()
    row.click()
    page.page.wait_for_timeout(300)
    assert page.shown() == len(events())
    assert page.page.locator(".sm-fatalities").inner_text() == "13"


def test_layer_list_toggles_an_actor(page: Page) -> None:
    assert "leaflet-control-layers-expanded" not in (page.page.locator(".leaflet-control-layers")
                                                     .get_attribute("class") or "")
    page.page.locator(".leaflet-control-layers").hover()
    label = page.page.locator(".leaflet-control-layers-overlays label", has_text="Actor: Syrian Air Force")
    label.locator("input").click()
    page.page.wait_for_timeout(300)
    assert page.shown() == len(events()) - 2
    assert page.page.locator(".sm-shown").inner_text() == f"{len(events()) - 2} of {len(events())}"


def test_date_filter(page: Page) -> None:
    page.page.locator(".sm-from").fill("2019-05-07")
    page.page.locator(".sm-undated").uncheck()
    page.page.wait_for_timeout(300)
    assert page.shown() == 3  # 05-07, 05-08, 05-20
    assert page.page.locator(".sm-shown").inner_text() == f"3 of {len(events())}"
    assert "2019-05-07 – 2019-05-20" in page.page.locator(".sm-span").inner_text()
    page.page.locator(".sm-reset").click()
    page.page.wait_for_timeout(300)
    assert page.shown() == len(events())


def test_timeline_drag_sets_the_dates(page: Page) -> None:
    svg = page.page.locator(".sm-timeline-svg")
    box = svg.bounding_box()
    assert box is not None
    # Days 2019-05-06 .. 2019-05-20, 15 bars of a day: drag to 40% of the width, the 7th bar (05-12).
    y = box["y"] + box["height"] / 2
    page.page.mouse.move(box["x"] + 1, y)
    page.page.mouse.down()
    page.page.mouse.move(box["x"] + box["width"] * 0.4, y, steps=5)
    page.page.mouse.up()
    page.page.wait_for_timeout(300)
    assert page.page.locator(".sm-from").input_value() == "2019-05-06"
    assert page.page.locator(".sm-to").input_value() == "2019-05-12"
    page.page.locator(".sm-undated").uncheck()
    page.page.wait_for_timeout(300)
    assert page.shown() == 3  # 05-06, 05-07, 05-08


def _covered(p: Page) -> float:
    """Share of the window under the map's controls (each outermost control's box)."""
    return float(p.page.evaluate(
        """() => {
            const sel = '.leaflet-control, .sm-title';
            let area = 0;
            document.querySelectorAll(sel).forEach(e => {
                if (e.parentElement.closest(sel)) return;
                const r = e.getBoundingClientRect();
                area += r.width * r.height;
            });
            return area / (window.innerWidth * window.innerHeight);
        }"""
    ))


@pytest.mark.parametrize(("size", "limit"), [((1366, 768), 0.12), ((390, 844), 0.25)])
def test_controls_leave_the_map_visible(chromium: Any, tmp_path: Path, size: tuple[int, int], limit: float) -> None:
    p = Page(chromium, make_map(tmp_path, tiles="OpenStreetMap"), viewport=size, tiles_load=True)
    try:
        p.page.wait_for_timeout(500)  # the minimap comes once a tile has loaded
        covered = _covered(p)
        print(f"controls cover {covered:.1%} of {size[0]}x{size[1]}")
        assert covered <= limit
        folded = p.page.locator(".sm-box.sm-folded").count()
        assert folded == (2 if size[0] < 600 else 0)  # on a phone the panels start folded
        assert p.real_errors() == []
    finally:
        p.close()


def test_phone_popup_fits_the_screen(chromium: Any, tmp_path: Path) -> None:
    p = Page(chromium, make_map(tmp_path), viewport=(390, 844))
    try:
        p.page.locator("path.sm-air_strike").first.click(force=True)
        popup = p.page.locator(".leaflet-popup")
        popup.wait_for()
        p.page.wait_for_timeout(600)
        box = popup.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844
    finally:
        p.close()


def test_clusters_take_the_colour_of_their_commonest_type(page: Page) -> None:
    page.page.evaluate("Object.values(window.strikemap)[0].map.setZoom(3, {animate: false})")
    page.page.wait_for_timeout(400)
    clusters = page.page.locator(".sm-cluster")
    assert clusters.count() == 1
    # Two air strikes, two shellings and a barrel bomb: a tie, won by the type listed first (air strike).
    assert "sm-cluster-air_strike" in (clusters.first.get_attribute("class") or "")


def test_popup_shows_evidence(page: Page) -> None:
    page.page.locator("path.sm-air_strike").first.click(force=True)
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Warplanes struck the main market" in text
    assert "Syrian Air Force" in text and "Fatalities" in text
    link = popup.locator("a")
    assert link.get_attribute("href") == "https://example.org/r1"
    assert link.get_attribute("rel") == "noopener noreferrer"


def test_malicious_text_stays_text(page: Page) -> None:
    # Mark the malicious event's circle (the one at 36.1, 36.75), then use it like a user would.
    page.page.evaluate("""() => {
        const sm = Object.values(window.strikemap)[0];
        const m = sm.markers.find(m => m.getLatLng().lat === 36.1);
        m._path.setAttribute('data-test', 'evil');
    }""")
    page.page.locator("path[data-test=evil]").hover(force=True)
    page.page.wait_for_timeout(200)
    assert EVIL[0] in page.page.locator(".leaflet-tooltip").inner_text()
    page.page.locator("path[data-test=evil]").click(force=True)
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    for bad in EVIL:
        assert bad.strip("`") in text
    assert popup.locator("img, script, svg").count() == 0
    assert popup.locator("a").count() == 0  # javascript: is no link
    assert "javascript:alert(1)" in text
    # Title, summary and the layer control show the text, not markup.
    assert EVIL[0] in page.page.locator(".sm-title").inner_text()
    assert EVIL[1] in (page.page.locator(".leaflet-control-layers").text_content() or "")
    # The place search lists the malicious name as text.
    page.page.locator(".search-button").click()
    # Search keys are escaped text, so the search matches the words, not the markup characters.
    page.page.locator("input.search-input").fill("img sr")
    page.page.locator("input.search-input").press("c")
    page.page.wait_for_timeout(800)
    tips = page.page.locator(".search-tip")
    assert tips.count() >= 1 and "<img src=x" in tips.first.inner_text()
    tips.first.click()
    page.page.wait_for_timeout(500)
    assert page.page.locator(".leaflet-container img[src=x], .leaflet-container svg[onload]").count() == 0
    assert page.dialogs == []
    assert page.real_errors() == []


def test_search_finds_a_place(page: Page) -> None:
    page.page.locator(".search-button").click()
    page.page.locator("input.search-input").type("Kafr", delay=20)
    page.page.wait_for_timeout(800)
    page.page.locator(".search-tip", has_text="Kafr Nabudah").first.click()
    page.page.wait_for_timeout(800)
    assert page.page.evaluate("Object.values(window.strikemap)[0].map.getZoom()") == 13
    assert page.real_errors() == []


def test_screenshots(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = Path(os.environ.get("STRIKEMAP_SCREENSHOTS", "")) or tmp_path_factory.mktemp("screenshots")
    folder = folder if str(folder) not in ("", ".") else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    p = Page(chromium, make_map(folder))
    try:
        p.page.screenshot(path=str(folder / "map.png"))
        p.page.locator("path.sm-air_strike").first.click(force=True)
        p.page.locator(".leaflet-popup-content").wait_for()
        p.page.wait_for_timeout(400)  # the popup fades in
        p.page.screenshot(path=str(folder / "map-popup.png"))
    finally:
        p.close()
    for name in ("map.png", "map-popup.png"):
        assert (folder / name).stat().st_size > 10_000


def test_founding_report_map_shows_its_events(
    chromium: Any, seed_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from typer.testing import CliRunner

    from strikemap.cli.root import app
    from strikemap.pipeline import extract_events

    expected = extract_events(seed_path.read_text(encoding="utf-8"), source=str(seed_path))
    folder = tmp_path_factory.mktemp("seed-map")
    out = folder / "founding-report.html"
    result = CliRunner().invoke(app, ["map", str(seed_path), "-o", str(out), "--tiles", "none"])
    assert result.exit_code == 0, result.output
    p = Page(chromium, out)
    try:
        assert p.real_errors() == [] and p.dialogs == []
        assert p.shown() == len(expected) >= 3
        text = p.page.inner_text("body")
        for event in expected:
            assert event.location in text or event.location in p.page.content()
        p.page.screenshot(path=str(folder / "founding-report.png"))
    finally:
        p.close()
    assert (folder / "founding-report.png").stat().st_size > 10_000


def test_a_large_map_clusters_every_event_and_filters(chromium: Any, tmp_path: Path) -> None:
    types = ["air_strike", "shelling", "barrel_bomb"]
    many = [
        StrikeEvent(event_id=f"e{i}", event_type=types[i % 3], lat=35.0 + (i % 97) * 0.012, lon=36.0 + (i % 89) * 0.013,
                    location=f"P{i % 50}", place_id=None, geo_precision=1, fatalities=i % 4,
                    event_date=f"2019-05-{1 + i % 28:02d}", evidence="Same sentence.")
        for i in range(3000)
    ]
    m = build_map(events_to_frame(many), title="large", tiles="none", large=2000)
    p = Page(chromium, save_map(m, tmp_path / "large.html"))
    try:
        assert p.real_errors() == []
        assert p.page.evaluate("typeof window.Supercluster") == "function"
        # Markers of a large map are drawn on a canvas: count what the clusters and markers on screen hold.
        on_screen = "Object.values(window.strikemap)[0].onScreen()"
        assert p.page.evaluate(on_screen) == 3000
        p.page.locator(".sm-legend .sm-type[data-type=shelling]").click()
        p.page.wait_for_timeout(300)
        assert p.page.evaluate(on_screen) == 2000
        assert p.page.locator(".sm-shown").inner_text() == "2000 of 3000"
        zoom = p.page.evaluate("Object.values(window.strikemap)[0].map.getZoom()")
        p.page.locator(".sm-cluster").first.click()
        p.page.wait_for_timeout(500)
        assert p.page.evaluate("Object.values(window.strikemap)[0].map.getZoom()") > zoom
    finally:
        p.close()


def test_an_arabic_event_shows_its_arabic_name_and_evidence_right_to_left(chromium: Any, tmp_path: Path) -> None:
    event = StrikeEvent(event_id="a1", event_type="barrel_bomb", lat=35.44, lon=36.54, location="al-Habit",
                        location_ar="الهبيط", place_id="gn:173864", geo_precision=1, event_date="2019-05-14",
                        fatalities=2, language="ar",
                        evidence="ألقى الطيران المروحي براميل متفجرة على بلدة الهبيط، ما أسفر عن استشهاد طفلين")
    p = Page(chromium, save_map(build_map(events_to_frame([event]), tiles="none"), tmp_path / "ar.html"))
    try:
        p.page.locator("path.sm-barrel_bomb").first.click(force=True)
        popup = p.page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert popup.locator(".sm-name-ar").inner_text() == "الهبيط"
        quote = popup.locator(".sm-evidence")
        assert "استشهاد طفلين" in quote.inner_text()
        assert quote.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert p.real_errors() == []
    finally:
        p.close()


SAMPLE_PAGE = Path(__file__).resolve().parent.parent / "maps" / "sample.html"


@pytest.mark.parametrize(("size", "limit"), [((1366, 768), 0.12), ((390, 844), 0.25)])
def test_the_sample_map_of_data_articles_at_laptop_and_phone_size(chromium: Any, size: tuple[int, int],
                                                                   limit: float) -> None:
    p = Page(chromium, SAMPLE_PAGE, viewport=size)
    try:
        assert p.real_errors() == [] and p.dialogs == []
        assert p.shown() == 28
        covered = _covered(p)
        print(f"sample map: controls cover {covered:.1%} of {size[0]}x{size[1]}")
        assert covered <= limit
        phone = size[0] < 600
        assert p.page.locator(".sm-box.sm-folded").count() == (2 if phone else 0)
        if phone:
            p.page.locator(".sm-legend .sm-head").click()
        shown = p.page.locator(".sm-shown")
        p.page.locator(".sm-legend .sm-type[data-type=air_strike]").click()
        p.page.wait_for_timeout(300)
        assert p.shown() < 28
        if phone:
            p.page.locator(".sm-summary .sm-head").click()
        assert shown.inner_text() == f"{p.shown()} of 28"
    finally:
        p.close()
