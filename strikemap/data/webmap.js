/* strikemap's map page: builds every layer and control from one JSON table of events.
 *
 * The table (a <script type="application/json"> element) is joined into the page after the page's
 * templates were rendered, so no report text ever reaches a template engine. Every string in it that
 * came from outside the program was HTML-escaped in Python (strikemap.webmap_data); this code only
 * concatenates those strings with fixed markup, and writes numbers with String().
 */
(function () {
  'use strict';

  function el(tag, cls, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }

  function swatch(color) {
    return '<span class="sm-swatch" style="background:' + color + '"></span>';
  }

  // A control that folds into a small button; starts folded when `folded` is true.
  function panel(map, position, cls, title, folded) {
    var c = L.control({position: position});
    var box, body, head;
    c.onAdd = function () {
      box = L.DomUtil.create('div', 'sm-box ' + cls + (folded ? ' sm-folded' : ''));
      head = el('button', 'sm-head', box);
      head.type = 'button';
      head.innerHTML = title;
      head.setAttribute('aria-expanded', folded ? 'false' : 'true');
      body = el('div', 'sm-body', box);
      L.DomEvent.on(head, 'click', function () {
        var isFolded = box.classList.toggle('sm-folded');
        head.setAttribute('aria-expanded', isFolded ? 'false' : 'true');
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    c.addTo(map);
    return {control: c, box: box, body: body, head: head};
  }

  window.strikemapInit = function (map, D) {
    var S = D.strings, COLORS = D.colors, LABELS = D.labels, TYPES = D.types;
    var small = Math.min(window.innerWidth, window.innerHeight) < 600;
    var renderer = D.large ? L.canvas({padding: 0.5}) : undefined;
    var state = {types: {}, actors: {}, from: null, to: null, undated: true};
    TYPES.forEach(function (t, i) { state.types[i] = true; });
    D.actors.forEach(function (a, i) { state.actors[i] = true; });

    // -- basemap: the one online part; the minimap only once a tile has really loaded
    if (D.tiles) {
      var base = L.tileLayer(D.tiles.url, {attribution: D.tiles.attribution, maxZoom: D.tiles.max_zoom});
      base.addTo(map);
      if (L.Control.MiniMap) {
        base.once('tileload', function () {
          var mini = L.tileLayer(D.tiles.url, {attribution: D.tiles.attribution, maxZoom: D.tiles.max_zoom});
          map.addControl(new L.Control.MiniMap(mini, {position: 'bottomright', toggleDisplay: true,
            minimized: true, zoomLevelOffset: -5, width: 120, height: 120}));
        });
      }
    }

    // -- boundaries: one layer per admin level, labels for levels 1 and 2
    var overlays = {};
    D.boundaries.forEach(function (b) {
      var group = L.layerGroup();
      L.geoJSON(b.features, {
        style: b.style, interactive: true,
        onEachFeature: function (f, layer) {
          layer.bindTooltip(S[f.properties.label], {sticky: true});
          layer.on('mouseover', function () { layer.setStyle({weight: b.style.weight + 1.5, fillOpacity: 0.05}); });
          layer.on('mouseout', function () { layer.setStyle({weight: b.style.weight, fillOpacity: 0}); });
        }
      }).addTo(group);
      b.labels.forEach(function (p) {
        L.marker([p[0], p[1]], {interactive: false, keyboard: false, icon: L.divIcon({
          className: 'sm-label-icon', iconSize: [0, 0],
          html: '<span class="sm-label sm-level' + b.level + '">' + S[p[2]] + '</span>'})}).addTo(group);
      });
      if (b.show) group.addTo(map);
      overlays[b.name] = group;
    });

    // -- events
    function popup(r) {
      var h = '<div class="sm-popup"><b>' + S[r[6]] + '</b>';
      if (r[15] !== null) h += ' <b class="sm-name-ar" dir="rtl" lang="ar">' + S[r[15]] + '</b>';
      if (r[7] !== null) h += '<div>' + S[r[7]] + '</div>';
      h += '<table>';
      function row(k, v) { h += '<tr><th>' + k + '</th><td>' + v + '</td></tr>'; }
      row('Date', r[12] === null ? 'not reported' : S[r[12]]);
      row('Type', LABELS[r[2]]);
      row('Actors', r[9].length ? r[9].map(function (i) { return S[i]; }).join('; ') : 'not reported');
      row('Fatalities', r[4] === null ? 'not reported' : String(r[4]));
      row('Injured', r[5] === null ? 'not reported' : String(r[5]));
      if (r[10].length) row('Targets', r[10].map(function (i) { return S[i]; }).join(', '));
      h += '</table>';
      if (r[8] !== null) h += '<blockquote class="sm-evidence" dir="auto">' + S[r[8]] + '</blockquote>';
      if (r[11].length) h += '<div class="sm-sources">Sources:<br>' +
        r[11].map(function (i) { return S[i]; }).join('<br>') + '</div>';
      return h + '</div>';
    }
    var pad = small ? [10, 10] : [60, 60];
    var markerCache = {};
    // One circle marker per event, made when first needed (a large map makes only those on screen).
    function markerOf(i) {
      var m = markerCache[i];
      if (m) return m;
      var r = D.rows[i];
      m = markerCache[i] = L.circleMarker([r[0], r[1]], {
        radius: r[4] === null ? 4 : Math.min(22, 4 + 2.2 * Math.sqrt(r[4])),
        color: '#222', weight: 1, fillColor: COLORS[r[2]], fillOpacity: 0.85,
        className: 'sm-event sm-' + TYPES[r[2]], renderer: renderer
      });
      m.smRow = r;
      m.bindPopup(function () { return popup(r); }, {
        maxWidth: small ? Math.max(200, window.innerWidth - 60) : 360,
        maxHeight: small ? Math.max(200, window.innerHeight - 160) : 420,
        autoPanPaddingTopLeft: pad, autoPanPaddingBottomRight: pad, className: 'sm-popup-wrap'
      });
      if (!D.large) m.bindTooltip(S[r[6]]);
      return m;
    }

    // Clusters take the colour of the commonest type they hold (on a tie, the type listed first).
    function clusterIcon(n, typeCounts) {
      var best = 0, bestType = 0;
      typeCounts.forEach(function (c, t) { if (c > best) { best = c; bestType = t; } });
      var size = n < 10 ? 30 : n < 100 ? 36 : 44;
      return L.divIcon({
        html: '<div style="background:' + COLORS[bestType] + '"><span>' + String(n) + '</span></div>',
        className: 'marker-cluster sm-cluster sm-cluster-' + TYPES[bestType], iconSize: L.point(size, size)
      });
    }

    // Up to `large` events: Leaflet.markercluster (spiderfies markers that share a place).
    function leafletClusters() {
      var group = L.markerClusterGroup({
        chunkedLoading: false, showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true,
        iconCreateFunction: function (c) {
          var counts = TYPES.map(function () { return 0; });
          c.getAllChildMarkers().forEach(function (m) { counts[m.smRow[2]] += 1; });
          return clusterIcon(c.getChildCount(), counts);
        }
      });
      group.addTo(map);
      return {layer: group, show: function (indices) {
        group.clearLayers();
        group.addLayers(indices.map(markerOf));
      }};
    }

    // Above `large`: supercluster (a k-d tree, ISC licence), drawing only what is on screen.
    function superClusters() {
      var layer = L.layerGroup().addTo(map);
      var index = null, onScreen = 0;
      function draw() {
        layer.clearLayers();
        onScreen = 0;
        if (!index) return;
        var b = map.getBounds();
        var items = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom());
        items.forEach(function (f) {
          var c = f.geometry.coordinates;
          onScreen += f.properties.cluster ? f.properties.point_count : 1;
          if (!f.properties.cluster) { layer.addLayer(markerOf(f.properties.i)); return; }
          var m = L.marker([c[1], c[0]], {icon: clusterIcon(f.properties.point_count, f.properties.t)});
          m.on('click', function () {
            map.setView([c[1], c[0]], Math.min(index.getClusterExpansionZoom(f.properties.cluster_id), 18));
          });
          layer.addLayer(m);
        });
      }
      map.on('moveend', draw);
      return {layer: layer, onScreen: function () { return onScreen; }, show: function (indices) {
        index = new Supercluster({
          radius: 40, maxZoom: 17, minZoom: 3,
          map: function (p) { var t = TYPES.map(function () { return 0; }); t[p.type] = 1; return {t: t}; },
          reduce: function (acc, p) { for (var k = 0; k < acc.t.length; k++) acc.t[k] += p.t[k]; }
        });
        index.load(indices.map(function (i) {
          var r = D.rows[i];
          return {type: 'Feature', geometry: {type: 'Point', coordinates: [r[1], r[0]]},
                  properties: {i: i, type: r[2]}};
        }));
        draw();
      }};
    }

    var clusters = D.large && window.Supercluster ? superClusters() : leafletClusters();
    var cluster = clusters.layer;

    var heat = null;
    if (D.heat && L.heatLayer) {
      heat = L.heatLayer([], {radius: 20, blur: 15, minOpacity: 0.3});
      overlays[D.heat] = heat;
    }

    // -- actors: toggles in the layer list
    var actorLayers = D.actors.map(function (a, i) {
      var g = L.layerGroup();
      g.smActor = i;
      g.addTo(map);
      overlays['Actor: ' + a + ' (' + String(D.actor_counts[i]) + ')'] = g;
      return g;
    });
    L.control.layers(null, overlays, {collapsed: true, position: 'topright'}).addTo(map);
    map.on('overlayadd overlayremove', function (e) {
      if (e.layer.smActor !== undefined) {
        state.actors[e.layer.smActor] = map.hasLayer(e.layer);
        refilter();
      }
    });

    // -- the legend, which is also the type filter
    var legend = panel(map, 'bottomright', 'sm-legend', 'Event types', small);
    var typeRows = [];
    D.present_types.forEach(function (i) {
      var row = el('button', 'sm-row sm-type', legend.body);
      row.type = 'button';
      row.setAttribute('data-type', TYPES[i]);
      row.setAttribute('aria-pressed', 'true');
      row.title = 'Click to hide or show ' + LABELS[i];
      row.innerHTML = swatch(COLORS[i]) + LABELS[i] + ' <span class="sm-n"></span>';
      L.DomEvent.on(row, 'click', function () {
        state.types[i] = !state.types[i];
        row.classList.toggle('sm-off', !state.types[i]);
        row.setAttribute('aria-pressed', state.types[i] ? 'true' : 'false');
        refilter();
      });
      typeRows.push([i, row]);
    });
    el('div', 'sm-row sm-sizes', legend.body).innerHTML = D.size_legend;

    // -- the summary, with the dates and the timeline
    var summary = panel(map, 'bottomleft', 'sm-summary', D.title !== null ? D.title : 'Summary', small);
    var stats = el('div', 'sm-stats', summary.body);
    var timeline = null, box = {};
    if (D.dated) {
      var dates = el('div', 'sm-filter', summary.body);
      dates.innerHTML = '<div class="sm-dates">' +
        '<input type="date" class="sm-from" aria-label="from" min="' + D.first + '" max="' + D.last +
        '" value="' + D.first + '"> &ndash; <input type="date" class="sm-to" aria-label="to" min="' + D.first +
        '" max="' + D.last + '" value="' + D.last + '"></div>' +
        '<div><label><input type="checkbox" class="sm-undated" checked> undated</label> ' +
        '<button type="button" class="sm-reset">all dates</button></div>';
      box.from = dates.querySelector('.sm-from');
      box.to = dates.querySelector('.sm-to');
      box.undated = dates.querySelector('.sm-undated');
      [box.from, box.to, box.undated].forEach(function (e) { e.addEventListener('change', readDates); });
      dates.querySelector('.sm-reset').addEventListener('click', function () {
        box.from.value = D.first; box.to.value = D.last; box.undated.checked = true; readDates();
      });
      timeline = makeTimeline(el('div', 'sm-timeline', summary.body));
    }

    function dayOf(text) { return text ? Math.round(Date.parse(text) / 864e5) : null; }
    function isoOf(day) { return new Date(day * 864e5).toISOString().slice(0, 10); }
    function readDates() {
      state.from = box.from && box.from.value ? dayOf(box.from.value) : null;
      state.to = box.to && box.to.value ? dayOf(box.to.value) : null;
      state.undated = box.undated ? box.undated.checked : true;
      refilter();
    }

    // A bar per day (short spans) or per week; drag across it to choose the dates.
    function makeTimeline(holder) {
      var lo = dayOf(D.first), hi = dayOf(D.last);
      var step = hi - lo > 120 ? 7 : 1;
      var bins = Math.floor((hi - lo) / step) + 1;
      var counts = new Array(bins).fill(0);
      D.rows.forEach(function (r) { if (r[3] !== null) counts[Math.floor((r[3] - lo) / step)] += 1; });
      var max = Math.max.apply(null, counts.concat([1]));
      var W = 220, H = 36;
      var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
      svg.setAttribute('class', 'sm-timeline-svg');
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', 'events per ' + (step === 7 ? 'week' : 'day') + '; drag to choose dates');
      var bw = W / bins;
      var brush = document.createElementNS(svg.namespaceURI, 'rect');
      brush.setAttribute('class', 'sm-brush');
      brush.setAttribute('y', '0');
      brush.setAttribute('height', String(H));
      svg.appendChild(brush);
      counts.forEach(function (n, i) {
        if (!n) return;
        var bar = document.createElementNS(svg.namespaceURI, 'rect');
        var h = Math.max(2, (H - 2) * n / max);
        bar.setAttribute('x', String(i * bw + bw * 0.1));
        bar.setAttribute('width', String(Math.max(1, bw * 0.8)));
        bar.setAttribute('y', String(H - h));
        bar.setAttribute('height', String(h));
        bar.setAttribute('class', 'sm-bar');
        svg.appendChild(bar);
      });
      holder.appendChild(svg);
      var legendText = el('div', 'sm-timeline-caption', holder);
      legendText.textContent = 'events per ' + (step === 7 ? 'week' : 'day') + ' (drag to choose dates)';
      function dayAt(ev) {
        var rect = svg.getBoundingClientRect();
        var x = Math.min(Math.max(ev.clientX - rect.left, 0), rect.width - 0.001);
        return lo + Math.floor(x / rect.width * bins) * step;
      }
      var start = null;
      svg.addEventListener('pointerdown', function (ev) {
        start = dayAt(ev);
        svg.setPointerCapture(ev.pointerId);
        ev.preventDefault();
      });
      svg.addEventListener('pointermove', function (ev) {
        if (start === null) return;
        set(Math.min(start, dayAt(ev)), Math.max(start, dayAt(ev)) + step - 1, false);
      });
      svg.addEventListener('pointerup', function (ev) {
        if (start === null) return;
        var a = Math.min(start, dayAt(ev)), b = Math.max(start, dayAt(ev)) + step - 1;
        start = null;
        set(a, b, true);
      });
      function set(a, b, apply) {
        a = Math.max(a, lo); b = Math.min(b, hi);
        box.from.value = isoOf(a);
        box.to.value = isoOf(b);
        draw();
        if (apply) readDates();
      }
      function draw() {
        var a = box.from.value ? dayOf(box.from.value) : lo, b = box.to.value ? dayOf(box.to.value) : hi;
        var x0 = (Math.max(a, lo) - lo) / step * bw, x1 = (Math.min(b, hi) - lo + 1) / step * bw;
        brush.setAttribute('x', String(x0));
        brush.setAttribute('width', String(Math.max(0, x1 - x0)));
      }
      draw();
      return {draw: draw};
    }

    function refilter() {
      var shown = [];
      D.rows.forEach(function (r, i) {
        if (!state.types[r[2]]) return;
        if (!r[13].some(function (a) { return state.actors[a]; })) return;
        if (r[3] === null ? state.undated
            : (state.from === null || r[3] >= state.from) && (state.to === null || r[3] <= state.to)) shown.push(i);
      });
      clusters.show(shown);
      if (heat) heat.setLatLngs(shown.map(function (i) { var r = D.rows[i]; return [r[0], r[1], r[14]]; }));
      if (timeline) timeline.draw();
      summarise(shown);
    }

    // The summary follows every filter: counts per type, fatalities, dates, how many are shown.
    function summarise(shown) {
      var byType = {}, fat = 0, unknown = 0, first = null, last = null, undated = 0;
      shown.forEach(function (i) {
        var r = D.rows[i];
        byType[r[2]] = (byType[r[2]] || 0) + 1;
        if (r[4] === null) unknown += 1; else fat += r[4];
        if (r[3] === null) undated += 1;
        else { first = first === null ? r[3] : Math.min(first, r[3]); last = last === null ? r[3] : Math.max(last, r[3]); }
      });
      var h = '<div><b class="sm-shown">' + String(shown.length) + ' of ' + String(D.rows.length) +
        '</b> events shown</div>';
      h += '<div>Fatalities: <b class="sm-fatalities">' + String(fat) + '</b>' +
        (unknown ? ' (not reported for ' + String(unknown) + ')' : '') + '</div>';
      if (first !== null) {
        h += '<div class="sm-span">Dates: ' + (first === last ? isoOf(first) : isoOf(first) + ' &ndash; ' + isoOf(last)) +
          '</div>';
      }
      if (undated) h += '<div>Undated: ' + String(undated) + '</div>';
      if (D.skipped) h += '<div>Not mapped (no coordinates): ' + String(D.skipped) + '</div>';
      if (D.notes) h += D.notes;
      stats.innerHTML = h;
      typeRows.forEach(function (p) {
        p[1].querySelector('.sm-n').textContent = '(' + String(byType[p[0]] || 0) + ')';
      });
    }

    // -- title and place search
    if (D.title !== null && !small) {
      var t = L.DomUtil.create('div', 'sm-title', map.getContainer());
      t.innerHTML = D.title;
      L.DomEvent.disableClickPropagation(t);
    }
    if (D.places.length && L.Control.Search) {
      var places = L.geoJSON({type: 'FeatureCollection', features: D.places.map(function (p) {
        return {type: 'Feature', geometry: {type: 'Point', coordinates: [p[1], p[0]]}, properties: {place: S[p[2]]}};
      })}, {pointToLayer: function (f, ll) { return L.circleMarker(ll, {radius: 1, stroke: false, fill: false}); }});
      places.addTo(map);
      map.addControl(new L.Control.Search({layer: places, propertyName: 'place', collapsed: true,
        textPlaceholder: 'Search places', position: 'topleft', initial: false, zoom: 13,
        hideMarkerOnCollapse: true}));
    }

    // Fit before any marker is added and without animation: markercluster must not see a move
    // while it builds its tree.
    map.fitBounds(D.bounds, {maxZoom: 12, animate: false});
    refilter();
    window.strikemap = window.strikemap || {};
    window.strikemap[map.getContainer().id] = {map: map, cluster: cluster, marker: markerOf, onScreen: clusters.onScreen,
      markers: D.large ? null : D.rows.map(function (r, i) { return markerOf(i); }), refilter: refilter,
      state: state, heat: heat};
  };
})();
