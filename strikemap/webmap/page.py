"""Interactive, offline Folium maps of strike events, safe with untrusted text (the only folium importer).

The page is built from a GeoDataFrame of events (:func:`strikemap.geoframe.events_to_frame` or an event
file read back) and saved as one self-contained HTML file.

Safety: no outside text is ever rendered as a template
    branca renders each element's template to a string and wraps that string in a new
    ``Element``, which parses it as a Jinja template again when the page is rendered. Any text that
    sat in an element (a layer name, a tooltip, a GeoJSON property, a script's data) was therefore
    rendered twice, and ``{{ ... }}`` in a report ran. So here no folium element holds outside text:
    the folium elements carry only this module's constants and numbers, and everything that came from a
    report, a file or the user (see :mod:`strikemap.webmap.payload`, which also HTML-escapes it) is one JSON
    payload that :func:`render_html` joins into the page *after* ``Figure.render()`` has finished, by
    plain string replacement of a fixed marker. Jinja never sees that text, so it cannot be rendered,
    once or twice. The browser code (``strikemap/data/webmap.js``) builds the layers from the payload.

Offline
    folium links Leaflet and its plugins from CDNs. :func:`render_html` replaces each of those
    ``<script src>`` / ``<link href>`` tags with the file's content, taken from the ``folium-offline``
    package (PyPI), which ships the exact files folium's URLs name, and does the same for strikemap's own
    script and stylesheet (package data). A URL it does not carry is an error, never a silent CDN
    reference. Basemap tiles are the one online part; without them the page shows boundaries and events
    on a plain background, and the minimap appears only once a tile has loaded.

Scale
    Events travel as one compact JSON table and become circle markers inside a marker cluster in the
    browser. Up to ``large`` events (default 2,000) Leaflet.markercluster groups them; above it,
    supercluster (a k-d tree) does, and only the markers on screen are made, drawn on a canvas without
    hover tooltips, so 100,000 events build in seconds and draw in a browser in a few.
"""

# folium's plugins have no type hints; every call to them would need its own ignore.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import functools
import hashlib
import os
import re
import warnings
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import folium
import folium.plugins
from branca.element import Figure
from folium.elements import JSCSSMixin
from folium.template import Template

from ..atomic import atomic_path
from ..errors import InputError, NotFoundError
from ..sanitize import clean_text
from .escape import esc, script_json
from .payload import map_payload

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "build_map",
    "offline_asset",
    "render_html",
    "save_map",
]

# Only Leaflet itself is needed from folium's defaults: the page uses no jQuery, Bootstrap or icon fonts.
_MAP_JS = [(name, url) for name, url in folium.Map.default_js if name == "leaflet"]
_MAP_CSS = [(name, url) for name, url in folium.Map.default_css if name == "leaflet_css"]
# strikemap's own script and stylesheet, inlined like the plugins' files (package data).
_OWN_SCHEME = "strikemap-asset:"
_OWN_JS = [("strikemap_js", _OWN_SCHEME + "webmap.js")]
_OWN_CSS = [("strikemap_css", _OWN_SCHEME + "webmap.css")]
# Large maps cluster with supercluster (mapbox, ISC licence; strikemap/data/vendor, see LICENSES.md).
_SUPERCLUSTER_JS = [("supercluster", _OWN_SCHEME + "vendor/supercluster.min.js")]


# --------------------------------------------------------------------------- tiles


def _tile_spec(tiles: str | Path | None) -> dict[str, Any] | None:
    """URL template, attribution and max zoom for a provider name, URL template or tile folder."""
    if tiles is None or str(tiles).strip().lower() in ("", "none"):
        return None
    spec = str(tiles).strip()
    if "{z}" in spec and "{x}" in spec and "{y}" in spec:
        host = urlsplit(spec).netloc or "local tiles"
        return {"url": spec, "attribution": f"Tiles: {esc(host)}", "max_zoom": 18}
    folder = Path(spec).expanduser()
    if folder.is_dir():
        ext = next((p.suffix for p in sorted(folder.glob("*/*/*.*")) if p.suffix in (".png", ".jpg", ".jpeg",
                                                                                     ".webp")), ".png")
        url = folder.resolve().as_uri() + "/{z}/{x}/{y}" + ext
        return {"url": url, "attribution": f"Tiles: {esc(folder.name)}", "max_zoom": 18}
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
    return {"url": url, "attribution": str(provider.html_attribution), "max_zoom": int(provider.get("max_zoom", 18))}


# --------------------------------------------------------------------------- the page's elements


class _Assets(JSCSSMixin):
    """Only the script and stylesheet links of Leaflet plugins the page's own code uses."""

    _template = Template("")

    def __init__(self, js: list[tuple[str, str]], css: list[tuple[str, str]]) -> None:
        super().__init__()
        self._name = "StrikemapAssets"
        self.default_js = js
        self.default_css = css


class _EventLayer(JSCSSMixin):
    """The call that builds the page from its payload; the payload itself is joined in after rendering.

    The template holds element names and a fixed marker, nothing else: no value of this element comes
    from outside the program.
    """

    _template = Template(
        """
{% macro html(this, kwargs) %}
<script type="application/json" id="{{ this.get_name() }}_data">{{ this.marker }}</script>
{% endmacro %}
{% macro script(this, kwargs) %}
strikemapInit({{ this._parent.get_name() }},
    JSON.parse(document.getElementById('{{ this.get_name() }}_data').textContent));
{% endmacro %}
"""
    )
    default_js = _OWN_JS
    default_css = _OWN_CSS

    def __init__(self, payload: dict[str, Any]) -> None:
        super().__init__()
        self._name = "StrikemapEvents"
        self.payload = payload

    @property
    def marker(self) -> str:
        # Letters, digits and underscores only: the same before and after Jinja, unique in the page.
        return f"STRIKEMAP_PAYLOAD_{self.get_name()}"


def build_map(
    frame: gpd.GeoDataFrame,
    *,
    title: str | None = None,
    boundaries: Iterable[Mapping[str, Any]] = (),
    tiles: str | Path | None = "OpenStreetMap",
    heat: bool = True,
    large: int = 2000,
    notes: Iterable[str] = (),
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
        Shown above the map, as the summary panel's heading and as the page title.
    boundaries
        Gazetteer boundaries (``{"boundary", "level", "name", "name_ar", "geometry"}``); one toggleable
        layer per level, with labels for levels 1 and 2.
    tiles
        An xyzservices provider name (``"OpenStreetMap"``, ``"CartoDB.Positron"``), a URL template with
        ``{z}/{x}/{y}``, a local folder of ``z/x/y`` tiles, or ``"none"`` for a plain background.
    heat
        Offer a heat-map layer (hidden until switched on in the layer list).
    large
        Above this many events, markers draw on a canvas and have no hover tooltips.
    notes
        Plain-text lines for the summary panel (e.g. how many duplicate events were dropped).

    Returns
    -------
    folium.Map
        Save it with :func:`save_map` (which inlines every script and stylesheet and joins the data in).

    Examples
    --------
    >>> from strikemap.geoframe import events_to_frame
    >>> m = build_map(events_to_frame([]), title="No {{ events }}", tiles="none")
    >>> "No {{ events }}" in render_html(m)
    True
    """
    tile_spec = _tile_spec(tiles)
    payload = map_payload(frame, title=title, boundaries=boundaries, tiles=tile_spec, heat=heat, large=large,
                          notes=notes)
    m = folium.Map(tiles=None, control_scale=True, prefer_canvas=bool(payload["large"]), zoom_start=9,
                   location=[35.8, 36.55])
    m.options.update({"minZoom": 3, "maxZoom": 18})
    m.default_js = list(_MAP_JS)
    m.default_css = list(_MAP_CSS)
    # The page title is the one outside string given to branca: Figure's template prints it as a
    # variable once ({{ this.title }}), and Figure's own output is never rendered again.
    if title:
        cast(Figure, m.get_root()).title = esc(clean_text(title))
    plugins = folium.plugins
    js = list(plugins.MarkerCluster.default_js) + list(plugins.Search.default_js)
    css = list(plugins.MarkerCluster.default_css) + list(plugins.Search.default_css)
    if heat:
        js += list(plugins.HeatMap.default_js)
    if payload["large"]:
        js += _SUPERCLUSTER_JS
    if tile_spec is not None:
        js += list(plugins.MiniMap.default_js)
        css += list(plugins.MiniMap.default_css)
    m.add_child(_Assets(js, css))
    plugins.Fullscreen(position="topleft").add_to(m)
    m.add_child(_EventLayer(payload))
    return m


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


@functools.cache
def _own_asset(name: str) -> str:
    return resources.files("strikemap").joinpath("data", *name.split("/")).read_text(encoding="utf-8")


def offline_asset(url: str) -> str:
    """The content of a script or stylesheet the page links to, from ``folium-offline`` or strikemap itself.

    Relative ``url(...)`` references inside stylesheets (images the package does not carry) are removed,
    so the page makes no request for them.

    Raises
    ------
    NotFoundError
        When no offline copy exists: the page would need the network.
    """
    if url.startswith(_OWN_SCHEME):
        return _own_asset(url[len(_OWN_SCHEME):])
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


def _join_payloads(page: str, m: folium.Map) -> str:
    """Put each event layer's payload where its marker is, by string replacement (no template)."""
    for child in list(m._children.values()):
        if not isinstance(child, _EventLayer):
            continue
        head, sep, tail = page.partition(child.marker)
        if not sep or child.marker in tail:
            raise RuntimeError(f"the page has {page.count(child.marker)} data markers, expected 1")
        page = head + script_json(child.payload) + tail
    return page


def render_html(m: folium.Map, *, assets_dir: str | Path | None = None, html_path: str | Path | None = None) -> str:
    """The map's HTML with its data joined in and every script and stylesheet inlined (or in ``assets_dir``).

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
        if not re.match(r"(?i)(https?:)?//", url) and not url.startswith(_OWN_SCHEME):
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
            base = re.sub(r"[^A-Za-z0-9._-]", "_", url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]) or "asset"
            if not base.endswith((".js", ".css")):
                base += ".js" if is_js else ".css"
            # Named by URL and content, so maps that share a folder share (and never clobber) each file.
            digest = hashlib.sha1((url + "\0" + content).encode()).hexdigest()[:8]
            name = f"{digest}-{base}"
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

    # Assets first, data last: the payload is never searched for tags nor rendered.
    return _join_payloads(_TAG.sub(replace, page), m)


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
