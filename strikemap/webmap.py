"""Interactive, offline, XSS-safe Folium maps of strike events (the only folium importer).

The page is built from a GeoDataFrame of events (:func:`strikemap.geoframe.events_to_frame` or an event
file read back) and saved as one self-contained HTML file.

Safety
    Every string that came from a report (places, actors, evidence, sources, targets, dates, boundary
    names, the title) goes through :func:`esc` before it can reach HTML: ``html.escape`` plus entities for
    the backtick, ``$`` and backslash, because folium puts tooltip text inside JavaScript template
    literals where ``${...}`` would run. Event popups are assembled in the browser from a table of
    strings that were all escaped here; the browser code only concatenates them with fixed markup.
    Sources become ``<a>`` links only when they are http(s) URLs.

Offline
    folium links Leaflet and its plugins from CDNs. :func:`render_html` replaces each of those
    ``<script src>`` / ``<link href>`` tags with the file's content, taken from the ``folium-offline``
    package (PyPI), which ships the exact files folium's URLs name. A URL it does not carry is an error,
    never a silent CDN reference. Basemap tiles are the one online part; without them the page shows
    boundaries and events on a plain background.

Scale
    Events travel as one compact JSON table and become circle markers inside a marker cluster in the
    browser (the FastMarkerCluster technique). Above ``large`` events (default 2,000) markers draw on a
    canvas and lose their hover tooltips, so 100,000 events build in seconds and load in a browser.
"""

# folium's plugins have no type hints; every call to them would need its own ignore.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import json
import math
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import urlsplit

import folium
import folium.plugins
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from .errors import InputError, NotFoundError
from .gazetteer_file import atomic_path
from .models import EVENT_TYPES

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "DEFAULT_BOUNDS",
    "TYPE_COLORS",
    "TYPE_LABELS",
    "build_map",
    "esc",
    "frame_summary",
    "offline_asset",
    "render_html",
    "save_map",
    "source_html",
]

# Idlib and northern Hama: the view when there is nothing to fit.
DEFAULT_BOUNDS = ((35.0, 35.9), (36.6, 37.2))

TYPE_COLORS: dict[str, str] = {
    "air_strike": "#d62728",
    "shelling": "#ff7f0e",
    "drone_strike": "#9467bd",
    "missile_strike": "#8c564b",
    "barrel_bomb": "#e377c2",
    "ground_clash": "#1f77b4",
    "other": "#7f7f7f",
}
TYPE_LABELS: dict[str, str] = {
    "air_strike": "Air strike",
    "shelling": "Shelling",
    "drone_strike": "Drone strike",
    "missile_strike": "Missile strike",
    "barrel_bomb": "Barrel bomb",
    "ground_clash": "Ground clash",
    "other": "Other",
}
LEVEL_NAMES = {1: "Governorates", 2: "Districts", 3: "Sub-districts"}
MAX_ACTOR_GROUPS = 15
NO_ACTOR = "(actor not reported)"
OTHER_ACTORS = "(other actors)"

# Only Leaflet itself is needed from folium's defaults: the page uses no jQuery, Bootstrap or icon fonts.
_MAP_JS = [(name, url) for name, url in folium.Map.default_js if name == "leaflet"]
_MAP_CSS = [(name, url) for name, url in folium.Map.default_css if name == "leaflet_css"]

_ESCAPES = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


@functools.lru_cache(maxsize=65536)
def _esc_str(text: str) -> str:
    return html.escape(text, quote=True).translate(_ESCAPES)


def esc(text: object) -> str:
    """Escape untrusted text for HTML, and for HTML inside a JavaScript template literal.

    Parameters
    ----------
    text
        Any value; it is turned into a string first.

    Returns
    -------
    str
        ``html.escape(text, quote=True)`` with the backtick, ``$`` and backslash also as entities.

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> esc("${alert(1)}")
    '&#36;{alert(1)}'
    """
    return _esc_str(str(text))


def _is_http_url(text: str) -> bool:
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


@functools.lru_cache(maxsize=65536)
def source_html(source: str) -> str:
    """One source as safe HTML: a link when it is an http(s) URL, plain escaped text otherwise.

    Examples
    --------
    >>> source_html("javascript:alert(1)")
    '<span class="sm-source">javascript:alert(1)</span>'
    """
    text = source.strip()
    if _is_http_url(text):
        return f'<a href="{esc(text)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'
    return f'<span class="sm-source">{esc(text)}</span>'


# --------------------------------------------------------------------------- reading frame values


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):  # numpy floats too
        return math.isnan(value)
    import pandas as pd

    return value is pd.NA or value is pd.NaT


def _text(value: Any) -> str | None:
    if _is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def _count(value: Any) -> int | None:
    if _is_missing(value) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(number) or number < 0:
        return None
    return int(number)


def _texts(value: Any) -> list[str]:
    """A list column that may come as a list, an array, a JSON list string or 'a; b' text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                loaded = json.loads(stripped)
            except ValueError:
                loaded = None
            if isinstance(loaded, list):
                return [t for t in (_text(v) for v in loaded) if t]
        return [t for t in (p.strip() for p in re.split(r"[;|]", stripped)) if t]
    if isinstance(value, Iterable):
        return [t for t in (_text(v) for v in value) if t]
    text = _text(value)
    return [text] if text else []


def _date(value: Any) -> tuple[str | None, int | None]:
    """Display text and day number (for the date filter) of a date value."""
    if _is_missing(value):
        return None, None
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return day.isoformat(), day.toordinal()
    text = str(value).strip()
    if not text:
        return None, None
    match = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if match:
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
        except ValueError:
            return text, None
        return (match[0] if match[3] else text), day.toordinal()
    return text, None


class _Strings:
    """A table of safe HTML strings; events refer to entries by index, so repeats cost nothing."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, safe_html: str) -> int:
        index = self._index.get(safe_html)
        if index is None:
            index = self._index[safe_html] = len(self.items)
            self.items.append(safe_html)
        return index


class _Event:
    __slots__ = ("actors", "admin", "date", "day", "evidence", "fatalities", "injured", "lat", "location",
                 "lon", "sources", "targets", "type")

    def __init__(self, row: Mapping[str, Any], lat: float, lon: float) -> None:
        self.lat = lat
        self.lon = lon
        etype = _text(row.get("event_type")) or "other"
        self.type = etype if etype in TYPE_COLORS else "other"
        self.date, self.day = _date(row.get("event_date"))
        self.actors = [a for a in (_text(row.get("actor1")), _text(row.get("actor2"))) if a]
        self.fatalities = _count(row.get("fatalities"))
        self.injured = _count(row.get("injured"))
        self.targets = _texts(row.get("targets"))
        self.location = _text(row.get("location")) or "(unnamed place)"
        admin = [_text(row.get(k)) for k in ("admin3", "admin2", "admin1")]
        self.admin = ", ".join(dict.fromkeys(a for a in admin if a and a != self.location))
        self.evidence = _text(row.get("evidence")) or ""
        sources = _texts(row.get("sources"))
        single = _text(row.get("source"))
        self.sources = sources or ([single] if single else [])


def _events(frame: gpd.GeoDataFrame) -> tuple[list[_Event], int]:
    """Events with usable coordinates, and how many rows had none."""
    if getattr(frame, "crs", None) is not None and frame.crs.to_epsg() not in (4326, None):
        frame = frame.to_crs(4326)
    import numpy as np
    import shapely

    n = len(frame)
    columns = ("event_type", "event_date", "actor1", "actor2", "fatalities", "injured", "targets", "location",
               "admin1", "admin2", "admin3", "evidence", "sources", "source")
    values = {c: frame[c].tolist() if c in frame.columns else [None] * n for c in columns}
    lats = np.full(n, np.nan)
    lons = np.full(n, np.nan)
    if "geometry" in frame.columns:
        geoms = np.asarray(frame.geometry.values, dtype=object)
        points = np.array([g is not None and shapely.get_type_id(g) == 0 for g in geoms], dtype=bool)
        if points.any():
            lons[points] = shapely.get_x(geoms[points].astype(object))
            lats[points] = shapely.get_y(geoms[points].astype(object))
    for name, target in (("latitude", lats), ("longitude", lons)):
        if name in frame.columns:
            fallback = np.asarray(_numeric(frame[name]), dtype=float)
            target[np.isnan(target)] = fallback[np.isnan(target)]
    ok = np.isfinite(lats) & np.isfinite(lons) & (np.abs(lats) <= 90) & (np.abs(lons) <= 180)
    events = [
        _Event({c: values[c][i] for c in columns}, float(lats[i]), float(lons[i])) for i in np.flatnonzero(ok)
    ]
    return events, int(n - ok.sum())


def _numeric(series: Any) -> Any:
    import pandas as pd

    return pd.to_numeric(series, errors="coerce")


# --------------------------------------------------------------------------- tiles


def _tile_layer(tiles: str | Path | None) -> folium.TileLayer | None:
    """A TileLayer for a provider name, URL template or local tile folder; None for 'none'."""
    if tiles is None or str(tiles).strip().lower() in ("", "none"):
        return None
    spec = str(tiles).strip()
    if "{z}" in spec and "{x}" in spec and "{y}" in spec:
        host = urlsplit(spec).netloc or "local tiles"
        return folium.TileLayer(tiles=spec, attr=f"Tiles: {esc(host)}", name="Basemap", control=False)
    folder = Path(spec).expanduser()
    if folder.is_dir():
        ext = next((p.suffix for p in sorted(folder.glob("*/*/*.*")) if p.suffix in (".png", ".jpg", ".jpeg",
                                                                                     ".webp")), ".png")
        url = folder.resolve().as_uri() + "/{z}/{x}/{y}" + ext
        return folium.TileLayer(tiles=url, attr=f"Tiles: {esc(folder.name)}", name="Basemap", control=False)
    import xyzservices.providers as providers

    name = "OpenStreetMap.Mapnik" if spec.lower() in ("openstreetmap", "osm") else spec
    try:
        provider = providers.query_name(name)
    except ValueError:
        raise InputError(
            f"unknown tiles {spec!r}: give an xyzservices provider name (e.g. 'OpenStreetMap', "
            "'CartoDB.Positron'), a URL template with {z}/{x}/{y}, a folder of z/x/y tiles, or 'none'"
        ) from None
    with warnings.catch_warnings():
        # Some providers warn about API keys; the basemap is optional decoration here.
        warnings.simplefilter("ignore")
        url = provider.build_url()
    return folium.TileLayer(
        tiles=url,
        attr=provider.html_attribution,
        name=provider.name,
        max_zoom=int(provider.get("max_zoom", 18)),
        control=False,
    )


# --------------------------------------------------------------------------- the page pieces


_CSS = """
<style>
.sm-title{position:absolute;top:10px;left:50%;transform:translateX(-50%);z-index:1000;background:#fff;
  padding:4px 12px;border-radius:4px;box-shadow:0 1px 5px rgba(0,0,0,.4);font:bold 16px/1.3 sans-serif;
  max-width:60%;text-align:center}
.sm-box{background:#fff;padding:6px 10px;border-radius:4px;box-shadow:0 1px 5px rgba(0,0,0,.4);
  font:12px/1.4 sans-serif;max-width:260px}
.sm-box h4{margin:0 0 4px;font-size:13px}
.sm-swatch{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:5px;
  vertical-align:middle;border:1px solid #333}
.sm-legend .sm-row{white-space:nowrap}
.sm-size{display:inline-block;border-radius:50%;border:1px solid #555;background:#ccc;
  vertical-align:middle;margin:0 4px}
.sm-popup table{border-collapse:collapse;font-size:12px}
.sm-popup th{text-align:left;padding-right:6px;vertical-align:top;color:#555}
.sm-evidence{margin:6px 0;padding-left:6px;border-left:3px solid #999;font-style:italic}
.sm-sources{font-size:11px;word-break:break-all}
.sm-label{font:bold 11px sans-serif;color:#333;text-shadow:0 0 3px #fff,0 0 3px #fff;white-space:nowrap;
  transform:translate(-50%,-50%);display:inline-block}
.sm-label.sm-level2{font-weight:normal;color:#555}
.sm-filter input[type=date]{font-size:11px;width:120px}
.leaflet-control-minimap-toggle-display{background-image:none}
</style>
"""

_EVENTS_JS = Template(
    """
{% macro script(this, kwargs) %}
(function() {
    var map = {{ this._parent.get_name() }};
    var D = {{ this.data_json }};
    var S = D.strings, TYPES = D.types, LABELS = D.labels, COLORS = D.colors, ACTORS = D.actors;
    var cluster = {{ this.cluster.get_name() }};
    var heat = {{ this.heat_name }};
    var typeGroups = [{% for g in this.type_groups %}{{ g.get_name() if g else 'null' }},{% endfor %}];
    var actorGroups = [{% for g in this.actor_groups %}{{ g.get_name() }},{% endfor %}];
    var renderer = D.large ? L.canvas({padding: 0.5}) : undefined;
    // row: lat, lon, type, day, fatalities, injured, location, admin, evidence, actors, targets, sources,
    //      date text, actor groups, heat weight
    function popup(r) {
        var h = '<div class="sm-popup"><b>' + S[r[6]] + '</b>';
        if (r[7] !== null) h += '<div>' + S[r[7]] + '</div>';
        h += '<table>';
        function row(k, v) { h += '<tr><th>' + k + '</th><td>' + v + '</td></tr>'; }
        row('Date', r[12] === null ? 'not reported' : S[r[12]]);
        row('Type', LABELS[r[2]]);
        row('Actors', r[9].length ? r[9].map(function(i) { return S[i]; }).join('; ') : 'not reported');
        row('Fatalities', r[4] === null ? 'not reported' : String(r[4]));
        row('Injured', r[5] === null ? 'not reported' : String(r[5]));
        if (r[10].length) row('Targets', r[10].map(function(i) { return S[i]; }).join(', '));
        h += '</table>';
        if (r[8] !== null) h += '<blockquote class="sm-evidence">' + S[r[8]] + '</blockquote>';
        if (r[11].length) h += '<div class="sm-sources">Sources:<br>' +
            r[11].map(function(i) { return S[i]; }).join('<br>') + '</div>';
        return h + '</div>';
    }
    var markers = D.rows.map(function(r) {
        var m = L.circleMarker([r[0], r[1]], {
            radius: r[4] === null ? 4 : Math.min(22, 4 + 2.2 * Math.sqrt(r[4])),
            color: '#222', weight: 1, fillColor: COLORS[r[2]], fillOpacity: 0.85,
            className: 'sm-event sm-' + TYPES[r[2]], renderer: renderer
        });
        m.smRow = r;
        m.bindPopup(function() { return popup(r); }, {maxWidth: 360});
        if (!D.large) m.bindTooltip(S[r[6]]);
        return m;
    });
    var box = {};
    function refilter() {
        var types = {}, actors = {};
        typeGroups.forEach(function(g, i) { types[i] = g === null || map.hasLayer(g); });
        actorGroups.forEach(function(g, i) { actors[i] = map.hasLayer(g); });
        var from = box.from && box.from.value ? Date.parse(box.from.value) / 864e5 : null;
        var to = box.to && box.to.value ? Date.parse(box.to.value) / 864e5 : null;
        var undated = box.undated ? box.undated.checked : true;
        var shown = markers.filter(function(m) {
            var r = m.smRow;
            if (!types[r[2]]) return false;
            if (!r[13].some(function(a) { return actors[a]; })) return false;
            if (r[3] === null) return undated;
            return (from === null || r[3] >= from) && (to === null || r[3] <= to);
        });
        cluster.clearLayers();
        cluster.addLayers(shown);
        if (heat) heat.setLatLngs(shown.map(function(m) { var r = m.smRow; return [r[0], r[1], r[14]]; }));
        var n = document.querySelectorAll('#' + map.getContainer().id + ' .sm-shown');
        n.forEach(function(el) { el.textContent = shown.length + ' of ' + markers.length; });
    }
    function control(position, cls, inner) {
        var c = L.control({position: position});
        c.onAdd = function() {
            var div = L.DomUtil.create('div', 'sm-box ' + cls);
            div.innerHTML = inner;
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        c.addTo(map);
        return c.getContainer();
    }
    control('bottomright', 'sm-legend', D.legend);
    control('bottomleft', 'sm-summary', D.summary);
    if (D.dated) {
        var f = control('bottomleft', 'sm-filter', D.filter);
        box.from = f.querySelector('.sm-from');
        box.to = f.querySelector('.sm-to');
        box.undated = f.querySelector('.sm-undated');
        [box.from, box.to, box.undated].forEach(function(el) { el.addEventListener('change', refilter); });
        f.querySelector('.sm-reset').addEventListener('click', function() {
            box.from.value = box.from.min; box.to.value = box.to.max; box.undated.checked = true; refilter();
        });
    }
    if (D.title !== null) {
        var t = L.DomUtil.create('div', 'sm-title', map.getContainer());
        t.innerHTML = D.title;
        L.DomEvent.disableClickPropagation(t);
    }
    map.on('overlayadd overlayremove', refilter);
    // Fit before any marker is added and without animation: markercluster must not see a move
    // while it builds its tree.
    map.fitBounds(D.bounds, {maxZoom: 12, animate: false});
    refilter();
    window.strikemap = window.strikemap || {};
    window.strikemap[map.getContainer().id] = {map: map, cluster: cluster, markers: markers, refilter: refilter};
})();
{% endmacro %}
"""
)


class _EventLayer(MacroElement):
    """The browser code that turns the event table into filtered, clustered circle markers."""

    _template = _EVENTS_JS

    def __init__(self, data: dict[str, Any], cluster: folium.plugins.MarkerCluster, heat_name: str,
                 type_groups: list[folium.FeatureGroup | None], actor_groups: list[folium.FeatureGroup]) -> None:
        super().__init__()
        self._name = "StrikemapEvents"
        self.data_json = _script_json(data)
        self.cluster = cluster
        self.heat_name = heat_name
        self.type_groups = type_groups
        self.actor_groups = actor_groups


def _script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element (no '<', no line separators)."""
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _swatch(color: str) -> str:
    return f'<span class="sm-swatch" style="background:{color}"></span>'


def _heat_weight(fatalities: int | None) -> float:
    return round(min(1.0, 0.4 + 0.06 * (fatalities or 0)), 2)


def _summary_html(events: list[_Event], skipped: int, title: str | None) -> str:
    counts = Counter(e.type for e in events)
    known = [e.fatalities for e in events if e.fatalities is not None]
    days = sorted(e.date for e in events if e.day is not None and e.date)
    parts = [f"<h4>{esc(title) if title else 'Summary'}</h4>",
             f"<div><b>{len(events)}</b> events (showing <span class=\"sm-shown\">{len(events)}</span>)</div>"]
    for etype in EVENT_TYPES:
        if counts[etype]:
            parts.append(f'<div>{_swatch(TYPE_COLORS[etype])}{TYPE_LABELS[etype]}: {counts[etype]}</div>')
    unknown = len(events) - len(known)
    fat = f"<div>Fatalities: <b>{sum(known)}</b>"
    if unknown:
        fat += f" (not reported for {unknown})"
    parts.append(fat + "</div>")
    if days:
        span = esc(days[0]) if days[0] == days[-1] else f"{esc(days[0])} – {esc(days[-1])}"
        parts.append(f"<div>Dates: {span}</div>")
    undated = sum(1 for e in events if e.day is None)
    if undated:
        parts.append(f"<div>Undated: {undated}</div>")
    if skipped:
        parts.append(f"<div>Not mapped (no coordinates): {skipped}</div>")
    return "".join(parts)


def _legend_html(events: list[_Event]) -> str:
    counts = Counter(e.type for e in events)
    rows = ["<h4>Event type</h4>"]
    for etype in EVENT_TYPES:
        if counts[etype] or etype == "other":
            rows.append(f'<div class="sm-row">{_swatch(TYPE_COLORS[etype])}{TYPE_LABELS[etype]} '
                        f"({counts[etype]})</div>")
    sizes = "".join(f'<span class="sm-size" style="width:{2 * r:.0f}px;height:{2 * r:.0f}px"></span>{n}'
                    for n, r in ((0, 4), (10, 4 + 2.2 * math.sqrt(10)), (50, 4 + 2.2 * math.sqrt(50))))
    rows.append(f'<div class="sm-row">Size = fatalities: {sizes}</div>')
    return "".join(rows)


def _filter_html(events: list[_Event]) -> str:
    days = [e.day for e in events if e.day is not None]
    first = dt.date.fromordinal(min(days)).isoformat()
    last = dt.date.fromordinal(max(days)).isoformat()
    box = (f'min="{first}" max="{last}"')
    return ("<h4>Dates</h4>"
            f'<div>from <input type="date" class="sm-from" {box} value="{first}"></div>'
            f'<div>to&nbsp;&nbsp;&nbsp; <input type="date" class="sm-to" {box} value="{last}"></div>'
            '<div><label><input type="checkbox" class="sm-undated" checked> undated events</label> '
            '<button type="button" class="sm-reset">all</button></div>')


def _boundary_layers(m: folium.Map, boundaries: Iterable[Mapping[str, Any]]) -> None:
    from shapely.geometry import shape

    by_level: dict[int, list[Mapping[str, Any]]] = {}
    for b in boundaries:
        level = b.get("level")
        if isinstance(level, int) and b.get("geometry"):
            by_level.setdefault(level, []).append(b)
    styles = {1: {"color": "#333", "weight": 2.5}, 2: {"color": "#555", "weight": 1.5, "dashArray": "6 4"},
              3: {"color": "#888", "weight": 0.8, "dashArray": "2 3"}}
    for level in sorted(by_level):
        group = folium.FeatureGroup(name=esc(LEVEL_NAMES.get(level, f"Admin level {level}")), show=level <= 2)
        features = []
        for b in by_level[level]:
            name = _text(b.get("name")) or _text(b.get("boundary")) or ""
            name_ar = _text(b.get("name_ar"))
            label = esc(name) + (f" / {esc(name_ar)}" if name_ar else "")
            features.append({"type": "Feature", "geometry": b["geometry"], "properties": {"label": label}})
            if level <= 2 and name:
                try:
                    point = shape(b["geometry"]).representative_point()
                except (ValueError, TypeError, AttributeError, KeyError):
                    continue
                folium.Marker(
                    [point.y, point.x],
                    icon=folium.DivIcon(html=f'<span class="sm-label sm-level{level}">{esc(name)}</span>',
                                        icon_size=(0, 0)),
                    interactive=False,
                ).add_to(group)
        style = {"fill": True, "fillOpacity": 0.0, **styles.get(level, styles[3])}
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            style_function=lambda _f, s=style: s,
            highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.05},
            tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
            name=f"boundaries{level}",
            control=False,
        ).add_to(group)
        group.add_to(m)


def _search_layer(m: folium.Map, events: list[_Event]) -> None:
    places: dict[str, tuple[float, float]] = {}
    for e in events:
        label = esc(e.location) + (f" ({esc(e.admin)})" if e.admin else "")
        places.setdefault(label, (e.lat, e.lon))
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                 "properties": {"place": label}} for label, (lat, lon) in places.items()]
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="places",
        # Invisible and not clickable (no stroke, no fill): the points only feed the search box.
        marker=folium.CircleMarker(radius=1, stroke=False, fill=False),
        control=False,
    ).add_to(m)
    folium.plugins.Search(layer, search_label="place", search_zoom=13, placeholder="Search places",
                          collapsed=True, position="topleft").add_to(m)


# --------------------------------------------------------------------------- public API

_E = TypeVar("_E", bound=Element)


def _add(child: _E, parent: Element) -> _E:
    parent.add_child(child)
    return child



def build_map(
    frame: gpd.GeoDataFrame,
    *,
    title: str | None = None,
    boundaries: Iterable[Mapping[str, Any]] = (),
    tiles: str | Path | None = "OpenStreetMap",
    heat: bool = True,
    large: int = 2000,
) -> folium.Map:
    """Build an interactive map of strike events.

    Parameters
    ----------
    frame
        Events with the DESIGN.md columns (``event_type``, ``event_date``, ``actor1``, ``actor2``,
        ``location``, ``admin1``-``admin3``, ``fatalities``, ``injured``, ``targets``, ``source``/``sources``,
        ``evidence``) and Point geometry, or ``latitude``/``longitude`` columns. Rows without coordinates
        are counted in the summary and not drawn.
    title
        Shown above the map, in the summary box and as the page title.
    boundaries
        Gazetteer boundaries (``{"boundary", "level", "name", "name_ar", "geometry"}``); one toggleable
        layer per level, with labels for levels 1 and 2.
    tiles
        An xyzservices provider name (``"OpenStreetMap"``, ``"CartoDB.Positron"``), a URL template with
        ``{z}/{x}/{y}``, a local folder of ``z/x/y`` tiles, or ``"none"`` for a plain background.
    heat
        Add a heat-map layer (hidden until switched on in the layer control).
    large
        Above this many events, markers draw on a canvas and have no hover tooltips.

    Returns
    -------
    folium.Map
        Save it with :func:`save_map` (which inlines every script and stylesheet).

    Examples
    --------
    >>> from strikemap.geoframe import events_to_frame
    >>> m = build_map(events_to_frame([]), title="No events", tiles="none")
    >>> "No events" in render_html(m)
    True
    """
    events, skipped = _events(frame)
    is_large = len(events) > large
    tile_layer = _tile_layer(tiles)
    # markercluster needs a maxZoom on the map itself when there is no tile layer to give one.
    m = folium.Map(tiles=None, control_scale=True, prefer_canvas=is_large, zoom_start=9,
                   location=[35.8, 36.55])
    m.options.update({"minZoom": 3, "maxZoom": 18})
    m.default_js = list(_MAP_JS)
    m.default_css = list(_MAP_CSS)
    root = cast(Figure, m.get_root())
    if title:
        root.title = esc(title)
    root.header.add_child(Element(_CSS), name="strikemap_css")
    if tile_layer is not None:
        tile_layer.add_to(m)

    _boundary_layers(m, boundaries)

    strings = _Strings()
    actor_counts = Counter(a for e in events for a in (e.actors or [NO_ACTOR]))
    named = [a for a, _ in actor_counts.most_common() if a != NO_ACTOR][:MAX_ACTOR_GROUPS]
    actor_keys = named + ([OTHER_ACTORS] if len(actor_counts) - (NO_ACTOR in actor_counts) > len(named) else [])
    actor_keys += [NO_ACTOR] if NO_ACTOR in actor_counts else []
    actor_index = {a: i for i, a in enumerate(actor_keys)}
    type_index = {t: i for i, t in enumerate(EVENT_TYPES)}

    rows = []
    for e in events:
        groups = sorted({actor_index.get(a, actor_index.get(OTHER_ACTORS, 0)) for a in (e.actors or [NO_ACTOR])})
        rows.append([
            round(e.lat, 5), round(e.lon, 5), type_index[e.type],
            e.day - _EPOCH if e.day is not None else None, e.fatalities, e.injured,
            strings.add(esc(e.location)), strings.add(esc(e.admin)) if e.admin else None,
            strings.add(esc(e.evidence)) if e.evidence else None,
            [strings.add(esc(a)) for a in e.actors], [strings.add(esc(t)) for t in e.targets],
            [strings.add(source_html(s)) for s in e.sources],
            strings.add(esc(e.date)) if e.date else None, groups, _heat_weight(e.fatalities),
        ])

    cluster = _add(folium.plugins.MarkerCluster(
        name="events", control=False,
        options={"chunkedLoading": False, "showCoverageOnHover": False, "maxClusterRadius": 40,
                 "spiderfyOnMaxZoom": True},
    ), m)
    type_counts = Counter(e.type for e in events)
    type_groups: list[folium.FeatureGroup | None] = []
    for etype in EVENT_TYPES:
        if not type_counts[etype]:
            type_groups.append(None)
            continue
        label = f"{_swatch(TYPE_COLORS[etype])}{esc(TYPE_LABELS[etype])} ({type_counts[etype]})"
        type_groups.append(_add(folium.FeatureGroup(name=label, show=True), m))
    actor_groups = []
    for actor in actor_keys:
        count = actor_counts[actor] if actor != OTHER_ACTORS else sum(
            n for a, n in actor_counts.items() if a not in actor_index)
        actor_groups.append(_add(folium.FeatureGroup(name=f"Actor: {esc(actor)} ({count})", show=True), m))

    heat_name = "null"
    if heat:
        heat_layer = folium.plugins.HeatMap(
            [[e.lat, e.lon, _heat_weight(e.fatalities)] for e in events] or [[35.8, 36.55, 0.0]],
            name="Heat map", show=False, radius=20, blur=15, min_opacity=0.3,
        ).add_to(m)
        heat_name = heat_layer.get_name()

    if events:
        pad = 0.05
        bounds = [[min(e.lat for e in events) - pad, min(e.lon for e in events) - pad],
                  [max(e.lat for e in events) + pad, max(e.lon for e in events) + pad]]
    else:
        bounds = [list(DEFAULT_BOUNDS[0]), list(DEFAULT_BOUNDS[1])]
    data = {
        "bounds": bounds,
        "strings": strings.items,
        "rows": rows,
        "types": list(EVENT_TYPES),
        "labels": [TYPE_LABELS[t] for t in EVENT_TYPES],
        "colors": [TYPE_COLORS[t] for t in EVENT_TYPES],
        "actors": [esc(a) for a in actor_keys],
        "large": is_large,
        "dated": any(e.day is not None for e in events),
        "legend": _legend_html(events),
        "summary": _summary_html(events, skipped, title),
        "filter": _filter_html(events) if any(e.day is not None for e in events) else "",
        "title": esc(title) if title else None,
    }
    m.add_child(_EventLayer(data, cluster, heat_name, type_groups, actor_groups))

    if events:
        _search_layer(m, events)
    folium.plugins.Fullscreen(position="topleft").add_to(m)
    if tile_layer is not None:
        mini = folium.TileLayer(tiles=tile_layer.tiles, attr=str(tile_layer.options.get("attribution", "")))
        folium.plugins.MiniMap(tile_layer=mini, toggle_display=True, position="bottomright",
                               zoom_level_offset=-5).add_to(m)
    folium.LayerControl(collapsed=len(actor_keys) > 6).add_to(m)

    return m


# Day numbers in the browser are days since 1970-01-01; Python ordinals count from year 1.
_EPOCH = dt.date(1970, 1, 1).toordinal()


# --------------------------------------------------------------------------- offline assets


_TAG = re.compile(
    r"<script\b[^>]*\bsrc=\"(?P<js>[^\"]+)\"[^>]*>\s*</script>"
    r"|<link\b[^>]*\bhref=\"(?P<css>[^\"]+)\"[^>]*/?>",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(?!data:|#)([^'\")]+)\1\s*\)")


def _asset_table() -> Mapping[str, str]:
    try:
        from offlinefolium.elements import _res
    except ImportError as exc:  # pragma: no cover - a broken install
        raise NotFoundError(
            "the 'folium-offline' package is missing: reinstall strikemap (pip install .) to get it"
        ) from exc
    table: Mapping[str, str] = _res
    return table


def offline_asset(url: str) -> str:
    """The content of a script or stylesheet folium links to, from the ``folium-offline`` package.

    Relative ``url(...)`` references inside stylesheets (images the package does not carry) are removed,
    so the page makes no request for them.

    Raises
    ------
    NotFoundError
        When the package does not carry the file: the page would need the network.
    """
    table = _asset_table()
    content = table.get(url)
    if content is None and url.startswith("//"):
        content = table.get("https:" + url)
    if content is None:
        raise NotFoundError(
            f"no offline copy of {url}: folium-offline does not carry it; pin folium to the version "
            "folium-offline was made for, or drop the plugin that needs it"
        )
    if url.endswith(".css"):
        content = _CSS_URL.sub("none", content)
    return content


def render_html(m: folium.Map, *, assets_dir: str | Path | None = None, html_path: str | Path | None = None) -> str:
    """The map's HTML with every script and stylesheet inlined (or written to ``assets_dir``).

    Parameters
    ----------
    m
        A map from :func:`build_map` (any folium map works).
    assets_dir
        Write the files here instead of inlining them; the page refers to them relative to ``html_path``.
    html_path
        Where the page will be saved (needed to make ``assets_dir`` references relative).
    """
    page = m.get_root().render()
    written: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        url = match.group("js") or match.group("css")
        is_js = match.group("js") is not None
        if not re.match(r"(?i)(https?:)?//", url):
            return match.group(0)
        content = offline_asset(url)
        if assets_dir is None:
            if is_js:
                return "<script>" + re.sub(r"(?i)</script", r"<\\/script", content) + "</script>"
            return "<style>" + re.sub(r"(?i)</style", r"<\\/style", content) + "</style>"
        folder = Path(assets_dir)
        folder.mkdir(parents=True, exist_ok=True)
        name = written.get(url)
        if name is None:
            base = re.sub(r"[^A-Za-z0-9._-]", "_", url.rstrip("/").rsplit("/", 1)[-1]) or "asset"
            if not base.endswith((".js", ".css")):
                base += ".js" if is_js else ".css"
            # Named by URL, so maps that share a folder share (and never clobber) each file.
            name = f"{hashlib.sha1(url.encode()).hexdigest()[:8]}-{base}"
            (folder / name).write_text(content, encoding="utf-8")
            written[url] = name
        target = (folder / name).resolve()
        start = Path(html_path).resolve().parent if html_path is not None else Path.cwd()
        try:
            rel = target.relative_to(start).as_posix()
        except ValueError:
            rel = Path(os.path.relpath(target, start)).as_posix()
        ref = esc(rel)
        return f'<script src="{ref}"></script>' if is_js else f'<link rel="stylesheet" href="{ref}"/>'

    return _TAG.sub(replace, page)


def save_map(m: folium.Map, path: str | Path, *, assets_dir: str | Path | None = None) -> Path:
    """Write the map as an offline HTML page, atomically.

    Parameters
    ----------
    m
        The map.
    path
        The HTML file to write; its folder must exist.
    assets_dir
        Put Leaflet and the plugins here as separate files instead of inside the page (useful when many
        maps share them).

    Returns
    -------
    Path
        ``path``.
    """
    target = Path(path)
    text = render_html(m, assets_dir=assets_dir, html_path=target)
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
        # mkstemp makes the file private (0600); a map is a page to share, so use the usual umask mode.
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)
    return target


def frame_summary(frame: gpd.GeoDataFrame) -> dict[str, Any]:
    """Counts by type, total fatalities and date range of a frame (what the summary box shows)."""
    events, skipped = _events(frame)
    known = [e.fatalities for e in events if e.fatalities is not None]
    dates = sorted(e.date for e in events if e.day is not None and e.date)
    return {
        "events": len(events),
        "not_mapped": skipped,
        "by_type": dict(Counter(e.type for e in events)),
        "fatalities": sum(known),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
    }
