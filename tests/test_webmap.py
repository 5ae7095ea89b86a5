"""The web map's HTML: escaping, offline assets, legend and summary (fragments only: folium ids are random)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikemap.errors import InputError, NotFoundError
from strikemap.geoframe import events_to_frame
from strikemap.models import StrikeEvent
from strikemap.webmap.escape import esc, source_html
from strikemap.webmap.page import build_map, offline_asset, render_html, save_map
from strikemap.webmap.payload import frame_summary

EVIL = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "\"'><svg onload=alert(1)>",
    "${alert(1)}`",
]
RAW_MARKUP = ["<img src=x", "<script>alert", "<svg onload", "${alert(1)}"]

IDLIB = {
    "boundary": "SY07",
    "level": 1,
    "name": "Idlib",
    "name_ar": "إدلب",
    "geometry": {"type": "Polygon", "coordinates": [[[36.0, 35.3], [37.0, 35.3], [37.0, 36.3], [36.0, 36.3],
                                                     [36.0, 35.3]]]},
}


def sample_events() -> list[StrikeEvent]:
    """Four events of a few reports, built by hand."""
    return [
        StrikeEvent(event_id="e1", event_type="air_strike", lat=35.8143, lon=36.3206, location="Jisr ash-Shughur",
                    place_id="gn:169023", geo_precision=1, event_date="2019-05-06", actor1="Syrian Air Force",
                    actor2="Civilians", admin1="Idlib", admin2="Jisr ash-Shughur", fatalities=7, injured=12,
                    targets=("hospital", "market"), source="https://example.org/report?a=1&b=2",
                    evidence="Warplanes struck the main market in Jisr ash-Shughur, killing seven."),
        StrikeEvent(event_id="e2", event_type="shelling", lat=35.5, lon=36.9, location="Maarat al-Numan",
                    place_id="gn:2", geo_precision=1, event_date="2019-05-07", actor1="Syrian Army", admin1="Idlib",
                    fatalities=None, source="report-2.txt",
                    evidence="Artillery shelled the eastern neighbourhoods of Maarat al-Numan."),
        StrikeEvent(event_id="e3", event_type="barrel_bomb", lat=35.45, lon=36.52, location="Kafr Nabudah",
                    place_id="gn:3", geo_precision=1, actor1="Syrian Air Force", admin1="Hama", fatalities=3,
                    source="report-3.txt", evidence="Barrel bombs fell on Kafr Nabudah."),
        StrikeEvent(event_id="e4", event_type="drone_strike", lat=36.2, lon=36.65, location="Sarmada",
                    place_id="gn:4", geo_precision=1, event_date="2019-05-20", actor1="Russian Air Force",
                    admin1="Idlib", fatalities=0, source="report-3.txt", evidence="A drone hit a car near Sarmada."),
    ]


def evil_event(bad: str) -> StrikeEvent:
    return StrikeEvent(
        event_id="x1", event_type="shelling", lat=35.9, lon=36.6, location=bad, place_id=None, geo_precision=2,
        event_date=bad, actor1=bad, actor2=bad, admin1=bad, admin2=bad, admin3=bad, fatalities=1,
        targets=(bad,), source="javascript:alert(1)", sources=("javascript:alert(1)", bad), evidence=bad,
    )


def html_of(events: list[StrikeEvent], **kwargs: object) -> str:
    kwargs.setdefault("tiles", "none")
    return render_html(build_map(events_to_frame(events), **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", EVIL)
def test_every_text_field_is_escaped(bad: str) -> None:
    boundary = {**IDLIB, "name": bad, "name_ar": bad}
    page = html_of([evil_event(bad), *sample_events()], title=bad, boundaries=[boundary])
    for raw in RAW_MARKUP:
        assert raw not in page
    escaped = esc(bad)
    # The popup table, the title and the search data all carry the escaped text.
    assert escaped in page or json.dumps(escaped)[1:-1].replace("&", "\\u0026") in page
    assert f"<title>{escaped}</title>" in page


def test_escape_covers_template_literals() -> None:
    assert esc("`${x}`\\") == "&#96;&#36;{x}&#96;&#92;"
    assert esc("\"'<>&") == "&quot;&#x27;&lt;&gt;&amp;"


@pytest.mark.parametrize(
    ("source", "is_link"),
    [
        ("https://example.org/a?b=1&c=2", True),
        ("HTTP://example.org/", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//example.org/x", False),
        ("https://exa mple.org/", False),
        ("data/articles/idlib.txt", False),
    ],
)
def test_sources_link_only_for_http(source: str, is_link: bool) -> None:
    out = source_html(source)
    assert out.startswith("<a ") is is_link
    if is_link:
        assert 'rel="noopener noreferrer"' in out
        assert 'target="_blank"' in out
    assert "<script" not in out


def test_http_source_is_a_link_in_the_page() -> None:
    page = html_of(sample_events())
    link = json.dumps(source_html("https://example.org/report?a=1&b=2"))[1:-1]
    assert link.replace("<", "\\u003c").replace(">", "\\u003e") in page
    evil = html_of([evil_event("x")])
    assert "href=\\\"javascript" not in evil and 'href="javascript' not in evil


def test_no_remote_script_or_stylesheet_left() -> None:
    page = html_of(sample_events(), boundaries=[IDLIB], tiles="OpenStreetMap")
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"<link[^>]*\bhref=", page)
    assert "L.markerClusterGroup" in page and "L.Control.Search" in page and "MiniMap" in page
    # Leaflet itself is inside the page.
    assert "Leaflet" in page and len(page) > 150_000


def test_assets_dir_writes_files_beside_the_page(tmp_path: Path) -> None:
    out = tmp_path / "maps" / "m.html"
    out.parent.mkdir()
    save_map(build_map(events_to_frame(sample_events()), tiles="none"), out, assets_dir=tmp_path / "maps" / "assets")
    page = out.read_text(encoding="utf-8")
    refs = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', page)
    assert refs and all(r.startswith("assets/") for r in refs)
    assert all((out.parent / r).is_file() for r in refs)
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)


def test_an_asset_without_offline_copy_is_an_error() -> None:
    from branca.element import JavascriptLink

    m = build_map(events_to_frame(sample_events()), tiles="none")
    m.get_root().header.add_child(JavascriptLink("https://cdn.example.invalid/unknown.js"))
    with pytest.raises(NotFoundError, match="no offline copy"):
        render_html(m)
    with pytest.raises(NotFoundError):
        offline_asset("https://cdn.example.invalid/unknown.css")


def test_stylesheets_make_no_requests_for_missing_images() -> None:
    css = offline_asset("https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.css")
    assert "images/toggle" not in css


def payload_of(page: str) -> dict[str, object]:
    """The page's data table (joined into the page after its templates were rendered)."""
    match = re.search(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', page, re.S)
    assert match, "no data table in the page"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_legend_and_summary() -> None:
    page = html_of(sample_events(), title="Idlib, May 2019")
    data = payload_of(page)
    # The legend lists the types present (and 'other'); the browser counts what is shown.
    present = [data["types"][i] for i in data["present_types"]]  # type: ignore[index]
    assert present == ["air_strike", "shelling", "drone_strike", "barrel_bomb", "other"]
    assert "Size = fatalities" in str(data["size_legend"])
    assert data["actors"] == ["Syrian Air Force", "Civilians", "Syrian Army", "Russian Air Force"]
    assert data["actor_counts"] == [2, 1, 1, 1]
    assert data["first"] == "2019-05-06" and data["last"] == "2019-05-20" and data["dated"] is True
    assert data["title"] == "Idlib, May 2019"
    assert frame_summary(events_to_frame(sample_events())) == {
        "events": 4, "not_mapped": 0,
        "by_type": {"air_strike": 1, "shelling": 1, "barrel_bomb": 1, "drone_strike": 1},
        "fatalities": 10, "first_date": "2019-05-06", "last_date": "2019-05-20",
    }


def test_rows_without_coordinates_are_counted_not_drawn() -> None:
    frame = events_to_frame(sample_events())
    frame.loc[0, "geometry"] = None
    frame.loc[0, "latitude"] = None
    page = render_html(build_map(frame, tiles="none"))
    assert payload_of(page)["skipped"] == 1
    assert len(payload_of(page)["rows"]) == 3  # type: ignore[arg-type]


def test_empty_frame_shows_idlib() -> None:
    page = html_of([])
    assert '"bounds":[[35.0,35.9],[36.6,37.2]]' in page


@pytest.mark.parametrize(
    ("tiles", "fragment"),
    [
        ("CartoDB.Positron", "basemaps.cartocdn.com"),
        ("OpenStreetMap", "tile.openstreetmap.org"),
        ("https://tiles.example.org/{z}/{x}/{y}.png", "tiles.example.org"),
    ],
)
def test_tiles(tiles: str, fragment: str) -> None:
    assert fragment in html_of(sample_events(), tiles=tiles)


def test_tiles_none_and_local_folder(tmp_path: Path) -> None:
    page = html_of(sample_events(), tiles="none")
    assert payload_of(page)["tiles"] is None
    assert "L.Control.MiniMap = " not in page  # no minimap plugin without tiles
    (tmp_path / "9" / "300").mkdir(parents=True)
    (tmp_path / "9" / "300" / "200.png").write_bytes(b"\x89PNG")
    page = html_of(sample_events(), tiles=str(tmp_path))
    assert tmp_path.as_uri() + "/{z}/{x}/{y}.png" in page
    with pytest.raises(InputError, match="unknown tiles"):
        html_of(sample_events(), tiles="No.Such.Provider")


def test_large_sets_use_canvas() -> None:
    events = [
        StrikeEvent(event_id=f"e{i}", event_type="air_strike", lat=35.0 + i * 1e-4, lon=36.0, location=f"P{i % 50}",
                    place_id=None, geo_precision=1, fatalities=i % 5, evidence="Same sentence.")
        for i in range(2500)
    ]
    page = html_of(events, heat=False)
    assert '"large":true' in page and '"preferCanvas": true' in page
    assert page.count("Same sentence.") == 1  # repeated strings are stored once


def test_cli_map_writes_an_offline_page(tmp_path: Path) -> None:
    from strikemap.cli.root import app
    from strikemap.export import write_events

    events = tmp_path / "ev.geojson"
    write_events(sample_events(), events, "geojson")
    out = tmp_path / "maps" / "x.html"
    result = CliRunner().invoke(app, ["map", str(events), "-o", str(out), "--tiles", "none", "--title", "T<b>"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<title>T&lt;b&gt;</title>" in page
    assert not re.search(r"<script[^>]*\bsrc=", page)
    help_text = CliRunner().invoke(app, ["map", "--help"]).output
    assert "Examples" in help_text and "--assets" in help_text


def test_cli_map_unknown_tiles_is_one_error_line(tmp_path: Path) -> None:
    from strikemap.cli.root import app
    from strikemap.export import write_events

    events = tmp_path / "ev.geojson"
    write_events(sample_events(), events, "geojson")
    result = CliRunner().invoke(app, ["map", str(events), "-o", str(tmp_path / "x.html"), "--tiles", "nope"])
    assert result.exit_code == 2
    assert "error: unknown tiles" in result.output


def test_cli_map_draws_the_same_events_given_twice_once(tmp_path: Path) -> None:
    from strikemap.cli.root import app
    from strikemap.export import write_events

    for fmt in ("gpkg", "csv"):
        write_events(sample_events(), tmp_path / f"e.{fmt}", fmt)
    out = tmp_path / "m.html"
    result = CliRunner().invoke(app, ["map", str(tmp_path / "e.gpkg"), str(tmp_path / "e.csv"), "-o", str(out),
                                      "--tiles", "none"])
    assert result.exit_code == 0, result.output
    assert "4 events (4 from event files, 0 from articles); 4 duplicates dropped" in result.output
    data = payload_of(out.read_text(encoding="utf-8"))
    assert len(data["rows"]) == 4  # type: ignore[arg-type]
    assert "Duplicates dropped: 4 (same event_id)" in str(data["notes"])
